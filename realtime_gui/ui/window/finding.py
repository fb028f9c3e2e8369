"""Finding things in the window: a field of the form (Ctrl+F), a configuration
by name (Ctrl+Shift+F, in the list) and either by typing (Ctrl+K).

:class:`Finding` is made once the window is usable: it puts the field filter
above the form (``ui/form/field_filter``) and makes the quick switcher
(``quick_switcher``) on first use. A configuration chosen is asked for as a
click in the list would; a field is scrolled to and focused.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog.declaration import placed
from realtime_gui.ui.form.field_filter import FieldFilter
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.quick_switcher import CONFIGURATION, FIELD, QuickSwitcher, Target

__all__ = ["Finding"]


class Finding:
    """The field filter and the quick switcher. ``endpoint`` gives the endpoint
    the form shows; ``show_editors`` brings the form's tab forward."""

    def __init__(self, *, form: FormView, names: ConfigList, endpoint: Callable[[], str],
                 show_editors: Callable[[], None], window: QWidget) -> None:
        self._form, self._names, self._endpoint = form, names, endpoint
        self._show_editors, self._window = show_editors, window
        self.field_filter = FieldFilter(form)
        self._switcher: QuickSwitcher | None = None

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
