"""Shared fixtures. GUI tests run offscreen unless a test says otherwise."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fakeserver import FakeRealtimeServer, running_server  # noqa: E402

SHARED = Path(os.environ.get("REALTIME_GUI_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SCHEMA_FILE = SHARED / "openapi" / "realtime-token-endpoints.json"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).name.startswith("test_ui"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def official_schemas() -> dict[str, Any]:
    """The official request/response schemas, the oracle for conformance."""
    if not SCHEMA_FILE.exists():
        pytest.fail(f"the shared schemas are missing at {SCHEMA_FILE}; check out ../shared beside the repo "
                    "or set REALTIME_GUI_SHARED")
    return json.loads(SCHEMA_FILE.read_text())  # type: ignore[no-any-return]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated REALTIME_GUI_HOME with no keys in the environment."""
    monkeypatch.setenv("REALTIME_GUI_HOME", str(tmp_path / "home"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture
def keys() -> Any:
    from realtime_gui.core.keys import ApiKeys, MemoryStore

    return ApiKeys(MemoryStore())


@pytest.fixture
def server() -> Iterator[FakeRealtimeServer]:
    with running_server() as running:
        yield running
