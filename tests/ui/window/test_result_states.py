"""The result area's designed states: the secret's card and its countdown bar,
empty, busy, error (with the field it names one click away) and expired.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py); the look of each level checked on a
panel of its own, with a clock the test moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, running_server
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QAction, QFontInfo, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QWidget,
)
from ui_support import FakeClock, WindowFactory, child, local, mint_and_wait, saved

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.service.answer import MintResult
from realtime_gui.core.service.errors import NetworkError
from realtime_gui.ui.style.theme import apply_theme
from realtime_gui.ui.window.countdown import CountdownBar, countdown_level
from realtime_gui.ui.window.result_panel import ResultPanel

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

VOICE = "session.audio.output.voice"


def _result(expires_at: float | None) -> MintResult:
    return MintResult(value="ek_0123456789abcdef", expires_at=None if expires_at is None else int(expires_at),
                      session={"id": "sess_1", "model": "gpt-realtime"}, response={"value": "ek_0123456789abcdef"},
                      request_id="req_1", elapsed_ms=12.0, status=200)


@pytest.fixture
def panel(qtbot: Any, clock: FakeClock) -> Iterator[ResultPanel]:
    window = QMainWindow()
    qtbot.addWidget(window)
    shown = ResultPanel(QAction("Copy secret", window), clock)
    shown.copy_action.triggered.connect(lambda: shown.copy("secret"))
    window.setCentralWidget(shown)
    window.statusBar().addWidget(shown.empty_hint)
    window.resize(800, 320)
    window.show()
    yield shown  # the window stays referenced while the test runs
    window.close()


@pytest.mark.parametrize(("left", "lifetime", "level"), [
    (600, 600, "normal"), (121, 600, "normal"), (120, 600, "warning"), (11, 600, "warning"),
    (10, 600, "critical"), (0.5, 600, "critical"), (0, 600, "expired"), (-5, 600, "expired"),
    (3600, 7200, "normal"), (1440, 7200, "warning"),  # a long life warns in its last fifth
    (31, 60, "normal"), (30, 60, "warning"),  # a short one in its last half
])
def test_the_countdown_level_follows_the_time_left(left: float, lifetime: float, level: str) -> None:
    assert countdown_level(left, lifetime) == level


def test_the_card_shows_the_secret_large_and_fixed_width_and_copy_copies_it(
        qtbot: Any, panel: ResultPanel, clock: FakeClock) -> None:
    panel.show_result(_result(clock.now + 600), "Alpha")
    secret = child(panel, QLineEdit, "secret_value")
    assert secret.isVisible() and secret.text() == "ek_0123456789abcdef"
    assert QFontInfo(secret.font()).fixedPitch()
    assert secret.font().pointSizeF() > QGuiApplication.font().pointSizeF()
    heading = child(panel, QLabel, "result_source")
    assert "Alpha" in heading.text() and heading.property("role") == "heading"  # named in the card's heading
    for key in ("session", "request", "model"):  # quiet details: smaller, muted, selectable
        detail = child(panel, QLabel, f"result_{key}")
        assert detail.property("role") == "detail"
        assert detail.foregroundRole() == QPalette.ColorRole.PlaceholderText
        assert detail.font().pointSizeF() < QGuiApplication.font().pointSizeF()
        assert detail.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    copy = child(panel, QPushButton, "copy_secret")
    assert copy.isDefault() and copy.isEnabled()
    QApplication.clipboard().clear()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "ek_0123456789abcdef"
    assert panel.state() == "result"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_bar_changes_colour_as_expiry_nears_and_reads_expired(
        panel: ResultPanel, clock: FakeClock, theme: str) -> None:
    apply_theme(theme)
    try:
        expires = clock.now + 600
        panel.show_result(_result(expires), "Alpha")
        bar = child(panel, CountdownBar, "expires_countdown")
        colours = {}
        for left, level in ((600, "normal"), (100, "warning"), (5, "critical"), (-1, "expired")):
            clock.now = expires - left
            panel.tick()
            assert bar.level() == level, left
            colours[level] = bar.fill_colour().name()
            assert bar.grab().toImage().pixelColor(2, bar.height() // 2).name() == colours[level], level
        assert len(set(colours.values())) == 4  # each level looks different
        assert colours["normal"] == bar.palette().color(QPalette.ColorRole.Highlight).name()
        assert bar.text() == "EXPIRED" and bar.property("state") == "expired"
    finally:
        apply_theme("system")


def test_an_expired_card_greys_its_secret_and_offers_mint_again(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, clock: FakeClock) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server, "Alpha"))
        window = make_window()
        result, _ = mint_and_wait(qtbot, window)
        panel = window.bench.result_panel
        again = child(panel, QPushButton, "mint_again")
        assert not again.isVisible()
        clock.now = result.expires_at + 1
        panel.tick()
        assert panel.state() == "expired"
        assert not child(panel, QLineEdit, "secret_value").isEnabled()
        assert child(panel, QLabel, "expires_countdown").text() == "EXPIRED"
        assert not child(panel, QPushButton, "copy_secret").isEnabled()
        assert again.isVisible() and again.isDefault()
        with qtbot.waitSignal(window.bench.minting.job.finished, timeout=10_000):
            qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
        assert len(server.requests) == 2
    fresh = panel.current_result()
    assert fresh is not None and fresh is not result and fresh.expires_at is not None
    clock.now = fresh.expires_at - 60
    panel.tick()
    assert panel.state() == "result"
    assert not again.isVisible()


def test_empty_before_a_first_mint_is_a_calm_hint(make_window: WindowFactory, panel: ResultPanel) -> None:
    assert panel.state() == "empty"
    assert panel.empty_hint.isVisible() and "Ctrl+Enter" in panel.empty_hint.text()
    assert panel.empty_hint.property("role") == "muted" and not panel.empty_hint.property("state")
    page_hint = child(panel, QLabel, "result_empty_hint")  # seen if the panel is dragged open
    assert "Ctrl+Enter" in page_hint.text() and page_hint.property("role") == "muted"


def test_busy_shows_what_is_sent_where_with_progress_and_cancel(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, pool: QThreadPool) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server, "Alpha"))
        window = make_window(pool=pool)
        panel = window.bench.result_panel
        server.hang_next()
        qtbot.mouseClick(child(window, QPushButton, "mint"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(server.requests) == 1)
        assert panel.state() == "busy"
        progress = child(panel, QProgressBar, "mint_progress")
        assert progress.isVisible() and progress.maximum() == 0  # indeterminate
        assert "Alpha" in child(panel, QLabel, "busy_what").text()
        where = child(panel, QLabel, "busy_where").text()
        assert where == f"POST {server.base_url}/realtime/client_secrets", where
        assert FAKE_API_KEY not in where
        qtbot.waitUntil(lambda: child(panel, QLabel, "busy_elapsed").text() != "0.0 s")
        cancel = child(panel, QPushButton, "result_cancel")
        assert cancel.isVisible() and cancel.isEnabled()
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert not window.bench.minting.job.busy()
        assert panel.state() == "empty" and panel.empty_hint.isVisible()
    pool.waitForDone(10_000)


def test_an_error_card_has_title_message_and_advice(panel: ResultPanel) -> None:
    panel.show_error(NetworkError("127.0.0.1 refused the connection."))
    assert panel.state() == "error"
    assert child(panel, QLabel, "error_title").text() == NetworkError.title
    assert "refused" in child(panel, QLabel, "error_message").text()
    assert child(panel, QLabel, "error_advice").isVisible()
    assert not child(panel, QPushButton, "error_go_to_field").isVisible()  # it names no field
    panel.clear()
    assert panel.state() == "empty"


def test_a_long_message_is_shown_whole_in_the_window(make_window: WindowFactory) -> None:
    window = make_window(size=(1024, 640))
    panel = window.bench.result_panel
    reason = "The service said: every word of this reason matters to the person reading it. " * 4
    panel.show_error(NetworkError(reason))
    QApplication.processEvents()
    message = child(panel, QLabel, "error_message")
    # The splitter gave the panel the lines the text takes at its width, not fewer.
    assert message.width() > 0 and message.height() >= message.heightForWidth(message.width())


def _focused_in(editor: QWidget | None) -> bool:
    focused = QApplication.focusWidget()
    return editor is not None and focused is not None and (focused is editor or editor.isAncestorOf(focused))


def test_go_to_focuses_the_field_the_service_rejected(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                     keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server, voice="alloy"))
        window = make_window()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        server.fail_next(400, {"message": "Invalid value for voice.", "param": VOICE})
        _, error = mint_and_wait(qtbot, window)
    go_to = child(window, QPushButton, "error_go_to_field")
    assert go_to.isVisible() and go_to.text() == f"Go to {error.field_label}" == go_to.accessibleName()
    child(window, QWidget, "config_filter").setFocus()
    assert not _focused_in(window.bench.form.editor(VOICE))
    qtbot.mouseClick(go_to, Qt.MouseButton.LeftButton)
    assert _focused_in(window.bench.form.editor(VOICE))


def test_go_to_focuses_the_first_field_a_check_found_wrong(qtbot: Any, make_window: WindowFactory,
                                                          store: ConfigStore, keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server, speed=9.0))
        window = make_window()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.mouseClick(child(window, QPushButton, "mint"), Qt.MouseButton.LeftButton)
    go_to = child(window, QPushButton, "error_go_to_field")
    assert go_to.isVisible() and go_to.text() == "Go to Speed"
    child(window, QWidget, "config_filter").setFocus()
    qtbot.mouseClick(go_to, Qt.MouseButton.LeftButton)
    assert _focused_in(window.bench.form.editor("session.audio.output.speed"))


def test_every_control_of_every_state_has_an_accessible_name(panel: ResultPanel, clock: FakeClock) -> None:
    def check(state: str) -> None:
        assert panel.state() == state
        for widget in panel.findChildren(QWidget):
            if widget.isVisible() and isinstance(widget, (QAbstractButton, QLineEdit, QProgressBar)):
                assert widget.accessibleName(), (state, widget.objectName())

    check("empty")
    panel.show_busy("Alpha", "POST https://api.example.com/v1/realtime/client_secrets")
    check("busy")
    panel.end_busy()
    panel.show_result(_result(clock.now + 600), "Alpha")
    check("result")
    clock.now += 601
    panel.tick()
    check("expired")
    panel.show_error(NetworkError("No route."), ("Retry", lambda: None), ("Model", lambda: None))
    check("error")
