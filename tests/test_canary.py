"""A unique key goes through a full mint, import, export and error cycle, and
is then searched for in every file the app wrote and everything it printed."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

import pytest
from fakeserver import running_server

from realtime_gui.cli import Context, main
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.wire.configuration import Configuration


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
        assert main(["configs", "trust", "canary"], ctx) == 0

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


@pytest.mark.parametrize("echoed", [
    f"ek_{uuid.uuid4().hex}",  # an ephemeral key
    f"Bearer tok{uuid.uuid4().hex}",  # a token we were never told about
    f"{uuid.uuid4().hex}{uuid.uuid4().hex[:16]}",  # a long opaque token
    f"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ{uuid.uuid4().hex}.c2lnbmF0dXJl",  # a JWT
], ids=["ephemeral", "bearer", "opaque", "jwt"])
def test_a_token_the_server_echoes_is_masked_in_every_error_text(home: Path, echoed: str) -> None:
    canary = echoed.removeprefix("Bearer ")
    keys = ApiKeys(MemoryStore())
    keys.set("default", "sk-test-fake-0123456789")
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(keys=keys, stdout=out, stderr=err)
    with running_server() as server:
        config = Configuration.new("echo")
        config.connection["base_url"] = server.base_url
        ctx.store.save("echo", config.to_data())
        assert main(["configs", "trust", "echo"], ctx) == 0
        for json_flag in ([], ["--json"]):
            server.fail_next(400, {"message": f"bad value {echoed} (see https://bob:{canary}@example.com)",
                                   "param": echoed, "code": echoed}, headers={"x-request-id": echoed})
            assert main(["mint", "echo", *json_flag], ctx) == 8
    printed = out.getvalue() + err.getvalue()
    assert canary not in printed
    assert "bad value" in printed and "https://bob:***@example.com" in printed
    assert "req_" in printed  # the service's own request id stays readable


def test_a_url_password_is_never_shown(home: Path) -> None:
    password = f"pw{uuid.uuid4().hex[:8]}"
    keys = ApiKeys(MemoryStore())
    keys.set("default", "sk-test-fake-0123456789")
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(keys=keys, stdout=out, stderr=err)
    config = Configuration.new("pw")
    config.connection["base_url"] = f"http://bob:{password}@/v1"  # names no host: the error quotes it
    ctx.store.save("pw", config.to_data())
    assert main(["mint", "pw"], ctx) == 4
    assert main(["mint", "pw", "--json"], ctx) == 4
    printed = out.getvalue() + err.getvalue()
    assert password not in printed and "http://bob:***@" in printed
