"""The few looks the window shares, all taken from the system palette.

No colour is written down here: ``palette(...)`` in a style sheet follows the
light or dark scheme the user chose, and keeps following it when it changes.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["STYLE_SHEET", "heading", "monospace", "muted", "set_state"]

# Widgets opt in with a dynamic property, e.g. ``state="expired"``.
STYLE_SHEET = """
QLabel[role="heading"] { font-weight: 600; }
QLabel[role="title"] { font-size: 13pt; font-weight: 600; }
QLabel[role="muted"] { color: palette(placeholder-text); }
QLabel[role="problem"] { font-weight: 600; }
QLabel[state="expired"], QLabel[state="alert"] {
    background: palette(highlight); color: palette(highlighted-text);
    border-radius: 3px; padding: 1px 6px; font-weight: 600;
}
QFrame[role="panel"] {
    border: 1px solid palette(mid); border-radius: 4px; background: palette(base);
}
QFrame[role="header"] { border-bottom: 1px solid palette(mid); }
QPushButton#mint { font-weight: 600; padding: 4px 18px; }
"""


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


def set_state(widget: QWidget, state: str) -> None:
    """Switch a widget's ``state`` property and make the style sheet notice."""
    if widget.property("state") == state:
        return
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
