"""The screenshot script (tools/screenshots.py) runs, and every key state renders
a picture of the right size, with something on it, and without a Qt warning."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage

pytestmark = [pytest.mark.gui]

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "screenshots.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_states_the_issue_names_are_all_there() -> None:
    states = _script().STATES
    assert set(states) == {"first-run", "editing", "minting", "result", "error", "expired", "dark",
                           "scale-2x", "800x600"}
    assert states["scale-2x"].scale == 2 and states["800x600"].size == (800, 600)


def test_every_state_renders_without_a_qt_warning(tmp_path: Path) -> None:
    states = _script().STATES
    # Under Xvfb as the issue asks where it is installed; Qt's offscreen platform (same fonts) where not.
    platform = [] if shutil.which("xvfb-run") else ["--offscreen"]
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    run = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), *platform], env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert "Qt warned" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    for name, state in states.items():
        picture = QImage(str(tmp_path / f"{name}.png"))
        assert not picture.isNull(), name
        width, height = state.size
        assert (picture.width(), picture.height()) == (width * state.scale, height * state.scale), name
        # Something is drawn: many colours, not one blank fill.
        colours = {picture.pixel(x, y) for x in range(0, picture.width(), 37) for y in range(0, picture.height(), 29)}
        assert len(colours) > 20, name
