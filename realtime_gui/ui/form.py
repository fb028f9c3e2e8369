"""The session form, built from the declaration and nothing else.

``FormView`` shows the nodes an endpoint places (``declaration.placed``) in
collapsible sections.  Each row pairs an editor chosen by the field's type
(``editors.make_editor``) with a state chip: *not set* (the editor shows the
service default, greyed, and nothing is sent), *set*, *off* (``None``, where
the wire is nullable) and, for groups, their literals (tracing ``"auto"``).

The form for an endpoint is built once and cached; loading a configuration
only sets values, so switching configurations stays cheap.
"""

from __future__ import annotations

import copy
from functools import partial
from typing import Any, Callable, Union

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QMenu, QScrollArea, QStackedWidget, QToolButton,
    QVBoxLayout, QWidget,
)

from ..core import declaration
from ..core.body import applies
from ..core.config import Configuration
from ..core.schema import NOT_SET, Field, Group, Node
from ..core.validate import Problem
from . import tools_editor  # noqa: F401  (registers the tool list and tool choice editors)
from .editors import Editor, EditorContext, make_editor, set_dim

__all__ = ["FieldRow", "FormView", "GroupRow", "SET"]

SET: Any = type("_Set", (), {"__repr__": lambda self: "SET"})()  # the "set" state of a chip
INDENT = 18  # pixels per level of nesting
_MAX_MARKS = 3  # messages shown under one row; the rest are counted


def _same(a: Any, b: Any) -> bool:
    return a is b or (isinstance(a, str) and a == b)


