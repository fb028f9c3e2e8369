"""Ways for the smoke test and the start-up benchmark to watch the real window.

``REALTIME_GUI_SCREENSHOT=PATH`` saves a PNG of the window once it has been
painted and quits: the smoke test's way to look at the real thing.
``REALTIME_GUI_QUIT_AFTER_PAINT=1`` quits right after the first paint, for the
start-up benchmark.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["QUIT_AFTER_PAINT_ENV", "SCREENSHOT_ENV", "install_probes"]

SCREENSHOT_ENV = "REALTIME_GUI_SCREENSHOT"
QUIT_AFTER_PAINT_ENV = "REALTIME_GUI_QUIT_AFTER_PAINT"
_SCREENSHOT_DELAY_MS = 600  # after the first paint and the deferred start-up work


class _QuitOnPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            # Leave before the work the window defers until after its first paint.
            QApplication.quit()
        return False


def install_probes(window: QWidget) -> None:
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
