"""The configuration document: its format version and the migrations between versions.

A saved file and an exported one are the same document,
``{"format": FORMAT, "name": NAME, "endpoint": ..., "connection": ..., "values": ...}``.
Each older format has a migration registered in :data:`MIGRATIONS`;
:func:`upgrade` brings any document up to :data:`FORMAT`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["FORMAT", "MIGRATIONS", "Migration", "upgrade"]

FORMAT = 2
"""The configuration file format this version writes and reads."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _headers_become_secrets(document: dict[str, Any]) -> dict[str, Any]:
    """Format 1 to 2: an MCP tool's ``headers`` values are secrets from format 2 on.

    A format-2 file may hold a header value as ``{"secret_ref": REF}``, which a
    format-1 reader would send as it is; the new number makes older versions
    refuse such a file instead. The plain values a format-1 file holds stay as
    they are here: a document can't reach the keyring, so loading moves them
    (``realtime_gui.core.library.secrets.move_plain_secrets``).
    """
    return document


MIGRATIONS: dict[int, Migration] = {1: _headers_become_secrets}
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
