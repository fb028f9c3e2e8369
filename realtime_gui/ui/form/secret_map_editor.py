"""The editor of a secret map (an MCP server's headers): one line per name,
each value masked, those kept in the keyring never shown.

A value the configuration keeps in the keyring is ``{"secret_ref": id}``: its
line says so and stays empty; typing there replaces the value, and erasing
what was typed brings the kept one back. Untouched, the map reads back
exactly as it was loaded, references and all.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPushButton, QToolButton, QVBoxLayout, QWidget

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.types import Secret
from realtime_gui.ui.form.editors import Editor, EditorContext, h_box
from realtime_gui.ui.style.style import ElidedLabel, monospace

__all__ = ["KEPT", "SecretMapEditor"]

KEPT = "•••• kept in the keyring; type to replace"  # the placeholder of a value the keyring holds


class _Line:
    """One header: its name, its masked value, and the keyring reference it had when shown."""

    def __init__(self, parent: QWidget, name: str, value: Any) -> None:
        self.root, layout = h_box(parent)
        self.name = QLineEdit(name, self.root)
        self.name.setPlaceholderText("Header name")
        self.value = QLineEdit(self.root)
        self.value.setEchoMode(QLineEdit.EchoMode.Password)
        self.value.setFont(monospace())
        self.ref: dict[str, str] | None = value if Secret.is_ref(value) else None
        if self.ref is None:
            self.value.setText(value)
            self.value.setPlaceholderText("Value")
        else:
            self.value.setPlaceholderText(KEPT)
        self.remove = QToolButton(self.root)
        self.remove.setText("Remove")
        layout.addWidget(self.name, 2)
        layout.addWidget(self.value, 3)
        layout.addWidget(self.remove)

    def blank(self) -> bool:
        return not self.name.text() and not self.value.text() and self.ref is None

    def read(self) -> Any:
        """The value: what was typed, else the kept reference."""
        typed = self.value.text()
        return self.ref if not typed and self.ref is not None else typed

    def name_as(self, index: int, label: str) -> None:
        self.name.setAccessibleName(f"{label} {index + 1}: name")
        self.value.setAccessibleName(f"{label} {index + 1}: value")
        self.remove.setAccessibleName(f"Remove {label.lower()} {index + 1}")
        self.remove.setToolTip(f"Remove this {label.lower().rstrip('s')}")


class SecretMapEditor(Editor):
    """Names and masked values, one line each, with Add and Remove."""

    tall = True

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.root = QWidget(parent)
        column = QVBoxLayout(self.root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self._list = QWidget(self.root)
        self._rows = QVBoxLayout(self._list)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(4)
        column.addWidget(self._list)
        bar, row = h_box(self.root)
        self.add = QPushButton(f"Add {field.label.lower().rstrip('s')}", bar)
        self.add.setToolTip("A new line: the name, then the value (kept in the keyring when saved)")
        self.add.clicked.connect(lambda: self._add_line("", "", focus=True))
        row.addWidget(self.add)
        self.status = ElidedLabel(role="muted")
        row.addWidget(self.status, 1)
        column.addWidget(bar)
        self.focus = self.add
        self._lines: list[_Line] = []
        self._none = False  # shows a map set with no lines ({}), not "not set"

    # -- lines --------------------------------------------------------------------

    def _add_line(self, name: str, value: Any, focus: bool = False) -> _Line:
        line = _Line(self._list, name, value)
        line.name.textEdited.connect(self._edited)
        line.value.textEdited.connect(self._edited)
        line.remove.clicked.connect(lambda: self._remove(line))
        self._rows.addWidget(line.root)
        self._lines.append(line)
        self._name_lines()
        if focus:
            line.name.setFocus()
        return line

    def _remove(self, line: _Line) -> None:
        self._lines.remove(line)
        self._none = False  # the last line removed: not set again
        line.root.hide()
        line.root.deleteLater()
        self._name_lines()
        self._edited()

    def _name_lines(self) -> None:
        for index, line in enumerate(self._lines):
            line.name_as(index, self.field.label)
        self.status.setVisible(not self._lines)

    def _drop_lines(self) -> None:
        for line in self._lines:
            line.root.hide()
            line.root.deleteLater()
        self._lines = []
        self._name_lines()

    # -- the Editor protocol --------------------------------------------------------

    def _show(self, value: Any) -> None:
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and (isinstance(v, str) or Secret.is_ref(v)) for k, v in value.items()):
            raise TypeError
        self._drop_lines()
        for name, item in value.items():
            self._add_line(name, item)
        self._none = not value
        self.status.setText(f"No {self.field.label.lower()}: sent as {{}}" if self._none else "")

    def _clear(self, text: str) -> None:
        self._drop_lines()
        self._none = False
        self._placeholder(text)

    def _placeholder(self, text: str) -> None:
        self.status.setText(f"Not set: {text}" if text else "Not set")

    def read(self) -> Any:
        found = {line.name.text(): line.read() for line in self._lines if line.name.text()}
        return found if found or self._none or any(not line.blank() for line in self._lines) else NOT_SET

    def problem(self) -> str | None:
        """A line with no name, or a name twice: the words follow the field's label."""
        names = [line.name.text() for line in self._lines if not line.blank()]
        if "" in names:
            return "has a value with no name; name it or remove its line"
        twice = sorted({name for name in names if names.count(name) > 1})
        return f"has {', '.join(twice)} more than once; keep one line each" if twice else None
