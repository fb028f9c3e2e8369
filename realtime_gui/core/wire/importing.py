"""Read what a user imports: an exported configuration file, or a raw request
body as one would send it with curl (its endpoint detected, or given)."""

from __future__ import annotations

from dataclasses import dataclass, field

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.catalog.json_text import parse_json_text
from realtime_gui.core.wire.body import detect_endpoint, import_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.data_check import check_configuration_data

__all__ = ["Imported", "import_text", "read_import"]


@dataclass
class Imported:
    """An imported configuration, what it was read from, and what did not fit."""

    configuration: Configuration
    kind: str  # "a realtime-gui configuration file", "a request body for Beta session", ...
    endpoint: str | None = None  # the endpoint a request body was read for; None for a configuration file
    unknown: list[str] = field(default_factory=list)  # wire paths no field declares
    problems: list[str] = field(default_factory=list)  # values that could not be read


def import_text(raw: bytes) -> str:
    """The text of an imported file; raises ``ValueError`` (a fragment to put
    after the file's name) for bytes that are not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"is not UTF-8 text ({error.reason} at byte {error.start}; perhaps Latin-1 or another "
                         "legacy encoding); "
                         "save it as UTF-8 and import it again") from None


def read_import(text: str, name: str, endpoint_id: str | None = None) -> Imported:
    """A configuration named ``name`` from JSON text.

    Raises ``ValueError`` saying what is wrong (for malformed JSON, the line
    and column). Unknown fields and unreadable or wrong values (a
    configuration file's too, checked field by field) are left out of the
    configuration and returned, not dropped silently: the caller shows them.
    """
    document = parse_json_text(text)
    if isinstance(document, dict) and "values" in document and "format" in document:
        config = Configuration.from_document(document, name)
        found = check_configuration_data(config.to_data())
        for problem in found:  # left out, as a request body's wrong values are
            prefix, _, key = problem.field_id.partition(".")
            if prefix == "connection":
                config.connection.pop(key, None)
            else:
                config.values.pop(problem.field_id, None)
        return Imported(config, "a realtime-gui configuration file", problems=[p.message for p in found])
    endpoint_id = endpoint_id or detect_endpoint(document)
    result = import_body(document, endpoint_id)
    return Imported(result.configuration(name), f"a request body for {endpoint(endpoint_id).label}",
                    endpoint_id, result.unknown, result.problems)
