"""A hand-edited or imported configuration file is checked field by field on import and on every load:
each wrong value is named with its file, and nothing ends in an unexpected error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY
from test_cli import run_cli

from realtime_gui.core.library.configurations import ConfigurationValuesError, load_configuration, save_configuration
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigLoadError, ConfigStore
from realtime_gui.core.wire.configuration import Configuration

HAND_EDITED = {"format": 1, "name": "edited", "endpoint": "ga",
               "connection": {"base_url": "ftp://x", "key_name": "../x"},
               "values": {"model": "gpt-realtime", "speed": "fast", "tools": {"type": "function", "name": "f"}}}
NAMED = ["Base URL (base_url) must be an http:// or https:// URL; it is 'ftp://x'.",
         "API key (key_name) must be a key name of letters, digits, _ . -; it is '../x'.",
         "Speed (session.audio.output.speed) must be a number; it is text.",
         "Tools (session.tools) must be a list of tools; it is an object."]


def write(home: Path, name: str, content: str | bytes) -> Path:
    path = home / "configs" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.mark.parametrize("command", [["mint", "edited"], ["configs", "convert", "edited", "--to", "beta"],
                                     ["configs", "export", "edited", "--body"], ["configs", "show", "edited"]])
def test_a_hand_edited_file_is_named_field_by_field_on_load(home: Path, command: list[str]) -> None:
    path = write(home, "edited", json.dumps(HAND_EDITED, indent=2))
    before = path.read_bytes()
    done = run_cli(home, *command, env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert done.returncode == 3, done.stderr
    assert all(words in done.stderr for words in NAMED), done.stderr
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr
    if command[1] != "show":
        assert str(path) in done.stderr
    assert path.read_bytes() == before  # left as it is, for the user to correct
    assert sorted(p.name for p in path.parent.iterdir()) == ["edited.json"]  # nothing made from it


def test_the_listing_marks_it_and_configs_set_corrects_it(home: Path) -> None:
    write(home, "edited", json.dumps(HAND_EDITED))
    listed = run_cli(home, "configs", "list")
    assert listed.stdout.startswith("edited\tcan't be opened")
    fixed = run_cli(home, "configs", "set", "edited", "base_url=https://example.com/v1", "key_name=work",
                    "session.audio.output.speed=1.1", "session.tools=[]")
    assert fixed.returncode == 0, fixed.stderr
    assert run_cli(home, "configs", "list").stdout == "edited\n"


@pytest.mark.parametrize(("content", "words"), [
    ('{"format": 1, "endpoint": "ga", "endpoint": "beta", "values": {}}',
     'is not valid JSON: line 1, column 33: the key "endpoint" is given twice in one object; keep one'),
    ('{"format": 1, "values": {"temperature": NaN}}', "NaN is not a JSON number; write a number or null"),
    ('{"format": 1, "values": {"n": ' + "9" * 5000 + "}}",
     "a number with 5000 digits is too long to read; write a shorter number"),
    ('\ufeff{"format": 1, "values": {}}', "starts with a byte order mark (BOM), which JSON does not allow"),
    ('{"format": 1, "values": {"instructions": "café"}}'.encode("latin-1"),
     "is not UTF-8 text (invalid continuation byte at byte 45); save it as UTF-8"),
])
def test_a_file_json_cannot_hold_is_named_with_its_problem_on_load(home: Path, content: str | bytes,
                                                                  words: str) -> None:
    path = write(home, "odd", content)
    done = run_cli(home, "configs", "show", "odd")
    assert done.returncode == 3
    assert words in done.stderr and str(path) in done.stderr, done.stderr
    assert "set_int_max_str_digits" not in done.stderr and "Traceback" not in done.stderr
    assert "odd\tbroken" in run_cli(home, "configs", "list").stdout  # set aside, never deleted


@pytest.mark.parametrize(("content", "words"), [
    ('{"format": 1, "values": {"model": "a", "model": "b"}}', 'the key "model" is given twice'),
    ('{"format": 1, "values": {"temperature": Infinity}}', "Infinity is not a JSON number"),
    ('{"format": 1, "values": {"n": ' + "1" * 5000 + "}}", "a number with 5000 digits is too long to read"),
    ('\ufeff{"format": 1, "values": {}}', "starts with a byte order mark (BOM)"),
    ('{"model": "café"}'.encode("latin-1"), "is not UTF-8 text (invalid continuation byte at byte 14; perhaps "
                                            "Latin-1 or another legacy encoding); save it as UTF-8"),
])
def test_an_imported_file_json_cannot_hold_is_named(home: Path, tmp_path: Path, content: str | bytes,
                                                    words: str) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    done = run_cli(home, "configs", "import", str(source), "--name", "x")
    assert done.returncode == 3
    assert f"error: {source} " in done.stderr and words in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (home / "configs" / "x.json").exists()


def test_an_imported_configuration_file_with_wrong_values_is_refused_naming_each(home: Path,
                                                                                 tmp_path: Path) -> None:
    source = tmp_path / "shared.json"
    source.write_text(json.dumps(HAND_EDITED), encoding="utf-8")
    done = run_cli(home, "configs", "import", str(source), "--name", "x")
    assert done.returncode == 3
    assert all(f"error: {source}: {words}" in done.stderr for words in NAMED), done.stderr
    assert not (home / "configs" / "x.json").exists()


@pytest.mark.parametrize("tools", ["f", 3, {"type": "function"}, [1, "x", None], [{"type": []}]])
def test_tools_that_are_no_list_of_tools_are_refused_on_save_and_load(tmp_path: Path, tools: Any) -> None:
    store, keys = ConfigStore(tmp_path / "configs"), ApiKeys(MemoryStore())
    with pytest.raises(ConfigurationValuesError, match=r"Tools \(session\.tools"):
        save_configuration(store, keys, Configuration("t", "ga", {"tools": tools}))
    assert store.list() == []
    store.save("t", Configuration("t", "ga", {"tools": tools}).to_data())
    with pytest.raises(ConfigLoadError, match=r"Tools \(session\.tools") as caught:
        load_configuration(store, "t")
    assert caught.value.moved_to is None and store.list() == ["t"]


def test_work_in_progress_is_saved_and_opened_again(tmp_path: Path) -> None:
    store, keys = ConfigStore(tmp_path / "configs"), ApiKeys(MemoryStore())
    config = Configuration("wip", "beta", {"model": "m", "temperature": 1.5, "tools": [{"type": "mcp"}],
                                           "tool_choice": {"type": "function", "name": "later"}})
    save_configuration(store, keys, config)  # out of range and incomplete: the window marks them
    assert load_configuration(store, "wip").values == config.values
