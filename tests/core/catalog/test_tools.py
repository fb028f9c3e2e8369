"""Tool lists and tool choices, read through the kinds the catalog declares."""

from __future__ import annotations

from typing import Any

import pytest

from realtime_gui.core.catalog.declaration import field_by_id
from realtime_gui.core.catalog.field_type import EncodeContext
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.tool_kinds import FUNCTION_TOOL, MCP_TOOL, TOOLS
from realtime_gui.core.catalog.tools import ToolChoice
from realtime_gui.core.wire.body import build_body, import_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.reference import field_rows
from realtime_gui.core.wire.validate import validate

CHOICE = field_by_id("tool_choice")
assert isinstance(CHOICE, Field) and isinstance(CHOICE.type, ToolChoice)
KIND = CHOICE.type


def test_each_kind_names_its_tools_by_its_own_field() -> None:
    tools = [{"type": "function", "name": "a"}, {"type": "mcp", "server_label": "docs", "server_url": "https://x"}]
    assert FUNCTION_TOOL.names(tools) == ["a"] and MCP_TOOL.names(tools) == ["docs"]
    assert [FUNCTION_TOOL.choice_for(tools[0]), MCP_TOOL.choice_for(tools[1])] == [
        {"type": "function", "name": "a"}, {"type": "mcp", "server_label": "docs"}]
    assert MCP_TOOL.choice_text({"type": "mcp", "server_label": "docs", "name": "search"}) == "mcp: docs / search"
    assert TOOLS.repeated_names([tools[0], tools[0], tools[1]]) == ["a"]


def test_item_problems_point_at_the_item_field() -> None:
    problems = TOOLS.item_problems([{"type": "mcp", "server_label": ""}, {"type": "web"}], "ga")
    assert ("[0].server_label", "is required") in problems
    assert ("[0]", "needs one of server_url, connector_id") in problems
    assert ("[1]", "must be a tool whose type is one of function, mcp") in problems


def test_a_choice_is_checked_and_sent_as_its_kind_says() -> None:
    assert KIND.check({"type": "function", "name": "a"}) is None
    assert KIND.check({"type": "function"}) == "must name the function tool by its name"
    assert KIND.check({"type": "mcp", "server_label": "d", "x": 1}) == "may hold only type, server_label and name"
    assert KIND.check_on({"type": "mcp", "server_label": "d"}, "beta") == (
        "can name mcp tools only on the GA endpoints; choose a function or a mode")
    assert KIND.encode({"type": "function", "name": "a"}, EncodeContext("beta")) == "a"
    assert KIND.decode("a", "beta") == {"type": "function", "name": "a"}
    assert KIND.decode("auto", "beta") == "auto"


MCP = {"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com"}
ALLOWED = MCP_TOOL.spec("allowed_tools").type
APPROVAL = MCP_TOOL.spec("require_approval").type


@pytest.mark.parametrize("value", [
    ["read", "search"], [], {}, {"tool_names": ["read"]}, {"read_only": False}, {"tool_names": [], "read_only": True},
])
def test_allowed_tools_take_names_or_a_filter(value: Any) -> None:
    assert ALLOWED.check(value) is None


@pytest.mark.parametrize("value", [
    "always", "never", {}, {"always": {}}, {"never": {"tool_names": ["write"], "read_only": False}},
    {"always": {"read_only": True}, "never": {"tool_names": ["read"]}},
])
def test_approval_takes_always_never_or_filters(value: Any) -> None:
    assert APPROVAL.check(value) is None


@pytest.mark.parametrize(("kind", "value", "problem"), [
    (ALLOWED, "all", 'must be a list of tool names or an object of tool_names and read_only; it is "all"'),
    (ALLOWED, {"names": ["a"]}, "may hold only tool_names and read_only; it holds 'names'"),
    (ALLOWED, ["a", " b"], "must name each tool; ' b' is padded with spaces"),
    (ALLOWED, {"tool_names": [""]}, "tool_names must name each tool; '' is empty"),
    (ALLOWED, {"read_only": "yes"}, "read_only must be true or false; it is 'yes'"),
    (APPROVAL, "sometimes", 'must be "always" or "never" or an object of always and never; it is "sometimes"'),
    (APPROVAL, {"always": {"read_only": None}}, "always.read_only can't be null"),
    (APPROVAL, {"always": ["a"]}, "always must be an object of tool_names and read_only; it is a list"),
])
def test_a_wrong_filter_names_the_part_that_is_wrong(kind: Any, value: Any, problem: str) -> None:
    assert kind.check(value) == problem


