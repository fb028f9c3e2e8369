"""Check a configuration's stored data (a file on disk, an imported file) before it is trusted.

A hand-edited file may hold anything: wrong types, a ``tools`` that is no
list, settings nobody declared, ``NaN``.  Each becomes a :class:`Problem`
worded as validation words it, never an exception; values left empty are not
problems here, as a saved configuration may still be being edited.
"""

from __future__ import annotations

from typing import Any

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, DEFAULT_ENDPOINT, ENDPOINTS, field_by_id
from realtime_gui.core.catalog.field_type import value_kind
from realtime_gui.core.catalog.json_text import non_finite
from realtime_gui.core.catalog.nodes import Field, Group
from realtime_gui.core.wire.body import active
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import Problem, validate

__all__ = ["check_configuration_data"]


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
