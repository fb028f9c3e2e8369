"""The window's colour scheme, as the ``window.theme`` preference says: the system's, light or dark.

Qt (6.8 and later) switches the platform's palette when told a scheme, where
the platform theme can (GNOME, KDE, macOS, Windows). Where it can't (a bare X
session, the offscreen platform), light and dark get palettes of their own,
Fusion's standard one and a dark one drawn from it, so the choice always shows.
The looks of ``style.py`` take every colour from the palette, and are applied again here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from realtime_gui.ui.style.style import restyle

__all__ = ["THEMES", "apply_theme"]

THEMES = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
_own_palette = False  # whether a palette of ours replaced the platform's


def apply_theme(name: str) -> None:
    """Use the scheme ``name`` (a ``window.theme`` value); an unknown name is the system's."""
    global _own_palette
    wanted = THEMES.get(name, Qt.ColorScheme.Unknown)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt before 6.8 can only follow the system
        hints.setColorScheme(wanted)
    if wanted == Qt.ColorScheme.Unknown or hints.colorScheme() == wanted:
        if _own_palette:
            QApplication.setPalette(QPalette())  # the platform's again
            _own_palette = False
    else:
        QApplication.setPalette(_dark_palette() if wanted == Qt.ColorScheme.Dark else _light_palette())
        _own_palette = True
    restyle()  # the looks' colours come from the palette


def _light_palette() -> QPalette:
    fusion = QStyleFactory.create("Fusion")
    return fusion.standardPalette() if fusion is not None else QPalette()


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2b2b2b"), (roles.ToolTipBase, "#3a3a3a"), (roles.ToolTipText, "#e6e6e6"),
        (roles.Text, "#e6e6e6"), (roles.Button, "#353535"), (roles.ButtonText, "#e6e6e6"),
        (roles.BrightText, "#ff6b6b"), (roles.Link, "#6cb4ff"), (roles.Highlight, "#2f6fb3"),
        (roles.HighlightedText, "#ffffff"), (roles.PlaceholderText, "#9a9a9a"), (roles.Mid, "#444444"),
        (roles.Dark, "#1a1a1a"), (roles.Light, "#505050"), (roles.Shadow, "#000000"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette
