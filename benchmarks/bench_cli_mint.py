"""How long `realtime-gui mint NAME` takes as a whole process, against the
floor of a bare `python -c` httpx POST of the same body, in the same run.

    python benchmarks/bench_cli_mint.py [--runs 15]

Three configurations: no tools, two function tools, and 21 function tools
with realistic JSON Schema parameters. For each, the bare POST sends the body
`realtime-gui configs export NAME --body` gives, and the benchmark checks the
loopback server (tests/fakeserver.py, in this process) received the same body
from both. The six commands run in turn, run after run, so a machine that
slows down slows all of them alike. Prints medians and the median of the paired ratios;
exits 1 when a ratio is above TARGET.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from fakeserver import FakeRealtimeServer, running_server  # noqa: E402

from realtime_gui.core.library.store import ConfigStore  # noqa: E402
from realtime_gui.core.wire.configuration import Configuration  # noqa: E402

KEY = "sk-test-bench-01234567"
TARGET = 1.3  # the mint, at most this many times the bare POST of the same body


def function_tool(n: int) -> dict[str, Any]:
    """A function tool whose parameters look like a real one's."""
    return {
        "type": "function", "name": f"lookup_{n}",
        "description": f"Look up record kind {n} by text; call it when the user asks about kind {n}.",
        "parameters": {
            "type": "object",
            "properties": {
                "query": {"type": "string", "description": "What to look for", "minLength": 1},
                "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
                "units": {"type": "string", "enum": ["metric", "imperial"]},
                "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
                "since": {"type": ["string", "null"], "description": "An ISO date, or null for any"},
                "filter": {"type": "object", "properties": {"field": {"type": "string"}, "value": {}},
                           "required": ["field"], "additionalProperties": False},
            },
            "required": ["query"],
            "additionalProperties": False,
        },
    }


SEED_TOOLS = [
    {"type": "function", "name": "get_weather", "description": "Current weather for a city.",
     "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"],
                    "additionalProperties": False}},
    {"type": "function", "name": "end_call", "description": "Hang up when the caller says goodbye.",
     "parameters": {"type": "object", "properties": {}}},
]


@dataclass
class Case:
    name: str
    tools: list[dict[str, Any]]
    ours: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)

    def ratio(self) -> float:
        """The median of each run's mint over the bare POST beside it: a drifting machine can't move it."""
        return statistics.median(o / f for o, f in zip(self.ours, self.floor, strict=True))


def ours_command(name: str) -> list[str]:
    """The installed ``realtime-gui`` script, run by this interpreter (no shims in between)."""
    script = Path(sysconfig.get_path("scripts")) / "realtime-gui"
    head = [sys.executable, str(script)] if script.exists() else [sys.executable, "-m", "realtime_gui"]
    return [*head, "mint", name]


def bare_command(url: str, body: str) -> list[str]:
    code = (f"import httpx, json; r = httpx.post({url!r}, json=json.loads({body!r}), "
            f"headers={{'Authorization': 'Bearer {KEY}'}}); r.raise_for_status(); print(r.json()['value'])")
    return [sys.executable, "-c", code]


def run_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} exited with {done.returncode}:\n{done.stderr}")
    return seconds


def last_body(server: FakeRealtimeServer) -> Any:
    return server.requests[-1].body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cases = [Case("no tools", []), Case("2 tools", SEED_TOOLS), Case("21 tools", [function_tool(n) for n in range(21)])]
    with running_server(KEY) as server, tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "REALTIME_GUI_HOME": home, "OPENAI_API_KEY": KEY, "PYTHONPATH": str(REPO)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # measured as users get it: with cached bytecode
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "realtime_gui")], env=env, check=True)
        store = ConfigStore(Path(home) / "configs")
        commands = {}
        for case in cases:
            config = Configuration.new(case.name)
            config.connection["base_url"] = server.base_url
            config.values.update({"voice": "marin", "expires_after.seconds": 60})
            if case.tools:
                config.values["tools"] = case.tools
            store.create(case.name, config.to_data())
            # The loopback host confirmed as a user does, or mint refuses it (exit 18).
            subprocess.run([sys.executable, "-m", "realtime_gui", "configs", "trust", case.name],
                           env=env, capture_output=True, check=True)
            body = subprocess.run([sys.executable, "-m", "realtime_gui", "configs", "export", case.name, "--body"],
                                  env=env, capture_output=True, text=True, check=True).stdout
            bare = bare_command(server.base_url + "/realtime/client_secrets", body)
            ours = ours_command(case.name)
            run_once(ours, env)  # also warms the disk cache and the bytecode
            sent = last_body(server)
            run_once(bare, env)
            if last_body(server) != sent or len(sent["session"].get("tools", [])) != len(case.tools):
                raise SystemExit(f"{case.name}: the bare POST and the mint did not send the same body")
            commands[case.name] = ours, bare
        for n in range(args.runs):
            for case in cases:
                ours, bare = commands[case.name]
                first, second = (ours, bare) if n % 2 else (bare, ours)  # neither always goes first
                times = {id(first): run_once(first, env), id(second): run_once(second, env)}
                case.ours.append(times[id(ours)])
                case.floor.append(times[id(bare)])
    print(f"{args.runs} runs each, medians   {'bare POST':>9} {'mint':>8} {'ratio':>6} {'target':>6}")
    missed = []
    for case in cases:
        floor, ours = statistics.median(case.floor) * 1000, statistics.median(case.ours) * 1000
        verdict = "ok" if case.ratio() <= TARGET else "MISSED"
        print(f"{case.name:>24}   {floor:7.1f}ms {ours:6.1f}ms {case.ratio():5.2f}x {TARGET:5.2f}x {verdict}")
        if verdict != "ok":
            missed.append(case.name)
    print("ratio: the median over the runs of the mint's time / the bare POST's in the same run")
    if missed:
        print("missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
