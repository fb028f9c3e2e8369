"""Editors of text: one line, a few lines, lists of lines, secrets and JSON, on throwaway fields."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.text_types import Json, Secret, StringList, Text
from realtime_gui.ui.form.all_editors import make_editor
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.form.text_editors import (
    JsonEditor,
    LineEditor,
    MultilineEditor,
    SecretEditor,
    StringListEditor,
    SuggestEditor,
)

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

CTX = EditorContext("ga", "ga")


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_text_type_picks_a_line_a_box_or_suggestions(parent: QWidget) -> None:
    assert type(make_editor(Field("a", "A", "", type=Text()), CTX, parent)) is LineEditor
    assert type(make_editor(Field("a", "A", "", type=Text(multiline=True)), CTX, parent)) is MultilineEditor
    assert type(make_editor(Field("a", "A", "", type=Text(suggestions=("x",))), CTX, parent)) is SuggestEditor
    assert type(make_editor(Field("a", "A", "", type=StringList()), CTX, parent)) is StringListEditor
    assert type(make_editor(Field("a", "A", "", type=Secret()), CTX, parent)) is SecretEditor
    assert type(make_editor(Field("a", "A", "", type=Json()), CTX, parent)) is JsonEditor


@pytest.mark.parametrize("kind", [LineEditor, MultilineEditor])
def test_a_text_box_shows_its_text_and_the_default_as_placeholder(parent: QWidget, kind: type[Any]) -> None:
    editor = kind(Field("a", "A", "", type=Text()), CTX, parent)
    editor.show_default(NOT_SET, "the service's own")
    assert editor.read() is NOT_SET and editor.edit.placeholderText() == "the service's own"
    editor.load("hello")
    assert editor.read() == "hello" and editor.edit.placeholderText() == ""
    editor.load(5)
    assert editor.value() == 5 and editor.read() is NOT_SET  # kept, not shown


def test_a_list_of_lines_drops_blank_lines_and_spaces(parent: QWidget) -> None:
    editor = StringListEditor(Field("a", "A", "", type=StringList()), CTX, parent)
    editor.load(["x", "y"])
    assert editor.edit.toPlainText() == "x\ny" and editor.edit.placeholderText() == "One per line"
    editor.edit.setPlainText(" x \n\n z ")
    assert editor.read() == ["x", "z"]
