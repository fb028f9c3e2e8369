"""What the window remembers between runs: its geometry, its splitters, the
configuration last open and a few switches. Key names, never keys."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

__all__ = ["CLEAR_CLIPBOARD", "CONNECTION_OPEN", "WindowMemory"]

CLEAR_CLIPBOARD = "privacy/clear_clipboard_on_expiry"  # a switch: clear the clipboard once the secret expires
CONNECTION_OPEN = "window/connection_open"  # a switch: the connection section is expanded


_SCREEN_SHARE = (0.6, 0.7)  # of the screen's width and height a first window takes, at least


class WindowMemory:
    """The window's settings, kept in a :class:`QSettings`."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def restore(self, window: QMainWindow, default_size: tuple[int, int]) -> None:
        """Put the window back where and as large as it was."""
        if not window.restoreGeometry(self._state("window/geometry")):
            # The first time: the default size, or a share of a large screen (a 4K one),
            # never more than the screen has.
            room = window.screen().availableGeometry()
            wide = max(default_size[0], int(room.width() * _SCREEN_SHARE[0]))
            high = max(default_size[1], int(room.height() * _SCREEN_SHARE[1]))
            window.resize(min(wide, room.width()), min(high, room.height()))
        window.restoreState(self._state("window/state"))

    def restore_splitters(self, splitters: Sequence[QSplitter]) -> bool:
        """Give the splitters their saved sizes; False if some had none."""
        restored = [s.restoreState(self._state(f"window/{s.objectName()}")) for s in splitters]
        return all(restored)

    def _state(self, key: str) -> QByteArray:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    def save(self, window: QMainWindow, splitters: Sequence[QSplitter], last_configuration: str) -> None:
        self.settings.setValue("window/geometry", window.saveGeometry())
        self.settings.setValue("window/state", window.saveState())
        for splitter in splitters:
            self.settings.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        self.settings.setValue("last_configuration", last_configuration)
        self.settings.sync()

    def last_configuration(self) -> str:
        return str(self.settings.value("last_configuration", "", str))

    def flag(self, key: str, default: bool) -> bool:
        return bool(self.settings.value(key, default, bool))

    def set_flag(self, key: str, value: bool) -> None:
        self.settings.setValue(key, value)
