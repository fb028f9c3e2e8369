"""Secret values in a configuration (realtime_gui.core.library.secrets): found,
moved into the keyring without touching the caller's copy, left out of exports."""

from __future__ import annotations

from typing import Any

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.secrets import (
    missing_secrets,
    plain_secrets,
    secret_slots,
    stash_secrets,
    without_plain_secrets,
)
from realtime_gui.core.wire.configuration import Configuration

TOKEN = "Bearer mcp-token-0123456789"


def with_tool(authorization: Any) -> Configuration:
    config = Configuration.new("mcp")
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp",
                               "authorization": authorization}]
    return config


def test_secret_slots_find_secrets_inside_tool_items() -> None:
    slots = list(secret_slots(with_tool(TOKEN)))
    assert [(slot.node.id, slot.spec.key, slot.key) for slot in slots] == [("tools", "authorization", "authorization")]


def test_stash_returns_a_new_configuration_and_leaves_the_callers_alone() -> None:
    keys = ApiKeys(MemoryStore())
    config = with_tool(TOKEN)
    stashed = stash_secrets(config, keys)
    assert config.values["tools"][0]["authorization"] == TOKEN
    ref = stashed.values["tools"][0]["authorization"]["secret_ref"]
    assert keys.load_secret(ref) == TOKEN
    assert plain_secrets(stashed, keys) == [TOKEN] == plain_secrets(config, keys)
    assert stash_secrets(stashed, keys).values == stashed.values  # references stay as they are


def test_a_reference_the_keyring_lost_is_a_problem() -> None:
    keys = ApiKeys(MemoryStore())
    problems = missing_secrets(with_tool({"secret_ref": "gone"}), keys)
    assert len(problems) == 1 and "no longer in the keyring" in problems[0].message
    assert missing_secrets(with_tool(TOKEN), keys) == []


def test_without_plain_secrets_keeps_references_only() -> None:
    plain, ref = with_tool(TOKEN), with_tool({"secret_ref": "kept"})
    assert "authorization" not in without_plain_secrets(plain).values["tools"][0]
    assert plain.values["tools"][0]["authorization"] == TOKEN
    assert without_plain_secrets(ref).values == ref.values
