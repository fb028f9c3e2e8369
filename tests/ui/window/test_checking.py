"""Checking from the window: the job on a pool, the comparison in its dialog, failures in the result panel."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from fakesocket import FakeRealtimeSocket, running_socket
from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QMenu, QPushButton
from ui_support import WindowFactory, child, local

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.ui.shell.frame import MainWindow
from realtime_gui.ui.window.checking import CheckDialog

# The offscreen platform can neither propagate size hints nor raise a window; the plugin talking.
pytestmark = [pytest.mark.gui,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")]

APPLIED = {"type": "realtime", "model": "gpt-realtime", "audio": {"output": {"voice": "alloy", "speed": 1.0}}}


@pytest.fixture
def fake_socket(server: FakeRealtimeServer) -> Iterator[FakeRealtimeSocket]:
    with running_socket(server) as running:
        yield running


def check_and_wait(qtbot: Any, window: MainWindow, by_button: bool = True) -> tuple[Any, Any]:
    with qtbot.waitSignal(window.bench.checking.job.finished, timeout=20_000) as blocker:
        if by_button:
            qtbot.mouseClick(child(window, QPushButton, "check"), Qt.MouseButton.LeftButton)
        else:
            child(window, QAction, "action_check").trigger()
    result, error = blocker.args
    return result, error


def test_check_shows_applied_beside_asked_with_the_differences_highlighted(
        qtbot: Any, make_window: WindowFactory, keys: ApiKeys, pool: QThreadPool, server: FakeRealtimeServer,
        fake_socket: FakeRealtimeSocket) -> None:
    keys.set("default", FAKE_API_KEY)
    fake_socket.apply(APPLIED)
    window = make_window(local(server, voice="marin"), pool=pool)
    result, error = check_and_wait(qtbot, window)
    assert error is None
    dialog = window.bench.checking.dialog
    assert isinstance(dialog, CheckDialog) and dialog.isVisible()
    assert dialog.highlighted_paths() == ["session.audio.output.voice"]
    assert "session.model" in dialog.shown_paths()
    voice = dialog.table.findItems("session.audio.output.voice", Qt.MatchFlag.MatchExactly)[0]
    assert voice.background().color() == dialog.palette().color(QPalette.ColorRole.Highlight)
    child(dialog, QCheckBox, "check_only_differences").setChecked(True)
    assert dialog.shown_paths() == ["session.audio.output.voice"]
    assert window._status.text().endswith("1 difference.")
    token = fake_socket.upgrades[0].headers["authorization"].removeprefix("Bearer ")
    assert token not in repr(result)
    assert child(window, QPushButton, "check").isEnabled() and child(window, QPushButton, "mint").isEnabled()


def test_a_refused_token_is_shown_as_a_mint_error_is(qtbot: Any, make_window: WindowFactory, keys: ApiKeys,
                                                     pool: QThreadPool, server: FakeRealtimeServer,
                                                     fake_socket: FakeRealtimeSocket) -> None:
    keys.set("default", FAKE_API_KEY)
    fake_socket.close_with(4001, "invalid token")
    window = make_window(local(server), pool=pool)
    _, error = check_and_wait(qtbot, window, by_button=False)
    assert error is not None
    assert child(window, QLabel, "error_title").text() == "Client secret refused"
    assert "code 4001" in child(window, QLabel, "error_message").text()
    assert window.bench.checking.dialog is None


def test_cancel_ends_a_check_waiting_for_its_session(qtbot: Any, make_window: WindowFactory, keys: ApiKeys,
                                                     pool: QThreadPool, server: FakeRealtimeServer,
                                                     fake_socket: FakeRealtimeSocket) -> None:
    keys.set("default", FAKE_API_KEY)
    fake_socket.stay_silent()
    window = make_window(local(server), pool=pool)
    qtbot.mouseClick(child(window, QPushButton, "check"), Qt.MouseButton.LeftButton)
    assert not child(window, QPushButton, "mint").isEnabled()
    qtbot.waitUntil(lambda: len(fake_socket.upgrades) == 1, timeout=10_000)
    child(window, QAction, "action_cancel").trigger()
    assert child(window, QPushButton, "check").isEnabled()
    assert not window.bench.checking.job.busy()


def test_no_session_in_time_points_at_the_time_limit(qtbot: Any, make_window: WindowFactory, keys: ApiKeys,
                                                     pool: QThreadPool, server: FakeRealtimeServer,
                                                     fake_socket: FakeRealtimeSocket) -> None:
    keys.set("default", FAKE_API_KEY)
    fake_socket.stay_silent()
    config = local(server)
    config.connection["timeout"] = 1
    window = make_window(config, pool=pool)
    _, error = check_and_wait(qtbot, window)
    assert error is not None
    assert "no session.created came within 1 s" in child(window, QLabel, "error_message").text()
    assert "“Time limit” setting (now 1 s)" in child(window, QLabel, "error_advice").text()


def test_the_check_button_asks_for_no_room_of_its_own(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(size=(1024, 640))
    button = child(window, QPushButton, "check")
    assert button.width() >= button.sizeHint().width()
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # measured once laid out, as below
    with_check = window.minimumSizeHint().width()
    button.hide()
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert window.minimumSizeHint().width() == with_check  # the window is no wider for it
    button.show()
    mint_menu = next(menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&Mint")
    assert child(window, QAction, "action_check") in mint_menu.actions()
