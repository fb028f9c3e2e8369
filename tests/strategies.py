"""Hypothesis strategies derived from the declaration, never from a field list.

``configurations(endpoint_id)`` draws a valid configuration for an endpoint by
walking ``declaration.placed`` and asking each field's *type* for values.
"""

from __future__ import annotations

import string
from typing import Any

from hypothesis import strategies as st

from realtime_gui.core.catalog import object_types, tools
from realtime_gui.core.catalog import types as t
from realtime_gui.core.catalog.declaration import endpoint, placed
from realtime_gui.core.catalog.nodes import Field, Group, Placed
from realtime_gui.core.wire.configuration import Configuration

_TEXT = st.text(string.ascii_letters + string.digits + " _-.éü", max_size=12)
_KEYS = st.text(string.ascii_lowercase + "_", min_size=1, max_size=8)
_SCHEMAS = st.sampled_from([
    {"type": "object"},
    {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    {"type": "object", "properties": {"n": {"type": "integer", "minimum": 0}}, "additionalProperties": False},
])


def _options(options: tuple[t.Option, ...], endpoint_id: str | None) -> list[str]:
    return [o.value for o in options if endpoint_id is None or o.only is None or endpoint_id in o.only]


def values_of(kind: t.FieldType, endpoint_id: str | None = None) -> st.SearchStrategy[Any]:
    """Valid canonical values of a field type."""
    if isinstance(kind, (tools.ToolNames, object_types.Record, object_types.Either)):
        return part_values(kind)
    if isinstance(kind, t.Voice):
        return st.one_of(st.sampled_from(kind.suggestions),
                         st.text("abcdef0123456789", min_size=4, max_size=8).map(lambda s: {"id": "voice_" + s}))
    if isinstance(kind, t.Secret):
        return st.text(string.ascii_letters + string.digits, min_size=9, max_size=20)
    if isinstance(kind, t.Text):
        if kind.pattern:
            return st.from_regex(kind.pattern, fullmatch=True).filter(lambda s: "\n" not in s)
        base = st.sampled_from(kind.suggestions) if kind.suggestions else _TEXT
        return base.filter(lambda s: kind.allow_empty or bool(s))
    if isinstance(kind, t.Choice):
        return st.sampled_from(_options(kind.options, endpoint_id))
    if isinstance(kind, t.Modalities):
        return st.sampled_from([["audio"], ["text"], ["text", "audio"], ["audio", "text"]])
    if isinstance(kind, t.MultiChoice):
        return st.lists(st.sampled_from(_options(kind.options, endpoint_id)), unique=True,
                        min_size=kind.min_items)
    if isinstance(kind, t.Number):
        return st.floats(kind.minimum, kind.maximum).map(lambda x: round(x, 2)).filter(
            lambda x: kind.check(x) is None)
    if isinstance(kind, t.Integer):
        return st.integers(kind.minimum, kind.maximum if kind.maximum is not None else 100_000)
    if isinstance(kind, t.TokenLimit):
        return st.one_of(st.just("inf"), st.integers(kind.minimum, kind.maximum))
    if isinstance(kind, t.Boolean):
        return st.booleans()
    if isinstance(kind, t.StringList):
        return st.lists(_TEXT, min_size=kind.min_items, max_size=3)
    if isinstance(kind, t.Json):
        if kind.json_schema:
            return _SCHEMAS
        if kind.schema.get("type") == "object":
            return st.dictionaries(_KEYS, _TEXT, max_size=3)
        return st.just(kind.template).filter(lambda v: kind.check(v) is None)
    if isinstance(kind, tools.ToolList):
        return st.just([])  # tools are drawn by ``tool_items`` with the endpoint in mind
    if isinstance(kind, tools.ToolChoice):  # naming a declared tool is drawn by ``configurations``
        return st.sampled_from([o.value for o in kind.modes])
    if kind.examples():
        return st.sampled_from(kind.examples())
    raise AssertionError(f"no strategy for {type(kind).__name__}; give it examples() when adding a type")


@st.composite
def tool_items(draw: st.DrawFn, tool_list: tools.ToolList, shape: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    names: set[tuple[str, str]] = set()  # (kind, name): names are unique within a kind
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from([k for k in tool_list.kinds if shape in k.shapes]))
        item = tool_list.new_item(kind)
        needed = {draw(st.sampled_from(kind.needs_one_of))} if kind.needs_one_of else set()
        for spec in kind.fields:
            if spec.key in kind.required or spec.key in needed or draw(st.booleans()):
                if spec.item_nullable and spec.key not in needed and draw(st.integers(0, 4)) == 0:
                    item[spec.key] = None
                else:
                    item[spec.key] = draw(values_of(spec.type))
        name = (kind.type, kind.name_of(item) or "")
        if name in names:
            continue
        names.add(name)
        items.append(item)
    return items


def _state(draw: st.DrawFn, spot: Placed) -> str:
    states = ["unset", "set", "set"] + (["off"] if spot.nullable else [])
    return draw(st.sampled_from(states))


@st.composite
def configurations(draw: st.DrawFn, endpoint_id: str) -> Configuration:
    """A configuration that validates, drawn field by field from the declaration."""
    ep = endpoint(endpoint_id)
    values: dict[str, Any] = {}
    skipped: list[str] = []
    required: set[str] = set()
    for spot in placed(endpoint_id):
        node = spot.node
        if any(node.id.startswith(prefix) for prefix in skipped):
            continue
        forced = node.id in required or (isinstance(node, Field) and endpoint_id in node.required_on)
        state = "set" if forced else _state(draw, spot)
        if isinstance(node, Group):
            literal = node.type.literal_values()
            if state == "off":
                values[node.id] = None
            elif state == "unset" and literal and draw(st.booleans()):
                values[node.id] = draw(st.sampled_from(literal))
            elif state == "set":
                required.update(f"{node.id}.{key}" for key in spot.require)
                if draw(st.integers(0, 5)) == 0:
                    values[node.id] = {}
                continue
            skipped.append(node.id + ".")
        elif isinstance(node, Field):
            if state == "off":
                values[node.id] = None
            elif state == "set":
                if isinstance(node.type, tools.ToolList):
                    values[node.id] = draw(tool_items(node.type, ep.shape))
                elif isinstance(node.type, tools.ToolChoice):
                    listed = values.get(node.type.tools_field, [])
                    values[node.id] = draw(tool_choices(node.type, listed, ep.shape))
                else:
                    values[node.id] = draw(values_of(node.type, endpoint_id))
    return Configuration("drawn", endpoint_id, values)


# --- the insides of tool settings: tool choices, allowed tools, approval filters --------------

_TOOL_NAMES = st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), max_size=3)


