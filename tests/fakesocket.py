"""A stand-in for the Realtime WebSocket, served by ``websockets`` on loopback.

The token endpoints' fake (fakeserver.py) hands it WebSocket upgrades, which it
relays to its own server, so one base URL serves both the mint and the socket,
as the real service does::

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
import select
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
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
    _stopping: threading.Event = field(default_factory=threading.Event)

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

    def start(self, behind: FakeRealtimeServer) -> None:
        self._server = serve(self._handle, "127.0.0.1", 0, process_request=self._upgrade, ping_interval=None)
        behind.take_upgrade = self._relay
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-socket", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _relay(self, handler: BaseHTTPRequestHandler) -> None:
        """An upgrade the token endpoints' fake received, passed on byte for byte both ways until either end closes."""
        assert self._server is not None
        head = handler.requestline + "\r\n" + "".join(f"{k}: {v}\r\n" for k, v in handler.headers.items())
        handler.close_connection = True
        with socket.create_connection(self._server.socket.getsockname()[:2]) as upstream:
            upstream.sendall((head + "\r\n").encode("latin-1"))
            ends = {handler.connection: upstream, upstream: handler.connection}
            while not self._stopping.is_set():
                try:
                    ready, _, _ = select.select(list(ends), [], [], 0.1)
                except (OSError, ValueError):  # an end was closed under us (the server stopping)
                    return
                for end in ready:
                    try:
                        data = end.recv(65536)
                        if data:
                            ends[end].sendall(data)
                    except OSError:
                        data = b""
                    if not data:
                        return

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
        server.take_upgrade = None
        fake.stop()
