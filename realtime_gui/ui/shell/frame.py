"""The main window's first frame, and the one place that cares about start-up time.

Everything the first frame imports is start-up time, and the largest share
of it is not Qt building widgets but PySide6 building Python enum classes:
it builds all the enums of a class the first time anything touches one of
them. The ``Qt`` namespace alone holds 93 (about 15 ms, more than the rest
of the frame); a single ``Qt.AlignmentFlag``, or a call that returns any
``Qt`` enum, pays for all of them. ``QProxyStyle`` costs 14 more, and so on.

So :class:`MainWindow` builds only the frame: menus, toolbar, the list of
names, the endpoint bar, and empty places for the form, the preview and the
result, from modules that import neither ``Qt``, nor widget classes the
frame doesn't show, nor the core (``window.actions``, ``config_list``,
``endpoint_bar``, ``memory``, ``services``; ``style``). Just after the first
paint, :meth:`MainWindow.finish_start` imports the rest, the only imports
deferred in the window, and builds the :class:`~realtime_gui.ui.window.workbench.Workbench`;
the modules behind it import at their top as any module does (but for the
network stack, which the first mint loads on its worker thread: ``minting``).
``test_nothing_heavy_is_loaded_before_the_first_paint`` holds the rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QSplitter, QTabWidget, QVBoxLayout, QWidget

from realtime_gui.ui.shell import start_up
from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.window.actions import WindowActions
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.endpoint_bar import EndpointBar
from realtime_gui.ui.window.memory import CLEAR_CLIPBOARD, WindowMemory

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent

    from realtime_gui.ui.dialogs.standard import Dialogs
    from realtime_gui.ui.window.services import Services
    from realtime_gui.ui.window.workbench import Workbench

__all__ = ["MainWindow"]

_SIDE_WIDTH = 220  # the list of names, at most, before the user moves the handle
_STATUS_MS = 10_000  # how long a message stays in the status bar, unless another replaces it


class MainWindow(QMainWindow):
    """The window: its frame now, its :attr:`bench` once :meth:`finish_start` ran."""

    bench: Workbench  # built by finish_start(), after the first paint

    def __init__(self, services: Services, dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.services = services
        self._dialogs = dialogs
        self._ready = False
        self._start_scheduled = False
        self._shown = False

        self.setWindowTitle("realtime-gui")
        self.memory = WindowMemory(services.settings)
        self.window_actions = WindowActions(self, self.finish_everything)
        self.window_actions.handle("quit", self.close)
        self._build_frame()
        self.window_actions.build_menus()
        self.memory.restore(self, (1280, 820))
        self._sizes_saved = self.memory.restore_splitters(self._splitters())
        self.window_actions.clear_clipboard.setChecked(self.memory.flag(CLEAR_CLIPBOARD, True))
        # Names only: no file is opened before the first paint. The one selected
        # is the one finish_start() will open.
        names = services.store.list()
        last = self.memory.last_configuration().casefold()
        first = names[0] if names else None
        self.config_list.set_names(names, select=next((n for n in names if n.casefold() == last), first))

    def _build_frame(self) -> None:
        actions = self.window_actions
        self.config_list = ConfigList([actions.new, actions.import_file],
                                      [actions.duplicate, actions.rename, actions.delete])
        self.config_list.selection_requested.connect(self._selection_requested)
        self.endpoint_bar = EndpointBar(actions.mint, actions.cancel, actions.check)
        # Until finish_start() fills them, the empty pages stand in for the form and the preview.
        self._editor_page = QWidget()
        self._editor_layout = QVBoxLayout(self._editor_page)
        self._editor_layout.setContentsMargins(6, 2, 6, 0)  # the tab's own frame is margin enough above
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
        self.result_splitter.setCollapsible(1, False)  # so that an outcome shown makes it grow
        self.result_splitter.setStretchFactor(0, 1)
        self.splitter = QSplitter()  # side by side, the default orientation
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.config_list)
        self.splitter.addWidget(self.result_splitter)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._status = QLabel()
        # A message says what just happened; left there, it would soon say something untrue.
        self.status_expiry = QTimer(self, singleShot=True, interval=_STATUS_MS)
        self.status_expiry.timeout.connect(self._status.clear)
        self._title_name: str | None = None
        self._progress = QProgressBar()
        self._progress.setMaximumSize(120, 14)
        self._progress.setRange(0, 0)  # indeterminate: a mint has no known length
        self._progress.hide()
        self.statusBar().addWidget(self._status, 1)
        self.statusBar().addPermanentWidget(self._progress)

    def _splitters(self) -> list[QSplitter]:
        return [self.splitter, self.result_splitter]

    # -- what the workbench asks of the frame ------------------------------------------------

    def place_editors(self, *, connection: QWidget, form: QWidget) -> None:
        """Put the connection section and the form in the editors' page."""
        self._editor_layout.addWidget(connection)
        self._editor_layout.addWidget(form, 1)
        for editor in (connection, form):
            editor.show()  # a child added to a visible window is shown only when asked

    def place_notice(self, notice: QWidget) -> None:
        """Put ``notice`` at the top of the side bar, where it takes no room from
        the form (it shows and hides itself)."""
        layout = self.config_list.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, notice)

    def place_rest(self, *, preview: QWidget, result: QWidget) -> None:
        """Put the preview and the result where their stand-ins are."""
        stand_in = self.result_splitter.replaceWidget(1, result)
        if stand_in is not None:
            stand_in.deleteLater()
        stand_in = self.tabs.widget(1)
        self.tabs.removeTab(1)
        self.tabs.insertTab(1, preview, "Request preview")
        if stand_in is not None:
            stand_in.deleteLater()
        if self._sizes_saved:  # again, once laid out: the result's minimum size moved the handles
            from PySide6.QtCore import QCoreApplication, QEvent

            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.memory.restore_splitters(self._splitters())

    def show_status(self, text: str) -> None:
        """Say ``text`` until another message, for a while, or until another configuration opens."""
        self._status.setText(text)
        self.status_expiry.start()

    def show_busy(self, busy: bool) -> None:
        self._progress.setVisible(busy)

    def show_title(self, name: str, modified: bool) -> None:
        # Another configuration, or the first edit since a save: what the status
        # said (minted, not minted, saved) was about something else.
        if self._title_name not in (None, name) or (modified and not self.isWindowModified()):
            self._status.clear()
        self._title_name = name
        self.endpoint_bar.show_name(name, modified)
        self.setWindowTitle(f"{name}[*] — realtime-gui")
        self.setWindowModified(modified)

    # -- start-up -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown and not self._sizes_saved:  # only now is the splitters' room known
            width, height = self.splitter.width(), self.result_splitter.height()
            side = min(_SIDE_WIDTH, width // 5)
            self.splitter.setSizes([side, width - side])
            # Nothing to show yet: the form takes all the height, and the result
            # grows to what a secret or an error needs when there is one.
            self.result_splitter.setSizes([height, 0])
        self._shown = True

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._start_scheduled:
            self._start_scheduled = True
            QTimer.singleShot(0, self.finish_start)

    def is_ready(self) -> bool:
        """Whether the whole window is built: the editors, and everything behind the actions."""
        return self._ready and self.bench.is_complete()

    def finish_everything(self) -> None:
        """Build what is not built yet; what an action runs before its handler."""
        self.finish_start()
        self.bench.complete()

    def finish_start(self) -> None:
        """Build the editors and open a configuration in them; runs once, normally
        just after the first paint, or earlier if something needs the editors.
        The workbench completes itself once they are painted."""
        if self._ready:
            return
        self._ready = True
        # The deferred imports: everything the first frame did without.
        from realtime_gui.ui.dialogs.standard import Dialogs
        from realtime_gui.ui.window.workbench import Workbench

        self.bench = Workbench(self, self, self.services, self._dialogs or Dialogs(self))
        if self._sizes_saved:  # again: the editors' minimum sizes moved the handles
            self.memory.restore_splitters(self._splitters())
        self.bench.editing.open_initial()
        self.bench.complete_after_paint(then=start_up.end)

    def work_in_flight(self) -> bool:
        """Whether a mint, even a cancelled one, still holds a worker thread."""
        return self.is_ready() and (self.bench.minting.work_in_flight() or self.bench.checking.work_in_flight())

    def _selection_requested(self, name: str) -> None:
        self.finish_start()
        self.bench.editing.select_configuration(name)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._ready and not self.bench.close():
            event.ignore()
            return
        if self.is_ready():
            self.bench.result_panel.take_back_clipboard()
        current = self.bench.editing.current_name() if self._ready else ""
        self.memory.save(self, self._splitters(), current or self.config_list.current_name() or "")
        event.accept()
