"""What the configuration list tells besides names: the endpoint's badge, the
unsaved mark and the last mint; sorting and the filter with 500 entries."""

from __future__ import annotations

from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, running_server
from PySide6.QtWidgets import QLineEdit, QListView, QToolButton
from ui_support import FakeClock, WindowFactory, child, edit_base_url, local, mint_and_wait, saved

from realtime_gui.core.catalog.declaration import ENDPOINTS
from realtime_gui.core.library.history import MintRecord, app_history
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.window.config_list import BY_MINTED, BY_NAME, ENDPOINT_ROLE, MINTED_ROLE, ConfigList
from realtime_gui.ui.window.config_rows import badge_text, minted_text, row_tooltip

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def _record(config: str, when: float) -> None:
    app_history(limit=100).record(MintRecord(time=when, config=config, endpoint="ga", service="openai",
                                             host="http://127.0.0.1:1", key_name="default", outcome="ok"))


def _row(names: ConfigList, name: str) -> Any:
    model = child(names, QListView, "config_list").model()
    return next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data(257) == name)


def test_minted_text_reads_as_time_ago() -> None:
    now = 1_800_000_000.0
    assert [minted_text(then, now) for then in (None, now - 20, now - 300, now - 3600, now - 7300,
                                                now - 86400 * 3)] == [
        "never minted", "minted just now", "minted 5 min ago", "minted 1 hour ago", "minted 2 hours ago",
        "minted 3 days ago"]
    assert row_tooltip("A", "beta", now - 300, now, True).splitlines() == [
        "A", ENDPOINTS["beta"].label, "minted 5 min ago", "Unsaved changes (Ctrl+S saves)"]


def test_each_row_shows_its_endpoint_as_a_badge(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(*(Configuration.new(f"on {e}", e) for e in ENDPOINTS))
    names = window.config_list
    qtbot.waitUntil(lambda: all(names.endpoint_of(f"on {e}") == e for e in ENDPOINTS))
    assert {e: badge_text(_row(names, f"on {e}").data(ENDPOINT_ROLE)) for e in ENDPOINTS} == {
        "ga": "GA", "beta": "beta", "ga-transcription": "transcription",
        "beta-transcription": "beta transcription", "translation": "translation"}
    child(names, QListView, "config_list").viewport().grab()  # the delegate paints every kind


def test_the_badge_follows_the_endpoint_chosen_for_the_open_configuration(
        qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A", "ga"))
    window.endpoint_bar.set_endpoint("translation")
    window.bench.editing.endpoint_changed("translation")
    assert window.config_list.endpoint_of("A") == "translation"


def test_the_unsaved_mark_follows_the_edits(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"), Configuration.new("B"))
    names = window.config_list
    assert _row(names, "A").data() == "A"
    edit_base_url(window, "http://localhost:9/v1")
    assert _row(names, "A").data() == "A •" and _row(names, "A").data(260) is True
    window.bench.editing.save()
    assert _row(names, "A").data() == "A" and not _row(names, "A").data(260)


def test_the_last_mint_is_shown_once_recorded_in_the_history(qtbot: Any, make_window: WindowFactory,
                                                           keys: ApiKeys, clock: FakeClock) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        window = make_window(local(server, "Minted"), local(server, "Idle"))
        names = window.config_list
        qtbot.waitUntil(lambda: not window.bench.details.busy())
        assert names.minted_at("Minted") is None
        window.bench.editing.select_configuration("Minted")
        result, error = mint_and_wait(qtbot, window)
        assert error is None
        qtbot.waitUntil(lambda: names.minted_at("Minted") is not None)
        assert names.minted_at("Idle") is None
        minted = names.minted_at("Minted")
        assert minted is not None
        clock.now = minted + 5 * 60 + 10
        assert minted_text(_row(names, "Minted").data(MINTED_ROLE), clock()) == "minted 5 min ago"


def test_sorting_by_last_minted_puts_the_newest_first(qtbot: Any, make_window: WindowFactory,
                                                      store: ConfigStore, clock: FakeClock) -> None:
    for name in ("alpha", "beta", "gamma", "delta"):
        saved(store, Configuration.new(name))
    _record("gamma", clock.now - 60)
    _record("ALPHA", clock.now - 3600)  # names are compared without case, as the store does
    window = make_window()
    names = window.config_list
    window.bench.editing.select_configuration("beta")
    qtbot.waitUntil(lambda: not window.bench.details.busy())
    menu = child(names, QToolButton, "config_sort").menu()
    next(a for a in menu.actions() if a.objectName() == "sort_minted").trigger()
    assert names.sort_order() == BY_MINTED
    assert names.shown_names() == ["gamma", "alpha", "beta", "delta"]
    assert names.current_name() == "beta"  # the open configuration stays selected
    names.sort_by(BY_NAME)
    assert names.shown_names() == ["alpha", "beta", "delta", "gamma"]


def test_five_hundred_configurations_sort_and_filter(qtbot: Any, make_window: WindowFactory,
                                                     store: ConfigStore, clock: FakeClock) -> None:
    for n in range(500):
        saved(store, Configuration.new(f"config {n:03d}", "beta" if n % 2 else "ga"))
    for n in (7, 123, 499):
        _record(f"config {n:03d}", clock.now - n)
    window = make_window()
    names = window.config_list
    qtbot.waitUntil(lambda: not window.bench.details.busy() and names.endpoint_of("config 499") == "beta")
    assert len(names.shown_names()) == 500
    assert sum(names.endpoint_of(n) == "beta" for n in names.names()) == 250
    names.sort_by(BY_MINTED)
    assert names.shown_names()[:4] == ["config 007", "config 123", "config 499", "config 000"]
    child(names, QLineEdit, "config_filter").setText("config 4")
    assert names.shown_names() == ["config 499"] + [f"config {n}" for n in range(400, 499)]
    names.sort_by(BY_NAME)
    assert names.shown_names() == [f"config {n}" for n in range(400, 500)]  # the filter holds
    child(names, QLineEdit, "config_filter").setText("")
    assert len(names.shown_names()) == 500