class StateChip(QToolButton):
    """A row's compact state control; a click opens a menu of its states."""

    def __init__(self, parent: QWidget, on_choose: Callable[[Any], None]) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setFixedWidth(84)
        self.choices: list[tuple[Any, str, str]] = []  # (state, chip text, menu text)
        self._state: Any = NOT_SET
        self._on_choose = on_choose
        self.clicked.connect(self._open)

    def show_state(self, state: Any) -> None:
        self._state = state
        text = next((chip for s, chip, _ in self.choices if _same(s, state)), str(state))
        self.setText(f"{text} ▾")
        set_dim(self, state is NOT_SET)

    def _open(self) -> None:
        # Built on demand: a menu per row at start-up would cost more than all the rows.
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for state, _, text in self.choices:
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
        self.chip = StateChip(parent, self._choose)
        self._state: Any = NOT_SET
        self._open = True  # the enclosing group is sent as an object
        self._applies = True  # the node's `when` condition holds
        self._notes: dict[str, QLabel] = {}
        self._grid: QGridLayout | None = None
        self._note_row = 0
        self._tip = ""

    def add_to(self, grid: QGridLayout, row: int, editor: QWidget, tall: bool, compact: bool) -> int:
        """Lay the row out from grid row ``row``; returns the next free one."""
        top = Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag.AlignVCenter
        if tall:  # line the label up with the first line of text, not the frame
            self.label.setContentsMargins(0, 5, 0, 0)
        grid.addWidget(self.label, row, 0, top | Qt.AlignmentFlag.AlignLeft)
        if compact:
            grid.addWidget(editor, row, 1, Qt.AlignmentFlag.AlignLeft)
        else:
            grid.addWidget(editor, row, 1)
        grid.addWidget(self.chip, row, 2, top)
        self._grid, self._note_row = grid, row + 1
        return row + 3  # one line for a hint, one for problems; empty grid rows take no space

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
            label.setProperty("role", role)
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
        self.focus = self.editor.focus
        self.focus.setAccessibleName(field.label)
        self.label.setBuddy(self.focus)
        self.chip.setAccessibleName(f"{field.label}: state")
        self.chip.choices = [(NOT_SET, "not set", f"Not set: the service uses {self._default_text}"),
                             (SET, "set", "Set: send the value shown")]
        if nullable:
            self.chip.choices.append((None, "off", "Off: send null"))
        self._set_tip(f"{field.help}\nDefault: {self._default_text}\nAllowed: {field.type.describe()}")
        self.set_path(path)
        self._set_state(NOT_SET)

    def lay_out(self, grid: QGridLayout, row: int) -> int:
        return self.add_to(grid, row, self.editor.root, self.editor.tall, self.editor.compact)

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
        set_dim(self.editor.root, state is not SET)
        self._sync()

    def _sync(self) -> None:
        usable = self.usable()
        self.label.setEnabled(usable)
        self.chip.setEnabled(usable)
        self.editor.root.setEnabled(usable and self._state is not None)

    def _edited(self) -> None:
        if self._state is not SET:
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
    fields below), set (``{}``), off (``None``) or one of its literals."""

    def __init__(self, group: Group, path: str, nullable: bool, parent: QWidget,
                 on_edit: Callable[[Any], None], depth: int = 0) -> None:
        super().__init__(group, path, nullable, parent, on_edit, depth)
        self.group = group
        self.children: list[Row] = []
        font = self.label.font()  # bold by font, not style sheet, so the label column is sized right
        font.setBold(True)
        self.label.setFont(font)
        self.summary = QLabel(parent)
        self.summary.setProperty("role", "muted")
        self.focus = self.chip
        self.chip.setAccessibleName(group.label)
        self.label.setBuddy(self.chip)
        self._literals = dict(group.literals)
        default = group.default_note or "chosen by the service"
        self.chip.choices = [(NOT_SET, "not set", f"Not set: sent only when a field below is set "
                                                  f"(default: {default})"),
                             (SET, "set", "Set: send it even with nothing set below")]
        if nullable:
            self.chip.choices.append((None, "off", "Off: send null"))
        self.chip.choices += [(v, v, f'"{v}": {meaning}') for v, meaning in group.literals]
        self._set_tip(f"{group.help}\nDefault: {default}")
        self.set_path(path)
        self._loaded: Any = NOT_SET
        self._set_state(NOT_SET)

    def lay_out(self, grid: QGridLayout, row: int) -> int:
        return self.add_to(grid, row, self.summary, False, False)

    def load(self, value: Any) -> None:
        self._loaded = value
        self._set_state(value if value is NOT_SET or value is None or isinstance(value, str) else SET)

    def value(self) -> Any:
        if self._state is SET:  # a malformed loaded object is kept, for validation to report
            return self._loaded if isinstance(self._loaded, dict) else {}
        return self._state

    def _set_state(self, state: Any) -> None:
        self._state = state
        self.chip.show_state(state)
        if state is NOT_SET:
            text = f"Sent when a field below is set. Default: {self.group.default_note or 'chosen by the service'}"
        elif state is SET:
            text = "Sent, even with nothing set below"
        elif state is None:
            text = "Off: sent as null"
        else:
            text = self._literals.get(state, "not a value this group takes")
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


Row = Union[FieldRow, GroupRow]


class _Section(QWidget):
    """A titled, collapsible block of rows."""

    def __init__(self, title: str, parent: QWidget, on_toggle: Callable[[str, bool], None]) -> None:
        super().__init__(parent)
        self.title = title
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(2)
        head = QHBoxLayout()
        self.header = QToolButton(self)
        self.header.setText(title)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        head.addWidget(self.header)
        head.addWidget(line, 1)
        self.body = QWidget(self)
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(INDENT + 6, 2, 4, 6)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        column.addLayout(head)
        column.addWidget(self.body)
        self.rows = 0
        self.header.clicked.connect(self._toggle)
        self._on_toggle = on_toggle
        self.set_expanded(True)

    def _toggle(self) -> None:
        expanded = not self.body.isVisibleTo(self)
        self.set_expanded(expanded)
        self._on_toggle(self.title, expanded)

    def expanded(self) -> bool:
        return self.body.isVisibleTo(self)

    def set_expanded(self, expanded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)


class _EndpointForm(QScrollArea):
    """Every row one endpoint shows, built once, laid out in sections."""

    def __init__(self, endpoint_id: str, on_edit: Callable[[Row], None], collapsed: set[str],
                 on_toggle: Callable[[str, bool], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.endpoint_id = endpoint_id
        self.shape = declaration.endpoint(endpoint_id).shape
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 4, 8, 8)
        column.setSpacing(0)
        ctx = EditorContext(endpoint_id, self.shape, make_row=FieldRow)
        self.rows: list[Row] = []
        self.by_path: dict[str, Row] = {}
        self.sections: dict[str, _Section] = {}
        self.row_section: dict[str, _Section] = {}
        section: _Section | None = None
        for spot in declaration.placed(endpoint_id):
            parent_row = self.by_path.get(spot.path.rpartition(".")[0])
            if not isinstance(parent_row, GroupRow):  # a top-level node opens or continues its section
                parent_row = None
                section = self.sections.get(spot.node.section)
                if section is None:
                    section = self.sections[spot.node.section] = _Section(spot.node.section, content, on_toggle)
            assert section is not None
            depth = parent_row.depth + 1 if parent_row else 0
            row: Row
            if isinstance(spot.node, Group):
                row = GroupRow(spot.node, spot.path, spot.nullable, section.body, on_edit, depth)
            else:
                row = FieldRow(spot.node, spot.path, spot.nullable, ctx, section.body, on_edit, depth)  # type: ignore[arg-type]
            if parent_row:
                parent_row.children.append(row)
            section.rows = row.lay_out(section.grid, section.rows)
            self.rows.append(row)
            self.by_path[spot.path] = row
            self.row_section[spot.path] = section
        order = {title: i for i, title in enumerate(declaration.SECTIONS)}
        for sec in sorted(self.sections.values(), key=lambda s: order.get(s.title, len(order))):
            column.addWidget(sec)
            sec.set_expanded(sec.title not in collapsed)
        column.addStretch(1)
        # One label column for the whole form, so sections line up with each other.
        width = max((row.label.sizeHint().width() for row in self.rows), default=0)
        for sec in self.sections.values():
            sec.grid.setColumnMinimumWidth(0, width)
        self.when_rows = [row for row in self.rows if row.node.when is not None]
        self.dependents = [row for row in self.rows if isinstance(row, FieldRow) and row.editor.depends_on]
        self.setWidget(content)

    def row_for(self, path: str) -> tuple[Row | None, str]:
        """The row at ``path``, or the nearest enclosing one, and what is left of the path."""
        candidate = path.split("[", 1)[0]
        while candidate and candidate not in self.by_path:
            candidate = candidate.rpartition(".")[0]
        return self.by_path.get(candidate), path[len(candidate):]

    def reveal(self, row: Row, widget: QWidget) -> None:
        section = self.row_section[row.path.split("[", 1)[0]]
        if not section.expanded():
            section._toggle()
            # The section's rows get their places once the layout has run.
            QTimer.singleShot(0, lambda: self.ensureWidgetVisible(widget, 40, 60))
        self.ensureWidgetVisible(widget, 40, 60)


class FormView(QWidget):
    """The session fields of one configuration, for its endpoint."""

    changed = Signal()  # any edit by the user

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self._forms: dict[str, _EndpointForm] = {}
        self._endpoint: str | None = None
        self._values: dict[str, Any] = {}  # the configuration's values; the current form's rows override
        self._collapsed: set[str] = set()  # section titles, shared by every endpoint's form

    # --- the interface the window uses -------------------------------------

    def set_configuration(self, config: Configuration) -> None:
        """Show ``config``'s values for its endpoint; does not emit ``changed``."""
        self._values = copy.deepcopy(config.values)
        self._show(config.endpoint)

    def set_endpoint(self, endpoint_id: str) -> None:
        """Show the fields ``endpoint_id`` places; values of the others are kept."""
        if endpoint_id != self._endpoint:
            self._values = self._collect()
            self._show(endpoint_id)

    def values(self) -> dict[str, Any]:
        """Canonical values by field id: absent is not set, ``None`` is off."""
        return copy.deepcopy(self._collect())

    def editor_problems(self) -> list[Problem]:
        form = self._current()
        if form is None:
            return []
        return [Problem(row.node.id, path, label, detail)
                for row in form.rows if isinstance(row, FieldRow) and row.state is SET
                for path, label, detail in row.editor.problems(row.path)]

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark the rows ``problems`` name; marks from before are cleared."""
        form = self._current()
        for each in self._forms.values():
            self._clear_marks(each)
        if form is None:
            return
        messages: dict[str, list[str]] = {}
        items: dict[str, list[tuple[str, str]]] = {}
        for problem in problems:
            row, rest = form.row_for(problem.path)
            if row is None:
                continue
            messages.setdefault(row.path, []).append(problem.detail if not rest else problem.message)
            if rest.startswith("["):
                items.setdefault(row.path, []).append((rest, problem.message))
        for path, found in messages.items():
            row = form.by_path[path]
            row.mark(found)
            if isinstance(row, FieldRow):
                row.editor.mark_items(items.get(path, []))

    def focus_field(self, path: str) -> bool:
        """Scroll to the editor for a wire path and focus it; ``False`` if there is none."""
        form = self._current()
        row, rest = form.row_for(path) if form else (None, "")
        if form is None or row is None:
            return False
        widget: QWidget | None = row.focus
        if rest.startswith("[") and isinstance(row, FieldRow):
            widget = row.editor.focus_item(rest) or row.focus
        form.reveal(row, widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def editor(self, path: str) -> QWidget | None:
        form = self._current()
        if form is None:
            return None
        row = form.by_path.get(path)
        return row.focus if row else form.widget().findChild(QWidget, path)

    # --- inside --------------------------------------------------------------

    def _current(self) -> _EndpointForm | None:
        return self._forms.get(self._endpoint) if self._endpoint else None

    def _show(self, endpoint_id: str) -> None:
        form = self._forms.get(endpoint_id)
        if form is None:
            form = self._forms[endpoint_id] = _EndpointForm(
                endpoint_id, self._row_edited, self._collapsed, self._section_toggled, self._stack)
            self._stack.addWidget(form)
        else:  # sections collapsed on another endpoint's form collapse here too
            for section in form.sections.values():
                section.set_expanded(section.title not in self._collapsed)
        self._endpoint = endpoint_id
        self._stack.setCurrentWidget(form)
        form.setUpdatesEnabled(False)
        try:
            self._clear_marks(form)
            for row in form.rows:
                row.load(self._values.get(row.node.id, NOT_SET))
            self._refresh(form, None)
        finally:
            form.setUpdatesEnabled(True)

    def _collect(self) -> dict[str, Any]:
        out = dict(self._values)
        form = self._current()
        for row in form.rows if form else ():
            value = row.value()
            if value is NOT_SET:
                out.pop(row.node.id, None)
            else:
                out[row.node.id] = value
        return out

    def _row_edited(self, row: Row) -> None:
        form = self._current()
        if form is not None:
            self._refresh(form, row.node.id)
        self.changed.emit()

    def _refresh(self, form: _EndpointForm, edited: str | None) -> None:
        """Bring `when` conditions and dependent editors up to date with the values."""
        dependents = [r for r in form.dependents if edited is None or r.editor.depends_on == edited]
        if not form.when_rows and not dependents:
            return
        live = self._collect()
        for row in dependents:
            row.editor.update_dependency(live.get(row.editor.depends_on or "", NOT_SET))
        for row in form.when_rows:
            key, allowed = row.node.when or ("", ())
            parent = row.node.id.rpartition(".")[0]
            sibling = declaration.field_by_id(f"{parent}.{key}" if parent else key)
            shown = " or ".join(str(v) for v in allowed)
            row.set_applicable(applies(row.node, live, form.shape), f"Applies when {sibling.label} is {shown}")

    def _clear_marks(self, form: _EndpointForm) -> None:
        for row in form.rows:
            if row.focus.property("problem"):
                row.mark([])
                if isinstance(row, FieldRow):
                    row.editor.mark_items([])

    def _section_toggled(self, title: str, expanded: bool) -> None:
        (self._collapsed.discard if expanded else self._collapsed.add)(title)
