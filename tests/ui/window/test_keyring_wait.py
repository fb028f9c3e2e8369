"""Saving and opening configurations whose secrets go to the keyring, with a keyring that blocks.

The keyring here waits at a gate the test opens (a slow D-Bus, a collection
waiting for its unlock prompt): while it waits, the window's event loop must
go on -- a timer fires, the status says what is waited for, the user's input
is held back -- and what arrives when it is let go is shown. A keyring that
fails, or one the user stops waiting for, loses nothing typed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from keyring_support import GatedBackend
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QProgressDialog, QPushButton, QWidget
from ui_support import FakeDialogs, WindowFactory, child, local, mint_and_wait

from realtime_gui.core.library.configurations import save_configuration
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import KeyringStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.shell.frame import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

TOKEN = "Bearer mcp-token-0123456789"


def with_mcp(name: str, authorization: Any) -> Configuration:
    config = Configuration.new(name)
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp",
                               "authorization": authorization}]
    return config


def type_token(window: MainWindow, token: str = TOKEN) -> None:
    """Put ``token`` in the open configuration's MCP tool, as if typed, and mark it unsaved."""
    bench = window.bench
    config = bench.editing.current_configuration()
    config.values["tools"] = with_mcp(config.name, token).values["tools"]
    bench.form.set_configuration(config)
    bench.editing.edited()
    assert bench.editing.is_dirty()


def while_blocked(backend: GatedBackend, check: Callable[[], None], seen: list[str]) -> None:
    """From the event loop: once a keyring call waits at the gate, run ``check``, note it, then open the gate."""

    def look() -> None:
        if not backend.waiting.is_set():
            QTimer.singleShot(5, look)
            return
        try:
            check()
            seen.append("checked while the keyring was blocked")
        finally:
            backend.gate.set()

    QTimer.singleShot(0, look)


@pytest.fixture
def gated() -> GatedBackend:
    return GatedBackend()


@pytest.fixture
def gated_keys(gated: GatedBackend) -> ApiKeys:
    return ApiKeys(KeyringStore(gated))


def test_saving_a_typed_token_waits_for_the_keyring_with_the_window_running(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, gated: GatedBackend, gated_keys: ApiKeys,
        pool: Any) -> None:
    window = make_window(Configuration.new("Docs"), keys=gated_keys, pool=pool)
    type_token(window)
    gated.close_gate()
    seen: list[str] = []

    def check() -> None:
        bench = window.bench
        assert bench.editing.keyring.busy()
        assert any("waiting for the keyring" in label.text() for label in window.statusBar().findChildren(QLabel))
        assert json.dumps(store.load("Docs")).count("mcp") == 0  # nothing written before the keyring took the token

    while_blocked(gated, check, seen)
    assert window.bench.editing.save()

    assert seen == ["checked while the keyring was blocked"]
    assert gated.on_main_thread() == []
    tool = store.load("Docs")["values"]["tools"][0]
    assert TOKEN not in json.dumps(store.load("Docs"))
    assert gated_keys.load_secret(tool["authorization"]["secret_ref"]) == TOKEN
    assert not window.bench.editing.is_dirty() and not window.isWindowModified()


def test_stopping_the_wait_keeps_the_edits(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                           dialogs: FakeDialogs, gated: GatedBackend, gated_keys: ApiKeys,
                                           pool: Any) -> None:
    window = make_window(Configuration.new("Docs"), keys=gated_keys, pool=pool)
    type_token(window)
    before = store.load("Docs")
    gated.close_gate()

    def stop_waiting() -> None:  # the user gives up on a keyring stuck behind its unlock prompt
        prompt = window.findChild(QProgressDialog, "keyring_wait")
        if prompt is None or not prompt.isVisible():
            QTimer.singleShot(20, stop_waiting)
            return
        assert "Saving “Docs”" in prompt.labelText()
        stop = prompt.findChild(QPushButton)
        assert stop is not None and stop.text() == "Stop Waiting"
        stop.click()

    QTimer.singleShot(0, stop_waiting)
    try:
        assert not window.bench.editing.save()
    finally:
        gated.gate.set()
    assert dialogs.told[-1][0] == "Could not save" and "stopped waiting" in dialogs.told[-1][1]
    assert store.load("Docs") == before
    assert window.bench.editing.is_dirty()
    assert window.bench.editing.current_configuration().values["tools"][0]["authorization"] == TOKEN
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0)


def test_a_keyring_that_fails_keeps_the_edits(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                              dialogs: FakeDialogs, gated: GatedBackend, gated_keys: ApiKeys,
                                              pool: Any) -> None:
    window = make_window(Configuration.new("Docs"), keys=gated_keys, pool=pool)
    type_token(window)
    before = store.load("Docs")
    gated.locked = True

    assert not window.bench.editing.save()

    title, text = dialogs.told[-1]
    assert title == "Could not save" and "keyring" in text.lower() and TOKEN not in text
    assert store.load("Docs") == before
    assert window.bench.editing.is_dirty()
    assert window.bench.editing.current_configuration().values["tools"][0]["authorization"] == TOKEN


