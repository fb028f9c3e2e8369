"""Minting from the window: the job on a pool, Cancel, each failure shown with its remedy.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer, closed_port, running_server
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from ui_support import FakeClock, FakeDialogs, WindowFactory, child, local, mint_and_wait, saved

from realtime_gui.core.catalog.connection import TIME_LIMIT
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.library.trust import trust_connection
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.errors import MintTimeout
from realtime_gui.core.wire.configuration import Configuration

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


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
    window.bench.result_panel.tick()
    assert child(window, QLabel, "expires_countdown").text() == "expires in 1:05"


def test_the_http_transport_is_injected(qtbot: Any, make_window: WindowFactory, keys: ApiKeys) -> None:
    import httpx

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"value": "ek_mock", "expires_at": 4_000_000_000,
                                         "session": {"id": "sess_mock", "model": "gpt-realtime"}})

    keys.set("default", FAKE_API_KEY)
    window = make_window(client=MintClient(transport=httpx.MockTransport(answer)))
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
        assert not window.bench.minting.job.busy()
    # Stopping the server ends the hung request; its late outcome must be ignored.
    pool.waitForDone(10_000)
    qtbot.wait(50)
    assert window.bench.result_panel.current_error() is None
    assert window.bench.result_panel.current_result() is None
    assert "Cancelled" in window._status.text()


def test_ctrl_enter_mints(qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        assert not window.window_actions.cancel.isEnabled()  # Escape is free for others when idle
        with qtbot.waitSignal(window.bench.minting.job.finished, timeout=10_000) as blocker:
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
        window = make_window(client=MintClient(read_timeout=0.3))
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
    trust_connection(config)
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
    editor = window.bench.form.editor(path)
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
    assert window.bench.editing.current_name() == "Old (GA)"
    assert window.bench.editing.current_configuration().endpoint == "ga"
    assert store.list() == ["Old", "Old (GA)"]
    assert window.endpoint_bar.endpoint() == "ga"
    title, text = dialogs.told[-1]
    assert "Temperature" in text
    assert window.bench.result_panel.current_error() is None  # the error was about the original


def test_cancel_frees_the_worker_so_the_next_mint_runs_at_once(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, pool: QThreadPool) -> None:
    # Two threads, as the global pool has on a two-core machine; a read limit
    # far longer than any test waits, so only a freed thread can mint.
    pool.setMaxThreadCount(2)
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window(pool=pool, client=MintClient(read_timeout=600))
        minting = window.bench.minting
        for hung in (1, 2):
            server.hang_next()
            minting.mint()
            qtbot.waitUntil(lambda n=hung: len(server.requests) == n)
            minting.cancel()
        qtbot.waitUntil(lambda: pool.activeThreadCount() == 0 and not window.work_in_flight())
        # The hung answers are held until the server stops, at the end of this
        # block: the next mint succeeds while they are still pending.
        result, error = mint_and_wait(qtbot, window)
        assert error is None and result.value.startswith("ek_")
        assert len(server.requests) == 3
    assert child(window, QLineEdit, "secret_value").text() == result.value


def test_the_time_limit_bounds_a_trickling_answer_and_the_error_names_it(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, pool: QThreadPool) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        # Each byte comes well within any read timeout; only a limit on the whole mint ends it.
        config = local(server)
        config.connection[TIME_LIMIT.key] = 1
        window = make_window(config, pool=pool)
        server.trickle_next(0.2)
        _, error = mint_and_wait(qtbot, window, timeout=30_000)
    assert isinstance(error, MintTimeout) and error.phase == "total" and error.seconds == 1
    panel = child(window, QWidget, "error_panel")
    advice = child(panel, QLabel, "error_advice").text()
    assert f"“{TIME_LIMIT.label}”" in advice and "(now 1 s)" in advice
    action = child(panel, QPushButton, "error_action")
    assert TIME_LIMIT.label.lower() in action.text()
    qtbot.mouseClick(action, Qt.MouseButton.LeftButton)
    assert window.bench.connection.is_expanded()
    assert QApplication.focusWidget() is child(window, QWidget, f"connection.{TIME_LIMIT.key}")
