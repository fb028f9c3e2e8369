"""The rows of the session form: a label, an editor and a state chip.

A row is a plain object that owns its widgets (a form has dozens, and each
QObject costs).  Its chip holds the state the declaration allows: *not set*
(the editor shows the service's default, quiet, and nothing is sent),
*set*, *off* (``None``, where the wire is nullable) and, for groups, ``{}``
and the group's literals (tracing ``"auto"``).  Editing the editor sets the
row; the chip's menu does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from realtime_gui.core.catalog.nodes import NOT_SET, Field, Group, Node
from realtime_gui.ui.form.editors import Editor, EditorContext, make_editor, set_dim
from realtime_gui.ui.style.style import ElidedLabel, set_role, set_state

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

__all__ = ["INDENT", "SET", "FieldRow", "GroupRow", "Row", "StateChip"]


class _Set:
    """The state of a row whose editor's value is sent."""

    def __repr__(self) -> str:
        return "SET"


SET: Any = _Set()
INDENT = 18  # pixels per level of nesting
_WIDEST = "not set"  # the longest chip text the rows share
_CHIP_PADDING = 6  # pixels between a chip's text and its right edge
_MAX_MARKS = 3  # messages shown under one row; the rest are counted
# Alignments as Qt's numbers and names: naming ``Qt.AlignmentFlag`` would build the
# ``Qt`` namespace's 93 enum classes on the way to a usable form (see ``ui/shell/frame.py``).
_RIGHT_CENTRED = 0x0002 | 0x0080  # Qt.AlignRight | Qt.AlignVCenter


def _held(widget: QWidget, parent: QWidget, where: str) -> QWidget:
    """``widget`` in a box of its own, kept at its size at the ``"left"`` or ``"top"`` of it."""
    box = QWidget(parent)
    line = QHBoxLayout(box) if where == "left" else QVBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(widget)
    line.addStretch(1)
    return box


def _same(a: Any, b: Any) -> bool:
    return a is b or (isinstance(a, str) and a == b)


class StateChip(QToolButton):
    """A row's compact state control; a click opens a menu of its states."""

    def __init__(self, parent: QWidget, on_choose: Callable[[Any], None]) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        # As wide as its longest usual text, the same on every row: the column stays straight.
        self.setFixedWidth(self.fontMetrics().horizontalAdvance(f"{_WIDEST} ▾") + 3 * _CHIP_PADDING)
        self.setToolTip("What is sent for this field; click to change it")
        self.choices: list[tuple[Any, str, str]] = []  # (state, chip text, menu text)
        self._state: Any = NOT_SET
        self._on_choose = on_choose
        self.clicked.connect(self._open)

    def paintEvent(self, event: QPaintEvent) -> None:
        """As Qt paints a tool button, with the text to the right, so that every
        row's “▾” is in one line however long its state's word."""
        area = self.rect().adjusted(0, 0, -_CHIP_PADDING, 0)
        if self.isEnabled() and not (self.underMouse() or self.hasFocus() or self.isDown()):
            # At rest an auto-raised button is its text alone: drawn without the style's
            # classes, whose enums would cost every start-up before any chip is pointed at.
            # The painter's pen starts in the widget's foreground colour, ButtonText (the
            # accent colour of the ``set`` state); setPen would build the enums too, in its overloads.
            QPainter(self).drawText(area, _RIGHT_CENTRED, self.text())
            return
        from PySide6.QtWidgets import QStyle, QStyleOptionToolButton, QStylePainter

        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        text, option.text = option.text, ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
        painter.drawItemText(area, _RIGHT_CENTRED, self.palette(), self.isEnabled(), text,
                             QPalette.ColorRole.ButtonText)

    def show_state(self, state: Any) -> None:
        self._state = state
        text = next((chip for s, chip, _ in self.choices if _same(s, state)), "off" if state is None else str(state))
        self.setText(f"{text} ▾")
        set_state(self, "" if state is NOT_SET else "set")  # what is sent stands out

    def _open(self) -> None:
        # Built on demand: a menu per row at start-up would cost more than all the rows.
        from PySide6.QtCore import Qt

        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        choices = self.choices
        if not any(_same(state, self._state) for state, _, _ in choices):  # loaded, though not allowed here
            choices = [*choices, (self._state, "", f"{self.text().removesuffix(' ▾')}: not allowed here")]
        for state, _, text in choices:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(_same(state, self._state))
            action.triggered.connect(partial(self._on_choose, state))
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))


