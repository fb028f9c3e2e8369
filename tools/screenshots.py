"""Screenshots of the window in its key states, for the README and for the eye.

    python3 tools/screenshots.py OUT_DIR [--only NAME ...] [--offscreen]

(OUT_DIR is made if missing; existing pictures of the states taken are replaced.)

Writes ``OUT_DIR/NAME.png`` for each state in ``STATES``: first run, a
configuration being edited, minting, the result, an error, expired, dark,
2x scale and 800x600. Each state is one small function that brings a fresh
window, with a home folder of its own, into that state, so a state is easy
to re-point when the window changes. Mints go to the loopback fake service
of the tests (``tests/fakeserver.py``), with its connection trusted as a
user would confirm it; nothing reaches the network, the keyring or the
user's own folder.

The window runs under Xvfb (through ``xvfb-run``), never on the desktop in
use, so the pictures don't depend on its theme; ``--offscreen`` uses Qt's
offscreen platform instead (the same fonts, no X server). States of another scale run in a process of their own
(``QT_SCALE_FACTOR`` is read once, at start). Exits 1 if a state failed or
Qt printed a warning; the offscreen platform's own "does not support"
notices are not warnings about the window.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO = Path(__file__).resolve().parents[1]

if TYPE_CHECKING:
    from fakeserver import FakeRealtimeServer

    from realtime_gui.ui.shell.frame import MainWindow


@dataclass(frozen=True)
class State:
    """How to take one screenshot: the function that stages it, the window size, the scale."""

    stage: Callable[[Stage], MainWindow]
    size: tuple[int, int] = (1280, 800)
    scale: int = 1


# --- the states: each opens a window through the stage and brings it where the picture is ---------

def first_run(stage: Stage) -> MainWindow:
    """No configuration saved and no key stored: what a new user sees first."""
    return stage.window(key=False)


def editing(stage: Stage) -> MainWindow:
    """A configuration with a few fields set, one edit not saved yet."""
    window = stage.window(stage.voice_assistant())
    stage.type_into(window, "session.instructions", " Keep answers short.")
    return window


def minting(stage: Stage) -> MainWindow:
    """A mint under way: the service has not answered yet."""
    window = stage.window(stage.voice_assistant())
    asked = len(stage.server.requests)
    stage.server.hang_next()
    window.bench.minting.mint()
    stage.wait(lambda: len(stage.server.requests) > asked)  # the service has it: the hang is used up
    return window


def result(stage: Stage) -> MainWindow:
    """A fresh client secret with its countdown."""
    window = stage.window(stage.voice_assistant())
    stage.mint(window)
    stage.clock.now += 42  # the countdown has moved: it is live
    window.bench.result_panel.tick()
    return window


def error(stage: Stage) -> MainWindow:
    """The service refused a value: the error names the field."""
    window = stage.window(stage.voice_assistant())
    stage.server.fail_next(400, {"message": "Invalid value: 'robot'. Supported values are: 'alloy', 'ash', "
                                            "'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', "
                                            "'cedar'.", "param": "session.audio.output.voice"})
    stage.mint(window)
    return window


def expired(stage: Stage) -> MainWindow:
    """A secret whose time is up."""
    window = stage.window(stage.voice_assistant())
    stage.mint(window)
    stage.clock.now += 3600
    window.bench.result_panel.tick()
    return window


def dark(stage: Stage) -> MainWindow:
    """The result, with the ``window.theme`` preference set to dark."""
    stage.prefer({"window.theme": "dark"})
    return result(stage)


def scaled(stage: Stage) -> MainWindow:
    """A configuration being edited at twice the scale (``QT_SCALE_FACTOR=2``)."""
    return stage.window(stage.voice_assistant())


def small(stage: Stage) -> MainWindow:
    """A configuration being edited in the smallest useful window."""
    return stage.window(stage.voice_assistant())


STATES: dict[str, State] = {
    "first-run": State(first_run),
    "editing": State(editing),
    "minting": State(minting),
    "result": State(result),
    "error": State(error),
    "expired": State(expired),
    "dark": State(dark),
    "scale-2x": State(scaled, size=(1100, 720), scale=2),
    "800x600": State(small, size=(800, 600)),
}


# --- the stage: a fresh home, window and fake service for each state ------------------------------

class Stage:
    """What a state function builds with: a home folder of its own, the fake
    service, a clock that stands still, and helpers that wait as a user would."""

    def __init__(self, home: Path, server: FakeRealtimeServer, size: tuple[int, int]) -> None:
        from ui_support import FakeClock

        self.home, self.server, self.size = home, server, size
        self.clock = FakeClock()
        home.mkdir(parents=True)
        os.environ["REALTIME_GUI_HOME"] = str(home)  # trust records and preferences live there

    def voice_assistant(self) -> Any:
        """A configuration with a few fields set, aimed at the fake service."""
        from ui_support import local

        config = local(self.server, "Voice assistant", model="gpt-realtime", voice="marin", speed=1.1,
                       instructions="You are a friendly voice assistant.")
        config.values["expires_after.seconds"] = 300  # a field id with a dot: no keyword for it
        return config

    def prefer(self, values: dict[str, Any]) -> None:
        """Preferences, as the settings file holds them."""
        import json

        (self.home / "settings.json").write_text(json.dumps({"format": 1, "values": values}))

    def window(self, *configs: Any, key: bool = True) -> MainWindow:
        """The main window of this home, with ``configs`` saved, shown and ready."""
        from fakeserver import FAKE_API_KEY
        from PySide6.QtCore import QSettings, QThreadPool
        from ui_support import FakeDialogs, saved

        from realtime_gui.core.library.keys import ApiKeys
        from realtime_gui.core.library.secret_store import MemoryStore
        from realtime_gui.core.library.store import ConfigStore
        from realtime_gui.ui.shell.app import open_window
        from realtime_gui.ui.window.services import Services

        store = ConfigStore(self.home / "configs")
        for config in configs:
            saved(store, config)
        keys = ApiKeys(MemoryStore())
        if key:
            keys.set("default", FAKE_API_KEY)
        self.pool = QThreadPool()
        services = Services(store=store, settings=QSettings(str(self.home / "window.ini"), QSettings.Format.IniFormat),
                            keys=keys, clock=self.clock, pool=self.pool, env={})
        window = open_window(services, FakeDialogs())
        window.resize(*self.size)
        self.wait(window.is_ready)
        return window

    def type_into(self, window: MainWindow, path: str, text: str) -> None:
        """Type ``text`` at the end of the field at ``path``, as a user would."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        editor = window.bench.form.editor(path)
        assert editor is not None, path
        editor.setFocus()
        QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(editor, text)

    def mint(self, window: MainWindow) -> None:
        """Mint, and wait for the outcome."""
        job = window.bench.minting.job
        window.bench.minting.mint()
        self.wait(lambda: not job.busy())

    def wait(self, done: Callable[[], bool], seconds: float = 10) -> None:
        from PySide6.QtWidgets import QApplication

        deadline = time.monotonic() + seconds
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {seconds} s for {getattr(done, '__qualname__', done)}")
            QApplication.processEvents()
            time.sleep(0.005)

    def settle(self) -> None:
        """Let layouts and paints finish (the form builds its first screenful at once)."""
        from PySide6.QtWidgets import QApplication

        for _ in range(5):
            QApplication.processEvents()
            time.sleep(0.01)


