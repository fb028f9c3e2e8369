"""Where requests go and which key signs them: the connection section.

:class:`ConnectionSection` shows ``declaration.CONNECTION_FIELDS`` with the
editors the form uses, picked by field type (``all_editors.make_editor``);
the window tells it where the current key comes from and which service the
base URL points at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
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
from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.wire.validate import Problem
from realtime_gui.ui.form.all_editors import make_editor
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.style.style import ElidedLabel, muted

__all__ = ["ConnectionSection"]

_PREFIX = "connection."
# The setting the keyring is asked about (as ``workflows.mint_configuration``
# does): its row also says where the key comes from and offers the Keys dialog.
_KEY_SETTING = KEY_NAME.key
_MARGIN = 8  # the form's own margin, so this section's arrow and labels line up with its sections'
_INDENT = 24  # the labels under the title, as in the form's sections
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
        self.problem.setProperty("role", "problem")
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
        self._settings: dict[str, _Setting] = {}
        for spec in CONNECTION_FIELDS:
            setting = self._settings[spec.key] = _Setting(spec, self._body, self.changed.emit)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(setting.editor.root)
            cell.addWidget(setting.problem)
            if spec.key == _KEY_SETTING:
                cell.addLayout(self._key_row())
            label = QLabel(spec.label)  # no colon, as in the form below
            label.setToolTip(spec.help)
            label.setBuddy(setting.focus)
            form.addRow(label, cell)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(_MARGIN, 0, _MARGIN, 0)  # in line with the form's sections
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self._body)
        self.set_expanded(False)

    def _key_row(self) -> QHBoxLayout:
        self._key_source = muted()
        self._key_source.setObjectName("key_source")
        manage = QPushButton("Keys…")
        manage.setToolTip("Add, replace or delete API keys in the OS keyring")
        manage.clicked.connect(self.keys_requested)
        row = QHBoxLayout()
        row.addWidget(self._key_source, 1)
        row.addWidget(manage)
        return row

    # -- values -------------------------------------------------------------------

    def set_connection(self, connection: Mapping[str, Any]) -> None:
        """Show ``connection``'s settings; does not emit ``changed``."""
        for key, setting in self._settings.items():
            setting.load(connection.get(key))
        self.show_problems([])

    def connection(self) -> dict[str, Any]:
        """The settings that are set, by key."""
        read = ((key, setting.value()) for key, setting in self._settings.items())
        return {key: value for key, value in read if value is not None}

    # -- what the window tells it ----------------------------------------------

    def set_summary(self, text: str) -> None:
        self._summary.setText(text)

    def set_key_source(self, text: str) -> None:
        self._key_source.setText(text)

    def show_problems(self, problems: list[Problem]) -> None:
        """Show the connection problems among ``problems`` under their editors."""
        found = {p.field_id.removeprefix(_PREFIX): p for p in problems if p.field_id.startswith(_PREFIX)}
        for key, setting in self._settings.items():
            setting.show_problem(found.get(key))
        if found:
            self.set_expanded(True)

    def focus_setting(self, field_id: str) -> bool:
        """Open the section and focus ``connection.KEY``; False if not ours."""
        setting = self._settings.get(field_id.removeprefix(_PREFIX))
        if not field_id.startswith(_PREFIX) or setting is None:
            return False
        self.set_expanded(True)
        setting.focus.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def set_expanded(self, expanded: bool) -> None:
        self._expanded = expanded
        self._toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self._body.setVisible(expanded)
        self._summary.setVisible(not expanded)

    def is_expanded(self) -> bool:
        return self._expanded
