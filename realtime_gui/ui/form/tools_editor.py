"""The tool list editor (the tool choice that follows it is in ``tool_choice_editor``).

The list holds any number of tools but builds one sub-form per tool *kind*
(from ``ToolKind.fields``, with the form's own rows) and loads the selected
tool into it, so a configuration with a hundred tools loads as fast as one
with a single tool.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.tools import ToolKind, ToolList
from realtime_gui.ui.form.editors import Editor, EditorContext, ItemProblem, register
from realtime_gui.ui.style.style import set_role

__all__ = ["ToolListEditor"]

_ITEM_PATH = re.compile(r"\[(\d+)\](?:\.([^.\[]+))?")


@dataclass
class _Entry:
    value: Any  # the tool as a canonical dict (anything else is kept as it is)
    drafts: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (malformed text, problem)


class _KindForm(QFrame):
    """The sub-form for one kind of tool; the selected tool is loaded into it."""

    def __init__(self, kind: ToolKind, ctx: EditorContext, parent: QWidget, on_edit: Callable[[Any], None]) -> None:
        super().__init__(parent)
        set_role(self, "panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 0, 8)  # its chips in line with the form's
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        title = QLabel(f"{kind.label}: {kind.help}", self)
        set_role(title, "muted")
        title.setWordWrap(True)  # never wider than the form
        grid.addWidget(title, 0, 0, 1, 3)
        assert ctx.make_row is not None
        self.rows: list[Any] = [ctx.make_row(f, f.key, f.item_nullable, ctx, self, on_edit) for f in kind.fields]
        line = 1
        for row in self.rows:
            line = row.lay_out(grid, line)


@register("tools")
class ToolListEditor(Editor):
    """A list of tools with add, remove, duplicate and move buttons, and a sub-form.

    The sub-form is the row's ``below`` part: it has a label column and chips of
    its own, so it takes the form's whole width rather than the editor column.
    """

    tall = True

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.tools: ToolList = field.type  # type: ignore[assignment]
        self._entries: list[_Entry] = []
        self._marks: dict[int, dict[str, list[str]]] = {}  # index -> key ("" for the tool) -> messages
        self._forms: dict[str, _KindForm] = {}
        self.root = QWidget(parent)
        column = QVBoxLayout(self.root)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.list = QListWidget(self.root)
        self.list.currentRowChanged.connect(self._select)
        self.focus = self.list
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        self._buttons: dict[str, QPushButton] = {}
        for kind in self.tools.kinds:
            if ctx.shape in kind.shapes:
                self._button(buttons, f"Add {kind.noun}", lambda _=False, k=kind: self._add(k), kind.help)
        for name, action in (("Duplicate", self._duplicate), ("Remove", self._remove),
                             ("Move up", lambda: self._move(-1)), ("Move down", lambda: self._move(1))):
            self._buttons[name] = self._button(buttons, name, action, "")
        buttons.addStretch(1)
        self.list.setFixedHeight(buttons.sizeHint().height())
        top.addWidget(self.list, 1)
        top.addLayout(buttons)
        self._pages = QStackedWidget(parent)
        self._empty = QLabel(self._pages)
        set_role(self._empty, "muted")
        self._empty.setWordWrap(True)
        self._pages.addWidget(self._empty)
        self.below = self._pages
        column.addLayout(top)
        self._select(-1)

    def _button(self, column: QVBoxLayout, text: str, action: Callable[..., None], tip: str) -> QPushButton:
        button = QPushButton(text, self.root)
        button.setToolTip(tip)
        button.clicked.connect(action)
        column.addWidget(button)
        return button

    # --- Editor ----------------------------------------------------------------

    def _show(self, value: Any) -> None:
        if not isinstance(value, list):
            raise TypeError
        self._entries = [_Entry(dict(item) if isinstance(item, dict) else item) for item in value]
        self._reload_list()

    def _clear(self, text: str) -> None:
        self._entries = []
        self._reload_list()

    def read(self) -> Any:
        return [dict(e.value) if isinstance(e.value, dict) else e.value for e in self._entries]

    def problems(self, path: str) -> list[ItemProblem]:
        found = []
        for index, entry in enumerate(self._entries):
            kind = self.tools.kind_of(entry.value)
            labels = {f.key: f.label for f in kind.fields} if kind else {}
            for key, (_, problem) in entry.drafts.items():
                found.append((f"{path}[{index}].{key}", labels.get(key, key), problem))
        return found

    def mark_items(self, problems: list[tuple[str, str]]) -> None:
        stale = set(self._marks)
        self._marks = {}
        for relative, message in problems:
            match = _ITEM_PATH.match(relative)
            if match:
                keys = self._marks.setdefault(int(match[1]), {})
                keys.setdefault(match[2] or "", []).append(message)
        for index in stale | set(self._marks):
            if index < len(self._entries):
                self._refresh_item(index)
        self._mark_rows()

    def focus_item(self, relative: str) -> QWidget | None:
        match = _ITEM_PATH.match(relative)
        if not match or int(match[1]) >= len(self._entries):
            return None
        self.list.setCurrentRow(int(match[1]))
        form = self._pages.currentWidget()
        for row in form.rows if isinstance(form, _KindForm) else ():
            if row.node.key == match[2]:
                return row.focus  # type: ignore[no-any-return]
        return self.list

    # --- the list ----------------------------------------------------------------

    def _reload_list(self) -> None:
        keep = self.list.currentRow()
        self._marks = {}
        self.list.blockSignals(True)  # one selection change at the end, not one per item
        self.list.clear()
        self.list.addItems([self._title(entry) for entry in self._entries])
        self.list.blockSignals(False)
        self._go(keep if 0 <= keep < len(self._entries) else (0 if self._entries else -1))

    def _go(self, index: int) -> None:
        """Select a row and load it, whether or not the list's current row changes."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        self._select(index)

    def _title(self, entry: _Entry) -> str:
        kind = self.tools.kind_of(entry.value)
        if kind is None:
            kind_text = entry.value.get("type") if isinstance(entry.value, dict) else type(entry.value).__name__
            return f"{kind_text} · (a kind of tool realtime-gui doesn't know)"
        text = f"{kind.type} · {kind.name_of(entry.value) or '(unnamed)'}"
        return text if self.ctx.shape in kind.shapes else f"{text} (this endpoint does not accept it)"

    def _refresh_item(self, index: int) -> None:
        item = self.list.item(index)
        item.setText(self._title(self._entries[index]))
        messages = [m for found in self._marks.get(index, {}).values() for m in found]
        item.setToolTip("\n".join(messages))
        if messages:
            item.setText("⚠ " + item.text())

    def _select(self, index: int) -> None:
        count = len(self._entries)
        for name, enabled in (("Duplicate", index >= 0), ("Remove", index >= 0),
                              ("Move up", index > 0), ("Move down", 0 <= index < count - 1)):
            self._buttons[name].setEnabled(enabled)
        kind = self.tools.kind_of(self._entries[index].value) if 0 <= index < count else None
        for other in self._forms.values():  # only the sub-form on show answers to item paths
            if kind is None or other is not self._forms.get(kind.type):
                for row in other.rows:
                    row.set_path(row.node.key)
        if kind is None:
            self._empty.setText("This tool is of a kind realtime-gui doesn't know; it is kept as it is."
                                if index >= 0 else "No tools. Add one with the buttons on the right.")
            self._pages.setCurrentWidget(self._empty)
            return
        form = self._form(kind)
        entry = self._entries[index]
        base = f"{self.focus.objectName()}[{index}]"
        form.setUpdatesEnabled(False)
        try:
            for row in form.rows:
                key = row.node.key
                row.set_path(f"{base}.{key}")
                row.load(entry.value.get(key, NOT_SET))
                if key in entry.drafts:
                    row.load_draft(entry.drafts[key][0])
        finally:
            form.setUpdatesEnabled(True)
        self._mark_rows()
        self._pages.setCurrentWidget(form)

    def _form(self, kind: ToolKind) -> _KindForm:
        form = self._forms.get(kind.type)
        if form is None:
            form = self._forms[kind.type] = _KindForm(kind, self.ctx, self._pages, self._item_edited)
            self._pages.addWidget(form)
        return form

    def _mark_rows(self) -> None:
        form = self._pages.currentWidget()
        marks = self._marks.get(self.list.currentRow(), {})
        for row in form.rows if isinstance(form, _KindForm) else ():
            row.mark(marks.get(row.node.key, []))

    def _item_edited(self, row: Any) -> None:
        index = self.list.currentRow()
        entry = self._entries[index]
        key, value = row.node.key, row.value()
        if value is NOT_SET:
            entry.value.pop(key, None)
        else:
            entry.value[key] = value
        draft = row.editor.draft()
        if draft is not None:
            entry.drafts[key] = (draft, row.editor.problem() or "")
        else:
            entry.drafts.pop(key, None)
        self._refresh_item(index)
        self._edited()

    # --- buttons -----------------------------------------------------------------

    def _add(self, kind: ToolKind) -> None:
        item = self.tools.new_item(kind)
        for key in kind.required:  # a fresh tool starts with names that are valid and unique
            spec = kind.spec(key)
            name = self._unique(key, kind.type, 1)
            if spec.type.check(name) is None:
                item[key] = name
        self._insert(len(self._entries), _Entry(item))
        form = self._pages.currentWidget()
        if isinstance(form, _KindForm) and form.rows:
            from PySide6.QtCore import Qt  # here, not at the top: naming Qt costs start-up time

            form.rows[0].focus.setFocus(Qt.FocusReason.TabFocusReason)  # as by Tab: its text selected

    def _duplicate(self) -> None:
        index = self.list.currentRow()
        entry = self._entries[index]
        value = copy.deepcopy(entry.value)
        kind = self.tools.kind_of(value)
        for key in kind.required if kind else ():
            spec = kind.spec(key)  # type: ignore[union-attr]
            if isinstance(value.get(key), str):
                name = self._unique(key, re.sub(r"_\d+$", "", value[key]), 2)
                if spec.type.check(name) is None:
                    value[key] = name
        self._insert(index + 1, _Entry(value, dict(entry.drafts)))

    def _remove(self) -> None:
        index = self.list.currentRow()
        del self._entries[index]
        self.list.blockSignals(True)
        self.list.takeItem(index)
        self.list.blockSignals(False)
        self.mark_items([])
        self._go(min(index, len(self._entries) - 1))
        self._edited()

    def _move(self, step: int) -> None:
        index = self.list.currentRow()
        target = index + step
        self._entries[index], self._entries[target] = self._entries[target], self._entries[index]
        self.mark_items([])
        for each in (index, target):
            self._refresh_item(each)
        self.list.setCurrentRow(target)
        self._edited()

    def _insert(self, index: int, entry: _Entry) -> None:
        self._entries.insert(index, entry)
        self.list.blockSignals(True)
        self.list.insertItem(index, self._title(entry))
        self.list.blockSignals(False)
        self.mark_items([])  # indexes have shifted; the window validates again after the edit
        self._go(index)
        self._edited()

    def _unique(self, key: str, base: str, first: int) -> str:
        """``base_N`` with the lowest N from ``first`` that no tool uses for ``key``."""
        taken = {e.value.get(key) for e in self._entries if isinstance(e.value, dict)}
        number = first
        while f"{base}_{number}" in taken:
            number += 1
        return f"{base}_{number}"
