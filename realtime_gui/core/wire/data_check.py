"""Check a configuration's stored data (a file on disk, an imported file) before it is trusted.

A hand-edited file may hold anything: wrong types, a ``tools`` that is no
list, settings nobody declared, ``NaN``.  Each becomes a :class:`Problem`
worded as validation words it, never an exception; values left empty are not
problems here, as a saved configuration may still be being edited.

:func:`check_configuration_data` finds everything validation would refuse;
:func:`unusable_data` only what no field can hold (the wrong kind of value,
a connection that sends the key somewhere it must not, an unknown setting,
``NaN``): what a file may not hold to be opened or saved, while a value out
of range or a tool not yet complete is work in progress the window marks.
"""

from __future__ import annotations

import marshal
from functools import lru_cache
from typing import Any

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, DEFAULT_ENDPOINT, ENDPOINTS, field_by_id
from realtime_gui.core.catalog.field_type import value_kind
from realtime_gui.core.catalog.json_text import non_finite
from realtime_gui.core.catalog.nodes import Field, Group
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.wire.body import active
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import Problem, validate

__all__ = ["check_configuration_data", "unusable_data"]

# The JSON kinds (as ``value_kind`` names them) a value of each field type's kind can take at all.
_KINDS: dict[str, frozenset[str]] = {
    "number": frozenset({"a number"}), "integer": frozenset({"a number"}),
    "tokenlimit": frozenset({"a number", "text"}), "boolean": frozenset({"true or false"}),
    "text": frozenset({"text"}), "choice": frozenset({"text"}), "secret": frozenset({"text", "an object"}),
    "voice": frozenset({"text", "an object"}), "stringlist": frozenset({"a list"}),
    "multichoice": frozenset({"a list"}), "toolchoice": frozenset({"text", "an object"}),
    "group": frozenset({"text", "an object"}),
}


def check_configuration_data(data: Any) -> list[Problem]:
    """Every wrong thing in a configuration's data (``{"endpoint", "connection", "values"}``
    as the store saves it), field by field; empty when it can be loaded."""
    problems = _shape_problems(data)
    if problems:
        return problems
    endpoint_id, values = data.get("endpoint", DEFAULT_ENDPOINT), data.get("values", {})
    connection: dict[str, Any] = data.get("connection", {})
    known = {spec.key for spec in CONNECTION_FIELDS}
    problems += [Problem(f"connection.{key}", f"connection.{key}", key, "is not a connection setting "
                         "realtime-gui knows; remove it from the configuration file") for key in connection
                 if key not in known]
    config = Configuration("checked", endpoint_id, dict(values), {k: v for k, v in connection.items() if k in known})
    problems += validate(config, complete=False)
    checked = {spot.node.id for spot, _ in active(endpoint_id, values)}
    for field_id, value in values.items():
        if field_id in checked or value is None:
            continue
        try:
            node = field_by_id(field_id)
        except KeyError:
            continue  # validate named it
        if isinstance(node, (Field, Group)) and (detail := node.type.check(value)):
            problems.append(Problem(field_id, field_id, node.label, detail))
    return problems + _non_finite_problems(values, {p.field_id for p in problems})


def unusable_data(data: Any) -> list[Problem]:
    """The problems of :func:`check_configuration_data` that keep a file from
    being opened or saved: its shape, its connection, unknown fields, ``NaN``,
    and values of a kind their field never holds (``tools`` that is no list of tools).

    Data checked lately is answered from memory (a configuration opened again,
    a hundred tools' schemas included, is not checked again): the answer is
    worked out from ``marshal``'s exact copy of the data, so it is the answer
    for this data whatever was checked before."""
    try:
        fingerprint = marshal.dumps(data)
    except ValueError:  # not plain JSON data: checked as it is
        return _unusable(data)
    return list(_remembered(fingerprint))


@lru_cache(maxsize=16)
def _remembered(fingerprint: bytes) -> tuple[Problem, ...]:
    return tuple(_unusable(marshal.loads(fingerprint)))


def _unusable(data: Any) -> list[Problem]:
    problems = check_configuration_data(data)
    if not problems or _shape_problems(data):
        return problems
    values = data.get("values", {})
    return [p for p in problems if p.field_id.startswith("connection.") or p.field_id not in values
            or _wrong_kind(p.field_id, values[p.field_id]) or non_finite(values[p.field_id]) is not None]


def _wrong_kind(field_id: str, value: Any) -> bool:
    """Whether ``value`` is of a kind the field never holds (off, ``None``, fits every field)."""
    try:
        node = field_by_id(field_id)
    except KeyError:
        return True
    if value is None or not isinstance(node, (Field, Group)):
        return False
    if isinstance(node.type, ToolList):
        return not isinstance(value, list) or any(node.type.kind_of(item) is None for item in value)
    kinds = _KINDS.get(node.type.kind)
    return kinds is not None and value_kind(value) not in kinds


def _shape_problems(data: Any) -> list[Problem]:
    """The file's own shape: an object with a known endpoint and objects of values and connection."""
    if not isinstance(data, dict):
        return [Problem("", "configuration", "The configuration", f"must be a JSON object; it is {value_kind(data)}")]
    problems: list[Problem] = []
    endpoint_id = data.get("endpoint", DEFAULT_ENDPOINT)
    if not isinstance(endpoint_id, str) or endpoint_id not in ENDPOINTS:
        problems.append(Problem("endpoint", "endpoint", "Endpoint",
                                f"must be one of {', '.join(ENDPOINTS)}; it is {endpoint_id!r}"))
    for key in ("values", "connection"):
        if not isinstance(data.get(key, {}), dict):
            problems.append(Problem(key, key, key.title(), f"must be a JSON object; it is {value_kind(data[key])}"))
    return problems


def _non_finite_problems(values: dict[str, Any], named: set[str]) -> list[Problem]:
    """NaN or infinity inside a value no other problem names (free-form JSON lets them through)."""
    problems: list[Problem] = []
    for field_id, value in values.items():
        found = non_finite(value)
        if found is None or field_id in named:
            continue
        where, number = found
        try:
            label = field_by_id(field_id).label
        except KeyError:
            label = field_id
        inside = f" at {where}" if where else ""
        problems.append(Problem(field_id, field_id, label, f"holds {number}{inside}, which is not a JSON number; "
                                                           "write a number or null"))
    return problems
