"""Editors of values whose insides are declared parts: a record's sub-form, and an either's form picker.

An MCP tool's ``require_approval`` is edited as a drop-down (always, never,
per tool) and, per tool, a sub-form of two filters, each of tool names and a
read-only box; ``allowed_tools`` as tool names or a filter.  Every part is a
row of the form's own kind, with its own not set / set chip, so ``{}``,
``{"always": {}}`` and ``{"tool_names": []}`` each read back as loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.object_types import Either, Record
from realtime_gui.ui.form.choice_editors import choices_for
from realtime_gui.ui.form.editors import Combo, Editor, EditorContext, ItemProblem, make_editor, register
from realtime_gui.ui.style.style import set_role

__all__ = ["EitherEditor", "RecordEditor"]


def _name_with(root: QWidget, rename: Callable[[str], None]) -> None:
    """Call ``rename`` with the wire path the row gives ``root`` (as its objectName), now and on each change."""
    root.objectNameChanged.connect(rename)


@register("record")
class RecordEditor(Editor):
    """A framed sub-form: one row per part, each with its own state chip.

    The frame goes ``below`` the row, across its label column: nested filters
    would not fit in the editor column of a tool's sub-form."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.record: Record = field.type  # type: ignore[assignment]
        self.root = QWidget(parent)  # the row's editor cell stays empty
        frame = QFrame(parent)
        self.below = self.focus = frame
        set_role(frame, "panel")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        grid.setContentsMargins(8, 4, 0, 4)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        assert ctx.make_row is not None
        self.rows: list[Any] = [ctx.make_row(p, p.key, False, ctx, frame, self._part_edited)
                                for p in self.record.fields]
        line = 0
        for row in self.rows:
            line = row.lay_out(grid, line)
        if self.rows:
            frame.setFocusProxy(self.rows[0].focus)
        _name_with(frame, self.name_parts)

    def name_parts(self, path: str) -> None:
        """Name each part's editor by its wire path below ``path``."""
        for row in self.rows:
            row.set_path(f"{path}.{row.node.key}")

    def _show(self, value: Any) -> None:
        if not isinstance(value, dict) or set(value) - set(self.record.part_keys()):
            raise TypeError
        for row in self.rows:
            row.load(value.get(row.node.key, NOT_SET))

    def _clear(self, text: str) -> None:
        for row in self.rows:
            row.load(NOT_SET)

    def read(self) -> Any:
        # what the widgets show: each set part's editor, not the value it was loaded with
        return {row.node.key: row.editor.read() for row in self.rows if row.value() is not NOT_SET}

    def problems(self, path: str) -> list[ItemProblem]:
        return [found for row in self.rows if row.value() is not NOT_SET
                for found in row.editor.problems(f"{path}.{row.node.key}")]

    def _part_edited(self, _row: Any) -> None:
        self._edited()


@register("either")
class EitherEditor(Editor):
    """A drop-down of the literals and forms, and the chosen form's editor: a list under the
    drop-down, a record's frame under the row, across its label column."""

    tall = True

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.either: Either = field.type  # type: ignore[assignment]
        self.root = QWidget(parent)
        inline = QVBoxLayout(self.root)
        self._forms_box = self.below = QWidget(parent)
        framed = QVBoxLayout(self._forms_box)
        for column in (inline, framed):
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(4)
        self.mode = self.focus = Combo(self.root)
        inline.addWidget(self.mode)
        self._choices: list[Any] = []  # a literal's value, or the index of a form
        for value, text, meaning in choices_for(self.either.literals, ctx):
            self._choices.append(value)
            self.mode.add_explained(text, meaning)
        self.forms: list[Editor] = []
        for index, form in enumerate(self.either.forms):
            self._choices.append(index)
            self.mode.add_explained(form.label, form.help)
            editor = make_editor(Field(field.key, form.label, form.help, type=form.type), ctx, self.root)
            editor.focus.setAccessibleName(f"{field.label}: {form.label}")
            editor.on_edit = self._edited
            if editor.below is None:
                inline.addWidget(editor.root)
            else:  # a record's row cell is empty: only its frame shows
                editor.root.hide()
                editor.below.setParent(self._forms_box)
                framed.addWidget(editor.below)
            self.forms.append(editor)
        self.mode.activated.connect(self._mode_chosen)
        _name_with(self.mode, self._name_forms)

    def _name_forms(self, path: str) -> None:
        for editor in self.forms:
            if isinstance(editor, RecordEditor):
                editor.name_parts(path)

    def _form_index(self) -> int | None:
        index = self.mode.currentIndex()
        chosen = self._choices[index] if index >= 0 else None
        return chosen if isinstance(chosen, int) else None

    def _show_form(self) -> None:
        shown = self._form_index()
        for index, editor in enumerate(self.forms):
            (editor.below or editor.root).setVisible(index == shown)
        self._forms_box.setVisible(shown is not None and self.forms[shown].below is not None)

    def _show(self, value: Any) -> None:
        if isinstance(value, str) and value in self.either.literal_values():
            self.mode.setCurrentIndex(self._choices.index(value))
        else:
            form = self.either.form_of(value)
            if form is None:
                raise TypeError
            index = self.either.forms.index(form)
            self.mode.setCurrentIndex(self._choices.index(index))
            self.forms[index].load(value)
        self._show_form()

    def _clear(self, text: str) -> None:
        self.mode.setPlaceholderText(text)
        self.mode.setCurrentIndex(-1)
        self._show_form()

    def read(self) -> Any:
        index = self.mode.currentIndex()
        if index < 0:
            return NOT_SET
        form = self._form_index()
        return self._choices[index] if form is None else self.forms[form].read()

    def problems(self, path: str) -> list[ItemProblem]:
        form = self._form_index()
        return [] if form is None else self.forms[form].problems(path)

    def _ensure_value(self) -> None:
        if self.mode.currentIndex() < 0 and self.mode.count():
            self.mode.setCurrentIndex(0)
            self._mode_chosen(0)

    def _mode_chosen(self, _index: int) -> None:
        form = self._form_index()
        if form is not None and self.forms[form].value() is NOT_SET:
            self.forms[form].touch()  # a form chosen afresh starts empty: no names, no filter
        self._show_form()
        self._edited()
