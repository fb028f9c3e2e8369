"""Tools as field types: the kinds of tool, the tool list, and tool choice.

A tool item is ``{"type": kind, field: value, ...}``; each kind declares its
fields with the same :class:`~realtime_gui.core.catalog.nodes.Field` records as the
session, so the tools editor, validation and the reference card read them
like any other field.  A kind also declares how a tool choice names one of its
tools (``named_by``), so adding a kind of tool is one :class:`ToolKind`.
"""

from __future__ import annotations

import json
from dataclasses import field
from typing import Any

from realtime_gui.core.catalog.field_type import (
    NOT_SET,
    DecodeError,
    EncodeContext,
    FieldType,
    Option,
    Shape,
    value_kind,
)
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.object_types import Composite
from realtime_gui.core.catalog.scalar_types import Choice
from realtime_gui.core.catalog.text_types import StringList, Text
from realtime_gui.core.records import record

__all__ = ["ToolChoice", "ToolKind", "ToolList", "ToolNames"]

_KIND_KEY = "type"  # the wire's own key for an item's kind, in tools and in tool choices


@record
class ToolKind:
    """One kind of tool (a function, an MCP server) and the fields of its items.

    ``named_by`` is the item field that names a tool of this kind: tool choices
    name it by that field, and no two tools of the kind may share it.
    ``choice_extras`` are further optional fields a choice of this kind may
    carry (the tool's name on an MCP server); ``choice_help`` says what
    choosing one does, ``choice_label`` names that choice in a drop-down.
    ``bare_choice_on``: shapes in which a choice names the tool by its bare
    name, without ``{"type": ...}`` (beta's function tool choice).
    """

    type: str
    label: str
    help: str
    fields: tuple[Any, ...]  # tuple[nodes.Field, ...]; typed loosely as nodes imports the types
    named_by: str
    shapes: frozenset[str] = frozenset({"beta", "ga"})
    required: tuple[str, ...] = ()
    needs_one_of: tuple[str, ...] = ()  # at least one of these fields must be given
    choice_help: str = ""
    choice_label: str = ""
    choice_extras: tuple[Field, ...] = ()
    bare_choice_on: frozenset[str] = frozenset()

    @property
    def noun(self) -> str:
        """The label as a noun inside a sentence: "function", "MCP server"."""
        return self.label if self.label[1:2].isupper() else self.label.lower()

    def spec(self, key: str) -> Any:
        """The declared field of items of this kind with this key, or ``None``."""
        return next((f for f in self.fields if f.key == key), None)

    def name_of(self, item: Any) -> str | None:
        """The name of a tool item of this kind, or ``None`` when it has none."""
        if not isinstance(item, dict) or item.get(_KIND_KEY) != self.type:
            return None
        name = item.get(self.named_by)
        return name if isinstance(name, str) and name else None

    def names(self, tools: Any) -> list[str]:
        """The names of this kind's tools in a tool list, in order, repeats kept."""
        found = [self.name_of(item) for item in tools] if isinstance(tools, list) else []
        return [name for name in found if name is not None]

    def choice_for(self, item: Any) -> dict[str, Any] | None:
        """The tool choice that names a tool item, or ``None`` when it has no name."""
        name = self.name_of(item)
        return None if name is None else {_KIND_KEY: self.type, self.named_by: name}

    def choice_text(self, choice: Any) -> str:
        """``function: lookup``, ``mcp: docs / search``: a choice of this kind in words."""
        extras = [str(choice[f.key]) for f in self.choice_extras if choice.get(f.key)]
        parts = [str(choice.get(self.named_by)), *extras]
        return f"{self.type}: {' / '.join(parts)}"

    def choice_problem(self, choice: dict[str, Any]) -> str | None:
        """Why a tool choice of this kind is malformed, or ``None``."""
        name = choice.get(self.named_by)
        if not isinstance(name, str) or not name:
            return f"must name the {self.type} tool by its {self.named_by}"
        allowed = [_KIND_KEY, self.named_by, *(f.key for f in self.choice_extras)]
        if set(choice) - set(allowed):
            return f"may hold only {', '.join(allowed[:-1])} and {allowed[-1]}"
        for extra in self.choice_extras:
            value = choice.get(extra.key)
            if value is not None and (problem := extra.type.check(value)):
                return f"must give {extra.key} as {extra.type.describe()}: {problem}"
        return None

    def choice_parts(self) -> tuple[Field, ...]:
        """The fields of a choice of this kind besides its type: the name, then the extras."""
        named = self.spec(self.named_by)
        name = Field(self.named_by, named.label, f"The {named.label.lower()} of the {self.noun} to call.",
                     type=named.type, unset="omitted")
        return (name, *self.choice_extras)

    @property
    def choice_name(self) -> str:
        """A choice of this kind as a noun in a sentence: "a function", "an MCP tool"."""
        return self.choice_label or f"a {self.noun}"


