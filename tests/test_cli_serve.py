"""``realtime-gui serve`` as a user runs it: its first line, its log, its exit codes, how it stops."""

from __future__ import annotations

import re
import signal
import socket
from pathlib import Path

import httpx
import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from serve_support import aimed_at, run_serve, save, serve_command

from realtime_gui.cli_failures import EXIT_BAD_ORIGIN, EXIT_PORT_IN_USE
from realtime_gui.core.service.errors import KeyringUnavailableError, UntrustedConnectionError
from realtime_gui.core.service.exit_codes import EXIT_CODES
from realtime_gui.core.wire.configuration import Configuration

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serve_prints_its_url_first_serves_and_stops_cleanly(home: Path, server: FakeRealtimeServer,
                                                             sig: signal.Signals) -> None:
    with serve_command(home, aimed_at(server), "--port", "0", "--allow-origin", "http://localhost:5173/") as served:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", served.url)
        got = httpx.post(served.url + "token", headers={"Origin": "http://localhost:5173"})
        assert got.status_code == 200 and got.json()["value"].startswith("ek_")
        code, out, err = served.stop(sig)
    assert code == 0, err
    assert out == ""  # the URL was the only line
    assert "origin=http://localhost:5173 200 req_" in err and err.rstrip().endswith("stopped")
    assert FAKE_API_KEY not in err and got.json()["value"] not in err


def test_an_edit_to_the_saved_configuration_applies_to_the_next_token(home: Path, server: FakeRealtimeServer) -> None:
    config = aimed_at(server)
    with serve_command(home, config) as served:
        httpx.get(served.url + "token")
        config.values["expires_after.seconds"] = 120
        save(home, config)
        httpx.get(served.url + "token")
        served.stop(signal.SIGTERM)
    assert [r.body.get("expires_after") for r in server.requests] == [None, {"seconds": 120}]


def test_a_port_in_use_is_one_line_and_its_own_code(home: Path, server: FakeRealtimeServer) -> None:
    save(home, aimed_at(server))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_serve(home, "demo", "--port", str(port))
    assert done.returncode == EXIT_PORT_IN_USE
    assert done.stdout == "" and done.stderr.count("\n") == 1
    assert f"port {port}" in done.stderr and "--port 0" in done.stderr


def test_a_malformed_origin_is_one_line_and_its_own_code(home: Path, server: FakeRealtimeServer) -> None:
    save(home, aimed_at(server))
    done = run_serve(home, "demo", "--allow-origin", "http://localhost:5173", "--allow-origin", "localhost:3000")
    assert done.returncode == EXIT_BAD_ORIGIN
    assert done.stdout == "" and done.stderr.count("\n") == 1 and "'localhost:3000'" in done.stderr


def test_a_configuration_that_does_not_validate_is_refused_before_serving(home: Path,
                                                                         server: FakeRealtimeServer) -> None:
    config = aimed_at(server, "bad", "beta")
    config.values["temperature"] = 1.5
    save(home, config)
    done = run_serve(home, "bad")
    assert done.returncode == 3 and done.stdout == ""
    assert "Temperature (temperature)" in done.stderr
    no_key = run_serve(home, "demo-missing")
    assert no_key.returncode == 15
    save(home, aimed_at(server))
    # No key in the environment, and a keyring that can't be reached: that is what it says.
    no_keyring = run_serve(home, "demo", env={"OPENAI_API_KEY": ""})
    assert no_keyring.returncode == EXIT_CODES[KeyringUnavailableError], no_keyring.stderr
    assert server.requests == []


def test_a_connection_the_user_has_not_confirmed_is_refused_before_serving(home: Path,
                                                                          server: FakeRealtimeServer) -> None:
    config = Configuration.new("shared")
    config.connection["base_url"] = server.base_url  # as a file someone shared would say, never confirmed
    save(home, config)
    done = run_serve(home, "shared")
    assert done.returncode == EXIT_CODES[UntrustedConnectionError] and done.stdout == ""
    assert "configs trust shared" in done.stderr
    assert server.requests == []


@pytest.mark.parametrize(("args", "words"), [(["--rate", "lots"], "such as 30/min"), (["--port", "70000"], "port")])
def test_bad_numbers_are_usage_errors(home: Path, args: list[str], words: str) -> None:
    done = run_serve(home, "demo", *args)
    assert done.returncode == 2 and words in done.stderr


def test_help_lists_the_serve_exit_codes(home: Path) -> None:
    done = run_serve(home, "--help")
    assert f"{EXIT_PORT_IN_USE}  serve: the port is in use" in done.stdout
    assert f"{EXIT_BAD_ORIGIN}  serve: an origin" in done.stdout
