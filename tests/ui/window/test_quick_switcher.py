"""Ctrl+K: type a few letters, jump to a configuration or a field."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from ui_support import FakeDialogs, WindowFactory, child, edit_base_url, saved

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.shell.frame import MainWindow
from realtime_gui.ui.window.quick_switcher import CONFIGURATION, FIELD, QuickSwitcher, Target, rank

# The offscreen platform can't grab the keyboard for a popup; the popup works without.
pytestmark = [pytest.mark.gui,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support grabbing the keyboard",
                                        "does not support raise")]


def test_rank_puts_the_closest_first() -> None:
    targets = [Target(CONFIGURATION, "Demo temp", "Demo temp"),
               Target(FIELD, "session.temperature", "Temperature", "session.temperature"),
               Target(FIELD, "session.audio.output.voice", "Voice", "session.audio.output.voice"),
               Target(CONFIGURATION, "tiny empty map", "tiny empty map")]
    # A prefix of the label, then a word's start, then the letters in order:
    assert [t.title for t in rank("temp", targets)] == ["Temperature", "Demo temp", "tiny empty map"]
    assert [t.title for t in rank("output.voice", targets)] == ["Voice"]  # the wire path counts
    assert rank("zzz", targets) == [] and rank("", targets) == targets


def _switch(qtbot: Any, window: MainWindow, text: str) -> QuickSwitcher:
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    switcher = window.findChild(QuickSwitcher, "quick_switcher")
    assert switcher is not None and switcher.isVisible()
    line = child(switcher, QLineEdit, "quick_switcher_line")
    assert QApplication.focusWidget() is line
    qtbot.keyClicks(line, text)
    return switcher


def test_ctrl_k_jumps_to_a_configuration(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                         dialogs: FakeDialogs) -> None:
    for name in ("alpha", "gamma", "gamut"):
        saved(store, Configuration.new(name))
    window = make_window()
    switcher = _switch(qtbot, window, "gamu")
    assert switcher.shown()[0] == Target(CONFIGURATION, "gamut", "gamut")
    qtbot.keyClick(child(switcher, QLineEdit, "quick_switcher_line"), Qt.Key.Key_Return)
    assert not switcher.isVisible()
    assert window.bench.editing.current_name() == "gamut" and window.config_list.current_name() == "gamut"

    edit_base_url(window, "http://localhost:9/v1")  # unsaved: asked about, as a click in the list would
    dialogs.answers = ["Cancel"]
    switcher = _switch(qtbot, window, "alpha")
    qtbot.keyClick(child(switcher, QLineEdit, "quick_switcher_line"), Qt.Key.Key_Return)
    assert dialogs.asked[-1][0] == "Unsaved changes"
    assert window.bench.editing.current_name() == "gamut" and window.config_list.current_name() == "gamut"


def test_ctrl_k_jumps_to_a_field_in_a_collapsed_section(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    form = window.bench.form.built_form()
    assert form is not None
    section = form.sections["Turn detection"]
    section.header.click()
    assert not section.expanded()
    window.tabs.setCurrentIndex(1)  # the preview: the form's tab comes forward
    switcher = _switch(qtbot, window, "threshold")
    line = child(switcher, QLineEdit, "quick_switcher_line")
    qtbot.keyClick(line, Qt.Key.Key_Down)
    qtbot.keyClick(line, Qt.Key.Key_Up)
    assert switcher.shown()[0].key == "session.audio.input.turn_detection.threshold"
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == 0 and section.expanded()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.bench.form.editor(
        "session.audio.input.turn_detection.threshold"))


def test_a_field_the_filter_hides_is_shown_when_jumped_to(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    window.bench.finding.field_filter.line.setText("voice")
    switcher = _switch(qtbot, window, "max output")
    qtbot.keyClick(child(switcher, QLineEdit, "quick_switcher_line"), Qt.Key.Key_Return)
    assert window.bench.finding.field_filter.text() == ""
    editor = window.bench.form.editor("session.max_output_tokens")
    assert editor is not None and editor.isVisibleTo(window)


def test_escape_closes_the_switcher(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    switcher = _switch(qtbot, window, "mod")
    qtbot.keyClick(child(switcher, QLineEdit, "quick_switcher_line"), Qt.Key.Key_Escape)
    assert not switcher.isVisible() and window.bench.editing.current_name() == "A"
