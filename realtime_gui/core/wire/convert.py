"""Move a configuration to another endpoint (beta to GA, and back).

Generic over the declaration: a value carries over when its field is placed on
the target endpoint; every value that does not is listed, never dropped
silently. The original configuration is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from realtime_gui.core.catalog.declaration import endpoint, field_by_id, placed
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["Conversion", "convert"]


@dataclass
class Conversion:
    """A converted configuration and what did not carry over, by field."""

    configuration: Configuration
    dropped: list[tuple[str, str]]  # (field label and id, why)


def convert(config: Configuration, target: str, name: str | None = None) -> Conversion:
    """A copy of ``config`` for another endpoint; nothing is dropped silently."""
    target_ep = endpoint(target)
    new = config.copy(name)
    new.endpoint = target
    on_target = {spot.node.id: spot for spot in placed(target)}
    dropped: list[tuple[str, str]] = []
    for field_id, value in list(new.values.items()):
        node = field_by_id(field_id)
        spot = on_target.get(field_id)
        label = f"{node.label} ({field_id})"
        if spot is None:
            dropped.append((label, f"{target_ep.label} has no such field"))
        elif value is None and not spot.nullable and not node.off_by_default(target_ep.shape):
            dropped.append((label, f"it was off; {target_ep.label} can't send it as null, and "
                                   f"leaving it out gives the default ({node.default_text(target_ep.shape)})"))
        elif isinstance(node, Field) and isinstance(node.type, ToolList):
            kept = [t for t in value if (k := node.type.kind_of(t)) and target_ep.shape in k.shapes]
            if len(kept) != len(value):
                dropped.append((label, f"{len(value) - len(kept)} tool(s) of a kind {target_ep.label} "
                                       "does not accept"))
                new.values[field_id] = kept
            continue
        else:
            continue
        del new.values[field_id]
    return Conversion(new, dropped)
