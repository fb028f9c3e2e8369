"""The endpoint bar.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from ui_support import WindowFactory, child

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_endpoint_selector_lists_every_endpoint_with_help(make_window: WindowFactory) -> None:
    from realtime_gui.core.catalog.declaration import ENDPOINTS

    selector = child(make_window(), QWidget, "endpoint_selector")
    assert [selector.itemData(i) for i in range(selector.count())] == list(ENDPOINTS)
    assert all(selector.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(selector.count()))
