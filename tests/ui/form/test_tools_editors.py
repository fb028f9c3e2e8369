"""The structured editors of tool settings: a tool choice by kind and name, an MCP tool's
allowed tools and approval filters. Bodies in the schema's shapes go through the form's
widgets and come back unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit
from strategies import part_values

from realtime_gui.core.catalog.nodes import NOT_SET
from realtime_gui.core.catalog.tool_kinds import MCP_TOOL
from realtime_gui.core.catalog.types import EncodeContext
from realtime_gui.core.wire.body import build_body, import_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import validate
from realtime_gui.ui.form.form import FormView

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

MCP = {"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com/sse"}
LOOKUP = {"type": "function", "name": "lookup"}
# Each shape the official schema gives allowed_tools and require_approval.
FILTER_SHAPES: list[dict[str, Any]] = [
    {"allowed_tools": ["read", "search"]},
    {"allowed_tools": []},
    {"allowed_tools": {"tool_names": ["read"], "read_only": True}},
    {"allowed_tools": {"read_only": False}},
    {"allowed_tools": {}},
    {"allowed_tools": None},
    {"require_approval": "always"},
    {"require_approval": "never"},
    {"require_approval": {"never": {"tool_names": ["read"]}}},
    {"require_approval": {"always": {"tool_names": ["write", "delete"], "read_only": False},
                          "never": {"read_only": True}}},
    {"require_approval": {"always": {}}},
    {"require_approval": {}},
    {"require_approval": None},
    {"allowed_tools": {"tool_names": []}, "require_approval": {"never": {"tool_names": []}}},
]
GA_CHOICES: list[Any] = [
    "auto", "none", "required", {"type": "function", "name": "lookup"}, {"type": "mcp", "server_label": "docs"},
    {"type": "mcp", "server_label": "docs", "name": "search"},
]


@pytest.fixture
def view(qtbot: Any) -> FormView:
    form = FormView()
    qtbot.addWidget(form)
    form.resize(1000, 800)
    return form


def _row(view: FormView, path: str) -> Any:
    """The row behind a path (private: to read what the widgets show, not what was loaded)."""
    return view._find(path)[1]


def _shown_tool(view: FormView, index: int) -> dict[str, Any]:
    """What the widgets of a tool's sub-form show, read back as a tool."""
    assert view.focus_field(f"session.tools[{index}]")
    tools = _row(view, "session.tools")
    shown = {"type": tools.editor.read()[index]["type"]}
    for row in tools.editor._pages.currentWidget().rows:
        if row.state is None:
            shown[row.node.key] = None
        elif row.value() is not NOT_SET:
            shown[row.node.key] = row.editor.read()
    return shown


def _body_through_the_form(view: FormView, body: dict[str, Any], endpoint_id: str) -> dict[str, Any]:
    imported = import_body(body, endpoint_id)
    assert (imported.unknown, imported.problems) == ([], [])
    view.set_configuration(imported.configuration("t"))
    return build_body(Configuration("t", endpoint_id, view.values()), EncodeContext("ga" if endpoint_id == "ga"
                                                                                    else "beta"))


@pytest.mark.parametrize("settings_", FILTER_SHAPES, ids=lambda s: repr(s)[:60])
def test_each_filter_shape_goes_through_the_widgets_unchanged(view: FormView, settings_: dict[str, Any]) -> None:
    tool = {**MCP, **settings_}
    body = {"session": {"type": "realtime", "tools": [LOOKUP, tool]}}
    assert _body_through_the_form(view, body, "ga") == body
    assert _shown_tool(view, 1) == tool


@pytest.mark.parametrize("choice", GA_CHOICES, ids=repr)
def test_each_ga_tool_choice_goes_through_the_widgets_unchanged(view: FormView, choice: Any) -> None:
    body = {"session": {"type": "realtime", "tools": [LOOKUP, MCP], "tool_choice": choice}}
    assert _body_through_the_form(view, body, "ga") == body
    assert _row(view, "session.tool_choice").editor.read() == choice


@pytest.mark.parametrize("choice", ["auto", "required", "lookup"])
def test_a_beta_tool_choice_goes_through_the_widgets_unchanged(view: FormView, choice: str) -> None:
    body = {"tools": [LOOKUP], "tool_choice": choice}
    assert _body_through_the_form(view, body, "beta") == body
    mode = view.editor("tool_choice")
    assert isinstance(mode, QComboBox)
    assert [mode.itemText(i) for i in range(mode.count())] == ["auto", "none", "required", "a function"]


APPROVAL = MCP_TOOL.spec("require_approval").type
ALLOWED = MCP_TOOL.spec("allowed_tools").type


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(allowed=part_values(ALLOWED), approval=part_values(APPROVAL), name=st.none() | st.just("search"))
def test_drawn_filters_and_choices_go_through_the_widgets_unchanged(view: FormView, allowed: Any, approval: Any,
                                                                     name: str | None) -> None:
    tool = {**MCP, "allowed_tools": allowed, "require_approval": approval}
    choice = {"type": "mcp", "server_label": "docs", **({"name": name} if name else {})}
    config = Configuration("t", "ga", {"tools": [tool], "tool_choice": choice})
    assert validate(config) == []
    view.set_configuration(config)
    assert view.values() == config.values
    assert _shown_tool(view, 0) == tool
    assert _row(view, "session.tool_choice").editor.read() == choice