# --- running ---------------------------------------------------------------------------------------

@contextmanager
def _qt_warnings() -> Iterator[list[str]]:
    """Collect what Qt says at warning level and above (and pass it on to stderr)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    said: list[str] = []

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and "does not support" not in message:
            said.append(message)
        print(f"qt: {message}", file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield said
    finally:
        qInstallMessageHandler(previous)


def shoot(names: list[str], out: Path) -> list[str]:
    """Take the screenshots ``names`` (all of one scale) into ``out``, in this
    process; returns what went wrong, one line each."""
    sys.path[:0] = [str(REPO), str(REPO / "tests")]
    from fakeserver import running_server
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["realtime-gui"])
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="screens-") as scratch, running_server() as server, \
            _qt_warnings() as said:
        for name in names:
            state = STATES[name]
            before, started = len(said), time.monotonic()
            stage = Stage(Path(scratch) / name, server, state.size)
            window = None
            try:
                window = state.stage(stage)
                stage.settle()
                if not window.grab().save(str(out / f"{name}.png")):
                    failures.append(f"{name}: the picture could not be saved")
            except Exception as problem:  # one state failing must not hide the others
                failures.append(f"{name}: {type(problem).__name__}: {problem}")
            finally:
                if window is not None:
                    window.bench.minting.cancel()  # a hung mint's connection is cut
                    stage.pool.waitForDone(5000)
                    window.close()
                    window.deleteLater()
                stage.settle()
            failures += [f"{name}: Qt warned: {message}" for message in said[before:]]
            print(f"{name}: {out / f'{name}.png'} ({time.monotonic() - started:.1f} s)")
        app.processEvents()
    return failures


def _main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write NAME.png into")
    parser.add_argument("--only", nargs="+", choices=list(STATES), metavar="NAME",
                        help=f"these states only (of {', '.join(STATES)})")
    parser.add_argument("--offscreen", action="store_true", help="Qt's offscreen platform instead of Xvfb")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)  # a child of the run
    args = parser.parse_args()
    names = args.only or list(STATES)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.in_process:
        failures = shoot(names, args.out)
        for line in failures:
            print(line, file=sys.stderr)
        return 1 if failures else 0
    status = 0
    for scale in sorted({STATES[n].scale for n in names}):
        group = [n for n in names if STATES[n].scale == scale]
        command = [sys.executable, str(Path(__file__).resolve()), str(args.out), "--in-process", "--only", *group]
        env = {**os.environ, "QT_SCALE_FACTOR": str(scale), "PYTHONPATH": str(REPO)}
        if args.offscreen:
            env["QT_QPA_PLATFORM"] = "offscreen"
        else:
            if not shutil.which("xvfb-run"):
                print("screenshots: xvfb-run is missing; install xvfb, or pass --offscreen", file=sys.stderr)
                return 2
            command = ["xvfb-run", "-a", "-s", "-screen 0 2560x1600x24", *command]
            env["QT_QPA_PLATFORM"] = "xcb"
        status |= subprocess.run(command, env=env, check=False).returncode
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(_main())
