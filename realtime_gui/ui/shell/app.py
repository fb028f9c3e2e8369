"""Start the window: ``run(argv)`` for the command line, ``open_window`` for tests.

This module is imported by the CLI only when it starts the window, and it
imports Qt only inside functions. What the window needs from the outside
world is gathered in :class:`Services`; the standard dialogs in
:class:`Dialogs`. Tests pass their own of either.

``REALTIME_GUI_SCREENSHOT=PATH`` saves a PNG of the window once it has been
painted and quits: the smoke test's way to look at the real thing.
``REALTIME_GUI_QUIT_AFTER_PAINT=1`` quits right after the first paint, for the
start-up benchmark.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray, QSettings
    from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

    from realtime_gui.core.library.keys import ApiKeys
    from realtime_gui.core.library.store import ConfigStore
    from realtime_gui.core.service.client import MintClient
    from realtime_gui.ui.window.main_window import MainWindow
    from realtime_gui.ui.window.worker import Pool

__all__ = ["Ask", "AskText", "Dialogs", "OpenPath", "SavePath", "Services", "Tell", "WindowMemory",
           "open_window", "run"]

# The dialogs' shapes, so tests can pass plain functions.
Ask = Callable[[str, str, tuple[str, ...]], str]  # title, text, buttons -> the button chosen
AskText = Callable[[str, str, str], str | None]  # title, label, initial text -> text, None if cancelled
Tell = Callable[[str, str], None]  # title, text
OpenPath = Callable[[str], Path | None]  # title -> a file to read
SavePath = Callable[[str, str], Path | None]  # title, suggested name -> a file to write

ORGANIZATION = APPLICATION = "realtime-gui"
SCREENSHOT_ENV = "REALTIME_GUI_SCREENSHOT"
QUIT_AFTER_PAINT_ENV = "REALTIME_GUI_QUIT_AFTER_PAINT"
_SCREENSHOT_DELAY_MS = 600  # after the first paint and the deferred start-up work


class Services:
    """What the window uses from the outside world, all replaceable in tests.

    Without ``keys``, the OS keyring's :class:`ApiKeys` is made when first
    used: after the first paint, since importing it costs start-up time.
    """

    def __init__(self, *, store: ConfigStore, settings: QSettings, keys: ApiKeys | None = None,
                 clock: Callable[[], float] = time.time, client: MintClient | None = None,
                 pool: Pool | None = None, env: Mapping[str, str] | None = None) -> None:
        from realtime_gui.core.service.client import MintClient

        self.store = store
        self.settings = settings
        self._keys = keys
        self.clock = clock  # epoch seconds, drives the countdown
        self.client = client or MintClient()  # transport (None: real network) and timeouts
        self.pool = pool  # None: the global QThreadPool
        self.env: Mapping[str, str] = os.environ if env is None else env

    @property
    def keys(self) -> ApiKeys:
        if self._keys is None:
            from realtime_gui.core.library.keys import ApiKeys

            self._keys = ApiKeys()
        return self._keys

    @classmethod
    def default(cls) -> Services:
        from PySide6.QtCore import QSettings

        from realtime_gui.core.library.store import ConfigStore

        home = os.environ.get("REALTIME_GUI_HOME")
        # REALTIME_GUI_HOME isolates everything, window settings included.
        settings = (QSettings(str(Path(home) / "window.ini"), QSettings.Format.IniFormat) if home
                    else QSettings(ORGANIZATION, APPLICATION))
        return cls(store=ConfigStore(), settings=settings)


class WindowMemory:
    """What the window remembers between runs: its geometry, its splitters,
    the configuration last open and a few switches. Key names, never keys."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def restore(self, window: QMainWindow, default_size: tuple[int, int]) -> None:
        """Put the window back where and as large as it was."""
        if not window.restoreGeometry(self._state("window/geometry")):
            room = window.screen().availableGeometry()
            window.resize(min(default_size[0], room.width()), min(default_size[1], room.height()))
        window.restoreState(self._state("window/state"))

    def restore_splitters(self, splitters: Sequence[QSplitter]) -> bool:
        """Give the splitters their saved sizes; False if some had none."""
        restored = [s.restoreState(self._state(f"window/{s.objectName()}")) for s in splitters]
        return all(restored)

    def _state(self, key: str) -> QByteArray:
        from PySide6.QtCore import QByteArray

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


class Dialogs:
    """The questions the window asks, as the standard Qt dialogs.

    ``ask(title, text, buttons)`` returns the button chosen; the last button
    is the "no" one (Escape picks it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask(self, title: str, text: str, buttons: tuple[str, ...]) -> str:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        roles = [QMessageBox.ButtonRole.AcceptRole] + [QMessageBox.ButtonRole.DestructiveRole] * (
            len(buttons) - 2) + [QMessageBox.ButtonRole.RejectRole]
        made = [box.addButton(label, role) for label, role in zip(buttons, roles)]
        box.setDefaultButton(made[0])
        box.setEscapeButton(made[-1])
        box.exec()
        clicked = box.clickedButton()
        return buttons[made.index(clicked)] if clicked in made else buttons[-1]

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(self.parent, title, label, text=text)
        return value if ok else None

    def tell(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self.parent, title, text)

    def open_path(self, title: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.parent, title, "", "JSON files (*.json);;All files (*)")
        return Path(path) if path else None

    def save_path(self, title: str, suggested: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, "JSON files (*.json)")
        return Path(path) if path else None


def open_window(services: Services | None = None, dialogs: Dialogs | None = None) -> MainWindow:
    """Build and show the main window, reusing the running QApplication if any."""
    from PySide6.QtWidgets import QApplication

    from realtime_gui.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([APPLICATION])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    window = MainWindow(services or Services.default(), dialogs)
    window.show()
    return window


def run(argv: list[str]) -> int:
    """Open the window and run until it closes; returns the exit status."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from realtime_gui import __version__

    app = QApplication.instance() or QApplication(["realtime-gui", *argv])
    app.setApplicationVersion(__version__)
    window = open_window()
    screenshot = os.environ.get(SCREENSHOT_ENV)
    if screenshot:
        def grab() -> None:
            window.grab().save(screenshot, "PNG")
            window.close()
            app.quit()

        QTimer.singleShot(_SCREENSHOT_DELAY_MS, grab)
    if os.environ.get(QUIT_AFTER_PAINT_ENV):
        _quit_after_first_paint(window)
    status = app.exec()
    if window.work_in_flight():
        # A mint abandoned in flight can't be interrupted: its socket read
        # blocks until the read timeout, and Qt would wait for the thread at
        # exit. Settings and files are already written, so leave now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


def _quit_after_first_paint(window: QWidget) -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    class QuitOnPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                # Leave before the work the window defers until after its first paint.
                QApplication.quit()
            return False

    window.installEventFilter(QuitOnPaint(window))
