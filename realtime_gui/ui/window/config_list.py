"""The list of saved configurations: names first, what each one is after.

:class:`ConfigList` shows names only at first (``ConfigStore.list`` opens no
files), so it fills at once even with hundreds of configurations, and it is
part of the window's first frame (see ``first_paint``): a plain model and
view, rows two lines tall from the start so nothing jumps later. Once the
window is usable, :meth:`ConfigList.set_details` adds each one's endpoint and
when it last minted, and :meth:`ConfigList.set_delegate` the painter of the
badge (``config_rows``); the unsaved mark follows the open configuration.

It decides nothing: selecting a row emits ``selection_requested`` and the
window, which may ask about unsaved changes first, answers with
:meth:`ConfigList.select`. What one does with configurations is in ``library``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Signal
from PySide6.QtGui import QActionGroup, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.style.style import heading

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractItemDelegate

__all__ = ["BY_MINTED", "BY_NAME", "ENDPOINT_ROLE", "MINTED_ROLE", "NAME_ROLE", "UNSAVED_ROLE", "ConfigList"]

# Item data roles, as plain numbers: the Qt namespace costs start-up time (ui/shell/frame.py).
_DISPLAY_ROLE, _TOOLTIP_ROLE, _FONT_ROLE, _ALIGNMENT_ROLE, _SIZE_ROLE, _USER_ROLE = 0, 3, 6, 7, 13, 256
NAME_ROLE, ENDPOINT_ROLE, MINTED_ROLE, UNSAVED_ROLE = (_USER_ROLE + n for n in range(1, 5))
_TOP_LEFT = 0x21  # Qt.AlignLeft | Qt.AlignTop: the name on the first of the row's two lines
BY_NAME, BY_MINTED = "name", "minted"
_UNSAVED_MARK = " •"
_NO_PARENT = QModelIndex()


class _Rows(QAbstractListModel):
    """The rows, as the list shows them: a Python list behind a model, so 500 names
    cost one reset and the view asks only for the rows it paints."""

    def __init__(self, parent: QObject, height: int) -> None:
        super().__init__(parent)
        self.order: list[str] = []
        self.endpoints: dict[str, str] = {}  # name -> endpoint id, once known
        self.minted: dict[str, float] = {}  # casefolded name -> epoch seconds of its last mint
        self.dirty: str | None = None
        self._size = QSize(1, height)  # two lines: the name, and the last mint under it
        self._italic: QFont | None = None

    def reset(self, order: list[str]) -> None:
        self.beginResetModel()
        self.order = order
        self.endResetModel()

    def changed(self, row: int | None = None) -> None:
        if self.order:
            first, last = (row, row) if row is not None else (0, len(self.order) - 1)
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.order)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY_ROLE) -> Any:
        row = index.row()
        if not 0 <= row < len(self.order):
            return None
        name = self.order[row]
        unsaved = name == self.dirty
        if role == _DISPLAY_ROLE:
            return name + _UNSAVED_MARK if unsaved else name
        if role == NAME_ROLE:
            return name
        if role == _SIZE_ROLE:
            return self._size
        if role == _ALIGNMENT_ROLE:
            return _TOP_LEFT
        if role == ENDPOINT_ROLE:
            return self.endpoints.get(name)
        if role == MINTED_ROLE:
            return self.minted.get(name.casefold())
        if role == UNSAVED_ROLE:
            return unsaved
        if role == _FONT_ROLE and unsaved:
            if self._italic is None:
                self._italic = QFont()
                self._italic.setItalic(True)
            return self._italic
        if role == _TOOLTIP_ROLE and unsaved:
            return "Unsaved changes (Ctrl+S saves)"
        return None


class ConfigList(QWidget):
    """Names, a filter, a sort order and the buttons of the given actions."""

    selection_requested = Signal(str)
    names_changed = Signal()  # after set_names(): the details of new names can be looked up

    def __init__(self, buttons: Sequence[QAction], more: Sequence[QAction], parent: QWidget | None = None) -> None:
        """``buttons`` get a button each, ``more`` share a menu; all are in the context menu."""
        super().__init__(parent)
        self.setObjectName("config_panel")
        self._filter = QLineEdit()
        self._filter.setObjectName("config_filter")
        self._filter.setAccessibleName("Filter configurations")
        self._filter.setPlaceholderText("Filter configurations (Ctrl+Shift+F)")
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._apply_filter)
        self._filter.returnPressed.connect(self._go_to_list)
        self._list = QListView()
        self._list.setObjectName("config_list")
        self._list.setAccessibleName("Configurations")
        self._list.setUniformItemSizes(True)  # keeps 500 rows as cheap as 5
        set_enum(self._list, "editTriggers", "NoEditTriggers")
        self._model = _Rows(self, 2 * self._list.fontMetrics().height() + 8)
        self._list.setModel(self._model)
        self._list.selectionModel().currentChanged.connect(self._current_changed)
        set_enum(self._list, "contextMenuPolicy", "ActionsContextMenu")
        self._list.addActions([*buttons, *more])
        self._names: list[str] = []  # as given: sorted by name
        self._rows: dict[str, int] = {}  # name -> row shown
        self._quiet = False  # selecting from the program: nothing is requested
        self._sort = BY_NAME

        row = QHBoxLayout()
        row.setSpacing(2)
        for action in buttons:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setObjectName(action.objectName().removeprefix("action_") + "_button")
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self._sort_button())
        menu_button = QToolButton()
        menu_button.setText("More")
        menu_button.setObjectName("config_more")
        menu_button.setToolTip("Duplicate, rename or delete the configuration")
        set_enum(menu_button, "popupMode", "InstantPopup")
        menu = QMenu(menu_button)
        menu.addActions(list(more))
        menu_button.setMenu(menu)
        row.addWidget(menu_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(heading("Configurations"))
        layout.addWidget(self._filter)
        layout.addWidget(self._list, 1)
        layout.addLayout(row)

    def _sort_button(self) -> QToolButton:
        button = QToolButton()
        button.setText("Sort")
        button.setObjectName("config_sort")
        button.setAccessibleName("Sort configurations")
        button.setToolTip("Sort the configurations by name or by when they last minted")
        set_enum(button, "popupMode", "InstantPopup")
        menu = QMenu(button)
        group = QActionGroup(menu)
        for key, text in ((BY_NAME, "By name"), (BY_MINTED, "By last minted")):
            action = menu.addAction(text)
            action.setObjectName(f"sort_{key}")
            action.setCheckable(True)
            action.setChecked(key == self._sort)
            action.setActionGroup(group)
            action.triggered.connect(lambda _=False, key=key: self.sort_by(key))
        button.setMenu(menu)
        return button

    def set_names(self, names: Sequence[str], select: str | None = None) -> None:
        """Replace the rows; selects ``select`` without emitting anything."""
        self._names = list(names)
        current = select if select is not None else self.current_name()
        self._fill()
        if select is not None or current is not None:
            self.select(current)
        self.names_changed.emit()

    def _fill(self) -> None:
        """Lay the rows out again in the order chosen, keeping the filter."""
        order = self._sorted(self._names)
        self._rows = {name: row for row, name in enumerate(order)}
        self._quiet = True
        try:
            self._model.reset(order)
        finally:
            self._quiet = False
        if self._filter.text():
            self._apply_filter(self._filter.text())

    def _sorted(self, names: list[str]) -> list[str]:
        if self._sort == BY_MINTED:  # newest first; never minted after, by name
            minted = self._model.minted
            return sorted(names, key=lambda n: -minted.get(n.casefold(), float("-inf")))
        return list(names)

    def sort_by(self, key: str) -> None:
        """Show the rows by name (``BY_NAME``) or newest mint first (``BY_MINTED``)."""
        if key not in (BY_NAME, BY_MINTED):
            raise ValueError(f"no sort order {key!r}")
        self._sort = key
        for action in self.findChildren(QMenu):
            for each in action.actions():
                if each.objectName() == f"sort_{key}":
                    each.setChecked(True)
        current = self.current_name()
        self._fill()
        self.select(current)

    def sort_order(self) -> str:
        return self._sort

    def set_details(self, endpoints: Mapping[str, str] | None = None,
                    minted: Mapping[str, float] | None = None) -> None:
        """Add what is known of each configuration: its endpoint id by name, and
        when it last minted (epoch seconds) by name, compared without case."""
        self._model.endpoints.update(endpoints or {})
        if minted is not None:
            self._model.minted = {name.casefold(): when for name, when in minted.items()}
        if self._sort == BY_MINTED and minted is not None:
            current = self.current_name()
            self._fill()
            self.select(current)
        else:
            self._model.changed()

    def endpoint_of(self, name: str) -> str | None:
        return self._model.endpoints.get(name)

    def minted_at(self, name: str) -> float | None:
        return self._model.minted.get(name.casefold())

    def set_delegate(self, delegate: QAbstractItemDelegate) -> None:
        """Paint the rows with ``delegate`` (the badge and the last mint)."""
        self._list.setItemDelegate(delegate)

    def repaint_rows(self) -> None:
        """Paint the rows again (the time since each last mint moves on)."""
        self._list.viewport().update()

    def select(self, name: str | None) -> None:
        """Make ``name`` the current row without emitting ``selection_requested``."""
        row = self._rows.get(name) if name is not None else None
        self._quiet = True
        try:
            if row is None:
                self._list.setCurrentIndex(QModelIndex())
            else:
                index = self._model.index(row, 0)
                self._list.setCurrentIndex(index)
                self._list.scrollTo(index)
        finally:
            self._quiet = False

    def request(self, name: str) -> None:
        """Ask for ``name`` as a click on it would (the window may ask about unsaved changes)."""
        self.selection_requested.emit(name)

    def names(self) -> list[str]:
        """The names listed, sorted by name."""
        return list(self._names)

    def shown_names(self) -> list[str]:
        """The names the filter lets through, in the order shown."""
        return [name for row, name in enumerate(self._model.order) if not self._list.isRowHidden(row)]

    def focus_filter(self) -> None:
        """Put the cursor in the filter, its text selected to be typed over."""
        self._filter.setFocus()
        self._filter.selectAll()

    def current_name(self) -> str | None:
        row = self._list.currentIndex().row()
        order = self._model.order
        return order[row] if 0 <= row < len(order) else None

    def set_unsaved(self, name: str, unsaved: bool) -> None:
        """Mark ``name`` as having unsaved changes (only one row ever is)."""
        before = self._model.dirty
        self._model.dirty = name if unsaved else None
        for each in {before, self._model.dirty} - {None}:
            if each in self._rows:
                self._model.changed(self._rows[each])

    def row_data(self, name: str, role: int = _DISPLAY_ROLE) -> Any:
        """What the row of ``name`` holds for ``role`` (the text shown by default); ``None`` if not listed."""
        row = self._rows.get(name)
        return self._model.index(row, 0).data(role) if row is not None else None

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row, name in enumerate(self._model.order):
            self._list.setRowHidden(row, bool(needle) and needle not in name.casefold())

    def _go_to_list(self) -> None:
        """Enter in the filter: on to the list, asking for the first name shown
        unless the current one is shown."""
        self._list.setFocus()
        row = self._list.currentIndex().row()
        if row < 0 or self._list.isRowHidden(row):
            first = next((r for r in range(len(self._model.order)) if not self._list.isRowHidden(r)), None)
            if first is not None:
                self._list.setCurrentIndex(self._model.index(first, 0))  # asks for it, as a click would

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid() and 0 <= current.row() < len(self._model.order):
            self.selection_requested.emit(self._model.order[current.row()])
