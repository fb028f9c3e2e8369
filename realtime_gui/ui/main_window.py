"""The main window: configurations, the form, the request preview and the result.

The window holds no API knowledge: it asks the core to validate, prepare,
mint, save, import and convert, and runs the mint on a pool. Everything that
touches the outside world comes in through ``Services`` and ``Dialogs``
(``app.py``), so tests drive the real window without patching Qt.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressBar,
    QPushButton, QSizePolicy, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from .. import __version__
from ..core.config import Configuration
from ..core.declaration import ENDPOINTS, endpoint, field_for_path
from ..core.errors import (
    AuthenticationError, BetaShapeDisabledError, ConfigurationInvalidError, InvalidRequestError,
    KeyringUnavailableError, MintError, NoApiKeyError, PermissionDeniedError, scrub,
)
from ..core.prepare import service_summary
from ..core.service import load_configuration, mint_configuration, save_configuration
from ..core.store import ConfigStoreError
from ..core.validate import Problem, validate
from .app import Dialogs, Services
from .config_list import ConfigList, Library
from .connection import ConnectionSection, KeyLookup
from .form import FormView
from .keys_dialog import KeysDialog
from .preview import PreviewContent, RequestPreview, preview_content
from .result_panel import ResultPanel
from .style import STYLE_SHEET, muted
from .worker import CancellableJob, TaskRunner

__all__ = ["MainWindow"]

_FIRST_NAME = "Default"
_CLEAR_CLIPBOARD = "privacy/clear_clipboard_on_expiry"


class MainWindow(QMainWindow):
    def __init__(self, services: Services, dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.services = s = services
        dialogs = dialogs or Dialogs(self)
        # The dialogs are attributes so a test can swap any one of them.
        self.ask, self.ask_text, self.tell = dialogs.ask, dialogs.ask_text, dialogs.tell
        self.open_path, self.save_path = dialogs.open_path, dialogs.save_path
        self._name = ""
        self._saved: Configuration | None = None  # as the editors showed it when loaded or saved
        self._dirty = False
        self._keys_ready = False  # the keyring is first asked after the first paint
        self.key_lookup = KeyLookup(s.keys, s.env)

        self.setWindowTitle("realtime-gui")
        self.setStyleSheet(STYLE_SHEET)
        self.job = CancellableJob(TaskRunner(s.pool, self), self)
        self.job.progress.connect(lambda seconds: self._status.setText(f"Minting… {seconds:.1f} s"))
        self.job.finished.connect(self._mint_finished)
        self._build_actions()
        self._build_body()
        self._build_menus()
        self.library = Library(self, self.config_list, s.store, s.keys)
        self._restore_settings()
        self._open_initial()

    # -- building -------------------------------------------------------------------

    def _action(self, name: str, text: str, slot: Callable[[], Any], shortcut: Any = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setToolTip(tip or text.rstrip("…"))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        a = self._action
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
        self.clear_clipboard_action = a("clear_clipboard", "Clear clipboard when the secret expires",
                                        self._store_clipboard_preference)
        self.clear_clipboard_action.setCheckable(True)

    def _build_body(self) -> None:
        s = self.services
        self.config_list = ConfigList([self.new_action, self.import_action],
                                      [self.duplicate_action, self.rename_action, self.delete_action])
        self.config_list.selection_requested.connect(self.select_configuration)

        self.endpoint_selector = QComboBox()
        self.endpoint_selector.setObjectName("endpoint_selector")
        for index, ep in enumerate(ENDPOINTS.values()):
            self.endpoint_selector.addItem(ep.label, ep.id)
            self.endpoint_selector.setItemData(index, f"{ep.help}\n{ep.schema_key}", Qt.ItemDataRole.ToolTipRole)
        self.endpoint_selector.currentIndexChanged.connect(self._endpoint_changed)
        self._endpoint_path = muted()
        self._endpoint_path.setWordWrap(False)
        self._endpoint_path.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.mint_button = QPushButton("Mint")
        self.mint_button.setObjectName("mint")
        self.mint_button.setToolTip(self.mint_action.toolTip())
        self.mint_button.clicked.connect(self.mint)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancel_mint")
        self.cancel_button.setToolTip(self.cancel_action.toolTip())
        self.cancel_button.clicked.connect(self.cancel_mint)
        self.cancel_button.setEnabled(False)
        header = QFrame()
        header.setProperty("role", "header")
        row = QHBoxLayout(header)
        row.addWidget(QLabel("Endpoint:"))
        row.addWidget(self.endpoint_selector)
        row.addWidget(self._endpoint_path, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.mint_button)

        self.connection = ConnectionSection()
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
        center_layout.addWidget(header)
        center_layout.addWidget(self.tabs, 1)

        self.result_panel = ResultPanel(s.clock, self.clear_clipboard_action.isChecked)
        self.result_panel.copy_action.setParent(self)
        self.addAction(self.result_panel.copy_action)
        # The result sits below the form, not beside it: the form needs the width.
        self.result_splitter = QSplitter(Qt.Orientation.Vertical)
        self.result_splitter.setObjectName("result_splitter")
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
        self._progress = QProgressBar(maximumWidth=120, maximumHeight=14)
        self._progress.setRange(0, 0)  # indeterminate: a mint has no known length
        self._progress.hide()
        self.statusBar().addWidget(self._status, 1)
        self.statusBar().addPermanentWidget(self._progress)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for title, actions in (
            ("&File", [self.new_action, self.import_action, None, self.export_body_action,
                       self.export_config_action, None, self.save_action, None, self.quit_action]),
            ("&Edit", [self.result_panel.copy_action, None, self.clear_clipboard_action]),
            ("&Mint", [self.mint_action, self.cancel_action]),
            ("&Tools", [self.keys_action, self.convert_action]),
            ("&Help", [self.about_action]),
        ):
            menu = bar.addMenu(title)
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        tools = self.addToolBar("Main")
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.import_action, self.save_action, None, self.keys_action,
                       self.convert_action):
            tools.addSeparator() if action is None else tools.addAction(action)

    # -- settings ---------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self.services.settings
        if not self.restoreGeometry(settings.value("window/geometry", b"")):
            room = self.screen().availableGeometry()
            self.resize(min(1280, room.width()), min(820, room.height()))
        self.restoreState(settings.value("window/state", b""))
        # Without saved sizes, the first show spreads the columns (see showEvent).
        restored = [self.splitter.restoreState(settings.value("window/splitter", b"")),
                    self.result_splitter.restoreState(settings.value("window/result_splitter", b""))]
        self._default_sizes = not all(restored)
        self.connection.set_expanded(settings.value("window/connection_open", False, bool))
        self.clear_clipboard_action.setChecked(settings.value(_CLEAR_CLIPBOARD, True, bool))

    def _save_settings(self) -> None:
        settings = self.services.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/result_splitter", self.result_splitter.saveState())
        settings.setValue("window/connection_open", self.connection.is_expanded())
        settings.setValue("last_configuration", self._name)
        settings.sync()

    def _store_clipboard_preference(self) -> None:
        self.services.settings.setValue(_CLEAR_CLIPBOARD, self.clear_clipboard_action.isChecked())

    # -- start-up -----------------------------------------------------------------------

    def _open_initial(self) -> None:
        store = self.services.store
        names = store.list()
        if not names:  # first run: something to edit straight away
            store.create(_FIRST_NAME, Configuration.new(_FIRST_NAME).to_data())
            names = [_FIRST_NAME]
        last = self.services.settings.value("last_configuration", "", str)
        folded = {n.casefold(): n for n in names}
        self.config_list.set_names(names)
        if not self.load_configuration(folded.get(last.casefold(), names[0])):
            self.load_configuration(names[0])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_sizes:  # only now is the splitter's width known
            self._default_sizes = False
            width, height = self.splitter.width(), self.result_splitter.height()
            side = min(220, width // 5)
            self.splitter.setSizes([side, width - side])
            result = min(230, height // 3)
            self.result_splitter.setSizes([height - result, result])
        if not self._keys_ready:
            # The keyring library is slow to import and may talk to D-Bus:
            # ask it only once the window is on screen.
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self._keys_ready:
            return
        self._keys_ready = True
        self._refresh_key_source()

    # -- the configuration being edited -----------------------------------------------------

    def current_name(self) -> str:
        return self._name

    def current_configuration(self) -> Configuration:
        """The configuration as the editors show it now."""
        return Configuration(self._name, self.endpoint_selector.currentData(),
                             copy.deepcopy(self.form.values()), self.connection.connection())

    def is_dirty(self) -> bool:
        return self._dirty

    def open_configuration(self, config: Configuration) -> None:
        """Show ``config`` in the editors as saved (not dirty)."""
        self._name = config.name
        with QSignalBlocker(self.endpoint_selector):
            self.endpoint_selector.setCurrentIndex(self.endpoint_selector.findData(config.endpoint))
        self._show_endpoint(config.endpoint)
        self.form.set_configuration(config)
        self.connection.set_connection(config.connection)
        self._saved = self.current_configuration()
        self._set_dirty(False)
        self.config_list.select(config.name)
        self.convert_action.setEnabled(endpoint(config.endpoint).shape == "beta")
        self.preview.schedule()
        self._refresh_key_source()

    def load_configuration(self, name: str) -> bool:
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
        if name == self._name:
            return True
        if not self.settle_changes(revert=False) or not self.load_configuration(name):
            self.config_list.select(self._name)
            return False
        return True

    def _edited(self) -> None:
        dirty = self.current_configuration() != self._saved
        if dirty != self._dirty:
            self._set_dirty(dirty)
        self.preview.schedule()
        self._refresh_key_source()

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.config_list.set_unsaved(self._name, dirty)
        self.setWindowTitle(f"{self._name}[*] — realtime-gui")
        self.setWindowModified(dirty)

    def _endpoint_changed(self) -> None:
        endpoint_id = self.endpoint_selector.currentData()
        self.form.set_endpoint(endpoint_id)
        self._show_endpoint(endpoint_id)
        self.convert_action.setEnabled(endpoint(endpoint_id).shape == "beta")
        self._edited()

    def _show_endpoint(self, endpoint_id: str) -> None:
        ep = endpoint(endpoint_id)
        self._endpoint_path.setText(ep.schema_key)
        self.endpoint_selector.setToolTip(ep.help)

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
        config = self.current_configuration()
        before = copy.deepcopy(config.values)
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

    def _key_name(self) -> str:
        return str(self.current_configuration().setting("key_name") or "default")

    def _refresh_key_source(self) -> None:
        summary = service_summary(self.current_configuration(), self.services.env)
        if not self._keys_ready:
            self.connection.set_summary(summary)
            self.connection.set_key_source("Looking for the key…")
            return
        source = self.key_lookup.describe(self._key_name())
        self.connection.set_key_source(source)
        self.connection.set_summary(f"{summary} · {source}")

    def _preview(self) -> PreviewContent:
        name = self._key_name()
        return preview_content(self.current_configuration(), name, self.key_lookup.credentials(name),
                               env=self.services.env, lookup=self.services.keys.load_secret)

    def open_keys(self) -> KeysDialog:
        dialog = KeysDialog(self.services.keys, self.ask, env=self.services.env, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.keys_changed.connect(self._keys_changed)
        dialog.open()
        return dialog

    def _keys_changed(self) -> None:
        self.key_lookup.forget()
        self._keys_ready = True
        self._refresh_key_source()
        self.preview.schedule()

    # -- minting ----------------------------------------------------------------------------------

    def mint(self) -> None:
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
        self.mint_button.setEnabled(not busy)
        self.cancel_action.setEnabled(busy)
        self.cancel_button.setEnabled(busy)
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
            spot = field_for_path(self.endpoint_selector.currentData(), error.field_path)
            if spot is not None:
                self._focus_problem(Problem(spot.node.id, error.field_path, spot.node.label,
                                            f"was rejected by the service: {error.service_message or error.param}"))

    def _remedy(self, error: MintError) -> tuple[str, Callable[[], Any]] | None:
        """The one button that helps most with ``error``, if any."""
        if isinstance(error, BetaShapeDisabledError):
            return ("Convert to GA", self.library.convert_to_ga)
        if isinstance(error, (NoApiKeyError, KeyringUnavailableError, AuthenticationError, PermissionDeniedError)):
            return ("Open Keys…", self.open_keys)
        if isinstance(error, ConfigurationInvalidError) and error.problems:
            return ("Show the first problem", lambda: self._focus_problem(error.problems[0]))
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
        if not self.settle_changes(revert=False):
            event.ignore()
            return
        self.job.cancel()
        self._save_settings()
        event.accept()
