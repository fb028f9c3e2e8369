"""The window's working parts, built just after the first paint: the editors,
the preview and the result in the frame's places, and the controllers that
work on them, wired to the frame's actions.

The controllers are plain objects with their collaborators given:
:class:`~.editing.OpenConfiguration` (the configuration open),
:class:`~.library.Library` (what one does with saved ones),
:class:`~.minting.Minting` and :class:`~.key_source.KeySource`. The frame
(``ui/shell/frame.py``) makes the one :class:`Workbench`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QTabWidget, QWidget

from realtime_gui import __version__
from realtime_gui.core.catalog.declaration import ENDPOINTS
from realtime_gui.core.catalog.nodes import Endpoint
from realtime_gui.core.library.configurations import conversion_target
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.dialogs.keys_dialog import KeysDialog
from realtime_gui.ui.dialogs.standard import Dialogs
from realtime_gui.ui.form.connection import ConnectionSection
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.style.role_style import RoleStyle
from realtime_gui.ui.window.actions import WindowActions
from realtime_gui.ui.window.code_export import CodeExport
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.editing import OpenConfiguration
from realtime_gui.ui.window.endpoint_bar import EndpointBar
from realtime_gui.ui.window.key_source import KeySource
from realtime_gui.ui.window.library import Library
from realtime_gui.ui.window.memory import CLEAR_CLIPBOARD, CONNECTION_OPEN, WindowMemory
from realtime_gui.ui.window.minting import Minting
from realtime_gui.ui.window.preview import RequestPreview
from realtime_gui.ui.window.result_panel import ResultPanel
from realtime_gui.ui.window.services import Services
from realtime_gui.ui.window.worker import TaskRunner

__all__ = ["Frame", "Workbench", "endpoint_selector"]

_ICON = Path(__file__).resolve().parents[2] / "resources" / "realtime-gui.svg"


class Frame(Protocol):
    """What the workbench needs of the first frame it completes."""

    window_actions: WindowActions
    config_list: ConfigList
    endpoint_bar: EndpointBar
    tabs: QTabWidget
    memory: WindowMemory

    def place(self, *, connection: QWidget, form: QWidget, preview: QWidget, result: QWidget) -> None: ...
    def show_status(self, text: str) -> None: ...
    def show_busy(self, busy: bool) -> None: ...
    def show_title(self, name: str, modified: bool) -> None: ...


class Workbench:
    """Builds the editors, the preview and the result into ``frame`` and wires
    the controllers; ``window`` parents the dialogs."""

    def __init__(self, frame: Frame, window: QWidget, services: Services, dialogs: Dialogs) -> None:
        RoleStyle.install()  # the first frame's widgets got their looks when made
        _set_icon()
        self._frame, self._window, self._services, self._dialogs = frame, window, services, dialogs
        actions, s = frame.window_actions, services
        self.result_panel = ResultPanel(actions.copy, s.clock, actions.clear_clipboard.isChecked)
        self.connection = ConnectionSection()
        self.connection.set_expanded(frame.memory.flag(CONNECTION_OPEN, False))
        self.form = FormView()
        self.key_source = KeySource(s.keys, s.env, self.connection, TaskRunner(s.pool, window),
                                    found=lambda: self.preview.schedule())
        self.preview = RequestPreview(lambda: self.key_source.preview(self.editing.current_configuration()))
        frame.endpoint_bar.offer(ENDPOINTS.values(), endpoint_selector(ENDPOINTS.values()))
        frame.place(connection=self.connection, form=self.form, preview=self.preview, result=self.result_panel)

        self.editing = OpenConfiguration(
            store=s.store, keys=s.keys, bar=frame.endpoint_bar, form=self.form, connection=self.connection,
            names=frame.config_list, ask=dialogs.ask, tell=dialogs.tell, show_status=frame.show_status,
            show_title=frame.show_title, on_shown=self._shown)
        self.library = Library(current=self.editing, names=frame.config_list, store=s.store, keys=s.keys,
                               dialogs=dialogs, show_status=frame.show_status)
        self.minting = Minting(
            services=s, current=self.editing.current_configuration, form=self.form, connection=self.connection,
            result=self.result_panel, mint_action=actions.mint, cancel_action=actions.cancel,
            show_editors=lambda: frame.tabs.setCurrentIndex(0), show_status=frame.show_status,
            show_busy=frame.show_busy, convert_to_ga=self.library.convert_to_ga, open_keys=self.open_keys,
            parent=window)

        self.code_export = CodeExport(self.editing.current_configuration, frame.show_status, window)
        actions.copy_as.addActions(self.code_export.actions)
        self.preview.offer_copy_as(actions.copy_as)
        frame.endpoint_bar.endpoint_changed.connect(self.editing.endpoint_changed)
        self.connection.changed.connect(self.editing.edited)
        self.connection.keys_requested.connect(self.open_keys)
        self.form.changed.connect(self.editing.edited)
        self._handle_actions(actions)

    def _handle_actions(self, actions: WindowActions) -> None:
        library, handle = self.library, actions.handle
        handle("new", library.new)
        handle("duplicate", library.duplicate)
        handle("rename", library.rename)
        handle("delete", library.delete)
        handle("find", self._frame.config_list.focus_filter)
        handle("import", lambda: library.import_dialog(self._window))
        handle("export_body", library.export_body)
        handle("export_config", library.export_configuration)
        handle("save", self.editing.save)
        handle("copy", lambda: self.result_panel.copy("secret"))
        handle("mint", self.minting.mint)
        handle("cancel", self.minting.cancel)
        handle("keys", self.open_keys)
        handle("convert", library.convert_to_ga)
        handle("convert_replace", lambda: library.convert_to_ga(replace=True))
        handle("about", self.about)
        handle("clear_clipboard", lambda: self._frame.memory.set_flag(
            CLEAR_CLIPBOARD, actions.clear_clipboard.isChecked()))

    def _shown(self, config: Configuration, opened: bool) -> None:
        """The editors show ``config``: the actions, the preview and the key's source follow."""
        convertible = conversion_target(config) is not None
        for action in (self._frame.window_actions.convert, self._frame.window_actions.convert_replace):
            action.setEnabled(convertible)
        self.preview.schedule()
        self.key_source.show(config)
        if opened:
            self.result_panel.clear()  # an error was about what was open before; a secret stays valid

    def open_keys(self) -> KeysDialog:
        dialog = KeysDialog(self._services.keys, self._dialogs.ask, env=self._services.env, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.keys_changed.connect(self._keys_changed)
        dialog.open()
        return dialog

    def about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.NoIcon, "About realtime-gui",
                          f"<b>realtime-gui {__version__}</b><p>Mint OpenAI Realtime API client secrets "
                          "from a window or the command line.</p>", parent=self._window)
        box.setObjectName("about_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def close(self) -> bool:
        """The window is closing: False if the user chose to keep it open."""
        if not self.editing.settle_changes(revert=False):
            return False
        self.minting.job.cancel()
        self._frame.memory.set_flag(CONNECTION_OPEN, self.connection.is_expanded())
        return True

    def _keys_changed(self) -> None:
        self.key_source.forget()
        self.key_source.show(self.editing.current_configuration())
        self.preview.schedule()


def _set_icon() -> None:
    """The application's icon, for the window and its dialogs (the SVG packaged with it)."""
    if _ICON.is_file() and QApplication.windowIcon().isNull():
        QApplication.setWindowIcon(QIcon(str(_ICON)))


def endpoint_selector(endpoints: Iterable[Endpoint]) -> QComboBox:
    """The endpoints by label, each with its help and schema as a tooltip, its id as data."""
    selector = QComboBox()
    for ep in endpoints:
        selector.addItem(ep.label, ep.id)
        selector.setItemData(selector.count() - 1, f"{ep.help}\n{ep.schema_key}", Qt.ItemDataRole.ToolTipRole)
    return selector
