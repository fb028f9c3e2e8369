"""The Preferences dialog and what the window takes from the preferences; the About box."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, running_server
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMenu, QWidget
from ui_support import FakeClock, WindowFactory, child, local, mint_and_wait, saved

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.preferences import PREFERENCES, load_preferences
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.ui.dialogs.preferences import PreferencesDialog
from realtime_gui.ui.style.theme import apply_theme

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def _platform_is_dark() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 100


def _choose(combo: QComboBox, text: str) -> None:
    """Pick the item starting with ``text``, as a click would (the editors hear ``activated``)."""
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _dialog(qtbot: Any, home: Path) -> PreferencesDialog:
    dialog = PreferencesDialog(load_preferences(home / "settings.json"))
    qtbot.addWidget(dialog)
    return dialog


def test_every_preference_has_an_editor_showing_its_value_or_default(qtbot: Any, home: Path) -> None:
    dialog = _dialog(qtbot, home)
    assert list(dialog.settings) == [p.key for p in PREFERENCES]
    for pref in PREFERENCES:
        assert dialog.findChild(QWidget, f"pref.{pref.key}") is not None
    theme = child(dialog, QComboBox, "pref.window.theme")
    assert theme.currentText().startswith("system")
    base_url = child(dialog, QLineEdit, "pref.new.base_url")
    assert base_url.text() == "" and base_url.placeholderText().startswith("https://api.openai.com/v1")


def test_ok_saves_what_changed_and_only_that(qtbot: Any, home: Path) -> None:
    dialog = _dialog(qtbot, home)
    theme = child(dialog, QComboBox, "pref.window.theme")
    _choose(theme, "dark")
    qtbot.keyClicks(child(dialog, QLineEdit, "pref.new.base_url"), "https://proxy.example/v1")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    stored = json.loads((home / "settings.json").read_text())["values"]
    assert stored == {"window.theme": "dark", "new.base_url": "https://proxy.example/v1"}
    again = _dialog(qtbot, home)
    assert child(again, QComboBox, "pref.window.theme").currentText().startswith("dark")
    child(again, QWidget, "pref.window.theme.reset").click()  # back to the default: not stored
    again.accept()
    assert json.loads((home / "settings.json").read_text())["values"] == {"new.base_url": "https://proxy.example/v1"}


def test_a_refused_value_is_named_beside_its_setting_and_nothing_is_saved(qtbot: Any, home: Path) -> None:
    dialog = _dialog(qtbot, home)
    dialog.show()
    qtbot.keyClicks(child(dialog, QLineEdit, "pref.new.base_url"), "ftp://nope")
    dialog.accept()
    assert dialog.isVisible() and not (home / "settings.json").exists()
    problem = dialog.settings["new.base_url"].problem
    assert problem.isVisible() and "http:// or https:// URL" in problem.text()


def test_edit_menu_opens_preferences_with_ctrl_comma_and_theme_applies(
        qtbot: Any, make_window: WindowFactory, home: Path) -> None:
    window = make_window()
    action = window.window_actions.preferences
    assert action.shortcut() == QKeySequence("Ctrl+,")
    edit_menu = next(menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&Edit")
    assert action in edit_menu.actions()
    dialog = window.bench.preferences.open_dialog()
    theme = child(dialog, QComboBox, "pref.window.theme")
    _choose(theme, "dark")
    dialog.accept()
    try:
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 100
        assert QApplication.palette().color(QPalette.ColorRole.WindowText).lightness() > 150
    finally:
        apply_theme("system")
    assert QGuiApplication.styleHints().colorScheme() != Qt.ColorScheme.Dark or _platform_is_dark()


def test_clipboard_is_cleared_after_the_preferred_seconds(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, clock: FakeClock) -> None:
    prefs = load_preferences()
    prefs.set("clipboard.clear_after", 30)
    prefs.save()
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        saved(store, local(server))
        window = make_window()
        result, _ = mint_and_wait(qtbot, window)
    window.bench.result_panel.copy("secret")
    clock.now += 29
    window.bench.result_panel.tick()
    assert QApplication.clipboard().text() == result.value
    clock.now += 2  # long before the secret itself expires
    window.bench.result_panel.tick()
    assert QApplication.clipboard().text() == ""


def test_a_bad_settings_file_is_shown_in_the_status_bar_and_the_window_opens(
        qtbot: Any, make_window: WindowFactory, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.json").write_text('{"format": 1, "values": {"window.theme": "pink"}}')
    window = make_window()
    status = window.statusBar()
    qtbot.waitUntil(lambda: any("settings.json" in label.text() and "window.theme" in label.text()
                                for label in status.findChildren(QLabel)))
