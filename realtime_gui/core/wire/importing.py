"""Read what a user imports: an exported configuration file, or a raw request
body as one would send it with curl (its endpoint detected, or given)."""

from __future__ import annotations

from dataclasses import dataclass, field

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.catalog.types import parse_json_text
from realtime_gui.core.wire.body import detect_endpoint, import_body
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["Imported", "read_import"]


@dataclass
class Imported:
    """An imported configuration, what it was read from, and what did not fit."""

    configuration: Configuration
    kind: str  # "a realtime-gui configuration file", "a request body for Beta session", ...
    endpoint: str | None = None  # the endpoint a request body was read for; None for a configuration file
    unknown: list[str] = field(default_factory=list)  # wire paths no field declares
    problems: list[str] = field(default_factory=list)  # values that could not be read


def read_import(text: str, name: str, endpoint_id: str | None = None) -> Imported:
    """A configuration named ``name`` from JSON text.

    Raises ``ValueError`` saying what is wrong (for malformed JSON, the line
    and column). Unknown fields and unreadable values are returned, not
    dropped silently: the caller shows them.
    """
    document = parse_json_text(text)
    if isinstance(document, dict) and "values" in document and "format" in document:
        return Imported(Configuration.from_document(document, name), "a realtime-gui configuration file")
    endpoint_id = endpoint_id or detect_endpoint(document)
    result = import_body(document, endpoint_id)
    return Imported(result.configuration(name), f"a request body for {endpoint(endpoint_id).label}",
                    endpoint_id, result.unknown, result.problems)
