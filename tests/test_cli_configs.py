"""`configs new` with a connection, `configs set` and `configs unset`: what the window sets, from the
command line, checked as the window checks it (run as a real subprocess)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from test_cli import run_cli, save

from realtime_gui import cli
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.service.errors import UntrustedConnectionError
from realtime_gui.core.service.exit_codes import EXIT_CODES
from realtime_gui.core.wire.configuration import Configuration


def stored(home: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((home / "configs" / f"{name}.json").read_text(encoding="utf-8"))
    return data


def test_new_sets_the_connection_given(home: Path) -> None:
    done = run_cli(home, "configs", "new", "azure", "--endpoint", "beta", "--service", "azure",
                   "--base-url", "https://me.openai.azure.com", "--key-name", "work",
                   "--azure-api-version", "2025-05-01-preview", "--organization", "org-1", "--project", "p")
    assert done.returncode == 0, done.stderr
    assert stored(home, "azure")["connection"] == {
        "service": "azure", "base_url": "https://me.openai.azure.com", "key_name": "work",
        "organization": "org-1", "project": "p", "azure_api_version": "2025-05-01-preview"}
    assert stored(home, "azure")["values"] == {"model": "gpt-4o-realtime-preview"}


@pytest.mark.parametrize(("option", "words"), [
    (["--base-url", "ftp://x"], "Base URL (base_url) must be an http:// or https:// URL; it is 'ftp://x'."),
    (["--key-name", "../x"], "API key (key_name) must be a key name of letters, digits, _ . -; it is '../x'."),
    (["--service", "gcp"], "Service (service) must be one of openai, azure; it is 'gcp'."),
])
def test_new_refuses_a_wrong_connection_and_saves_nothing(home: Path, option: list[str], words: str) -> None:
    done = run_cli(home, "configs", "new", "demo", *option)
    assert done.returncode == 3
    assert words in done.stderr and "Traceback" not in done.stderr
    assert not (home / "configs" / "demo.json").exists()


def test_set_reads_each_value_as_its_field_does(home: Path) -> None:
    save(home, Configuration.new("demo", "ga"))
    tools = '[{"type": "function", "name": "lookup", "parameters": {"type": "object"}}]'
    done = run_cli(home, "configs", "set", "demo", "session.audio.output.voice=ash",
                   "session.audio.output.speed=1.25", "session.max_output_tokens=inf",
                   "session.audio.input.noise_reduction=null", f"session.tools={tools}",
                   "session.tracing=auto", "base_url=https://example.com/v1", "connection.key_name=work")
    assert done.returncode == 0, done.stderr
    assert "set session.audio.output.voice" in done.stderr
    data = stored(home, "demo")
    assert data["values"] == {"model": "gpt-realtime", "voice": "ash", "speed": 1.25, "max_output_tokens": "inf",
                              "noise_reduction": None, "tools": json.loads(tools), "tracing": "auto"}
    assert data["connection"] == {"base_url": "https://example.com/v1", "key_name": "work"}
    again = run_cli(home, "configs", "set", "demo", "session.max_output_tokens=200",
                    "session.audio.output.voice=voice_123")
    assert again.returncode == 0, again.stderr
    assert stored(home, "demo")["values"]["max_output_tokens"] == 200
    assert stored(home, "demo")["values"]["voice"] == {"id": "voice_123"}  # as the voice box reads it


def test_set_changes_nothing_else_in_the_file(home: Path) -> None:
    config = Configuration("demo", "beta", {"model": "gpt-4o-realtime-preview", "temperature": 0.7,
                                            "instructions": "Be brief."}, {"key_name": "work"})
    save(home, config)
    path = home / "configs" / "demo.json"
    before = path.read_text(encoding="utf-8")
    assert run_cli(home, "configs", "set", "demo", "temperature=0.9").returncode == 0
    assert path.read_text(encoding="utf-8") == before.replace('"temperature": 0.7', '"temperature": 0.9')
    assert run_cli(home, "configs", "unset", "demo", "temperature").returncode == 0
    assert stored(home, "demo")["values"] == {"model": "gpt-4o-realtime-preview", "instructions": "Be brief."}
    assert [p.name for p in path.parent.iterdir() if p.is_file()] == ["demo.json"]  # no temporary file left


@pytest.mark.parametrize(("assignment", "words"), [
    ("temperature=1.5", "Temperature (temperature) must be between 0.6 and 1.2; it is 1.5."),
    ("temperature=warm", "Temperature (temperature) must be a number; it is text."),
    ("voice=null", "Voice (voice) can't be turned off on Beta session; clear it to use the default."),
    ("turn_detection.type=loud", "Detector (turn_detection.type) must be one of server_vad, semantic_vad; "
                                 "it is 'loud'."),
    ("tools={\"type\": \"function\"}", "Tools (tools) must be a list of tools; it is an object."),
    ("tools=[{\"type\": ", "Tools (tools) is not valid JSON: line 1, column 11: Expecting value"),
    ("max_response_output_tokens=0", "must be between 1 and 4096"),
    ("base_url=ftp://x", "Base URL (base_url) must be an http:// or https:// URL; it is 'ftp://x'."),
])
def test_a_wrong_value_names_the_field_and_what_it_allows(home: Path, assignment: str, words: str) -> None:
    save(home, Configuration.new("demo", "beta"))
    path = home / "configs" / "demo.json"
    before = path.read_bytes()
    done = run_cli(home, "configs", "set", "demo", "instructions=kept out", assignment)
    assert done.returncode == 3
    assert words in done.stderr and "Traceback" not in done.stderr
    assert path.read_bytes() == before  # nothing saved, not even the good value


@pytest.mark.parametrize(("command", "words"), [
    (["set", "demo", "temperature=0.8"], "temperature is not a field of GA client secret (realtime) (it is one on "
                                         "beta); `realtime-gui fields --endpoint ga`"),
    (["set", "demo", "session.temperature=0.8"],
     "session.temperature is not a field of GA client secret (realtime); `realtime-gui fields --endpoint ga`"),
    (["unset", "demo", "colour"], "colour is not a field of GA client secret (realtime); "
                                  "`realtime-gui fields --endpoint ga` lists its paths"),
    (["set", "demo", "session.tools[0].name=x"], "session.tools[0].name is an item of the list session.tools; "
                                                 "set the whole list as JSON"),
    (["set", "demo", "voice"], "'voice' is not PATH=VALUE"),
])
def test_a_wrong_path_names_it_and_where_paths_are_listed(home: Path, command: list[str], words: str) -> None:
    save(home, Configuration.new("demo", "ga"))
    done = run_cli(home, "configs", *command)
    assert done.returncode == 3
    assert words in done.stderr and "Traceback" not in done.stderr


def test_unset_returns_an_object_and_its_fields_to_not_set(home: Path) -> None:
    save(home, Configuration("demo", "beta", {"model": "m", "turn_detection": {}, "turn_detection.type": "server_vad",
                                              "turn_detection.threshold": 0.4, "voice": "ash"},
                             {"service": "openai", "key_name": "work"}))
    done = run_cli(home, "configs", "unset", "demo", "turn_detection", "key_name")
    assert done.returncode == 0, done.stderr
    assert stored(home, "demo")["values"] == {"model": "m", "voice": "ash"}
    assert stored(home, "demo")["connection"] == {"service": "openai"}
    missing = run_cli(home, "configs", "unset", "nothing-here", "voice")
    assert missing.returncode == 15 and "configs list" in missing.stderr


def test_help_says_how_values_are_read(home: Path) -> None:
    text = run_cli(home, "configs", "set", "--help").stdout
    for words in ("null", "JSON", "realtime-gui fields", "nothing is saved", "base_url"):
        assert words in text
    assert "--base-url" in run_cli(home, "configs", "new", "--help").stdout


def test_the_connection_a_user_chose_goes_through_one_call(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(cli, "_user_chose_connection", lambda c: chosen.append((c.name, dict(c.connection))))
    ctx = cli.Context(ConfigStore(home / "configs"), ApiKeys(MemoryStore()), io.StringIO(), io.StringIO())
    assert cli.main(["configs", "new", "plain"], ctx) == 0
    assert cli.main(["configs", "set", "plain", "session.model=gpt-realtime-mini"], ctx) == 0
    assert chosen == []
    assert cli.main(["configs", "new", "mine", "--base-url", "https://example.com/v1"], ctx) == 0
    assert cli.main(["configs", "set", "plain", "key_name=work"], ctx) == 0
    assert chosen == [("mine", {"base_url": "https://example.com/v1"}), ("plain", {"key_name": "work"})]


def test_a_problem_the_file_already_had_does_not_stop_another_change(home: Path) -> None:
    save(home, Configuration("demo", "beta", {"model": "m", "temperature": 1.5}))
    done = run_cli(home, "configs", "set", "demo", "voice=ash")
    assert done.returncode == 0, done.stderr
    assert stored(home, "demo")["values"] == {"model": "m", "temperature": 1.5, "voice": "ash"}


@pytest.mark.e2e
def test_a_host_typed_on_the_command_line_is_the_users_choice(home: Path, server: FakeRealtimeServer) -> None:
    key = {"OPENAI_API_KEY": FAKE_API_KEY}
    assert run_cli(home, "configs", "new", "typed", "--base-url", server.base_url).returncode == 0
    done = run_cli(home, "mint", "typed", env=key)
    assert done.returncode == 0, done.stderr
    ConfigStore(home / "configs").save("set-later", Configuration.new("set-later").to_data())
    assert run_cli(home, "configs", "set", "set-later", f"base_url={server.base_url}").returncode == 0
    assert run_cli(home, "mint", "set-later", env=key).returncode == 0
    # A file that names a host itself is not a choice the user made: it stays unconfirmed.
    shared = Configuration.new("shared")
    shared.connection["base_url"] = server.base_url.replace("127.0.0.1", "localhost")
    ConfigStore(home / "configs").save("shared", shared.to_data())
    refused = run_cli(home, "mint", "shared", env=key)
    assert refused.returncode == EXIT_CODES[UntrustedConnectionError], refused.stderr
    assert len(server.requests) == 2
