"""Check a configuration before anything is sent.

Every problem names the field by label and wire path and says what would be
valid: ``Temperature (temperature) must be between 0.6 and 1.2; it is 1.5.``
"""

from __future__ import annotations

from typing import Any

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, endpoint, field_by_id
from realtime_gui.core.catalog.nodes import NOT_SET, Field, Group, Placed
from realtime_gui.core.catalog.tools import ToolChoice, ToolList
from realtime_gui.core.catalog.types import Choice
from realtime_gui.core.records import record
from realtime_gui.core.wire.body import active
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["Problem", "validate"]


@record
class Problem:
    """One thing wrong with a configuration, tied to a field."""

    field_id: str  # canonical id, or "connection.KEY"
    path: str  # where it sits on the wire (or in the tool list: tools[2].name)
    label: str
    detail: str  # "must be between 0.6 and 1.2; it is 1.5"

    @property
    def message(self) -> str:
        return f"{self.label} ({self.path}) {self.detail}."

    def __str__(self) -> str:
        return self.message


def validate(config: Configuration, *, complete: bool = True) -> list[Problem]:
    """Every problem with ``config`` for its endpoint; empty when it can be sent.

    With ``complete=False`` only wrong values count, not required ones left
    empty: what a saved configuration still being edited may have.
    """
    ep = endpoint(config.endpoint)
    problems: list[Problem] = []
    for spec in CONNECTION_FIELDS:
        value = config.connection.get(spec.key, NOT_SET)
        if value not in (NOT_SET, None, "") and (detail := spec.type.check(value)):
            problems.append(Problem(f"connection.{spec.key}", spec.key, spec.label, detail))
        if complete and spec.required_when and value in (NOT_SET, None, ""):
            sibling, wanted = spec.required_when
            if config.setting(sibling) in wanted:
                label = next(f.label for f in CONNECTION_FIELDS if f.key == sibling)
                problems.append(Problem(f"connection.{spec.key}", spec.key, spec.label,
                                        f"is required when {label.lower()} is {config.setting(sibling)}"))
    for field_id in config.values:
        try:
            field_by_id(field_id)
        except KeyError:
            problems.append(Problem(field_id, field_id, field_id, "is not a field realtime-gui knows; "
                                    "remove it from the configuration file"))
    values = config.values
    sent: list[tuple[Placed, Any]] = list(active(config.endpoint, values))
    for spot, value in sent:
        node = spot.node
        if value is NOT_SET:
            continue
        if value is None:
            if not spot.nullable and not node.off_by_default(ep.shape):
                problems.append(_problem(spot, f"can't be turned off on {ep.label}; clear it to use the default"))
        elif isinstance(node, Group):
            if detail := node.type.check(value):
                problems.append(_problem(spot, detail))
        elif isinstance(node, Field):
            problems.extend(_field_problems(spot, node, value, config.endpoint, ep.shape))
    if complete:
        problems.extend(_missing(sent, values, config.endpoint, ep.shape))
    problems.extend(_tool_choice_problems(sent, values))
    return problems


def _problem(spot: Placed, detail: str, suffix: str = "") -> Problem:
    return Problem(spot.node.id, spot.path + suffix, spot.node.label, detail)


def _field_problems(spot: Placed, node: Field, value: Any, endpoint_id: str, shape: str) -> list[Problem]:
    if isinstance(node.type, ToolList):
        found = [_problem(spot, detail, where) for where, detail in node.type.item_problems(value, shape)]  # type: ignore[arg-type]
        for name in node.type.repeated_names(value):
            found.append(_problem(spot, f"has two tools named {name!r}; tool names must be unique"))
        return found
    detail = node.type.check(value) or node.type.check_on(value, shape)  # type: ignore[arg-type]
    if detail:
        return [_problem(spot, detail)]
    if isinstance(node.type, Choice):
        option = node.type.option(value)
        if option and option.only is not None and endpoint_id not in option.only:
            others = ", ".join(o.value for o in node.type.options if o.only is None or endpoint_id in o.only)
            return [_problem(spot, f"can't be {value!r} on {endpoint(endpoint_id).label}; use {others}")]
    return []


def _missing(sent: list[tuple[Placed, Any]], values: dict[str, Any], endpoint_id: str, shape: str) -> list[Problem]:
    """Required fields left empty, and required parts of objects being sent."""
    problems: list[Problem] = []
    by_id = {spot.node.id: (spot, value) for spot, value in sent}
    for spot, value in sent:
        node = spot.node
        if isinstance(node, Field) and endpoint_id in node.required_on and value in (NOT_SET, None, ""):
            problems.append(_problem(spot, f"is required on {endpoint(endpoint_id).label}"))
        if not isinstance(node, Group) or not spot.require or node.type.closes(value):
            continue
        inside = [i for i in by_id if i.startswith(node.id + ".") and by_id[i][1] is not NOT_SET]
        if not inside and value is NOT_SET:
            continue  # the object is not sent at all
        for key in spot.require:
            child_id = f"{node.id}.{key}"
            child = field_by_id(child_id)
            has_default = isinstance(child, Field) and child.default_for(shape) not in (NOT_SET, None)  # type: ignore[arg-type]
            if values.get(child_id) in (None, "") and not has_default:
                problems.append(Problem(child_id, f"{spot.path}.{key}", child.label,
                                        f"is required when {node.label.lower()} is on; set it, or turn "
                                        f"{node.label.lower()} off"))
    return problems


def _tool_choice_problems(sent: list[tuple[Placed, Any]], values: dict[str, Any]) -> list[Problem]:
    """A tool choice that names a tool must name one among the tools."""
    problems: list[Problem] = []
    for spot, value in sent:
        if not isinstance(spot.node, Field) or not isinstance(spot.node.type, ToolChoice):
            continue
        choice = spot.node.type
        kind = choice.kind_of(value)
        if kind is None:
            continue
        wanted = value.get(kind.named_by)
        declared = kind.names(values.get(choice.tools_field) or [])
        if wanted not in declared:
            listed = ", ".join(declared) or "none are declared"
            problems.append(_problem(spot, f"names the {kind.noun} {wanted!r}, which is not among the tools "
                                           f"({listed}); add it or choose another"))
    return problems
