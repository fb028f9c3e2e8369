"""How long the window takes until a person can use it, as a whole process,
against the floor of a bare PySide6 window with a 60-row form (``bare_window.py``),
in the same run.

    python benchmarks/bench_startup.py [--runs 15]

*Usable* is the moment the open configuration's editors have been painted
(``REALTIME_GUI_QUIT_WHEN_USABLE``): a first frame whose form is still being
built doesn't count. The floor quits at its first paint, which is when its
form is usable. The first frame (``REALTIME_GUI_QUIT_AFTER_PAINT``) is
reported beside it. All run offscreen, with bytecode caching on, alternately,
so a busy machine slows them alike. Three cases:

* an empty ``REALTIME_GUI_HOME``;
* 500 saved configurations and one holding 128 function tools;
* the same, with the window settings naming the 128-tool one as the last open.

Prints the median wall time and peak RSS of each and their ratios; exits 1
when a ratio is above its target (usable: wall 1.5 for the empty home and
1.6 for the large ones, RSS 1.3 for all; the first frame has no target).
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from realtime_gui.core.library.store import ConfigStore  # noqa: E402
from realtime_gui.core.wire.configuration import Configuration  # noqa: E402

RSS_TARGET = 1.3
BIG = "big (128 tools)"


@dataclass(frozen=True)
class Case:
    name: str
    home: Path
    wall_target: float


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_kib: int


def ours_command() -> list[str]:
    """The installed ``realtime-gui`` script, run by this interpreter (no shims in between)."""
    script = Path(sysconfig.get_path("scripts")) / "realtime-gui"
    return [sys.executable, str(script)] if script.exists() else [sys.executable, "-m", "realtime_gui"]


def run_once(command: list[str], env: dict[str, str]) -> Run:
    """Run ``command`` to its end; its wall time and its own peak RSS (from wait4, not the harness's)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err, cwd=REPO)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        if child.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} exited with {child.returncode}:\n"
                             f"{err.read().decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss)  # kilobytes on Linux


def fill(store: ConfigStore) -> None:
    """500 plain configurations and one with 128 function tools."""
    for n in range(500):
        store.create(f"config {n:03d}", Configuration.new(f"config {n:03d}").to_data())
    big = Configuration.new(BIG)
    big.values["tools"] = [{"type": "function", "name": f"tool_{n}", "description": f"Tool number {n}",
                            "parameters": {"type": "object", "properties": {}}} for n in range(128)]
    store.create(BIG, big.to_data())


def make_homes(root: Path) -> list[Case]:
    empty, large, last = root / "empty", root / "large", root / "large-last"
    empty.mkdir()
    fill(ConfigStore(large / "configs"))
    fill(ConfigStore(last / "configs"))
    # What WindowMemory writes (QSettings' INI format), without loading Qt here.
    (last / "window.ini").write_text(f"[General]\nlast_configuration={BIG}\n", encoding="utf-8")
    return [Case("empty home", empty, 1.5), Case("500 configs + 128 tools", large, 1.6),
            Case("same, 128-tool one last open", last, 1.6)]


def measure(case: Case, runs: int, base_env: dict[str, str]) -> tuple[list[Run], list[Run], list[Run]]:
    """The floor, ours until usable and ours until the first frame, alternating."""
    floor_command = [sys.executable, str(REPO / "benchmarks" / "bare_window.py")]
    env = {**base_env, "REALTIME_GUI_HOME": str(case.home)}
    usable_env = {**env, "REALTIME_GUI_QUIT_WHEN_USABLE": "1"}
    frame_env = {**env, "REALTIME_GUI_QUIT_AFTER_PAINT": "1"}
    for command in (floor_command, ours_command()):  # warm the disk cache and the bytecode
        run_once(command, usable_env)
    floor: list[Run] = []
    usable: list[Run] = []
    frame: list[Run] = []
    for _ in range(runs):
        floor.append(run_once(floor_command, env))
        usable.append(run_once(ours_command(), usable_env))
        frame.append(run_once(ours_command(), frame_env))
    return floor, usable, frame


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # start-up is measured as users get it: with cached bytecode
    env.pop("OPENAI_API_KEY", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "realtime_gui")], env=env, check=True)
    missed = []
    with tempfile.TemporaryDirectory() as root:
        print(f"{args.runs} runs each, medians {' ' * 12}{'floor':>9} {'ours':>9} {'ratio':>6} {'target':>6}")
        for case in make_homes(Path(root)):
            floor, usable, frame = measure(case, args.runs, env)
            rows: list[tuple[str, str, float | None, list[Run], Callable[[Run], float]]] = [
                ("usable", "ms", case.wall_target, usable, lambda r: r.seconds * 1000),
                ("max RSS", "MiB", RSS_TARGET, usable, lambda r: r.max_rss_kib / 1024),
                ("1st frame", "ms", None, frame, lambda r: r.seconds * 1000)]
            for what, unit, target, ours, pick in rows:
                f, o = statistics.median(map(pick, floor)), statistics.median(map(pick, ours))
                ratio = o / f
                verdict = "" if target is None else "ok" if ratio <= target else "MISSED"
                shown = "" if target is None else f"{target:5.2f}x"
                print(f"{case.name:>29} {what:<9} {f:6.1f}{unit:<3} {o:6.1f}{unit:<3} {ratio:5.2f}x {shown:>6} "
                      f"{verdict}")
                if target is not None and ratio > target:
                    missed.append(f"{case.name}: {what}")
    if missed:
        print("missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
