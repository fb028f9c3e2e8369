"""The History tab: the recorded mints, sortable and filterable, the chosen one's
request and answer below, and the two things one does with it again.

The history is read on the pool, never on the window's thread: 10,000 mints
take about half a second to read and decode (more on a busy machine). It is
read only while the tab is on screen, so the window starts without touching
SQLite; a mint finished meanwhile marks the list stale, and showing the tab reads it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.catalog.declaration import ENDPOINTS
from realtime_gui.core.library.history import MintHistory, MintRecord
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.importing import Imported
from realtime_gui.ui.style.style import monospace, muted
from realtime_gui.ui.window.worker import Pool, TaskRunner

__all__ = ["COLUMNS", "HistoryPanel", "describe", "mint_recorded", "open_recorded"]

COLUMNS = ("Time", "Configuration", "Endpoint", "Outcome", "Elapsed", "Host")
_SORT_ROLE = Qt.ItemDataRole.UserRole
_ALL = "All configurations"
_OUTCOMES = {"Any outcome": None, "Minted": True, "Failed": False}
Index = QModelIndex | QPersistentModelIndex
_W = TypeVar("_W", bound=QWidget)


class _Records(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[MintRecord] = []

    def replace(self, records: list[MintRecord]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.records[index.row()]
        column = index.column()
        if role == _SORT_ROLE:
            return (r.time, r.config.casefold(), r.endpoint, r.outcome, r.elapsed_ms, r.host)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and r.message:
            return r.message
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(r.time)), r.config,
                _endpoint_label(r.endpoint), _outcome(r), f"{r.elapsed_ms:.0f} ms", r.host)[column]


class _Filter(QSortFilterProxyModel):
    """Rows of one configuration, one kind of outcome, holding a text (without case)."""

    def __init__(self, source: _Records) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(_SORT_ROLE)
        self._source = source
        self.config: str | None = None
        self.succeeded: bool | None = None
        self.text = ""

    def set(self, config: str | None, succeeded: bool | None, text: str) -> None:
        # Qt 6.10 replaced invalidateFilter() with this pair; older Qt has only the former.
        begin, end = getattr(self, "beginFilterChange", None), getattr(self, "endFilterChange", None)
        if begin is not None and end is not None:
            begin()
        self.config, self.succeeded, self.text = config, succeeded, text.strip().casefold()
        (end if begin is not None and end is not None else self.invalidateFilter)()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        r = self._source.records[row]
        if self.config is not None and r.config != self.config:
            return False
        if self.succeeded is not None and r.ok != self.succeeded:
            return False
        if not self.text:
            return True
        haystack = " ".join([r.config, r.endpoint, r.host, _outcome(r), r.message, r.request_id or "",
                             r.session_id or "", json.dumps(r.body, ensure_ascii=False)])
        return self.text in haystack.casefold()


class HistoryPanel(QWidget):
    """The recorded mints. ``open_requested`` and ``mint_requested`` carry the chosen :class:`MintRecord`."""

    open_requested = Signal(object)
    mint_requested = Signal(object)

    def __init__(self, history: Callable[[], MintHistory], pool: Pool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_panel")
        self._history = history
        self._runner = TaskRunner(pool, self)
        self._runner.finished.connect(self._loaded)
        self._task: int | None = None
        self._stale = True
        self._model = _Records()
        self._filter = _Filter(self._model)

        self._configs = _named(QComboBox(), "history_config")
        self._outcomes = _named(QComboBox(), "history_outcome")
        self._outcomes.addItems(list(_OUTCOMES))
        self._configs.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._text = _named(QLineEdit(), "history_text")
        self._text.setPlaceholderText("Filter by any text: host, request id, body…")
        self._text.setClearButtonEnabled(True)
        for widget, name in ((self._configs, "Configuration of the mints shown"),
                             (self._outcomes, "Outcome of the mints shown"), (self._text, "Filter the mints by text")):
            widget.setAccessibleName(name)
        for changed in (self._configs.currentIndexChanged, self._outcomes.currentIndexChanged, self._text.textChanged):
            changed.connect(self._filter_changed)
        filters = QHBoxLayout()
        filters.addWidget(self._configs)
        filters.addWidget(self._outcomes)
        filters.addWidget(self._text, 1)

        self.table = _named(QTableView(), "history_table")
        self.table.setModel(self._filter)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (0, 3, 4):  # time, outcome, elapsed: short, and read whole
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 120)
        header.resizeSection(2, 150)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_chosen())
        self.table.doubleClicked.connect(lambda *_: self._emit(self.open_requested))

        self.details = _named(QPlainTextEdit(), "history_details")
        self.details.setReadOnly(True)
        self.details.setAccessibleName("The chosen mint's request and answer")
        self.table.setAccessibleName("Recorded mints")
        self.details.setFont(monospace())
        self.details.setPlaceholderText("Choose a mint to see what was sent and how it ended.")
        self.open_button = _named(QPushButton("Open as configuration"), "history_open")
        self.open_button.setToolTip("Save what this mint sent as a new configuration and open it")
        self.mint_button = _named(QPushButton("Mint again"), "history_mint")
        self.mint_button.setToolTip("Send this request again, as it was sent then")
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.mint_button.clicked.connect(lambda: self._emit(self.mint_requested))
        self.note = muted()
        self.note.setObjectName("history_note")
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.mint_button)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._show_chosen()

    def refresh(self) -> None:
        """Read the history again now if the tab is on screen, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            self._load()

    def chosen(self) -> MintRecord | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self._model.records[self._filter.mapToSource(index).row()]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def _load(self) -> None:
        self._stale = False
        history = self._history()

        def read() -> tuple[list[MintRecord], list[str]]:
            return history.records(), list(history.notes)

        self._task = self._runner.start(read)

    def _loaded(self, task_id: int, result: Any, error: BaseException | None) -> None:
        if task_id != self._task:
            return  # an older read, overtaken
        records, notes = result if error is None else ([], [f"The history could not be read: {error}"])
        chosen = self.chosen()
        self._model.replace(records)
        self._offer_configs(records)
        self.note.setText(" ".join(notes) or f"{len(records)} mint{'' if len(records) == 1 else 's'} recorded.")
        if chosen is not None:
            self._choose(chosen.id)

    def _offer_configs(self, records: list[MintRecord]) -> None:
        current = self._configs.currentText()
        self._configs.blockSignals(True)
        self._configs.clear()
        self._configs.addItems([_ALL, *sorted({r.config for r in records}, key=str.casefold)])
        self._configs.setCurrentIndex(max(self._configs.findText(current), 0))
        self._configs.blockSignals(False)
        self._filter_changed()

    def _choose(self, record_id: int | None) -> None:
        for row in range(self._filter.rowCount()):
            index = self._filter.index(row, 0)
            if self._model.records[self._filter.mapToSource(index).row()].id == record_id:
                self.table.setCurrentIndex(index)
                return

    def _filter_changed(self) -> None:
        config = self._configs.currentText()
        self._filter.set(None if config in ("", _ALL) else config, _OUTCOMES[self._outcomes.currentText()],
                         self._text.text())
        self._show_chosen()

    def _show_chosen(self) -> None:
        record = self.chosen()
        self.details.setPlainText(describe(record) if record is not None else "")
        self.open_button.setEnabled(record is not None)
        self.mint_button.setEnabled(record is not None)

    def _emit(self, signal: Any) -> None:
        record = self.chosen()
        if record is not None:
            signal.emit(record)


