"""Which declared field a service's rejected ``param`` names.

The service blames a wire parameter (``session.audio.input.format`` or, on the
beta shape, a bare ``voice``); the window and the CLI speak of declared fields.
"""

from __future__ import annotations

from realtime_gui.core.catalog.declaration import field_for_path
from realtime_gui.core.catalog.nodes import Placed

__all__ = ["field_for_param"]


def field_for_param(endpoint_id: str, param: str | None) -> Placed | None:
    """The declared field a service ``param`` refers to, as placed on the endpoint."""
    if not param:
        return None
    for candidate in (param, f"session.{param}"):
        spot = field_for_path(endpoint_id, candidate)
        if spot is not None:
            return spot
    return None
