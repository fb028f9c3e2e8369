"""The list of configuration names.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QListView
from ui_support import FakeDialogs, WindowFactory, child, saved

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_the_filter_hides_other_names(make_window: WindowFactory, store: ConfigStore) -> None:
    for name in ("alpha", "beta one", "Beta two"):
        saved(store, Configuration.new(name))
    window = make_window()
    child(window, QLineEdit, "config_filter").setText("beta")
    assert window.config_list.shown_names() == ["beta one", "Beta two"]


def _shown_and_selected(window: Any) -> tuple[str, str | None]:
    return window.bench.editing.current_name(), window.config_list.current_name()


def test_del_in_the_list_deletes_after_asking_and_enter_keeps(qtbot: Any, make_window: WindowFactory,
                                                                store: ConfigStore, dialogs: FakeDialogs) -> None:
    for name in ("A", "B", "C"):
        saved(store, Configuration.new(name))
    window = make_window()
    window.bench.editing.select_configuration("B")
    names = child(window, QListView, "config_list")
    names.setFocus()
    qtbot.keyClick(names, Qt.Key.Key_Delete)  # unanswered: the "no" button
    assert dialogs.asked[-1][0] == "Delete configuration" and dialogs.defaults[-1] == "Cancel"
    assert store.list() == ["A", "B", "C"]
    dialogs.answers = ["Delete"]
    qtbot.keyClick(names, Qt.Key.Key_Delete)
    assert store.list() == ["A", "C"] and [p.name.split(".")[0] for p in (store.root / "trash").iterdir()] == ["B"]
    assert _shown_and_selected(window) == ("C", "C")


def test_del_in_an_editor_deletes_text_not_the_configuration(qtbot: Any, make_window: WindowFactory,
                                                             store: ConfigStore, dialogs: FakeDialogs) -> None:
    window = make_window(Configuration.new("A"))
    edit = child(window, QLineEdit, "connection.base_url")
    window.bench.connection.set_expanded(True)
    edit.setFocus()
    edit.setCursorPosition(0)
    before = edit.text()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert dialogs.asked == [] and store.list() == ["A"]
    assert edit.text() == before[1:]


def test_ctrl_shift_f_puts_the_cursor_in_the_filter(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("A"))
    filter_box = child(window, QLineEdit, "config_filter")
    filter_box.setText("old")
    qtbot.keyClick(window, Qt.Key.Key_F, _CTRL_SHIFT)
    assert filter_box.selectedText() == "old"
    assert QApplication.focusWidget() is filter_box


def test_the_selected_name_is_always_the_open_configuration(qtbot: Any, make_window: WindowFactory,
                                                            store: ConfigStore, dialogs: FakeDialogs) -> None:
    for name in ("alpha", "beta", "gamma"):
        saved(store, Configuration.new(name))
    window = make_window()
    window.bench.editing.select_configuration("beta")
    filter_box = child(window, QLineEdit, "config_filter")
    for text in ("alp", "zzz", ""):
        filter_box.setText(text)
        assert _shown_and_selected(window) == ("beta", "beta")
    dialogs.texts = ["Beta renamed"]
    window.window_actions.rename.trigger()
    assert _shown_and_selected(window) == ("Beta renamed", "Beta renamed")
    window.window_actions.duplicate.trigger()
    assert _shown_and_selected(window) == ("Beta renamed copy", "Beta renamed copy")
    store.path_of("gamma").write_text("{broken")
    window.config_list.selection_requested.emit("gamma")  # as a click on it would
    assert dialogs.told[-1][0] == "Could not open the configuration"
    assert _shown_and_selected(window) == ("Beta renamed copy", "Beta renamed copy")
    window.bench.library.import_text('{"session": {"type": "realtime"}}', "Pasted")
    assert _shown_and_selected(window) == ("Pasted", "Pasted")


def test_ctrl_shift_f_a_few_letters_and_enter_open_the_first_match(qtbot: Any, make_window: WindowFactory,
                                                                     store: ConfigStore) -> None:
    for name in ("alpha", "beta", "gamma", "gamut"):
        saved(store, Configuration.new(name))
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F, _CTRL_SHIFT)
    filter_box = child(window, QLineEdit, "config_filter")
    qtbot.keyClicks(filter_box, "gam")
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    assert _shown_and_selected(window) == ("gamma", "gamma")
    assert QApplication.focusWidget() is child(window, QListView, "config_list")
