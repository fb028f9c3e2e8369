"""The main window: configurations, the form, the request preview and the result.

The window holds no API knowledge: it asks the core to validate, prepare,
mint, save, import and convert, and runs the mint on a pool. Everything that
touches the outside world comes in through ``Services`` and ``Dialogs``
(``app.py``), so tests drive the real window without patching Qt. Two of
its parts have modules of their own: :class:`~.editing.Editing` (the
configuration open in the editors) and :class:`~.minting.Minting`; this one
builds the window and starts it.

Start-up comes in two steps. The constructor builds only the first frame:
menus, toolbar, the list of names, the endpoint bar, and empty places for
the form and the result, from modules that touch neither the ``Qt``
namespace nor the core (``first_paint`` says why). Just after the first
paint, :meth:`MainWindow.finish_start` builds the rest and opens the
configuration; that is why so much is imported inside methods here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QSplitter, QTabWidget, QVBoxLayout, QWidget

from realtime_gui import __version__
from realtime_gui.ui.shell.app import Ask, AskText, Dialogs, OpenPath, SavePath, Services, Tell, WindowMemory
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.editing import Editing
from realtime_gui.ui.window.endpoint_bar import EndpointBar
from realtime_gui.ui.shell.first_paint import set_enum
from realtime_gui.ui.window.minting import Minting

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent
    from PySide6.QtWidgets import QMessageBox

    from realtime_gui.ui.form.connection import ConnectionSection
    from realtime_gui.ui.form.key_lookup import KeyLookup
    from realtime_gui.ui.form.form import FormView
    from realtime_gui.ui.dialogs.keys_dialog import KeysDialog
    from realtime_gui.ui.window.library import Library
    from realtime_gui.ui.window.preview import RequestPreview
    from realtime_gui.ui.window.result_panel import ResultPanel

__all__ = ["MainWindow"]

_CLEAR_CLIPBOARD = "privacy/clear_clipboard_on_expiry"
_CONNECTION_OPEN = "window/connection_open"
_SIDE_WIDTH = 220  # the list of names, at most, before the user moves the handle
_RESULT_HEIGHT = 150  # the result, while empty: the form gets the rest; a result makes it grow
_ICON = Path(__file__).resolve().parents[2] / "resources" / "realtime-gui.svg"


class MainWindow(Editing, Minting, QMainWindow):
    # Built by finish_start(), after the first paint.
    connection: ConnectionSection
    form: FormView
    preview: RequestPreview
    result_panel: ResultPanel
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
        self._ready = False
        self._start_scheduled = False
        self._shown = False

        self.setWindowTitle("realtime-gui")
        self.memory = WindowMemory(s.settings)
        self._build_actions()
        self._build_frame()
        self._build_menus()
        self.memory.restore(self, (1280, 820))
        self._sizes_saved = self.memory.restore_splitters(self._splitters())
        self.clear_clipboard_action.setChecked(self.memory.flag(_CLEAR_CLIPBOARD, True))
        # Names only: no file is opened before the first paint. The one selected
        # is the one finish_start() will open.
        names = s.store.list()
        last = self.memory.last_configuration().casefold()
        first = names[0] if names else None
        self.config_list.set_names(names, select=next((n for n in names if n.casefold() == last), first))

    # -- the first frame ----------------------------------------------------------------

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
        self.copy_action = a("copy", "Copy secret", lambda: self.result_panel.copy("secret"), "Ctrl+Shift+C",
                             "Copy the client secret (Ctrl+Shift+C)")
        self.copy_action.setEnabled(False)  # the result panel enables it while a live secret is shown
        self.mint_action = a("mint", "Mint", self.mint, [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
                             "Mint a client secret with this configuration (Ctrl+Enter)")
        self.cancel_action = a("cancel", "Cancel", self.cancel_mint, "Escape", "Cancel the mint in flight (Esc)")
        self.cancel_action.setEnabled(False)
        self.keys_action = a("keys", "Keys…", self.open_keys, None, "Manage API keys in the OS keyring")
        self.convert_action = a("convert", "Convert to GA", lambda: self.library.convert_to_ga(), None,
                                "Copy this beta configuration to the GA endpoint")
        self.convert_action.setEnabled(False)  # until a beta configuration is open
        self.convert_replace_action = a(
            "convert_replace", "Convert to GA, Replacing It", lambda: self.library.convert_to_ga(replace=True),
            None, "Turn this beta configuration into a GA one in place; what has no GA counterpart is listed")
        self.convert_replace_action.setEnabled(False)
        self.about_action = a("about", "About realtime-gui", self.about)
        self.clear_clipboard_action = a(
            "clear_clipboard", "Clear clipboard when the secret expires",
            lambda: self.memory.set_flag(_CLEAR_CLIPBOARD, self.clear_clipboard_action.isChecked()))
        self.clear_clipboard_action.setCheckable(True)

    def _build_frame(self) -> None:
        self.config_list = ConfigList([self.new_action, self.import_action],
                                      [self.duplicate_action, self.rename_action, self.delete_action])
        self.config_list.selection_requested.connect(self.select_configuration)
        self.endpoint_bar = EndpointBar(self.mint_action, self.cancel_action)
        self.endpoint_bar.endpoint_changed.connect(self._endpoint_changed)
        # Until finish_start() fills them, the empty pages stand in for the form and the preview.
        self._editor_page = QWidget()
        self._editor_layout = QVBoxLayout(self._editor_page)
        self._editor_layout.setContentsMargins(6, 6, 6, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("center_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._editor_page, "Configuration")
        self.tabs.addTab(QWidget(), "Request preview")
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(0)
        center_layout.addWidget(self.endpoint_bar)
        center_layout.addWidget(self.tabs, 1)
        # The result sits below the form, not beside it: the form needs the width.
        self.result_splitter = QSplitter()
        set_enum(self.result_splitter, "orientation", "Vertical")
        self.result_splitter.setObjectName("result_splitter")
        self.result_splitter.addWidget(center)
        self.result_splitter.addWidget(QWidget())  # the result panel's place, until finish_start()
        self.result_splitter.setCollapsible(0, False)
        self.result_splitter.setStretchFactor(0, 1)
        self.splitter = QSplitter()  # side by side, the default orientation
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
            ("&Edit", [self.copy_action, None, self.clear_clipboard_action]),
            ("&Mint", [self.mint_action, self.cancel_action]),
            ("&Tools", [self.keys_action, None, self.convert_action, self.convert_replace_action]),
            ("&Help", [self.about_action]),
        ):
            menu = self.menuBar().addMenu(title)
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        tools = self.addToolBar("Main")
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        set_enum(tools, "toolButtonStyle", "ToolButtonTextOnly")
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
            side, result = min(_SIDE_WIDTH, width // 5), min(_RESULT_HEIGHT, height // 3)
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

    def finish_start(self) -> None:
        """Build the editors and open a configuration; runs once, normally just
        after the first paint, or earlier if something needs the editors."""
        if self._ready:
            return
        self._ready = True
        from realtime_gui.core.catalog.declaration import ENDPOINTS
        from realtime_gui.ui.form.connection import ConnectionSection
        from realtime_gui.ui.form.key_lookup import KeyLookup
        from realtime_gui.ui.form.form import FormView
        from realtime_gui.ui.window.library import Library
        from realtime_gui.ui.window.preview import RequestPreview
        from realtime_gui.ui.window.result_panel import ResultPanel
        from realtime_gui.ui.style.style import install as install_looks

        install_looks()  # the first frame's widgets got theirs when made
        self._set_icon()
        s = self.services
        self.result_panel = ResultPanel(self.copy_action, s.clock, self.clear_clipboard_action.isChecked)
        stand_in = self.result_splitter.replaceWidget(1, self.result_panel)
        if stand_in is not None:
            stand_in.deleteLater()
        self._start_minting()
        self.key_lookup = KeyLookup(s.keys, s.env)
        self.library = Library(self, self.config_list, s.store, s.keys)
        self.endpoint_bar.offer(ENDPOINTS.values())

        self.connection = ConnectionSection()
        self.connection.set_expanded(self.memory.flag(_CONNECTION_OPEN, False))
        self.connection.changed.connect(self._edited)
        self.connection.keys_requested.connect(self.open_keys)
        self.form = FormView()
        self.form.changed.connect(self._edited)
        self._editor_layout.addWidget(self.connection)
        self._editor_layout.addWidget(self.form, 1)
        for editor in (self.connection, self.form):
            editor.show()  # a child added to a visible window is shown only when asked
        self.preview = RequestPreview(self._preview)
        stand_in = self.tabs.widget(1)
        self.tabs.removeTab(1)
        self.tabs.insertTab(1, self.preview, "Request preview")
        if stand_in is not None:
            stand_in.deleteLater()

        if self._sizes_saved:  # again: the editors' minimum sizes moved the handles
            self.memory.restore_splitters(self._splitters())
        self._open_initial()

    @staticmethod
    def _set_icon() -> None:
        """The application's icon, for this window and its dialogs (the SVG packaged with it)."""
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        if _ICON.is_file() and QApplication.windowIcon().isNull():
            QApplication.setWindowIcon(QIcon(str(_ICON)))

    # -- the rest -----------------------------------------------------------------------

    def show_status(self, text: str) -> None:
        self._status.setText(text)

    def open_keys(self) -> KeysDialog:
        from PySide6.QtCore import Qt

        from realtime_gui.ui.dialogs.keys_dialog import KeysDialog

        dialog = KeysDialog(self.services.keys, self.ask, env=self.services.env, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.keys_changed.connect(self._keys_changed)
        dialog.open()
        return dialog

    def about(self) -> QMessageBox:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.NoIcon, "About realtime-gui",
                          f"<b>realtime-gui {__version__}</b><p>Mint OpenAI Realtime API client secrets "
                          "from a window or the command line.</p>", parent=self)
        box.setObjectName("about_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._ready:
            if not self.settle_changes(revert=False):
                event.ignore()
                return
            self.job.cancel()
            self.memory.set_flag(_CONNECTION_OPEN, self.connection.is_expanded())
        self.memory.save(self, self._splitters(), self._name or self.config_list.current_name() or "")
        event.accept()
