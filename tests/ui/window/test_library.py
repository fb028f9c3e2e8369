"""What one does with saved configurations: New, Duplicate, Rename, Delete, Import, Export, Convert.

First driven through the window like a user would, with everything the window
touches injected (see conftest.py and ui_support.py); then :class:`Library` on
its own, with a stand-in for the open configuration.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from ui_support import FakeDialogs, WindowFactory, saved

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.library import NEW_NAME, Library

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_new_duplicate_rename_delete(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                     dialogs: FakeDialogs) -> None:
    window = make_window()
    window.window_actions.new.trigger()
    assert window.bench.editing.current_name() == "New configuration"
    assert window.bench.editing.current_configuration().endpoint == "ga"
    window.window_actions.duplicate.trigger()
    assert window.bench.editing.current_name() == "New configuration copy"
    dialogs.texts = ["Renamed"]
    window.window_actions.rename.trigger()
    assert window.bench.editing.current_name() == "Renamed"
    assert "Renamed" in store.list() and window.config_list.current_name() == "Renamed"
    dialogs.answers = ["Delete"]
    window.window_actions.delete.trigger()
    assert "Renamed" not in store.list()
    assert window.bench.editing.current_name() in store.list()
    assert list((store.root / "trash").iterdir())


def test_import_a_raw_body_reports_unknown_fields(make_window: WindowFactory, store: ConfigStore,
                                                  dialogs: FakeDialogs) -> None:
    window = make_window()
    body = {"session": {"type": "realtime", "model": "gpt-realtime", "instructions": "Be brief.",
                        "frobnicate": True}}
    window.bench.library.import_text(json.dumps(body), "Pasted")
    assert window.bench.editing.current_name() == "Pasted"
    assert window.bench.editing.current_configuration().values["instructions"] == "Be brief."
    title, text = dialogs.told[-1]
    assert "session.frobnicate" in text


def test_export_body_holds_no_secret(make_window: WindowFactory, dialogs: FakeDialogs, tmp_path: Path) -> None:
    window = make_window()
    dialogs.save_to = tmp_path / "body.json"
    window.window_actions.export_body.trigger()
    body = json.loads(dialogs.save_to.read_text())
    assert body["session"]["type"] == "realtime"


def test_convert_to_ga_can_replace_the_configuration_when_asked(make_window: WindowFactory, store: ConfigStore,
                                                                 dialogs: FakeDialogs) -> None:
    store.save("Old", Configuration("Old", "beta", {"model": "gpt-4o-realtime-preview", "voice": "ash",
                                                    "temperature": 0.9}).to_data())
    window = make_window()
    assert window.window_actions.convert_replace.isEnabled()
    window.window_actions.convert_replace.trigger()
    assert store.list() == ["Old"]
    saved_now = Configuration.from_data("Old", store.load("Old"))
    assert (saved_now.endpoint, saved_now.values) == ("ga", {"model": "gpt-4o-realtime-preview", "voice": "ash"})
    assert window.bench.editing.current_configuration().endpoint == "ga"
    assert not window.window_actions.convert_replace.isEnabled()
    assert "Temperature" in dialogs.told[-1][1]


# The controller on its own: a stand-in for the open configuration, no window.

class _Opened:
    """The open configuration, as :class:`Library` sees it; records what it was asked."""

    def __init__(self, store: ConfigStore, config: Configuration, settles: bool = True) -> None:
        self.store, self.config, self.settles = store, config, settles
        self.opened: list[str] = []

    def current_name(self) -> str:
        return self.config.name

    def current_configuration(self) -> Configuration:
        return self.config.copy()

    def settle_changes(self, *, revert: bool = True) -> bool:
        return self.settles

    def open_configuration(self, config: Configuration) -> None:
        self.config = config
        self.opened.append(config.name)

    def load_configuration(self, name: str) -> bool:
        self.open_configuration(Configuration.from_data(name, self.store.load(name)))
        return True

    def renamed(self, name: str) -> None:
        self.config.name = name


def _library(qtbot: Any, store: ConfigStore, keys: ApiKeys, dialogs: FakeDialogs,
             current: Configuration) -> tuple[Library, _Opened, ConfigList, list[str]]:
    saved(store, current)
    opened = _Opened(store, current)
    names = ConfigList([], [])
    qtbot.addWidget(names)
    names.set_names(store.list(), select=current.name)
    said: list[str] = []
    library = Library(current=opened, names=names, store=store, keys=keys, dialogs=dialogs, show_status=said.append)
    return library, opened, names, said


def test_library_alone_makes_a_new_configuration_under_a_free_name(
        qtbot: Any, store: ConfigStore, keys: ApiKeys, dialogs: FakeDialogs) -> None:
    library, opened, names, said = _library(qtbot, store, keys, dialogs, Configuration.new(NEW_NAME))
    library.new()
    assert opened.opened == [f"{NEW_NAME} 2"]
    assert store.list() == [NEW_NAME, f"{NEW_NAME} 2"]
    assert names.shown_names() == store.list()
    assert said == [f"Created “{NEW_NAME} 2” for GA client secret (realtime)."]


def test_library_alone_does_nothing_when_the_user_keeps_unsaved_changes(
        qtbot: Any, store: ConfigStore, keys: ApiKeys, dialogs: FakeDialogs) -> None:
    library, opened, _, said = _library(qtbot, store, keys, dialogs, Configuration.new("A"))
    opened.settles = False
    library.new()
    library.duplicate()
    assert library.import_text("{}", "Pasted") is None
    assert store.list() == ["A"] and opened.opened == [] and said == []


def test_library_alone_tells_why_a_rename_failed(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                  dialogs: FakeDialogs) -> None:
    saved(store, Configuration.new("B"))
    library, opened, _, _ = _library(qtbot, store, keys, dialogs, Configuration.new("A"))
    dialogs.texts = ["B"]
    library.rename()
    assert dialogs.told[-1][0] == "Could not rename"
    assert store.list() == ["A", "B"] and opened.current_name() == "A"


def test_library_alone_replaces_the_last_configuration_deleted(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                               dialogs: FakeDialogs) -> None:
    library, opened, _, said = _library(qtbot, store, keys, dialogs, Configuration.new("Only"))
    dialogs.answers = ["Delete"]
    library.delete()
    assert store.list() == [NEW_NAME] and opened.opened == [NEW_NAME]
    assert said[-1] == "Moved “Only” to the trash folder."


def test_library_alone_reports_what_cannot_be_imported(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                       dialogs: FakeDialogs) -> None:
    library, opened, _, _ = _library(qtbot, store, keys, dialogs, Configuration.new("A"))
    assert library.import_text("{not json", "Pasted") is None
    assert dialogs.told[-1][0] == "Could not import"
    assert opened.opened == []


def test_library_alone_leaves_a_ga_configuration_as_it_is(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                          dialogs: FakeDialogs) -> None:
    library, opened, _, _ = _library(qtbot, store, keys, dialogs, Configuration.new("A", "ga"))
    assert library.convert_to_ga() is None
    assert store.list() == ["A"] and dialogs.told == []


def _cli(store: ConfigStore, keys: ApiKeys, *args: str) -> None:
    from realtime_gui.cli import Context, main

    assert main(list(args), Context(store=store, keys=keys, stdout=io.StringIO(), stderr=io.StringIO())) == 0


def _file(store: ConfigStore, name: str) -> Any:
    return json.loads(store.path_of(name).read_text(encoding="utf-8"))


def test_the_window_and_the_command_line_make_the_same_files(make_window: WindowFactory, store: ConfigStore,
                                                             keys: ApiKeys, dialogs: FakeDialogs,
                                                             tmp_path: Path) -> None:
    cli = ConfigStore(tmp_path / "cli")
    beta = Configuration("Old", "beta", {"model": "gpt-4o-realtime-preview", "temperature": 0.9})
    for each in (store, cli):
        saved(each, beta.copy())
    body = {"session": {"type": "realtime", "model": "gpt-realtime", "instructions": "Be brief."}}
    (tmp_path / "body.json").write_text(json.dumps(body))
    window = make_window()
    window.window_actions.new.trigger()
    _cli(cli, keys, "configs", "new", NEW_NAME)
    window.bench.library.import_text(json.dumps(body), "Pasted")
    _cli(cli, keys, "configs", "import", str(tmp_path / "body.json"), "--name", "Pasted")
    window.bench.editing.select_configuration("Old")
    window.window_actions.convert.trigger()
    _cli(cli, keys, "configs", "convert", "Old")
    window.bench.editing.select_configuration("Old")
    window.window_actions.convert_replace.trigger()
    _cli(cli, keys, "configs", "convert", "Old", "--replace")
    assert store.list() == cli.list() == [NEW_NAME, "Old", "Old (GA)", "Pasted"]
    for name in cli.list():
        assert _file(store, name) == _file(cli, name), name
    # Replacing keeps the original in trash/, from either front end.
    for each in (store, cli):
        trashed = [json.loads(path.read_text()) for path in (each.root / "trash").iterdir()]
        assert [(t["endpoint"], t["values"]["temperature"]) for t in trashed] == [("beta", 0.9)]
    dialogs.save_to = tmp_path / "window.body.json"
    window.window_actions.export_body.trigger()
    _cli(cli, keys, "configs", "export", "Old", "--body", "-o", str(tmp_path / "cli.body.json"))
    assert json.loads(dialogs.save_to.read_text()) == json.loads((tmp_path / "cli.body.json").read_text())
    assert dialogs.save_to.stat().st_mode & 0o077 == 0


def test_a_ga_configuration_is_never_offered_convert_to_ga(qtbot: Any, make_window: WindowFactory,
                                                           store: ConfigStore, keys: ApiKeys) -> None:
    from fakeserver import FAKE_API_KEY, running_server
    from PySide6.QtWidgets import QLabel, QPushButton
    from ui_support import child, local, mint_and_wait

    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        server.fail_next(400, {"code": "beta_api_shape_disabled", "message": "The beta interface is off."})
        saved(store, local(server, "New", "ga"))
        window = make_window()
        mint_and_wait(qtbot, window)
    assert child(window, QLabel, "error_title").text() == "Beta interface switched off"
    assert not window.window_actions.convert.isEnabled()
    remedy = child(window, QPushButton, "error_action")
    assert remedy.isHidden() or remedy.text() != "Convert to GA"
