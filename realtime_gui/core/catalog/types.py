"""Field types: each knows how to check, encode, decode and describe its values.

A value held in a configuration is the *canonical* value; a type turns it into
what each wire shape expects (``encode``) and back (``decode``).  Shapes are
``"beta"`` (the flat ``/realtime/sessions`` family) and ``"ga"`` (the nested
``/realtime/client_secrets`` family).  ``check`` returns a sentence fragment
such as ``"must be between 0.6 and 1.2; it is 1.5"`` that validation prefixes
with the field's label and path.  Nothing here knows about Qt.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Mapping

Shape = Literal["beta", "ga"]
SecretMode = Literal["resolve", "mask", "placeholder"]

__all__ = [
    "AudioFormat", "Boolean", "Choice", "DecodeError", "EncodeContext", "FieldType", "MissingSecretError",
    "Integer", "Json", "Modalities", "MultiChoice", "Number", "Option", "Secret",
    "StringList", "Text", "TokenLimit", "Voice", "json_error_text", "parse_json_text", "value_kind",
]


class DecodeError(ValueError):
    """A wire value that this type cannot read back."""


class MissingSecretError(LookupError):
    """A secret the configuration points to is no longer in the keyring."""


@dataclass(frozen=True)
class EncodeContext:
    """How to encode: the wire shape, and what to do with secrets.

    ``secret_mode`` is ``resolve`` for a real request (``lookup`` fetches the
    secret from the keyring), ``mask`` for the on-screen preview and
    ``placeholder`` for exports, which must never carry a secret.
    """

    shape: Shape
    secret_mode: SecretMode = "placeholder"
    lookup: Callable[[str], str | None] | None = None


def _fmt(number: float) -> str:
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

    def show(self, value: Any) -> str:
        """Display a canonical value on one line (used for defaults)."""
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            return _fmt(value)
        return str(value)


@dataclass(frozen=True)
class Text(FieldType):
    """A string; ``suggestions`` feed editable combo boxes."""

    multiline: bool = False
    pattern: str | None = None
    pattern_hint: str = ""
    max_length: int | None = None
    suggestions: tuple[str, ...] = ()
    allow_empty: bool = True
    kind: str = field(default="text", init=False)

    def check(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return f"must be text; it is {value_kind(value)}"
        if not value and not self.allow_empty:
            return "must not be empty"
        if self.max_length is not None and len(value) > self.max_length:
            return f"must be at most {self.max_length} characters; it has {len(value)}"
        if self.pattern and not re.fullmatch(self.pattern, value):
            return f"must be {self.pattern_hint or 'of the form ' + self.pattern}; it is {value!r}"
        return None

    def describe(self) -> str:
        if self.suggestions:
            return "text, e.g. " + ", ".join(self.suggestions[:4])
        return self.pattern_hint or ("multi-line text" if self.multiline else "text")


@dataclass(frozen=True)
class Secret(Text):
    """Text kept in the OS keyring; configurations hold ``{"secret_ref": id}``."""

    kind: str = field(default="secret", init=False)

    @staticmethod
    def is_ref(value: Any) -> bool:
        return isinstance(value, dict) and set(value) == {"secret_ref"} and isinstance(value["secret_ref"], str)

    def check(self, value: Any) -> str | None:
        return None if self.is_ref(value) else super().check(value)

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        if ctx.secret_mode == "placeholder":
            return "<kept in the keyring>"
        plain = value
        if self.is_ref(value):
            plain = ctx.lookup(value["secret_ref"]) if ctx.lookup else None
            if plain is None:
                if ctx.secret_mode == "mask":
                    return "<kept in the keyring>"
                raise MissingSecretError("is no longer in the keyring; enter it again")
        if ctx.secret_mode == "mask":
            from realtime_gui.core.redact import mask_key

            return mask_key(plain)
        return plain

    def describe(self) -> str:
        return "secret text (kept in the keyring)"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
        raise DecodeError(f"must be one of {', '.join(str(o.on(shape)) for o in self.options)}; it is {json.dumps(wire)}")

    def describe(self) -> str:
        return "one of " + ", ".join(self.values())


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
            return f"must be between {_fmt(low)} and {_fmt(high)}; it is {_fmt(value)}"
        if low is not None:
            return f"must be {_fmt(low)} or more; it is {_fmt(value)}"
        return f"must be {_fmt(high)} or less; it is {_fmt(value)}"  # type: ignore[arg-type]
    return None


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{_fmt(low)}–{_fmt(high)}"
    if low is not None:
        return f"≥ {_fmt(low)}"
    if high is not None:
        return f"≤ {_fmt(high)}"
    return ""


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Boolean(FieldType):
    kind: str = field(default="boolean", init=False)

    def check(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else f"must be true or false; it is {value!r}"

    def describe(self) -> str:
        return "true or false"


@dataclass(frozen=True)
class StringList(FieldType):
    """A list of strings, edited one per line."""

    min_items: int = 0
    kind: str = field(default="stringlist", init=False)

    def check(self, value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"must be a list of text values; it is {json.dumps(value, default=str)[:60]}"
        if len(value) < self.min_items:
            return f"must hold at least {self.min_items}; leave it not set instead"
        return None

    def describe(self) -> str:
        return "a list of text values"


def json_error_text(error: json.JSONDecodeError) -> str:
    """``line L, column C: what is wrong`` for malformed JSON."""
    return f"line {error.lineno}, column {error.colno}: {error.msg}"


def parse_json_text(text: str) -> Any:
    """Parse JSON typed by a person; the error names the line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError("is not valid JSON: " + json_error_text(error)) from None
    except RecursionError:
        raise ValueError("is nested too deeply to read") from None
    except ValueError as error:  # e.g. an integer with thousands of digits
        raise ValueError(f"can't be read: {error}") from None