def test_input_is_held_back_while_the_keyring_is_waited_for(
        qtbot: Any, make_window: WindowFactory, gated: GatedBackend, gated_keys: ApiKeys, pool: Any) -> None:
    window = make_window(Configuration.new("Docs"), keys=gated_keys, pool=pool)
    type_token(window)
    gated.close_gate()
    seen: list[str] = []

    def check() -> None:  # a second Save, pressed meanwhile, starts nothing
        from PySide6.QtTest import QTest

        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()

    while_blocked(gated, check, seen)
    assert window.bench.editing.save()
    assert seen and [c.action for c in gated.calls if c.username.startswith("secret:")] == ["set"]


def test_opening_a_file_with_plain_secrets_moves_them_off_the_ui_thread(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, gated: GatedBackend, gated_keys: ApiKeys,
        pool: Any) -> None:
    window = make_window(Configuration.new("Alpha"), keys=gated_keys, pool=pool)
    store.create("Legacy", with_mcp("Legacy", TOKEN).to_data())  # a hand-written file, its token in it
    gated.close_gate()
    seen: list[str] = []
    while_blocked(gated, lambda: None, seen)

    assert window.bench.editing.select_configuration("Legacy")

    assert seen
    assert gated.on_main_thread() == []
    ref = store.load("Legacy")["values"]["tools"][0]["authorization"]["secret_ref"]
    assert gated_keys.load_secret(ref) == TOKEN
    assert window.bench.editing.current_name() == "Legacy" and not window.bench.editing.is_dirty()


def test_the_window_never_asks_the_keyring_on_the_ui_thread(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, dialogs: FakeDialogs, server: FakeRealtimeServer,
        pool: Any) -> None:
    """Everything the window does that reaches the keyring, with a keyring that
    notes the thread of each call: start-up, the Keys dialog, saving a typed MCP
    token, minting, opening a file with a token in it, importing one, and
    duplicating, renaming and deleting a configuration with MCP secrets."""
    backend = GatedBackend()
    keys = ApiKeys(KeyringStore(backend))
    keys.set("default", FAKE_API_KEY)
    docs = local(server, "Docs")
    docs.values["tools"] = with_mcp("Docs", TOKEN).values["tools"]
    save_configuration(store, keys, docs)
    store.create("Legacy", with_mcp("Legacy", "Bearer legacy-token-0123456789").to_data())
    armed = len(backend.calls)  # what the test itself asked, on the main thread, is not the window's

    window = make_window(keys=keys, pool=pool)  # start-up: the key's source
    bench = window.bench
    qtbot.waitUntil(lambda: "keyring (default)" in child(window, QLabel, "key_source").text())

    dialog = bench.open_keys()  # the Keys dialog: look, store, delete
    qtbot.waitUntil(lambda: not dialog.busy())
    child(dialog, QLineEdit, "key_name").setText("work")
    child(dialog, QLineEdit, "key_value").setText("sk-test-work-0000000001")
    qtbot.mouseClick(child(dialog, QPushButton, "save_key"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy())
    tree = child(dialog, QWidget, "key_list")
    tree.setCurrentItem(next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                             if tree.topLevelItem(i).text(0) == "work"))
    dialogs.answers = ["Delete"]
    qtbot.mouseClick(child(dialog, QPushButton, "delete_key"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert "Deleted the key “work”" in child(dialog, QLabel, "key_status").text()
    dialog.close()

    assert bench.editing.current_name() == "Docs"
    type_token(window, "Bearer typed-token-0123456789")  # save with an MCP token
    assert bench.editing.save()
    _, error = mint_and_wait(qtbot, window)  # the key and the MCP token, read for the mint
    assert error is None, error

    assert bench.editing.select_configuration("Legacy")  # its token moves into the keyring
    assert "secret_ref" in store.load("Legacy")["values"]["tools"][0]["authorization"]
    imported = with_mcp("Imported", "Bearer imported-token-0123456789").to_document()
    assert bench.library.import_text(json.dumps(imported), "Imported") is not None
    bench.library.duplicate()
    dialogs.texts = ["Renamed"]
    bench.library.rename()
    dialogs.answers = ["Delete"]
    bench.library.delete()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0)

    calls = backend.calls[armed:]
    assert {call.action for call in calls} == {"get", "set", "delete"}
    assert [call for call in calls if call.on_main_thread] == []


def test_changes_made_outside_are_followed_once_the_keyring_answered(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, gated: GatedBackend, gated_keys: ApiKeys,
        pool: Any) -> None:
    window = make_window(Configuration.new("Docs"), keys=gated_keys, pool=pool)
    type_token(window)
    gated.close_gate()
    seen: list[str] = []

    def check() -> None:  # another program adds a file while the save waits: not followed in the middle of it
        store.create("Other", Configuration.new("Other").to_data())
        window.bench.editing.outside_changes()
        assert "Other" not in window.config_list.names()

    while_blocked(gated, check, seen)
    assert window.bench.editing.save()
    assert seen
    qtbot.waitUntil(lambda: "Other" in window.config_list.names())
    assert window.bench.editing.current_name() == "Docs"
