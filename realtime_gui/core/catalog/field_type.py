"""What every field type shares: the base class, its vocabulary and the not-set state.

A value held in a configuration is the *canonical* value; a type turns it into
what each wire shape expects (``encode``) and back (``decode``).  Shapes are
``"beta"`` (the flat ``/realtime/sessions`` family) and ``"ga"`` (the nested
``/realtime/client_secrets`` family).  ``check`` returns a sentence fragment
such as ``"must be between 0.6 and 1.2; it is 1.5"`` that validation prefixes
with the field's label and path.  Nothing here knows about Qt.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import field
from typing import Any, Literal

from realtime_gui.core.records import record

Shape = Literal["beta", "ga"]
SHAPES: tuple[Shape, ...] = ("beta", "ga")
SecretMode = Literal["resolve", "mask", "placeholder"]
SERVICE_DEFAULT = "chosen by the service"  # the default's words when the service decides without saying
NOT_SENT = "not sent"  # ... when nothing is sent and nothing stands in for it
OFF = "off"  # the words for the off state (``None``, sent as ``null``)
# What leaving a field without a declared default out means: the service picks a value it
# doesn't name ("service"), or the field is simply omitted and nothing takes its place ("omitted").
Unset = Literal["service", "omitted"]

__all__ = [
    "NOT_SENT",
    "NOT_SET",
    "OFF",
    "SERVICE_DEFAULT",
    "SHAPES",
    "DecodeError",
    "EncodeContext",
    "FieldType",
    "MissingSecretError",
    "Option",
    "SecretMode",
    "Shape",
    "Unset",
    "format_number",
    "value_kind",
]


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


class DecodeError(ValueError):
    """A wire value that this type cannot read back."""


class MissingSecretError(LookupError):
    """A secret the configuration points to is no longer in the keyring."""


@record
class EncodeContext:
    """How to encode: the wire shape, and what to do with secrets.

    ``secret_mode`` is ``resolve`` for a real request (``lookup`` fetches the
    secret from the keyring), ``mask`` for the on-screen preview and
    ``placeholder`` for exports, which must never carry a secret.
    """

    shape: Shape
    secret_mode: SecretMode = "placeholder"
    lookup: Callable[[str], str | None] | None = None


def format_number(number: float) -> str:
    if isinstance(number, int) and not -10**15 < number < 10**15:
        return f"a {len(str(abs(number)))}-digit number"  # {:g} would overflow a float
    return f"{number:g}"


def value_kind(value: Any) -> str:
    """What a value is, in words, for messages: "text", "a list", ..."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class FieldType:
    """Base of all field types. Subclasses override what differs."""

    kind: str = "value"

    def check(self, value: Any) -> str | None:
        """Return why ``value`` is invalid, or ``None`` when it is fine."""
        return None

    def check_on(self, value: Any, shape: Shape) -> str | None:
        """Why a valid ``value`` can't be sent in ``shape``, or ``None``."""
        return None

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        return value

    def decode(self, wire: Any, shape: Shape) -> Any:
        problem = self.check(wire)
        if problem:
            raise DecodeError(problem)
        return wire

    def describe(self) -> str:
        """A short human description of what is allowed."""
        return self.kind

    def examples(self) -> tuple[Any, ...]:
        """A few values this type accepts; the loader checks them, and tests draw
        from them for a type without a richer strategy of its own."""
        return ()

    def normalise(self, value: Any) -> Any:
        """The value as this type keeps it: what an editor reads back once it shows
        ``value``, and what a value set from text should store.  Most types keep
        every valid value as it is."""
        return value

    def show(self, value: Any) -> str:
        """Display a canonical value on one line (used for defaults)."""
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            return format_number(value)
        return str(value)


@record
class Option:
    """One allowed value of a :class:`Choice`, with a word on what it means.

    ``wire`` maps a shape to the value sent in that shape when it differs
    from ``value``.  ``only`` limits the option to some endpoint ids.
    """

    value: str
    help: str
    wire: Mapping[str, Any] = field(default_factory=dict)
    only: frozenset[str] | None = None

    def on(self, shape: Shape) -> Any:
        return self.wire.get(shape, self.value)
