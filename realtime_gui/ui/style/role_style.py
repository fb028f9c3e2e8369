"""The application style that gives widgets the looks of their ``role`` and
``state`` properties whenever Qt polishes them (see ``style``)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QWidget

from realtime_gui.ui.style.style import apply_looks

__all__ = ["RoleStyle"]


class RoleStyle(QProxyStyle):
    """The platform's style, plus the looks of ``role`` and ``state``."""

    @classmethod
    def install(cls) -> None:
        """Make this the application's style, once, keeping the current one underneath.

        Widgets that exist already are polished again, so they get their looks too.
        """
        app = QApplication.instance()
        if isinstance(app, QApplication) and not isinstance(app.style(), cls):
            app.setStyle(cls(app.style().name()))

    def polish(self, target: object) -> object:  # type: ignore[override]  # Qt overloads polish
        if isinstance(target, QWidget):
            apply_looks(target)
        return super().polish(target)  # type: ignore[call-overload]
