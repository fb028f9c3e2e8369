"""What the window remembers between runs.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from ui_support import WindowFactory, saved

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_window_remembers_size_splitters_and_last_configuration(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore) -> None:
    saved(store, Configuration.new("A"))
    saved(store, Configuration.new("B"))
    window = make_window()
    # Wide enough for the side list and the whole form's minimum (the offscreen screen is 800x600).
    window.resize(790, 560)
    window.bench.editing.select_configuration("B")
    window.splitter.setSizes([170, 614])  # the form keeps its minimum as its rows are built
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()
    assert again.bench.editing.current_name() == "B"
    assert (again.width(), again.height()) == (790, 560)
    assert again.splitter.sizes() == sizes
