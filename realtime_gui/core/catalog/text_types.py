"""Field types of text and JSON: plain text, secrets, voices, lists of text, free-form JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from realtime_gui.core.catalog.field_type import NOT_SET, EncodeContext, FieldType, MissingSecretError, value_kind
from realtime_gui.core.catalog.json_text import json_error_text, parse_json_text
from realtime_gui.core.catalog.quick_schema import surely_fits, surely_valid_schema
from realtime_gui.core.records import record

__all__ = ["Json", "Secret", "SecretMap", "StringList", "Text", "Voice", "json_error_text", "parse_json_text"]


@record
class Text(FieldType):
    """A string; ``suggestions`` feed editable combo boxes.

    No field of the Realtime schemas gives the empty string a meaning, so it is
    refused: an erased field is not set.  A field whose service wants ``""``
    declares ``allow_empty=True``.
    """

    multiline: bool = False
    pattern: str | None = None
    pattern_hint: str = ""
    suggestions: tuple[str, ...] = ()
    allow_empty: bool = False
    kind: str = field(default="text", init=False)

    def check(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return f"must be text; it is {value_kind(value)}"
        if not value and not self.allow_empty:
            return "must not be empty"
        if self.pattern and not re.fullmatch(self.pattern, value):
            return f"must be {self.pattern_hint or 'of the form ' + self.pattern}; it is {value!r}"
        return None

    def describe(self) -> str:
        if self.suggestions:
            return "text, e.g. " + ", ".join(self.suggestions[:4])
        return self.pattern_hint or ("multi-line text" if self.multiline else "text")


@record
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


@record
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

    def normalise(self, value: Any) -> Any:
        """Items kept as one per line shows them: trimmed, blank ones dropped; not set when none is left."""
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return value
        kept = [item.strip() for item in value if item.strip()]
        return kept if kept else NOT_SET

    def describe(self) -> str:
        return "a list of text values (each trimmed; blank ones dropped)"


@record
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
        if surely_fits(self.schema, value) and (not self.json_schema or surely_valid_schema(value)):
            return None
        import jsonschema  # only for what the quick check can't vouch for: it costs as much as a mint

        errors = sorted(jsonschema.Draft202012Validator(dict(self.schema)).iter_errors(value), key=str)
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path)
            return f"does not fit: {errors[0].message}" + (f" (at {where})" if where else "")
        if self.json_schema:
            try:
                validator = jsonschema.validators.validator_for(value, default=jsonschema.Draft202012Validator)
                validator.check_schema(value)
            except (TypeError, AttributeError, jsonschema.exceptions.UnknownType) as error:  # "$schema": [] or true
                return f"is not a valid JSON Schema: {error}"
            except jsonschema.SchemaError as error:
                where = "/".join(str(p) for p in error.absolute_path)
                return f"is not a valid JSON Schema: {error.message}" + (f" (at {where})" if where else "")
        return None

    def describe(self) -> str:
        kind = self.schema.get("type", "JSON")
        return "a JSON Schema object" if self.json_schema else f"JSON ({kind})"


@record
class SecretMap(Json):
    """A JSON object of text values that are each kept in the keyring, such as
    HTTP headers carrying tokens: the names stay in the configuration, each
    value is plain text or ``{"secret_ref": id}``. Edited as JSON."""

    def check(self, value: Any) -> str | None:
        if isinstance(value, dict):
            value = {name: "" if Secret.is_ref(item) else item for name, item in value.items()}
        return super().check(value)

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        return {name: _SECRET.encode(item, ctx) for name, item in value.items()}

    def describe(self) -> str:
        return "a JSON object of text values (the values kept in the keyring)"


_SECRET = Secret()


@record
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
