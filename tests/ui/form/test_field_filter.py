"""Find a field (Ctrl+F): the form keeps the rows whose label, wire path or
help holds what is typed; Escape or an empty filter shows them all again."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from ui_support import WindowFactory, child

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.endpoint_form import EndpointForm
from realtime_gui.ui.shell.frame import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def _form(window: MainWindow) -> EndpointForm:
    form = window.bench.form.built_form()
    assert form is not None
    return form


def _shown(window: MainWindow) -> set[str]:
    form = _form(window)
    return {row.path for row in form.rows if row.chip.isVisibleTo(form)}


def _sections(window: MainWindow) -> set[str]:
    form = _form(window)
    return {title for title, section in form.sections.items() if section.isVisibleTo(form)}


def _type(qtbot: Any, window: MainWindow, text: str) -> QLineEdit:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    line: QLineEdit = child(window, QLineEdit, "field_filter")
    assert QApplication.focusWidget() is line
    line.selectAll()
    qtbot.keyClicks(line, text)
    return line


def test_ctrl_f_keeps_the_rows_whose_label_matches(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    _type(qtbot, window, "MAX Output")
    assert _shown(window) == {"session.max_output_tokens"}
    assert _sections(window) == {"Sampling and limits"}  # a section with no row left is hidden


def test_a_wire_path_keeps_the_field_and_the_groups_above_it(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    _type(qtbot, window, "turn_detection.threshold")
    assert _shown(window) == {"session.audio.input.turn_detection",
                              "session.audio.input.turn_detection.threshold"}


def test_help_text_matches_and_a_matching_group_keeps_its_fields(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    _type(qtbot, window, "system prompt")  # in the help of Instructions only; every word must appear
    assert _shown(window) == {"session.instructions"}
    _type(qtbot, window, "token limits")
    assert _shown(window) == {"session.truncation", "session.truncation.token_limits",
                              "session.truncation.token_limits.post_instructions"}


def test_escape_and_an_empty_filter_show_everything(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    form = window.bench.form
    collapsed = next(s for s in _form(window).sections.values() if s.title == "Tools")
    collapsed.header.click()  # collapsed by the user: opened while a match is in it, collapsed again after
    everything, sections = _shown(window), _sections(window)
    line = _type(qtbot, window, "parallel")
    assert _shown(window) == {"session.parallel_tool_calls"} and collapsed.expanded()
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert line.text() == "" and _shown(window) == everything and _sections(window) == sections
    assert not collapsed.expanded()
    _type(qtbot, window, "no such field anywhere")
    assert _shown(window) == set() and child(form, QLabel, "field_filter_none").isVisibleTo(form)
    line.clear()
    assert _shown(window) == everything and not child(form, QLabel, "field_filter_none").isVisibleTo(form)


def test_the_filter_follows_another_endpoint(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    _type(qtbot, window, "voice")
    window.endpoint_bar.set_endpoint("beta")
    window.bench.editing.endpoint_changed("beta")
    shown = _shown(window)
    assert {"voice", "speed"} <= shown and "instructions" not in shown
