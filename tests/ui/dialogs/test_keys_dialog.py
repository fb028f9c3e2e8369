"""The Keys dialog, opened from the window.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py). The dialog asks the keyring on a
worker: after opening it and after each click, the test waits for the answer.
"""

from __future__ import annotations

from typing import Any

import pytest
from keyring_support import GatedBackend
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from ui_support import FakeDialogs, WindowFactory, child

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import KeyringStore, MemoryStore
from realtime_gui.ui.dialogs.keys_dialog import KeysDialog

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def _settled(qtbot: Any, dialog: KeysDialog) -> KeysDialog:
    qtbot.waitUntil(lambda: not dialog.busy())
    return dialog


def test_keys_dialog_adds_replaces_and_deletes(qtbot: Any, make_window: WindowFactory, keys: ApiKeys,
                                               dialogs: FakeDialogs) -> None:
    window = make_window()
    dialog = _settled(qtbot, window.bench.open_keys())
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
    _settled(qtbot, dialog)
    assert keys.resolve("work").api_key == "sk-test-work-0000000001"
    assert keys.resolve("work").source == "keyring (work)"
    tree = child(dialog, QWidget, "key_list")
    assert [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())] == ["keyring (work)"]

    child(dialog, QLineEdit, "key_name").setText("work")
    value.setText("sk-test-work-0000000002")
    assert save.text() == "Replace"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # asks; the scripted user keeps the old key
    _settled(qtbot, dialog)
    assert dialogs.asked[-1][0] == "Replace key"
    assert keys.resolve("work").api_key.endswith("1")
    dialogs.answers = ["Replace"]
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    _settled(qtbot, dialog)
    assert keys.resolve("work").api_key.endswith("2")

    dialogs.answers = ["Delete"]
    qtbot.mouseClick(child(dialog, QPushButton, "delete_key"), Qt.MouseButton.LeftButton)
    _settled(qtbot, dialog)
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
    dialog = _settled(qtbot, window.bench.open_keys())
    banner = child(dialog, QLabel, "keyring_unavailable")
    assert banner.isVisible() and "locked (test)" in banner.text()
    this_run = child(dialog, QWidget, "this_run_only")
    assert this_run.isChecked() and not this_run.isEnabled()
    child(dialog, QLineEdit, "key_value").setText("sk-test-session-00000001")
    qtbot.mouseClick(child(dialog, QPushButton, "save_key"), Qt.MouseButton.LeftButton)
    _settled(qtbot, dialog)
    assert keys.resolve("default").source == "this run only (default)"
    qtbot.waitUntil(lambda: "this run only" in child(window, QLabel, "key_source").text())


def test_enter_saves_the_key_typed_and_never_deletes(qtbot: Any, make_window: WindowFactory, keys: ApiKeys,
                                                      dialogs: FakeDialogs) -> None:
    keys.set("work", "sk-test-work-0000000001")
    window = make_window()
    dialog = _settled(qtbot, window.bench.open_keys())
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert child(dialog, QWidget, "key_list").currentItem().text(0) == "work"  # selected, Delete enabled
    name, value = child(dialog, QLineEdit, "key_name"), child(dialog, QLineEdit, "key_value")

    # A new name: Enter in the key field adds it, asking nothing.
    name.setText("home")
    value.setFocus()
    qtbot.keyClicks(value, "sk-test-home-0000000001")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    _settled(qtbot, dialog)
    assert keys.resolve("home").api_key == "sk-test-home-0000000001"
    assert dialogs.asked == []

    # An existing name: Enter asks before replacing, and only about replacing.
    name.setText("work")
    value.setFocus()
    qtbot.keyClicks(value, "sk-test-work-0000000002")
    dialogs.answers = ["Replace"]
    qtbot.keyClick(value, Qt.Key.Key_Return)
    _settled(qtbot, dialog)
    assert [title for title, _ in dialogs.asked] == ["Replace key"]
    assert keys.resolve("work").api_key.endswith("2")

    # Enter with the Delete button focused deletes nothing either.
    delete = child(dialog, QPushButton, "delete_key")
    delete.setFocus()
    qtbot.keyClick(delete, Qt.Key.Key_Return)
    _settled(qtbot, dialog)
    assert {info.name for info in keys.list()} == {"home", "work"}
    assert all(title != "Delete key" for title, _ in dialogs.asked)


def test_a_blocking_keyring_never_holds_up_the_keys_dialog(qtbot: Any, make_window: WindowFactory,
                                                           dialogs: FakeDialogs, pool: QThreadPool) -> None:
    """Opening the dialog, adding and deleting a key each wait for the keyring on a
    worker: meanwhile the window's timers run, the dialog says what it waits for
    and its buttons are disabled; the answer shows when the keyring lets go."""
    backend = GatedBackend()
    keys = ApiKeys(KeyringStore(backend))
    window = make_window(keys=keys, pool=pool)
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0)
    ticks: list[int] = []
    timer = QTimer(window, interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()

    def blocked_then_released(what: str) -> None:
        """The dialog waits for the keyring, the window runs on; then let the keyring go."""
        qtbot.waitUntil(backend.waiting.is_set)
        before = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) > before + 2)  # the event loop runs while the keyring is stuck
        assert dialog.busy() and what in child(dialog, QLabel, "key_status").text()
        assert not child(dialog, QPushButton, "save_key").isEnabled()
        assert not child(dialog, QPushButton, "delete_key").isEnabled()
        backend.gate.set()
        _settled(qtbot, dialog)

    backend.close_gate()
    dialog = window.bench.open_keys()
    blocked_then_released("Looking in the keyring")
    assert child(dialog, QLabel, "key_status").text() == ""

    child(dialog, QLineEdit, "key_name").setText("work")
    child(dialog, QLineEdit, "key_value").setText("sk-test-work-0000000001")
    backend.close_gate()
    qtbot.mouseClick(child(dialog, QPushButton, "save_key"), Qt.MouseButton.LeftButton)
    blocked_then_released("Saving the key “work”")
    assert child(dialog, QLabel, "key_status").text() == "Saved the key “work” in the keyring."
    assert child(dialog, QLineEdit, "key_value").text() == ""
    tree = child(dialog, QWidget, "key_list")
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == ["work"]

    dialogs.answers = ["Delete"]
    tree.setCurrentItem(tree.topLevelItem(0))
    backend.close_gate()
    qtbot.mouseClick(child(dialog, QPushButton, "delete_key"), Qt.MouseButton.LeftButton)
    blocked_then_released("Deleting the key “work”")
    assert child(dialog, QLabel, "key_status").text() == "Deleted the key “work”."
    assert tree.topLevelItemCount() == 0
    assert backend.on_main_thread() == []
    timer.stop()


def test_a_key_the_keyring_refuses_stays_typed(qtbot: Any, make_window: WindowFactory) -> None:
    backend = GatedBackend()
    keys = ApiKeys(KeyringStore(backend))
    window = make_window(keys=keys)
    dialog = _settled(qtbot, window.bench.open_keys())
    backend.locked = True  # locked after the dialog looked: the save is what fails
    child(dialog, QLineEdit, "key_value").setText("sk-test-kept-0000000001")
    qtbot.mouseClick(child(dialog, QPushButton, "save_key"), Qt.MouseButton.LeftButton)
    _settled(qtbot, dialog)
    assert "keyring" in child(dialog, QLabel, "key_status").text().lower()
    assert "sk-test-kept" not in child(dialog, QLabel, "key_status").text()
    assert child(dialog, QLineEdit, "key_value").text() == "sk-test-kept-0000000001"
    assert child(dialog, QPushButton, "save_key").isEnabled()
