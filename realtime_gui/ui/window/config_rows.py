"""How a row of the configuration list is painted: the name, a badge naming
its endpoint, and when it last minted, in words ("minted 5 min ago").

One delegate paints every row (no widget per row), from the data the list's
model holds (``config_list``'s roles), so 500 rows cost what the visible ones do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from realtime_gui.core.catalog.declaration import ENDPOINTS
from realtime_gui.ui.window.config_list import ENDPOINT_ROLE, MINTED_ROLE, NAME_ROLE, UNSAVED_ROLE

__all__ = ["BADGES", "ConfigRowDelegate", "badge_text", "minted_text", "row_tooltip"]

# Each endpoint's badge: a word or two, and a hue that tells the families apart.
BADGES: dict[str, tuple[str, str]] = {
    "ga": ("GA", "#2e9d5b"),
    "beta": ("beta", "#c9822b"),
    "ga-transcription": ("transcription", "#3b7dd8"),
    "beta-transcription": ("beta transcription", "#c9822b"),
    "translation": ("translation", "#8a5cc7"),
}
assert BADGES.keys() == ENDPOINTS.keys(), "every endpoint has a badge"

_PAD = 4  # pixels around the texts
_BADGE_PAD = 5  # pixels either side of a badge's word
_MINUTE, _HOUR, _DAY = 60, 3600, 86400


def badge_text(endpoint_id: str | None) -> str:
    """The badge's word for an endpoint; empty while it is not known."""
    return BADGES[endpoint_id][0] if endpoint_id in BADGES else ""


def minted_text(then: float | None, now: float) -> str:
    """When a configuration last minted, in words relative to ``now``."""
    if then is None:
        return "never minted"
    ago = max(0.0, now - then)
    if ago < _MINUTE:
        return "minted just now"
    if ago < _HOUR:
        return f"minted {int(ago // _MINUTE)} min ago"
    if ago < _DAY:
        hours = int(ago // _HOUR)
        return f"minted {hours} hour{'s' if hours != 1 else ''} ago"
    days = int(ago // _DAY)
    return f"minted {days} day{'s' if days != 1 else ''} ago"


class ConfigRowDelegate(QStyledItemDelegate):
    """Paints a row: the name (italic with “•” when unsaved) and the endpoint's
    badge on the first line, the last mint, muted, on the second. ``clock``
    gives the time now, in epoch seconds."""

    def __init__(self, clock: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background, focus

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = opt.rect.adjusted(_PAD + 2, _PAD, -_PAD, -_PAD)
        font: QFont = opt.font
        metrics = QFontMetrics(font)
        line = metrics.height()
        painter.save()
        endpoint_id = index.data(ENDPOINT_ROLE)
        word = badge_text(endpoint_id)
        badge_width = 0
        if word:
            small = QFont(font)
            small.setItalic(False)
            small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
            small_metrics = QFontMetrics(small)
            badge_width = small_metrics.horizontalAdvance(word) + 2 * _BADGE_PAD
            badge = QRect(rect.right() - badge_width + 1, rect.top() + 1, badge_width, line - 2)
            hue = QColor(BADGES[endpoint_id][1])
            fill = QColor(hue)
            fill.setAlphaF(0.22)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(hue)
            painter.setBrush(fill)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setFont(small)
            painter.setPen(palette.color(role))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, word)
        painter.setFont(font)
        painter.setPen(palette.color(role))
        name_rect = QRect(rect.left(), rect.top(), rect.width() - badge_width - (_PAD if word else 0), line)
        name = metrics.elidedText(text, Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
        if index.data(NAME_ROLE) is not None:
            quiet = QFont(font)
            quiet.setItalic(False)
            quiet.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
            painter.setFont(quiet)
            muted = palette.color(QPalette.ColorGroup.Disabled if not selected else QPalette.ColorGroup.Active, role)
            painter.setPen(muted)
            when = minted_text(index.data(MINTED_ROLE), self._clock())
            when_rect = QRect(rect.left(), rect.top() + line, rect.width(), rect.height() - line)
            painter.drawText(when_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             QFontMetrics(quiet).elidedText(when, Qt.TextElideMode.ElideRight, when_rect.width()))
        painter.restore()

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        """A row's tooltip, worked out when asked: the time since the last mint moves on."""
        if event.type() != QEvent.Type.ToolTip or not index.isValid() or index.data(NAME_ROLE) is None:
            return bool(super().helpEvent(event, view, option, index))
        QToolTip.showText(event.globalPos(), row_tooltip(index.data(NAME_ROLE), index.data(ENDPOINT_ROLE),
                                                         index.data(MINTED_ROLE), self._clock(),
                                                         bool(index.data(UNSAVED_ROLE))), view)
        return True


def row_tooltip(name: str, endpoint_id: str | None, minted: float | None, now: float, unsaved: bool) -> str:
    """What a row's tooltip says: the endpoint in full, the last mint, unsaved edits."""
    parts = [name]
    if endpoint_id in ENDPOINTS:
        parts.append(ENDPOINTS[endpoint_id].label)
    parts.append(minted_text(minted, now))
    if unsaved:
        parts.append("Unsaved changes (Ctrl+S saves)")
    return "\n".join(parts)

