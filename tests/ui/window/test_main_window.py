"""The main window, driven like a user would, against the loopback fake service.

Everything the window touches is injected: a store in tmp, keys in memory,
settings in an ini file in tmp, a clock the test moves, and fake dialogs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QSplitter, QWidget

from fakeserver import FAKE_API_KEY, FakeRealtimeServer, closed_port, running_server
from realtime_gui import __version__
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.library.keys import ApiKeys, MemoryStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.ui.shell.app import Services
from realtime_gui.ui.window.main_window import MainWindow
from realtime_gui.ui.window.preview import NO_KEY_PLACEHOLDER
from ui_support import FakeClock, FakeDialogs, WindowFactory, child, local, mint_and_wait, saved

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


# --- minting -------------------------------------------------------------------------

def test_mint_success_through_the_worker(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                         keys: ApiKeys, pool: QThreadPool, clock: FakeClock) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window(pool=pool)
        result, error = mint_and_wait(qtbot, window)
    assert error is None
    assert child(window, QLineEdit, "secret_value").text() == result.value
    assert result.value.startswith("ek_")
    assert child(window, QPushButton, "mint").isEnabled()
    assert not child(window, QPushButton, "cancel_mint").isEnabled()
    assert child(window, QLabel, "result_request").text() == server.requests[0].request_id
    assert server.requests[0].headers["authorization"] == f"Bearer {FAKE_API_KEY}"
    clock.now = result.expires_at - 65
    window.result_panel.tick()
    assert child(window, QLabel, "expires_countdown").text() == "expires in 1:05"


def test_the_http_transport_is_injected(qtbot: Any, make_window: WindowFactory, keys: ApiKeys) -> None:
    import httpx

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"value": "ek_mock", "expires_at": 4_000_000_000,
                                         "session": {"id": "sess_mock", "model": "gpt-realtime"}})

    keys.set("default", FAKE_API_KEY)
    window = make_window(transport=httpx.MockTransport(answer))
    result, error = mint_and_wait(qtbot, window)
    assert error is None and result.value == "ek_mock"
    assert str(seen[0].url) == "https://api.openai.com/v1/realtime/client_secrets"
    assert child(window, QLabel, "result_model").text() == "gpt-realtime"


@pytest.mark.parametrize("how", ["button", "escape"])
def test_a_mint_in_flight_keeps_the_window_responsive_and_can_be_cancelled(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, pool: QThreadPool,
        how: str) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window(pool=pool)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        server.hang_next()
        qtbot.mouseClick(child(window, QPushButton, "mint"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(server.requests) == 1)
        qtbot.waitUntil(lambda: "Minting…" in window._status.text() and " 0.0 s" not in window._status.text())
        assert not child(window, QPushButton, "mint").isEnabled()
        cancel = child(window, QPushButton, "cancel_mint")
        assert cancel.isEnabled()
        if how == "button":
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(window, Qt.Key.Key_Escape)
        assert child(window, QPushButton, "mint").isEnabled()
        assert not window.job.busy()
    # Stopping the server ends the hung request; its late outcome must be ignored.
    pool.waitForDone(10_000)
    qtbot.wait(50)
    assert window.result_panel.current_error() is None
    assert window.result_panel.current_result() is None
    assert "Cancelled" in window._status.text()


def test_ctrl_enter_mints(qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        assert not window.cancel_action.isEnabled()  # Escape is free for others when idle
        with qtbot.waitSignal(window.job.finished, timeout=10_000) as blocker:
            qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[1] is None
    assert child(window, QLineEdit, "secret_value").text().startswith("ek_")


def _script(server: FakeRealtimeServer, case: str) -> None:
    if case == "401":
        server.fail_next(401, {"message": "Incorrect API key provided", "code": "invalid_api_key"})
    elif case == "403":
        server.fail_next(403, {"message": "Not allowed", "type": "permission_error"})
    elif case == "400":
        server.fail_next(400, {"message": "Bad thing", "param": "session.nonsense"})
    elif case == "429":
        server.fail_next(429, {"message": "Slow down", "type": "rate_limit"}, headers={"retry-after": "7"})
    elif case == "500":
        server.fail_next(500, {"message": "Oops", "type": "server_error"})
    elif case == "html":
        server.reply_raw(200, b"<html><body>Sign in</body></html>", "text/html")
    elif case == "timeout":
        server.delay_next(2.0)


@pytest.mark.parametrize(("case", "title"), [
    ("401", "API key refused"), ("403", "Not allowed"), ("400", "Request rejected"),
    ("429", "Rate limited"), ("500", "Service error"), ("html", "Unusable answer"),
    ("timeout", "Timed out"),
])
def test_each_service_failure_is_shown_in_the_error_panel(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys,
        case: str, title: str) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window(read_timeout=0.3)
        _script(server, case)
        _, error = mint_and_wait(qtbot, window)
    panel = child(window, QWidget, "error_panel")
    assert panel.isVisible()
    assert child(panel, QLabel, "error_title").text() == title == error.title
    assert child(panel, QLabel, "error_advice").text().endswith(error.advice)
    details = child(panel, QWidget, "error_details")
    assert not details.isVisible()
    qtbot.mouseClick(child(panel, QWidget, "toggle_details"), Qt.MouseButton.LeftButton)
    assert details.isVisible()
    if error.request_id:
        assert error.request_id in details.toPlainText()
    assert FAKE_API_KEY not in details.toPlainText()


@pytest.mark.parametrize(("setup", "title"), [
    ("no key", "No API key"), ("closed port", "No connection"), ("invalid", "Configuration invalid"),
])
def test_failures_before_the_service_answers(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                             keys: ApiKeys, setup: str, title: str) -> None:
    config = Configuration.new("Local")
    config.connection["base_url"] = f"http://127.0.0.1:{closed_port()}/v1"
    if setup != "no key":
        keys.set("default", FAKE_API_KEY)
    if setup == "invalid":
        config.values["speed"] = 9.0
    saved(store, config)
    window = make_window()
    if setup == "invalid":  # refused before anything is sent: no job at all
        qtbot.mouseClick(child(window, QPushButton, "mint"), Qt.MouseButton.LeftButton)
        assert "1 problem" in window._status.text()
    else:
        mint_and_wait(qtbot, window)
    assert child(window, QLabel, "error_title").text() == title


def test_a_rejected_parameter_focuses_its_field(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    path = "session.audio.output.voice"
    with running_server() as server:
        saved(store, local(server, voice="alloy"))
        window = make_window()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        server.fail_next(400, {"message": "Invalid value for voice.", "param": path})
        _, error = mint_and_wait(qtbot, window)
    assert error.field_path == path
    editor = window.form.editor(path)
    assert editor is not None
    focused = QApplication.focusWidget()
    assert focused is not None and (focused is editor or editor.isAncestorOf(focused))


def test_beta_shape_disabled_offers_convert_to_ga(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                  keys: ApiKeys, dialogs: FakeDialogs) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        server.beta_shape_enabled = False
        saved(store, local(server, "Old", "beta", temperature=0.9))
        window = make_window()
        _, error = mint_and_wait(qtbot, window)
    assert child(window, QLabel, "error_title").text() == "Beta interface switched off"
    convert = child(window, QPushButton, "error_action")
    assert convert.text() == "Convert to GA"
    qtbot.mouseClick(convert, Qt.MouseButton.LeftButton)
    assert window.current_name() == "Old (GA)"
    assert window.current_configuration().endpoint == "ga"
    assert store.list() == ["Old", "Old (GA)"]
    assert window.endpoint_bar.endpoint() == "ga"
    title, text = dialogs.told[-1]
    assert "Temperature" in text
    assert window.result_panel.current_error() is None  # the error was about the original


def test_convert_to_ga_can_replace_the_configuration_when_asked(make_window: WindowFactory, store: ConfigStore,
                                                                 dialogs: FakeDialogs) -> None:
    store.save("Old", Configuration("Old", "beta", {"model": "gpt-4o-realtime-preview", "voice": "ash",
                                                    "temperature": 0.9}).to_data())
    window = make_window()
    assert window.convert_replace_action.isEnabled()
    window.convert_replace_action.trigger()
    assert store.list() == ["Old"]
    saved_now = Configuration.from_data("Old", store.load("Old"))
    assert (saved_now.endpoint, saved_now.values) == ("ga", {"model": "gpt-4o-realtime-preview", "voice": "ash"})
    assert window.current_configuration().endpoint == "ga"
    assert not window.convert_replace_action.isEnabled()
    assert "Temperature" in dialogs.told[-1][1]


# --- the result: countdown and clipboard ---------------------------------------------------

def _minted(qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys) -> tuple[MainWindow, Any]:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window()
        result, _ = mint_and_wait(qtbot, window)
    return window, result


def test_countdown_expires_and_clears_the_clipboard(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                    keys: ApiKeys, clock: FakeClock) -> None:
    window, result = _minted(qtbot, make_window, store, keys)
    clock.now = result.expires_at - 598.5
    window.result_panel.tick()
    countdown = child(window, QLabel, "expires_countdown")
    assert countdown.text() == "expires in 9:58"
    qtbot.mouseClick(child(window, QWidget, "copy_secret"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == result.value
    clock.now = result.expires_at + 1
    qtbot.waitUntil(lambda: countdown.text() == "EXPIRED", timeout=3000)  # the panel's own 1 s timer
    assert countdown.property("state") == "expired"
    assert QApplication.clipboard().text() == ""
    assert not window.result_panel.copy_action.isEnabled()


def test_clipboard_is_left_alone_when_it_holds_something_else_or_the_preference_is_off(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, clock: FakeClock,
        settings: QSettings) -> None:
    window, result = _minted(qtbot, make_window, store, keys)
    window.result_panel.copy("export")
    assert QApplication.clipboard().text() == f"export OPENAI_CLIENT_SECRET={result.value}"
    window.clear_clipboard_action.trigger()  # turn the preference off
    assert settings.value("privacy/clear_clipboard_on_expiry", True, bool) is False
    clock.now = result.expires_at + 1
    window.result_panel.tick()
    assert result.value in QApplication.clipboard().text()
    window.clear_clipboard_action.trigger()
    window.result_panel.copy("json")
    assert json.loads(QApplication.clipboard().text()) == result.response
    QApplication.clipboard().setText("something else")
    window.result_panel.tick()
    assert QApplication.clipboard().text() == "something else"


# --- configurations ---------------------------------------------------------------------

def _edit_base_url(window: MainWindow, url: str) -> None:
    edit = child(window, QLineEdit, "connection.base_url")
    edit.selectAll()
    QTest.keyClicks(edit, url)  # typed, as a user edits: only edits count as changes


def test_unsaved_changes_are_marked_and_asked_about(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                    dialogs: FakeDialogs) -> None:
    saved(store, Configuration.new("A"))
    saved(store, Configuration.new("B"))
    window = make_window()
    assert window.current_name() == "A"
    _edit_base_url(window, "http://localhost:9/v1")
    assert window.is_dirty() and window.isWindowModified()
    item = window.config_list._item("A")
    assert item is not None and item.text() == "A •" and item.font().italic()

    dialogs.answers = ["Cancel"]
    assert not window.select_configuration("B")
    assert window.current_name() == "A" and window.is_dirty()
    assert window.config_list.current_name() == "A"

    dialogs.answers = ["Discard"]
    assert window.select_configuration("B")
    assert window.current_name() == "B" and not window.is_dirty()
    assert "base_url" not in store.load("A")["connection"]

    window.select_configuration("A")
    _edit_base_url(window, "http://localhost:9/v1")
    dialogs.answers = ["Save"]
    assert window.select_configuration("B")
    assert store.load("A")["connection"]["base_url"] == "http://localhost:9/v1"
    assert len(dialogs.asked) == 3


def test_closing_with_unsaved_changes_asks_first(qtbot: Any, make_window: WindowFactory,
                                                 dialogs: FakeDialogs) -> None:
    window = make_window()
    _edit_base_url(window, "http://localhost:9/v1")
    dialogs.answers = ["Cancel"]
    assert not window.close()
    assert window.isVisible()
    dialogs.answers = ["Discard"]
    assert window.close()


def test_ctrl_s_saves(qtbot: Any, make_window: WindowFactory, store: ConfigStore) -> None:
    window = make_window()
    assert store.list() == ["Default"]  # the first run makes one to edit
    _edit_base_url(window, "http://localhost:9/v1")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.is_dirty()
    assert store.load("Default")["connection"]["base_url"] == "http://localhost:9/v1"


def test_new_duplicate_rename_delete(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                     dialogs: FakeDialogs) -> None:
    window = make_window()
    window.new_action.trigger()
    assert window.current_name() == "New configuration"
    assert window.current_configuration().endpoint == "ga"
    window.duplicate_action.trigger()
    assert window.current_name() == "New configuration copy"
    dialogs.texts = ["Renamed"]
    window.rename_action.trigger()
    assert window.current_name() == "Renamed"
    assert "Renamed" in store.list() and window.config_list.current_name() == "Renamed"
    dialogs.answers = ["Delete"]
    window.delete_action.trigger()
    assert "Renamed" not in store.list()
    assert window.current_name() in store.list()
    assert list((store.root / "trash").iterdir())


def test_the_filter_hides_other_names(make_window: WindowFactory, store: ConfigStore) -> None:
    for name in ("alpha", "beta one", "Beta two"):
        saved(store, Configuration.new(name))
    window = make_window()
    child(window, QLineEdit, "config_filter").setText("beta")
    items = window.config_list._list
    shown = [items.item(i).text() for i in range(items.count()) if not items.item(i).isHidden()]
    assert shown == ["beta one", "Beta two"]


def test_import_a_raw_body_reports_unknown_fields(make_window: WindowFactory, store: ConfigStore,
                                                  dialogs: FakeDialogs) -> None:
    window = make_window()
    body = {"session": {"type": "realtime", "model": "gpt-realtime", "instructions": "Be brief.",
                        "frobnicate": True}}
    window.library.import_text(json.dumps(body), "Pasted")
    assert window.current_name() == "Pasted"
    assert window.current_configuration().values["instructions"] == "Be brief."
    title, text = dialogs.told[-1]
    assert "session.frobnicate" in text


def test_import_dialog_tells_what_it_read(qtbot: Any) -> None:
    from realtime_gui.ui.dialogs.importing import ImportDialog

    dialog = ImportDialog("Imported", lambda: None)
    qtbot.addWidget(dialog)
    verdict = child(dialog, QLabel, "import_verdict")
    dialog.set_text("{not json")
    assert verdict.text().startswith("Can't import this")
    assert dialog.imported is None
    dialog.set_text(json.dumps({"model": "gpt-4o-realtime-preview", "voice": "ash", "mystery": 1}))
    assert dialog.imported is not None
    assert dialog.imported.configuration.endpoint == "beta"
    assert dialog.imported.unknown == ["mystery"]
    assert "1 part(s) will be left out" in verdict.text()


def test_choosing_another_endpoint_marks_the_change(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.preview)
    selector = child(window, QWidget, "endpoint_selector")
    selector.setCurrentIndex(selector.findData("beta"))
    assert window.current_configuration().endpoint == "beta"
    assert window.is_dirty()
    assert window.convert_action.isEnabled()
    qtbot.waitUntil(lambda: "/v1/realtime/sessions" in window.preview.text())
    assert "OpenAI-Beta: realtime=v1" in window.preview.text()


def test_export_body_holds_no_secret(make_window: WindowFactory, dialogs: FakeDialogs, tmp_path: Path) -> None:
    window = make_window()
    dialogs.save_to = tmp_path / "body.json"
    window.export_body_action.trigger()
    body = json.loads(dialogs.save_to.read_text())
    assert body["session"]["type"] == "realtime"


def test_endpoint_selector_lists_every_endpoint_with_help(make_window: WindowFactory) -> None:
    from realtime_gui.core.catalog.declaration import ENDPOINTS

    selector = child(make_window(), QWidget, "endpoint_selector")
    assert [selector.itemData(i) for i in range(selector.count())] == list(ENDPOINTS)
    assert all(selector.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(selector.count()))


def test_window_remembers_size_splitters_and_last_configuration(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore) -> None:
    saved(store, Configuration.new("A"))
    saved(store, Configuration.new("B"))
    window = make_window()
    window.resize(700, 520)  # the offscreen screen is 800x600
    window.select_configuration("B")
    window.splitter.setSizes([250, 450])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()
    assert again.current_name() == "B"
    assert (again.width(), again.height()) == (700, 520)
    assert again.splitter.sizes() == sizes


# --- keys and the preview -----------------------------------------------------------------

def test_preview_masks_the_key(qtbot: Any, make_window: WindowFactory, keys: ApiKeys) -> None:
    keys.set("default", "sk-test-0123-fake-WXYZ")
    window = make_window()
    window.tabs.setCurrentWidget(window.preview)
    text = window.preview.text()
    assert "Authorization: Bearer …WXYZ" in text
    assert "sk-test-0123456789" not in text
    assert text.startswith("POST https://api.openai.com/v1/realtime/client_secrets")
    assert '"type": "realtime"' in text
    _edit_base_url(window, "http://localhost:9/v1")
    qtbot.waitUntil(lambda: "POST http://localhost:9/v1/realtime" in window.preview.text())


def test_preview_without_a_key_uses_a_placeholder_and_says_so(make_window: WindowFactory) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.preview)
    assert f"Authorization: Bearer {NO_KEY_PLACEHOLDER}" in window.preview.text()
    assert child(window, QLabel, "preview_note").isVisible()


def test_keys_dialog_adds_replaces_and_deletes(qtbot: Any, make_window: WindowFactory, keys: ApiKeys,
                                               dialogs: FakeDialogs) -> None:
    window = make_window()
    dialog = window.open_keys()
    qtbot.waitExposed(dialog)
    child(dialog, QLineEdit, "key_name").setText("work")
    value = child(dialog, QLineEdit, "key_value")
    value.setText("sk-test-work-0000000001")
    assert value.echoMode() == QLineEdit.EchoMode.Password
    from PySide6.QtGui import QAction
    child(dialog, QAction, "reveal_key").trigger()
    assert value.echoMode() == QLineEdit.EchoMode.Normal
    save = child(dialog, QPushButton, "save_key")
    assert save.text() == "Add"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert keys.resolve("work").api_key == "sk-test-work-0000000001"
    assert keys.resolve("work").source == "keyring (work)"
    tree = child(dialog, QWidget, "key_list")
    assert [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())] == ["keyring (work)"]

    child(dialog, QLineEdit, "key_name").setText("work")
    value.setText("sk-test-work-0000000002")
    assert save.text() == "Replace"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert keys.resolve("work").api_key.endswith("2")

    dialogs.answers = ["Delete"]
    qtbot.mouseClick(child(dialog, QPushButton, "delete_key"), Qt.MouseButton.LeftButton)
    assert keys.list() == []


class _LockedKeyring(MemoryStore):
    def get(self, name: str) -> str | None:
        from realtime_gui.core.service.errors import KeyringUnavailableError
        raise KeyringUnavailableError("locked")

    def available(self) -> bool:
        return False

    def unavailable_reason(self) -> str | None:
        return "The keyring is locked (test)."


def test_keys_dialog_offers_this_run_only_without_a_keyring(qtbot: Any, make_window: WindowFactory) -> None:
    keys = ApiKeys(_LockedKeyring())
    window = make_window(keys=keys)
    dialog = window.open_keys()
    banner = child(dialog, QLabel, "keyring_unavailable")
    assert banner.isVisible() and "locked (test)" in banner.text()
    this_run = child(dialog, QWidget, "this_run_only")
    assert this_run.isChecked() and not this_run.isEnabled()
    child(dialog, QLineEdit, "key_value").setText("sk-test-session-00000001")
    qtbot.mouseClick(child(dialog, QPushButton, "save_key"), Qt.MouseButton.LeftButton)
    assert keys.resolve("default").source == "this run only (default)"
    assert "this run only" in child(window, QLabel, "key_source").text()


def test_about_shows_the_version(make_window: WindowFactory) -> None:
    box = make_window().about()
    assert __version__ in box.text()


# --- start-up and speed ------------------------------------------------------------------------

_STARTUP_PROBE = """
import sys
import PySide6.QtCore as QtCore
import PySide6.QtWidgets as QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from realtime_gui.ui.shell.app import Services
from realtime_gui.ui.window.main_window import MainWindow
window = MainWindow(Services.default())
early = []
class AtFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if not early and event.type() == QEvent.Type.Paint:
            early.append(sorted({m for m in ("realtime_gui.core.catalog.declaration", "realtime_gui.ui.form.form") if m in sys.modules}
                                | {f"QtCore.{c}" for c in ("Qt",) if c in vars(QtCore)}
                                | {f"QtWidgets.{c}" for c in ("QProxyStyle", "QStyle") if c in vars(QtWidgets)}))
        return False
