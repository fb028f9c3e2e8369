"""The token server for tests: in process on its own thread, or as ``realtime-gui serve`` in a subprocess.

Both mint from a configuration pointed at the loopback fake service
(fakeserver.py), with :data:`~fakeserver.FAKE_API_KEY` from the environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from fakeserver import FAKE_API_KEY, FakeRealtimeServer

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.library.trust import trust_connection
from realtime_gui.core.serve.log import RequestRecord
from realtime_gui.core.serve.server import ServeSettings, TokenServer
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["ServedCommand", "Serving", "aimed_at", "run_serve", "save", "serve_command", "serving"]

REPO = Path(__file__).resolve().parents[1]


def aimed_at(fake: FakeRealtimeServer, name: str = "demo", endpoint_id: str = "ga") -> Configuration:
    """A new configuration that mints from ``fake``, its host confirmed as the user would."""
    config = Configuration.new(name, endpoint_id)
    config.connection["base_url"] = fake.base_url
    trust_connection(config)
    return config


@dataclass
class Serving:
    """A running in-process server and every request it logged."""

    server: TokenServer
    records: list[RequestRecord] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url


@contextmanager
def serving(config: Configuration, *, key: str = FAKE_API_KEY, client: MintClient | None = None,
            **settings: Any) -> Iterator[Serving]:
    """``TokenServer`` for ``config`` with ``settings`` (see ``ServeSettings``), stopped on exit."""
    records: list[RequestRecord] = []
    server = TokenServer(lambda: config, ApiKeys(MemoryStore()), ServeSettings(**settings),
                         on_log=records.append, client=client, env={"OPENAI_API_KEY": key})
    server.start()
    try:
        yield Serving(server, records)
    finally:
        server.stop()
    assert not server.running, "the server's thread outlived stop()"


@dataclass
class ServedCommand:
    """``realtime-gui serve`` running in a subprocess: its URL (the first line it printed)."""

    process: subprocess.Popen[str]
    url: str

    def stop(self, signal_number: int) -> tuple[int, str, str]:
        """Send ``signal_number``; the exit status, the rest of standard output, and standard error."""
        self.process.send_signal(signal_number)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, out, err


def _env(home: Path, extra: Mapping[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update({"REALTIME_GUI_HOME": str(home), "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "OPENAI_API_KEY": FAKE_API_KEY})
    env.update(extra or {})
    return env


def save(home: Path, config: Configuration) -> None:
    ConfigStore(home / "configs").save(config.name, config.to_data())


@contextmanager
def serve_command(home: Path, config: Configuration, *args: str,
                  env: Mapping[str, str] | None = None) -> Iterator[ServedCommand]:
    """Save ``config`` and run ``realtime-gui serve NAME ARGS`` until it prints its URL; killed on exit."""
    save(home, config)
    process = subprocess.Popen([sys.executable, "-m", "realtime_gui", "serve", config.name, *args],
                               env=_env(home, env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout: IO[str] = process.stdout  # type: ignore[assignment]
        first = stdout.readline()
        if not first:
            _, err = process.communicate(timeout=30)
            raise AssertionError(f"serve printed no URL (exit {process.returncode}): {err}")
        yield ServedCommand(process, first.strip())
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=30)


def run_serve(home: Path, *args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``realtime-gui serve ARGS`` expected to fail at once."""
    return subprocess.run([sys.executable, "-m", "realtime_gui", "serve", *args], env=_env(home, env),
                          capture_output=True, text=True, timeout=60)
