"""The configuration document format (realtime_gui.core.wire.document)."""

from __future__ import annotations

from typing import Any

import pytest

from realtime_gui.core.wire import document as document_module
from realtime_gui.core.wire.document import FORMAT, MIGRATIONS, upgrade


def test_every_older_format_has_a_migration() -> None:
    assert set(MIGRATIONS) == set(range(1, FORMAT))


@pytest.mark.parametrize("version", [None, 0, True, "1", 1.0])
def test_a_document_without_a_usable_format_is_refused(version: Any) -> None:
    with pytest.raises(ValueError, match="not a positive whole number"):
        upgrade({"format": version})


def test_a_newer_document_is_refused() -> None:
    with pytest.raises(ValueError, match="upgrade realtime-gui"):
        upgrade({"format": FORMAT + 1})


def test_migrations_run_in_order_and_set_the_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_module, "FORMAT", FORMAT + 1)
    monkeypatch.setitem(MIGRATIONS, FORMAT, lambda doc: {**doc, "moved": True})
    assert upgrade({"format": FORMAT}) == {"format": FORMAT + 1, "moved": True}


def _format_1(values: dict[str, Any], connection: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"format": 1, "name": "old", "endpoint": "ga", "connection": connection or {}, "values": values}


def test_erased_text_of_a_format_1_file_becomes_not_set() -> None:
    old = _format_1({
        "model": "gpt-realtime", "instructions": "", "tracing.group_id": "", "temperature": 0.8,
        "tools": [{"type": "function", "name": "f", "description": ""},
                  {"type": "mcp", "server_label": "docs", "server_url": "", "allowed_tools": {"tool_names": ["a"]},
                   "require_approval": {"always": {"tool_names": ["b"]}}}],
        "tool_choice": {"type": "mcp", "server_label": "docs", "name": ""},
    }, {"organization": "", "project": "p", "key_name": "work"})
    upgraded = upgrade(old)
    assert upgraded["values"] == {
        "model": "gpt-realtime", "temperature": 0.8,
        "tools": [{"type": "function", "name": "f"},
                  {"type": "mcp", "server_label": "docs", "allowed_tools": {"tool_names": ["a"]},
                   "require_approval": {"always": {"tool_names": ["b"]}}}],
        "tool_choice": {"type": "mcp", "server_label": "docs"},
    }
    assert upgraded["connection"] == {"project": "p", "key_name": "work"}
    assert upgraded["format"] == FORMAT and upgraded["name"] == "old"


@pytest.mark.parametrize("values", [
    {"speed": ""},  # a number field: a wrong value for the file's check to name, not erased text
    {"no_such_field": ""},  # unknown: named by the check
    {"tools": [{"type": "nothing", "name": ""}]},  # an unknown kind of tool
    {"tools": "", "tool_choice": ""},  # not text fields
    {"instructions": None},  # off is not erased
])
def test_only_erased_text_changes(values: dict[str, Any]) -> None:
    assert upgrade(_format_1(dict(values)))["values"] == values


def test_a_text_that_allows_empty_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from realtime_gui.core.catalog import declaration
    from realtime_gui.core.catalog.nodes import Field
    from realtime_gui.core.catalog.text_types import Text
    from realtime_gui.core.records import replace

    instructions = declaration.field_by_id("instructions")
    assert isinstance(instructions, Field)
    allowing = replace(instructions, type=Text(multiline=True, allow_empty=True))
    monkeypatch.setattr(declaration, "field_by_id", lambda field_id: allowing)
    assert upgrade(_format_1({"instructions": ""}))["values"] == {"instructions": ""}


def test_a_current_document_is_left_alone() -> None:
    current = {"format": FORMAT, "values": {"instructions": ""}, "connection": {}}
    assert upgrade(dict(current)) == current  # refused by its check, never changed silently
