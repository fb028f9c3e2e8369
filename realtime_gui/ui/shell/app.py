"""Start the window: ``run(argv)`` for the command line, ``open_window`` for tests.

The command line imports this module only when it starts the window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from realtime_gui import __version__
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.ui.shell.display import no_display_reason
from realtime_gui.ui.shell.frame import MainWindow
from realtime_gui.ui.shell.probes import install_probes
from realtime_gui.ui.window.services import Services

if TYPE_CHECKING:
    from realtime_gui.core.library.keys import ApiKeys
    from realtime_gui.ui.dialogs.standard import Dialogs

__all__ = ["APPLICATION", "ORGANIZATION", "default_services", "open_window", "run"]

ORGANIZATION = APPLICATION = "realtime-gui"
EXIT_NO_DISPLAY = 1  # as any failure to start: no class of the error tree is about the screen


def default_services() -> Services:
    """The real world: the store and settings of ``REALTIME_GUI_HOME`` or the user's, the OS keyring."""
    home = os.environ.get("REALTIME_GUI_HOME")
    # REALTIME_GUI_HOME isolates everything, window settings included.
    settings = (QSettings(str(Path(home) / "window.ini"), QSettings.Format.IniFormat) if home
                else QSettings(ORGANIZATION, APPLICATION))
    return Services(store=ConfigStore(), settings=settings, make_keys=_os_keys)


def _os_keys() -> ApiKeys:
    # Deferred: reaching the keyring costs start-up time; the window asks for it after the first paint.
    from realtime_gui.core.library.keys import ApiKeys

    return ApiKeys()


def open_window(services: Services | None = None, dialogs: Dialogs | None = None) -> MainWindow:
    """Build and show the main window, reusing the running QApplication if any."""
    app = QApplication.instance() or QApplication([APPLICATION])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    window = MainWindow(services or default_services(), dialogs)
    window.show()
    return window


def run(argv: list[str]) -> int:
    """Open the window and run until it closes; returns the exit status."""
    reason = no_display_reason(os.environ)
    if reason:
        print(f"realtime-gui: {reason}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    app = QApplication.instance() or QApplication([APPLICATION, *argv])
    app.setApplicationVersion(__version__)
    window = open_window()
    install_probes(window)
    status = app.exec()
    if window.work_in_flight():
        # Closing cancelled the mint, which cuts its connection; should its
        # thread still be winding down, Qt would wait for it at exit.
        # Settings and files are already written, so leave now.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