def test_an_mcp_tool_choice_may_name_the_tool_on_its_server() -> None:
    assert KIND.check({"type": "mcp", "server_label": "docs", "name": "search"}) is None
    assert KIND.check({"type": "mcp", "server_label": "docs", "name": None}) is None
    assert KIND.check({"type": "mcp", "server_label": "docs", "name": ""}) == (
        "must give name as text: must not be empty")


def test_a_choice_declares_its_parts_per_shape() -> None:
    ga = {part.key: part for part in KIND.parts("ga")}
    assert list(ga) == ["type", "name", "server_label"]
    assert ga["name"].label == "Name (function) or Tool name (MCP server)" and ga["name"].item_nullable
    assert KIND.required_parts("ga") == ["type"]
    assert KIND.parts("beta") == ()  # beta names a function by its bare name


@pytest.mark.parametrize("endpoint_id", ["ga", "beta"])
def test_a_choice_of_an_undeclared_function_is_reported_by_the_field(endpoint_id: str) -> None:
    config = Configuration("x", endpoint_id, {"tools": [{"type": "function", "name": "lookup"}],
                                              "tool_choice": {"type": "function", "name": "fetch"}})
    path = "session.tool_choice" if endpoint_id == "ga" else "tool_choice"
    assert [p.message for p in validate(config)] == [
        f"Tool choice ({path}) names the function 'fetch', which is not among the tools (lookup); "
        "add it or choose another."]


def test_a_choice_of_an_undeclared_mcp_server_is_reported_by_the_field() -> None:
    config = Configuration("x", "ga", {"tools": [MCP], "tool_choice": {"type": "mcp", "server_label": "wiki"}})
    assert [p.message for p in validate(config)] == [
        "Tool choice (session.tool_choice) names the MCP server 'wiki', which is not among the tools (docs); "
        "add it or choose another."]


def test_an_mcp_tool_with_filters_is_sent_and_read_back_unchanged() -> None:
    tool = {**MCP, "allowed_tools": {"tool_names": ["read"], "read_only": True},
            "require_approval": {"always": {"tool_names": ["write"]}, "never": {"read_only": True}}}
    config = Configuration("x", "ga", {"tools": [tool], "tool_choice": {"type": "mcp", "server_label": "docs",
                                                                         "name": "read"}})
    assert validate(config) == []
    body = build_body(config)
    assert body["session"]["tools"] == [tool]
    imported = import_body(body, "ga")
    assert (imported.unknown, imported.problems, imported.values) == ([], [], config.values)


def test_a_bad_filter_inside_a_tool_is_reported_by_its_path() -> None:
    config = Configuration("x", "ga", {"tools": [{**MCP, "require_approval": {"always": {"tool_names": "read"}}}]})
    assert [p.message for p in validate(config)] == [
        "Tools (session.tools[0].require_approval) always.tool_names must be a list of text values; "
        'it is "read".']


def test_fields_names_only_the_endpoints_that_take_a_part() -> None:
    rows = {row["path"]: row for row in field_rows("ga")}
    assert rows["session.tools[].name"]["endpoints"] == ["ga", "beta"]
    assert rows["session.tools[].server_label"]["endpoints"] == ["ga"]
    assert rows["session.tools[].require_approval.never.read_only"]["endpoints"] == ["ga"]
    assert rows["session.tool_choice"]["endpoints"] == ["ga", "beta"]
    assert rows["session.tool_choice.name"]["endpoints"] == ["ga"]  # beta names a function by its bare name
    assert rows["session.tool_choice.type"]["required"] and rows["session.tool_choice.type"]["default"] == "required"
