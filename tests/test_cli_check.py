"""``realtime-gui check`` as a user runs it: the table, --json, the exit codes, no secret anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from fakesocket import FakeRealtimeSocket, running_socket
from serve_support import _env, aimed_at, save

pytestmark = pytest.mark.e2e

APPLIED = {"type": "realtime", "model": "gpt-realtime", "audio": {"output": {"voice": "alloy"}}}


@pytest.fixture
def fake_socket(server: FakeRealtimeServer) -> Iterator[FakeRealtimeSocket]:
    with running_socket(server) as running:
        yield running


def run_check(home: Path, server: FakeRealtimeServer, *args: str) -> subprocess.CompletedProcess[str]:
    config = aimed_at(server)
    config.values["voice"] = "marin"
    save(home, config)
    return subprocess.run([sys.executable, "-m", "realtime_gui", "check", config.name, *args], env=_env(home, None),
                          capture_output=True, text=True, timeout=60)


def test_check_prints_asked_beside_applied_and_exits_0(home: Path, server: FakeRealtimeServer,
                                                      fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.apply(APPLIED)
    done = run_check(home, server)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"session.created from ws://127.0.0.1:{server.port}/v1/realtime?model=gpt-realtime")
    assert lines[2].split() == ["field", "asked", "applied"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[3:] if line}
    assert rows["session.audio.output.voice"] == ["marin", "alloy", "differs"]
    assert rows["session.model"] == ["gpt-realtime", "gpt-realtime"]
    assert lines[-1] == "1 difference"


def test_check_json_is_one_object(home: Path, server: FakeRealtimeServer, fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.apply(APPLIED)
    done = run_check(home, server, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["event"] == "session.created" and result["differences"] == 1
    assert {"path": "session.audio.output.voice", "label": "Voice", "status": "differs", "asked": "marin",
            "applied": "alloy"} in result["fields"]


def test_a_refused_token_exits_19_with_one_line(home: Path, server: FakeRealtimeServer,
                                               fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.close_with(4001, "invalid token")
    done = run_check(home, server)
    assert done.returncode == 19
    assert done.stdout == "" and done.stderr.count("\n") == 1
    assert done.stderr.startswith("error: Client secret refused: The Realtime socket closed with code 4001")


def test_a_refused_upgrade_with_json_is_an_error_object(home: Path, server: FakeRealtimeServer,
                                                       fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.refuse(401, {"message": "Invalid ephemeral key."})
    done = run_check(home, server, "--json")
    assert done.returncode == 19
    error = json.loads(done.stdout)["error"]
    assert error["status"] == 401 and error["exit_code"] == 19 and error["title"] == "Client secret refused"


def test_no_session_created_exits_23_and_names_the_option(home: Path, server: FakeRealtimeServer,
                                                         fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.stay_silent()
    done = run_check(home, server, "--timeout", "2")
    assert done.returncode == 23
    assert "no session.created came within 2 s" in done.stderr and "`--timeout S` (now 2)" in done.stderr


def test_the_secret_and_the_key_are_never_printed(home: Path, server: FakeRealtimeServer,
                                                 fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.echo_token = True
    outputs = []
    scripts: list[tuple[Callable[[], None], tuple[str, ...]]] = [
        (lambda: fake_socket.apply(APPLIED), ("--json",)), (lambda: fake_socket.apply(APPLIED), ()),
        (lambda: fake_socket.close_with(4001, "bad token"), ()), (lambda: fake_socket.refuse(401), ("--json",))]
    for script, args in scripts:
        script()
        done = run_check(home, server, *args)
        token = fake_socket.upgrades[-1].headers["authorization"].removeprefix("Bearer ")
        assert token.startswith("ek_")
        outputs.append((token, done.stdout + done.stderr))
    for token, output in outputs:
        assert token not in output and FAKE_API_KEY not in output
    assert "Opened with" in outputs[0][1]  # the echo was there, masked
