"""Where requests go and which key signs them: the connection section.

:class:`ConnectionSection` shows ``declaration.CONNECTION_FIELDS`` with the
editors the form uses, picked by field type (``all_editors.make_editor``);
the window tells it where the current key comes from and which service the
base URL points at. Open, it lays the settings out two to a line, and says
where the key comes from on its title line, so the form below keeps its room.

Marks follow the edits, as the form's do: once problems are shown, every edit
checks the settings again, so a fixed one loses its mark at once; a number
typed out of range is marked as it is typed. The section also knows which
settings the user changed since they were shown (:meth:`ConnectionSection.changed_here`):
a host typed here is the user's own choice, one read from a file is not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.catalog.connection import KEY_NAME
from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS
from realtime_gui.core.catalog.endpoints import DEFAULT_ENDPOINT
from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import Problem, validate
from realtime_gui.ui.form.all_editors import make_editor
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.style.style import muted, set_role

__all__ = ["ConnectionSection"]

_PREFIX = "connection."
# The setting the keyring is asked about (as ``workflows.mint_configuration``
# does): the title line says where that key comes from and offers the Keys dialog.
_KEY_SETTING = KEY_NAME.key
_MARGIN = 8  # the form's own margin, so this section's arrow and labels line up with its sections'
_INDENT = 24  # the labels under the title, as in the form's sections
_PER_LINE = 2  # settings side by side: each is short, and the form below needs the height
_NO_ENDPOINT = EditorContext(endpoint_id=None, shape=None)  # the connection is the same for every endpoint


class _Setting:
    """One connection setting: its editor and the line for its problem.

    There is no state chip here: a setting is not set until it is edited, and
    the saved file keeps only the set ones. An editor that can be left blank (a
    line) shows the default as its placeholder and is not set while blank; any
    other shows the default itself, and is not set while it does.
    """

    def __init__(self, field: Field, parent: QWidget, on_edit: Callable[[], None]) -> None:
        self.field = field
        self.editor = make_editor(field, _NO_ENDPOINT, parent)
        self.editor.on_edit = on_edit
        self.focus = self.editor.focus
        self.focus.setObjectName(_PREFIX + field.key)
        self.focus.setToolTip(field.help)
        self._line = self.focus if isinstance(self.focus, QLineEdit) else None
        if self._line is not None:
            self._line.setClearButtonEnabled(True)  # blank is "not set": one click gets there
        self._placeholder = "" if field.default in (NOT_SET, None, "") else str(field.default)
        self.problem = QLabel(parent)
        set_role(self.problem, "problem")
        self.problem.setWordWrap(True)
        self.problem.hide()

    def load(self, value: Any) -> None:
        """Show a saved value; ``None`` is not set."""
        if value is not None:
            self.editor.load(value)
        elif self._line is None:
            self.editor.show_default(self.field.default, self._placeholder)
        else:
            self.editor.show_default(NOT_SET, self._placeholder)
        if self._line is not None:  # what blank means, also after a value was shown
            self._line.setPlaceholderText(self._placeholder)

    def value(self) -> Any:
        """The value to save; ``None`` when not set."""
        value = self.editor.value()
        if isinstance(value, str):
            value = value.strip()
        if value is NOT_SET or value == "" or (self._line is None and value == self.field.default):
            return None
        return value

    def show_problem(self, problem: Problem | None) -> None:
        self.problem.setText(f"⚠ {problem.detail[:1].upper()}{problem.detail[1:]}." if problem else "")
        self.problem.setVisible(problem is not None)


class ConnectionSection(QWidget):
    """A collapsible form of the connection settings."""

    changed = Signal()
    keys_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._expanded = False
        self._toggle = QToolButton()
        self._toggle.setText("Connection")
        self._toggle.setObjectName("connection_toggle")
        set_enum(self._toggle, "toolButtonStyle", "ToolButtonTextBesideIcon")
        self._toggle.setAutoRaise(True)
        set_role(self._toggle, "section")  # as the form's sections
        self._toggle.clicked.connect(lambda: self.set_expanded(not self._expanded))
        # Wrapped, not cut off: what they say about the key matters most in a narrow window.
        self._summary = muted()
        self._summary.setObjectName("connection_summary")
        self._key_source = muted()
        self._key_source.setObjectName("key_source")
        manage = QPushButton("Keys…")
        manage.setToolTip("Add, replace or delete API keys in the OS keyring")
        manage.clicked.connect(self.keys_requested)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self._toggle)
        header.addWidget(self._summary, 1)  # closed: the service and the key in one line
        header.addWidget(self._key_source, 1)  # open: the settings say the rest
        header.addWidget(manage)

        self._body = QWidget()
        grid = QGridLayout(self._body)
        grid.setContentsMargins(_INDENT, 0, 0, 2)
        grid.setHorizontalSpacing(12)  # as the form's columns
        grid.setVerticalSpacing(2)
        self._settings: dict[str, _Setting] = {}
        self._shown: dict[str, Any] = {}  # the settings as last set_connection() gave them
        self._edited: set[str] = set()  # keys of the settings the user edited since
        self._live = False  # problems are shown: each edit checks again
        for index, spec in enumerate(CONNECTION_FIELDS):
            setting = self._settings[spec.key] = _Setting(spec, self._body, self._edit_of(spec.key))
            line, column = divmod(index, _PER_LINE)
            label = QLabel(spec.label)  # no colon, as in the form below
            label.setToolTip(spec.help)
            label.setBuddy(setting.focus)
            # Each setting takes two grid rows (editor, then its problem) and three
            # columns (label, editor, a gap before the next setting).
            grid.addWidget(label, 2 * line, 3 * column)
            grid.addWidget(setting.editor.root, 2 * line, 3 * column + 1)
            grid.addWidget(setting.problem, 2 * line + 1, 3 * column + 1)
        for column in range(_PER_LINE):
            grid.setColumnStretch(3 * column + 1, 1)
            if column:
                grid.setColumnMinimumWidth(3 * column - 1, 12)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(_MARGIN, 0, _MARGIN, 0)  # in line with the form's sections
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self._body)
        self.set_expanded(False)

    # -- values -------------------------------------------------------------------

    def set_connection(self, connection: Mapping[str, Any]) -> None:
        """Show ``connection``'s settings; does not emit ``changed``."""
        for key, setting in self._settings.items():
            setting.load(connection.get(key))
        self._shown, self._edited = self.connection(), set()
        self.show_problems([])

    def connection(self) -> dict[str, Any]:
        """The settings that are set, by key."""
        read = ((key, setting.value()) for key, setting in self._settings.items())
        return {key: value for key, value in read if value is not None}

    def changed_here(self) -> set[str]:
        """Keys of the settings the user edited here to something other than
        what :meth:`set_connection` showed (a file's values are not the user's choice)."""
        now = self.connection()
        return {key for key in self._edited if now.get(key) != self._shown.get(key)}

    def _edit_of(self, key: str) -> Callable[[], None]:
        def edited() -> None:
            self._edited.add(key)
            self._follow(key)
            self.changed.emit()
        return edited

    def _follow(self, key: str) -> None:
        """Bring the marks up to date with an edit of setting ``key``."""
        if self._live:
            self._mark(self._check())
            return
        setting = self._settings[key]
        if setting.editor.checks_as_typed:
            value = setting.value()
            detail = None if value is None else setting.field.type.check(value)
            setting.show_problem(Problem(_PREFIX + key, key, setting.field.label, detail) if detail else None)

    def _check(self) -> list[Problem]:
        """What Mint would find wrong with the settings shown."""
        found = validate(Configuration("", DEFAULT_ENDPOINT, {}, self.connection()))
        return [p for p in found if p.field_id.startswith(_PREFIX)]

    # -- what the window tells it ----------------------------------------------

    def set_summary(self, text: str) -> None:
        self._summary.setText(text)

    def set_key_source(self, text: str) -> None:
        self._key_source.setText(text)

    def show_problems(self, problems: list[Problem]) -> None:
        """Show the connection problems among ``problems`` under their editors.
        From now on the marks follow the edits, until none are shown."""
        self._live = self._mark(problems)
        if self._live:
            self.set_expanded(True)

    def _mark(self, problems: list[Problem]) -> bool:
        """Mark the settings ``problems`` name, clear the rest; whether any is marked."""
        found = {p.field_id.removeprefix(_PREFIX): p for p in problems if p.field_id.startswith(_PREFIX)}
        for key, setting in self._settings.items():
            setting.show_problem(found.get(key))
        return bool(found)

    def focus_setting(self, field_id: str) -> bool:
        """Open the section and focus ``connection.KEY``; False if not ours."""
        setting = self._settings.get(field_id.removeprefix(_PREFIX))
        if not field_id.startswith(_PREFIX) or setting is None:
            return False
        self.set_expanded(True)
        setting.focus.setFocus()  # Qt's OtherFocusReason
        return True

    def set_expanded(self, expanded: bool) -> None:
        self._expanded = expanded
        set_enum(self._toggle, "arrowType", "DownArrow" if expanded else "RightArrow")
        self._body.setVisible(expanded)
        self._summary.setVisible(not expanded)
        self._key_source.setVisible(expanded)

    def is_expanded(self) -> bool:
        return self._expanded