class _Row:
    """What field and group rows share: a label, a chip, notes, enabling."""

    node: Node
    chip: StateChip
    focus: QWidget

    def __init__(self, node: Node, path: str, nullable: bool, parent: QWidget,
                 on_edit: Callable[[Any], None], depth: int) -> None:
        self.node, self.path, self.nullable, self.depth = node, path, nullable, depth
        self._on_edit = on_edit
        self._parent = parent
        self.label = QLabel(node.label, parent)
        self.label.setIndent(depth * INDENT)
        self._state: Any = NOT_SET
        self._open = True  # the enclosing group is sent as an object
        self._applies = True  # the node's `when` condition holds
        self._notes: dict[str, QLabel] = {}
        self._grid: QGridLayout | None = None
        self._note_row = 0
        self._tip = ""
        self._cells: list[QWidget] = []  # what _place put in the grid: widgets, or the boxes holding them

    def _place(self, grid: QGridLayout, row: int, editor: QWidget, tall: bool, compact: bool,
               below: QWidget | None = None, labelled: bool = True) -> int:
        """Lay the row out from grid row ``row``; returns the next free one.

        ``below`` goes under the row's notes, across the label and editor columns.
        Without a label (``labelled`` false), the editor takes the label's column too.
        """
        # Placed without the grid's alignment flags (see _RIGHT_CENTRED). With none, a grid
        # fills a cell or centres what can't fill it, which is what a row wants but in
        # three places: a compact editor at the left of its cell, and a tall row's label
        # and chip at the top of theirs, each held there by a stretch in a box of its own.
        if tall:  # line the label up with the first line of text, not the frame
            self.label.setContentsMargins(0, 5, 0, 0)
        first, span = (1, 1) if labelled else (0, 2)
        self._cells = [_held(editor, self._parent, "left") if compact else editor,
                       _held(self.chip, self._parent, "top") if tall else self.chip]
        grid.addWidget(self._cells[0], row, first, 1, span)
        grid.addWidget(self._cells[1], row, 2)
        if labelled:
            self._cells.append(_held(self.label, self._parent, "top") if tall else self.label)
            grid.addWidget(self._cells[-1], row, 0)
        else:
            self.label.hide()  # kept: it is the chip's buddy and names the row
        self._grid, self._note_row = grid, row + 1
        # One line for a hint, one for problems; empty grid rows take no space.
        if below is None:
            return row + 3
        below.setContentsMargins(self.depth * INDENT, 0, 0, 0)
        grid.addWidget(below, row + 3, 0, 1, 3)
        self._cells.append(below)
        return row + 4

    @property
    def body(self) -> QWidget:
        """The section body the row is laid out in."""
        return self._parent

    def widgets(self) -> list[QWidget]:
        """Every widget the row lays out, to hide or show it whole (the field filter)."""
        return [*self._cells, *self._notes.values()]

    def set_path(self, path: str) -> None:
        self.path = path
        self.focus.setObjectName(path)

    def set_open(self, open_: bool) -> None:
        self._open = open_
        self._sync()

    def set_applicable(self, ok: bool, hint: str) -> None:
        if ok != self._applies:
            self._applies = ok
            self._sync()
        self._note("hint", "" if ok else hint, "muted", 0)

    def usable(self) -> bool:
        return self._open and self._applies

    def mark(self, messages: list[str]) -> None:
        shown = [f"⚠ {m}" for m in messages[:_MAX_MARKS]]
        if len(messages) > _MAX_MARKS:
            shown.append(f"… and {len(messages) - _MAX_MARKS} more")
        self._note("problem", "\n".join(shown), "problem", 1)
        self.focus.setToolTip(self._tip + ("\n\n" + "\n".join(shown) if shown else ""))
        self.focus.setProperty("problem", bool(messages))

    def _note(self, kind: str, text: str, role: str, offset: int) -> None:
        label = self._notes.get(kind)
        if label is None:
            if not text or self._grid is None:
                return
            label = self._notes[kind] = QLabel(self._parent)
            set_role(label, role)
            label.setWordWrap(True)
            label.setIndent(2)
            self._grid.addWidget(label, self._note_row + offset, 1, 1, 2)
        label.setText(text)
        label.setVisible(bool(text))

    def _set_tip(self, tip: str) -> None:
        self._tip = tip
        self.label.setToolTip(tip)
        self.focus.setToolTip(tip)

    def _choose(self, state: Any) -> None:
        raise NotImplementedError

    def _sync(self) -> None:
        raise NotImplementedError


