"""The configuration open in the window: unsaved changes, saving, switching.

First driven through the window like a user would, with everything the window
touches injected (see conftest.py and ui_support.py); then
:class:`OpenConfiguration` on its own, with its editors but no window.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QWidget
from ui_support import FakeDialogs, WindowFactory, child, edit_base_url, saved

from realtime_gui.core.catalog.declaration import ENDPOINTS
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.connection import ConnectionSection
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.editing import FIRST_NAME, OpenConfiguration
from realtime_gui.ui.window.endpoint_bar import EndpointBar
from realtime_gui.ui.window.workbench import endpoint_selector

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_unsaved_changes_are_marked_and_asked_about(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                    dialogs: FakeDialogs) -> None:
    saved(store, Configuration.new("A"))
    saved(store, Configuration.new("B"))
    window = make_window()
    assert window.bench.editing.current_name() == "A"
    edit_base_url(window, "http://localhost:9/v1")
    assert window.bench.editing.is_dirty() and window.isWindowModified()
    assert window.config_list.row_data("A") == "A •"
    assert window.config_list.row_data("A", Qt.ItemDataRole.FontRole).italic()

    dialogs.answers = ["Cancel"]
    assert not window.bench.editing.select_configuration("B")
    assert window.bench.editing.current_name() == "A" and window.bench.editing.is_dirty()
    assert window.config_list.current_name() == "A"

    dialogs.answers = ["Discard"]
    assert window.bench.editing.select_configuration("B")
    assert window.bench.editing.current_name() == "B" and not window.bench.editing.is_dirty()
    assert "base_url" not in store.load("A")["connection"]

    window.bench.editing.select_configuration("A")
    edit_base_url(window, "http://localhost:9/v1")
    dialogs.answers = ["Save"]
    assert window.bench.editing.select_configuration("B")
    assert store.load("A")["connection"]["base_url"] == "http://localhost:9/v1"
    assert len(dialogs.asked) == 3


def test_closing_with_unsaved_changes_asks_first(qtbot: Any, make_window: WindowFactory,
                                                 dialogs: FakeDialogs) -> None:
    window = make_window()
    edit_base_url(window, "http://localhost:9/v1")
    dialogs.answers = ["Cancel"]
    assert not window.close()
    assert window.isVisible()
    dialogs.answers = ["Discard"]
    assert window.close()


def test_ctrl_s_saves(qtbot: Any, make_window: WindowFactory, store: ConfigStore) -> None:
    window = make_window()
    assert store.list() == ["Default"]  # the first run makes one to edit
    edit_base_url(window, "http://localhost:9/v1")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.bench.editing.is_dirty()
    assert store.load("Default")["connection"]["base_url"] == "http://localhost:9/v1"


def test_choosing_another_endpoint_marks_the_change(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.bench.preview)
    selector = child(window, QWidget, "endpoint_selector")
    selector.setCurrentIndex(selector.findData("beta"))
    assert window.bench.editing.current_configuration().endpoint == "beta"
    assert window.bench.editing.is_dirty()
    assert window.window_actions.convert.isEnabled()
    qtbot.waitUntil(lambda: "/v1/realtime/sessions" in window.bench.preview.text())
    assert "OpenAI-Beta: realtime=v1" in window.bench.preview.text()


def test_switching_configurations_shows_each_one(qtbot: Any, make_window: WindowFactory, store: ConfigStore) -> None:
    # How fast this is is measured by benchmarks/bench_gui.py (switching); a test never asserts time.
    for n in range(5):
        store.create(f"config {n:03d}", Configuration.new(f"config {n:03d}", "beta").to_data())
    tools = [{"type": "function", "name": f"tool_{n}", "description": f"Tool number {n}",
              "parameters": {"type": "object", "properties": {}}} for n in range(128)]
    big = Configuration.new("big")
    big.values["tools"] = tools
    saved(store, big)
    window = make_window()
    for name in ("big", "config 003", "big", "config 004"):
        assert window.bench.editing.select_configuration(name)
        shown = window.bench.editing.current_configuration()
        assert (shown.name, shown.endpoint) == ((name, "ga") if name == "big" else (name, "beta"))
        assert shown.values.get("tools") == (tools if name == "big" else None)


# The controller on its own: its editors, but no window around them.

Seen = list[tuple[str, bool]]


def _open_configuration(qtbot: Any, store: ConfigStore, keys: ApiKeys, dialogs: FakeDialogs
                        ) -> tuple[OpenConfiguration, ConnectionSection, Seen, Seen]:
    """The controller, the connection section it edits, the titles it showed and what it said it showed."""
    actions = QAction("Mint"), QAction("Cancel")
    bar, form, connection, names = EndpointBar(*actions), FormView(), ConnectionSection(), ConfigList([], [])
    for widget in (bar, form, connection, names):
        qtbot.addWidget(widget)
    bar.offer(ENDPOINTS.values(), endpoint_selector(ENDPOINTS.values()))
    names.set_names(store.list())
    titles: Seen = []
    shown: Seen = []
    editing = OpenConfiguration(
        store=store, keys=keys, bar=bar, form=form, connection=connection, names=names, ask=dialogs.ask,
        tell=dialogs.tell, show_status=lambda _text: None, show_title=lambda *title: titles.append(title),
        on_shown=lambda config, opened: shown.append((config.name, opened)))
    connection.changed.connect(editing.edited)
    return editing, connection, titles, shown


def test_open_configuration_alone_tracks_unsaved_changes(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                         dialogs: FakeDialogs) -> None:
    saved(store, Configuration.new("A"))
    saved(store, Configuration.new("B"))
    editing, connection, titles, shown = _open_configuration(qtbot, store, keys, dialogs)
    editing.open_initial()
    assert editing.current_name() == "A" and not editing.is_dirty()
    assert titles[-1] == ("A", False) and shown[-1] == ("A", True)
    base_url = child(connection, QLineEdit, "connection.base_url")
    base_url.selectAll()
    qtbot.keyClicks(base_url, "http://localhost:9/v1")  # typed: only a user's edits count as changes
    assert editing.is_dirty() and titles[-1] == ("A", True) and shown[-1] == ("A", False)
    dialogs.answers = ["Save"]
    assert editing.select_configuration("B")
    assert store.load("A")["connection"]["base_url"] == "http://localhost:9/v1"
    assert editing.current_name() == "B" and shown[-1] == ("B", True)


def test_open_configuration_alone_makes_one_on_the_first_run(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                             dialogs: FakeDialogs) -> None:
    editing, _, _, _ = _open_configuration(qtbot, store, keys, dialogs)
    editing.open_initial()
    assert store.list() == [FIRST_NAME] and editing.current_name() == FIRST_NAME


def test_the_first_runs_configuration_starts_from_the_preferences(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                                  dialogs: FakeDialogs) -> None:
    from realtime_gui.core.library.preferences import NEW_BASE_URL, load_preferences

    prefs = load_preferences()  # the app folder of this test (conftest gives each its own)
    prefs.set(NEW_BASE_URL.key, "https://proxy.example/v1")
    prefs.save()
    editing, _, _, _ = _open_configuration(qtbot, store, keys, dialogs)
    editing.open_initial()
    assert store.load(FIRST_NAME)["connection"]["base_url"] == "https://proxy.example/v1"
