"""The window never overwrites a change made outside it.

Another program (the command line, another window) works on the same folder
through a store of its own while the window is open: the list follows, the
open configuration is reloaded when it has no unsaved edits, and Save asks
when it has, whatever is replaced going to ``trash/`` first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLabel
from ui_support import FakeDialogs, WindowFactory, edit_base_url, saved

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.shell.frame import MainWindow
from realtime_gui.ui.window.editing import KEEP_BOTH, KEEP_MINE, TAKE_THEIRS
from realtime_gui.ui.window.folder_watch import FileMark

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

MINE, THEIRS = "http://localhost:1/v1", "Theirs."


def _status(window: MainWindow) -> str:
    return " ".join(label.text() for label in window.statusBar().findChildren(QLabel))


def _listed(window: MainWindow) -> tuple[list[str], str | None, str]:
    """The names listed, the one selected and the one open."""
    return window.config_list.names(), window.config_list.current_name(), window.bench.editing.current_name()


def _theirs(other: ConfigStore, name: str) -> None:
    """Another program saves ``name`` with other instructions."""
    config = Configuration.from_data(name, other.load(name))
    config.values["instructions"] = THEIRS
    other.save(name, config.to_data())


def _trashed(store: ConfigStore) -> list[Any]:
    return [json.loads(p.read_text()) for p in sorted((store.root / "trash").glob("*.json"))]


@pytest.fixture
def other(store: ConfigStore) -> ConfigStore:
    """The other program's store, on the same folder."""
    return ConfigStore(store.root)


def test_the_list_follows_files_added_removed_and_renamed_outside(qtbot: Any, make_window: WindowFactory,
                                                                    store: ConfigStore, other: ConfigStore) -> None:
    window = make_window(Configuration.new("A"), Configuration.new("B"))
    window.bench.editing.select_configuration("B")
    saved(other, Configuration.new("C"))
    qtbot.waitUntil(lambda: _listed(window) == (["A", "B", "C"], "B", "B"))
    other.delete("A")
    qtbot.waitUntil(lambda: _listed(window) == (["B", "C"], "B", "B"))
    other.rename("B", "Bee")  # the open one: followed, not lost
    qtbot.waitUntil(lambda: _listed(window) == (["Bee", "C"], "Bee", "Bee"))
    assert "renamed to “Bee”" in _status(window)
    other.delete("Bee")
    qtbot.waitUntil(lambda: _listed(window) == (["C"], "C", "C"))
    assert "deleted outside" in _status(window)


def test_a_configuration_the_command_line_makes_is_listed(qtbot: Any, make_window: WindowFactory,
                                                          store: ConfigStore) -> None:
    window = make_window(Configuration.new("A"))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}  # REALTIME_GUI_HOME is set
    subprocess.run([sys.executable, "-m", "realtime_gui", "configs", "new", "From CLI"], env=env, check=True,
                   capture_output=True, timeout=60)
    qtbot.waitUntil(lambda: _listed(window) == (["A", "From CLI"], "A", "A"))


def test_an_unedited_configuration_changed_outside_is_reloaded(qtbot: Any, make_window: WindowFactory,
                                                                 other: ConfigStore, dialogs: FakeDialogs) -> None:
    window = make_window(Configuration.new("A"))
    _theirs(other, "A")
    qtbot.waitUntil(lambda: window.bench.editing.current_configuration().values.get("instructions") == THEIRS)
    assert "changed outside this window; reloaded" in _status(window)
    assert not window.bench.editing.is_dirty() and dialogs.asked == []


def test_nothing_changes_under_an_open_question(qtbot: Any, make_window: WindowFactory,
                                                 other: ConfigStore) -> None:
    window = make_window(Configuration.new("A"))
    question = QDialog(window)
    question.setModal(True)
    question.show()
    _theirs(other, "A")
    qtbot.wait(500)  # the watch has seen it by now, and waits
    assert window.bench.editing.current_configuration().values.get("instructions") is None
    question.close()
    qtbot.waitUntil(lambda: window.bench.editing.current_configuration().values.get("instructions") == THEIRS)


