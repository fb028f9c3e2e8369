"""The application style that gives widgets the looks of their ``role`` and
``state`` properties whenever Qt polishes them (see ``style``)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProxyStyle, QWidget

from realtime_gui.ui.style.style import apply_looks, restyle

__all__ = ["RoleStyle"]


class RoleStyle(QProxyStyle):
    """The platform's style, plus the looks of ``role`` and ``state``."""

    @classmethod
    def install(cls) -> None:
        """Make this the application's style, once, keeping the current one underneath.

        Widgets that exist already are polished again, so they get their looks too;
        when the system switches between light and dark, every look is applied again.
        """
        app = QApplication.instance()
        if isinstance(app, QApplication) and not isinstance(app.style(), cls):
            app.setStyle(cls(app.style().name()))
            # Queued: the platform's new palette arrives after the signal.
            app.styleHints().colorSchemeChanged.connect(lambda _scheme: QTimer.singleShot(0, restyle))

    def polish(self, target: object) -> object:  # type: ignore[override]  # Qt overloads polish
        if isinstance(target, QWidget):
            apply_looks(target)
        return super().polish(target)  # type: ignore[call-overload]