def test_approval_is_chosen_and_filtered_per_tool(view: FormView, qtbot: Any) -> None:
    view.set_configuration(Configuration("t", "ga", {"tools": [MCP]}))
    assert view.focus_field("session.tools[0]")
    mode = view.editor("session.tools[0].require_approval")
    assert isinstance(mode, QComboBox)
    assert [mode.itemText(i) for i in range(mode.count())] == ["always", "never", "Per tool"]
    mode.setCurrentIndex(2)
    mode.activated.emit(2)
    assert view.values()["tools"][0]["require_approval"] == {}
    names = view.editor("session.tools[0].require_approval.always.tool_names")
    assert isinstance(names, QPlainTextEdit)
    qtbot.keyClicks(names, "write")
    read_only = view.editor("session.tools[0].require_approval.never.read_only")
    assert isinstance(read_only, QCheckBox)
    read_only.click()
    assert view.values()["tools"][0]["require_approval"] == {"always": {"tool_names": ["write"]},
                                                             "never": {"read_only": True}}
    mode.setCurrentIndex(1)
    mode.activated.emit(1)
    assert view.values()["tools"][0]["require_approval"] == "never"


def test_allowed_tools_are_names_or_a_filter(view: FormView, qtbot: Any) -> None:
    view.set_configuration(Configuration("t", "ga", {"tools": [MCP]}))
    assert view.focus_field("session.tools[0]")
    mode = view.editor("session.tools[0].allowed_tools")
    assert isinstance(mode, QComboBox)
    assert [mode.itemText(i) for i in range(mode.count())] == ["Tool names", "Filter"]
    mode.setCurrentIndex(1)
    mode.activated.emit(1)
    view.editor("session.tools[0].allowed_tools.read_only").click()  # type: ignore[union-attr]
    assert view.values()["tools"][0]["allowed_tools"] == {"read_only": True}


def test_a_tool_choice_picks_a_tool_of_the_configuration_by_kind_and_name(view: FormView, qtbot: Any) -> None:
    other = {**MCP, "server_label": "wiki"}
    view.set_configuration(Configuration("t", "ga", {"tools": [LOOKUP, MCP, other]}))
    mode = view.editor("session.tool_choice")
    assert isinstance(mode, QComboBox)
    assert [mode.itemText(i) for i in range(mode.count())] == ["auto", "none", "required", "a function",
                                                               "an MCP tool"]
    mode.setCurrentIndex(4)
    mode.activated.emit(4)
    server = view.editor("session.tool_choice.server_label")
    assert isinstance(server, QComboBox)
    assert [server.itemText(i) for i in range(server.count())] == ["docs", "wiki"]
    server.setCurrentIndex(1)
    server.activated.emit(1)
    tool_name = view.editor("session.tool_choice.name")
    assert isinstance(tool_name, QLineEdit) and tool_name.accessibleName() == "Tool choice: Tool name"
    qtbot.keyClicks(tool_name, "search")
    assert view.values()["tool_choice"] == {"type": "mcp", "server_label": "wiki", "name": "search"}
    mode.setCurrentIndex(3)
    mode.activated.emit(3)
    assert view.values()["tool_choice"] == {"type": "function", "name": "lookup"}


def test_a_choice_of_an_undeclared_function_is_shown_and_marked(view: FormView) -> None:
    config = Configuration("t", "ga", {"tools": [LOOKUP], "tool_choice": {"type": "function", "name": "fetch"}})
    view.set_configuration(config)
    view.show_problems(validate(config))
    target = view.editor("session.tool_choice.name")
    assert isinstance(target, QComboBox)
    assert target.currentText() == "fetch (not among the tools)"
    mode = view.editor("session.tool_choice")
    assert mode is not None and "names the function 'fetch', which is not among the tools" in mode.toolTip()
    assert view.values()["tool_choice"] == {"type": "function", "name": "fetch"}


def test_the_choice_follows_the_tools_as_they_are_renamed(view: FormView) -> None:
    view.set_configuration(Configuration("t", "ga", {"tools": [LOOKUP], "tool_choice": {"type": "function",
                                                                                        "name": "lookup"}}))
    assert view.focus_field("session.tools[0].name")
    name = view.editor("session.tools[0].name")
    assert isinstance(name, QLineEdit)
    name.setText("find")
    name.textEdited.emit("find")
    target = view.editor("session.tool_choice.name")
    assert isinstance(target, QComboBox)
    assert [target.itemText(i) for i in range(target.count())] == ["find", "lookup (not among the tools)"]

