"""Ways for the smoke test and the start-up benchmark to watch the real window.

``REALTIME_GUI_SCREENSHOT=PATH`` saves a PNG of the window once it has been
painted and quits: the smoke test's way to look at the real thing.
``REALTIME_GUI_QUIT_AFTER_PAINT=1`` quits right after the first paint, for the
start-up benchmark's first-frame figure. ``REALTIME_GUI_QUIT_WHEN_USABLE=1`` quits
once the open configuration's editors have been painted: the moment a person
can start editing, which is what the start-up benchmark holds to its target.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from realtime_gui.ui.shell.frame import MainWindow

__all__ = ["QUIT_AFTER_PAINT_ENV", "QUIT_WHEN_USABLE_ENV", "SCREENSHOT_ENV", "install_probes"]

SCREENSHOT_ENV = "REALTIME_GUI_SCREENSHOT"
QUIT_AFTER_PAINT_ENV = "REALTIME_GUI_QUIT_AFTER_PAINT"
QUIT_WHEN_USABLE_ENV = "REALTIME_GUI_QUIT_WHEN_USABLE"
_SCREENSHOT_DELAY_MS = 600  # after the first paint and the deferred start-up work


class _QuitOnPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            # Leave before the work the window defers until after its first paint.
            QApplication.quit()
        return False


def _quit_when_usable(window: MainWindow) -> None:
    """Quit at the first paint of the open configuration's editors.

    The filter goes on the widget that holds them (``FormView.shown_area``),
    painted when they are, once the window has built it: one on the whole
    application would make PySide6 build a Python type for every object that
    gets an event, and cost more than it measures.
    """
    finish_start = window.finish_start

    def finish_then_watch() -> None:
        finish_start()
        area = window.bench.form.shown_area()
        if area is not None:
            area.installEventFilter(_QuitOnPaint(window))

    window.finish_start = finish_then_watch  # type: ignore[method-assign]


def install_probes(window: MainWindow) -> None:
    """Watch ``window`` as the environment asks (nothing, normally)."""
    screenshot = os.environ.get(SCREENSHOT_ENV)
    if screenshot:
        def grab() -> None:
            window.grab().save(screenshot, "PNG")
            window.close()
            QApplication.quit()

        QTimer.singleShot(_SCREENSHOT_DELAY_MS, grab)
    if os.environ.get(QUIT_AFTER_PAINT_ENV):
        window.installEventFilter(_QuitOnPaint(window))
    if os.environ.get(QUIT_WHEN_USABLE_ENV):
        _quit_when_usable(window)
