"""Tab follows the layout: the side bar, the header, the tabs, then the form top to
bottom, section by section, whatever order the window made them in."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from ui_support import WindowFactory, child

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.rows import StateChip
from realtime_gui.ui.shell.frame import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def _tab_chain(window: MainWindow) -> list[QWidget]:
    """The widgets Tab stops at, from the window round to it again."""
    found: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window:
        if (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def test_tab_visits_the_regions_in_reading_order_and_the_form_top_to_bottom(
        qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"), size=(1280, 800))
    form = window.bench.form.built_form()
    assert form is not None
    qtbot.waitUntil(lambda: not form.pending())  # every section built, the last ones while idle
    QApplication.processEvents()
    chain = _tab_chain(window)
    names = [widget.objectName() for widget in chain]
    regions = ["config_filter", "config_list", "new_button", "mint", "endpoint_selector", "qt_tabwidget_tabbar",
               "field_filter", "connection_toggle", "session.model"]
    places = [names.index(name) for name in regions]
    assert places == sorted(places), list(zip(regions, places, strict=True))
    # Within the form: each section's heading, then its rows, down the page.
    content = form.widget()
    assert content is not None
    stops = [(widget.mapTo(content, QPoint(0, 0)).y(), widget) for widget in chain if content.isAncestorOf(widget)]
    assert len(stops) > 40
    # Down the page; but a row's chip comes after its editor, and sits at the top of a tall row.
    drops = [(before, after, widget.objectName()) for (before, _), (after, widget) in itertools.pairwise(stops)
             if after < before - 4 and not isinstance(widget, StateChip)]
    assert not drops


def test_the_tab_key_goes_where_the_chain_says(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    chain = _tab_chain(window)
    start = chain.index(child(window, QWidget, "connection_toggle"))
    chain[start].setFocus()
    for expected in chain[start + 1:start + 6]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
