"""The History tab: it lists what the window minted, filters and sorts it, shows a mint's request
and answer, opens one as a new configuration and mints one again."""

from __future__ import annotations

from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, running_server
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QTableView, QTabWidget
from ui_support import WindowFactory, child, local, mint_and_wait, saved

from realtime_gui.core.library.history import MintRecord, app_history
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def show_history(qtbot: Any, window: Any) -> QTableView:
    tabs = child(window, QTabWidget, "center_tabs")
    tabs.setCurrentIndex(tabs.count() - 1)
    assert tabs.tabText(tabs.currentIndex()) == "History"
    table: QTableView = child(window, QTableView, "history_table")
    return table


def rows(table: QTableView, column: int = 1) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_window_starts_without_reading_the_history(make_window: WindowFactory) -> None:
    make_window()
    assert not app_history().path.exists()  # the tab reads it once shown, not before


def test_each_mint_appears_and_can_be_filtered_sorted_opened_and_minted_again(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, pool: QThreadPool) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server, "Alpha", instructions="Be brief."))
        window = make_window(pool=pool)
        table = show_history(qtbot, window)
        assert rows(table) == []
        mint_and_wait(qtbot, window)
        server.fail_next(401, {"message": "no"})
        mint_and_wait(qtbot, window)
        qtbot.waitUntil(lambda: len(rows(table)) == 2)
        assert [t.split()[0] for t in rows(table, 3)] == ["AuthenticationError", "Minted"]  # newest first

        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        assert rows(table, 3)[0].startswith("Minted")
        outcome = child(window, QComboBox, "history_outcome")
        outcome.setCurrentText("Failed")
        assert rows(table, 3) == ["AuthenticationError 401"]
        outcome.setCurrentText("Any outcome")
        child(window, QLineEdit, "history_text").setText("no such text")
        assert rows(table) == []
        child(window, QLineEdit, "history_text").setText("BE BRIEF")  # the body is searched too
        assert len(rows(table)) == 2
        assert child(window, QComboBox, "history_config").findText("Alpha") > 0

        outcome.setCurrentText("Minted")
        table.selectRow(0)
        details = child(window, QPlainTextEdit, "history_details").toPlainText()
        assert "Minted 200" in details and '"instructions": "Be brief."' in details and server.origin in details
        assert FAKE_API_KEY not in details

        qtbot.mouseClick(child(window, QPushButton, "history_open"), Qt.MouseButton.LeftButton)
        assert window.bench.editing.current_name() == "Alpha (from history)"
        assert store.list() == ["Alpha", "Alpha (from history)"]
        assert window.bench.editing.current_configuration().values["instructions"] == "Be brief."

        sent = len(server.requests)
        with qtbot.waitSignal(window.bench.minting.job.finished, timeout=10_000) as blocker:
            qtbot.mouseClick(child(window, QPushButton, "history_mint"), Qt.MouseButton.LeftButton)
        assert blocker.args[1] is None and len(server.requests) == sent + 1
        assert server.requests[-1].body == server.requests[0].body
        qtbot.waitUntil(lambda: len(app_history().records()) == 3)


def test_the_buttons_wait_for_a_chosen_mint_and_notes_are_shown(qtbot: Any, make_window: WindowFactory) -> None:
    app_history().record(MintRecord(time=1_800_000_000, config="old", endpoint="ga", service="openai",
                                    host="https://api.openai.com", key_name="default", outcome="ok", status=200))
    window = make_window()
    table = show_history(qtbot, window)
    qtbot.waitUntil(lambda: rows(table) == ["old"])
    assert not child(window, QPushButton, "history_open").isEnabled()
    table.selectRow(0)
    assert child(window, QPushButton, "history_mint").isEnabled()
    assert window.bench.history.note.text() == "1 mint recorded."
