"""What the window remembers between runs.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QMainWindow
from ui_support import WindowFactory, saved

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.window.memory import WindowMemory

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


class _OnScreen(QMainWindow):
    """A window on a screen of the given size (its available geometry)."""

    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self._room = QRect(0, 0, width, height)

    def screen(self) -> Any:
        room = self._room

        class Screen:
            def availableGeometry(self) -> QRect:
                return room

        return Screen()


@pytest.mark.parametrize(("screen", "expected"), [
    ((3840, 2160), (2304, 1512)),  # a 4K screen: a share of it, not a postage stamp in its corner
    ((1920, 1080), (1280, 820)),  # the default size where it is the larger
    ((1024, 600), (1024, 600)),  # never more than the screen has
])
def test_a_first_window_takes_a_share_of_a_large_screen(
        qtbot: Any, tmp_path: Path, screen: tuple[int, int], expected: tuple[int, int]) -> None:
    window = _OnScreen(*screen)
    qtbot.addWidget(window)
    WindowMemory(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)).restore(window, (1280, 820))
    assert (window.width(), window.height()) == expected
