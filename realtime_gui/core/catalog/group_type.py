"""A group's own value as a type: not set, off, a literal, sent empty, or an object of its fields.

Like qutebrowser's ``configtypes.Dict``, one object owns what a group's value
may be and what each state means on the wire:

- ``NOT_SET``: the group has no value of its own; it is sent when a field
  inside it is set, and the service's default applies otherwise;
- ``None``: off, sent as ``null`` where the endpoint allows it;
- one of ``literals`` (tracing ``"auto"``): sent as that string;
- ``{}``: sent as an object even with nothing set inside.

Off and a literal *close* the group: none of its fields is sent.
"""

from __future__ import annotations

import json
from dataclasses import field
from typing import Any

from realtime_gui.core.catalog.field_type import (
    NOT_SET,
    OFF,
    SERVICE_DEFAULT,
    DecodeError,
    EncodeContext,
    FieldType,
    Option,
    Shape,
)
from realtime_gui.core.records import record

__all__ = ["GroupType"]


@record
class GroupType(FieldType):
    """The states a group's value takes.

    ``off_by_default`` is declared: leaving the group out means off, so off
    needs no ``null``.  ``default_note`` words the service's default
    otherwise (``"server VAD"``).
    """

    literals: tuple[Option, ...] = ()
    off_by_default: bool = False
    default_note: str = ""
    kind: str = field(default="group", init=False)

    def literal_values(self) -> list[str]:
        return [o.value for o in self.literals]

    def meaning(self, literal: str) -> str | None:
        """What a literal means, or ``None`` when the group takes no such literal."""
        return next((o.help for o in self.literals if o.value == literal), None)

    def closes(self, value: Any) -> bool:
        """Whether the group's own value (off, or a literal) stands in for its fields."""
        return value is None or isinstance(value, str)

    def check(self, value: Any) -> str | None:
        """Why a group value other than not set and off is wrong, or ``None``."""
        if value == {} or value in self.literal_values():
            return None
        allowed = "".join(f'"{v}", ' for v in self.literal_values())
        return f"must be {allowed}an object of its fields, or off; it is {value!r}"

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        """The group's own wire value; ``NOT_SET`` when its fields make it."""
        if value == {}:
            return {}  # a new object: the builder fills it with the fields set inside
        return value if value in self.literal_values() else NOT_SET

    def decode(self, wire: Any, shape: Shape) -> Any:
        """The group's own value from the wire (not ``null``, which the placement decides);
        ``NOT_SET`` for an object whose fields are read one by one."""
        if isinstance(wire, str) and wire in self.literal_values():
            return wire
        if wire == {}:
            return {}
        if isinstance(wire, dict):
            return NOT_SET
        raise DecodeError(f"must be an object; it is {wire!r}")

    def describe(self) -> str:
        literals = [f'"{v}"' for v in self.literal_values()]
        return "an object of the fields below" + (", or " + " or ".join(literals) if literals else "")

    def default_text(self) -> str:
        if self.off_by_default:
            return OFF
        return self.default_note or SERVICE_DEFAULT

    def show(self, value: Any) -> str:
        return OFF if value is None else value if isinstance(value, str) else json.dumps(value)
