"""The result panel: the countdown and the clipboard.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, running_server
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from ui_support import FakeClock, WindowFactory, child, local, mint_and_wait, saved

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.preferences import CLIPBOARD_CLEAR, load_preferences
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.ui.shell.frame import MainWindow
from realtime_gui.ui.window.secret_clipboard import CONCEALED_HINTS

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


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
    window.bench.result_panel.tick()
    countdown = child(window, QLabel, "expires_countdown")
    assert countdown.text() == "expires in 9:58"
    qtbot.mouseClick(child(window, QWidget, "copy_secret"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == result.value
    clock.now = result.expires_at + 1
    qtbot.waitUntil(lambda: countdown.text() == "EXPIRED", timeout=3000)  # the panel's own 1 s timer
    assert countdown.property("state") == "expired"
    assert QApplication.clipboard().text() == ""
    assert not window.bench.result_panel.copy_action.isEnabled()


def test_clipboard_is_left_alone_when_it_holds_something_else_or_the_preference_is_off(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, clock: FakeClock,
        settings: QSettings) -> None:
    window, result = _minted(qtbot, make_window, store, keys)
    window.bench.result_panel.copy("export")
    assert QApplication.clipboard().text() == f"export OPENAI_CLIENT_SECRET={result.value}"
    window.window_actions.clear_clipboard.trigger()  # turn the preference off
    assert load_preferences().get(CLIPBOARD_CLEAR.key) is False  # kept in the settings file
    clock.now = result.expires_at + 1
    window.bench.result_panel.tick()
    assert result.value in QApplication.clipboard().text()
    window.window_actions.clear_clipboard.trigger()
    window.bench.result_panel.copy("json")
    assert json.loads(QApplication.clipboard().text()) == result.response
    QApplication.clipboard().setText("something else")
    window.bench.result_panel.tick()
    assert QApplication.clipboard().text() == "something else"


def test_a_copied_secret_is_marked_for_clipboard_managers_to_keep_no_history(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys) -> None:
    window, result = _minted(qtbot, make_window, store, keys)
    for what in ("secret", "export", "json"):
        window.bench.result_panel.copy(what)
        data = QApplication.clipboard().mimeData()
        assert result.value in data.text()
        assert bytes(data.data("x-kde-passwordManagerHint").data()) == b"secret"
        assert set(CONCEALED_HINTS) <= set(data.formats())


@pytest.mark.parametrize("clear_on_expiry", [True, False])
def test_quitting_takes_a_copied_secret_off_the_clipboard(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, clear_on_expiry: bool) -> None:
    window, result = _minted(qtbot, make_window, store, keys)
    if not clear_on_expiry:  # that switch is about expiry; quitting always takes the secret back
        window.window_actions.clear_clipboard.trigger()
    window.bench.result_panel.copy("export")
    assert result.value in QApplication.clipboard().text()
    assert window.close()
    assert QApplication.clipboard().text() == ""


def test_quitting_leaves_what_the_user_copied_since(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                    keys: ApiKeys) -> None:
    window, _ = _minted(qtbot, make_window, store, keys)
    window.bench.result_panel.copy("secret")
    QApplication.clipboard().setText("something else")
    assert window.close()
    assert QApplication.clipboard().text() == "something else"


def test_the_secret_says_which_configuration_minted_it_also_once_another_is_open(
        qtbot: Any, make_window: WindowFactory, keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        window = make_window(local(server, "Alpha"), local(server, "Beta"))
        window.bench.editing.select_configuration("Alpha")
        result, _ = mint_and_wait(qtbot, window)
    source = child(window, QLabel, "result_source")
    assert source.isVisible() and "Alpha" in source.text()
    window.bench.editing.select_configuration("Beta")
    assert window.bench.result_panel.current_result() is result  # a secret stays valid: still shown
    assert source.isVisible() and "Alpha" in source.text() and "Beta" not in source.text()
    assert window.bench.result_panel.current_source() == "Alpha"


def test_a_new_user_sees_how_to_mint_while_there_is_no_result(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window(size=(1024, 640))
        hint = child(window.statusBar(), QLabel, "result_empty")
        assert hint.isVisible() and "Ctrl+Enter" in hint.text()
        assert hint.width() >= hint.fontMetrics().horizontalAdvance(hint.text())  # all of it, not elided
        server.fail_next(500, {"message": "Oops", "type": "server_error"})
        mint_and_wait(qtbot, window)
        assert not hint.isVisible()  # the error is where the hint pointed
        window.bench.result_panel.clear()
        assert hint.isVisible()
        mint_and_wait(qtbot, window)
    assert not hint.isVisible()
    window.bench.result_panel.clear()
    assert not hint.isVisible()  # a secret is shown again
