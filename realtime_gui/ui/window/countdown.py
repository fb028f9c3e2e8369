"""The secret's countdown: a bar that empties as expiry nears, turning amber, then red.

Its level, from the seconds left and the secret's whole life (from when it was
shown): ``normal``; ``warning`` in the last fifth of its life, and in any case
in its last minute (its last half, for a secret that lives under two minutes);
``critical`` in its last 10 seconds; ``expired`` once past, when the bar reads
EXPIRED over a grey track. The colours come from the palette: the highlight for
``normal``, and the highlight's own weight turned amber or red for the others,
so light and dark schemes both get tones that suit them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy

from realtime_gui.ui.style.style import set_state

__all__ = ["CRITICAL_SECONDS", "WARNING_SECONDS", "WARNING_SHARE", "CountdownBar", "countdown_level",
           "countdown_text", "level_colour"]

WARNING_SHARE = 0.2  # of the secret's life left
WARNING_SECONDS = 60.0  # left, for a secret that lives two minutes or more
CRITICAL_SECONDS = 10.0
_HUES = {"warning": 36 / 360, "critical": 0.0}  # amber, red
_PADDING = 6  # around the text, in pixels


def countdown_text(seconds_left: float) -> str:
    """``expires in 9:58`` (or ``1:02:03``), ``EXPIRED`` once past."""
    if seconds_left <= 0:
        return "EXPIRED"
    total = int(seconds_left)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    return f"expires in {clock}"


def countdown_level(left: float, lifetime: float) -> str:
    """``normal``, ``warning``, ``critical`` or ``expired``, with ``left`` of ``lifetime`` seconds to go."""
    if left <= 0:
        return "expired"
    if left <= CRITICAL_SECONDS:
        return "critical"
    if left <= max(WARNING_SHARE * lifetime, min(WARNING_SECONDS, lifetime / 2)):
        return "warning"
    return "normal"


def level_colour(palette: QPalette, level: str) -> QColor:
    """The bar's fill for ``level``: the palette's highlight, or the same weight in amber or red."""
    highlight = palette.color(QPalette.ColorRole.Highlight)
    if level not in _HUES:
        return highlight
    saturation = max(highlight.hslSaturationF(), 0.65)
    lightness = min(max(highlight.lightnessF(), 0.38), 0.55)  # white text stays readable on it
    return QColor.fromHslF(_HUES[level], saturation, lightness)


class CountdownBar(QLabel):
    """The time left as text over a bar that empties; ``level`` (a property) says how urgent.

    A label, so its text is what a screen reader reads and what tests check.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("expires_countdown")
        self.setAccessibleName("Time left")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._share = 1.0  # of the bar filled
        self.setProperty("level", "normal")

    def show_time(self, left: float | None, lifetime: float) -> None:
        """``left`` seconds of ``lifetime`` to go; ``None``: the service gave no expiry."""
        if left is None:
            text, level, share = "no expiry given", "normal", 1.0
        else:
            text, level = countdown_text(left), countdown_level(left, lifetime)
            share = min(max(left / lifetime, 0.0), 1.0) if lifetime > 0 else 0.0
        self.setText(text)
        self.setAccessibleDescription(text)
        set_state(self, "expired" if level == "expired" else "")
        self.setProperty("level", level)
        self._share = share
        self.update()

    def level(self) -> str:
        return str(self.property("level"))

    def fill_colour(self) -> QColor:
        """The colour the bar is filled with now (a grey track once expired)."""
        if self.level() == "expired":
            return self.palette().color(QPalette.ColorRole.Mid)
        return level_colour(self.palette(), self.level())

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("expires in 00:00:00") + 4 * _PADDING,
                     metrics.height() + 2 * _PADDING)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette, bar = self.palette(), QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = bar.height() / 4
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The "expired" state's highlighted background is not ours to show: the track is.
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(bar, radius, radius)
        expired = self.level() == "expired"
        filled = QRectF(bar)
        if not expired:
            filled.setWidth(bar.width() * self._share)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.fill_colour())
        painter.drawRoundedRect(filled, radius, radius)
        flags = int(Qt.AlignmentFlag.AlignCenter)
        # The text reads over the track in the window's colour, and over the fill in the highlight's.
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(bar, flags, self.text())
        if not expired:
            painter.setClipRect(filled)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(bar, flags, self.text())
        painter.end()
