"""The main window: configurations, the form, the request preview and the result.

The window holds no API knowledge: it asks the core to validate, prepare,
mint, save, import and convert, and runs the mint on a pool. Everything that
touches the outside world comes in through ``Services`` and ``Dialogs``
(``app.py``), so tests drive the real window without patching Qt.

Start-up comes in two steps. The constructor builds only the frame: menus,
toolbar, the list of names and the result area. After the first paint,
:meth:`MainWindow.finish_start` loads the declaration, builds the form and
opens the configuration. That is why the core is imported inside methods here.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Callable, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QMessageBox, QProgressBar, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from .. import __version__
from ..core.errors import (
    AuthenticationError, BetaShapeDisabledError, ConfigurationInvalidError, InvalidRequestError,
    KeyringUnavailableError, MintError, NoApiKeyError, PermissionDeniedError, scrub,
)
from ..core.store import ConfigStoreError
from .app import Ask, AskText, Dialogs, OpenPath, SavePath, Services, Tell, WindowMemory
from .config_list import ConfigList
from .result_panel import ResultPanel
from .style import install as install_looks
from .worker import CancellableJob, TaskRunner

if TYPE_CHECKING:
    from ..core.config import Configuration
    from ..core.validate import Problem
    from .config_list import Library
    from .connection import ConnectionSection, EndpointBar, KeyLookup
    from .form import FormView
    from .keys_dialog import KeysDialog
    from .preview import PreviewContent, RequestPreview

__all__ = ["MainWindow"]

_FIRST_NAME = "Default"
_CLEAR_CLIPBOARD = "privacy/clear_clipboard_on_expiry"
_CONNECTION_OPEN = "window/connection_open"


class MainWindow(QMainWindow):
    # Built by finish_start(), after the first paint.
    endpoint_bar: EndpointBar
    connection: ConnectionSection
    form: FormView
    preview: RequestPreview
    tabs: QTabWidget
    library: Library
    key_lookup: KeyLookup

    def __init__(self, services: Services, dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.services = s = services
        dialogs = dialogs or Dialogs(self)
        # The dialogs are attributes so a test can swap any one of them.
        self.ask: Ask = dialogs.ask
        self.ask_text: AskText = dialogs.ask_text
        self.tell: Tell = dialogs.tell
        self.open_path: OpenPath = dialogs.open_path
        self.save_path: SavePath = dialogs.save_path
        self._name = ""
        self._saved: Configuration | None = None  # as the editors showed it when loaded or saved
        self._dirty = False
        self._ready = False
        self._start_scheduled = False

        self.setWindowTitle("realtime-gui")
        install_looks()
        self._runner = TaskRunner(s.pool, self)
        self.job = CancellableJob(self._runner, self)
        self.job.progress.connect(lambda seconds: self._status.setText(f"Minting… {seconds:.1f} s"))
        self.job.finished.connect(self._mint_finished)
        self.memory = WindowMemory(s.settings)
        self._build_actions()
        self._build_frame()
        self._build_menus()
        self.memory.restore(self, (1280, 820))
        self._sizes_saved = self.memory.restore_splitters(self._splitters())
        self._shown = False
        self.clear_clipboard_action.setChecked(self.memory.flag(_CLEAR_CLIPBOARD, True))
        names = s.store.list()  # names only: no file is opened before the first paint
        last = self.memory.last_configuration().casefold()
        self.config_list.set_names(names, select=next((n for n in names if n.casefold() == last), None))

    # -- building -------------------------------------------------------------------

    def _action(self, name: str, text: str, slot: Callable[[], Any], shortcut: Any = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setToolTip(tip or text.rstrip("…"))

        def run() -> None:
            self.finish_start()  # an action can come before the editors are built
            slot()

        action.triggered.connect(run)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std, a = QKeySequence.StandardKey, self._action
        self.new_action = a("new", "New", lambda: self.library.new(), std.New, "New configuration (Ctrl+N)")
        self.duplicate_action = a("duplicate", "Duplicate", lambda: self.library.duplicate())
        self.rename_action = a("rename", "Rename…", lambda: self.library.rename(), "F2")
        self.delete_action = a("delete", "Delete…", lambda: self.library.delete())
        self.import_action = a("import", "Import…", lambda: self.library.import_dialog(self), std.Open,
                               "Import a configuration file or a raw JSON request body")
        self.export_body_action = a("export_body", "Export body…", lambda: self.library.export_body())
        self.export_config_action = a("export_config", "Export configuration…",
                                      lambda: self.library.export_configuration())
        self.save_action = a("save", "Save", self.save, std.Save, "Save the configuration (Ctrl+S)")
        self.quit_action = a("quit", "Quit", self.close, std.Quit)
        self.mint_action = a("mint", "Mint", self.mint, [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
                             "Mint a client secret with this configuration (Ctrl+Enter)")
        self.cancel_action = a("cancel", "Cancel", self.cancel_mint, "Escape", "Cancel the mint in flight (Esc)")
        self.cancel_action.setEnabled(False)
        self.keys_action = a("keys", "Keys…", self.open_keys, None, "Manage API keys in the OS keyring")
        self.convert_action = a("convert", "Convert to GA", lambda: self.library.convert_to_ga(), None,
                                "Copy this beta configuration to the GA endpoint")
        self.about_action = a("about", "About realtime-gui", self.about)
        self.clear_clipboard_action = a(
            "clear_clipboard", "Clear clipboard when the secret expires",
            lambda: self.memory.set_flag(_CLEAR_CLIPBOARD, self.clear_clipboard_action.isChecked()))
        self.clear_clipboard_action.setCheckable(True)

    def _build_frame(self) -> None:
        self.config_list = ConfigList([self.new_action, self.import_action],
                                      [self.duplicate_action, self.rename_action, self.delete_action])
        self.config_list.selection_requested.connect(self.select_configuration)
        self.result_panel = ResultPanel(self.services.clock, self.clear_clipboard_action.isChecked)
        self.result_panel.copy_action.setParent(self)
        self.addAction(self.result_panel.copy_action)
        # The result sits below the form, not beside it: the form needs the width.
        self.result_splitter = QSplitter(Qt.Orientation.Vertical)
        self.result_splitter.setObjectName("result_splitter")
        center = QWidget()  # the editors go here in finish_start()
        self._center = QVBoxLayout(center)
        self._center.setContentsMargins(0, 0, 0, 0)
        self.result_splitter.addWidget(center)
        self.result_splitter.addWidget(self.result_panel)
        self.result_splitter.setCollapsible(0, False)
        self.result_splitter.setStretchFactor(0, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.config_list)
        self.splitter.addWidget(self.result_splitter)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._status = QLabel()
        self._progress = QProgressBar()
        self._progress.setMaximumSize(120, 14)
        self._progress.setRange(0, 0)  # indeterminate: a mint has no known length
        self._progress.hide()
        self.statusBar().addWidget(self._status, 1)
        self.statusBar().addPermanentWidget(self._progress)

    def _build_menus(self) -> None:
        for title, actions in (
            ("&File", [self.new_action, self.import_action, None, self.export_body_action,
                       self.export_config_action, None, self.save_action, None, self.quit_action]),
            ("&Edit", [self.result_panel.copy_action, None, self.clear_clipboard_action]),
            ("&Mint", [self.mint_action, self.cancel_action]),
            ("&Tools", [self.keys_action, self.convert_action]),
            ("&Help", [self.about_action]),
        ):
            menu = self.menuBar().addMenu(title)
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        tools = self.addToolBar("Main")
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.import_action, self.save_action, None, self.keys_action,
                       self.convert_action):
            tools.addSeparator() if action is None else tools.addAction(action)

    def _splitters(self) -> list[QSplitter]:
        return [self.splitter, self.result_splitter]

    # -- start-up -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown and not self._sizes_saved:  # only now is the splitters' room known
            width, height = self.splitter.width(), self.result_splitter.height()
            side, result = min(220, width // 5), min(230, height // 3)
            self.splitter.setSizes([side, width - side])
            self.result_splitter.setSizes([height - result, result])
        self._shown = True

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._start_scheduled:
            self._start_scheduled = True
            QTimer.singleShot(0, self.finish_start)

    def is_ready(self) -> bool:
        return self._ready

    def work_in_flight(self) -> bool:
        """Whether a mint, even a cancelled one, still holds a worker thread."""
        return self._runner.pending() > 0

    def finish_start(self) -> None:
        """Build the editors and open a configuration; runs once, normally just
        after the first paint, or earlier if something needs the editors."""
        if self._ready:
            return
        self._ready = True
        from .config_list import Library
        from .connection import ConnectionSection, EndpointBar, KeyLookup
        from .form import FormView
        from .preview import RequestPreview

        s = self.services
        self.key_lookup = KeyLookup(s.keys, s.env)
        self.library = Library(self, self.config_list, s.store, s.keys)
        self.endpoint_bar = EndpointBar(self.mint_action, self.cancel_action)
        self.endpoint_bar.endpoint_changed.connect(self._endpoint_changed)
        self.connection = ConnectionSection()
        self.connection.set_expanded(self.memory.flag(_CONNECTION_OPEN, False))
        self.connection.changed.connect(self._edited)
        self.connection.keys_requested.connect(self.open_keys)
        self.form = FormView()
        self.form.changed.connect(self._edited)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(6, 6, 6, 0)
        editor_layout.addWidget(self.connection)
        editor_layout.addWidget(self.form, 1)
        self.preview = RequestPreview(self._preview)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("center_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(editor, "Configuration")
        self.tabs.addTab(self.preview, "Request preview")
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(0)
        center_layout.addWidget(self.endpoint_bar)
        center_layout.addWidget(self.tabs, 1)
        self._center.addWidget(center)
        center.show()  # a child added to a visible window is shown only when asked
        if self._sizes_saved:  # again: the editors' minimum sizes moved the handles
            self.memory.restore_splitters(self._splitters())
        self._open_initial()

    def _open_initial(self) -> None:
        from ..core.config import Configuration

        store = self.services.store
        names = store.list()
        if not names:  # first run: something to edit straight away
            store.create(_FIRST_NAME, Configuration.new(_FIRST_NAME).to_data())
            names = [_FIRST_NAME]
            self.config_list.set_names(names)
        wanted = self.config_list.current_name() or names[0]
        if not self.load_configuration(wanted) and wanted != names[0]:
            self.load_configuration(names[0])

    # -- the configuration being edited -----------------------------------------------------

    def current_name(self) -> str:
        return self._name

    def current_configuration(self) -> Configuration:
        """The configuration as the editors show it now (a copy of their values)."""
        from ..core.config import Configuration

        return Configuration(self._name, self.endpoint_bar.endpoint(), self.form.values(),
                             self.connection.connection())

    def is_dirty(self) -> bool:
        return self._dirty

    def open_configuration(self, config: Configuration) -> None:
        """Show ``config`` in the editors as saved (not dirty)."""
        self._name = config.name
        self.endpoint_bar.set_endpoint(config.endpoint)
        self.form.set_configuration(config)
        self.connection.set_connection(config.connection)
        self._saved = self.current_configuration()
        self._set_dirty(False)
        self.config_list.select(config.name)
        self._endpoint_shown(config.endpoint)
        self.preview.schedule()
        self._refresh_key_source(self._saved)
        self.result_panel.clear()  # an error was about what was open before; a secret stays valid

    def load_configuration(self, name: str) -> bool:
        from ..core.service import load_configuration

        try:
            config = load_configuration(self.services.store, name)
        except (ConfigStoreError, ValueError) as exc:
            self.tell("Could not open the configuration", str(exc))
            self.config_list.set_names(self.services.store.list(), select=self._name or None)
            return False
        self.open_configuration(config)
        return True

    def select_configuration(self, name: str) -> bool:
        """Switch to ``name``, asking first about unsaved changes."""
        self.finish_start()
        if name == self._name:
            return True
        if not self.settle_changes(revert=False) or not self.load_configuration(name):
            self.config_list.select(self._name)
            return False
        return True

    def _edited(self) -> None:
        config = self.current_configuration()
        if (config != self._saved) != self._dirty:
            self._set_dirty(not self._dirty)
        self.preview.schedule()
        self._refresh_key_source(config)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.config_list.set_unsaved(self._name, dirty)
        self.setWindowTitle(f"{self._name}[*] — realtime-gui")
        self.setWindowModified(dirty)

    def _endpoint_changed(self, endpoint_id: str) -> None:
        self.form.set_endpoint(endpoint_id)
        self._endpoint_shown(endpoint_id)
        self._edited()

    def _endpoint_shown(self, endpoint_id: str) -> None:
        from ..core.declaration import endpoint

        self.convert_action.setEnabled(endpoint(endpoint_id).shape == "beta")

    def settle_changes(self, *, revert: bool = True) -> bool:
        """Ask about unsaved changes: False if the user cancels.

        ``revert`` puts the saved version back in the editors on Discard;
        not needed when another configuration is loaded next.
        """
        if not self._dirty:
            return True
        choice = self.ask("Unsaved changes", f"“{self._name}” has unsaved changes. Save them?",
                          ("Save", "Discard", "Cancel"))
        if choice == "Save":
            return self.save()
        if choice == "Discard":
            if revert and self._saved is not None:
                self.open_configuration(self._saved)
            else:
                self._set_dirty(False)
            return True
        return False

    def save(self) -> bool:
        from ..core.service import save_configuration

        config = self.current_configuration()
        before = copy.deepcopy(config.values)  # saving moves plain secrets into the keyring
        try:
            save_configuration(self.services.store, self.services.keys, config)
        except (ConfigStoreError, KeyringUnavailableError, OSError, ValueError) as exc:
            self.tell("Could not save", str(exc))
            return False
        if config.values != before:  # plain secrets became keyring references
            self.form.set_configuration(config)
        self._saved = self.current_configuration()
        self._set_dirty(False)
        self._status.setText(f"Saved “{config.name}”.")
        return True

    def renamed(self, name: str) -> None:
        """The current configuration was renamed on disk; unsaved edits stay."""
        self._name = name
        if self._saved is not None:
            self._saved.name = name
        self.config_list.select(name)
        self._set_dirty(self._dirty)

    def show_status(self, text: str) -> None:
        self._status.setText(text)

    # -- keys and the preview -----------------------------------------------------------------

    @staticmethod
    def _key_name(config: Configuration) -> str:
        return str(config.setting("key_name") or "default")

    def _refresh_key_source(self, config: Configuration) -> None:
        from ..core.prepare import service_summary

        source = self.key_lookup.describe(self._key_name(config))
        self.connection.set_key_source(source)
        self.connection.set_summary(f"{service_summary(config, self.services.env)} · {source}")

    def _preview(self) -> PreviewContent:
        from .preview import preview_content

        config = self.current_configuration()
        name = self._key_name(config)
        return preview_content(config, name, self.key_lookup.credentials(name),
                               env=self.services.env, lookup=self.services.keys.load_secret)

    def open_keys(self) -> KeysDialog:
        from .keys_dialog import KeysDialog

        dialog = KeysDialog(self.services.keys, self.ask, env=self.services.env, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.keys_changed.connect(self._keys_changed)
        dialog.open()
        return dialog

    def _keys_changed(self) -> None:
        self.key_lookup.forget()
        self._refresh_key_source(self.current_configuration())
        self.preview.schedule()

    # -- minting ----------------------------------------------------------------------------------

    def mint(self) -> None:
        from ..core.service import mint_configuration
        from ..core.validate import validate

        if self.job.busy():
            return
        config = self.current_configuration()
        problems = self.form.editor_problems() + validate(config)
        self._show_problems(problems)
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            self._status.setText(f"Not minted: {len(problems)} {noun} in the configuration.")
            error = ConfigurationInvalidError(problems)
            self.result_panel.show_error(error, self._remedy(error))
            return
        s = self.services

        def work(cancel: Any) -> Any:
            return mint_configuration(config, s.keys, transport=s.transport, env=s.env, cancel=cancel,
                                      connect_timeout=s.connect_timeout, read_timeout=s.read_timeout)

        self.job.start(work)
        self._set_busy(True)

    def cancel_mint(self) -> None:
        if self.job.cancel():
            self._set_busy(False)
            self._status.setText("Cancelled; any late answer will be ignored.")

    def _set_busy(self, busy: bool) -> None:
        self.mint_action.setEnabled(not busy)
        self.cancel_action.setEnabled(busy)
        self._progress.setVisible(busy)
        if busy:
            self._status.setText("Minting… 0.0 s")

    def _mint_finished(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is None:
            self._show_problems([])
            self.result_panel.show_result(result)
            self._status.setText(f"Minted in {result.elapsed_ms:.0f} ms.")
            return
        if not isinstance(error, MintError):  # a bug, not a failure the core foresaw
            error = MintError(scrub(f"Unexpected {type(error).__name__}: {error}"),
                              title="Unexpected error", advice="Please report this, with the details.")
        self.result_panel.show_error(error, self._remedy(error))
        self._status.setText(f"{error.title}.")
        if isinstance(error, InvalidRequestError) and error.field_path:
            self._focus_rejected(error.field_path, error.service_message or error.param or "")

    def _focus_rejected(self, path: str, said: str) -> None:
        from ..core.declaration import field_for_path
        from ..core.validate import Problem

        spot = field_for_path(self.endpoint_bar.endpoint(), path)
        if spot is not None:
            self._focus_problem(Problem(spot.node.id, path, spot.node.label, f"was rejected by the service: {said}"))

    def _remedy(self, error: MintError) -> tuple[str, Callable[[], Any]] | None:
        """The one button that helps most with ``error``, if any."""
        if isinstance(error, BetaShapeDisabledError):
            return ("Convert to GA", self.library.convert_to_ga)
        if isinstance(error, (NoApiKeyError, KeyringUnavailableError, AuthenticationError, PermissionDeniedError)):
            return ("Open Keys…", self.open_keys)
        if isinstance(error, ConfigurationInvalidError) and error.problems:
            first = cast("Problem", error.problems[0])
            return ("Show the first problem", lambda: self._focus_problem(first))
        return None

    def _show_problems(self, problems: list[Problem]) -> None:
        self.form.show_problems([p for p in problems if not p.field_id.startswith("connection.")])
        self.connection.show_problems(problems)

    def _focus_problem(self, problem: Problem) -> bool:
        self.tabs.setCurrentIndex(0)
        self._show_problems([problem])
        if self.connection.focus_setting(problem.field_id):
            return True
        return self.form.focus_field(problem.path)

    # -- the rest -----------------------------------------------------------------------------------

    def about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.NoIcon, "About realtime-gui",
                          f"<b>realtime-gui {__version__}</b><p>Mint OpenAI Realtime API client secrets "
                          "from a window or the command line.</p>", parent=self)
        box.setObjectName("about_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._ready and not self.settle_changes(revert=False):
            event.ignore()
            return
        self.job.cancel()
        if self._ready:
            self.memory.set_flag(_CONNECTION_OPEN, self.connection.is_expanded())
        self.memory.save(self, self._splitters(), self._name or self.config_list.current_name() or "")
        event.accept()
