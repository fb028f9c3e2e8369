"""The few looks the window shares, all taken from the system palette.

A widget says what it is with a ``role`` property (``heading``, ``title``,
``muted``, ``problem``, ``panel``) and how it is with ``state`` (``expired``,
``alert``); :class:`RoleStyle` turns those into a font weight and palette
roles whenever Qt polishes the widget. No colour is written down, so the
light or dark scheme is followed, also when it changes. A proxy style rather
than a style sheet: a sheet costs every widget a style of its own (several
megabytes and milliseconds at start-up) for these five looks.

To change a role or state after the widget is shown, use :func:`set_role`
or :func:`set_state` (or unpolish and polish it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QSizePolicy, QWidget

__all__ = ["ElidedLabel", "RoleStyle", "heading", "install", "monospace", "muted", "set_role", "set_state"]

_BOLD_ROLES = frozenset({"heading", "title", "problem"})
_TITLE_SCALE = 1.3
_STYLED = "_looks_applied"  # set once a widget's look was changed, so it can be undone


def _apply(widget: QWidget) -> None:
    role, state = widget.property("role") or "", widget.property("state") or ""
    if not (role or state or widget.property(_STYLED)):
        return  # the common case: a widget with no look of ours
    widget.setProperty(_STYLED, True)
    font = QFont()  # an empty resolve mask: only what is set below overrides the parent's font
    if role in _BOLD_ROLES or state:
        font.setBold(True)
    if role == "title":
        font.setPointSizeF(QGuiApplication.font().pointSizeF() * _TITLE_SCALE)
    widget.setFont(font)
    highlighted = bool(state)
    widget.setAutoFillBackground(highlighted)
    widget.setBackgroundRole(QPalette.ColorRole.Highlight if highlighted else QPalette.ColorRole.NoRole)
    if highlighted:
        foreground = QPalette.ColorRole.HighlightedText
    elif role == "muted":
        foreground = QPalette.ColorRole.PlaceholderText
    else:
        foreground = QPalette.ColorRole.NoRole
    widget.setForegroundRole(foreground)
    if isinstance(widget, QLabel):
        widget.setMargin(2 if highlighted else 0)


class RoleStyle(QProxyStyle):
    """The platform's style, plus the looks of ``role`` and ``state``."""

    def polish(self, target: object) -> object:  # type: ignore[override]  # Qt overloads polish
        if isinstance(target, QWidget):
            _apply(target)
        return super().polish(target)  # type: ignore[call-overload]


def install() -> None:
    """Give the application :class:`RoleStyle`, once, keeping its current style."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), RoleStyle):
        app.setStyle(RoleStyle(app.style().name()))


def set_role(widget: QWidget, role: str) -> None:
    if widget.property("role") != role:
        widget.setProperty("role", role)
        _apply(widget)


def set_state(widget: QWidget, state: str) -> None:
    if widget.property("state") != state:
        widget.setProperty("state", state)
        _apply(widget)


def monospace() -> QFont:
    """The system's fixed-width font, for secrets, JSON and headers."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def heading(text: str, role: str = "heading") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    return label


def muted(text: str = "") -> QLabel:
    """Secondary text in the palette's placeholder colour, which suits both schemes."""
    label = QLabel(text)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


class ElidedLabel(QLabel):
    """One line that ends in “…” when there is no room, rather than widening
    the window; the tooltip holds the whole text."""

    def __init__(self, text: str = "", role: str = "muted") -> None:
        super().__init__()
        self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        area = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, area.width())
        painter = QPainter(self)
        self.style().drawItemText(painter, area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), shown, self.foregroundRole())
