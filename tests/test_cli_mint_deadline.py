"""``realtime-gui mint``'s deadline: the configuration's own Time limit, unless ``--timeout`` is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from test_cli import pointed_at, run_cli, save

from realtime_gui.core.catalog.connection import TIME_LIMIT
from realtime_gui.core.wire.configuration import Configuration


def _trickled(home: Path, server: FakeRealtimeServer, time_limit: int, *args: str) -> tuple[int, str]:
    config = pointed_at(server, Configuration.new("slow"))
    config.connection[TIME_LIMIT.key] = time_limit
    save(home, config)
    server.trickle_next(0.5)  # every read succeeds, so only the total deadline ends it
    done = run_cli(home, "mint", "slow", *args, env={"OPENAI_API_KEY": FAKE_API_KEY})
    answer = server.answers[-1]
    assert not answer.finished and answer.sent < answer.total  # cut off, not waited out
    assert done.stdout == ""
    return done.returncode, done.stderr


@pytest.mark.e2e
def test_without_timeout_the_configurations_time_limit_bounds_the_mint(home: Path, server: FakeRealtimeServer) -> None:
    code, stderr = _trickled(home, server, 2)
    assert code == 5, stderr
    assert "within 2 s" in stderr and "(now 2" in stderr, stderr
    assert "`--timeout SECONDS`" in stderr and "the configuration's time limit" in stderr
    assert "configs set slow timeout=SECONDS" in stderr


@pytest.mark.e2e
def test_timeout_on_the_command_line_wins(home: Path, server: FakeRealtimeServer) -> None:
    code, stderr = _trickled(home, server, 600, "--timeout", "1")
    assert code == 5, stderr
    assert "within 1 s" in stderr and "`--timeout SECONDS` (now 1)" in stderr
