"""Saved configurations: names, saving, formats on disk and broken files."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realtime_gui.core.library.store import (
    ConfigLoadError,
    ConfigNameError,
    ConfigNotFoundError,
    ConfigStore,
    ConfigStoreError,
    validate_config_name,
)
from realtime_gui.core.wire import document as document_module
from realtime_gui.core.wire.document import FORMAT, MIGRATIONS

DATA: dict[str, Any] = {"endpoint": "ga", "values": {"model": "gpt-realtime", "voice": "marin"}}
BROKEN_SUFFIX = re.compile(r"\.json\.broken-\d{8}-\d{6}(-\d+)?$")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ConfigStore:
    monkeypatch.setenv("REALTIME_GUI_HOME", str(tmp_path))
    return ConfigStore()


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def write_raw(store: ConfigStore, filename: str, content: str | bytes) -> Path:
    store.root.mkdir(parents=True, exist_ok=True)
    path = store.root / filename
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# -- where configurations live -------------------------------------------------


def test_root_comes_from_realtime_gui_home(store: ConfigStore, tmp_path: Path) -> None:
    assert store.root == tmp_path / "configs"


def test_root_defaults_to_the_user_config_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("REALTIME_GUI_HOME", raising=False)
    assert ConfigStore().root == platformdirs.user_config_path("realtime-gui") / "configs"


def test_an_explicit_root_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REALTIME_GUI_HOME", str(tmp_path / "elsewhere"))
    assert ConfigStore(tmp_path / "mine").root == tmp_path / "mine"


def test_importing_the_store_leaves_platformdirs_unloaded() -> None:
    code = "import sys, realtime_gui.core.library.store; print('platformdirs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- saving and loading --------------------------------------------------------


def test_save_then_load_round_trips(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    assert store.load("Demo") == DATA
    document = json.loads(store.path_of("Demo").read_text(encoding="utf-8"))
    assert document == {"format": FORMAT, "name": "Demo", **DATA}
    assert list(document)[:2] == ["format", "name"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_saved_files_are_private(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    assert stat.S_IMODE(store.path_of("Demo").stat().st_mode) == 0o600


def test_save_replaces_and_load_returns_a_fresh_dict(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    store.save("Demo", {"values": {}})
    loaded = store.load("Demo")
    loaded["values"]["x"] = 1
    assert store.load("Demo") == {"values": {}}


@pytest.mark.parametrize("reserved", ["format", "name"])
def test_the_store_owns_format_and_name(store: ConfigStore, reserved: str) -> None:
    with pytest.raises(ValueError, match=reserved):
        store.save("Demo", {reserved: 2})
    assert not store.exists("Demo")


@pytest.mark.parametrize("bad", [{"tags": {"a", "b"}}, {"temperature": float("nan")}])
def test_a_failed_save_keeps_the_old_file_and_leaves_no_temp_file(
    store: ConfigStore, bad: dict[str, Any]
) -> None:
    store.save("Demo", DATA)
    before = store.path_of("Demo").read_bytes()
    # The bad value comes after "endpoint", so the failure is midway through the write.
    with pytest.raises((TypeError, ValueError)):
        store.save("Demo", {"endpoint": "ga", **bad})
    assert store.path_of("Demo").read_bytes() == before
    assert files_in(store.root) == ["Demo.json"]


# -- names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "can't be empty"),
        ("   ", "can't be empty"),
        ("a/b", "'/' or '\\\\'"),
        ("a\\b", "'/' or '\\\\'"),
        (".hidden", "remove the leading dot"),
        (".", "remove the leading dot"),
        ("..", "remove the leading dot"),
        ("tab\there", "control characters"),
        ("line\nbreak", "control characters"),
        ("del\x7f", "control characters"),
        ("x" * 101, "too long"),
        ("日" * 70, "too long"),  # 100 characters or fewer, but too many bytes for a file name
    ],
)
def test_bad_names_are_refused_with_what_to_do(
    store: ConfigStore, name: str, words: str
) -> None:
    with pytest.raises(ConfigNameError, match=words) as caught:
        store.save(name, DATA)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, ConfigStoreError)
    assert not store.root.exists() or files_in(store.root) == []


@pytest.mark.parametrize(
    "name", ["Demo", "voice: calm?", "100% sure", "a<b>c|d*e\"f", "CON", "nul.backup", "naïve", "x" * 100]
)
def test_unusual_valid_names_survive_the_round_trip(store: ConfigStore, name: str) -> None:
    store.save(name, DATA)
    assert store.list() == [name]
    assert store.load(name) == DATA
    filename = store.path_of(name).name
    # Safe on every operating system: no reserved characters, no device names.
    assert not set('<>:"|?*') & set(filename)
    assert filename.split(".")[0].upper() not in {"CON", "NUL"}


def test_names_are_trimmed_and_normalised(store: ConfigStore) -> None:
    store.save("  cafe\u0301 ", DATA)  # "e" + combining accent
    assert store.list() == ["caf\u00e9"]
    assert store.exists("caf\u00e9")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_valid_name_lists_back_exactly(name: str) -> None:
    try:
        expected = validate_config_name(name)
    except ConfigNameError:
        return
    with tempfile.TemporaryDirectory() as folder:
        configs = ConfigStore(Path(folder))
        configs.save(name, {"n": 1})
        assert configs.list() == [expected]
        assert configs.load(expected) == {"n": 1}


def test_names_clash_without_case(store: ConfigStore) -> None:
    store.create("Demo", DATA)
    message = "A configuration named 'Demo' already exists (names are compared without case)"
    with pytest.raises(ConfigNameError, match=re.escape(message)):
        store.create("demo", DATA)
    with pytest.raises(ConfigNameError, match=re.escape(message)):
        store.save("DEMO", DATA)
    with pytest.raises(ConfigNameError, match="already exists"):
        store.create("Demo", DATA)
    assert store.list() == ["Demo"]


def test_lookups_ignore_case(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    assert store.exists("dEMO")
    assert store.load("demo") == DATA
    assert store.path_of("DEMO") == store.root / "Demo.json"


# -- listing ---------------------------------------------------------------------


def test_list_is_sorted_without_case_and_skips_everything_else(store: ConfigStore) -> None:
    for name in ["beta", "Alpha", "gamma", "Beta 2"]:
        store.save(name, DATA)
    write_raw(store, "notes.txt", "not a configuration")
    write_raw(store, ".Alpha.json.1234.tmp", "{}")
    write_raw(store, "old.json.broken-20240101-000000", "{")
    (store.root / "folder.json").mkdir()
    store.delete("gamma")
    assert store.list() == ["Alpha", "beta", "Beta 2"]


def test_list_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert ConfigStore(tmp_path / "nowhere").list() == []


def test_listing_500_configurations_opens_no_file(store: ConfigStore) -> None:
    # Speed is measured in benchmarks/; here, that listing never reads a file.
    names = [f"Config {i:03d}" for i in range(500)]
    for name in names:
        write_raw(store, f"{name}.json", "not JSON: listing must not need to read it")
    assert store.list() == names


# -- broken and newer files ------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ('{"format": 1,\n  "name": "Demo",,}', "not valid JSON: line 2, column 18"),
        ("[1, 2]", "holds a JSON list, not an object"),
        ('{"name": "Demo"}', '"format" is None'),
        ('{"format": "1"}', "\"format\" is '1'"),
        ('{"format": true}', '"format" is True'),
        (b'{"format": 1, "x": "\xff"}', "not UTF-8"),
    ],
)
def test_a_broken_file_is_moved_aside_and_reported(
    store: ConfigStore, content: str | bytes, why: str
) -> None:
    original = write_raw(store, "Demo.json", content)
    raw = original.read_bytes()
    with pytest.raises(ConfigLoadError, match=why) as caught:
        store.load("Demo")
    error = caught.value
    assert error.path == original
    assert error.moved_to is not None and BROKEN_SUFFIX.search(error.moved_to.name)
    assert error.moved_to.parent == store.root
    assert error.moved_to.read_bytes() == raw  # moved, never rewritten nor deleted
    assert str(original) in str(error) and str(error.moved_to) in str(error)
    assert not original.exists()
    assert store.list() == []


def test_files_broken_in_the_same_second_keep_separate_names(store: ConfigStore) -> None:
    moved = []
    for _ in range(3):
        write_raw(store, "Demo.json", "{")
        with pytest.raises(ConfigLoadError) as caught:
            store.load("Demo")
        moved.append(caught.value.moved_to)
    assert len(set(moved)) == 3
    assert all(path is not None and path.exists() for path in moved)


def test_a_newer_format_is_left_untouched(store: ConfigStore) -> None:
    path = write_raw(store, "Demo.json", json.dumps({"format": FORMAT + 1, "name": "Demo"}))
    raw = path.read_bytes()
    with pytest.raises(ConfigLoadError, match=r"newer realtime-gui.*Upgrade realtime-gui") as caught:
        store.load("Demo")
    assert caught.value.moved_to is None
    assert path.read_bytes() == raw
    assert files_in(store.root) == ["Demo.json"]


def test_load_all_loads_the_good_and_reports_the_rest(store: ConfigStore) -> None:
    store.save("Good", DATA)
    store.save("Also good", {"values": {}})
    write_raw(store, "Broken.json", "{")
    write_raw(store, "Future.json", json.dumps({"format": FORMAT + 1}))
    configs, problems = store.load_all()
    assert configs == {"Also good": {"values": {}}, "Good": DATA}
    assert sorted(p.path.name for p in problems) == ["Broken.json", "Future.json"]
    moved = {p.path.name: p.moved_to for p in problems}
    assert moved["Future.json"] is None
    assert moved["Broken.json"] is not None and moved["Broken.json"].exists()


def test_content_the_caller_rejects_can_be_moved_aside(store: ConfigStore) -> None:
    store.save("Demo", {"endpoint": "nonsense"})
    error = store.move_aside("demo", '"endpoint" must be one of beta, ga')
    assert '"endpoint" must be one of' in str(error)
    assert error.moved_to is not None and error.moved_to.exists()
    assert store.list() == []


def test_missing_configurations_are_lookup_errors(store: ConfigStore) -> None:
    with pytest.raises(ConfigNotFoundError) as caught:
        store.load("Nope")
    assert isinstance(caught.value, LookupError)
    assert str(caught.value).startswith("There is no configuration named 'Nope'")


# -- format versions -------------------------------------------------------------


def test_older_files_are_migrated_on_load(
    store: ConfigStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("Demo", {"voice": "alloy"})

    def migrate(doc: dict[str, Any]) -> dict[str, Any]:
        voice = doc.pop("voice")
        return {**doc, "values": {"voice": voice}}

    monkeypatch.setattr(document_module, "FORMAT", FORMAT + 1)
    monkeypatch.setitem(MIGRATIONS, FORMAT, migrate)
    before = store.path_of("Demo").read_bytes()
    assert store.load("Demo") == {"values": {"voice": "alloy"}}
    assert store.path_of("Demo").read_bytes() == before  # loading never writes
    store.save("Demo", store.load("Demo"))
    assert json.loads(store.path_of("Demo").read_text(encoding="utf-8"))["format"] == FORMAT + 1


def test_a_file_that_cannot_be_migrated_is_moved_aside(
    store: ConfigStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("Demo", {"voice": 3})

    def migrate(doc: dict[str, Any]) -> dict[str, Any]:
        return {**doc, "voice": doc["voice"].lower()}

    monkeypatch.setattr(document_module, "FORMAT", FORMAT + 1)
    monkeypatch.setitem(MIGRATIONS, FORMAT, migrate)
    with pytest.raises(ConfigLoadError, match=f"could not be upgraded from format {FORMAT}") as caught:
        store.load("Demo")
    assert caught.value.moved_to is not None and caught.value.moved_to.exists()


# -- create, rename, duplicate, delete ------------------------------------------


def test_create_returns_the_tidy_name(store: ConfigStore) -> None:
    assert store.create("  Demo ", DATA) == "Demo"
    assert store.list() == ["Demo"]


def test_rename_moves_the_file_and_the_name_inside(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    assert store.rename("demo", "Live") == "Live"
    assert store.list() == ["Live"]
    assert store.load("Live") == DATA
    assert json.loads(store.path_of("Live").read_text(encoding="utf-8"))["name"] == "Live"


def test_rename_may_change_only_the_case(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    store.rename("Demo", "DEMO")
    assert store.list() == ["DEMO"]
    assert json.loads(store.path_of("DEMO").read_text(encoding="utf-8"))["name"] == "DEMO"


def test_rename_refuses_a_clash_without_case(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    store.save("Live", {"values": {}})
    with pytest.raises(ConfigNameError, match="'Live' already exists"):
        store.rename("Demo", "LIVE")
    assert store.list() == ["Demo", "Live"]
    assert store.load("Live") == {"values": {}}


def test_rename_of_a_missing_configuration(store: ConfigStore) -> None:
    with pytest.raises(ConfigNotFoundError):
        store.rename("Nope", "Other")


def test_duplicate_picks_copy_names(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    assert store.duplicate("Demo") == "Demo copy"
    assert store.duplicate("Demo") == "Demo copy 2"
    assert store.duplicate("demo copy") == "Demo copy 3"
    assert store.duplicate("Demo", "Other") == "Other"
    assert store.list() == ["Demo", "Demo copy", "Demo copy 2", "Demo copy 3", "Other"]
    assert all(store.load(name) == DATA for name in store.list())


def test_duplicate_refuses_a_taken_name(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    store.save("Other", {})
    with pytest.raises(ConfigNameError, match="'Other' already exists"):
        store.duplicate("Demo", "other")


def test_duplicate_of_a_long_name_stays_valid(store: ConfigStore) -> None:
    long = "x" * 100
    store.save(long, DATA)
    first, second = store.duplicate(long), store.duplicate(long)
    assert first.endswith("x copy") and second.endswith("x copy 2")
    assert len(first) == len(second) == 100


def test_delete_moves_the_file_to_the_trash(store: ConfigStore) -> None:
    store.save("Demo", DATA)
    content = store.path_of("Demo").read_bytes()
    first = store.delete("demo")
    store.save("Demo", {"values": {}})
    second = store.delete("Demo")
    assert first != second
    assert first.parent == second.parent == store.root / "trash"
    assert first.read_bytes() == content
    assert store.list() == []
    with pytest.raises(ConfigNotFoundError):
        store.delete("Demo")
