"""A quick JSON Schema check that can only say yes, so most values never load ``jsonschema``.

Importing ``jsonschema`` costs about as much as the whole mint, and nearly
every value is fine. :func:`surely_fits` and :func:`surely_valid_schema`
answer ``True`` only when the full check (Draft 2020-12, as
:class:`~realtime_gui.core.catalog.text_types.Json` runs it) certainly finds
nothing; anything they don't fully understand — a keyword outside their small
set, a float where an integer is wanted, a ``$ref`` — gets ``False``, and the
caller runs the full check, which also writes the message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["surely_fits", "surely_valid_schema"]

_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),  # 2.0 too, but the full check says so
}


def surely_fits(schema: Any, value: Any) -> bool:
    """True only if ``value`` certainly fits ``schema`` (keywords: type,
    properties, additionalProperties, required, items, enum, anyOf)."""
    if isinstance(schema, bool):
        return schema
    if not isinstance(schema, Mapping):
        return False
    return all(_KEYWORD_FITS.get(keyword, _unknown)(schema, rule, value) for keyword, rule in schema.items())


def _type_fits(schema: Mapping[str, Any], rule: Any, value: Any) -> bool:
    kinds = rule if isinstance(rule, list) else [rule]
    return any(isinstance(kind, str) and kind in _TYPES and _TYPES[kind](value) for kind in kinds)


def _properties_fit(schema: Mapping[str, Any], rule: Any, value: Any) -> bool:
    if not isinstance(rule, dict):
        return False
    return not isinstance(value, dict) or all(surely_fits(rule[k], v) for k, v in value.items() if k in rule)


def _others_fit(schema: Mapping[str, Any], rule: Any, value: Any) -> bool:
    declared = schema.get("properties", {})
    if not isinstance(declared, dict):
        return False
    return not isinstance(value, dict) or all(surely_fits(rule, v) for k, v in value.items() if k not in declared)


def _required_fits(schema: Mapping[str, Any], rule: Any, value: Any) -> bool:
    return isinstance(rule, list) and (not isinstance(value, dict) or all(k in value for k in rule))


def _items_fit(schema: Mapping[str, Any], rule: Any, value: Any) -> bool:
    return not isinstance(value, list) or all(surely_fits(rule, v) for v in value)


def _enum_fits(schema: Mapping[str, Any], rule: Any, value: Any) -> bool:
    # Only text and null: the full check tells 1 from True and 1.0, this one needn't.
    return isinstance(rule, list) and (isinstance(value, str) or value is None) and value in rule


def _any_fits(schema: Mapping[str, Any], rule: Any, value: Any) -> bool:
    return isinstance(rule, list) and any(surely_fits(branch, value) for branch in rule)


def _unknown(schema: Mapping[str, Any], rule: Any, value: Any) -> bool:
    return False


_KEYWORD_FITS: dict[str, Callable[[Mapping[str, Any], Any, Any], bool]] = {
    "type": _type_fits, "properties": _properties_fit, "additionalProperties": _others_fit,
    "required": _required_fits, "items": _items_fit, "enum": _enum_fits, "anyOf": _any_fits,
}


def _non_negative(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _flag(v: Any) -> bool:
    return isinstance(v, bool)


def _anything(v: Any) -> bool:
    return True


def _type(v: Any) -> bool:
    if isinstance(v, str):
        return v in _TYPES
    return isinstance(v, list) and bool(v) and all(isinstance(t, str) and t in _TYPES for t in v) \
        and len(set(v)) == len(v)


def _pattern(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    try:
        re.compile(v)  # what the full check's "regex" format does
    except re.error:
        return False
    return True


def _schema_map(v: Any) -> bool:
    return isinstance(v, dict) and all(surely_valid_schema(s) for s in v.values())


def _schema_list(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(surely_valid_schema(s) for s in v)


def _names(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(n, str) for n in v) and len(set(v)) == len(v)


# What the 2020-12 meta-schema asks of each keyword it declares; a keyword not
# listed sends the value to the full check, so this table may stay short.
_KEYWORDS: dict[str, Callable[[Any], bool]] = {
    "type": _type,
    "properties": _schema_map,
    "additionalProperties": lambda v: surely_valid_schema(v),
    "items": lambda v: surely_valid_schema(v),
    "not": lambda v: surely_valid_schema(v),
    "anyOf": _schema_list, "oneOf": _schema_list, "allOf": _schema_list,
    "required": _names,
    "enum": lambda v: isinstance(v, list),
    "const": _anything, "default": _anything,
    "examples": lambda v: isinstance(v, list),
    "title": _text, "description": _text, "format": _text, "$comment": _text,
    "pattern": _pattern,
    "minimum": _number, "maximum": _number, "exclusiveMinimum": _number, "exclusiveMaximum": _number,
    "multipleOf": lambda v: _number(v) and v > 0,
    "minLength": _non_negative, "maxLength": _non_negative, "minItems": _non_negative, "maxItems": _non_negative,
    "minProperties": _non_negative, "maxProperties": _non_negative,
    "uniqueItems": _flag, "deprecated": _flag, "readOnly": _flag, "writeOnly": _flag,
}


def surely_valid_schema(schema: Any) -> bool:
    """True only if ``schema`` is certainly a valid Draft 2020-12 JSON Schema
    (so it names no other draft in ``$schema``)."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    return all(keyword in _KEYWORDS and _KEYWORDS[keyword](rule) for keyword, rule in schema.items())
