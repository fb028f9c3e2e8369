"""The quick schema check says yes only where jsonschema finds nothing, and
says yes to the tool parameters people write (so a mint needs no jsonschema)."""

from __future__ import annotations

from typing import Any

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from realtime_gui.core.catalog.declaration import ENDPOINTS, placed
from realtime_gui.core.catalog.quick_schema import surely_fits, surely_valid_schema
from realtime_gui.core.catalog.text_types import Json
from realtime_gui.core.catalog.tool_kinds import TOOLS

_NAMES = st.sampled_from(["type", "tool_names", "read_only", "always", "never", "city", "x"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-2, 2, allow_nan=False),
                     st.sampled_from(["", "string", "object", "always", "never", "input_text", "[", "a+", "x"]))
_JSON = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(_NAMES, inner, max_size=3)), max_leaves=12)
_KEYWORDS = st.sampled_from([
    "type", "properties", "additionalProperties", "items", "not", "anyOf", "oneOf", "allOf", "required", "enum",
    "const", "default", "examples", "title", "description", "format", "pattern", "minimum", "maximum",
    "exclusiveMinimum", "multipleOf", "minLength", "maxItems", "uniqueItems", "deprecated", "$ref", "$schema",
    "$defs", "prefixItems", "patternProperties", "x-extension",
])


def _schemas(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Schema-like objects: each keyword holds a value of the kind it wants, or anything at all."""
    names = st.lists(st.sampled_from(["city", "x", "type", "city"]), max_size=3)
    fitting = {
        "type": st.sampled_from(["string", "integer", "number", "object", "array", "null", "boolean", "objekt"])
        | st.lists(st.sampled_from(["string", "null", "integer", "string"]), max_size=3),
        "properties": st.dictionaries(_NAMES, inner, max_size=3), "additionalProperties": inner, "items": inner,
        "not": inner, "anyOf": st.lists(inner, max_size=3), "oneOf": st.lists(inner, max_size=2),
        "allOf": st.lists(inner, max_size=2), "required": names, "enum": st.lists(_SCALARS, max_size=3),
        "pattern": st.sampled_from(["^a", "[", "a+", "(x"]), "minimum": st.integers(-2, 2) | st.floats(-1, 1),
        "minLength": st.integers(-1, 3) | st.floats(0, 2), "multipleOf": st.integers(-1, 2) | st.floats(0, 1),
        "uniqueItems": st.booleans(), "description": st.text(max_size=3), "format": st.sampled_from(["date", "x"]),
    }
    anything = st.one_of(_SCALARS, inner, st.lists(inner, max_size=2), st.dictionaries(_NAMES, inner, max_size=2))
    keyword = st.sampled_from(sorted(fitting)).flatmap(lambda k: st.tuples(st.just(k), fitting[k]))
    odd = st.tuples(_KEYWORDS, anything)
    return st.lists(keyword | odd, max_size=4).map(dict)


_SCHEMA_LIKE = st.recursive(st.one_of(st.booleans(), st.just({}), st.just({"type": "string"})), _schemas,
                            max_leaves=10)


def _full_schema_check(value: Any) -> bool:
    try:
        jsonschema.validators.validator_for(value, default=jsonschema.Draft202012Validator).check_schema(value)
    except (TypeError, AttributeError, jsonschema.exceptions.UnknownType, jsonschema.SchemaError):
        return False
    return True


def _declared_fragments() -> list[Any]:
    """Every JSON Schema fragment a Json field declares, in the session and in the tools."""
    types: list[Any] = [getattr(spot.node, "type", None) for e in ENDPOINTS for spot in placed(e)]
    types += [f.type for kind in TOOLS.kinds for f in kind.fields]
    fragments = [t.schema for t in types if isinstance(t, Json)]
    assert len(fragments) >= 5  # the prompt's variables, metadata, and the tools' JSON fields
    return fragments


@given(_SCHEMA_LIKE)
def test_a_schema_it_vouches_for_passes_the_full_check(schema: Any) -> None:
    if surely_valid_schema(schema):
        assert _full_schema_check(schema), schema


@given(st.sampled_from(_declared_fragments()) | _SCHEMA_LIKE, _JSON)
def test_a_value_it_vouches_for_fits_in_the_full_check(schema: Any, value: Any) -> None:
    if surely_fits(schema, value) and _full_schema_check(schema):
        assert not list(jsonschema.Draft202012Validator(schema).iter_errors(value)), (schema, value)


def test_it_vouches_for_the_parameters_people_write() -> None:
    parameters = [
        {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"],
         "additionalProperties": False},
        {"type": "object", "properties": {}},
        {"type": "object", "properties": {
            "query": {"type": "string", "description": "What to look for", "minLength": 1, "pattern": "^\\S"},
            "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
            "units": {"type": "string", "enum": ["metric", "imperial"]},
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            "since": {"type": ["string", "null"], "format": "date"},
            "filter": {"anyOf": [{"type": "object", "properties": {"field": {"type": "string"}, "value": {}},
                                  "required": ["field"]}, {"type": "null"}]},
        }, "required": ["query"], "additionalProperties": False},
    ]
    for value in parameters:
        assert surely_valid_schema(value) and surely_fits({"type": "object"}, value)


def test_it_leaves_to_the_full_check_what_it_does_not_know() -> None:
    assert not surely_valid_schema({"type": "objekt"})
    assert not surely_valid_schema({"$ref": "#/$defs/x", "$defs": {"x": {}}})  # valid, but not its to judge
    assert not surely_valid_schema({"pattern": "["})
    assert not surely_valid_schema({"minLength": 1.0})
    assert not surely_fits({"type": "integer"}, 2.0)
    assert not surely_fits({"enum": [1]}, True)


def test_the_messages_still_come_from_the_full_check() -> None:
    parameters = Json(schema={"type": "object"}, json_schema=True)
    assert parameters.check({"type": "object", "properties": 3}) == (
        "is not a valid JSON Schema: 3 is not of type 'object' (at properties)")
    assert parameters.check(["no"]) == "does not fit: ['no'] is not of type 'object'"
    assert parameters.check({"type": "object"}) is None


def test_a_schema_naming_no_draft_is_refused_not_a_crash() -> None:
    parameters = Json(schema={"type": "object"}, json_schema=True)
    assert (parameters.check({"$schema": True}) or "").startswith("is not a valid JSON Schema: ")
