"""Each workflow on configurations gives the same files through the command line as through the
core functions the window calls (core.library.configurations and the store), byte for byte."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from test_cli import run_cli

from realtime_gui.core.library.configurations import (
    conversion_name,
    conversion_target,
    convert_configuration,
    create_configuration,
    export_body,
    export_document,
    load_configuration,
    new_configuration,
    write_export,
)
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.importing import import_text, read_import

BETA = Configuration("Voice bot", "beta", {
    "model": "gpt-4o-realtime-preview", "voice": "ash", "temperature": 0.7, "instructions": "Be brief ✓",
    "turn_detection": {}, "turn_detection.type": "server_vad", "turn_detection.threshold": 0.4,
    "tools": [{"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}}],
}, {"key_name": "work"})
TRANSCRIPTION = Configuration("Notes", "beta-transcription", {
    "transcription": {}, "transcription.model": "whisper-1", "transcription.language": "fr"})

Core = Callable[[ConfigStore, ApiKeys, Path], object]  # what it returns is not looked at


def _import(store: ConfigStore, keys: ApiKeys, out: Path) -> None:
    imported = read_import(import_text((out / "in.json").read_bytes()), "Imported")
    create_configuration(store, keys, imported.configuration)


def _export(store: ConfigStore, keys: ApiKeys, out: Path) -> None:
    write_export(out / "out.json", export_document(load_configuration(store, "Voice bot")))


def _export_body(store: ConfigStore, keys: ApiKeys, out: Path) -> None:
    write_export(out / "out.json", export_body(load_configuration(store, "Voice bot")))


def _convert(name: str, *, replace: bool = False) -> Core:
    def run(store: ConfigStore, keys: ApiKeys, out: Path) -> None:
        config = load_configuration(store, name)
        target = conversion_target(config)
        assert target is not None
        convert_configuration(store, keys, config, target.id, name if replace else conversion_name(name, target.id),
                              replace_original=replace)
    return run


WORKFLOWS: dict[str, tuple[list[str], Core]] = {
    "new": (["configs", "new", "Fresh", "--endpoint", "translation"],
            lambda store, keys, out: new_configuration(store, "Fresh", "translation")),
    "import": (["configs", "import", "{out}/in.json", "--name", "Imported"], _import),
    "export": (["configs", "export", "Voice bot", "--output", "{out}/out.json"], _export),
    "export body": (["configs", "export", "Voice bot", "--body", "--output", "{out}/out.json"], _export_body),
    "convert": (["configs", "convert", "Voice bot", "--to", "ga"], _convert("Voice bot")),
    "convert transcription": (["configs", "convert", "Notes", "--to", "ga"], _convert("Notes")),
    "convert in place": (["configs", "convert", "Voice bot", "--to", "ga", "--replace"],
                         _convert("Voice bot", replace=True)),
    "duplicate": (["configs", "duplicate", "Voice bot"], lambda store, keys, out: store.duplicate("Voice bot")),
    "rename": (["configs", "rename", "Voice bot", "Assistant"],
               lambda store, keys, out: store.rename("Voice bot", "Assistant")),
    "delete": (["configs", "delete", "Voice bot"], lambda store, keys, out: store.delete("Voice bot")),
}


def _prepared(root: Path) -> tuple[Path, Path]:
    """A home with the two configurations saved and a file to import; returns (home, folder for files)."""
    home, out = root / "home", root / "files"
    out.mkdir(parents=True)
    store = ConfigStore(home / "configs")
    for config in (BETA, TRANSCRIPTION):
        store.create(config.name, config.to_data())
    (out / "in.json").write_text(json.dumps({"model": "gpt-realtime", "audio": {"output": {"voice": "marin"}},
                                             "type": "realtime", "instructions": "Hi"}), encoding="utf-8")
    return home, out


def _files(home: Path, out: Path) -> dict[str, bytes]:
    """Every file the workflow left, by where it lies (the trash's by order: its names hold the time)."""
    found = {str(p.relative_to(home)): p.read_bytes() for p in (home / "configs").glob("*") if p.is_file()}
    trash = sorted((home / "configs" / "trash").glob("*")) if (home / "configs" / "trash").exists() else []
    found.update({f"trash/{n}": p.read_bytes() for n, p in enumerate(trash)})
    found.update({f"files/{p.name}": p.read_bytes() for p in out.glob("*")})
    return found


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_the_command_line_and_the_core_write_the_same_files(tmp_path: Path, workflow: str) -> None:
    argv, core = WORKFLOWS[workflow]
    cli_home, cli_out = _prepared(tmp_path / "cli")
    done = run_cli(cli_home, *(arg.replace("{out}", str(cli_out)) for arg in argv))
    assert done.returncode == 0, done.stderr
    core_home, core_out = _prepared(tmp_path / "core")
    core(ConfigStore(core_home / "configs"), ApiKeys(MemoryStore()), core_out)
    by_cli, by_core = _files(cli_home, cli_out), _files(core_home, core_out)
    assert by_cli.keys() == by_core.keys()
    for where in by_cli:
        assert by_cli[where] == by_core[where], where
    assert by_cli != _files(*_prepared(tmp_path / "untouched")), "the workflow changed nothing"


def test_a_transcription_configuration_converts_to_a_transcription_one(tmp_path: Path) -> None:
    home, _ = _prepared(tmp_path)
    assert run_cli(home, "configs", "convert", "Notes", "--to", "ga").returncode == 0
    assert load_configuration(ConfigStore(home / "configs"), "Notes (GA)").endpoint == "ga-transcription"
    assert run_cli(home, "configs", "convert", "Voice bot").returncode == 0  # --to left out: the same
    assert load_configuration(ConfigStore(home / "configs"), "Voice bot (GA)").endpoint == "ga"
