"""The list of configuration names.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit
from ui_support import WindowFactory, child, saved

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_the_filter_hides_other_names(make_window: WindowFactory, store: ConfigStore) -> None:
    for name in ("alpha", "beta one", "Beta two"):
        saved(store, Configuration.new(name))
    window = make_window()
    child(window, QLineEdit, "config_filter").setText("beta")
    items = window.config_list._list
    shown = [items.item(i).text() for i in range(items.count()) if not items.item(i).isHidden()]
    assert shown == ["beta one", "Beta two"]
