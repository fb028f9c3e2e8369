"""A named configuration: an endpoint, connection settings and field values.

``values`` maps a field id (``turn_detection.threshold``) to its canonical
value.  A missing id is *not set* (the service's default applies); ``None``
is *off* (sent as ``null`` where the endpoint allows it).  Values for fields
the current endpoint lacks are kept, not sent, so switching endpoints back
and forth loses nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from .declaration import CONNECTION_FIELDS, ENDPOINTS, endpoint

__all__ = ["FORMAT", "Configuration"]

FORMAT = 1
_CONNECTION_KEYS = {f.key for f in CONNECTION_FIELDS}


@dataclass
class Configuration:
    name: str
    endpoint: str = "ga"
    values: dict[str, Any] = field(default_factory=dict)
    connection: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def new(cls, name: str, endpoint_id: str = "ga") -> Configuration:
        """A fresh configuration: it sets nothing but the model."""
        model = endpoint(endpoint_id).default_model
        return cls(name, endpoint_id, {"model": model} if model else {})

    def copy(self, name: str | None = None) -> Configuration:
        return Configuration(name or self.name, self.endpoint, copy.deepcopy(self.values),
                             dict(self.connection))

    def setting(self, key: str) -> Any:
        """A connection setting, or its declared default."""
        if key in self.connection:
            return self.connection[key]
        return next(f.default for f in CONNECTION_FIELDS if f.key == key)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "name": self.name,
            "endpoint": self.endpoint,
            "connection": dict(self.connection),
            "values": copy.deepcopy(self.values),
        }

    @classmethod
    def from_json(cls, data: Any) -> Configuration:
        """Read a saved configuration; raises ``ValueError`` saying what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the file does not hold a JSON object")
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r} is not {FORMAT}")
        name, endpoint_id = data.get("name"), data.get("endpoint", "ga")
        values, connection = data.get("values", {}), data.get("connection", {})
        if not isinstance(name, str) or not name:
            raise ValueError('"name" must be a non-empty string')
        if endpoint_id not in ENDPOINTS:
            raise ValueError(f'"endpoint" must be one of {", ".join(ENDPOINTS)}; it is {endpoint_id!r}')
        if not isinstance(values, dict) or not isinstance(connection, dict):
            raise ValueError('"values" and "connection" must be JSON objects')
        unknown = set(connection) - _CONNECTION_KEYS
        if unknown:
            raise ValueError(f'"connection" has unknown settings: {", ".join(sorted(unknown))}')
        return cls(name, endpoint_id, dict(values), dict(connection))
