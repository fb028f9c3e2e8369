"""Shared fixtures. GUI tests run offscreen unless a test says otherwise.

The GUI tests' fixtures are here too; their fakes and helpers are in
ui_support.py, imported inside the fixtures so that loading this file loads no Qt.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fakeserver import FakeRealtimeServer, running_server

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings, QThreadPool
    from pytestqt.qtbot import QtBot
    from ui_support import FakeClock, FakeDialogs, WindowFactory

    from realtime_gui.core.library.keys import ApiKeys
    from realtime_gui.core.library.store import ConfigStore

TESTS = Path(__file__).resolve().parent
# The project's own copy of the official schemas (see tests/data/README.md); REALTIME_GUI_SHARED may
# point at another checkout of shared/ to test against a newer edition.
_SCHEMA_ROOT = Path(os.environ["REALTIME_GUI_SHARED"]) if os.environ.get("REALTIME_GUI_SHARED") else TESTS / "data"
SCHEMA_FILE = _SCHEMA_ROOT / "openapi" / "realtime-token-endpoints.json"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "ui" in Path(str(item.fspath)).relative_to(TESTS).parts[:-1]:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def official_schemas() -> dict[str, Any]:
    """The official request/response schemas, the oracle for conformance."""
    if not SCHEMA_FILE.exists():
        pytest.fail(f"the official schemas are missing at {SCHEMA_FILE}; restore tests/data/openapi "
                    "or point REALTIME_GUI_SHARED at a folder holding openapi/")
    return json.loads(SCHEMA_FILE.read_text())  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def _own_app_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's own folder (configurations, trust records)."""
    monkeypatch.setenv("REALTIME_GUI_HOME", str(tmp_path / "home"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated REALTIME_GUI_HOME with no keys in the environment."""
    monkeypatch.setenv("REALTIME_GUI_HOME", str(tmp_path / "home"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture
def keys() -> Any:
    from realtime_gui.core.library.keys import ApiKeys
    from realtime_gui.core.library.secret_store import MemoryStore

    return ApiKeys(MemoryStore())


@pytest.fixture
def server() -> Iterator[FakeRealtimeServer]:
    with running_server() as running:
        yield running


# --- the window's world, for the GUI tests (fakes and helpers: ui_support.py) ------------------

@pytest.fixture
def store(home: Path) -> ConfigStore:
    from realtime_gui.core.library.store import ConfigStore

    return ConfigStore(home / "configs")


@pytest.fixture
def settings(home: Path) -> QSettings:
    from PySide6.QtCore import QSettings

    return QSettings(str(home / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def clock() -> FakeClock:
    from ui_support import FakeClock

    return FakeClock()


@pytest.fixture
def dialogs() -> FakeDialogs:
    from ui_support import FakeDialogs

    return FakeDialogs()


@pytest.fixture
def pool() -> Iterator[QThreadPool]:
    """A real pool of our own, so a test (and teardown) can wait for its threads."""
    from PySide6.QtCore import QThreadPool

    own = QThreadPool()
    yield own
    assert own.waitForDone(10_000), "a mint thread outlived the test"


@pytest.fixture
def make_window(qtbot: QtBot, store: ConfigStore, keys: ApiKeys, settings: QSettings, clock: FakeClock,
                dialogs: FakeDialogs) -> WindowFactory:
    """``make_window(*configs, size=None, **services)``: the main window, shown and ready.

    The ``configs`` are saved first; ``size`` resizes the window; ``services``
    replace the injected ones (an ImmediatePool, the fake clock, the fixtures').
    """
    from ui_support import ImmediatePool, saved

    from realtime_gui.ui.shell.app import open_window
    from realtime_gui.ui.shell.frame import MainWindow
    from realtime_gui.ui.window.services import Services

    def make(*configs: Any, size: tuple[int, int] | None = None, **services: Any) -> MainWindow:
        for config in configs:
            saved(store, config)
        given: dict[str, Any] = {"store": store, "keys": keys, "settings": settings, "clock": clock,
                                 "pool": ImmediatePool(), "env": {}}
        window = open_window(Services(**{**given, **services}), dialogs)
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.is_ready)
        return window
    return make
