"""The reference card: every field of an endpoint as rows of plain data.

``realtime-gui fields`` prints it; the coverage test compares its paths with
the official request schema.  A row's ``required`` says whether the field
must be given; its ``default`` holds the default in words (``"required"``
when it must be given, as ``fields --json`` has always shown).
"""

from __future__ import annotations

from typing import Any

from realtime_gui.core.catalog.declaration import ENDPOINTS, endpoint, field_by_id, placed
from realtime_gui.core.catalog.field_type import NOT_SENT, Shape  # NOT_SENT: the words for a field left out
from realtime_gui.core.catalog.nodes import Field, Group, Node
from realtime_gui.core.catalog.object_types import sub_fields
from realtime_gui.core.catalog.tools import ToolChoice, ToolList

__all__ = ["NOT_SENT", "REQUIRED", "field_rows"]

REQUIRED = "required"  # the default's words for a field that must be given


def _endpoints_of(node_id: str) -> list[str]:
    return [e for e in ENDPOINTS if any(p.node.id == node_id for p in placed(e))]


def _row(node: Node, path: str, nullable: bool, shape: Shape, endpoints: list[str], required: bool) -> dict[str, Any]:
    kind = node.type.kind if isinstance(node, (Field, Group)) else "group"
    return {
        "path": path, "id": node.id, "label": node.label, "kind": kind,
        "allowed": node.type.describe() if isinstance(node, (Field, Group)) else "",
        "default": REQUIRED if required else node.default_text(shape),
        "required": required,
        "nullable": nullable, "secret": isinstance(node, Field) and node.secret, "endpoints": endpoints,
        "section": node.section, "help": node.help,
    }


def field_rows(endpoint_id: str) -> list[dict[str, Any]]:
    """One row per field the endpoint accepts, tool item fields included."""
    shape = endpoint(endpoint_id).shape
    rows = []
    for spot in placed(endpoint_id):
        node = spot.node
        required = isinstance(node, Field) and endpoint_id in node.required_on
        row = _row(node, spot.path, spot.nullable, shape, _endpoints_of(node.id), required)
        row["section"] = field_by_id(node.id.split(".")[0]).section
        rows.append(row)
        if isinstance(node, Field) and isinstance(node.type, ToolList):
            rows += _tool_rows(node.type, row, shape)
        elif isinstance(node, Field):
            rows += _part_rows(node, row, shape)
    return rows


def _part_rows(node: Field, row: dict[str, Any], shape: Shape) -> list[dict[str, Any]]:
    """The rows of the parts inside a field's value (a tool choice's ``name``, a filter's ``read_only``)."""
    required = node.type.required_parts(shape) if isinstance(node.type, ToolChoice) else []
    rows = []
    for relative, part in sub_fields(node.type, shape):
        needed = relative in required
        endpoints = [e for e in row["endpoints"] if relative in dict(sub_fields(node.type, endpoint(e).shape))]
        item = _row(part, f"{row['path']}.{relative}", part.item_nullable, shape, endpoints, needed)
        item.update(id=f"{row['id']}.{relative}", label=f"{row['label']}: {part.label}", section=row["section"])
        rows.append(item)
    return rows


def _tool_rows(tools: ToolList, row: dict[str, Any], shape: Shape) -> list[dict[str, Any]]:
    """The rows of a tool list's items: their kind, then each kind's fields."""
    kinds = [k for k in tools.kinds if shape in k.shapes]
    rows = [{**row, "path": f"{row['path']}[].type", "id": f"{row['id']}[].type", "label": "Tool kind",
             "kind": "choice", "allowed": "one of " + ", ".join(k.type for k in kinds),
             "default": REQUIRED, "required": True, "nullable": False, "help": "What kind of tool this item is."}]
    for kind in kinds:
        endpoints = [e for e in row["endpoints"] if endpoint(e).shape in kind.shapes]
        for spec in kind.fields:
            required = spec.key in kind.required
            item = _row(spec, f"{row['path']}[].{spec.key}", spec.item_nullable, shape, endpoints, required)
            item["id"] = f"{row['id']}[].{spec.key}"
            item["label"] = f"{kind.label} tool: {spec.label}"
            item["section"] = row["section"]
            rows.append(item)
            rows += _part_rows(spec, item, shape)
    return rows
