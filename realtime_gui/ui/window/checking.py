"""Checking the open configuration: mint a secret, open the Realtime socket with
it on a worker, and show the session the service applied beside the one asked
for, the differences highlighted; a failure shows in the result panel as a
mint's does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.catalog.connection import TIME_LIMIT
from realtime_gui.core.records import replace
from realtime_gui.core.redact import scrub
from realtime_gui.core.service.errors import MintError, SessionTimeout
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.style.style import ElidedLabel, heading, monospace
from realtime_gui.ui.window.result_panel import ResultPanel
from realtime_gui.ui.window.services import Services
from realtime_gui.ui.window.worker import CancellableJob, TaskRunner

if TYPE_CHECKING:
    from realtime_gui.core.check.checking import CheckResult
    from realtime_gui.ui.window.actions import WindowActions

__all__ = ["CheckDialog", "Checking"]

_COLUMNS = ("Field", "Asked", "Applied", "")
_CELL = 80  # characters of a value shown in a cell; the tooltip holds it whole


class CheckDialog(QDialog):
    """The outcome of a check: where the socket was, then one row per field,
    the rows the service changed highlighted; *Only differences* hides the rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("check_dialog")
        self.setWindowTitle("Check")
        self.resize(900, 440)
        self._title = heading("")
        self._where = ElidedLabel(copyable=True)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setObjectName("check_table")
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.verticalHeader().hide()
        set_enum(self.table, "editTriggers", "NoEditTriggers")
        set_enum(self.table, "selectionBehavior", "SelectRows")
        self.table.setWordWrap(False)
        # The path and the verdict take what they need; the values share the rest, elided, so the
        # verdict stays in sight (the tooltip holds a value whole).
        header = self.table.horizontalHeader()
        for column, mode in enumerate(("ResizeToContents", "Stretch", "Stretch", "ResizeToContents")):
            header.setSectionResizeMode(column, getattr(QHeaderView.ResizeMode, mode))
        self.only_differences = QCheckBox("Only differences")
        self.only_differences.setObjectName("check_only_differences")
        self.only_differences.toggled.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._where)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.only_differences)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

    def show_result(self, result: CheckResult) -> None:
        from realtime_gui.core.check.compare import show_value

        count = len(result.comparison.differences)
        self._title.setText(f"“{result.configuration}”: the service applied what was asked" if count == 0 else
                            f"“{result.configuration}”: {count} field{'s' if count != 1 else ''} "
                            "differ from what was asked")
        self._where.setText(f"{result.event_type} from {result.url} after {result.session_ms:.0f} ms "
                            f"(minted in {result.mint_ms:.0f} ms)")
        rows = result.comparison.rows
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        palette = self.palette()
        for index, row in enumerate(rows):
            cells = (row.path, show_value(row.asked), show_value(row.applied),
                     "" if row.status == "same" else row.status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text if len(text) <= _CELL else text[: _CELL - 1] + "…")
                item.setToolTip(f"{row.label}: {text}" if column == 0 else text)
                if column in (1, 2):
                    item.setFont(monospace())
                if row.status == "differs":  # the system's highlight, so light and dark schemes both show it
                    item.setBackground(QBrush(palette.color(QPalette.ColorRole.Highlight)))
                    item.setForeground(QBrush(palette.color(QPalette.ColorRole.HighlightedText)))
                    if column in (0, 3):
                        item.setFont(bold)
                self.table.setItem(index, column, item)
        self._filter(self.only_differences.isChecked())

    def shown_paths(self) -> list[str]:
        """The wire paths of the rows on show."""
        return [self._text(index, 0) for index in range(self.table.rowCount()) if not self.table.isRowHidden(index)]

    def highlighted_paths(self) -> list[str]:
        """The wire paths of the rows shown as differences."""
        return [self._text(index, 0) for index in range(self.table.rowCount()) if self._differs(index)]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _differs(self, row: int) -> bool:
        return self._text(row, 3) == "differs"

    def _filter(self, only_differences: bool) -> None:
        for index in range(self.table.rowCount()):
            self.table.setRowHidden(index, only_differences and not self._differs(index))


class Checking:
    """Check and its outcome. ``busy_elsewhere`` says whether a mint is in flight
    (one network job at a time); the window's Cancel also cancels a check."""

    def __init__(self, *, services: Services, current: Callable[[], Configuration], result: ResultPanel,
                 actions: WindowActions, show_status: Callable[[str], None], show_busy: Callable[[bool], None],
                 busy_elsewhere: Callable[[], bool], parent: QWidget | None = None) -> None:
        self._services, self._current, self._result = services, current, result
        self._actions, self._show_status, self._show_busy = actions, show_status, show_busy
        self._busy_elsewhere, self._parent = busy_elsewhere, parent
        self._runner = TaskRunner(services.pool, parent)
        self.job = CancellableJob(self._runner, parent)
        self.job.progress.connect(lambda seconds: show_status(f"Checking… {seconds:.1f} s"))
        self.job.finished.connect(self._finished)
        self.dialog: CheckDialog | None = None

    def check(self) -> None:
        if self.job.busy() or self._busy_elsewhere():
            return
        config, s = self._current(), self._services
        limit = float(config.setting(TIME_LIMIT.key))  # bounds the mint, then the wait for the session
        client = replace(s.client, deadline=limit)

        def work(cancel: Any) -> Any:
            # The WebSocket library loads with the first check, on the worker thread.
            from realtime_gui.core.check.checking import check_configuration

            return check_configuration(config, s.keys, client.cancellable(cancel), wait=limit, env=s.env)

        self.job.start(work)
        self._set_busy(True)

    def cancel(self) -> None:
        if self.job.cancel():
            self._set_busy(False)
            self._show_status("Check cancelled.")

    def work_in_flight(self) -> bool:
        return self._runner.pending() > 0

    def _set_busy(self, busy: bool) -> None:
        for action in (self._actions.mint, self._actions.check):
            action.setEnabled(not busy)
        self._actions.cancel.setEnabled(busy)
        self._show_busy(busy)
        if busy:
            self._show_status("Checking… 0.0 s")

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is None:
            self._result.clear()
            if self.dialog is None:
                self.dialog = CheckDialog(self._parent)
            self.dialog.show_result(result)
            self.dialog.show()
            self.dialog.raise_()
            count = len(result.comparison.differences)
            self._show_status(f"Checked: session.created after {result.session_ms:.0f} ms, "
                              f"{count} difference{'s' if count != 1 else ''}.")
            return
        if not isinstance(error, MintError):  # a bug, not a failure the core foresaw
            error = MintError(scrub(f"Unexpected {type(error).__name__}: {error}"),
                              title="Unexpected error", advice="Please report this, with the details.")
        if isinstance(error, SessionTimeout):
            error.advice = f"{error.advice.rstrip('.')}: the connection's “{TIME_LIMIT.label}” setting " \
                           f"(now {error.seconds:g} s)."
        self._result.show_error(error)
        self._show_status(f"Check failed: {error.title}.")

