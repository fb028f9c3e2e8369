"""The tool choice editor: a mode, or a tool of the configuration picked by kind and name.

A drop-down of the modes (auto, none, required) and of the kinds of tool this
endpoint takes ("a function", "an MCP tool"); for a kind, a second drop-down
of the names its tools have in the tool list (functions by name, MCP servers
by label), and the kind's optional parts (the tool's name on an MCP server).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.tools import ToolChoice, ToolKind
from realtime_gui.ui.form.choice_editors import choices_for
from realtime_gui.ui.form.editors import Combo, Editor, EditorContext, h_box, register

__all__ = ["ToolChoiceEditor"]

_KIND_KEY = "type"


@register("toolchoice")
class ToolChoiceEditor(Editor):
    """Mode or kind, then the tool's name among the tools, then the kind's optional parts."""

    tall = True

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.choice: ToolChoice = field.type  # type: ignore[assignment]
        self.depends_on = self.choice.tools_field
        self.root = QWidget(parent)
        column = QVBoxLayout(self.root)  # two lines: a tool's name beside the mode would widen the whole form
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.mode = self.focus = Combo(self.root)
        self._modes: list[Any] = []  # a mode's value, or a kind of tool
        for value, text, meaning in choices_for(self.choice.modes, ctx):
            self._modes.append(value)
            self.mode.add_explained(text, meaning)
        for kind in self.choice.tools.kinds:
            if ctx.shape is None or ctx.shape in kind.shapes:
                self._modes.append(kind)
                self.mode.add_explained(kind.choice_label or kind.type, kind.choice_help)
        self.mode.activated.connect(self._mode_chosen)
        self._tool_line, row = h_box(self.root)
        self.target = Combo(self._tool_line)
        self.target.setMinimumContentsLength(8)
        self.target.setAccessibleName(f"{field.label}: tool")
        self._names: list[str] = []  # the target's items, in order
        self.target.activated.connect(self._edited)
        self.extras: dict[str, QLineEdit] = {}
        column.addWidget(self.mode)
        column.addWidget(self._tool_line)
        row.addWidget(self.target, 1)
        for kind in self.choice.tools.kinds:
            for extra in kind.choice_extras:
                if extra.key not in self.extras:
                    edit = self.extras[extra.key] = QLineEdit(self._tool_line)
                    edit.setPlaceholderText(f"{extra.label.lower()}: any")
                    edit.setToolTip(extra.help)
                    edit.setAccessibleName(f"{field.label}: {extra.label}")
                    edit.textEdited.connect(self._edited)
                    row.addWidget(edit, 1)
        self._tools: Any = []
        self.mode.objectNameChanged.connect(self._name_parts)
        self._arrange()

    # --- what is shown --------------------------------------------------------

    def _kind(self) -> ToolKind | None:
        index = self.mode.currentIndex()
        chosen = self._modes[index] if index >= 0 else None
        return chosen if isinstance(chosen, ToolKind) else None

    def _arrange(self, name: Any = NOT_SET) -> None:
        """Show the parts of the chosen kind; fill its names from the tools, keeping ``name``."""
        kind = self._kind()
        self._tool_line.setVisible(kind is not None)
        keys = {e.key for e in kind.choice_extras} if kind else set()
        for key, edit in self.extras.items():
            edit.setVisible(key in keys)
        self.target.clear()
        self._names = []
        if kind is None:
            return
        names = list(dict.fromkeys(kind.names(self._tools)))  # two tools of one name offer one choice
        for each in names:
            self.target.add_explained(each, kind.choice_help)
        if isinstance(name, str) and name not in names:  # loaded, though the tools lack it: validation says so
            self.target.add_explained(f"{name} (not among the tools)", f"Add a {kind.noun} named {name!r}")
            names.append(name)
        self._names = names
        self.target.setPlaceholderText(f"no {kind.noun} among the tools" if not names else "")
        self.target.setCurrentIndex(names.index(name) if name in names else (0 if names else -1))
        self.target.setAccessibleName(f"{self.field.label}: {kind.spec(kind.named_by).label}")
        self._name_parts(self.mode.objectName())

    def _name_parts(self, path: str) -> None:
        kind = self._kind()
        if kind is not None and path:
            self.target.setObjectName(f"{path}.{kind.named_by}")
        for key, edit in self.extras.items():
            edit.setObjectName(f"{path}.{key}" if path else "")

    def update_dependency(self, value: Any) -> None:
        self._tools = value if isinstance(value, list) else []
        with self._silenced():
            current = self._target_name()
            self._arrange(current)

    def _target_name(self) -> Any:
        index = self.target.currentIndex()
        return self._names[index] if 0 <= index < len(self._names) and self._kind() is not None else NOT_SET

    # --- Editor ---------------------------------------------------------------

    def _show(self, value: Any) -> None:
        for edit in self.extras.values():
            edit.clear()
        if isinstance(value, str):
            self.mode.setCurrentIndex(self._modes.index(value))  # ValueError for an unknown mode
            self._arrange()
            return
        kind = self.choice.kind_of(value)
        if kind is None or kind not in self._modes or set(value) - {_KIND_KEY, *self._part_keys(kind)}:
            raise TypeError
        self.mode.setCurrentIndex(self._modes.index(kind))
        self._arrange(value.get(kind.named_by))
        for extra in kind.choice_extras:
            inner = value.get(extra.key)
            if inner is not None and not isinstance(inner, str):
                raise TypeError
            self.extras[extra.key].setText(inner or "")

    @staticmethod
    def _part_keys(kind: ToolKind) -> list[str]:
        return [kind.named_by, *(e.key for e in kind.choice_extras)]

    def _clear(self, text: str) -> None:
        self.mode.setPlaceholderText(text)
        self.mode.setCurrentIndex(-1)
        self._arrange()

    def read(self) -> Any:
        index = self.mode.currentIndex()
        if index < 0:
            return NOT_SET
        kind = self._kind()
        if kind is None:
            return self._modes[index]
        value: dict[str, Any] = {_KIND_KEY: kind.type}
        name = self._target_name()
        if name is not NOT_SET:
            value[kind.named_by] = name
        for extra in kind.choice_extras:
            text = self.extras[extra.key].text()
            if text:  # empty: not sent, and the service picks
                value[extra.key] = text
        return value

    def _ensure_value(self) -> None:
        if self.mode.currentIndex() < 0 and self.mode.count():
            self.mode.setCurrentIndex(0)
            self._arrange()

    def _mode_chosen(self, _index: int) -> None:
        self._arrange()
        self._edited()
