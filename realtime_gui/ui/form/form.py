"""The session form, built from the declaration and nothing else.

``FormView`` shows the nodes an endpoint places (``declaration.placed``) in
an ``EndpointForm`` of collapsible sections of rows (``rows``); each row's
editor is chosen by its field's type.  It holds the values, the problems shown
and the `when` conditions.  No field is named here.

Cost is kept off the paths people wait on.  An endpoint's form is built once
and cached, so loading a configuration only sets values.  A new form builds
its first screenful of sections at once and the rest while the window is
idle (or as soon as something asks for them); until a section is built, its
fields' values simply stay in the configuration's dict.

Marks follow the edits.  Once problems are shown, every edit checks the
values again (``validate``): a fixed field loses its mark at once and a field
made wrong gets one.  Problems the check can't find again (the service
rejected a value) stay until their own row is edited.  A number typed out of
range is marked as it is typed, marks shown or not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from realtime_gui.core.catalog.json_text import copy_json
from realtime_gui.core.catalog.nodes import NOT_SET
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import Problem, validate
from realtime_gui.ui.form.endpoint_form import EndpointForm
from realtime_gui.ui.form.rows import SET, FieldRow, Row

if TYPE_CHECKING:  # only annotations need it; importing it costs start-up time
    from PySide6.QtGui import QShowEvent

__all__ = ["FormView"]

FIRST_SCREEN = 8  # rows (about a screenful) a new form builds at once; the rest are built while idle
IDLE_STEP_MS = 15  # pause between sections built while idle, so input and painting go first
UNPAINTED_MS = 250  # when the rest starts if the rows shown are never painted (a window off screen)


class FormView(QWidget):
    """The session fields of one configuration, for its endpoint."""

    changed = Signal()  # any edit by the user
    rows_built = Signal()  # rows were added to a form (sections are built on demand)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self._forms: dict[str, EndpointForm] = {}
        self._endpoint: str | None = None
        self._values: dict[str, Any] = {}  # the configuration's values; built rows override them
        self._problems: list[Problem] = []  # the ones shown, kept for rows built later
        self._live = False  # problems were shown: edits check the values again
        self._external: list[Problem] = []  # shown problems the check doesn't find (the service's)
        self._collapsed: set[str] = set()  # section titles, shared by every endpoint's form
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_STEP_MS)
        self._idle.timeout.connect(self._build_next)
        self._unpainted: QWidget | None = None  # the rows shown, until they are painted

    # --- the interface the window uses -------------------------------------

    def set_configuration(self, config: Configuration) -> None:
        """Show ``config``'s values for its endpoint; does not emit ``changed``."""
        self._values = copy_json(config.values)
        self._problems, self._external, self._live = [], [], False
        self._show(config.endpoint)

    def set_endpoint(self, endpoint_id: str) -> None:
        """Show the fields ``endpoint_id`` places; values of the others are kept."""
        if endpoint_id != self._endpoint:
            self._values = self._collect()
            self._show(endpoint_id)

    def values(self) -> dict[str, Any]:
        """Canonical values by field id: absent is not set, ``None`` is off."""
        values: dict[str, Any] = copy_json(self._collect())
        return values

    def editor_problems(self) -> list[Problem]:
        """What editors know is wrong with their text, such as malformed JSON."""
        form = self._current()
        return [Problem(row.node.id, path, label, detail)
                for row in (form.rows if form else ()) if isinstance(row, FieldRow) and row.state is SET
                for path, label, detail in row.editor.problems(row.path)]

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark the rows ``problems`` name; marks from before are cleared.
        From now on the marks follow the edits, until none are shown."""
        self._live = bool(problems)
        found = set(self._check()) if problems else set()
        self._external = [p for p in problems if p not in found]
        self._remark(problems)

    def focus_field(self, path: str) -> bool:
        """Scroll to the editor for a wire path and focus it; ``False`` if there is none."""
        form, row, rest = self._find(path)
        if form is None or row is None:
            return False
        widget = row.focus
        if rest.startswith("[") and isinstance(row, FieldRow):
            widget = row.editor.focus_item(rest) or widget
        form.reveal(row, widget)
        widget.setFocus()  # Qt's OtherFocusReason
        return True

    def editor(self, path: str) -> QWidget | None:
        """The editor widget whose objectName is ``path`` (a group's is its state chip)."""
        form, row, rest = self._find(path)
        if form is None or row is None:
            return None
        return row.focus if not rest else form.findChild(QWidget, path)

    def built_form(self) -> EndpointForm | None:
        """The endpoint's form shown, every section built (what the field filter goes through)."""
        form = self._current()
        if form is not None and form.pending():
            self._build_through(form, form.pending()[-1])
        return form

    # --- inside --------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._build_rest_after_paint()

    def _build_rest_after_paint(self) -> None:
        """Build the sections still pending once the rows shown have been painted:
        a section built before would hold up the paint a person waits for."""
        form = self._current()
        if form is None or not form.pending():
            return
        if self._unpainted is not None:
            self._unpainted.removeEventFilter(self)
        self._unpainted = form.content
        form.content.installEventFilter(self)
        self._idle.start(UNPAINTED_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._unpainted and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._unpainted = None
            self._idle.start(IDLE_STEP_MS)
        return False

    def shown_area(self) -> QWidget | None:
        """The widget the open endpoint's editors are in, if one is open: painted when they are."""
        # Not the scroll area's viewport: a widget Qt made, handed to Python, costs PySide6
        # a look through QAbstractScrollArea's subclasses (and their enums) at start-up.
        form = self._current()
        return form.content if form is not None else None

    def _current(self) -> EndpointForm | None:
        return self._forms.get(self._endpoint) if self._endpoint else None

    def _show(self, endpoint_id: str) -> None:
        form = self._forms.get(endpoint_id)
        if form is None:
            form = self._forms[endpoint_id] = EndpointForm(endpoint_id, self._row_edited, self._toggled, self._stack)
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
                self._build(form, title)
        finally:
            form.setUpdatesEnabled(True)
        if self.isVisible():
            self._build_rest_after_paint()

    def _load(self, form: EndpointForm, rows: list[Row]) -> None:
        for row in rows:
            if row.focus.property("problem"):
                row.mark([])
            row.load(self._values.get(row.node.id, NOT_SET))
        self._mark(form, rows)
        self._refresh(form, None)

    def _build(self, form: EndpointForm, title: str) -> None:
        self._load(form, form.build(title))
        self.rows_built.emit()

    def _find(self, path: str) -> tuple[EndpointForm | None, Row | None, str]:
        """The row for ``path``, building its section first if need be."""
        form = self._current()
        if form is None:
            return None, None, ""
        title = form.section_for(path)
        if title is not None:
            self._build_through(form, title)
        return (form, *form.row_for(path))

    def _build_through(self, form: EndpointForm, title: str) -> None:
        """Build the sections up to ``title``, in order, so Tab visits rows top to bottom."""
        if title in form.pending():
            for each in form.pending():
                self._build(form, each)
                if each == title:
                    break

    def _build_next(self) -> None:
        form = self._current()
        titles = form.pending() if form else []
        if form and titles:  # collapsed ones too, to keep the build (and Tab) order
            form.setUpdatesEnabled(False)
            self._build(form, titles[0])
            form.setUpdatesEnabled(True)
            if len(titles) > 1:
                self._idle.start(IDLE_STEP_MS)

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
            self._follow(form, row)
        self.changed.emit()

    def _follow(self, form: EndpointForm, row: Row) -> None:
        """Bring the marks up to date with an edit of ``row``."""
        def elsewhere(problems: list[Problem]) -> list[Problem]:
            return [p for p in problems if form.row_for(p.path)[0] is not row]

        if self._live:
            self._external = elsewhere(self._external)
            self._remark(self._check() + self._external)
        elif isinstance(row, FieldRow) and row.editor.checks_as_typed:
            value = row.value()
            detail = None if value is NOT_SET or value is None else row.field.type.check(value)
            typed = [Problem(row.node.id, row.path, row.node.label, detail)] if detail else []
            if typed or row.focus.property("problem"):
                self._remark(elsewhere(self._problems) + typed)

    def _check(self) -> list[Problem]:
        """What is wrong with the values shown, as Mint would find it (the connection aside)."""
        if self._endpoint is None:
            return []
        found = self.editor_problems() + validate(Configuration("", self._endpoint, self._collect()))
        return [p for p in found if not p.field_id.startswith("connection.")]

    def _remark(self, problems: list[Problem]) -> None:
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

    def _refresh(self, form: EndpointForm, edited: str | None) -> None:
        """Bring `when` conditions and dependent editors up to date with the values."""
        dependents = [r for r in form.dependents if edited is None or r.editor.depends_on == edited]
        if not form.conditional and not dependents:
            return
        live = self._collect()
        for dependent in dependents:
            dependent.editor.update_dependency(live.get(dependent.editor.depends_on or "", NOT_SET))
        for row, condition in form.conditional:
            row.set_applicable(condition.holds(live, form.shape), condition.hint)

    def _mark(self, form: EndpointForm, rows: list[Row]) -> None:
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
