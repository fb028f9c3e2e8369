"""The standard dialogs: Enter picks the button the question names as its default."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from realtime_gui.ui.dialogs.standard import Dialogs

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


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
