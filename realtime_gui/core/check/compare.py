"""What the service applied beside what the configuration asked for, field by field.

:func:`compare_session` walks the catalog's placements for the configuration's
endpoint, reads each one in the body the configuration builds (what was asked)
and in the session ``session.created`` reported (what was applied), and says
of each: ``same``, ``differs``, ``not asked`` (the service chose) or
``not shown`` (asked, but the service did not report it). Rows are named by
their wire path in the request body (``session.audio.output.voice``), as
``realtime-gui fields`` lists them. Fields neither side holds are left out.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, Literal

from realtime_gui.core.catalog.declaration import endpoint, placed
from realtime_gui.core.catalog.nodes import Group, Placed
from realtime_gui.core.catalog.types import EncodeContext
from realtime_gui.core.records import record
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["ABSENT", "FieldComparison", "SessionComparison", "Status", "asked_session", "compare_session",
           "show_value"]

Status = Literal["same", "differs", "not asked", "not shown"]


class _Absent:
    """Nothing at this path."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""What a side holds where it holds nothing."""

_GA_SESSION = "session."
# Floats come back as the service stores them (0.8 as 0.800000011920929).
_RELATIVE_TOLERANCE = 1e-6


@record
class FieldComparison:
    """One field: its wire path and label, the value asked and applied (``ABSENT``: none), and the verdict."""

    path: str
    label: str
    asked: Any
    applied: Any
    status: Status

    def to_json(self) -> dict[str, Any]:
        """``{"path", "label", "status", "asked"?, "applied"?}``: a side that holds nothing is left out."""
        row: dict[str, Any] = {"path": self.path, "label": self.label, "status": self.status}
        for side in ("asked", "applied"):
            value = getattr(self, side)
            if value is not ABSENT:
                row[side] = value
        return row


@record
class SessionComparison:
    """Every field either side holds, in declaration order."""

    rows: tuple[FieldComparison, ...]

    @property
    def differences(self) -> tuple[FieldComparison, ...]:
        """The rows where the service applied something else than was asked."""
        return tuple(row for row in self.rows if row.status == "differs")

    def to_json(self) -> list[dict[str, Any]]:
        return [row.to_json() for row in self.rows]


def asked_session(config: Configuration) -> dict[str, Any]:
    """The session part of the body ``config`` sends, secrets masked:
    ``body["session"]`` on the GA shape, the body itself on the flat beta one."""
    ep = endpoint(config.endpoint)
    body = build_body(config, EncodeContext(ep.shape, "mask"))
    session = body.get("session") if ep.shape == "ga" else body
    return session if isinstance(session, dict) else {}


def compare_session(config: Configuration, applied: Mapping[str, Any]) -> SessionComparison:
    """``config``'s asked session against the ``applied`` one (``session.created``'s ``session``)."""
    ep = endpoint(config.endpoint)
    asked = asked_session(config)
    rows = []
    for spot in placed(config.endpoint):
        relative = _relative(spot, ep.shape)
        if relative is None:
            continue
        row = _compare(spot, _at(asked, relative), _at(applied, relative))
        if row is not None:
            rows.append(row)
    return SessionComparison(tuple(rows))


def show_value(value: Any, limit: int | None = None) -> str:
    """A value in a table cell: strings bare, the rest as compact JSON, ``—`` for none; cut at ``limit``."""
    if value is ABSENT:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def _relative(spot: Placed, shape: str) -> str | None:
    """The spot's path inside the session object, or ``None`` when it is not part of the session."""
    if shape != "ga":
        return spot.path
    return spot.path.removeprefix(_GA_SESSION) if spot.path.startswith(_GA_SESSION) else None


def _at(data: Mapping[str, Any], dotted: str) -> Any:
    value: Any = data
    for key in dotted.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return ABSENT
        value = value[key]
    return value


def _compare(spot: Placed, asked: Any, applied: Any) -> FieldComparison | None:
    if asked is ABSENT and applied is ABSENT:
        return None
    # A group is compared whole only where a side holds no object (off, or a word such as "auto");
    # otherwise its fields are compared one by one.
    if isinstance(spot.node, Group) and isinstance(asked, dict | _Absent) and isinstance(applied, dict | _Absent):
        return None
    if asked is ABSENT:
        status: Status = "not asked"
    elif applied is ABSENT:
        status = "not shown"
    else:
        status = "same" if _same(asked, applied) else "differs"
    return FieldComparison(spot.path, spot.node.label, asked, applied, status)


def _same(asked: Any, applied: Any) -> bool:
    if isinstance(asked, bool) or isinstance(applied, bool):
        return asked is applied
    if isinstance(asked, int | float) and isinstance(applied, int | float):
        return math.isclose(asked, applied, rel_tol=_RELATIVE_TOLERANCE)
    if isinstance(asked, dict) and isinstance(applied, dict):
        return asked.keys() == applied.keys() and all(_same(asked[k], applied[k]) for k in asked)
    if isinstance(asked, list) and isinstance(applied, list):
        return len(asked) == len(applied) and all(_same(a, b) for a, b in zip(asked, applied, strict=True))
    return bool(asked == applied)
