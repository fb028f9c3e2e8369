"""The session form, built from the declaration and nothing else.

``FormView`` shows the nodes an endpoint places (``declaration.placed``) in
collapsible sections of rows (``form_rows``); each row's editor is chosen by
its field's type.  No field is named here.

Cost is kept off the paths people wait on.  An endpoint's form is built once
and cached, so loading a configuration only sets values.  A new form builds
its first screenful of sections at once and the rest while the window is
idle (or as soon as something asks for them); until a section is built, its
fields' values simply stay in the configuration's dict.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Callable, Iterable

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QScrollArea, QStackedWidget, QToolButton, QVBoxLayout, QWidget,
)

from realtime_gui.core.catalog import declaration
from realtime_gui.core.wire.body import applies
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.catalog.nodes import NOT_SET, Group, Placed
from realtime_gui.core.wire.validate import Problem
from realtime_gui.ui.form import all_editors  # noqa: F401  (the rows build editors from its registry)
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.form.rows import INDENT, SET, FieldRow, GroupRow, Row

if TYPE_CHECKING:  # only annotations need it; importing it costs start-up time
    from PySide6.QtGui import QShowEvent

__all__ = ["FormView"]

FIRST_SCREEN = 8  # rows (about a screenful) a new form builds at once; the rest are built while idle
IDLE_STEP_MS = 15  # pause between sections built while idle, so input and painting go first


class _Section(QWidget):
    """A titled, collapsible block of rows."""

    def __init__(self, title: str, parent: QWidget, on_toggle: Callable[[str, bool], None]) -> None:
        super().__init__(parent)
        self.title = title
        self._on_toggle = on_toggle
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(2)
        head = QHBoxLayout()
        self.header = QToolButton(self)
        self.header.setText(title)
        self.header.setToolTip(f"Show or hide {title}")
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.clicked.connect(self._toggle)
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
        self.next_row = 0  # the grid row the next form row starts on
        self.set_expanded(True)

    def expanded(self) -> bool:
        return self.body.isVisibleTo(self)

    def set_expanded(self, expanded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)

    def _toggle(self) -> None:
        expanded = not self.expanded()
        self.set_expanded(expanded)
        self._on_toggle(self.title, expanded)


def _label_width(widget: QWidget, labels: Iterable[tuple[Placed, int]]) -> int:
    """The widest of the labels shown (each a spot and its depth), measured from the
    declaration, so sections line up with each other before (and whether or not)
    all their rows are built."""
    plain = widget.fontMetrics()
    font = QFont(widget.font())
    font.setBold(True)
    bold = QFontMetrics(font)
    return max((((bold if isinstance(s.node, Group) else plain).horizontalAdvance(s.node.label)
                 + depth * INDENT) for s, depth in labels), default=0) + 6


class _EndpointForm(QScrollArea):
    """One endpoint's sections; each builds its rows on first need.

    It scrolls up and down only: its rows fit its width, however narrow the window
    (long texts wrap or end in “…”). A section that holds just one group named as
    the section shows the group's rows under the section's title alone.
    """

    def __init__(self, endpoint_id: str, on_edit: Callable[[Row], None], on_toggle: Callable[[str, bool], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.shape = declaration.endpoint(endpoint_id).shape
        self.ctx = EditorContext(endpoint_id, self.shape, make_row=FieldRow)
        self._on_edit = on_edit
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 4, 8, 8)
        column.setSpacing(0)
        self.rows: list[Row] = []
        self.by_path: dict[str, Row] = {}
        self.by_id: dict[str, Row] = {}
        self.when_rows: list[Row] = []
        self.dependents: list[FieldRow] = []
        self._pending: dict[str, list[Placed]] = {}  # section title -> nodes not built yet
        self._section_of: dict[str, str] = {}  # wire path -> section title
        spots = declaration.placed(endpoint_id)
        by_id = {spot.node.id: spot for spot in spots}
        for spot in spots:  # children go where their group goes
            parent_spot = by_id.get(spot.node.id.rpartition(".")[0])
            title = self._section_of[parent_spot.path] if parent_spot else spot.node.section
            self._section_of[spot.path] = title
            self._pending.setdefault(title, []).append(spot)
        self._headless: set[str] = set()  # ids of groups whose section's title names them
        for title, members in self._pending.items():
            tops = [each for each in members if each.node.id.rpartition(".")[0] not in by_id]
            if (len(tops) == 1 and isinstance(tops[0].node, Group)
                    and tops[0].node.label.casefold() == title.casefold()):
                self._headless.add(tops[0].node.id)
        order = {title: i for i, title in enumerate(declaration.SECTIONS)}
        self.sections: dict[str, _Section] = {}
        width = _label_width(content, [(spot, self._depth(spot.node.id)) for spot in spots
                                       if spot.node.id not in self._headless])
        for title in sorted(self._pending, key=lambda t: order.get(t, len(order))):
            section = self.sections[title] = _Section(title, content, on_toggle)
            section.grid.setColumnMinimumWidth(0, width)
            column.addWidget(section)
        column.addStretch(1)
        self.setWidget(content)
        self._content = content

    def _depth(self, node_id: str) -> int:
        """How far a row is indented: its nesting, less the headless groups around it."""
        parts = node_id.split(".")
        lifted = sum(".".join(parts[:n]) in self._headless for n in range(1, len(parts)))
        return len(parts) - 1 - lifted

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Never narrower than its rows: it does not scroll sideways, so the
        splitters and the window stop there instead of cutting the chips off."""
        hint = super().minimumSizeHint()
        rows = self._content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), rows + 2 * self.frameWidth()), hint.height())

    def pending(self) -> list[str]:
        return [title for title in self.sections if title in self._pending]

    def section_for(self, path: str) -> str | None:
        candidate = path.split("[", 1)[0]
        while candidate and candidate not in self._section_of:
            candidate = candidate.rpartition(".")[0]
        return self._section_of.get(candidate)

    def build(self, title: str) -> list[Row]:
        """Build a section's rows, if not built yet; returns the new rows."""
        spots = self._pending.pop(title, [])
        section = self.sections[title]
        # Widgets added to a visible parent show up one event loop later, and the
        # layout sizes them only then; hiding the body while it fills avoids that flash.
        shown = section.body.isVisibleTo(section)
        section.body.hide()
        new: list[Row] = []
        for spot in spots:
            parent = self.by_id.get(spot.node.id.rpartition(".")[0])
            depth = self._depth(spot.node.id)
            row: Row
            if isinstance(spot.node, Group):
                row = GroupRow(spot.node, spot.path, spot.nullable, section.body, self._on_edit, depth,
                               headless=spot.node.id in self._headless)
            else:
                row = FieldRow(spot.node, spot.path, spot.nullable, self.ctx, section.body,  # type: ignore[arg-type]
                               self._on_edit, depth)
            if isinstance(parent, GroupRow):
                parent.children.append(row)
            section.next_row = row.lay_out(section.grid, section.next_row)
            self.by_path[spot.path] = self.by_id[spot.node.id] = row
            new.append(row)
        section.body.setVisible(shown)
        self.updateGeometry()  # new rows may need more width
        self.rows += new
        self.when_rows += [row for row in new if row.node.when is not None]
        self.dependents += [row for row in new if isinstance(row, FieldRow) and row.editor.depends_on]
        return new

    def row_for(self, path: str) -> tuple[Row | None, str]:
        """The built row at ``path`` or the nearest enclosing one, and the rest of the path."""
        candidate = path.split("[", 1)[0]
        while candidate and candidate not in self.by_path:
            candidate = candidate.rpartition(".")[0]
        return self.by_path.get(candidate), path[len(candidate):]

    def reveal(self, row: Row, widget: QWidget) -> None:
        section = self.sections[self._section_of[row.path.split("[", 1)[0]]]
        if not section.expanded():
            section.header.click()
        # Rows just built or uncovered get their places when the layout next runs;
        # sizing the content now, synchronously, gives them their places at once.
        content = self._content
        width, view = self.viewport().width(), self.viewport().height()
        content.resize(width, max(content.heightForWidth(width), content.sizeHint().height(), view))
        # The editor with its label (when it is the row's own), scrolled up or down only,
        # so the label column stays in view; with some context around it when it fits.
        area = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
        if widget is row.focus and row.label.isVisibleTo(content):
            area = area.united(QRect(row.label.mapTo(content, QPoint(0, 0)), row.label.size()))
        bar = self.verticalScrollBar()
        margin = max(0, min(view // 3, (view - area.height()) // 2))
        if area.top() < bar.value() or area.height() > view:
            bar.setValue(area.top() - margin)
        elif area.bottom() >= bar.value() + view:
            bar.setValue(area.bottom() + 1 + margin - view)
        self.horizontalScrollBar().setValue(0)


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
        self._values: dict[str, Any] = {}  # the configuration's values; built rows override them
        self._problems: list[Problem] = []  # the ones shown, kept for rows built later
        self._collapsed: set[str] = set()  # section titles, shared by every endpoint's form
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_STEP_MS)
        self._idle.timeout.connect(self._build_next)

    # --- the interface the window uses -------------------------------------

    def set_configuration(self, config: Configuration) -> None:
        """Show ``config``'s values for its endpoint; does not emit ``changed``."""
        self._values = copy.deepcopy(config.values)
        self._problems = []
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
        """What editors know is wrong with their text, such as malformed JSON."""
        form = self._current()
        return [Problem(row.node.id, path, label, detail)
                for row in (form.rows if form else ()) if isinstance(row, FieldRow) and row.state is SET
                for path, label, detail in row.editor.problems(row.path)]

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark the rows ``problems`` name; marks from before are cleared."""
        for each in self._forms.values():
            for row in each.rows:
                if row.focus.property("problem"):
                    row.mark([])
                    if isinstance(row, FieldRow):
                        row.editor.mark_items([])
        self._problems = list(problems)
        form = self._current()
        if form is not None:
            self._mark(form, form.rows)

    def focus_field(self, path: str) -> bool:
        """Scroll to the editor for a wire path and focus it; ``False`` if there is none."""
        form, row, rest = self._find(path)
        if form is None or row is None:
            return False
        widget = row.focus
        if rest.startswith("[") and isinstance(row, FieldRow):
            widget = row.editor.focus_item(rest) or widget
        form.reveal(row, widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def editor(self, path: str) -> QWidget | None:
        """The editor widget whose objectName is ``path`` (a group's is its state chip)."""
        form, row, rest = self._find(path)
        if form is None or row is None:
            return None
        return row.focus if not rest else form.findChild(QWidget, path)

    # --- inside --------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._idle.start()

    def _current(self) -> _EndpointForm | None:
        return self._forms.get(self._endpoint) if self._endpoint else None

    def _show(self, endpoint_id: str) -> None:
        form = self._forms.get(endpoint_id)
        if form is None:
            form = self._forms[endpoint_id] = _EndpointForm(endpoint_id, self._row_edited, self._toggled, self._stack)
            self._stack.addWidget(form)
        for section in form.sections.values():  # sections collapsed elsewhere are collapsed here too
            section.set_expanded(section.title not in self._collapsed)
        self._endpoint = endpoint_id
        self._stack.setCurrentWidget(form)
        form.setUpdatesEnabled(False)
        try:
            self._load(form, form.rows)
            for title in form.pending():
                if len(form.rows) >= FIRST_SCREEN:
                    break
                self._load(form, form.build(title))
        finally:
            form.setUpdatesEnabled(True)
        if self.isVisible():
            self._idle.start()

    def _load(self, form: _EndpointForm, rows: list[Row]) -> None:
        for row in rows:
            if row.focus.property("problem"):
                row.mark([])
            row.load(self._values.get(row.node.id, NOT_SET))
        self._mark(form, rows)
        self._refresh(form, None)

    def _find(self, path: str) -> tuple[_EndpointForm | None, Row | None, str]:
        """The row for ``path``, building its section first if need be."""
        form = self._current()
        if form is None:
            return None, None, ""
        title = form.section_for(path)
        if title is not None:
            self._build_through(form, title)
        return (form, *form.row_for(path))

    def _build_through(self, form: _EndpointForm, title: str) -> None:
        """Build the sections up to ``title``, in order, so Tab visits rows top to bottom."""
        if title in form.pending():
            for each in form.pending():
                self._load(form, form.build(each))
                if each == title:
                    break

    def _build_next(self) -> None:
        form = self._current()
        titles = form.pending() if form else []
        if form and titles:  # collapsed ones too, to keep the build (and Tab) order
            form.setUpdatesEnabled(False)
            self._load(form, form.build(titles[0]))
            form.setUpdatesEnabled(True)
            if len(titles) > 1:
                self._idle.start()

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
        for dependent in dependents:
            dependent.editor.update_dependency(live.get(dependent.editor.depends_on or "", NOT_SET))
        for row in form.when_rows:
            key, allowed = row.node.when or ("", ())
            parent = row.node.id.rpartition(".")[0]
            sibling = declaration.field_by_id(f"{parent}.{key}" if parent else key)
            shown = " or ".join(str(v) for v in allowed)
            row.set_applicable(applies(row.node, live, form.shape), f"Applies when {sibling.label} is {shown}")

    def _mark(self, form: _EndpointForm, rows: list[Row]) -> None:
        paths = {row.path for row in rows}
        messages: dict[str, list[str]] = {}
        items: dict[str, list[tuple[str, str]]] = {}
        for problem in self._problems:
            row, rest = form.row_for(problem.path)
            if row is None or row.path not in paths:
                continue
            messages.setdefault(row.path, []).append(problem.message if rest else problem.detail)
            if rest.startswith("["):
                items.setdefault(row.path, []).append((rest, problem.message))
        for path, found in messages.items():
            row = form.by_path[path]
            row.mark(found)
            if isinstance(row, FieldRow):
                row.editor.mark_items(items.get(path, []))

    def _toggled(self, title: str, expanded: bool) -> None:
        if not expanded:
            self._collapsed.add(title)
            return
        self._collapsed.discard(title)
        form = self._current()
        if form is not None:
            self._build_through(form, title)
