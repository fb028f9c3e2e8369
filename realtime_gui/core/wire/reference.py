"""The reference card: every field of an endpoint as rows of plain data.

``realtime-gui fields`` prints it; the coverage test compares its paths with
the official request schema.
"""

from __future__ import annotations

from typing import Any

from realtime_gui.core.catalog.declaration import ENDPOINTS, FIELDS, endpoint, placed
from realtime_gui.core.catalog.nodes import Field, Group, Node
from realtime_gui.core.catalog.tools import ToolList

__all__ = ["field_rows"]


def _endpoints_of(node_id: str) -> list[str]:
    return [e for e in ENDPOINTS if any(p.node.id == node_id for p in placed(e))]


def _row(node: Node, path: str, nullable: bool, shape: str, endpoints: list[str]) -> dict[str, Any]:
    if isinstance(node, Field):
        allowed, default = node.type.describe(), node.default_text(shape)  # type: ignore[arg-type]
    else:
        group = node  # a Group: an object of the fields listed under it
        literals = [f'"{v}"' for v, _ in group.literals] if isinstance(group, Group) else []
        allowed = "an object of the fields below" + (", or " + " or ".join(literals) if literals else "")
        default = getattr(group, "default_note", "") or "chosen by the service"
    return {
        "path": path, "id": node.id, "label": node.label, "kind": getattr(getattr(node, "type", None), "kind", "group"),
        "allowed": allowed, "default": default,
        "nullable": nullable, "secret": bool(getattr(node, "secret", False)), "endpoints": endpoints,
        "section": node.section, "help": node.help,
    }


def field_rows(endpoint_id: str) -> list[dict[str, Any]]:
    """One row per field the endpoint accepts, tool item fields included."""
    shape = endpoint(endpoint_id).shape
    rows = []
    sections = {n.id: n.section for n in FIELDS}
    for spot in placed(endpoint_id):
        node = spot.node
        row = _row(node, spot.path, spot.nullable, shape, _endpoints_of(node.id))
        if endpoint_id in getattr(node, "required_on", ()):
            row["default"] = "required"
        row["section"] = sections.get(node.id.split(".")[0], "")
        rows.append(row)
        if isinstance(node, Field) and isinstance(node.type, ToolList):
            kinds = [k for k in node.type.kinds if shape in k.shapes]
            rows.append({**row, "path": f"{spot.path}[].type", "id": f"{node.id}[].type", "label": "Tool kind",
                         "kind": "choice", "allowed": "one of " + ", ".join(k.type for k in kinds),
                         "default": "required", "nullable": False, "help": "What kind of tool this item is."})
            for kind in node.type.kinds:
                if shape not in kind.shapes:
                    continue
                for spec in kind.fields:
                    item = _row(spec, f"{spot.path}[].{spec.key}", spec.item_nullable, shape, row["endpoints"])
                    item["id"] = f"{node.id}[].{spec.key}"
                    item["label"] = f"{kind.label} tool: {spec.label}"
                    item["section"] = row["section"]
                    if item["default"] == "chosen by the service":
                        item["default"] = "required" if spec.key in kind.required else "not sent"
                    rows.append(item)
    return rows
