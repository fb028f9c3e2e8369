"""Tool lists and tool choices, read through the kinds the catalog declares."""

from __future__ import annotations

from realtime_gui.core.catalog.declaration import field_by_id
from realtime_gui.core.catalog.field_type import EncodeContext
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.tool_kinds import FUNCTION_TOOL, MCP_TOOL, TOOLS
from realtime_gui.core.catalog.tools import ToolChoice

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
