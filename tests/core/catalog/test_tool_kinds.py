"""Adding a kind of tool is one ToolKind: a throwaway kind, declared here, flows
through loading, validation, the request body, import and ``fields``."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from realtime_gui.cli import Context, main
from realtime_gui.core.catalog.nodes import Field, Node
from realtime_gui.core.catalog.scalar_types import Integer
from realtime_gui.core.catalog.session import SESSION_FIELDS
from realtime_gui.core.catalog.text_types import Text
from realtime_gui.core.catalog.tool_kinds import FUNCTION_TOOL, MCP_TOOL, TOOLS
from realtime_gui.core.catalog.tools import ToolChoice, ToolKind, ToolList
from realtime_gui.core.records import replace
from realtime_gui.core.wire.body import build_body, import_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.reference import field_rows
from realtime_gui.core.wire.validate import validate

WEB_SEARCH = ToolKind("web_search", "Web search", "A search engine the model may query.", (
    Field("engine", "Engine", "Which search engine the tool queries.", type=Text(), unset="omitted"),
    Field("max_results", "Max results", "The most results one search returns.", type=Integer(1, 20),
          unset="omitted"),
), named_by="engine", shapes=frozenset({"ga"}), required=("engine",), choice_help="Search with this engine")


def _with_kind(fields: tuple[Node, ...], tools: ToolList) -> tuple[Node, ...]:
    """The session fields with every tool list, and every choice among one, using ``tools``."""
    out: list[Node] = []
    for node in fields:
        if isinstance(node, Field) and isinstance(node.type, ToolList):
            node = replace(node, type=tools)
        elif isinstance(node, Field) and isinstance(node.type, ToolChoice):
            node = replace(node, type=replace(node.type, tools=tools))
        out.append(node)
    return tuple(out)


@pytest.fixture
def with_web_search(use_fields: Callable[[tuple[Node, ...]], None]) -> None:
    """The catalog as it would load with WEB_SEARCH added to TOOLS."""
    use_fields(_with_kind(SESSION_FIELDS, ToolList((*TOOLS.kinds, WEB_SEARCH))))


SEARCH = {"type": "web_search", "engine": "ddg", "max_results": 5}
CHOICE = {"type": "web_search", "engine": "ddg"}


def test_the_declared_kinds_are_the_ones_tools_hold() -> None:
    assert TOOLS.kinds == (FUNCTION_TOOL, MCP_TOOL)


@pytest.mark.usefixtures("with_web_search")
def test_a_new_kind_of_tool_is_validated_sent_and_read_back() -> None:
    config = Configuration("x", "ga", {"model": "gpt-realtime", "tools": [SEARCH], "tool_choice": CHOICE})
    assert validate(config) == []
    body = build_body(config)
    assert body["session"]["tools"] == [SEARCH] and body["session"]["tool_choice"] == CHOICE
    imported = import_body(body, "ga")
    assert (imported.unknown, imported.problems) == ([], [])
    assert imported.values == config.values


@pytest.mark.usefixtures("with_web_search")
def test_a_new_kind_of_tool_is_checked_like_the_others() -> None:
    bad = Configuration("x", "ga", {"tools": [{**SEARCH, "max_results": 50}, SEARCH],
                                    "tool_choice": {"type": "web_search", "engine": "bing"}})
    messages = [p.message for p in validate(bad)]
    assert "Tools (session.tools[0].max_results) must be between 1 and 20; it is 50." in messages
    assert "Tools (session.tools) has two tools named 'ddg'; tool names must be unique." in messages
    assert ("Tool choice (session.tool_choice) names the web search 'bing', which is not among the tools "
            "(ddg, ddg); add it or choose another.") in messages
    beta = Configuration("x", "beta", {"tools": [SEARCH]})
    assert "Tools (tools[0]) is an web_search tool, which this endpoint does not accept." in [
        p.message for p in validate(beta)]


@pytest.mark.usefixtures("with_web_search")
def test_a_new_kind_of_tool_is_listed_by_fields() -> None:
    rows = {row["path"]: row for row in field_rows("ga")}
    assert rows["session.tools[].type"]["allowed"] == "one of function, mcp, web_search"
    engine = rows["session.tools[].engine"]
    assert engine["label"] == "Web search tool: Engine" and engine["required"] and engine["default"] == "required"
    assert rows["session.tools[].max_results"]["default"] == "not sent"
    out = io.StringIO()
    assert main(["fields", "--endpoint", "ga"], Context(stdout=out)) == 0
    assert "session.tools[].engine" in out.getvalue()
    assert "Web search tool: Max results: whole number 1–20; default not sent;" in out.getvalue()


def test_a_new_kind_of_tool_says_what_not_set_means(use_fields: Callable[[tuple[Node, ...]], None]) -> None:
    from realtime_gui.core.catalog.loading import CatalogError

    silent = replace(WEB_SEARCH, fields=(WEB_SEARCH.fields[0], replace(WEB_SEARCH.fields[1], unset=None)))
    with pytest.raises(CatalogError, match="web_search tools: max_results: has no default; declare what not set"):
        use_fields(_with_kind(SESSION_FIELDS, ToolList((*TOOLS.kinds, silent))))
