"""The vocabulary of the declaration: endpoints, wire placements, fields, groups.

``declaration.py`` uses these classes to declare every session field once.
A field's *id* is its canonical dotted name (``turn_detection.threshold``);
its *path* on an endpoint is where it sits in that endpoint's JSON body
(``session.audio.input.turn_detection.threshold``).  Configurations store
values by id, so one configuration can be sent to either shape.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import field
from typing import Any, Literal

from realtime_gui.core.catalog.field_type import NOT_SENT, NOT_SET, OFF, SERVICE_DEFAULT, FieldType, Shape, Unset
from realtime_gui.core.catalog.group_type import GroupType
from realtime_gui.core.records import record

__all__ = ["NOT_SET", "Condition", "Endpoint", "Field", "Group", "Node", "Placed", "Wire", "at"]


@record
class Endpoint:
    """A token endpoint: where it is, what shape it speaks, what it returns."""

    id: str
    label: str
    help: str
    path: str  # below the base URL, e.g. "/realtime/client_secrets"
    schema_key: str  # the key of its schemas in shared/openapi
    shape: Shape
    family: Literal["realtime", "transcription", "translation"]
    response_shape: Literal["beta", "ga"]
    fixed: Mapping[str, Any] = field(default_factory=dict)  # constant parts of the body
    initial: Mapping[str, Any] = field(default_factory=dict)  # what a new configuration sets
    azure_path: str | None = None  # below the Azure resource endpoint
    # A beta endpoint's GA successor, where "convert to GA" takes its configurations,
    # and values that have a GA counterpart there, by field id: {"model": {"beta-name": "ga-name"}}.
    ga_counterpart: str | None = None
    ga_values: Mapping[str, Mapping[Any, Any]] = field(default_factory=dict)

    @property
    def sends_beta_header(self) -> bool:
        return self.shape == "beta"


@record
class Wire:
    """Where a node sits on one endpoint.

    ``nullable``: the endpoint accepts ``null`` here ("off").  ``require``:
    children that must be present whenever the object is sent; the builder
    fills them from their default, and validation reports those without one.
    """

    path: str
    nullable: bool = False
    require: tuple[str, ...] = ()


def at(endpoints: str, path: str, *, nullable: bool = False, require: tuple[str, ...] = ()) -> dict[str, Wire]:
    """``at("ga ga-transcription", "session.x")``: one placement on several endpoints."""
    return {e: Wire(path, nullable, require) for e in endpoints.split()}


@record
class Node:
    """What fields and groups share."""

    key: str
    label: str
    help: str
    wire: Mapping[str, Wire] = field(default_factory=dict)
    section: str = ""
    # Sent only when a sibling (relative key) has one of these values,
    # e.g. ("type", ("semantic_vad",)) for VAD eagerness; the loader resolves it into ``condition``.
    when: tuple[str, tuple[Any, ...]] | None = None
    only: frozenset[str] | None = None  # children: restrict to these endpoints
    # Children get their wire from their group; these shape it.
    null_ok: bool = False
    require: tuple[str, ...] = ()
    id: str = ""  # filled in by the declaration's loader
    condition: Condition | None = None  # ``when`` resolved, filled in by the loader

    def applies(self, values: Mapping[str, Any], shape: Shape | None) -> bool:
        """Whether the node's ``when`` condition holds for these values."""
        return self.condition is None or self.condition.holds(values, shape)

    def off_by_default(self, shape: Shape | None) -> bool:
        """Whether leaving the node out means "off", so off needs no ``null``."""
        return False

    def default_text(self, shape: Shape | None) -> str:
        """The service's default, in words."""
        return SERVICE_DEFAULT


@record
class Field(Node):
    """A leaf: one value of one type.

    ``default`` is the service's default (``NOT_SET`` when the service
    decides without saying); ``default_by_shape`` overrides it per shape;
    ``default_note`` words a default that is not a value ("the model's limit").
    ``unset`` says what leaving a field with neither out means: the service
    picks a value (``"service"``) or nothing is sent in its place (``"omitted"``);
    every field with neither must declare it: session fields, tool item fields,
    tool choice extras and the parts inside a value (the loader checks).
    ``item_nullable`` is for fields inside tool items, which have no wire.
    """

    type: FieldType = field(default_factory=FieldType)
    default: Any = NOT_SET
    default_by_shape: Mapping[str, Any] = field(default_factory=dict)
    default_note: str = ""
    secret: bool = False
    required_on: frozenset[str] = frozenset()
    # Required when a sibling has one of these values, e.g. ("service", ("azure",)).
    required_when: tuple[str, tuple[Any, ...]] | None = None
    item_nullable: bool = False
    unset: Unset | None = None

    def default_for(self, shape: Shape | None) -> Any:
        if shape is not None and shape in self.default_by_shape:
            return self.default_by_shape[shape]
        return self.default

    def off_by_default(self, shape: Shape | None) -> bool:
        return self.default_for(shape) is None

    def service_decides(self, shape: Shape | None) -> bool:
        """Whether the declaration says nothing of the default: no value, no words."""
        return self.default_for(shape) is NOT_SET and not self.default_note

    def sends_nothing(self, shape: Shape | None) -> bool:
        """Whether not set means the field is simply left out, with no default in its place."""
        return self.service_decides(shape) and self.unset == "omitted"

    def default_text(self, shape: Shape | None) -> str:
        value = self.default_for(shape)
        if value is NOT_SET:
            return self.default_note or (NOT_SENT if self.unset == "omitted" else SERVICE_DEFAULT)
        if value is None:
            return OFF
        return self.type.show(value)


@record
class Group(Node):
    """An object of fields; ``type`` owns the states of its own value
    (not set, off, a literal, sent empty)."""

    children: tuple[Node, ...] = ()
    type: GroupType = field(default_factory=GroupType)

    def off_by_default(self, shape: Shape | None) -> bool:
        return self.type.off_by_default

    def default_text(self, shape: Shape | None) -> str:
        return self.type.default_text()

    def child(self, key: str) -> Node:
        return next(c for c in self.children if c.key == key)

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            yield child
            if isinstance(child, Group):
                yield from child.walk()


@record
class Condition:
    """A ``when`` relation, resolved when the catalog loads: the node it is on
    applies only while ``sibling`` holds one of ``values`` (its default counts)."""

    sibling: Field
    values: tuple[Any, ...]

    def holds(self, values: Mapping[str, Any], shape: Shape | None) -> bool:
        value = values.get(self.sibling.id, NOT_SET)
        if value is NOT_SET:
            value = self.sibling.default_for(shape)
        return value in self.values

    @property
    def hint(self) -> str:
        """``Applies when Detector is server_vad``: what the form shows while it does not hold."""
        return f"Applies when {self.sibling.label} is {' or '.join(str(v) for v in self.values)}"


@record
class Placed:
    """A node as it sits on one endpoint: the node and its full wire path."""

    node: Node
    path: str
    nullable: bool
    require: tuple[str, ...]
