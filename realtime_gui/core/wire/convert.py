"""Move a configuration to another endpoint (beta to GA, and back).

Generic over the declaration: a value carries over when its field is placed on
the target endpoint; every value that does not is listed, never dropped
silently. Converting to GA without naming a target goes to the beta
endpoint's declared ``ga_counterpart``, and values with a declared GA
counterpart (a beta model name) become it, which the notes say. The original
configuration is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realtime_gui.core.catalog.declaration import endpoint, field_by_id, placed
from realtime_gui.core.catalog.field_type import value_kind
from realtime_gui.core.catalog.nodes import Endpoint, Field, Placed
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.records import record
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["Conversion", "Counterpart", "conversion_target", "convert"]

_DROPPED = object()


@record
class Counterpart:
    """A value with a declared GA counterpart (a beta model name and its GA successor)."""

    label: str  # the field's label and id: "Model (model)"
    field_id: str
    old: Any
    new: Any


@dataclass
class Conversion:
    """A converted configuration, what did not carry over, and the GA counterparts
    it offers (or, when asked to use them, put in)."""

    configuration: Configuration
    dropped: list[tuple[str, str]]  # (field label and id, why)
    counterparts: list[Counterpart] = field(default_factory=list)
    counterparts_used: bool = False

    def notes(self) -> list[str]:
        """One line per value changed, offered a counterpart or not carried over, to show the user."""
        if self.counterparts_used:
            lines = [f"changed: {c.label}: {c.old} is a beta name; it is now its GA counterpart {c.new}"
                     for c in self.counterparts]
        else:
            lines = [f"offered: {c.label}: {c.old} is a beta name; its GA counterpart is {c.new}"
                     for c in self.counterparts]
        return lines + [f"not carried over: {label}: {why}" for label, why in self.dropped]


def conversion_target(config: Configuration, to: str | None = None) -> str:
    """The endpoint a conversion takes ``config`` to: ``to``, where ``None`` and
    ``"ga"`` mean the GA endpoint of its own kind (a beta transcription
    configuration goes to GA transcription). ``ValueError`` when it has none:
    it is already on a GA endpoint, or on one with no GA counterpart."""
    if to not in (None, "ga"):
        return to
    source = endpoint(config.endpoint)
    if source.ga_counterpart is not None:
        return source.ga_counterpart
    if source.shape == "ga":
        raise ValueError(f"“{config.name}” is already for {source.label}, a GA endpoint; there is nothing "
                         "to convert it to unless you name another endpoint")
    raise ValueError(f"“{config.name}” is for {source.label}, which has no GA counterpart; "
                     "name the endpoint to convert it to")


def convert(config: Configuration, target: str | None = None, name: str | None = None, *,
            use_counterparts: bool = False) -> Conversion:
    """A copy of ``config`` for ``target`` (by default its GA counterpart); nothing is
    dropped or changed silently. Values with a declared GA counterpart are offered
    in ``counterparts``, and put in when ``use_counterparts``. ``ValueError`` when
    ``config`` is already for ``target``."""
    target = target or conversion_target(config)
    target_ep = endpoint(target)
    if target == config.endpoint:
        raise ValueError(f"“{config.name}” is already for {target_ep.label}; there is nothing to convert")
    successors = endpoint(config.endpoint).ga_values if target_ep.shape == "ga" else {}
    new = config.copy(name)
    new.endpoint = target
    done = Conversion(new, [], counterparts_used=use_counterparts)
    on_target = {spot.node.id: spot for spot in placed(target)}
    for field_id, value in list(new.values.items()):
        kept, why = _carried(field_id, value, on_target.get(field_id), target_ep)
        if why is not None:
            done.dropped.append((f"{_label(field_id)} ({field_id})", why))
        if kept is _DROPPED:
            del new.values[field_id]
            continue
        new.values[field_id] = kept
        if isinstance(value, str) and (successor := successors.get(field_id, {}).get(value)) is not None:
            done.counterparts.append(Counterpart(f"{_label(field_id)} ({field_id})", field_id, value, successor))
            if use_counterparts:
                new.values[field_id] = successor
    return done


def _label(field_id: str) -> str:
    try:
        return field_by_id(field_id).label
    except KeyError:
        return field_id


def _carried(field_id: str, value: Any, spot: Placed | None, target: Endpoint) -> tuple[Any, str | None]:
    """What of a value carries over to the target (``_DROPPED`` for nothing), and why not all of it."""
    if spot is None:
        try:
            field_by_id(field_id)
        except KeyError:
            return _DROPPED, "realtime-gui knows no such field"
        return _DROPPED, f"{target.label} has no such field"
    node = spot.node
    if value is None and not spot.nullable and not node.off_by_default(target.shape):
        return _DROPPED, (f"it was off; {target.label} can't send it as null, and leaving it out gives the "
                          f"default ({node.default_text(target.shape)})")
    if isinstance(node, Field) and isinstance(node.type, ToolList) and value is not None:
        if not isinstance(value, list):
            return _DROPPED, f"it is {value_kind(value)}, not a list of tools"
        kept = [t for t in value if (k := node.type.kind_of(t)) and target.shape in k.shapes]
        if len(kept) != len(value):
            return kept, f"{len(value) - len(kept)} tool(s) of a kind {target.label} does not accept"
    return value, None
