"""The vocabulary of the declaration: endpoints, wire placements, fields, groups.

``declaration.py`` uses these classes to declare every session field once.
A field's *id* is its canonical dotted name (``turn_detection.threshold``);
its *path* on an endpoint is where it sits in that endpoint's JSON body
(``session.audio.input.turn_detection.threshold``).  Configurations store
values by id, so one configuration can be sent to either shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Literal, Mapping

from realtime_gui.core.catalog.types import FieldType, Shape

__all__ = ["Endpoint", "Field", "Group", "Node", "NOT_SET", "Placed", "Wire", "at"]


class _NotSet:
    """The 'not set' state: nothing is sent and the service's default applies."""

    _instance: _NotSet | None = None

    def __new__(cls) -> _NotSet:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_SET"

    def __bool__(self) -> bool:
        return False


NOT_SET: Any = _NotSet()


@dataclass(frozen=True)
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

    @property
    def sends_beta_header(self) -> bool:
        return self.shape == "beta"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Node:
    """What fields and groups share."""

    key: str
    label: str
    help: str
    wire: Mapping[str, Wire] = field(default_factory=dict)
    section: str = ""
    # Sent only when a sibling (relative key) has one of these values,
    # e.g. ("type", ("semantic_vad",)) for VAD eagerness.
    when: tuple[str, tuple[Any, ...]] | None = None
    only: frozenset[str] | None = None  # children: restrict to these endpoints
    # Children get their wire from their group; these shape it.
    null_ok: bool = False
    require: tuple[str, ...] = ()
    id: str = ""  # filled in by the declaration's loader

    def off_by_default(self, shape: Shape | None) -> bool:
        """Whether leaving the node out means "off", so off needs no ``null``."""
        return False


@dataclass(frozen=True)
class Field(Node):
    """A leaf: one value of one type.

    ``default`` is the service's default (``NOT_SET`` when the service
    decides without saying); ``default_by_shape`` overrides it per shape;
    ``default_note`` words a default that is not a value ("the model's limit").
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

    def default_for(self, shape: Shape | None) -> Any:
        if shape is not None and shape in self.default_by_shape:
            return self.default_by_shape[shape]
        return self.default

    def off_by_default(self, shape: Shape | None) -> bool:
        return self.default_for(shape) is None

    def default_text(self, shape: Shape | None) -> str:
        value = self.default_for(shape)
        if value is NOT_SET:
            return self.default_note or "chosen by the service"
        if value is None:
            return "off"
        return self.type.show(value)


@dataclass(frozen=True)
class Group(Node):
    """An object of fields. Its own value may be ``None`` (off, where the
    wire is nullable), one of ``literals`` (e.g. tracing ``"auto"``), ``{}``
    (sent even with nothing set inside), or absent (derived from children).
    """

    children: tuple[Node, ...] = ()
    literals: tuple[tuple[str, str], ...] = ()  # (value, what it means)
    default_note: str = ""

    def off_by_default(self, shape: Shape | None) -> bool:
        return self.default_note == "off"

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            yield child
            if isinstance(child, Group):
                yield from child.walk()


@dataclass(frozen=True)
class Placed:
    """A node as it sits on one endpoint: the node and its full wire path."""

    node: Node
    path: str
    nullable: bool
    require: tuple[str, ...]
