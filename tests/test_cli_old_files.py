"""Files saved by older versions load, show and mint: the command line against format-1 files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from test_cli import run_cli

from realtime_gui.core.library.trust import TrustRecords, trust_connection
from realtime_gui.core.wire.configuration import Configuration


def _format_1_file(server: FakeRealtimeServer) -> dict[str, Any]:
    """What the old window saved after optional text fields were typed in and erased again."""
    return {"format": 1, "name": "old", "endpoint": "ga",
            "connection": {"base_url": server.base_url, "organization": "", "project": ""},
            "values": {"model": "gpt-realtime", "instructions": "", "tracing.group_id": "",
                       "tools": [{"type": "function", "name": "lookup", "description": ""}],
                       "tool_choice": {"type": "function", "name": "lookup"}}}


@pytest.mark.e2e
def test_a_format_1_file_with_erased_text_loads_with_it_not_set_and_mints(
        home: Path, server: FakeRealtimeServer) -> None:
    document = _format_1_file(server)
    path = home / "configs" / "old.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    trust_connection(Configuration.from_document(document), records=TrustRecords(home / "trust.json"))

    shown = run_cli(home, "configs", "show", "old")
    assert shown.returncode == 0, shown.stderr
    stored = json.loads(shown.stdout)
    assert stored["values"] == {"model": "gpt-realtime", "tools": [{"type": "function", "name": "lookup"}],
                                "tool_choice": {"type": "function", "name": "lookup"}}
    assert stored["connection"] == {"base_url": server.base_url}

    minted = run_cli(home, "mint", "old", env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert minted.returncode == 0, minted.stderr
    assert minted.stdout.startswith("ek_")
    session = server.requests[-1].body["session"]
    assert "instructions" not in session and session["tools"] == [{"type": "function", "name": "lookup"}]
    assert "openai-organization" not in server.requests[-1].headers
