"""Without a display the window says so in one line, instead of Qt's misleading abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from realtime_gui.ui.shell.display import no_display_reason

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("env", "platform", "screenless"), [
    ({}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({}, "darwin", False),
    ({}, "win32", False),
])
def test_knows_when_there_is_no_screen(env: dict[str, str], platform: str, screenless: bool) -> None:
    assert (no_display_reason(env, platform) is not None) is screenless


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11/Wayland variables are Linux's")
def test_the_window_without_a_display_says_so_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["REALTIME_GUI_HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "realtime_gui"], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=60, check=False)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "no display" in lines[0] and "DISPLAY" in lines[0]
    assert "xcb" not in done.stderr and "Traceback" not in done.stderr