@dataclass(frozen=True)
class Json(FieldType):
    """Free-form JSON, checked against a small JSON Schema fragment.

    With ``json_schema=True`` the value must itself be a valid JSON Schema
    (checked against its meta-schema), as function tool parameters must.
    """

    schema: Mapping[str, Any] = field(default_factory=lambda: {"type": "object"})
    json_schema: bool = False
    template: Any = None
    kind: str = field(default="json", init=False)

    def check(self, value: Any) -> str | None:
        import jsonschema  # deferred: it costs start-up time and is needed only here

        errors = sorted(jsonschema.Draft202012Validator(dict(self.schema)).iter_errors(value), key=str)
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path)
            return f"does not fit: {errors[0].message}" + (f" (at {where})" if where else "")
        if self.json_schema:
            try:
                validator = jsonschema.validators.validator_for(value, default=jsonschema.Draft202012Validator)
                validator.check_schema(value)
            except (TypeError, jsonschema.exceptions.UnknownType) as error:  # e.g. "$schema": []
                return f"is not a valid JSON Schema: {error}"
            except jsonschema.SchemaError as error:
                where = "/".join(str(p) for p in error.absolute_path)
                return f"is not a valid JSON Schema: {error.message}" + (f" (at {where})" if where else "")
        return None

    def describe(self) -> str:
        kind = self.schema.get("type", "JSON")
        return "a JSON Schema object" if self.json_schema else f"JSON ({kind})"


@dataclass(frozen=True)
class Voice(Text):
    """A built-in voice name, or a custom voice as ``{"id": "voice_..."}``."""

    kind: str = field(default="voice", init=False)

    def check(self, value: Any) -> str | None:
        if isinstance(value, dict):
            if set(value) != {"id"} or not isinstance(value["id"], str) or not value["id"]:
                return 'must be a voice name or {"id": "voice_..."}'
            return None
        return super().check(value) or (None if value else "must not be empty")

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        # The beta schema types voice as a string, so a custom voice goes by its bare id there.
        if ctx.shape == "beta" and isinstance(value, dict):
            return value["id"]
        return value

    @staticmethod
    def from_text(text: str) -> Any:
        """Text typed in the voice box: custom voice ids become ``{"id": ...}``."""
        text = text.strip()
        return {"id": text} if text.startswith("voice_") else text

    @staticmethod
    def to_text(value: Any) -> str:
        return value["id"] if isinstance(value, dict) else str(value)

    def describe(self) -> str:
        return "a built-in voice (" + ", ".join(self.suggestions) + ") or a custom voice id"
