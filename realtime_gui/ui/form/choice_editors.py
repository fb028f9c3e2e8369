"""Editors of fixed choices: a combo box of options, or a row of check boxes."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.ui.form.editors import Combo, Editor, EditorContext, h_box, register

__all__ = ["ChoiceEditor", "ListedEditor", "MultiChoiceEditor", "choices_for"]


def _wire_text(wire: Any) -> str:
    """An option's value as the shape sends it, on one line: ``audio/pcm, rate 24000``."""
    if isinstance(wire, dict) and wire:
        (_, first), *rest = wire.items()
        return ", ".join([str(first), *(f"{key} {value}" for key, value in rest)])
    return wire if isinstance(wire, str) else json.dumps(wire)


def choices_for(options: Any, ctx: EditorContext) -> list[tuple[Any, str, str]]:
    """``(value, item text, meaning)`` for the options offered on this endpoint: the
    text is the value as sent (what a closed combo shows), the meaning says what it is."""
    return [(o.value, _wire_text(o.value if ctx.shape is None else o.on(ctx.shape)), o.help)
            for o in options if o.only is None or ctx.endpoint_id in o.only]


class ListedEditor(Editor):
    """A combo box of fixed choices; a loaded value not among them gets an item of its own."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.combo = Combo(parent)
        self.root = self.focus = self.combo
        self._choices: list[Any] = []
        self._offered = 0  # items past this one stand for loaded values not offered
        self.combo.activated.connect(self._edited)

    def set_choices(self, choices: list[tuple[Any, str, str]]) -> None:
        self.combo.clear()
        self._choices = [value for value, _, _ in choices]
        self._offered = len(choices)
        for _, text, meaning in choices:
            self.combo.add_explained(text, meaning)

    def unknown_text(self, value: Any) -> str:
        return f"{_wire_text(value)} (not offered here)"

    def _show(self, value: Any) -> None:
        self._drop_unknown()
        if value not in self._choices:
            self._choices.append(value)
            self.combo.addItem(self.unknown_text(value))
        self.combo.setCurrentIndex(self._choices.index(value))

    def _clear(self, text: str) -> None:
        self._drop_unknown()
        self.combo.setPlaceholderText(text)
        self.combo.setCurrentIndex(-1)

    def _drop_unknown(self) -> None:
        while len(self._choices) > self._offered:
            self._choices.pop()
            self.combo.removeItem(self.combo.count() - 1)

    def read(self) -> Any:
        index = self.combo.currentIndex()
        return self._choices[index] if index >= 0 else NOT_SET

    def _ensure_value(self) -> None:
        if self.combo.currentIndex() < 0 and self.combo.count():
            self.combo.setCurrentIndex(0)


@register("choice")
class ChoiceEditor(ListedEditor):
    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx, parent)
        self.set_choices(choices_for(field.type.options, ctx))  # type: ignore[attr-defined]


@register("multichoice")
class MultiChoiceEditor(Editor):
    """A row of check boxes; the order the values were given in is kept."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.root, layout = h_box(parent)
        self._options = [o for o in field.type.options  # type: ignore[attr-defined]
                         if o.only is None or ctx.endpoint_id in o.only]
        self._boxes: list[QCheckBox] = []
        for option in self._options:
            box = QCheckBox(option.value, self.root)
            box.setToolTip(option.help)
            box.clicked.connect(self._edited)
            layout.addWidget(box)
            self._boxes.append(box)
        layout.addStretch(1)
        if self._boxes:
            self.root.setFocusProxy(self._boxes[0])
        self.focus = self.root
        self._order: list[Any] = []

    def _show(self, value: Any) -> None:
        if not isinstance(value, list):
            raise TypeError
        self._order = list(value)
        for box, option in zip(self._boxes, self._options, strict=True):
            box.setChecked(option.value in value)

    def _clear(self, text: str) -> None:
        self._show([])

    def read(self) -> Any:
        checked = {o.value for box, o in zip(self._boxes, self._options, strict=True) if box.isChecked()}
        kept = [v for v in self._order if v in checked]
        return kept + [o.value for o in self._options if o.value in checked and o.value not in kept]
