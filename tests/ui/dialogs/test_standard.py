"""The questions the window asks: Enter never picks a button that destroys something.

Every question goes through :class:`Dialogs`. Here the window asks each one
it can ask, with the real message boxes; a watcher presses Enter in each as
a hurried user would, and nothing may be deleted, replaced or thrown away.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget
from ui_support import WindowFactory, child, edit_base_url

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.dialogs.standard import Destructive, Dialogs

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support")]


@pytest.fixture
def dialogs() -> Dialogs:
    """The real dialogs, in place of conftest's scripted ones."""
    return Dialogs()


class _HurriedUser:
    """Presses Enter in every message box or input dialog as soon as it shows,
    noting its title and the default button's text and role."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, QMessageBox.ButtonRole | None]] = {}
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, (QMessageBox, QInputDialog)) or not box.isVisible():
            return
        if isinstance(box, QMessageBox):
            default = box.defaultButton()
            self.seen[box.windowTitle()] = (default.text() if default else "",
                                            box.buttonRole(default) if default else None)
        else:
            self.seen[box.windowTitle()] = ("OK", None)
        QTest.keyClick(box, Qt.Key.Key_Return)

    def stop(self) -> None:
        self._timer.stop()


def test_enter_in_every_question_the_window_asks_destroys_nothing(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys) -> None:
    keys.set("work", "sk-test-kept-000000000001")
    window = make_window(Configuration.new("Alpha"), Configuration.new("Beta"))
    user = _HurriedUser()
    try:
        bench = window.bench
        bench.library.delete()
        assert store.list() == ["Alpha", "Beta"]

        edit_base_url(window, "https://example.test/v1")
        bench.library.new()  # asks about the unsaved edit; Enter saves it
        assert "https://example.test/v1" in json.dumps(store.load("Alpha"))

        bench.library.rename()  # Enter keeps the name offered, the current one

        dialog = bench.open_keys()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: not dialog.busy())
        child(dialog, QLineEdit, "key_name").setText("work")
        child(dialog, QLineEdit, "key_value").setText("sk-test-other-00000000002")
        qtbot.mouseClick(child(dialog, QPushButton, "save_key"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.busy())
        tree = child(dialog, QWidget, "key_list")
        tree.setCurrentItem(tree.topLevelItem(0))
        qtbot.mouseClick(child(dialog, QPushButton, "delete_key"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.busy())
        assert keys.resolve("work").api_key == "sk-test-kept-000000000001"
        dialog.close()

        about = bench.about()
        buttons = about.findChild(QDialogButtonBox)
        assert buttons is not None
        assert all(buttons.buttonRole(b) != QDialogButtonBox.ButtonRole.DestructiveRole for b in buttons.buttons())
        about.close()
    finally:
        user.stop()
    assert {"Delete configuration", "Unsaved changes", "Rename configuration", "Replace key",
            "Delete key"} <= set(user.seen)
    for title, (text, role) in user.seen.items():
        assert role != QMessageBox.ButtonRole.DestructiveRole, (title, text)


@pytest.mark.parametrize("buttons", [
    (Destructive("Delete"), "Cancel"),
    ("Save", Destructive("Discard"), "Cancel"),
    (Destructive("Replace"), "Keep both", "Cancel"),
    ("Keep mine", "Take theirs", "Cancel"),
])
def test_a_destructive_button_is_never_the_default(qtbot: Any, buttons: tuple[str, ...]) -> None:
    seen: list[tuple[str, QMessageBox.ButtonRole]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        default = box.defaultButton()
        seen.append((default.text(), box.buttonRole(default)))
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)
    chosen = Dialogs(QWidget()).ask("Question", "Go ahead?", buttons)
    assert seen and seen[0][1] != QMessageBox.ButtonRole.DestructiveRole
    assert chosen == seen[0][0] and not isinstance(next(b for b in buttons if b == chosen), Destructive)


def _answer_with(qtbot: Any, key: Qt.Key) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None:  # not shown yet
            QTimer.singleShot(20, press)
            return
        qtbot.keyClick(box, key)
    QTimer.singleShot(0, press)


@pytest.mark.parametrize(("default", "enter_picks"), [(None, "Delete"), ("Cancel", "Cancel")])
def test_enter_picks_the_default_and_escape_the_last(qtbot: Any, default: str | None, enter_picks: str) -> None:
    dialogs = Dialogs()
    _answer_with(qtbot, Qt.Key.Key_Return)
    assert dialogs.ask("Delete configuration", "Move it?", ("Delete", "Cancel"), default=default) == enter_picks
    _answer_with(qtbot, Qt.Key.Key_Escape)
    assert dialogs.ask("Delete configuration", "Move it?", ("Delete", "Cancel"), default=default) == "Cancel"