def describe(record: MintRecord) -> str:
    """A mint in words: where it went, how it ended, and the body it sent."""
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.time))
    lines = [f"{when} · {record.config} · {_endpoint_label(record.endpoint)}",
             f"POST to {record.host} ({record.service}, key “{record.key_name}”)",
             f"Outcome: {_outcome(record)} in {record.elapsed_ms:.0f} ms"]
    if record.message:
        lines.append(record.message)
    facts = [("request id", record.request_id), ("session", record.session_id)]
    if record.expires_at is not None:
        facts.append(("expires", time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.expires_at))))
    shown = [f"{name} {value}" for name, value in facts if value]
    if shown:
        lines.append(" · ".join(shown))
    lines += ["", "Request body (secrets as keyring references):",
              json.dumps(record.body, indent=2, ensure_ascii=False)]
    return "\n".join(lines)


def open_recorded(record: MintRecord, import_as: Callable[[Imported, str], object],
                  tell: Callable[[str, str], None]) -> None:
    """Save what ``record`` sent as a new configuration and open it (``import_as`` is the library's import)."""
    from realtime_gui.core.library.mint_record import recorded_configuration

    try:
        imported = recorded_configuration(record, f"{record.config} (from history)")
    except ValueError as error:
        tell("Could not open the mint as a configuration", str(error))
        return
    import_as(imported, imported.configuration.name)


def mint_recorded(record: MintRecord, mint: Callable[[Configuration], object],
                  tell: Callable[[str, str], None]) -> None:
    """Mint what ``record`` sent again, as its configuration was then."""
    from realtime_gui.core.library.mint_record import recorded_configuration

    try:
        mint(recorded_configuration(record, record.config).configuration)
    except ValueError as error:
        tell("Could not mint again", str(error))


def _named(widget: _W, name: str) -> _W:
    widget.setObjectName(name)
    return widget


def _outcome(record: MintRecord) -> str:
    word = "Minted" if record.ok else record.outcome
    return f"{word} {record.status}" if record.status is not None else word


def _endpoint_label(endpoint_id: str) -> str:
    ep = ENDPOINTS.get(endpoint_id)
    return ep.label if ep is not None else endpoint_id
