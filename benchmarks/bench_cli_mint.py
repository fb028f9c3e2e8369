"""How long `realtime-gui mint NAME` takes as a whole process, against the
floor of a bare `python -c` httpx POST of the same body, in the same run.

    python benchmarks/bench_cli_mint.py [--runs 15]

Both talk to tests/fakeserver.py on loopback. Prints medians and the ratio;
exits 1 when the ratio is above the target (1.5).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KEY = "sk-test-bench-01234567"
TARGET = 1.5


def timed(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{command[:3]} failed: {done.stderr}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, str(REPO / "tests" / "fakeserver.py"), "--key", KEY],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().split()[-1]
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "REALTIME_GUI_HOME": home, "OPENAI_API_KEY": KEY, "PYTHONPATH": str(REPO)}
            configs = Path(home) / "configs"
            configs.mkdir()
            data = {"format": 1, "name": "bench", "endpoint": "ga", "connection": {"base_url": base_url},
                    "values": {"model": "gpt-realtime", "voice": "marin", "expires_after.seconds": 60}}
            (configs / "bench.json").write_text(json.dumps(data))
            body = {"session": {"type": "realtime", "model": "gpt-realtime", "audio": {"output": {"voice": "marin"}}},
                    "expires_after": {"seconds": 60}}
            bare = (f"import httpx; r = httpx.post({base_url + '/realtime/client_secrets'!r}, json={body!r}, "
                    f"headers={{'Authorization': 'Bearer {KEY}'}}); print(r.json()['value'])")
            floor = timed([sys.executable, "-c", bare], env, 2)  # warm the disk cache
            floor = timed([sys.executable, "-c", bare], env, args.runs)
            ours = timed([sys.executable, "-m", "realtime_gui", "mint", "bench"], env, args.runs)
    finally:
        server.terminate()
        server.wait()
    floor_ms, ours_ms = statistics.median(floor) * 1000, statistics.median(ours) * 1000
    ratio = ours_ms / floor_ms
    print(f"bare httpx POST (python -c):  {floor_ms:7.1f} ms median of {args.runs}")
    print(f"realtime-gui mint NAME:       {ours_ms:7.1f} ms median of {args.runs}")
    print(f"ratio:                        {ratio:7.2f}  (target <= {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