def part_values(kind: t.FieldType) -> st.SearchStrategy[Any]:
    """Valid values of a type whose insides are declared parts: a list of tool names,
    a record of optional parts, or one of an ``Either``'s literals and forms."""
    if isinstance(kind, tools.ToolNames):
        return _TOOL_NAMES
    if isinstance(kind, object_types.Record):
        return st.fixed_dictionaries({}, optional={f.key: values_of(f.type) for f in kind.fields})
    assert isinstance(kind, object_types.Either), kind
    literals = [st.sampled_from(kind.literal_values())] if kind.literals else []
    return st.one_of(*literals, *(values_of(form.type) for form in kind.forms))


@st.composite
def tool_choices(draw: st.DrawFn, choice: tools.ToolChoice, listed: Any, shape: str) -> Any:
    """A mode, or a choice naming one of the ``listed`` tools this shape accepts, with
    its kind's optional parts (an MCP tool's name) drawn too."""
    named: list[tuple[tools.ToolKind, dict[str, Any]]] = []
    for item in listed if isinstance(listed, list) else ():
        kind = choice.kind_of(item)
        picked = kind.choice_for(item) if kind is not None and shape in kind.shapes else None
        if kind is not None and picked is not None:
            named.append((kind, picked))
    if not named or draw(st.booleans()):
        return draw(st.sampled_from(choice.mode_values()))
    kind, picked = draw(st.sampled_from(named))
    for extra in kind.choice_extras:
        if draw(st.booleans()):
            picked[extra.key] = draw(values_of(extra.type))
    return picked
