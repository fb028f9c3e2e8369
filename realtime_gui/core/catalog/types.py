"""The field types by name: every type a declaration may give a field.

Each type knows how to check, encode, decode, describe and show its values,
and gives a few ``examples``; they live by kind in ``field_type`` (the base),
``scalar_types``, ``text_types``, ``group_type`` and ``tools``.  Adding a
field type is one :class:`FieldType` subclass: validation, bodies, import,
conversion and ``fields`` use it through those methods alone, and the form
picks an editor by its ``kind`` (plain text when it knows none).
"""

from __future__ import annotations

from realtime_gui.core.catalog.field_type import (
    NOT_SENT,
    NOT_SET,
    OFF,
    SERVICE_DEFAULT,
    SHAPES,
    DecodeError,
    EncodeContext,
    FieldType,
    MissingSecretError,
    Option,
    SecretMode,
    Shape,
    format_number,
    value_kind,
)
from realtime_gui.core.catalog.scalar_types import (
    AudioFormat,
    Boolean,
    Choice,
    Integer,
    Modalities,
    MultiChoice,
    Number,
    TokenLimit,
)
from realtime_gui.core.catalog.text_types import (
    Json,
    Secret,
    SecretMap,
    StringList,
    Text,
    Voice,
    json_error_text,
    parse_json_text,
)

__all__ = [
    "NOT_SENT",
    "NOT_SET",
    "OFF",
    "SERVICE_DEFAULT",
    "SHAPES",
    "AudioFormat",
    "Boolean",
    "Choice",
    "DecodeError",
    "EncodeContext",
    "FieldType",
    "Integer",
    "Json",
    "MissingSecretError",
    "Modalities",
    "MultiChoice",
    "Number",
    "Option",
    "Secret",
    "SecretMap",
    "SecretMode",
    "Shape",
    "StringList",
    "Text",
    "TokenLimit",
    "Voice",
    "format_number",
    "json_error_text",
    "parse_json_text",
    "value_kind",
]