watcher = AtFirstPaint()
window.installEventFilter(watcher)
window.show()
def done():
    heavy = [m for m in ("httpx", "keyring", "jsonschema", "realtime_gui.core.service.mint") if m in sys.modules]
    print(window.is_ready(), early[0], heavy)
    app.quit()
QTimer.singleShot(500, done)
app.exec()
"""


def test_nothing_heavy_is_loaded_before_the_first_paint(tmp_path: Path) -> None:
    # Up to its first paint the window is a frame: no declaration, no form, and
    # not the Qt namespace or QStyle, whose enums PySide6 builds by the dozen
    # (see ui/first_paint.py). The network and the keyring wait even longer.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REALTIME_GUI_HOME": str(tmp_path)}
    env.pop("OPENAI_API_KEY", None)
    # After the first paint the window looks up where the key comes from; with a
    # session bus (as in CI) that rightly loads keyring. Without one it need not.
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    found = subprocess.run([sys.executable, "-c", _STARTUP_PROBE], env=env, capture_output=True,
                           text=True, timeout=60, cwd=Path(__file__).resolve().parents[3])
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "True [] []"


def test_the_first_frame_shows_the_names_and_the_endpoint_bar(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                              settings: QSettings, dialogs: FakeDialogs) -> None:
    saved(store, Configuration.new("A"))
    saved(store, Configuration.new("B"))
    settings.setValue("last_configuration", "B")
    window = MainWindow(Services(store=store, keys=keys, settings=settings, env={}), dialogs)
    qtbot.addWidget(window)
    # Made but never painted: only the first frame is built.
    assert not window.is_ready()
    assert window.config_list.current_name() == "B"  # the one that will be opened
    assert child(window, QPushButton, "mint").isEnabled()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Configuration", "Request preview"]
    window.finish_start()
    assert window.current_name() == "B"
    assert window.tabs.widget(1) is window.preview
    assert window.result_splitter.widget(1) is window.result_panel
    assert child(window, QComboBox, "endpoint_selector").currentData() == "ga"


def test_set_enum_sets_by_name_and_refuses_what_the_class_lacks(qtbot: Any) -> None:
    from realtime_gui.ui.shell.first_paint import set_enum

    splitter = QSplitter()
    qtbot.addWidget(splitter)
    set_enum(splitter, "orientation", "Vertical")
    assert splitter.orientation() == Qt.Orientation.Vertical
    with pytest.raises(ValueError, match="Diagonal"):
        set_enum(splitter, "orientation", "Diagonal")


def test_switching_configurations_is_fast(qtbot: Any, make_window: WindowFactory, store: ConfigStore) -> None:
    for n in range(500):
        store.create(f"config {n:03d}", Configuration.new(f"config {n:03d}").to_data())
    tools = [{"type": "function", "name": f"tool_{n}", "description": f"Tool number {n}",
              "parameters": {"type": "object", "properties": {}}} for n in range(128)]
    big = Configuration.new("big")
    big.values["tools"] = tools
    saved(store, big)
    window = make_window()
    for name in ("big", "config 001", "big", "config 002"):  # warm up the per-endpoint forms
        window.select_configuration(name)
    timings = []
    for name in ("big", "config 003", "big", "config 004"):
        started = time.perf_counter()
        window.select_configuration(name)
        timings.append(time.perf_counter() - started)
    assert window.current_name() == "config 004"
    assert max(timings) < 0.05, [f"{t * 1000:.1f} ms" for t in timings]
