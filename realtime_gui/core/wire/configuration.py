"""A named configuration: an endpoint, connection settings and field values.

``values`` maps a field id (``turn_detection.threshold``) to its canonical
value.  A missing id is *not set* (the service's default applies); ``None``
is *off* (sent as ``null`` where the endpoint allows it).  Values for fields
the current endpoint lacks are kept, not sent, so switching endpoints back
and forth loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, DEFAULT_ENDPOINT, ENDPOINTS, endpoint
from realtime_gui.core.catalog.json_text import copy_json
from realtime_gui.core.wire.document import FORMAT, upgrade

__all__ = ["Configuration"]
_CONNECTION_KEYS = {f.key for f in CONNECTION_FIELDS}


@dataclass(repr=False)
class Configuration:
    name: str
    endpoint: str = DEFAULT_ENDPOINT
    values: dict[str, Any] = field(default_factory=dict)
    connection: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        # Values may hold a secret not yet moved to the keyring; say how many, not what.
        return f"Configuration({self.name!r}, endpoint={self.endpoint!r}, {len(self.values)} values)"

    @classmethod
    def new(cls, name: str, endpoint_id: str = DEFAULT_ENDPOINT) -> Configuration:
        """A fresh configuration: it sets only what the endpoint starts with (the model)."""
        return cls(name, endpoint_id, dict(endpoint(endpoint_id).initial))

    def copy(self, name: str | None = None) -> Configuration:
        return Configuration(name or self.name, self.endpoint, copy_json(self.values),
                             dict(self.connection))

    def setting(self, key: str) -> Any:
        """A connection setting, or its declared default."""
        if key in self.connection:
            return self.connection[key]
        return next(f.default for f in CONNECTION_FIELDS if f.key == key)

    def to_data(self) -> dict[str, Any]:
        """What the store saves under the configuration's name."""
        return {
            "endpoint": self.endpoint,
            "connection": dict(self.connection),
            "values": copy_json(self.values),
        }

    def to_document(self) -> dict[str, Any]:
        """The whole configuration file, as exported."""
        return {"format": FORMAT, "name": self.name, **self.to_data()}

    @classmethod
    def from_data(cls, name: str, data: Any) -> Configuration:
        """Read what the store loaded; raises ``ValueError`` saying what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the file does not hold a JSON object")
        endpoint_id = data.get("endpoint", DEFAULT_ENDPOINT)
        values, connection = data.get("values", {}), data.get("connection", {})
        if endpoint_id not in ENDPOINTS:
            raise ValueError(f'"endpoint" must be one of {", ".join(ENDPOINTS)}; it is {endpoint_id!r}')
        if not isinstance(values, dict) or not isinstance(connection, dict):
            raise ValueError('"values" and "connection" must be JSON objects')
        unknown = set(connection) - _CONNECTION_KEYS
        if unknown:
            raise ValueError(f'"connection" has unknown settings: {", ".join(sorted(unknown))}')
        return cls(name, endpoint_id, dict(values), dict(connection))

    @classmethod
    def from_document(cls, document: Any, name: str | None = None) -> Configuration:
        """Read an exported configuration file (``name`` overrides its own)."""
        if not isinstance(document, dict) or "values" not in document:
            raise ValueError("this is not a realtime-gui configuration file")
        try:
            document = upgrade(dict(document))
        except ValueError as error:
            raise ValueError(f"this configuration file can't be read: {error}") from None
        own = document.get("name")
        rest = {k: v for k, v in document.items() if k not in ("format", "name")}
        return cls.from_data(name or (own if isinstance(own, str) and own else "Imported"), rest)
