"""One line per request the token server answers: when, from where, what it answered, how fast.

A :class:`RequestRecord` holds no secret by construction: it has no field a
token or a key could travel in (the service's request id and our own words
only), so printing or showing one is always safe.
"""

from __future__ import annotations

from datetime import datetime

from realtime_gui.core.records import record

__all__ = ["RequestRecord"]


@record
class RequestRecord:
    """A request the server answered. ``origin`` is ``None`` when the client sent
    none (curl, a script); ``request_id`` is the service's, when a mint reached it;
    ``note`` says in a few words why a request was refused."""

    time: datetime
    method: str
    path: str
    origin: str | None
    status: int
    request_id: str | None
    elapsed_ms: float
    note: str = ""

    def line(self) -> str:
        """``2026-01-02T03:04:05Z POST /token origin=http://localhost:5173 200 req_1 312 ms``."""
        stamp = self.time.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if self.time.utcoffset() is not None
                                                             and not self.time.utcoffset() else "")
        parts = [stamp, self.method, _printable(self.path, 80), f"origin={_printable(self.origin or '-', 80)}",
                 str(self.status), self.request_id or "-", f"{self.elapsed_ms:.0f} ms"]
        if self.note:
            parts.append(f"({self.note})")
        return " ".join(parts)


def _printable(text: str, limit: int) -> str:
    """A client-chosen value shown safely on one line: no control characters, bounded length."""
    cleaned = "".join(c if c.isprintable() and not c.isspace() else "?" for c in text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 3] + "..."
