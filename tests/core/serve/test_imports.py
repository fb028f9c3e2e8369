"""uvicorn and Starlette load only when serving: minting and opening the window never pay for them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SERVING = ("uvicorn", "starlette", "h11", "anyio")


def loaded_after(statement: str, home: Path) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    env = {**os.environ, "REALTIME_GUI_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(REPO), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env,
                          check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("statement", [
    # mint's whole path, up to the missing configuration it reports
    "from realtime_gui.cli import main; main(['mint', 'nothing-here'])",
    "import realtime_gui.core.library.minting, realtime_gui.core.serve.rules, realtime_gui.core.serve.setup, "
    "realtime_gui.core.serve.errors, realtime_gui.core.serve.log, realtime_gui.core.serve.page",
    "from realtime_gui.cli import main; main(['serve', 'demo', '--allow-origin', 'nope'])",
    # the window, built and shown
    "from realtime_gui.ui.shell import app; import realtime_gui.ui.window.workbench",
    # the window with its workbench built, the Serve panel shown and its origins checked, not serving
    "from realtime_gui.ui.shell.app import open_window; w = open_window(); w.finish_start(); "
    "w.window_actions.serve_panel.trigger(); w.bench.serving.panel.origins.setText('http://localhost:5173')",
])
def test_serving_libraries_load_only_to_serve(statement: str, tmp_path: Path) -> None:
    loaded = loaded_after(statement, tmp_path)
    assert not {m for m in loaded if m.split(".")[0] in SERVING}


def test_serving_loads_them(tmp_path: Path) -> None:
    assert {"uvicorn", "starlette"} <= loaded_after("import realtime_gui.core.serve.server", tmp_path)
