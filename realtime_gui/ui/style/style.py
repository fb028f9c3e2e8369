"""The few looks the window shares, all taken from the system palette.

A widget says what it is with a ``role`` property and how it is with
``state``; :func:`apply_looks` turns those into a font and palette roles.
The roles: ``title`` (large), ``section`` (a form section's heading),
``heading``, ``muted``, ``detail`` (muted and a little smaller), ``problem``,
``header`` (the band above the form), ``primary`` (the one button the window
is for, in the palette's accent colour), ``panel``. The states: ``expired``
and ``alert`` (highlighted), ``set`` (a value that is sent: the accent
colour, bold). An editor showing a default rather than a value is ``quiet``
(:func:`quiet`): its text in the placeholder colour and italic, its frame as
usual, so it reads as a hint and never as a disabled control.

No colour is written down: each is taken from the application's palette
when the look is applied, and again whenever the scheme changes
(:func:`restyle`), so light and dark are followed. A palette look leaves the
disabled colours alone, so a disabled control still looks disabled. Not a
style sheet: a sheet costs every widget a style of its own (several
megabytes and milliseconds at start-up) for these few looks.

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

from PySide6 import QtGui
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QSizePolicy, QWidget

from realtime_gui.ui.style.enums import set_enum

if TYPE_CHECKING:
    from PySide6.QtGui import QColor, QContextMenuEvent, QPaintEvent

__all__ = ["ElidedLabel", "accent", "apply_looks", "contrast", "elide", "heading", "monospace", "muted", "quiet",
           "readable", "restyle", "set_role", "set_state"]

_BOLD_ROLES = frozenset({"heading", "title", "section", "problem", "primary"})
# Of the application's font size; ``detail`` is for quiet facts beside a result.
_SCALES = {"title": 1.3, "section": 1.1, "detail": 0.9}
_HIGHLIGHTED = frozenset({"expired", "alert"})
_LEFT_CENTRED = 0x0001 | 0x0080  # Qt.AlignLeft | Qt.AlignVCenter, as a number (see ElidedLabel.paintEvent)
_STYLED = "_looks_applied"  # set once a widget's look was changed, so it can be undone
_ROLES = QPalette.ColorRole
_TEXT_ROLES = (_ROLES.Text, _ROLES.ButtonText, _ROLES.WindowText)
_READABLE = 4.5  # the contrast of accent-coloured text against the window (WCAG's, for body text)


def _luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 (none) to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: QColor, against: QColor) -> QColor:
    """``colour``, darkened (against a light colour) or lightened (against a dark
    one) until text in one reads on the other."""
    # Never ``QColor(...)`` here: its overloads touch the ``Qt`` namespace, which the
    # first frame must not (see ``ui/shell/frame.py``); lighter() and darker() make new ones.
    lighten = against.lightnessF() < 0.5
    for _ in range(12):
        if contrast(colour, against) >= _READABLE:
            break
        colour = colour.lighter(112) if lighten else colour.darker(112)
    return colour


def accent(palette: QPalette) -> QColor:
    """The palette's highlight as text on the window's colour."""
    return readable(palette.color(_ROLES.Highlight), palette.color(_ROLES.Window))


def _lively(palette: QPalette, role: QPalette.ColorRole, colour: QColor) -> None:
    """``colour`` for ``role`` while enabled; disabled keeps the inherited colour."""
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, role, colour)


def apply_looks(widget: QWidget) -> None:
    """Give ``widget`` the look of its ``role``, ``state`` and ``dim`` properties (or none)."""
    role, state, dim = widget.property("role") or "", widget.property("state") or "", bool(widget.property("dim"))
    if not (role or state or dim or widget.property(_STYLED)):
        return  # the common case: a widget with no look of ours
    widget.setProperty(_STYLED, True)
    colours = QGuiApplication.palette()
    font = QFont()  # an empty resolve mask: only what is set below overrides the parent's font
    palette = QPalette()  # likewise: only the roles set below are resolved; the rest is inherited
    if role in _BOLD_ROLES or state:
        font.setBold(True)
    if role in _SCALES:
        font.setPointSizeF(QGuiApplication.font().pointSizeF() * _SCALES[role])
    if role == "primary":
        _lively(palette, _ROLES.Button, readable(colours.color(_ROLES.Highlight),
                                                 colours.color(_ROLES.HighlightedText)))
        _lively(palette, _ROLES.ButtonText, colours.color(_ROLES.HighlightedText))
    if state == "set":
        for each in (_ROLES.ButtonText, _ROLES.WindowText):
            _lively(palette, each, accent(colours))
    if dim:
        font.setItalic(True)
        for each in _TEXT_ROLES:
            _lively(palette, each, colours.color(_ROLES.PlaceholderText))
    widget.setFont(font)
    widget.setPalette(palette)
    highlighted = state in _HIGHLIGHTED
    band = role == "header"
    widget.setAutoFillBackground(highlighted or band)
    background = _ROLES.Highlight if highlighted else _ROLES.Base if band else _ROLES.NoRole
    widget.setBackgroundRole(background)
    if highlighted:
        foreground = _ROLES.HighlightedText
    elif role in ("muted", "detail"):
        foreground = _ROLES.PlaceholderText
    else:
        foreground = _ROLES.NoRole
    widget.setForegroundRole(foreground)
    if isinstance(widget, QLabel):
        widget.setMargin(2 if highlighted else 0)


def restyle() -> None:
    """Apply every look again, with the application palette's colours as they are now:
    what changing the scheme calls."""
    for widget in QApplication.allWidgets():
        if widget.property(_STYLED):
            apply_looks(widget)


def quiet(widget: QWidget, on: bool) -> None:
    """Show ``widget`` (an editor) as showing a default, not a value: quiet, not disabled."""
    if bool(widget.property("dim")) != on:
        widget.setProperty("dim", on)
        apply_looks(widget)


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
    fonts = QtGui.QFontDatabase  # named when first needed: building its class costs start-up time
    return fonts.systemFont(fonts.SystemFont.FixedFont)


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
