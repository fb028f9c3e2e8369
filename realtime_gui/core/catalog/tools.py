"""Tools as field types: the tool list, the kinds of tool, and tool choice.

A tool item is ``{"type": kind, field: value, ...}``; each kind declares its
fields with the same :class:`~realtime_gui.core.catalog.nodes.Field` records as the
session, so the tools editor, validation and the reference card read them
like any other field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from realtime_gui.core.catalog.types import DecodeError, EncodeContext, FieldType, Option, Shape, value_kind

__all__ = ["ToolChoice", "ToolKind", "ToolList"]


@dataclass(frozen=True)
class ToolChoice(FieldType):
    """``auto``/``none``/``required``, or one named function or MCP tool.

    Canonical values are the GA forms; the beta shape names a function with
    the bare function name.
    """

    modes: tuple[Option, ...] = ()
    tools_field: str = "tools"  # the id of the field whose tools it may name
    kind: str = field(default="toolchoice", init=False)

    def check(self, value: Any) -> str | None:
        if isinstance(value, str):
            if value in {o.value for o in self.modes}:
                return None
            return f"must be one of {', '.join(o.value for o in self.modes)} or name a tool; it is {value!r}"
        if isinstance(value, dict) and value.get("type") == "function":
            if set(value) == {"type", "name"} and isinstance(value["name"], str) and value["name"]:
                return None
            return "must name the function to call"
        if isinstance(value, dict) and value.get("type") == "mcp":
            if not isinstance(value.get("server_label"), str) or not value["server_label"]:
                return "must name the MCP server label"
            if set(value) - {"type", "server_label", "name"}:
                return "may hold only type, server_label and name"
            if value.get("name") is not None and not isinstance(value["name"], str):
                return "must give the MCP tool name as text"
            return None
        return f"must be auto, none, required or a tool; it is {json.dumps(value)}"

    def check_on(self, value: Any, shape: Shape) -> str | None:
        if shape == "beta" and isinstance(value, dict) and value.get("type") == "mcp":
            return "can name an MCP server only on the GA endpoints; choose a function or a mode"
        return None

    @staticmethod
    def function_name(value: Any) -> str | None:
        return value["name"] if isinstance(value, dict) and value.get("type") == "function" else None

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        if ctx.shape == "beta" and isinstance(value, dict):
            return value.get("name")
        return value

    def decode(self, wire: Any, shape: Shape) -> Any:
        if shape == "beta" and isinstance(wire, str) and wire not in {o.value for o in self.modes}:
            return {"type": "function", "name": wire}
        return super().decode(wire, shape)

    def describe(self) -> str:
        return ", ".join(o.value for o in self.modes) + ", or a tool by name"


@dataclass(frozen=True)
class ToolKind:
    """One kind of tool (``function``, ``mcp``) and the fields of its items."""

    type: str
    label: str
    help: str
    fields: tuple[Any, ...]  # tuple[schema.Field, ...]; typed loosely to avoid a cycle
    shapes: frozenset[str] = frozenset({"beta", "ga"})
    required: tuple[str, ...] = ()
    needs_one_of: tuple[str, ...] = ()  # at least one of these fields must be given


@dataclass(frozen=True)
class ToolList(FieldType):
    """A list of tools; each item is ``{"type": kind, field: value, ...}``."""

    kinds: tuple[ToolKind, ...] = ()
    kind: str = field(default="tools", init=False)

    def kind_of(self, item: Any) -> ToolKind | None:
        kind = item.get("type") if isinstance(item, dict) else None
        return next((k for k in self.kinds if k.type == kind), None)

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
                if key == "type":
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

    def check(self, value: Any) -> str | None:
        problems = self.item_problems(value)
        return f"{problems[0][0]} {problems[0][1]}".strip() if problems else None

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        out = []
        for item in value:
            kind = self.kind_of(item)
            specs = {f.key: f for f in kind.fields} if kind else {}
            encoded = {"type": item["type"]}
            for key, item_value in item.items():
                if key != "type":
                    spec = specs.get(key)
                    encoded[key] = item_value if spec is None or item_value is None else spec.type.encode(item_value, ctx)
            out.append(encoded)
        return out

    def decode(self, wire: Any, shape: Shape) -> Any:
        problems = self.item_problems(wire, shape)
        if problems:
            raise DecodeError(f"{problems[0][0]} {problems[0][1]}".strip())
        return [dict(item) for item in wire]

    def function_names(self, value: Any) -> list[str]:
        if not isinstance(value, list):
            return []
        return [i["name"] for i in value if isinstance(i, dict) and i.get("type") == "function" and isinstance(i.get("name"), str)]

    def describe(self) -> str:
        return "a list of " + " or ".join(f"{k.type} tools" for k in self.kinds)

