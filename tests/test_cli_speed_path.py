"""`realtime-gui mint NAME` loads only what sending the request needs: no JSON
Schema library (tool parameters are vouched for by the quick check), no
keyring when the key is in the environment, never Qt, nor the other commands' modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from test_cli import save

from realtime_gui.core.wire.configuration import Configuration

REPO = Path(__file__).resolve().parents[1]
NOT_ON_THE_MINT_PATH = ("jsonschema", "referencing", "rpds", "jsonschema_specifications", "keyring",
                        "PySide6", "shiboken6", "realtime_gui.ui", "hypothesis", "pytest",
                        # the other commands' options: a mint builds the parser of `mint` alone
                        "realtime_gui.cli_export", "realtime_gui.cli_trust")

_MINT_AND_LIST = ("import sys; from realtime_gui.cli import main; code = main(['mint', sys.argv[1]]); "
                  "print('\\n'.join(sorted(sys.modules)), file=sys.stderr); sys.exit(code)")


def tool(n: int) -> dict[str, Any]:
    return {"type": "function", "name": f"lookup_{n}", "description": f"Look up kind {n}.",
            "parameters": {"type": "object", "properties": {
                "query": {"type": "string", "minLength": 1, "pattern": "^\\S"},
                "limit": {"type": "integer", "minimum": 1, "maximum": 50},
                "units": {"type": "string", "enum": ["metric", "imperial"]},
                "tags": {"type": ["array", "null"], "items": {"type": "string"}, "uniqueItems": True}},
                "required": ["query"], "additionalProperties": False}}


def mint_modules(home: Path, name: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PYTHON_KEYRING"))}
    # A key in the keyring wins over $OPENAI_API_KEY, so with a session bus (as in CI) the keyring is
    # rightly asked, and loaded. Without one it need not be: that is the path measured here.
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.update({"REALTIME_GUI_HOME": str(home), "PYTHONPATH": str(REPO), "OPENAI_API_KEY": FAKE_API_KEY})
    done = subprocess.run([sys.executable, "-c", _MINT_AND_LIST, name], env=env, capture_output=True, text=True,
                          timeout=60)
    return done, set(done.stderr.split())


@pytest.mark.e2e
@pytest.mark.parametrize("tools", [0, 2, 21])
def test_a_mint_loads_no_schema_library_no_keyring_and_no_qt(home: Path, server: FakeRealtimeServer,
                                                              tools: int) -> None:
    config = Configuration.new("demo")
    config.connection["base_url"] = server.base_url
    if tools:
        config.values["tools"] = [tool(n) for n in range(tools)]
    save(home, config)
    done, modules = mint_modules(home, "demo")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("ek_")
    assert len(server.requests[-1].body["session"].get("tools", [])) == tools
    assert "httpx" in modules  # the listing is real
    assert not {m for m in modules if m.split(".")[0] in NOT_ON_THE_MINT_PATH or m.startswith(NOT_ON_THE_MINT_PATH)}


@pytest.mark.e2e
def test_a_mint_still_refuses_parameters_that_are_not_a_schema(home: Path, server: FakeRealtimeServer) -> None:
    config = Configuration.new("demo")
    config.connection["base_url"] = server.base_url
    config.values["tools"] = [tool(0), {**tool(1), "parameters": {"type": "object", "properties": {"q": {"type": 3}}}}]
    save(home, config)
    done, _ = mint_modules(home, "demo")
    assert done.returncode != 0 and not server.requests
    assert "Tools (session.tools[1].parameters) is not a valid JSON Schema: 3 is not valid under any of the given " \
           "schemas (at properties/q/type)" in done.stderr
