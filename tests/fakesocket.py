"""A stand-in for the Realtime WebSocket, served by ``websockets`` on loopback.

The token endpoints' fake (fakeserver.py) passes WebSocket upgrades on to it,
so one base URL serves both the mint and the socket, as the real service does::

    with running_socket(server) as socket:
        socket.apply({"model": "gpt-realtime", "audio": {"output": {"voice": "alloy"}}})
        ...  # check a configuration aimed at server.base_url
        assert socket.upgrades[0].headers["authorization"].startswith("Bearer ek_")

What each connection gets is scripted once for all that follow: the session
(``session.created`` carrying the ``applied`` session), a refused upgrade
(``refuse``), a close frame (``close_with``), an ``error`` event (``send_error``)
or nothing at all (``stay_silent``). ``echo_token`` puts the client secret it
was given into what it says, as a careless server might.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from fakeserver import FakeRealtimeServer
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

__all__ = ["FakeRealtimeSocket", "RecordedUpgrade", "running_socket"]

Behaviour = Literal["session", "refuse", "close", "error", "silent"]


@dataclass(frozen=True)
class RecordedUpgrade:
    """One upgrade request as received: its path with query, and its headers (lower-case names)."""

    path: str
    headers: Mapping[str, str]


@dataclass
class FakeRealtimeSocket:
    """The fake socket; use :func:`running_socket`."""

    applied: dict[str, Any] = field(default_factory=lambda: {"type": "realtime", "object": "realtime.session"})
    behaviour: Behaviour = "session"
    status: int = 401
    close_code: int = 1000
    close_reason: str = ""
    error: dict[str, Any] = field(default_factory=dict)
    echo_token: bool = False
    event_type: str = "session.created"
    upgrades: list[RecordedUpgrade] = field(default_factory=list)
    _server: Server | None = None
    _thread: threading.Thread | None = None

    # -- scripting ---------------------------------------------------------

    def apply(self, session: Mapping[str, Any], event_type: str = "session.created") -> None:
        """Answer with ``event_type`` carrying ``session``."""
        self.behaviour, self.applied, self.event_type = "session", dict(session), event_type

    def refuse(self, status: int = 401, error: Mapping[str, Any] | None = None) -> None:
        """Answer the upgrade with ``status`` and ``{"error": error}``."""
        self.behaviour, self.status, self.error = "refuse", status, dict(error or {})

    def close_with(self, code: int, reason: str = "") -> None:
        self.behaviour, self.close_code, self.close_reason = "close", code, reason

    def send_error(self, error: Mapping[str, Any]) -> None:
        """Send an ``error`` event first, then nothing."""
        self.behaviour, self.error = "error", dict(error)

    def stay_silent(self) -> None:
        self.behaviour = "silent"

    # -- serving -----------------------------------------------------------

    def start(self, relay_from: FakeRealtimeServer) -> None:
        self._server = serve(self._handle, "127.0.0.1", 0, process_request=self._upgrade, ping_interval=None)
        relay_from.socket_port = int(self._server.socket.getsockname()[1])
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-socket", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _token(self, headers: Mapping[str, str]) -> str:
        return headers.get("authorization", "").removeprefix("Bearer ")

    def _upgrade(self, connection: ServerConnection, request: Request) -> Response | None:
        headers = {name.lower(): value for name, value in request.headers.raw_items()}
        self.upgrades.append(RecordedUpgrade(request.path, headers))
        if self.behaviour != "refuse":
            return None
        said = {**self.error}
        if self.echo_token:
            said["message"] = f"Invalid client secret {self._token(headers)}."
        body = json.dumps({"error": said}).encode()
        return Response(self.status, "Refused", Headers([("Content-Type", "application/json"),
                                                         ("Content-Length", str(len(body)))]), body)

    def _handle(self, connection: ServerConnection) -> None:
        token = self._token(self.upgrades[-1].headers) if self.upgrades else ""
        try:
            if self.behaviour == "close":
                reason = f"{self.close_reason} {token}".strip() if self.echo_token else self.close_reason
                connection.close(self.close_code, reason)
                return
            if self.behaviour == "session":
                session = {**self.applied, "id": "sess_" + secrets.token_hex(8)}
                if self.echo_token:
                    session["instructions"] = f"Opened with {token}."
                connection.send(json.dumps({"type": self.event_type, "event_id": "event_1", "session": session}))
            elif self.behaviour == "error":
                connection.send(json.dumps({"type": "error", "event_id": "event_1", "error": self.error}))
            for _ in connection:  # until the client closes
                pass
        except ConnectionClosed:
            pass


@contextmanager
def running_socket(server: FakeRealtimeServer, **script: Any) -> Iterator[FakeRealtimeSocket]:
    """A :class:`FakeRealtimeSocket` behind ``server``'s base URL, stopped on exit."""
    fake = FakeRealtimeSocket(**script)
    fake.start(server)
    try:
        yield fake
    finally:
        server.socket_port = None
        fake.stop()
