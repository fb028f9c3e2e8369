"""A secret exported as a placeholder is never sent: import keeps it marked, the mint refuses and says what to do."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import httpx
import pytest

from realtime_gui.core.library.configurations import (
    create_configuration,
    export_body,
    export_text,
    load_configuration,
    save_configuration,
    write_export,
)
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.minting import mint_configuration
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.secrets import SECRET_PLACEHOLDER, placeholder_secrets
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.errors import ConfigurationInvalidError
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.importing import read_import

TOKEN = "Bearer mcp-token-0123456789"
ENV = {"OPENAI_API_KEY": "sk-proj-fake-key-for-tests"}


@pytest.fixture
def store(tmp_path: Path) -> ConfigStore:
    return ConfigStore(tmp_path / "configs")


@pytest.fixture
def keys() -> ApiKeys:
    return ApiKeys(MemoryStore())


def with_tool() -> Configuration:
    config = Configuration.new("mcp", "ga")
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp",
                               "authorization": TOKEN}]
    return config


def recording_client(sent: list[dict[str, object]]) -> MintClient:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"value": "ek_fake_0123", "expires_at": 2_000_000_000, "session": {}})
    return MintClient(transport=httpx.MockTransport(answer))


def test_the_body_export_writes_the_placeholder_this_module_knows(store: ConfigStore, keys: ApiKeys) -> None:
    saved = save_configuration(store, keys, with_tool())
    assert export_body(saved)["session"]["tools"][0]["authorization"] == SECRET_PLACEHOLDER


def test_an_imported_placeholder_is_never_sent(store: ConfigStore, keys: ApiKeys) -> None:
    saved = save_configuration(store, keys, with_tool())
    imported = read_import(export_text(export_body(saved)), "copy", None)
    assert placeholder_secrets(imported.configuration) == ["session.tools[0].authorization (MCP server 'docs')"]
    create_configuration(store, keys, imported.configuration)
    copy = load_configuration(store, "copy")
    sent: list[dict[str, object]] = []
    with pytest.raises(ConfigurationInvalidError) as caught:
        mint_configuration(copy, keys, recording_client(sent), env=ENV)
    assert sent == []
    text = " ".join(p.message for p in caught.value.problems)
    assert "'docs'" in text and "placeholder" in text and "--with-secrets" in text
    assert SECRET_PLACEHOLDER not in json.dumps(keys.persistent._values)  # type: ignore[attr-defined]


def test_an_export_with_secrets_round_trips_and_its_file_is_private(store: ConfigStore, keys: ApiKeys,
                                                                   tmp_path: Path) -> None:
    saved = save_configuration(store, keys, with_tool())
    body = export_body(saved, keys, with_secrets=True)
    assert body["session"]["tools"][0]["authorization"] == TOKEN
    target = tmp_path / "body.json"
    write_export(target, body)
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    imported = read_import(target.read_text(encoding="utf-8"), "copy", None)
    create_configuration(store, keys, imported.configuration)
    sent: list[dict[str, object]] = []
    mint_configuration(load_configuration(store, "copy"), keys, recording_client(sent), env=ENV)
    assert sent[0]["session"]["tools"][0]["authorization"] == TOKEN  # type: ignore[index]
