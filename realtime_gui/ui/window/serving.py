"""Serve from the window: the *Serve* toggle runs the local token server for
the configuration open when it was turned on, as saved, and a panel shows
its address and a live log.

The core does the serving (``core/serve/``); this module starts and stops it
off the UI thread (binding reads the keyring, stopping joins a thread) and
shows what it does. uvicorn and Starlette load on the first start, on the
worker: a window that never serves never pays for them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from realtime_gui.core.catalog.connection import TIME_LIMIT
from realtime_gui.core.library.configurations import load_configuration
from realtime_gui.core.library.store import ConfigStoreError
from realtime_gui.core.records import replace
from realtime_gui.core.redact import scrub_error
from realtime_gui.core.serve.errors import OriginFormatError, PortInUseError
from realtime_gui.core.serve.log import RequestRecord
from realtime_gui.core.serve.rules import DEFAULT_RATE
from realtime_gui.core.serve.setup import check_servable
from realtime_gui.core.service.errors import MintError
from realtime_gui.ui.window.actions import WindowActions
from realtime_gui.ui.window.editing import OpenConfiguration
from realtime_gui.ui.window.serve_panel import ServePanel
from realtime_gui.ui.window.services import Services
from realtime_gui.ui.window.worker import TaskRunner

__all__ = ["Serving", "start_error_text"]

_SETTINGS = "serve/"  # the panel's port, origins and rate are remembered between runs


class _Signals(QObject):
    """What crosses from the server's thread to the window, and the window's title changes to the panel."""

    record = Signal(object)  # a RequestRecord, emitted on the server's thread, shown on the GUI thread

    def __init__(self, on_title: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_title = on_title

    def emit_record(self, record: RequestRecord) -> None:
        try:
            self.record.emit(record)
        except RuntimeError:
            pass  # the window is gone; the server is being stopped

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The title carries the open name and the unsaved mark: whenever they change,
        # what the panel says about the served configuration may have changed too.
        if event.type() in (QEvent.Type.WindowTitleChange, QEvent.Type.ModifiedChange):
            self._on_title()
        return False


class Serving:
    """The *Serve* toggle and its panel, in a dock of ``window``.

    ``editing`` tells which configuration is open and whether it has unsaved
    edits; the server mints from the one open when it started, read from
    ``services.store`` for each request. ``open_url`` opens the test page (a
    browser; tests replace it).
    """

    def __init__(self, *, services: Services, editing: OpenConfiguration, actions: WindowActions,
                 show_status: Callable[[str], None], window: QWidget) -> None:
        self._services, self._editing = services, editing
        self._action, self._show_status = actions.serve, show_status
        self.open_url: Callable[[str], object] = lambda url: QDesktopServices.openUrl(QUrl(url))
        self.panel = ServePanel(actions.serve)
        self._signals = _Signals(self._refresh_note, window)
        self._signals.record.connect(lambda record: self.panel.add_line(record.line()))
        window.installEventFilter(self._signals)
        self._runner = TaskRunner(services.pool, window)
        self._runner.finished.connect(self._done)
        self._task: tuple[int, str] | None = None  # the start or stop in flight: its id and which
        self._lock = threading.Lock()  # guards what the start's worker and close() share
        self._server: Any = None  # the running TokenServer (typed loosely: its module loads uvicorn)
        self._closed = False
        self.served_name = ""  # the configuration being served, "" when not serving
        self._starting_name = ""

        self.panel.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.panel.url.text()))
        self.panel.open.clicked.connect(lambda: self.open_url(self.panel.url.text()))
        self._restore_settings()
        self.dock = QDockWidget("Serving", window)
        self.dock.setObjectName("serve_dock")
        self.dock.setWidget(self.panel)
        self.dock.hide()
        if isinstance(window, QMainWindow):
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            window.restoreDockWidget(self.dock)  # as the window's saved state left it
        panel_action = actions.serve_panel
        self.dock.visibilityChanged.connect(panel_action.setChecked)
        panel_action.setChecked(self.dock.isVisible())
        actions.handle("serve_panel", lambda: self.dock.setVisible(panel_action.isChecked()))
        actions.handle("serve", self.toggle)
        self._watch = QTimer(window, interval=1000)  # a server that stops on its own is said to have stopped
        self._watch.timeout.connect(self._check_running)
        self._refresh_note()

    @property
    def running(self) -> bool:
        return self._server is not None

    def toggle(self) -> None:
        """The *Serve* action was triggered: start or stop as it now says."""
        if self._action.isChecked():
            self.start()
        else:
            self.stop()

    def start(self) -> None:
        """Serve the open configuration, as saved, with the panel's settings."""
        if self._task is not None or self.running:  # the action is disabled meanwhile; a direct call
            return
        self.dock.show()
        name = self._editing.current_name()
        problem = self.panel.check_settings()
        if problem or not name:
            self._refused(problem or "No configuration is open to serve.")
            return
        origins, rate, port = self.panel.allowed_origins(), self.panel.chosen_rate(), self.panel.port.value()
        s = self._services
        keys, env, store, client = s.keys, s.env, s.store, s.client

        def work() -> Any:
            config = load_configuration(store, name)
            check_servable(config, keys, env)
            # Loads uvicorn and Starlette: here, on the worker, the first time only.
            from realtime_gui.core.serve.server import ServeSettings, TokenServer

            # Edits saved while serving apply to the next token, as with `realtime-gui serve`.
            server = TokenServer(lambda: load_configuration(store, name), keys,
                                 ServeSettings(port=port, origins=origins, rate=rate),
                                 on_log=self._signals.emit_record, env=env,
                                 client=replace(client, deadline=float(config.setting(TIME_LIMIT.key))))
            server.start()
            with self._lock:
                if not self._closed:
                    self._server = server
                    return server
            server.stop()  # the window closed while it started
            return None

        self._remember_settings()
        self._starting_name = name
        self.panel.show_problem("")
        self._begin("start", work, f"Starting to serve “{name}”…")

    def stop(self) -> None:
        """Stop serving: open requests are answered, then the port is closed."""
        if self._task is not None:
            return
        with self._lock:
            server, self._server = self._server, None
        if server is None:
            self._stopped()
            return
        self._begin("stop", server.stop, f"Stopping serving “{self.served_name}”…")

    def close(self) -> None:
        """The window closes: stop serving now, and any start still under way once it binds."""
        self._watch.stop()
        with self._lock:
            self._closed = True
            server, self._server = self._server, None
        if server is not None:
            # On this thread, unlike a toggle: the window is going away, and the few
            # tenths of a second it takes to answer open requests and join must pass
            # before the process may end.
            server.stop()

    # -- outcomes -----------------------------------------------------------------------------

    def _begin(self, kind: str, work: Callable[[], Any], status: str) -> None:
        self._action.setEnabled(False)
        self.panel.set_editable(False)
        self._show_status(status)
        self._task = (self._runner.start(work), kind)

    def _done(self, task_id: int, result: object, error: object) -> None:
        if self._task is None or task_id != self._task[0]:
            return
        kind, self._task = self._task[1], None
        self._action.setEnabled(True)
        if kind == "stop":
            self._stopped()
        elif isinstance(error, BaseException):
            self._refused(start_error_text(error, self._starting_name))
        elif result is not None:
            self._serving(result)

    def _serving(self, server: Any) -> None:
        self.served_name = self._starting_name
        self._action.setChecked(True)
        self._action.setToolTip(f"Stop serving tokens for “{self.served_name}”")
        self.panel.show_url(server.url)
        self.dock.setWindowTitle(f"Serving “{self.served_name}”")
        origins = ", ".join(self.panel.allowed_origins()) or "none besides its own page"
        self._say(f"serving “{self.served_name}” at {server.url}token, at most {self.panel.chosen_rate()}; "
                  f"trusted origins: {origins}")
        self._show_status(f"Serving “{self.served_name}” at {server.url}")
        self._watch.start()
        self._refresh_note()

    def _stopped(self, why: str = "stopped") -> None:
        was = self.served_name
        self.served_name = ""
        self._watch.stop()
        self._action.setChecked(False)
        self._action.setToolTip("Serve tokens from the saved configuration to pages on this computer")
        self.panel.show_url("")
        self.panel.set_editable(True)
        self.dock.setWindowTitle("Serving")
        if was:
            self._say(why)
            self._show_status(f"Stopped serving “{was}”.")
        self._refresh_note()

    def _refused(self, text: str) -> None:
        """Serving did not start: one line in the panel and the status bar."""
        self._stopped()
        self.dock.show()
        self.panel.show_problem(text)
        self._show_status(f"Not serving: {text}")

    def _check_running(self) -> None:
        with self._lock:
            server = self._server
            gone = server is not None and not server.running
            if gone:
                self._server = None
        if gone:
            self._stopped("the server stopped on its own")

    def _say(self, text: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.panel.add_line(f"{stamp} {text}")

    def _refresh_note(self) -> None:
        served, open_name = self.served_name, self._editing.current_name()
        if not served:
            note = ("Serve answers GET or POST /token with a client secret minted from the saved configuration, "
                    "and shows a test page at its address.")
        elif served != open_name:
            note = f"Serving “{served}”, not “{open_name}” open now: turn Serve off and on to serve that one."
        elif self._editing.is_dirty():
            note = f"Serving “{served}” as saved: your unsaved edits apply to the next token once saved."
        else:
            note = f"Serving “{served}” as saved; edits apply to the next token once saved."
        self.panel.note.setText(note)

    # -- what is remembered ---------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self._services.settings
        port = settings.value(_SETTINGS + "port", 0, int)
        self.panel.port.setValue(port if isinstance(port, int) else 0)
        self.panel.origins.setText(str(settings.value(_SETTINGS + "origins", "", str)))
        self.panel.rate.setText(str(settings.value(_SETTINGS + "rate", str(DEFAULT_RATE), str)))

    def _remember_settings(self) -> None:
        settings = self._services.settings
        settings.setValue(_SETTINGS + "port", self.panel.port.value())
        settings.setValue(_SETTINGS + "origins", " ".join(self.panel.allowed_origins()))
        settings.setValue(_SETTINGS + "rate", str(self.panel.chosen_rate()))


def start_error_text(error: BaseException, name: str) -> str:
    """Why serving ``name`` did not start, on one line, with what to do; masked."""
    if isinstance(error, PortInUseError):
        text = (f"Port {error.port} on 127.0.0.1 can't be used (another program may hold it): choose another, "
                "or 0 for any free one.")
    elif isinstance(error, (MintError, OriginFormatError)):
        text = str(error)
    elif isinstance(error, ConfigStoreError):
        text = f"“{name}” can't be read to serve it ({error}); save it first."
    else:
        text = f"Unexpected {type(error).__name__} while starting to serve: {error}"
    return scrub_error(" ".join(text.split()))
