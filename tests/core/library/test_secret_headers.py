"""MCP headers are secrets (realtime_gui.core.library.secrets): kept in the keyring value by value,
never in a file, an export without secrets, `configs show`, `mint --json` or an error; files that
hold plain header values move them into the keyring when loaded."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from fakeserver import running_server

from realtime_gui.cli import Context, main
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.secrets import (
    SECRET_PLACEHOLDER,
    placeholder_secrets,
    plain_secrets,
    secret_slots,
    stash_secrets,
    without_plain_secrets,
)
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import validate


class LockedStore(MemoryStore):
    """A keyring that can be read but not written, as a locked one."""

    def set(self, name: str, value: str) -> None:
        raise KeyringUnavailableError("the keyring is locked")


def mcp(headers: Any, name: str = "mcp") -> Configuration:
    config = Configuration.new(name)
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com",
                               "headers": headers}]
    return config


def canary() -> str:
    return f"hdr-canary-{uuid.uuid4().hex}"


def test_each_header_value_is_a_secret_slot_and_is_stashed_alone() -> None:
    keys = ApiKeys(MemoryStore())
    token = canary()
    config = mcp({"X-Api-Key": token, "X-Team": "blue"})
    assert [(slot.spec.key, slot.key) for slot in secret_slots(config)] == [("headers", "X-Api-Key"),
                                                                          ("headers", "X-Team")]
    stashed = stash_secrets(config, keys)
    headers = stashed.values["tools"][0]["headers"]
    assert set(headers) == {"X-Api-Key", "X-Team"}  # the names stay readable
    assert keys.load_secret(headers["X-Api-Key"]["secret_ref"]) == token
    assert validate(stashed) == []
    assert token in plain_secrets(stashed, keys)
    assert without_plain_secrets(config).values["tools"][0]["headers"] == {}


def test_a_placeholder_header_is_named_on_import() -> None:
    config = mcp({"X-Api-Key": SECRET_PLACEHOLDER})
    assert placeholder_secrets(config) == ["session.tools[0].headers.X-Api-Key (MCP server 'docs')"]


def test_headers_round_trip_and_appear_in_no_file_and_no_output(home: Path, tmp_path: Path) -> None:
    token = canary()
    keys = ApiKeys(MemoryStore())
    keys.set("default", "sk-test-fake-0123456789")
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(keys=keys, stdout=out, stderr=err)
    body = {"session": {"type": "realtime", "model": "gpt-realtime", "tools": [
        {"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com",
         "headers": {"X-Api-Key": token}}]}}
    (tmp_path / "body.json").write_text(json.dumps(body))
    with running_server() as server:
        server.echo_keys = True
        assert main(["configs", "import", str(tmp_path / "body.json"), "--name", "hdr"], ctx) == 0
        (tmp_path / "body.json").unlink()
        path = home / "configs" / "hdr.json"
        saved = json.loads(path.read_text())
        saved["connection"]["base_url"] = server.base_url
        path.write_text(json.dumps(saved))
        assert main(["configs", "trust", "hdr"], ctx) == 0

        assert main(["mint", "hdr", "--json"], ctx) == 0
        assert server.requests[-1].body["session"]["tools"][0]["headers"] == {"X-Api-Key": token}  # sent
        server.fail_next(400, {"message": f"header {token} refused", "param": "session.tools"})
        assert main(["mint", "hdr"], ctx) == 8
        server.fail_next(400, {"message": f"header {token} refused"})
        assert main(["mint", "hdr", "--json"], ctx) == 8
    assert main(["configs", "show", "hdr"], ctx) == 0
    assert main(["configs", "export", "hdr", "-o", str(home / "config.json")], ctx) == 0
    assert main(["configs", "export", "hdr", "--body", "-o", str(home / "body.json")], ctx) == 0
    assert main(["configs", "export", "hdr", "--body", "--with-secrets", "-o", str(tmp_path / "real.json")],
                ctx) == 0

    real = json.loads((tmp_path / "real.json").read_text())
    assert real["session"]["tools"][0]["headers"] == {"X-Api-Key": token}  # asked for: the real value
    placeholder = json.loads((home / "body.json").read_text())
    assert placeholder["session"]["tools"][0]["headers"] == {"X-Api-Key": SECRET_PLACEHOLDER}
    assert "secret_ref" in json.dumps(json.loads(path.read_text())["values"]["tools"][0]["headers"])
    printed = out.getvalue() + err.getvalue()
    for text in [printed, *(p.read_text(errors="replace") for p in home.rglob("*") if p.is_file())]:
        assert token not in text

    # The placeholder body, imported, is never sent: the mint refuses and says which header.
    assert main(["configs", "import", str(home / "body.json"), "--name", "copy"], ctx) == 0
    assert "headers.X-Api-Key" in err.getvalue()
    assert main(["mint", "copy"], ctx) == 3


def format_one_file(store: ConfigStore, token: str) -> Path:
    """A configuration as an older realtime-gui saved it: format 1, the header value in the file."""
    store.root.mkdir(parents=True, exist_ok=True)
    document = {"format": 1, **mcp({"X-Api-Key": token}).to_document(), "name": "old"}
    document["format"] = 1
    path = store.root / "old.json"
    path.write_text(json.dumps(document))
    return path


def test_a_file_with_plain_headers_moves_them_into_the_keyring_on_load(home: Path) -> None:
    token = canary()
    keys = ApiKeys(MemoryStore())
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(keys=keys, stdout=out, stderr=err)
    path = format_one_file(ctx.store, token)
    assert main(["configs", "show", "old"], ctx) == 0
    document = json.loads(path.read_text())
    assert document["format"] == 2 and token not in path.read_text()
    ref = document["values"]["tools"][0]["headers"]["X-Api-Key"]["secret_ref"]
    assert keys.load_secret(ref) == token
    assert token not in out.getvalue() + err.getvalue()


def test_without_a_keyring_the_file_is_left_untouched_and_the_user_told(home: Path) -> None:
    token = canary()
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(keys=ApiKeys(LockedStore()), stdout=out, stderr=err)
    path = format_one_file(ctx.store, token)
    before = path.read_bytes()
    assert main(["configs", "show", "old"], ctx) == 0
    assert path.read_bytes() == before  # nothing lost
    assert "could not be moved to the keyring" in err.getvalue() and "locked" in err.getvalue()
    assert token not in out.getvalue() + err.getvalue()  # shown without the value it couldn't hide


@pytest.mark.parametrize("value", [{"X-A": 3}, {"X-A": {"secret_ref": 3}}, ["X-A"]])
def test_headers_that_are_not_text_are_still_refused(value: Any) -> None:
    assert validate(mcp(value)) != []
