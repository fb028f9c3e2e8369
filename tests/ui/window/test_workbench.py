"""The workbench: the parts built after the first paint, and the small actions it carries itself.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from ui_support import WindowFactory, child

from realtime_gui import __version__

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_about_shows_the_version(make_window: WindowFactory) -> None:
    box = make_window().bench.about()
    assert child(box, QLabel, "about_version_version").text() == __version__