class FieldRow(_Row):
    """One field: label, type-chosen editor, state chip, hint and problem notes."""

    def __init__(self, field: Field, path: str, nullable: bool, ctx: EditorContext, parent: QWidget,
                 on_edit: Callable[[Any], None], depth: int = 0) -> None:
        super().__init__(field, path, nullable, parent, on_edit, depth)
        self.field = field
        self._default = field.default_for(ctx.shape)
        self._default_text = field.default_text(ctx.shape)
        self.editor: Editor = make_editor(field, ctx, parent)
        self.editor.on_edit = self._edited
        self.chip = StateChip(parent, self._choose)  # made after the editor, so Tab reaches it second
        self.focus = self.editor.focus
        self.focus.setAccessibleName(field.label)
        self.label.setBuddy(self.focus)
        self.chip.setAccessibleName(f"{field.label}: state")
        unset = ("Not set: nothing is sent" if field.sends_nothing(ctx.shape)
                 else f"Not set: the service uses {self._default_text}")
        self.chip.choices = [(NOT_SET, "not set", unset), (SET, "set", "Set: send the value shown")]
        if nullable:
            self.chip.choices.append((None, "off", "Off: send null"))
        self._set_tip(f"{field.help}\nDefault: {self._default_text}\nAllowed: {field.type.describe()}")
        self.set_path(path)
        self._set_state(NOT_SET)

    def lay_out(self, grid: QGridLayout, row: int) -> int:
        return self._place(grid, row, self.editor.root, self.editor.tall, self.editor.compact, self.editor.below)

    def load(self, value: Any) -> None:
        """Show a canonical value: ``NOT_SET``, ``None`` (off) or a value."""
        if value is NOT_SET or value is None:
            self.editor.show_default(self._default, self._default_text)
        else:
            self.editor.load(value)
        self._set_state(SET if value is not NOT_SET and value is not None else value)

    def load_draft(self, text: str) -> None:
        """Show text that is not a value yet (malformed JSON kept by a sub-form)."""
        self.editor.load_draft(text)
        self._set_state(SET)

    def value(self) -> Any:
        return self.editor.value() if self._state is SET else self._state

    @property
    def state(self) -> Any:
        return self._state

    def _set_state(self, state: Any) -> None:
        self._state = state
        self.chip.show_state(state)
        for part in self.editor.parts():
            set_dim(part, state is not SET)
        self._sync()

    def _sync(self) -> None:
        usable = self.usable()
        self.label.setEnabled(usable)
        self.chip.setEnabled(usable)
        for part in self.editor.parts():
            part.setEnabled(usable and self._state is not None)

    def _edited(self) -> None:
        if self.editor.emptied():  # emptied: not set again, never sent empty
            self.editor.erased(self._default_text)
            if self._state is not NOT_SET:
                self._set_state(NOT_SET)
        elif self._state is not SET:
            self._set_state(SET)
        self._on_edit(self)

    def _choose(self, state: Any) -> None:
        if _same(state, self._state):
            return
        if state is SET:
            self.editor.touch()
        elif state is NOT_SET:
            self.editor.show_default(self._default, self._default_text)
        self._set_state(state)  # off keeps what the editor shows, for when it is set again
        self._on_edit(self)


class GroupRow(_Row):
    """A group's header row. Its chip is its editor: not set (derived from the
    fields below), set (``{}``), off (``None``) or one of its literals.

    A group alone in a section of its name goes ``headless``: the section's
    title names it, and its summary takes the place of its label."""

    def __init__(self, group: Group, path: str, nullable: bool, parent: QWidget,
                 on_edit: Callable[[Any], None], depth: int = 0, headless: bool = False) -> None:
        super().__init__(group, path, nullable, parent, on_edit, depth)
        self.group = group
        self.headless = headless
        self.children: list[Row] = []
        font = self.label.font()  # bold by font, not style sheet, so the label column is sized right
        font.setBold(True)
        self.label.setFont(font)
        self.summary = ElidedLabel(role="muted")  # one line however narrow; the tooltip has it all
        self.summary.setParent(parent)
        self.summary.setAccessibleName(f"{group.label}: what is sent")
        self.chip = StateChip(parent, self._choose)
        self.focus = self.chip
        self.chip.setAccessibleName(group.label)
        self.label.setBuddy(self.chip)
        default = group.default_text(None)
        self.chip.choices = [(NOT_SET, "not set", f"Not set: sent only when a field below is set "
                                                  f"(default: {default})"),
                             (SET, "set", "Set: send it even with nothing set below")]
        if nullable:
            self.chip.choices.append((None, "off", "Off: send null"))
        self.chip.choices += [(o.value, o.value, f'"{o.value}": {o.help}') for o in group.type.literals]
        self._set_tip(f"{group.help}\nDefault: {default}")
        self.set_path(path)
        self._loaded: Any = NOT_SET
        self._set_state(NOT_SET)

    def lay_out(self, grid: QGridLayout, row: int) -> int:
        return self._place(grid, row, self.summary, False, False, labelled=not self.headless)

    def load(self, value: Any) -> None:
        self._loaded = value
        self._set_state(value if value is NOT_SET or self.group.type.closes(value) else SET)

    def value(self) -> Any:
        if self._state is SET:  # a malformed loaded object is kept, for validation to report
            return self._loaded if isinstance(self._loaded, dict) else {}
        return self._state

    def _set_state(self, state: Any) -> None:
        self._state = state
        self.chip.show_state(state)
        if state is NOT_SET:
            text = f"Sent if a field below is set · default: {self.group.default_text(None)}"
        elif state is SET:
            text = "Sent, even with nothing set below"
        elif state is None:
            text = "Off: sent as null"
        else:
            text = self.group.type.meaning(state) or "not a value this group takes"
        self.summary.setText(text)
        self._sync()

    def _sync(self) -> None:
        usable = self.usable()
        self.label.setEnabled(usable)
        self.chip.setEnabled(usable)
        self.summary.setEnabled(usable)
        inner = usable and (self._state is NOT_SET or self._state is SET)
        for child in self.children:
            child.set_open(inner)

    def _choose(self, state: Any) -> None:
        if _same(state, self._state):
            return
        self._loaded = {} if state is SET else state
        self._set_state(state)
        self._on_edit(self)


Row = FieldRow | GroupRow
