"""The few looks the window shares, all taken from the system palette.

A widget says what it is with a ``role`` property (``heading``, ``title``,
``muted``, ``detail``, ``problem``, ``panel``) and how it is with ``state`` (``expired``,
``alert``); :func:`apply_looks` turns those into a font weight and palette
roles. No colour is written down, so the light or dark scheme is followed,
also when it changes. Not a style sheet: a sheet costs every widget a style
of its own (several megabytes and milliseconds at start-up) for these five looks.

Set a role or state with :func:`set_role` or :func:`set_state` (or the
helpers :func:`heading` and :func:`muted`), which apply the look at once.
A widget given only the property gets its look when Qt polishes it, once
``RoleStyle.install`` (``role_style``) has given the application its style;
that happens after the first paint (see ``ui/shell/frame.py``), so the first
frame's widgets use the functions here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QWidget

from realtime_gui.ui.style.enums import set_enum

if TYPE_CHECKING:
    from PySide6.QtGui import QContextMenuEvent, QPaintEvent

__all__ = ["ElidedLabel", "apply_looks", "elide", "heading", "monospace", "muted", "set_role", "set_state"]

_BOLD_ROLES = frozenset({"heading", "title", "problem"})
_TITLE_SCALE = 1.3
_LEFT_CENTRED = 0x0001 | 0x0080  # Qt.AlignLeft | Qt.AlignVCenter, as a number (see ElidedLabel.paintEvent)
_DETAIL_SCALE = 0.9  # ``detail``: muted and a little smaller, for quiet facts beside a result
_STYLED = "_looks_applied"  # set once a widget's look was changed, so it can be undone


def apply_looks(widget: QWidget) -> None:
    """Give ``widget`` the look of its ``role`` and ``state`` properties (or none)."""
    role, state = widget.property("role") or "", widget.property("state") or ""
    if not (role or state or widget.property(_STYLED)):
        return  # the common case: a widget with no look of ours
    widget.setProperty(_STYLED, True)
    font = QFont()  # an empty resolve mask: only what is set below overrides the parent's font
    if role in _BOLD_ROLES or state:
        font.setBold(True)
    if role == "title":
        font.setPointSizeF(QGuiApplication.font().pointSizeF() * _TITLE_SCALE)
    if role == "detail":
        font.setPointSizeF(QGuiApplication.font().pointSizeF() * _DETAIL_SCALE)
    widget.setFont(font)
    highlighted = bool(state)
    widget.setAutoFillBackground(highlighted)
    widget.setBackgroundRole(QPalette.ColorRole.Highlight if highlighted else QPalette.ColorRole.NoRole)
    if highlighted:
        foreground = QPalette.ColorRole.HighlightedText
    elif role in ("muted", "detail"):
        foreground = QPalette.ColorRole.PlaceholderText
    else:
        foreground = QPalette.ColorRole.NoRole
    widget.setForegroundRole(foreground)
    if isinstance(widget, QLabel):
        widget.setMargin(2 if highlighted else 0)


def set_role(widget: QWidget, role: str) -> None:
    if widget.property("role") != role:
        widget.setProperty("role", role)
        apply_looks(widget)


def set_state(widget: QWidget, state: str) -> None:
    if widget.property("state") != state:
        widget.setProperty("state", state)
        apply_looks(widget)


def elide(text: str, where: str, width: int, advance: Callable[[str], int]) -> str:
    """``text`` cut to fit ``width`` (as measured by ``advance``), with “…” where
    ``where`` says: ``"ElideRight"``, ``"ElideLeft"`` or ``"ElideMiddle"``."""
    if advance(text) <= width:
        return text

    def cut(kept: int) -> str:
        if where == "ElideLeft":
            return "…" + text[len(text) - kept:]
        if where == "ElideMiddle":
            head = (kept + 1) // 2
            return text[:head] + "…" + text[len(text) - (kept - head):]
        return text[:kept] + "…"

    low, high = 0, len(text)  # the most characters kept that still fit: binary search
    while low < high:
        middle = (low + high + 1) // 2
        if advance(cut(middle)) <= width:
            low = middle
        else:
            high = middle - 1
    return cut(low) if advance(cut(low)) <= width else ""


def monospace() -> QFont:
    """The system's fixed-width font, for secrets, JSON and headers."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def heading(text: str, role: str = "heading") -> QLabel:
    label = QLabel(text)
    set_role(label, role)
    return label


def muted(text: str = "") -> QLabel:
    """Secondary text in the palette's placeholder colour, which suits both schemes."""
    label = QLabel(text)
    set_role(label, "muted")
    label.setWordWrap(True)
    return label


class ElidedLabel(QLabel):
    """One line that shows “…” where there is no room, rather than widening
    the window; the tooltip holds the whole text, and ``text()`` is always all of it.

    ``elide`` names where the “…” goes: ``"ElideRight"`` (the default),
    ``"ElideLeft"`` (keeps the end, as of a path) or ``"ElideMiddle"``. A name,
    not the ``Qt`` enum, so the first frame can make one (see ``ui/shell/frame.py``).
    While the whole text fits, it is painted as any label is. A ``copyable`` one
    can be selected with the mouse, and its menu copies all of it when elided.
    """

    def __init__(self, text: str = "", role: str = "muted", elide: str = "ElideRight", copyable: bool = False) -> None:
        super().__init__()
        set_role(self, role)
        self._elide = elide
        self._copyable = copyable
        if copyable:
            set_enum(self, "textInteractionFlags", "TextSelectableByMouse")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def is_elided(self) -> bool:
        """Whether the text is wider than the label, so part of it is not shown."""
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width() - 2 * self.margin()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not (self._copyable and self.is_elided()):
            super().contextMenuEvent(event)  # a selection's own menu, if any
            return
        menu = QMenu(self)
        menu.addAction("Copy", lambda: QGuiApplication.clipboard().setText(self.text()))
        menu.exec(event.globalPos())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.text():
            return  # the endpoint bar's is empty in the first frame, which needs no Qt enums
        if not self.is_elided():
            super().paintEvent(event)
            return
        # Shortened and drawn here rather than by QFontMetrics.elidedText and the style:
        # labels of the first frame and of the form are elided, and naming ``Qt``'s
        # elide modes or alignments builds its 93 enum classes (see ``ui/shell/frame.py``).
        area = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(), -self.margin())
        shown = elide(self.text(), self._elide, area.width(), self.fontMetrics().horizontalAdvance)
        # A painter on a widget starts with its pen in the widget's foreground colour (of the
        # enabled or disabled group); setPen would build those enums too, in its overloads.
        QPainter(self).drawText(area, _LEFT_CENTRED, shown)
