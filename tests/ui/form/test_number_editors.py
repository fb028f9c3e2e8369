"""Number, whole-number, token-limit and true/false editors, on throwaway fields."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.scalar_types import Boolean, Integer, Number, TokenLimit
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.form.number_editors import BooleanEditor, IntegerEditor, NumberEditor, TokenLimitEditor

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

CTX = EditorContext("ga", "ga")


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_a_number_box_shows_ints_and_floats_but_not_booleans(parent: QWidget) -> None:
    editor = NumberEditor(Field("n", "N", "A number.", type=Number(0, 2, step=0.05)), CTX, parent)
    for value in (1, 0.25):
        editor.load(value)
        assert editor.read() == value and editor.spin.specialValueText() == ""
    editor.load(True)
    assert editor.spin.specialValueText() == "" and editor.value() is True  # kept, not shown


def test_a_whole_number_box_has_its_unit_and_refuses_floats(parent: QWidget) -> None:
    editor = IntegerEditor(Field("i", "I", "Whole.", type=Integer(10, 100, unit="seconds")), CTX, parent)
    assert editor.spin.suffix() == " seconds"
    editor.load(42)
    assert editor.read() == 42
    editor.load(4.5)
    assert editor.value() == 4.5 and editor.read() == 10  # kept, shown as nothing: the minimum


def test_not_set_shows_the_default_words_in_place_of_a_number(parent: QWidget) -> None:
    editor = IntegerEditor(Field("i", "I", "Whole.", type=Integer(0, 9)), CTX, parent)
    editor.show_default(NOT_SET, "chosen by the service")
    assert editor.spin.specialValueText() == "chosen by the service"
    assert editor.read() == 0  # the minimum stands behind the words
    editor.touch()
    assert editor.value() == 0


def test_a_token_limit_is_a_number_or_inf(parent: QWidget, qtbot: Any) -> None:
    editor = TokenLimitEditor(Field("t", "T", "Tokens.", type=TokenLimit(1, 4096)), CTX, parent)
    editor.load("inf")
    assert editor.inf.isChecked() and not editor.spin.isEnabled() and editor.read() == "inf"
    editor.load(300)
    assert not editor.inf.isChecked() and editor.spin.isEnabled() and editor.read() == 300
    edits: list[None] = []
    editor.on_edit = lambda: edits.append(None)
    qtbot.mouseClick(editor.inf, Qt.MouseButton.LeftButton)
    assert editor.value() == "inf" and edits


def test_a_check_box_is_partly_checked_while_its_default_is_unknown(parent: QWidget) -> None:
    editor = BooleanEditor(Field("b", "B", "Yes or no.", type=Boolean()), CTX, parent)
    editor.show_default(NOT_SET, "chosen by the service")
    assert editor.box.checkState() == Qt.CheckState.PartiallyChecked
    assert editor.box.text() == "chosen by the service"
    editor.load(True)
    assert editor.read() is True and editor.box.text() == ""