def test_a_save_made_here_is_not_taken_for_an_outside_change(qtbot: Any, make_window: WindowFactory,
                                                              store: ConfigStore, dialogs: FakeDialogs) -> None:
    window = make_window(Configuration.new("A"))
    for url in (MINE, "http://localhost:2/v1"):
        edit_base_url(window, url)
        assert window.bench.editing.save()
        mark = FileMark(store.path_of("A"))
        qtbot.wait(400)  # the folder watch has looked by now
        assert not mark.changed()
    assert dialogs.asked == [] and store.load("A")["connection"]["base_url"] == "http://localhost:2/v1"
    assert not list(store.root.glob("trash/*"))


@pytest.mark.parametrize("answer", [KEEP_MINE, TAKE_THEIRS, KEEP_BOTH, "Cancel"])
def test_save_asks_when_edits_meet_an_outside_change(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                     other: ConfigStore, dialogs: FakeDialogs, answer: str) -> None:
    window = make_window(Configuration.new("A"))
    edit_base_url(window, MINE)
    _theirs(other, "A")  # Save asks whether or not the watch has noticed yet
    dialogs.answers = [answer]
    assert window.bench.editing.save() == (answer != "Cancel")
    assert dialogs.asked[-1][0] == "Changed outside this window" and dialogs.defaults[-1] == KEEP_BOTH
    on_disk = Configuration.from_data("A", store.load("A"))
    shown = window.bench.editing.current_configuration()
    if answer == KEEP_MINE:
        assert (on_disk.connection.get("base_url"), on_disk.values.get("instructions")) == (MINE, None)
        assert [t["values"].get("instructions") for t in _trashed(store)] == [THEIRS]
    elif answer == TAKE_THEIRS:
        assert shown == on_disk and on_disk.values["instructions"] == THEIRS
        assert [t["connection"].get("base_url") for t in _trashed(store)] == [MINE]
    elif answer == KEEP_BOTH:
        assert on_disk.values["instructions"] == THEIRS and _trashed(store) == []
        assert _listed(window) == (["A", "A (mine)"], "A (mine)", "A (mine)")
        assert store.load("A (mine)")["connection"]["base_url"] == MINE
    else:
        assert window.bench.editing.is_dirty() and shown.connection["base_url"] == MINE
    if answer != "Cancel":
        assert not window.bench.editing.is_dirty()
        assert window.bench.editing.save() and len(dialogs.asked) == 1  # settled: no second question


def test_renaming_here_keeps_an_outside_change_in_mind(qtbot: Any, make_window: WindowFactory,
                                                        store: ConfigStore, other: ConfigStore,
                                                        dialogs: FakeDialogs) -> None:
    window = make_window(Configuration.new("A"))
    edit_base_url(window, MINE)
    _theirs(other, "A")
    dialogs.texts = ["B"]
    window.window_actions.rename.trigger()
    dialogs.answers = [KEEP_MINE]
    assert window.bench.editing.save()
    assert dialogs.asked[-1][0] == "Changed outside this window"
    assert [t["values"].get("instructions") for t in _trashed(store)] == [THEIRS]
    edit_base_url(window, "http://localhost:2/v1")
    assert window.bench.editing.save() and len(dialogs.asked) == 1  # a rename alone is no outside change


def test_unsaved_edits_are_never_replaced_by_an_outside_change(qtbot: Any, make_window: WindowFactory,
                                                               store: ConfigStore, other: ConfigStore) -> None:
    window = make_window(Configuration.new("A"))
    edit_base_url(window, MINE)
    _theirs(other, "A")
    qtbot.waitUntil(lambda: "Save will ask" in _status(window))
    assert window.bench.editing.is_dirty()
    assert window.bench.editing.current_configuration().connection["base_url"] == MINE


def test_file_mark_sees_content_not_just_times(tmp_path: Path) -> None:
    path = tmp_path / "A.json"
    path.write_text("{}")
    mark = FileMark(path)
    path.write_text("{}")  # rewritten, same content
    assert not mark.changed()
    path.write_text('{"a": 1}')
    assert mark.changed()
    path.unlink()
    assert mark.changed() and not FileMark(path).changed()
