"""Where requests go and which key signs them.

:class:`ConnectionSection` edits the connection settings, with editors built
from ``declaration.CONNECTION_FIELDS`` by field type; the window tells it
where the current key comes from (:class:`KeyLookup`) and which service the
base URL points at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton,
    QVBoxLayout, QWidget,
)

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS
from realtime_gui.core.service.errors import KeyringUnavailableError, NoApiKeyError
from realtime_gui.core.library.keys import DEFAULT_KEY, ENV_VAR, KeyNameError
from realtime_gui.core.service.request import Credentials
from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.types import Choice
from realtime_gui.core.wire.validate import Problem
from realtime_gui.ui.style.style import ElidedLabel, muted

if TYPE_CHECKING:
    from realtime_gui.core.library.keys import ApiKeys

__all__ = ["ConnectionSection", "KeyLookup"]

_PREFIX = "connection."
# The setting the keyring is asked about (as ``service.mint_configuration``
# does): its row also says where the key comes from and offers the Keys dialog.
_KEY_SETTING = "key_name"
_MARGIN = 8  # the form's own margin, so this section's arrow and labels line up with its sections'
_INDENT = 24  # the labels under the title, as in the form's sections


class _Editor:
    """One setting's editor: the widget, how to read it, how to fill it.

    ``read`` returns ``None`` for "not set", so the declared default (or an
    environment variable) applies and the saved file stays minimal.
    """

    def __init__(self, widget: QWidget, read: Callable[[], Any], write: Callable[[Any], None]) -> None:
        self.widget, self.read, self.write = widget, read, write


def _choice_editor(spec: Field, choice: Choice, changed: Callable[[], None]) -> _Editor:
    box = QComboBox()
    for index, option in enumerate(choice.options):
        box.addItem(option.value, option.value)
        box.setItemData(index, option.help, Qt.ItemDataRole.ToolTipRole)
    box.currentIndexChanged.connect(lambda _index: changed())

    def read() -> Any:
        value = box.currentData()
        return None if value == spec.default else value

    def write(value: Any) -> None:
        index = box.findData(spec.default if value is None else value)
        box.setCurrentIndex(max(index, 0))

    return _Editor(box, read, write)


def _text_editor(spec: Field, changed: Callable[[], None]) -> _Editor:
    line = QLineEdit()
    line.setClearButtonEnabled(True)
    if spec.default not in (NOT_SET, None, ""):
        line.setPlaceholderText(str(spec.default))
    line.textChanged.connect(lambda _text: changed())
    return _Editor(line, lambda: line.text().strip() or None,
                   lambda value: line.setText("" if value is None else str(value)))


class ConnectionSection(QWidget):
    """A collapsible form of the connection settings."""

    changed = Signal()
    keys_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: dict[str, _Editor] = {}
        self._problem_labels: dict[str, QLabel] = {}

        self._expanded = False
        self._toggle = QToolButton()
        self._toggle.setText("Connection")
        self._toggle.setObjectName("connection_toggle")
        self._toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._toggle.setAutoRaise(True)
        self._toggle.setProperty("role", "heading")
        self._toggle.clicked.connect(lambda: self.set_expanded(not self._expanded))
        self._summary = ElidedLabel()
        self._summary.setObjectName("connection_summary")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self._toggle)
        header.addWidget(self._summary, 1)
        header.addStretch(0)  # keeps the toggle on the left while the summary is hidden

        self._body = QWidget()
        form = QFormLayout(self._body)
        form.setContentsMargins(_INDENT, 0, 0, 6)
        form.setHorizontalSpacing(12)  # as the form's columns
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in CONNECTION_FIELDS:
            editor = self._build(spec)
            editor.widget.setObjectName(_PREFIX + spec.key)
            editor.widget.setToolTip(spec.help)
            self._editors[spec.key] = editor
            problem = QLabel()
            problem.setProperty("role", "problem")
            problem.setWordWrap(True)
            problem.hide()
            self._problem_labels[spec.key] = problem
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(editor.widget)
            cell.addWidget(problem)
            if spec.key == _KEY_SETTING:
                cell.addLayout(self._key_row())
            label = QLabel(spec.label)  # no colon, as in the form below
            label.setToolTip(spec.help)
            label.setBuddy(editor.widget)
            form.addRow(label, cell)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(_MARGIN, 0, _MARGIN, 0)  # in line with the form's sections
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self._body)
        self.set_expanded(False)

    # -- building ---------------------------------------------------------------

    def _build(self, spec: Field) -> _Editor:
        if isinstance(spec.type, Choice):
            return _choice_editor(spec, spec.type, self.changed.emit)
        return _text_editor(spec, self.changed.emit)

    def _key_row(self) -> QHBoxLayout:
        self._key_source = muted()
        self._key_source.setObjectName("key_source")
        manage = QPushButton("Keys…")
        manage.setToolTip("Add, replace or delete API keys in the OS keyring")
        manage.clicked.connect(self.keys_requested)
        self._key_names = QStringListModel(self)
        completer = QCompleter(self._key_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        key_editor = self._editors[_KEY_SETTING].widget
        if isinstance(key_editor, QLineEdit):
            key_editor.setCompleter(completer)
        row = QHBoxLayout()
        row.addWidget(self._key_source, 1)
        row.addWidget(manage)
        return row

    # -- values -------------------------------------------------------------------

    def set_connection(self, connection: Mapping[str, Any]) -> None:
        """Fill the editors without emitting ``changed``."""
        for key, editor in self._editors.items():
            with QSignalBlocker(editor.widget):
                editor.write(connection.get(key))
        self.show_problems([])

    def connection(self) -> dict[str, Any]:
        """The settings that differ from "not set", by key."""
        read = ((key, editor.read()) for key, editor in self._editors.items())
        return {key: value for key, value in read if value is not None}

    # -- what the window tells it ----------------------------------------------

    def set_summary(self, text: str) -> None:
        self._summary.setText(text)

    def set_key_source(self, text: str) -> None:
        self._key_source.setText(text)

    def set_key_names(self, names: list[str]) -> None:
        self._key_names.setStringList(names)

    def show_problems(self, problems: list[Problem]) -> None:
        """Show the connection problems among ``problems`` under their editors."""
        found = {p.field_id.removeprefix(_PREFIX): p for p in problems if p.field_id.startswith(_PREFIX)}
        for key, label in self._problem_labels.items():
            problem = found.get(key)
            label.setText(f"⚠ {problem.detail[:1].upper()}{problem.detail[1:]}." if problem else "")
            label.setVisible(problem is not None)
        if found:
            self.set_expanded(True)

    def focus_setting(self, field_id: str) -> bool:
        """Open the section and focus ``connection.KEY``; False if not ours."""
        editor = self._editors.get(field_id.removeprefix(_PREFIX))
        if not field_id.startswith(_PREFIX) or editor is None:
            return False
        self.set_expanded(True)
        editor.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def set_expanded(self, expanded: bool) -> None:
        self._expanded = expanded
        self._toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self._body.setVisible(expanded)
        self._summary.setVisible(not expanded)

    def is_expanded(self) -> bool:
        return self._expanded


class KeyLookup:
    """Which key a name resolves to, asked of ``ApiKeys`` once per name.

    The preview and the key's source line ask on every edit; the keyring
    sits behind D-Bus, so answers are kept until :meth:`forget` (after the
    Keys dialog changed something).
    """

    def __init__(self, keys: ApiKeys, env: Mapping[str, str]) -> None:
        self._keys, self._env = keys, env
        self._found: dict[str, Credentials | None] = {}
        self._keyring_down = False

    def credentials(self, name: str) -> Credentials | None:
        if name not in self._found:
            try:
                self._found[name] = self._keys.resolve(name, self._env)
            except KeyringUnavailableError:
                self._found[name], self._keyring_down = None, True
            except (NoApiKeyError, KeyNameError):
                self._found[name] = None
        return self._found[name]

    def describe(self, name: str) -> str:
        """``Key “work”: keyring (work)``, or what to do when there is none."""
        found = self.credentials(name)
        if found is not None:
            return f"Key “{name}”: {found.source}"
        fallback = f" or set {ENV_VAR}" if name == DEFAULT_KEY else ""
        if self._keyring_down:
            return f"No key “{name}”: the keyring can't be reached; keep one for this run with Keys…{fallback}"
        return f"No key “{name}” yet: add it with Keys…{fallback}"

    def forget(self) -> None:
        self._found.clear()
        self._keyring_down = False
