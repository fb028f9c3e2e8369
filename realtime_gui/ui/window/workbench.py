"""The window's working parts, built just after the first paint, in two steps.

First the editors: the connection section and the form, the open
configuration in them, and :class:`~.editing.OpenConfiguration` behind them.
That is what a person waits for, so nothing else is imported or built until
it has been painted. Then :meth:`Workbench.complete` adds the rest: the
preview and the result in the frame's places, and the controllers that work
on them (:class:`~.library.Library`, :class:`~.minting.Minting`,
:class:`~.key_source.KeySource`), wired to the frame's actions, with the
actions' icons and the first-run guide. Their modules are imported there,
the only imports deferred outside the shell; an action used before then
completes the workbench first.

The controllers are plain objects with their collaborators given. The frame
(``ui/shell/frame.py``) makes the one :class:`Workbench`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QComboBox, QMainWindow, QTabWidget, QWidget

from realtime_gui.core.catalog.declaration import ENDPOINTS
from realtime_gui.core.catalog.nodes import Endpoint
from realtime_gui.core.library.configurations import conversion_target
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.dialogs.standard import Dialogs
from realtime_gui.ui.form.connection import ConnectionSection
from realtime_gui.ui.form.editors import TOOLTIP_ROLE
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.window.actions import WindowActions
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.editing import OpenConfiguration
from realtime_gui.ui.window.endpoint_bar import EndpointBar
from realtime_gui.ui.window.keyring_wait import KeyringWait
from realtime_gui.ui.window.memory import CONNECTION_OPEN, WindowMemory
from realtime_gui.ui.window.services import Services

if TYPE_CHECKING:
    from realtime_gui.ui.dialogs.about import AboutBox
    from realtime_gui.ui.dialogs.keys_dialog import KeysDialog
    from realtime_gui.ui.window.checking import Checking
    from realtime_gui.ui.window.code_export import CodeExport
    from realtime_gui.ui.window.config_details import ConfigDetails
    from realtime_gui.ui.window.finding import Finding
    from realtime_gui.ui.window.first_run import FirstRunPanel
    from realtime_gui.ui.window.history_panel import HistoryPanel
    from realtime_gui.ui.window.key_source import KeySource
    from realtime_gui.ui.window.library import Library
    from realtime_gui.ui.window.minting import Minting
    from realtime_gui.ui.window.preferences_link import PreferencesLink
    from realtime_gui.ui.window.preview import RequestPreview
    from realtime_gui.ui.window.result_panel import ResultPanel
    from realtime_gui.ui.window.serving import Serving

__all__ = ["Frame", "Workbench", "endpoint_selector"]

_LATEST_MS = 300  # complete() at the latest, should the editors not be painted (a window off screen)


class Frame(Protocol):
    """What the workbench needs of the first frame it completes."""

    window_actions: WindowActions
    config_list: ConfigList
    endpoint_bar: EndpointBar
    tabs: QTabWidget
    memory: WindowMemory

    def place_editors(self, *, connection: QWidget, form: QWidget) -> None: ...
    def place_rest(self, *, preview: QWidget, result: QWidget) -> None: ...
    def place_notice(self, notice: QWidget) -> None: ...
    def show_status(self, text: str) -> None: ...
    def show_busy(self, busy: bool) -> None: ...
    def show_title(self, name: str, modified: bool) -> None: ...


class _AfterPaint(QObject):
    """Calls ``then`` once, from the event loop, after any of ``watched`` was painted,
    or after ``latest`` milliseconds if none is (a window that is not on screen)."""

    def __init__(self, watched: list[QWidget], then: Callable[[], object], latest: int) -> None:
        super().__init__(watched[0] if watched else None)
        self._then, self._watched = then, watched
        for widget in watched:
            widget.installEventFilter(self)
        QTimer.singleShot(latest, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            # After this paint pass: the window's dirty widgets are painted together.
            QTimer.singleShot(0, self._go)
        return False

    def _go(self) -> None:
        for widget in self._watched:
            widget.removeEventFilter(self)
        self._watched = []
        self._then()  # complete() runs once, whichever comes first


class Workbench:
    """Builds the editors into ``frame`` and opens a configuration in them; once
    they are painted, :meth:`complete` builds and wires the rest. ``window``
    parents the dialogs."""

    result_panel: ResultPanel
    key_source: KeySource
    preview: RequestPreview
    library: Library
    minting: Minting
    serving: Serving
    preferences: PreferencesLink
    checking: Checking
    history: HistoryPanel
    code_export: CodeExport
    details: ConfigDetails
    finding: Finding
    first_run: FirstRunPanel

    def __init__(self, frame: Frame, window: QWidget, services: Services, dialogs: Dialogs) -> None:
        self._frame, self._window, self._services, self._dialogs = frame, window, services, dialogs
        self._complete = False
        s = services
        self.connection = ConnectionSection()
        self.connection.set_expanded(frame.memory.flag(CONNECTION_OPEN, False))
        self.form = FormView()
        frame.endpoint_bar.offer(ENDPOINTS.values(), endpoint_selector(ENDPOINTS.values()))
        frame.place_editors(connection=self.connection, form=self.form)

        self.editing = OpenConfiguration(
            store=s.store, keys=s.keys, bar=frame.endpoint_bar, form=self.form, connection=self.connection,
            names=frame.config_list, ask=dialogs.ask, tell=dialogs.tell, show_status=frame.show_status,
            show_title=frame.show_title, on_shown=self._shown,
            keyring=KeyringWait(s.pool, window, frame.show_status))
        frame.endpoint_bar.endpoint_changed.connect(self.editing.endpoint_changed)
        self.connection.changed.connect(self.editing.edited)
        self.form.changed.connect(self.editing.edited)

    def complete_after_paint(self, then: Callable[[], object] = lambda: None) -> None:
        """Complete the workbench as soon as the editors now shown have been painted, then call ``then``."""
        area = self.form.shown_area()

        def complete_then() -> None:
            try:
                self.complete()
            finally:
                then()  # even if completing failed: the collector must not stay held

        _AfterPaint([area] if area is not None else [], complete_then, _LATEST_MS)

    def is_complete(self) -> bool:
        return self._complete

    def complete(self) -> None:
        """Build the preview, the result and the controllers behind the actions; runs
        once, after the editors were first painted, or earlier if an action needs them."""
        if self._complete:
            return
        self._complete = True
        # Widgets made so far got their looks from set_role; from now on the style gives
        # them to any widget with a role property (a proxy style costs start-up time).
        from realtime_gui.ui.style.role_style import RoleStyle

        RoleStyle.install()
        from realtime_gui.core.library.history import app_history
        from realtime_gui.ui.window.action_icons import show_icons
        from realtime_gui.ui.window.checking import Checking
        from realtime_gui.ui.window.code_export import CodeExport
        from realtime_gui.ui.window.config_details import ConfigDetails
        from realtime_gui.ui.window.finding import Finding
        from realtime_gui.ui.window.first_run import FirstRunPanel
        from realtime_gui.ui.window.history_panel import HistoryPanel, mint_recorded, open_recorded
        from realtime_gui.ui.window.key_source import KeySource
        from realtime_gui.ui.window.library import Library
        from realtime_gui.ui.window.minting import Minting
        from realtime_gui.ui.window.preferences_link import PreferencesLink
        from realtime_gui.ui.window.preview import RequestPreview
        from realtime_gui.ui.window.result_panel import ResultPanel
        from realtime_gui.ui.window.serving import Serving
        from realtime_gui.ui.window.worker import TaskRunner

        frame, window, s, dialogs = self._frame, self._window, self._services, self._dialogs
        actions = frame.window_actions
        actions.install_shortcuts()
        show_icons(actions, window)
        self.preferences = PreferencesLink(s, actions, window, frame.show_status)
        self.result_panel = ResultPanel(actions.copy, s.clock, actions.clear_clipboard.isChecked,
                                        clear_after=self.preferences.clear_after)
        self.first_run = FirstRunPanel(actions.keys.trigger, actions.new.trigger)
        frame.place_notice(self.first_run)
        self.key_source = KeySource(s.keys, s.env, self.connection, TaskRunner(s.pool, window),
                                    found=lambda: self.preview.schedule(), told=self.first_run.follow)
        self.preview = RequestPreview(lambda: self.key_source.preview(self.editing.current_configuration()))
        frame.place_rest(preview=self.preview, result=self.result_panel)
        if isinstance(window, QMainWindow):  # the empty result's hint, where it is seen
            window.statusBar().addWidget(self.result_panel.empty_hint)
        self.library = Library(current=self.editing, names=frame.config_list, store=s.store, keys=s.keys,
                               dialogs=dialogs, show_status=frame.show_status, keyring=self.editing.keyring)
        self.minting = Minting(
            services=s, current=self.editing.current_configuration, form=self.form, connection=self.connection,
            result=self.result_panel, mint_action=actions.mint, cancel_action=actions.cancel,
            show_editors=lambda: frame.tabs.setCurrentIndex(0), show_status=frame.show_status,
            convert_to_ga=self.library.convert_to_ga, open_keys=self.open_keys,
            ask=dialogs.ask, parent=window)
        self.serving = Serving(services=s, editing=self.editing, actions=actions, show_status=frame.show_status,
                               window=window)
        self.checking = Checking(
            services=s, current=self.editing.current_configuration, result=self.result_panel, actions=actions,
            show_status=frame.show_status, show_busy=frame.show_busy, busy_elsewhere=self.minting.job.busy,
            parent=window)
        self.history = HistoryPanel(app_history, s.pool)
        frame.tabs.addTab(self.history, "History")
        self.history.open_requested.connect(lambda r: open_recorded(r, self.library.import_text, dialogs.tell))
        self.history.mint_requested.connect(lambda r: mint_recorded(r, self.minting.mint, dialogs.tell))
        self.minting.job.finished.connect(lambda *_: self.history.refresh())
        self.details = ConfigDetails(frame.config_list, s.store.root, app_history, TaskRunner(s.pool, window),
                                     s.clock)
        self.details.refresh()
        self.minting.job.finished.connect(lambda *_: self.details.minted())
        self.finding = Finding(form=self.form, names=frame.config_list, endpoint=frame.endpoint_bar.endpoint,
                               tabs=frame.tabs, window=window)
        self.code_export = CodeExport(self.editing.current_configuration, frame.show_status, window)
        actions.copy_as.addActions(self.code_export.actions)
        self.preview.offer_copy_as(actions.copy_as)
        self.connection.keys_requested.connect(self.open_keys)
        self._handle_actions(actions)
        self.form.rows_built.connect(self._order_focus)
        self._order_focus()
        self._shown(self.editing.current_configuration(), opened=False)

    def _order_focus(self) -> None:
        """Tab in reading order: the side bar, the header, the tabs, then the open form
        section by section, and the result (see ``focus_order``)."""
        from realtime_gui.ui.window.focus_order import order_focus

        frame, form = self._frame, self.form.built_form()
        sections = [part for section in (form.sections.values() if form else ())
                    for part in (section.header, section.body)]
        order_focus(self._window, [self.first_run, frame.config_list, frame.endpoint_bar, frame.tabs.tabBar(),
                                   self.finding.field_filter.line, self.connection, *sections, self.result_panel])

    def _handle_actions(self, actions: WindowActions) -> None:
        library, handle = self.library, actions.handle
        handle("new", library.new)
        handle("duplicate", library.duplicate)
        handle("rename", library.rename)
        handle("delete", library.delete)
        handle("find", self.finding.find_field)
        handle("filter_configs", self._frame.config_list.focus_filter)
        handle("quick_switch", self.finding.quick_switch)
        handle("import", lambda: library.import_dialog(self._window))
        handle("export_body", library.export_body)
        handle("export_config", library.export_configuration)
        handle("save", self.editing.save)
        handle("copy", lambda: self.result_panel.copy("secret"))
        handle("mint", self.minting.mint)
        handle("check", self.checking.check)
        handle("cancel", self._cancel)
        handle("keys", self.open_keys)
        handle("convert", library.convert_to_ga)
        handle("convert_replace", lambda: library.convert_to_ga(replace=True))
        handle("about", self.about)
        handle("clear_clipboard", self.preferences.clear_clipboard_switched)
        handle("preferences", self.preferences.open_dialog)

    def _cancel(self) -> None:
        self.minting.cancel()
        self.checking.cancel()

    def _shown(self, config: Configuration, opened: bool) -> None:
        """The editors show ``config``: the actions, the preview and the key's source follow
        (once they exist: :meth:`complete` calls this again)."""
        if not self._complete:
            return
        convertible = conversion_target(config) is not None
        for action in (self._frame.window_actions.convert, self._frame.window_actions.convert_replace):
            action.setEnabled(convertible)
        self.preview.schedule()
        self.key_source.show(config)
        self.details.show_endpoint(config.name, config.endpoint)
        self.finding.field_filter.follow()
        if opened:
            self.result_panel.clear()  # an error was about what was open before; a secret stays valid

    def open_keys(self) -> KeysDialog:
        from PySide6.QtCore import Qt

        from realtime_gui.ui.dialogs.keys_dialog import KeysDialog

        s = self._services
        dialog = KeysDialog(s.keys, self._dialogs.ask, env=s.env, pool=s.pool, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.keys_changed.connect(self._keys_changed)
        dialog.open()
        return dialog

    def about(self) -> AboutBox:
        from realtime_gui.ui.dialogs.about import open_about

        return open_about(self._window)

    def close(self) -> bool:
        """The window is closing: False if the user chose to keep it open."""
        if not self.editing.settle_changes(revert=False):
            return False
        if self._complete:
            self.minting.job.cancel()
            self.checking.job.cancel()
            self.serving.close()
        self._frame.memory.set_flag(CONNECTION_OPEN, self.connection.is_expanded())
        return True

    def _keys_changed(self) -> None:
        self.key_source.forget()
        self.key_source.show(self.editing.current_configuration())
        self.preview.schedule()


def endpoint_selector(endpoints: Iterable[Endpoint]) -> QComboBox:
    """The endpoints by label, each with its help and schema as a tooltip, its id as data."""
    selector = QComboBox()
    for ep in endpoints:
        selector.addItem(ep.label, ep.id)
        selector.setItemData(selector.count() - 1, f"{ep.help}\n{ep.schema_key}", TOOLTIP_ROLE)
    return selector
