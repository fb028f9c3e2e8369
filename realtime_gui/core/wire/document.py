"""The configuration document: its format version and the migrations between versions.

A saved file and an exported one are the same document,
``{"format": FORMAT, "name": NAME, "endpoint": ..., "connection": ..., "values": ...}``.
Each older format has a migration registered in :data:`MIGRATIONS`;
:func:`upgrade` brings any document up to :data:`FORMAT`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realtime_gui.core.catalog.field_type import FieldType
    from realtime_gui.core.catalog.nodes import Field

__all__ = ["FORMAT", "MIGRATIONS", "Migration", "upgrade"]

FORMAT = 2
"""The configuration file format this version writes and reads."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _format_1_to_2(document: dict[str, Any]) -> dict[str, Any]:
    """Format 1 to 2: erased text is not set, and MCP ``headers`` are secrets."""
    return _headers_become_secrets(_erased_text_is_not_set(document))


_ERASED = object()  # a value the migration leaves out


def _erased_text_is_not_set(document: dict[str, Any]) -> dict[str, Any]:
    """A format-1 file may hold ``""`` where the old window's user erased an
    optional text field; from format 2 on, text that doesn't allow ``""`` refuses
    it, and an erased field is not set. Each such ``""`` (in values, tool items
    and their parts, and the connection) is left out; nothing else changes, and
    anything the catalog doesn't know is left for the file's check to name.
    """
    # The store reads FORMAT before the window's first paint; the catalog loads only for an old file.
    from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, field_by_id
    from realtime_gui.core.catalog.nodes import Field

    values, connection = document.get("values"), document.get("connection")
    if isinstance(values, dict):
        kept = {}
        for field_id, value in values.items():
            try:
                node = field_by_id(field_id)
            except KeyError:
                node = None
            inner = _without_erased(node.type, value) if isinstance(node, Field) else value
            if inner is not _ERASED:
                kept[field_id] = inner
        document["values"] = kept
    if isinstance(connection, dict):
        specs = {spec.key: spec for spec in CONNECTION_FIELDS}
        document["connection"] = {key: value for key, value in connection.items()
                                  if key not in specs or _without_erased(specs[key].type, value) is not _ERASED}
    return document


def _without_erased(kind: FieldType, value: Any) -> Any:
    """``value`` without its erased text, or ``_ERASED`` when it is erased text itself."""
    from realtime_gui.core.catalog.object_types import Either, Record
    from realtime_gui.core.catalog.text_types import Text
    from realtime_gui.core.catalog.tools import ToolChoice, ToolList

    if isinstance(kind, Text):
        return _ERASED if value == "" and not kind.allow_empty else value
    if isinstance(kind, ToolList) and isinstance(value, list):
        items = []
        for item in value:
            tool = kind.kind_of(item)
            items.append(item if tool is None else _parts_without_erased(item, {f.key: f for f in tool.fields}))
        return items
    if isinstance(kind, ToolChoice) and isinstance(value, dict):
        tool = kind.kind_of(value)
        return value if tool is None else _parts_without_erased(value, {f.key: f for f in tool.choice_parts()})
    if isinstance(kind, Record) and isinstance(value, dict):
        return _parts_without_erased(value, {f.key: f for f in kind.fields})
    if isinstance(kind, Either) and (form := kind.form_of(value)) is not None:
        return _without_erased(form.type, value)
    return value


def _parts_without_erased(value: dict[str, Any], parts: dict[str, Field]) -> dict[str, Any]:
    kept = {}
    for key, inner in value.items():
        inner = _without_erased(parts[key].type, inner) if key in parts else inner
        if inner is not _ERASED:
            kept[key] = inner
    return kept


def _headers_become_secrets(document: dict[str, Any]) -> dict[str, Any]:
    """Format 1 to 2: an MCP tool's ``headers`` values are secrets from format 2 on.

    A format-2 file may hold a header value as ``{"secret_ref": REF}``, which a
    format-1 reader would send as it is; the new number makes older versions
    refuse such a file instead. The plain values a format-1 file holds stay as
    they are here: a document can't reach the keyring, so loading moves them
    (``realtime_gui.core.library.secrets.move_plain_secrets``).
    """
    return document


MIGRATIONS: dict[int, Migration] = {1: _format_1_to_2}
"""``MIGRATIONS[n]`` turns a whole format-``n`` document into format ``n + 1``.

The loader sets ``"format"`` itself after each step; a migration only reshapes.
"""


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    """A configuration document brought up to :data:`FORMAT` by :data:`MIGRATIONS`.

    Raises ``ValueError`` saying why when it has no usable format, is newer
    than this version reads, or a migration fails. Used for saved files and
    for imported ones alike.
    """
    version = document.get("format")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f'its "format" is {version!r}, not a positive whole number')
    if version > FORMAT:
        raise ValueError(f"it has format {version}, newer than this version of realtime-gui reads "
                         f"({FORMAT}); upgrade realtime-gui")
    while version < FORMAT:
        try:
            document = MIGRATIONS[version](document)
            if not isinstance(document, dict):
                raise TypeError(f"the upgrade produced a {type(document).__name__}")
        except Exception as exc:
            raise ValueError(f"it could not be upgraded from format {version}: {exc}") from exc
        version += 1
        document["format"] = version
    return document
