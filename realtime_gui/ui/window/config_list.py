"""The list of saved configurations, by name.

:class:`ConfigList` shows names only (``ConfigStore.list`` opens no files),
so it fills at once even with hundreds of configurations, and it is part of
the window's first frame (see ``first_paint``). It decides nothing:
selecting a row emits ``selection_requested`` and the window, which may ask
about unsaved changes first, answers with :meth:`ConfigList.select`. What
one does with configurations is in ``library``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.style.style import heading

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

__all__ = ["ConfigList"]

_UNSAVED_MARK = " •"


class ConfigList(QWidget):
    """Names, a filter and the buttons of the given actions."""

    selection_requested = Signal(str)

    def __init__(self, buttons: Sequence[QAction], more: Sequence[QAction], parent: QWidget | None = None) -> None:
        """``buttons`` get a button each, ``more`` share a menu; all are in the context menu."""
        super().__init__(parent)
        self.setObjectName("config_panel")
        self._filter = QLineEdit()
        self._filter.setObjectName("config_filter")
        self._filter.setAccessibleName("Filter configurations")
        self._filter.setPlaceholderText("Filter configurations (Ctrl+F)")
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._apply_filter)
        self._filter.returnPressed.connect(self._go_to_list)
        self._list = QListWidget()
        self._list.setObjectName("config_list")
        self._list.setAccessibleName("Configurations")
        self._list.setUniformItemSizes(True)  # keeps 500 rows as cheap as 5
        self._list.currentItemChanged.connect(self._current_changed)
        set_enum(self._list, "contextMenuPolicy", "ActionsContextMenu")
        self._list.addActions([*buttons, *more])
        # The rows' names, in order: a row's text also carries the unsaved mark.
        self._names: list[str] = []
        self._rows: dict[str, int] = {}
        self._dirty: str | None = None

        row = QHBoxLayout()
        row.setSpacing(2)
        for action in buttons:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setObjectName(action.objectName().removeprefix("action_") + "_button")
            row.addWidget(button)
        row.addStretch(1)
        menu_button = QToolButton()
        menu_button.setText("More")
        menu_button.setObjectName("config_more")
        menu_button.setToolTip("Duplicate, rename or delete the configuration")
        menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
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

    def set_names(self, names: Sequence[str], select: str | None = None) -> None:
        """Replace the rows; selects ``select`` without emitting anything."""
        self._names = list(names)
        with QSignalBlocker(self._list):
            self._list.clear()
            self._list.addItems(self._names)
        self._rows = {name: row for row, name in enumerate(self._names)}
        if self._filter.text():  # new rows are shown; 500 of them take a moment to visit
            self._apply_filter(self._filter.text())
        if select is not None:
            self.select(select)
        if self._dirty is not None:
            self.set_unsaved(self._dirty, True)

    def select(self, name: str | None) -> None:
        """Make ``name`` the current row without emitting ``selection_requested``."""
        with QSignalBlocker(self._list):
            item = self._item(name) if name is not None else None
            if item is None:
                self._list.setCurrentRow(-1)
            else:
                self._list.setCurrentItem(item)
                self._list.scrollToItem(item)

    def names(self) -> list[str]:
        """The names listed, in order."""
        return list(self._names)

    def focus_filter(self) -> None:
        """Put the cursor in the filter, its text selected to be typed over."""
        self._filter.setFocus()
        self._filter.selectAll()

    def current_name(self) -> str | None:
        row = self._list.currentRow()
        return self._names[row] if row >= 0 else None

    def set_unsaved(self, name: str, unsaved: bool) -> None:
        """Mark ``name`` as having unsaved changes (only one row ever is)."""
        if self._dirty is not None and (item := self._item(self._dirty)):
            self._decorate(item, self._dirty, False)
        self._dirty = name if unsaved else None
        if unsaved and (item := self._item(name)):
            self._decorate(item, name, True)

    def _item(self, name: str) -> QListWidgetItem | None:
        row = self._rows.get(name)
        return self._list.item(row) if row is not None else None

    @staticmethod
    def _decorate(item: QListWidgetItem, name: str, unsaved: bool) -> None:
        item.setText(name + _UNSAVED_MARK if unsaved else name)
        font = QFont(item.font())
        font.setItalic(unsaved)
        item.setFont(font)
        item.setToolTip("Unsaved changes (Ctrl+S saves)" if unsaved else "")

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row, name in enumerate(self._names):
            self._list.item(row).setHidden(bool(needle) and needle not in name.casefold())

    def _go_to_list(self) -> None:
        """Enter in the filter: on to the list, asking for the first name shown
        unless the current one is shown."""
        self._list.setFocus()
        current = self._list.currentItem()
        if current is None or current.isHidden():
            shown = (row for row in range(self._list.count()) if not self._list.item(row).isHidden())
            first = next(shown, None)
            if first is not None:
                self._list.setCurrentRow(first)  # asks for it, as a click would

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.selection_requested.emit(self._names[self._list.row(current)])
