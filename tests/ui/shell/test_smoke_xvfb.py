"""The real window on a real X server: start ``python -m realtime_gui`` under Xvfb
and let it save a screenshot of itself (``REALTIME_GUI_SCREENSHOT``)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[3]


def _free_display() -> int:
    for number in range(150, 250):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number between :150 and :249")


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A display of a fresh Xvfb, stopped afterwards."""
    if shutil.which("Xvfb") is None:
        reason = "Xvfb is not installed (apt-get install xvfb); the real-window smoke test needs it"
        print(reason)
        pytest.skip(reason)
    number = _free_display()
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_the_real_window_paints_under_xvfb(xvfb: str, tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "REALTIME_GUI_HOME": str(tmp_path / "home"),
           "REALTIME_GUI_SCREENSHOT": str(shot)}
    env.pop("OPENAI_API_KEY", None)
    done = subprocess.run([sys.executable, "-m", "realtime_gui"], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert shot.exists(), done.stderr

    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500
    # Non-trivial: a painted window has many colours, a blank one a few.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20