@record
class ToolList(FieldType):
    """A list of tools; each item is ``{"type": kind, field: value, ...}``."""

    kinds: tuple[ToolKind, ...] = ()
    kind: str = field(default="tools", init=False)

    def kind_of(self, item: Any) -> ToolKind | None:
        kind = item.get(_KIND_KEY) if isinstance(item, dict) else None
        return self.kind_named(kind)

    def kind_named(self, type_: Any) -> ToolKind | None:
        return next((k for k in self.kinds if k.type == type_), None)

    def new_item(self, kind: ToolKind) -> dict[str, Any]:
        """A fresh item of a kind, before any of its fields is set."""
        return {_KIND_KEY: kind.type}

    def item_problems(self, value: Any, shape: Shape | None = None) -> list[tuple[str, str]]:
        """``(relative path, problem)`` pairs for every bad item or item field."""
        if not isinstance(value, list):
            return [("", f"must be a list of tools; it is {value_kind(value)}")]
        problems: list[tuple[str, str]] = []
        for index, item in enumerate(value):
            where = f"[{index}]"
            kind = self.kind_of(item)
            if kind is None:
                kinds = ", ".join(k.type for k in self.kinds)
                problems.append((where, f"must be a tool whose type is one of {kinds}"))
                continue
            if shape is not None and shape not in kind.shapes:
                problems.append((where, f"is an {kind.type} tool, which this endpoint does not accept"))
            declared = {f.key: f for f in kind.fields}
            for key in kind.required:
                if item.get(key) in (None, ""):
                    problems.append((f"{where}.{key}", "is required"))
            if kind.needs_one_of and not any(item.get(key) not in (None, "") for key in kind.needs_one_of):
                problems.append((where, f"needs one of {', '.join(kind.needs_one_of)}"))
            for key, item_value in item.items():
                if key == _KIND_KEY:
                    continue
                spec = declared.get(key)
                if spec is None:
                    problems.append((f"{where}.{key}", f"is not a field of {kind.type} tools"))
                elif item_value is None:
                    if not spec.item_nullable:
                        problems.append((f"{where}.{key}", "can't be null"))
                else:
                    problem = spec.type.check(item_value)
                    if problem:
                        problems.append((f"{where}.{key}", problem))
        return problems

    def repeated_names(self, value: Any) -> list[str]:
        """Names that two tools of one kind share, sorted."""
        repeated: set[str] = set()
        for kind in self.kinds:
            names = kind.names(value)
            repeated.update(n for n in names if names.count(n) > 1)
        return sorted(repeated)

    def check(self, value: Any) -> str | None:
        problems = self.item_problems(value)
        return f"{problems[0][0]} {problems[0][1]}".strip() if problems else None

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        out = []
        for item in value:
            kind = self.kind_of(item)
            specs = {f.key: f for f in kind.fields} if kind else {}
            encoded = {_KIND_KEY: item[_KIND_KEY]}
            for key, item_value in item.items():
                if key != _KIND_KEY:
                    spec = specs.get(key)
                    as_is = spec is None or item_value is None  # unknown fields and null go out as given
                    encoded[key] = item_value if as_is else specs[key].type.encode(item_value, ctx)
            out.append(encoded)
        return out

    def decode(self, wire: Any, shape: Shape) -> Any:
        problems = self.item_problems(wire, shape)
        if problems:
            raise DecodeError(f"{problems[0][0]} {problems[0][1]}".strip())
        return [dict(item) for item in wire]

    def describe(self) -> str:
        return "a list of " + " or ".join(f"{k.type} tools" for k in self.kinds)


@record
class ToolNames(StringList):
    """Names of tools on a server: each given, without spaces around it."""

    def check(self, value: Any) -> str | None:
        problem = super().check(value)
        if problem:
            return problem
        bad = next((name for name in value if not name or name != name.strip()), None)
        if bad is not None:
            return f"must name each tool; {bad!r} is {'empty' if not bad.strip() else 'padded with spaces'}"
        return None

    def normalise(self, value: Any) -> Any:
        """As any list of text, but an empty list stays one: no tools at all is a value here."""
        kept = super().normalise(value)
        return [] if kept is NOT_SET and isinstance(value, list) else kept

    def describe(self) -> str:
        return "a list of tool names"

    def examples(self) -> tuple[Any, ...]:
        return (["search"],)


