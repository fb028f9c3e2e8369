"""Serving from the window: the Serve toggle runs a real token server on loopback
minting from the loopback fake service, shows its address and log, and stops.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

import socket
import threading
from typing import Any

import httpx
import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox
from serve_support import aimed_at
from ui_support import FakeDialogs, WindowFactory, child, edit_base_url

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.serve.log import RequestRecord
from realtime_gui.ui.shell.frame import MainWindow

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.e2e, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

SECRET = "ek_served_0123456789abcdef"
ANSWER = {"value": SECRET, "expires_at": 1_900_000_000,
          "session": {"type": "realtime", "model": "gpt-realtime", "object": "realtime.session"}}


def toggle_and_wait(qtbot: Any, window: MainWindow) -> None:
    """Trigger Serve and wait for its start or stop to finish on the worker."""
    serve = window.window_actions.serve
    serve.trigger()
    qtbot.waitUntil(serve.isEnabled, timeout=10_000)


def served_url(window: MainWindow) -> str:
    return str(child(window, QLineEdit, "serve_url").text())


def log_text(window: MainWindow) -> str:
    return str(child(window, QPlainTextEdit, "serve_log").toPlainText())


def refused(url: str) -> bool:
    port = int(url.rsplit(":", 1)[1].strip("/"))
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_serve_shows_its_address_mints_and_logs_without_the_secret(
        qtbot: Any, make_window: WindowFactory, server: FakeRealtimeServer, keys: ApiKeys, pool: QThreadPool) -> None:
    keys.set("default", FAKE_API_KEY)
    window = make_window(aimed_at(server), pool=pool)
    opened: list[str] = []
    window.bench.serving.open_url = opened.append
    toggle_and_wait(qtbot, window)
    url = served_url(window)
    assert url.startswith("http://127.0.0.1:") and url.endswith("/")
    assert window.window_actions.serve.isChecked()
    assert child(window, QLabel, "serve_note").text().startswith("Serving “demo” as saved")

    server.reply_next(200, ANSWER)
    got = httpx.get(url + "token")
    assert (got.status_code, got.json()["value"]) == (200, SECRET)
    assert server.requests[-1].headers["authorization"] == f"Bearer {FAKE_API_KEY}"
    qtbot.waitUntil(lambda: "GET /token" in log_text(window))
    line = next(line for line in log_text(window).splitlines() if "GET /token" in line)
    assert " 200 " in line and server.requests[-1].request_id in line
    assert SECRET not in log_text(window) and FAKE_API_KEY not in log_text(window)

    qtbot.mouseClick(child(window, QPushButton, "serve_copy"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == url
    qtbot.mouseClick(child(window, QPushButton, "serve_open"), Qt.MouseButton.LeftButton)
    assert opened == [url]

    toggle_and_wait(qtbot, window)
    assert not window.window_actions.serve.isChecked() and served_url(window) == ""
    assert refused(url)
    assert log_text(window).splitlines()[-1].endswith("stopped")


def test_a_configuration_that_does_not_validate_is_one_line_and_nothing_is_served(
        qtbot: Any, make_window: WindowFactory, server: FakeRealtimeServer, keys: ApiKeys, pool: QThreadPool) -> None:
    keys.set("default", FAKE_API_KEY)
    config = aimed_at(server, "bad", "beta")
    config.values["temperature"] = 1.5
    window = make_window(config, pool=pool)
    toggle_and_wait(qtbot, window)
    problem = child(window, QLabel, "serve_problem")
    assert problem.isVisible() and "\n" not in problem.text()
    assert "Temperature (temperature)" in problem.text()
    assert not window.window_actions.serve.isChecked() and served_url(window) == ""
    assert not window.bench.serving.running and server.requests == []


def test_an_untrusted_host_or_a_missing_key_is_said_before_serving(
        qtbot: Any, make_window: WindowFactory, server: FakeRealtimeServer, pool: QThreadPool) -> None:
    window = make_window(aimed_at(server), pool=pool)  # no key anywhere
    toggle_and_wait(qtbot, window)
    assert "No API key" in child(window, QLabel, "serve_problem").text()
    assert not window.bench.serving.running


def test_a_port_in_use_is_one_line(qtbot: Any, make_window: WindowFactory, server: FakeRealtimeServer,
                                   keys: ApiKeys, pool: QThreadPool) -> None:
    keys.set("default", FAKE_API_KEY)
    window = make_window(aimed_at(server), pool=pool)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        child(window, QSpinBox, "serve_port").setValue(port)
        toggle_and_wait(qtbot, window)
    text = child(window, QLabel, "serve_problem").text()
    assert text.startswith(f"Port {port} on 127.0.0.1 can't be used") and "--port" not in text
    assert not window.bench.serving.running


def test_origins_are_checked_as_typed_and_trusted_when_serving(
        qtbot: Any, make_window: WindowFactory, server: FakeRealtimeServer, keys: ApiKeys, pool: QThreadPool,
        settings: Any) -> None:
    keys.set("default", FAKE_API_KEY)
    window = make_window(aimed_at(server), pool=pool)
    origins, problem = child(window, QLineEdit, "serve_origins"), child(window, QLabel, "serve_problem")
    window.bench.serving.dock.show()
    qtbot.keyClicks(origins, "localhost:5173")
    assert problem.isVisible() and "'localhost:5173' is not an origin" in problem.text()
    toggle_and_wait(qtbot, window)
    assert not window.bench.serving.running and server.requests == []

    origins.setText("http://LOCALHOST:5173, https://app.example:443")
    assert not problem.isVisible()
    toggle_and_wait(qtbot, window)
    url = served_url(window)
    allowed = httpx.post(url + "token", headers={"Origin": "http://localhost:5173"})
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:5173"
    other = httpx.post(url + "token", headers={"Origin": "http://localhost:9999"})
    assert other.status_code == 403 and len(server.requests) == 1
    assert not origins.isEnabled()  # the settings apply when serving starts
    toggle_and_wait(qtbot, window)
    assert origins.isEnabled()
    assert settings.value("serve/origins") == "http://localhost:5173 https://app.example"


def test_the_saved_configuration_is_served_and_the_panel_says_which(
        qtbot: Any, make_window: WindowFactory, server: FakeRealtimeServer, keys: ApiKeys, pool: QThreadPool,
        store: ConfigStore, dialogs: FakeDialogs) -> None:
    keys.set("default", FAKE_API_KEY)
    other = aimed_at(server, "other")
    window = make_window(aimed_at(server), other, pool=pool)
    window.bench.editing.select_configuration("demo")
    toggle_and_wait(qtbot, window)
    note = child(window, QLabel, "serve_note")
    edit_base_url(window, "http://127.0.0.1:1/v1")  # unsaved: the saved one keeps minting
    assert "unsaved edits apply" in note.text()
    assert httpx.get(served_url(window) + "token").status_code == 200
    dialogs.answers = ["Discard"]
    window.bench.editing.select_configuration("other")
    assert note.text().startswith("Serving “demo”, not “other”")
    assert window.bench.serving.served_name == "demo"
    assert httpx.get(served_url(window) + "token").status_code == 200
    assert [r.path for r in server.requests] == ["/v1/realtime/client_secrets"] * 2
    toggle_and_wait(qtbot, window)


def test_closing_the_window_stops_the_server(qtbot: Any, make_window: WindowFactory, server: FakeRealtimeServer,
                                             keys: ApiKeys, pool: QThreadPool) -> None:
    keys.set("default", FAKE_API_KEY)
    window = make_window(aimed_at(server), pool=pool)
    toggle_and_wait(qtbot, window)
    url = served_url(window)
    assert not refused(url)
    window.close()
    assert refused(url)
    assert not any(thread.name.startswith("token-server") for thread in threading.enumerate())


def test_the_log_keeps_the_newest_lines(make_window: WindowFactory) -> None:
    from datetime import UTC, datetime

    from realtime_gui.ui.window.serve_panel import LOG_LINES

    window = make_window()
    panel = window.bench.serving.panel
    for n in range(LOG_LINES + 20):
        panel.add_line(RequestRecord(datetime.now(UTC), "GET", f"/token{n}", None, 200, None, 1.0).line())
    lines = panel.log.toPlainText().splitlines()
    assert len(lines) == LOG_LINES and "/token" + str(LOG_LINES + 19) in lines[-1]
