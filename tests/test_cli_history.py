"""``realtime-gui history``: the mints the command line (and the token server) recorded, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from serve_support import aimed_at, serving
from test_cli import pointed_at, run_cli, save

from realtime_gui.core.library.history import HISTORY_FILE, app_history
from realtime_gui.core.wire.configuration import Configuration

KEY = {"OPENAI_API_KEY": FAKE_API_KEY}


@pytest.mark.e2e
def test_history_lists_the_mints_newest_first_as_json_and_as_lines(home: Path, server: FakeRealtimeServer) -> None:
    save(home, pointed_at(server, Configuration.new("first")))
    save(home, pointed_at(server, Configuration.new("second", "beta")))
    assert run_cli(home, "mint", "first", env=KEY).returncode == 0
    server.fail_next(429, {"message": "slow down"})
    assert run_cli(home, "mint", "second", env=KEY).returncode != 0
    assert run_cli(home, "mint", "second", env=KEY).returncode == 0

    done = run_cli(home, "history", "--json")
    assert done.returncode == 0, done.stderr
    mints = json.loads(done.stdout)
    assert [(m["config"], m["outcome"], m["status"]) for m in mints] == [
        ("second", "ok", 200), ("second", "RateLimitError", 429), ("first", "ok", 200)]
    assert mints[0]["session_id"].startswith("sess_") and mints[0]["expires_at"] > 0
    assert mints[0]["body"]["model"] == "gpt-4o-realtime-preview" and mints[0]["host"] == server.origin
    assert mints[0]["time"].endswith("Z")
    assert FAKE_API_KEY not in done.stdout and "ek_" not in done.stdout

    only = json.loads(run_cli(home, "history", "--json", "--config", "FIRST", "--limit", "5").stdout)
    assert [m["config"] for m in only] == ["first"]
    assert len(json.loads(run_cli(home, "history", "--json", "--limit", "1").stdout)) == 1

    lines = run_cli(home, "history").stdout.splitlines()
    assert lines[0].split()[2:5] == ["second", "beta", "ok"]
    assert "RateLimitError 429" in lines[1] and "slow down" in lines[2]


def test_history_clear_asks_unless_told_yes(home: Path, server: FakeRealtimeServer) -> None:
    save(home, pointed_at(server, Configuration.new("demo")))
    assert run_cli(home, "mint", "demo", env=KEY).returncode == 0
    refused = run_cli(home, "history", "clear")  # no terminal to ask on
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert len(json.loads(run_cli(home, "history", "--json").stdout)) == 1
    cleared = run_cli(home, "history", "clear", "--yes")
    assert cleared.returncode == 0 and "forgot 1 recorded mint" in cleared.stderr
    assert json.loads(run_cli(home, "history", "--json").stdout) == []
    empty = run_cli(home, "history")
    assert empty.returncode == 0 and empty.stdout == "" and "no mints recorded" in empty.stderr


def test_a_damaged_history_is_reported_and_the_command_goes_on(home: Path) -> None:
    home.mkdir(parents=True)
    (home / HISTORY_FILE).write_bytes(b"not a database " * 500)
    done = run_cli(home, "history", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == []
    assert "note: The mint history" in done.stderr and "moved to history.sqlite3.damaged-" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.e2e
def test_a_token_the_server_serves_is_recorded(server: FakeRealtimeServer) -> None:
    with serving(aimed_at(server, "served")) as running:
        assert httpx.post(running.url + "token", timeout=10).status_code == 200
    assert [(r.config, r.outcome) for r in app_history().records()] == [("served", "ok")]
