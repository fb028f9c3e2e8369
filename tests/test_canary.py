"""A unique key goes through a full mint, import, export and error cycle, and
is then searched for in every file the app wrote and everything it printed."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

from fakeserver import running_server

from realtime_gui.cli import Context, main
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore


def test_the_key_and_mcp_token_appear_nowhere(home: Path, tmp_path: Path) -> None:
    canary = f"sk-canary-{uuid.uuid4().hex}"
    token = f"mcp-canary-{uuid.uuid4().hex}"
    keys = ApiKeys(MemoryStore())
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(keys=keys, stdout=out, stderr=err, read_secret=lambda prompt: canary)
    with running_server(api_key=canary) as server:
        server.echo_keys = True
        assert main(["key", "set"], ctx) == 0
        body = {"session": {"type": "realtime", "model": "gpt-realtime", "tools": [
            {"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com",
             "authorization": token}]}}
        (tmp_path / "body.json").write_text(json.dumps(body))
        assert main(["configs", "import", str(tmp_path / "body.json"), "--name", "canary"], ctx) == 0
        (tmp_path / "body.json").unlink()  # the user's own input file is not ours to search
        config_file = home / "configs" / "canary.json"
        saved = json.loads(config_file.read_text())
        saved["connection"]["base_url"] = server.base_url
        config_file.write_text(json.dumps(saved))

        assert main(["mint", "canary", "--json"], ctx) == 0
        assert server.requests[-1].body["session"]["tools"][0]["authorization"] == token  # it was sent
        server.fail_next(400, {"message": f"key {canary} and token {token} are bad", "param": "session.tools"})
        assert main(["mint", "canary"], ctx) == 8
        server.fail_next(500, {"message": f"Bearer {canary}"})
        assert main(["mint", "canary"], ctx) == 11
        server.reply_raw(502, f"<html>{canary}</html>".encode(), "text/html")
        assert main(["mint", "canary"], ctx) == 11
        keys.delete("default")
        keys.set("default", "sk-wrong-key-00000000")
        assert main(["mint", "canary"], ctx) == 6  # the server echoes the wrong key; fine, not the canary
        keys.set("default", canary)
        assert main(["configs", "export", "canary", "--body", "-o", str(home / "body.json")], ctx) == 0
        assert main(["configs", "export", "canary", "-o", str(home / "config.json")], ctx) == 0
        assert main(["configs", "show", "canary"], ctx) == 0
        assert main(["key", "list"], ctx) == 0
    printed = out.getvalue() + err.getvalue()
    written = [p for p in home.rglob("*") if p.is_file()]
    assert len(written) >= 3
    for text in [printed, *(p.read_text(errors="replace") for p in written)]:
        assert canary not in text
        assert token not in text
    assert "secret_ref" in config_file.read_text()  # the token lives in the keyring instead
    assert "<kept in the keyring>" in (home / "body.json").read_text()
