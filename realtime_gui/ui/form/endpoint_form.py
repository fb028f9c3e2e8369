"""One endpoint's form: the sections and rows of the nodes it places.

:class:`EndpointForm` lays out one collapsible :class:`Section` per declared
section and builds a section's rows only when asked (``build``), so a new form
shows its first screenful before the rest exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QToolButton, QVBoxLayout, QWidget

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import Condition, Group, Placed
from realtime_gui.ui.form import all_editors  # noqa: F401  (the rows build editors from its registry)
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.form.rows import INDENT, FieldRow, GroupRow, Row
from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.style.style import set_role

__all__ = ["EndpointForm", "Section"]


class Section(QWidget):
    """A titled, collapsible block of rows."""

    def __init__(self, title: str, parent: QWidget, on_toggle: Callable[[str, bool], None]) -> None:
        super().__init__(parent)
        self.title = title
        self._on_toggle = on_toggle
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 3, 0, 2)  # the larger heading takes the rest
        column.setSpacing(2)
        head = QHBoxLayout()
        self.header = QToolButton(self)
        self.header.setText(title)
        self.header.setToolTip(f"Show or hide {title}")
        self.header.setAutoRaise(True)
        set_enum(self.header, "toolButtonStyle", "ToolButtonTextBesideIcon")
        set_role(self.header, "section")
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
        set_enum(self.header, "arrowType", "DownArrow" if expanded else "RightArrow")
        self.body.setVisible(expanded)

    def _toggle(self) -> None:
        expanded = not self.expanded()
        self.set_expanded(expanded)
        self._on_toggle(self.title, expanded)


def label_width(widget: QWidget, labels: Iterable[tuple[Placed, int]]) -> int:
    """The widest of the labels shown (each a spot and its depth), measured from the
    declaration, so sections line up with each other before (and whether or not)
    all their rows are built."""
    plain = widget.fontMetrics()
    font = QFont(widget.font())
    font.setBold(True)
    bold = QFontMetrics(font)
    return max((((bold if isinstance(s.node, Group) else plain).horizontalAdvance(s.node.label)
                 + depth * INDENT) for s, depth in labels), default=0) + 6


class EndpointForm(QScrollArea):
    """One endpoint's sections; each builds its rows on first need.

    It scrolls up and down only: its rows fit its width, however narrow the window
    (long texts wrap or end in “…”). A section that holds just one group named as
    the section shows the group's rows under the section's title alone.
    """

    @property
    def content(self) -> QWidget:
        """The widget the sections are in (the scroll area's widget)."""
        return self._content

    def __init__(self, endpoint_id: str, on_edit: Callable[[Row], None], on_toggle: Callable[[str, bool], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.endpoint_id = endpoint_id
        self.shape = declaration.endpoint(endpoint_id).shape
        self.ctx = EditorContext(endpoint_id, self.shape, make_row=FieldRow)
        self._on_edit = on_edit
        self.setWidgetResizable(True)
        set_enum(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 4, 8, 8)
        column.setSpacing(0)
        self.rows: list[Row] = []
        self.by_path: dict[str, Row] = {}
        self.by_id: dict[str, Row] = {}
        self.conditional: list[tuple[Row, Condition]] = []  # rows with a `when`, and its condition
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
        self.sections: dict[str, Section] = {}
        width = label_width(content, [(spot, self._depth(spot.node.id)) for spot in spots
                                       if spot.node.id not in self._headless])
        for title in sorted(self._pending, key=lambda t: order.get(t, len(order))):
            section = self.sections[title] = Section(title, content, on_toggle)
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

    def minimumSizeHint(self) -> QSize:
        """Never narrower than its rows: it does not scroll sideways, so the
        splitters and the window stop there instead of cutting the chips off."""
        hint = super().minimumSizeHint()
        rows = self._content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), rows + 2 * self.frameWidth()), hint.height())

    def pending(self) -> list[str]:
        return [title for title in self.sections if title in self._pending]

    def section_for(self, path: str) -> str | None:
        """The title of the section holding ``path`` or its nearest declared enclosing path."""
        spot = declaration.enclosing(self.endpoint_id, path)
        return self._section_of[spot.path] if spot else None

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
        self.conditional += [(row, row.node.condition) for row in new if row.node.condition is not None]
        self.dependents += [row for row in new if isinstance(row, FieldRow) and row.editor.depends_on]
        return new

    def row_for(self, path: str) -> tuple[Row | None, str]:
        """The row at ``path`` or its nearest declared enclosing path, and the rest of
        the path (``[0].name``); ``(None, path)`` while that row's section is not built."""
        spot = declaration.enclosing(self.endpoint_id, path)
        row = self.by_path.get(spot.path) if spot else None
        return (row, path[len(spot.path):]) if row is not None and spot else (None, path)

    def reveal(self, row: Row, widget: QWidget) -> None:
        section = self.sections[self._section_of[row.path]]
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
