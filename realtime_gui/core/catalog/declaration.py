"""The catalog as loaded: every endpoint, session field, connection field and tool kind, and lookups on them.

The declarations live by idea in ``endpoints``, ``session``, ``tool_kinds``
and ``connection``; ``loading`` gives them ids, resolves their ``when``
relations and checks them when this module is imported.  The form,
validation, request bodies, import, the ``fields`` listing and the
beta-to-GA conversion all read the catalog through the names here.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from realtime_gui.core.catalog.connection import CONNECTION_FIELDS as _CONNECTION_FIELDS
from realtime_gui.core.catalog.endpoints import DEFAULT_ENDPOINT, ENDPOINTS
from realtime_gui.core.catalog.loading import load_connection, load_fields, place, walk
from realtime_gui.core.catalog.nodes import Endpoint, Node, Placed
from realtime_gui.core.catalog.session import SECTIONS, SESSION_FIELDS
from realtime_gui.core.catalog.tool_kinds import TOOLS

__all__ = [
    "CONNECTION_FIELDS", "DEFAULT_ENDPOINT", "ENDPOINTS", "FIELDS", "SECTIONS", "TOOLS", "enclosing", "endpoint",
    "field_by_id", "field_for_path", "nodes", "placed",
]

FIELDS: tuple[Node, ...] = load_fields(SESSION_FIELDS, ENDPOINTS, SECTIONS)
CONNECTION_FIELDS = load_connection(_CONNECTION_FIELDS)


def nodes() -> Iterator[Node]:
    """Every node, depth first, groups before their children."""
    return walk(FIELDS)


def endpoint(endpoint_id: str) -> Endpoint:
    try:
        return ENDPOINTS[endpoint_id]
    except KeyError:
        raise ValueError(f"unknown endpoint {endpoint_id!r}; use one of {', '.join(ENDPOINTS)}") from None


@cache
def placed(endpoint_id: str) -> tuple[Placed, ...]:
    """Every node the endpoint accepts, with its wire path, in declaration order."""
    endpoint(endpoint_id)
    return place(FIELDS, endpoint_id)


@cache
def _by_id() -> dict[str, Node]:
    return {node.id: node for node in nodes()}


def field_by_id(field_id: str) -> Node:
    return _by_id()[field_id]


@cache
def _by_path(endpoint_id: str) -> dict[str, Placed]:
    return {spot.path: spot for spot in placed(endpoint_id)}


def enclosing(endpoint_id: str, path: str) -> Placed | None:
    """The node at a wire path (``session.audio.output.voice``), or the
    nearest enclosing one; tolerant of ``[n]`` indexes (``tools[0].name``).
    ``path[len(found.path):]`` is what lies below it (``[0].name``)."""
    by_path = _by_path(endpoint_id)
    candidate = path.split("[", 1)[0]
    while candidate:
        if candidate in by_path:
            return by_path[candidate]
        candidate = candidate.rpartition(".")[0]
    return None


field_for_path = enclosing  # the earlier name, until its callers move to ``enclosing``
