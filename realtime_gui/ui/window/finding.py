"""Finding things in the window: a field of the form (Ctrl+F), a configuration
by name (Ctrl+Shift+F, in the list) and either by typing (Ctrl+K).

:class:`Finding` is made once the window is usable: it puts the field filter
above the form (``ui/form/field_filter``) and makes the quick switcher
(``quick_switcher``) on first use. A configuration chosen is asked for as a
click in the list would; a field is scrolled to and focused.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QWidget

from realtime_gui.core.catalog.declaration import placed
from realtime_gui.ui.form.field_filter import FieldFilter
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.quick_switcher import CONFIGURATION, FIELD, QuickSwitcher, Target

__all__ = ["Finding"]


class Finding:
    """The field filter, in the corner of ``tabs`` (beside the form's tab, so the
    form keeps its height for rows), and the quick switcher. ``endpoint`` gives
    the endpoint the form shows."""

    def __init__(self, *, form: FormView, names: ConfigList, endpoint: Callable[[], str], tabs: QTabWidget,
                 window: QWidget) -> None:
        self._form, self._names, self._endpoint = form, names, endpoint
        self._tabs, self._window = tabs, window
        self.field_filter = FieldFilter(form)
        line = self.field_filter.line
        line.setFixedWidth(line.fontMetrics().horizontalAdvance(line.placeholderText()) + 40)
        corner = QWidget(tabs)
        corner.setObjectName("field_filter_corner")
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 6, 0)  # off the window's edge, like the buttons above it
        row.addWidget(line)
        tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        corner.show()  # a corner widget given to a tab widget already shown stays hidden until asked
        self._switcher: QuickSwitcher | None = None

    def _show_editors(self) -> None:
        self._tabs.setCurrentIndex(0)

    def find_field(self) -> None:
        self._show_editors()
        self.field_filter.focus()

    def switcher(self) -> QuickSwitcher:
        if self._switcher is None:
            self._switcher = QuickSwitcher(self.targets, self.go, self._window)
        return self._switcher

    def quick_switch(self) -> QuickSwitcher:
        switcher = self.switcher()
        switcher.open()
        return switcher

    def targets(self) -> list[Target]:
        """Every configuration, then every field of the endpoint shown."""
        configurations = [Target(CONFIGURATION, name, name) for name in self._names.names()]
        fields = [Target(FIELD, spot.path, spot.node.label, spot.path) for spot in placed(self._endpoint())]
        return configurations + fields

    def go(self, target: Target) -> None:
        if target.kind == CONFIGURATION:
            self._names.request(target.key)
        else:
            self.go_to_field(target.key)

    def go_to_field(self, path: str) -> bool:
        """Scroll to the field at ``path`` and focus it, showing it first if the filter hid it."""
        self._show_editors()
        if self.field_filter.hides(path):
            self.field_filter.line.clear()
        return self._form.focus_field(path)
