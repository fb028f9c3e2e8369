"""Field types of single values: choices, lists of choices, numbers, token limits, booleans."""

from __future__ import annotations

import json
import math
from dataclasses import field
from typing import Any

from realtime_gui.core.catalog.field_type import (
    DecodeError,
    EncodeContext,
    FieldType,
    Option,
    Shape,
    format_number,
    value_kind,
)
from realtime_gui.core.records import record

__all__ = [
    "AudioFormat", "Boolean", "Choice", "Integer", "Modalities", "MultiChoice", "Number", "TokenLimit",
]


@record
class Choice(FieldType):
    options: tuple[Option, ...] = ()
    kind: str = field(default="choice", init=False)

    def values(self) -> list[str]:
        return [o.value for o in self.options]

    def option(self, value: Any) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def check(self, value: Any) -> str | None:
        if self.option(value) is None:
            return f"must be one of {', '.join(self.values())}; it is {value!r}"
        return None

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        option = self.option(value)
        return option.on(ctx.shape) if option else value

    def decode(self, wire: Any, shape: Shape) -> Any:
        for option in self.options:
            if option.on(shape) == wire:
                return option.value
        sent = ", ".join(str(o.on(shape)) for o in self.options)
        raise DecodeError(f"must be one of {sent}; it is {json.dumps(wire)}")

    def describe(self) -> str:
        return "one of " + ", ".join(self.values())


@record
class AudioFormat(Choice):
    """An audio encoding: a bare name in the beta shape, an object in GA."""

    kind: str = field(default="choice", init=False)

    def decode(self, wire: Any, shape: Shape) -> Any:
        # GA's rate has one allowed value, so {"type": "audio/pcm"} means the same format.
        if shape == "ga" and isinstance(wire, dict) and set(wire) == {"type"}:
            for option in self.options:
                sent = option.on(shape)
                if isinstance(sent, dict) and sent.get("type") == wire["type"]:
                    return option.value
        return super().decode(wire, shape)


@record
class MultiChoice(FieldType):
    """A list of distinct values, each from ``options``."""

    options: tuple[Option, ...] = ()
    min_items: int = 0
    kind: str = field(default="multichoice", init=False)

    def check(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return f"must be a list; it is {value_kind(value)}"
        if len(value) < self.min_items:
            return f"must hold at least {self.min_items}; leave it not set instead"
        allowed = [o.value for o in self.options]
        for item in value:
            if item not in allowed:
                return f"may hold only {', '.join(allowed)}; it holds {item!r}"
        if len(set(value)) != len(value):
            return "must not list a value twice"
        return None

    def describe(self) -> str:
        return "a list of " + ", ".join(o.value for o in self.options)


@record
class Modalities(MultiChoice):
    """Output modalities.

    Beta asks for ``["text"]`` or ``["audio", "text"]`` (audio always comes
    with its transcript); GA asks for exactly one of ``["text"]`` or
    ``["audio"]``.  The canonical value is the list as the user gave it.
    """

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        if ctx.shape == "ga":
            return ["audio"] if "audio" in value else ["text"]
        if "audio" in value and "text" not in value:
            return [*value, "text"]
        return list(value)

    def decode(self, wire: Any, shape: Shape) -> Any:
        problem = self.check(wire)
        if problem:
            raise DecodeError(problem)
        return list(wire)


@record
class Number(FieldType):
    minimum: float | None = None
    maximum: float | None = None
    step: float = 0.1
    decimals: int = 2
    kind: str = field(default="number", init=False)

    def check(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be a number; it is {value_kind(value)}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"must be a finite number; it is {value}"
        return _range_problem(value, self.minimum, self.maximum)

    def describe(self) -> str:
        return "number " + _range_text(self.minimum, self.maximum)


@record
class Integer(FieldType):
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""
    kind: str = field(default="integer", init=False)

    def check(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number; it is {value!r}"
        return _range_problem(value, self.minimum, self.maximum)

    def describe(self) -> str:
        text = "whole number " + _range_text(self.minimum, self.maximum)
        return f"{text} {self.unit}".strip()


def _range_problem(value: float, low: float | None, high: float | None) -> str | None:
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            return f"must be between {format_number(low)} and {format_number(high)}; it is {format_number(value)}"
        if low is not None:
            return f"must be {format_number(low)} or more; it is {format_number(value)}"
        return f"must be {format_number(high)} or less; it is {format_number(value)}"  # type: ignore[arg-type]
    return None


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{format_number(low)}–{format_number(high)}"
    if low is not None:
        return f"≥ {format_number(low)}"
    if high is not None:
        return f"≤ {format_number(high)}"
    return ""


@record
class TokenLimit(FieldType):
    """A whole number of tokens, or ``"inf"`` for the model's maximum."""

    minimum: int = 1
    maximum: int = 4096
    kind: str = field(default="tokenlimit", init=False)

    def check(self, value: Any) -> str | None:
        if value == "inf":
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            return f'must be a whole number or "inf"; it is {value!r}'
        problem = _range_problem(value, self.minimum, self.maximum)
        return problem and problem.replace(";", ' (or "inf" for no limit);', 1)

    def describe(self) -> str:
        return f'whole number {self.minimum}–{self.maximum}, or "inf"'


@record
class Boolean(FieldType):
    kind: str = field(default="boolean", init=False)

    def check(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else f"must be true or false; it is {value!r}"

    def describe(self) -> str:
        return "true or false"
