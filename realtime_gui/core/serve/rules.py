"""Who the token server answers: the Host it is reached by, the origins it trusts, and how often.

Pure and free of any HTTP library, so the rules are tested on their own and
the window can check an origin the user types before starting anything.

* A request must name the server by a loopback name and its port in ``Host``
  (a page on another site that rebinds its DNS name to 127.0.0.1 sends its own
  name there, and is refused).
* A request that carries ``Origin`` must come from a listed origin or from the
  server's own pages; anything else is refused before any mint.
* :class:`RateLimit` lets through at most N mints in any window of its length.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from realtime_gui.core.records import record
from realtime_gui.core.serve.errors import OriginFormatError

__all__ = [
    "DEFAULT_RATE",
    "LOOPBACK",
    "Rate",
    "RateLimit",
    "allowed_origins",
    "host_allowed",
    "own_origins",
    "parse_origin",
    "parse_rate",
    "retry_after_header",
]

LOOPBACK = "127.0.0.1"
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def parse_origin(text: str) -> str:
    """``text`` as a browser writes an origin (``scheme://host[:port]``, lower-case,
    no default port); raises :class:`OriginFormatError` for anything else."""
    shown = text if len(text) <= 80 else text[:77] + "..."
    problem = f"{shown!r} is not an origin: write scheme://host[:port], such as http://localhost:5173"
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        raise OriginFormatError(problem) from None
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    # No path, query, fragment or user: an origin is the three parts alone.
    if (scheme not in ("http", "https") or not host or parts.path not in ("", "/") or parts.query
            or parts.fragment or parts.username is not None or parts.password is not None
            or not _valid_host(host, parts.netloc)):
        raise OriginFormatError(problem)
    shown_host = f"[{host}]" if ":" in host else host
    default = 80 if scheme == "http" else 443
    return f"{scheme}://{shown_host}" + (f":{port}" if port is not None and port != default else "")


def _valid_host(host: str, netloc: str) -> bool:
    if ":" in host:  # an IPv6 literal, which urlsplit found between brackets
        return "[" in netloc and all(c in "0123456789abcdef:." for c in host)
    return all(_HOST_LABEL.match(label) for label in host.split("."))


def own_origins(port: int) -> frozenset[str]:
    """The origins of the server's own pages (the test page posts to ``/token`` from these)."""
    return frozenset(f"http://{name}:{port}" for name in _LOOPBACK_NAMES)


def host_allowed(host: str | None, port: int) -> bool:
    """Whether a ``Host`` header names this server: a loopback name and its port."""
    if not host:
        return False
    wanted = {f"{name}:{port}" for name in _LOOPBACK_NAMES}
    if port == 80:  # a browser leaves the default port out
        wanted.update(_LOOPBACK_NAMES)
    return host.strip().lower() in wanted


@record
class Rate:
    """At most ``count`` mints in any ``seconds``."""

    count: int
    seconds: float

    def __str__(self) -> str:
        unit = {1.0: "s", 60.0: "min", 3600.0: "h"}.get(self.seconds, f"{self.seconds:g}s")
        return f"{self.count}/{unit}"


DEFAULT_RATE = Rate(30, 60.0)
_RATE = re.compile(r"^\s*(\d+)\s*(?:/\s*(s|sec|second|m|min|minute|h|hour))?\s*$", re.IGNORECASE)
_UNITS = {"s": 1.0, "sec": 1.0, "second": 1.0, "m": 60.0, "min": 60.0, "minute": 60.0,
          "h": 3600.0, "hour": 3600.0}


def parse_rate(text: str) -> Rate:
    """``"30/min"``, ``"5/s"``, ``"100/h"`` or a bare ``"30"`` (a minute); raises ``ValueError``."""
    match = _RATE.match(text)
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"{text!r} is not a rate: write a positive count per s, min or h, such as 30/min")
    return Rate(int(match.group(1)), _UNITS[(match.group(2) or "min").lower()])


class RateLimit:
    """A sliding window of the last mints; thread-safe; ``clock`` is injectable for tests."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def admit(self) -> float | None:
        """Count one mint and return ``None``, or the seconds to wait when the limit is reached."""
        with self._lock:
            now = self._clock()
            while self._times and self._times[0] <= now - self.rate.seconds:
                self._times.popleft()
            if len(self._times) >= self.rate.count:
                return max(0.0, self._times[0] + self.rate.seconds - now)
            self._times.append(now)
            return None


def retry_after_header(seconds: float) -> str:
    """Whole seconds for ``Retry-After``, never 0 (a client would retry at once)."""
    return str(max(1, math.ceil(seconds)))


def allowed_origins(listed: Iterable[str], port: int) -> frozenset[str]:
    """The listed origins (already parsed) and the server's own."""
    return frozenset(listed) | own_origins(port)
