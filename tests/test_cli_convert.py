"""``realtime-gui configs convert``: what it refuses and what it tells, with nothing written when it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import run_cli

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration


def _files(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((home / "configs").iterdir()) if p.is_file()}


def _saved(home: Path, *configs: Configuration) -> dict[str, bytes]:
    for config in configs:
        ConfigStore(home / "configs").save(config.name, config.to_data())
    return _files(home)


@pytest.mark.parametrize("endpoint_id", ["ga", "ga-transcription", "translation"])
@pytest.mark.parametrize("to", [["--to", "ga"], []])
def test_a_configuration_already_on_a_ga_endpoint_is_not_converted(home: Path, endpoint_id: str,
                                                                   to: list[str]) -> None:
    before = _saved(home, Configuration.new("Live", endpoint_id))
    done = run_cli(home, "configs", "convert", "Live", *to)
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("\n") == 1 and "already" in done.stderr and "GA" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert _files(home) == before


def test_converting_to_its_own_endpoint_is_refused(home: Path) -> None:
    before = _saved(home, Configuration.new("Old", "beta"))
    done = run_cli(home, "configs", "convert", "Old", "--to", "beta")
    assert done.returncode == 3 and "nothing to convert" in done.stderr and done.stderr.count("\n") == 1
    assert _files(home) == before


@pytest.mark.parametrize("name_args", [[], ["--as", "Taken"]])
def test_a_name_collision_suggests_as_and_replace(home: Path, name_args: list[str]) -> None:
    taken = "Taken" if name_args else "Old (GA)"
    before = _saved(home, Configuration.new("Old", "beta"), Configuration.new(taken))
    done = run_cli(home, "configs", "convert", "Old", *name_args)
    assert done.returncode == 3, done.stderr
    assert f"{taken!r} already exists" in done.stderr
    assert "--as NEW" in done.stderr and "--replace" in done.stderr
    assert _files(home) == before


def test_a_beta_model_is_offered_its_ga_counterpart_and_taken_when_asked(home: Path) -> None:
    _saved(home, Configuration.new("Old", "beta"))  # model gpt-4o-realtime-preview
    offered = run_cli(home, "configs", "convert", "Old")
    assert offered.returncode == 0, offered.stderr
    assert ("offered: Model (model): gpt-4o-realtime-preview is a beta name; its GA counterpart is gpt-realtime"
            in offered.stderr)
    assert "--counterparts" in offered.stderr
    assert json.loads(_files(home)["Old (GA).json"])["values"]["model"] == "gpt-4o-realtime-preview"

    taken = run_cli(home, "configs", "convert", "Old", "--as", "Taken", "--counterparts")
    assert taken.returncode == 0, taken.stderr
    assert "changed: Model (model): gpt-4o-realtime-preview is a beta name; it is now its GA counterpart " \
           "gpt-realtime" in taken.stderr
    assert json.loads(_files(home)["Taken.json"])["values"]["model"] == "gpt-realtime"