@record
class ToolChoice(Composite):
    """One of ``modes`` (``auto``/``none``/``required``), or one tool named as its kind says.

    ``tools_field`` is the id of the field whose tools it may name, and
    ``tools`` that field's type.  Canonical values are the GA forms.
    """

    modes: tuple[Option, ...] = ()
    tools: ToolList = field(default_factory=ToolList, repr=False)
    tools_field: str = ""
    kind: str = field(default="toolchoice", init=False)

    def mode_values(self) -> list[str]:
        return [o.value for o in self.modes]

    def kind_of(self, value: Any) -> ToolKind | None:
        """The kind of tool a choice names, or ``None`` for a mode or anything else."""
        return self.tools.kind_of(value)

    def check(self, value: Any) -> str | None:
        if isinstance(value, str):
            if value in self.mode_values():
                return None
            return f"must be one of {', '.join(self.mode_values())} or name a tool; it is {value!r}"
        kind = self.kind_of(value)
        if kind is not None:
            return kind.choice_problem(value)
        return f"must be {', '.join(self.mode_values())} or a tool; it is {json.dumps(value)}"

    def check_on(self, value: Any, shape: Shape) -> str | None:
        kind = self.kind_of(value)
        if kind is not None and shape not in kind.shapes:
            others = [k.noun for k in self.tools.kinds if shape in k.shapes]
            return (f"can name {kind.type} tools only on the {' and '.join(s.upper() for s in sorted(kind.shapes))} "
                    f"endpoints; choose {' or '.join([*(f'a {o}' for o in others), 'a mode'])}")
        return None

    def _bare_kind(self, shape: Shape) -> ToolKind | None:
        return next((k for k in self.tools.kinds if shape in k.bare_choice_on), None)

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        bare = self._bare_kind(ctx.shape)
        if bare is not None and isinstance(value, dict):
            return value.get(bare.named_by)
        return value

    def decode(self, wire: Any, shape: Shape) -> Any:
        bare = self._bare_kind(shape)
        if bare is not None and isinstance(wire, str) and wire not in self.mode_values():
            return {_KIND_KEY: bare.type, bare.named_by: wire}
        return super().decode(wire, shape)

    def object_kinds(self, shape: Shape | None) -> list[ToolKind]:
        """The kinds a choice names by an object on this shape (not by a bare name)."""
        return [k for k in self.tools.kinds if shape is None or (shape in k.shapes and shape not in k.bare_choice_on)]

    def parts(self, shape: Shape | None) -> tuple[Field, ...]:
        """``type``, then each key a choice of some kind may hold; a key two kinds
        share (a function's ``name``, a tool's ``name`` on an MCP server) once."""
        kinds = self.object_kinds(shape)
        if not kinds:
            return ()
        kind_type = Choice(tuple(Option(k.type, k.choice_help) for k in kinds))
        found: dict[str, list[tuple[ToolKind, Field]]] = {}
        for kind in kinds:
            for part in kind.choice_parts():
                found.setdefault(part.key, []).append((kind, part))
        parts = [Field(_KIND_KEY, "Kind", "What kind of tool the choice names.", type=kind_type, unset="omitted")]
        for key, specs in found.items():
            label = " or ".join(f"{p.label} ({k.noun})" for k, p in specs)
            part_type = specs[0][1].type if len(specs) == 1 else Text()  # each kind checks its own
            parts.append(Field(key, label, " ".join(f"{k.label}: {p.help}" for k, p in specs), type=part_type,
                               item_nullable=any(p.item_nullable for _, p in specs),
                               default_note=self._part_words(specs)))
        return tuple(parts)

    @staticmethod
    def _part_words(specs: list[tuple[ToolKind, Field]]) -> str:
        """What leaving a choice's part out means, kind by kind: "required for a function;
        for an MCP tool: any of the server's tools, as the model picks"."""
        needing = [k.choice_name for k, p in specs if p.key == k.named_by]
        words = [f"required for {' or '.join(needing)}"] if needing else []
        words += [f"for {k.choice_name}: {p.default_text(None)}" for k, p in specs if p.key != k.named_by]
        return "; ".join(words)

    def required_parts(self, shape: Shape | None) -> list[str]:
        """The keys a choice of every kind must give: its type, and a name all kinds share."""
        names = {k.named_by for k in self.object_kinds(shape)}
        return [_KIND_KEY, *names] if len(names) == 1 else [_KIND_KEY]

    def describe(self) -> str:
        return ", ".join(self.mode_values()) + ", or a tool by name"
