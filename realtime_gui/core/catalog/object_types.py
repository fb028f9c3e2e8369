"""Object-valued field types whose insides are declared: a record of optional parts, and one of several forms.

An MCP tool's ``allowed_tools`` is a list of names *or* a filter object;
its ``require_approval`` is ``"always"``, ``"never"`` *or* an object of two
filters.  Each inside is a :class:`~realtime_gui.core.catalog.nodes.Field`
(a *part*), so the form builds an editor per part, validation names the part
that is wrong, and ``realtime-gui fields`` lists every part's path
(:func:`sub_fields`).
"""

from __future__ import annotations

import json
from dataclasses import field
from typing import Any, Literal

from realtime_gui.core.catalog.field_type import EncodeContext, FieldType, Option, Shape, value_kind
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.records import record, replace

__all__ = ["Composite", "Either", "Form", "Record", "sub_fields"]


class Composite(FieldType):
    """A type whose values have declared insides, listed by :meth:`parts`."""

    def parts(self, shape: Shape | None) -> tuple[Field, ...]:
        """The fields directly inside a value on this shape (all shapes for ``None``)."""
        return ()


def sub_fields(kind: FieldType, shape: Shape | None) -> list[tuple[str, Field]]:
    """Every part inside a value of ``kind``, nested ones too, by path relative to the value;
    a nested part's label says where it is ("Always: Tool names")."""
    found: list[tuple[str, Field]] = []
    if isinstance(kind, Composite):
        for part in kind.parts(shape):
            found.append((part.key, part))
            found += [(f"{part.key}.{path}", replace(inner, label=f"{part.label}: {inner.label}"))
                      for path, inner in sub_fields(part.type, shape)]
    return found


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


@record
class Record(Composite):
    """An object whose keys are declared parts, each optional; no other key is allowed."""

    fields: tuple[Field, ...] = ()
    kind: str = field(default="record", init=False)

    def parts(self, shape: Shape | None) -> tuple[Field, ...]:
        return self.fields

    def part_keys(self) -> list[str]:
        return [f.key for f in self.fields]

    def check(self, value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"must be an object of {_and(self.part_keys())}; it is {value_kind(value)}"
        strange = [key for key in value if key not in self.part_keys()]
        if strange:
            return f"may hold only {_and(self.part_keys())}; it holds {strange[0]!r}"
        for part in self.fields:
            if part.key in value:
                inner = value[part.key]
                problem = "can't be null" if inner is None else part.type.check(inner)
                if problem:
                    # a part's own part is named by its path: "always.tool_names must be ..."
                    nested = isinstance(part.type, Record) and problem.split(".")[0].split()[0] in part.type.part_keys()
                    return f"{part.key}{'.' if nested else ' '}{problem}"
        return None

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        specs = {f.key: f for f in self.fields}
        return {key: specs[key].type.encode(inner, ctx) if key in specs else inner for key, inner in value.items()}

    def describe(self) -> str:
        return f"an object of {_and(self.part_keys())}"

    def examples(self) -> tuple[Any, ...]:
        firsts = {f.key: f.type.examples()[0] for f in self.fields if f.type.examples()}
        return ({}, firsts)


@record
class Form:
    """One form an :class:`Either` value may take: a JSON list or a JSON object, of ``type``."""

    json: Literal["list", "object"]
    label: str  # the form's name in a drop-down ("Tool names", "Per tool")
    help: str
    type: FieldType


@record
class Either(Composite):
    """One of ``literals`` (text such as ``"never"``), or a value of one of ``forms``
    (at most one list form and one object form, told apart by their JSON kind)."""

    literals: tuple[Option, ...] = ()
    forms: tuple[Form, ...] = ()
    kind: str = field(default="either", init=False)

    def form_of(self, value: Any) -> Form | None:
        """The form a value takes, or ``None`` for a literal or anything else."""
        json_kind = "list" if isinstance(value, list) else "object" if isinstance(value, dict) else None
        return next((f for f in self.forms if f.json == json_kind), None)

    def literal_values(self) -> list[str]:
        return [o.value for o in self.literals]

    def parts(self, shape: Shape | None) -> tuple[Field, ...]:
        return tuple(p for f in self.forms if isinstance(f.type, Composite) for p in f.type.parts(shape))

    def check(self, value: Any) -> str | None:
        if isinstance(value, str) and value in self.literal_values():
            return None
        form = self.form_of(value)
        if form is None:
            return f"must be {self.describe()}; it is {json.dumps(value, default=str)[:60]}"
        return form.type.check(value)

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        form = self.form_of(value)
        return value if form is None else form.type.encode(value, ctx)

    def describe(self) -> str:
        words = [f'"{v}"' for v in self.literal_values()] + [f.type.describe() for f in self.forms]
        return " or ".join(words)

    def examples(self) -> tuple[Any, ...]:
        return (*self.literal_values(), *(e for f in self.forms for e in f.type.examples()))
