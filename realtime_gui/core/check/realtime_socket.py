"""Open the Realtime WebSocket with a client secret and wait for ``session.created``, or say why not.

:func:`await_session` is a plain blocking function, like the mint: the window
runs it on a pool, the command line calls it. It loads the ``websockets``
client only when called. Every failure comes out as a class of the error tree
(:mod:`realtime_gui.core.service.errors`): a refused upgrade as the mint's
status errors (401 and 403 as :class:`TokenRefusedError`), a close before the
session as :class:`SocketClosedError` with its code and reason (or
:class:`TokenRefusedError` when the close names the token), no event in time
as :class:`SessionTimeout`. The secret is never in a message: every text from
the server passes through the ``secrets`` scrubber.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from realtime_gui.core.records import record
from realtime_gui.core.redact import redact, scrubber
from realtime_gui.core.service.errors import (
    AuthenticationError,
    BadResponseError,
    InvalidRequestError,
    MintCancelled,
    MintError,
    MintTimeout,
    NetworkError,
    PermissionDeniedError,
    SessionTimeout,
    SocketClosedError,
    TokenRefusedError,
)
from realtime_gui.core.service.providers import USER_AGENT

if TYPE_CHECKING:
    from websockets.frames import Close
    from websockets.http11 import Response
    from websockets.sync.client import ClientConnection

__all__ = ["SESSION_EVENTS", "SessionCreated", "await_session"]

SESSION_EVENTS = ("session.created", "transcription_session.created")
"""The first event of a session: GA sends ``session.created``, beta transcription its own."""

_POLL_SECONDS = 0.1  # how often a wait looks at the cancel switch
_CLOSE_SECONDS = 2.0
_MAX_EVENT_BYTES = 4 * 1024 * 1024  # a session with many tools is tens of kilobytes
# Close codes a service uses to say the credentials were refused (4000-4999 are the application's own).
_REFUSING_CODES = frozenset({4001, 4003, 4401, 4403})
_ABOUT_THE_TOKEN = re.compile(r"token|secret|api[_ ]?key|auth|expire|credential", re.IGNORECASE)


@record
class SessionCreated:
    """The session the service applied (secrets scrubbed), the event that
    carried it, and how long the socket took from opening to that event."""

    session: dict[str, Any]
    event_type: str
    elapsed_ms: float


def await_session(
    url: str,
    headers: Mapping[str, str],
    *,
    connect_timeout: float = 10.0,
    wait: float = 15.0,
    cancel: threading.Event | None = None,
    secrets: Sequence[str] = (),
) -> SessionCreated:
    """Open ``url`` with ``headers`` and return the first session event's session.

    ``wait`` bounds the whole exchange after connecting; ``cancel`` stops it
    (``MintCancelled``). ``secrets`` (the client secret, the key) are masked in
    whatever the server said.
    """
    hide = scrubber(secrets)
    if cancel is not None and cancel.is_set():
        raise MintCancelled("The check was cancelled before the socket was opened.")
    outcome = _exchange(url, headers, connect_timeout, wait, cancel, hide)
    if isinstance(outcome, MintError):
        # Raised outside any ``except``: the library's exception holds the request, and with it the secret.
        raise outcome
    return SessionCreated(redact(outcome.session, secrets), outcome.event_type, outcome.elapsed_ms)


def _exchange(url: str, headers: Mapping[str, str], connect_timeout: float, wait: float,
              cancel: threading.Event | None, hide: Callable[[str], str]) -> SessionCreated | MintError:
    from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI
    from websockets.sync.client import connect

    host = _host_of(url)
    started = time.monotonic()
    try:
        connection = connect(url, additional_headers=dict(headers), open_timeout=connect_timeout,
                             close_timeout=_CLOSE_SECONDS, user_agent_header=USER_AGENT,
                             max_size=_MAX_EVENT_BYTES, ping_interval=None)
    except InvalidStatus as exc:
        return _refused_upgrade(exc.response, hide, host)
    except InvalidURI:
        return NetworkError(f"{hide(url)} is not a WebSocket address.",
                            advice="Check the base URL: it must be http:// or https://.")
    except TimeoutError:
        return MintTimeout("connect", connect_timeout, host)
    except InvalidHandshake as exc:
        return BadResponseError(f"{host} did not open a WebSocket ({hide(str(exc))}).",
                                advice="Check that the base URL serves the Realtime API, not a proxy or a web page.")
    except OSError as exc:
        return NetworkError(f"Could not reach {host} ({hide(exc.strerror or str(exc))}).")
    with connection:
        return _until_session(connection, started + wait, wait, started, cancel, hide, host)


def _until_session(connection: ClientConnection, deadline: float, wait: float, started: float,
                   cancel: threading.Event | None, hide: Callable[[str], str], host: str) -> SessionCreated | MintError:
    from websockets.exceptions import ConnectionClosed

    while True:
        if cancel is not None and cancel.is_set():
            return MintCancelled("The check was cancelled while waiting for the session.")
        left = deadline - time.monotonic()
        if left <= 0:
            return SessionTimeout(wait, host)
        try:
            message = connection.recv(timeout=min(left, _POLL_SECONDS))
        except TimeoutError:
            continue
        except ConnectionClosed as exc:
            return _closed(exc.rcvd, hide)
        event = _event(message)
        kind = event.get("type")
        if kind in SESSION_EVENTS:
            session = event.get("session")
            if not isinstance(session, dict):
                return BadResponseError(f"The {kind} event from {host} holds no session object.")
            return SessionCreated(session, str(kind), (time.monotonic() - started) * 1000.0)
        if kind == "error":
            return _error_event(event, hide)


def _event(message: str | bytes) -> dict[str, Any]:
    try:
        event = json.loads(message)
    except (ValueError, RecursionError):
        return {}
    return event if isinstance(event, dict) else {}


def _refused_upgrade(response: Response, hide: Callable[[str], str], host: str) -> MintError:
    """The upgrade answered with a status: read as the mint reads an answer."""
    import httpx

    from realtime_gui.core.service.answer import interpret

    status = response.status_code
    if 200 <= status < 300:
        return BadResponseError(f"{host} answered {status} instead of opening a WebSocket.",
                                advice="Check that the base URL serves the Realtime API, not a web page.",
                                status=status)
    answer = httpx.Response(status, headers=list(response.headers.raw_items()), content=bytes(response.body))
    try:
        interpret(answer, bytes(response.body), True, "ga", 0.0, hide)
    except MintError as error:
        if isinstance(error, AuthenticationError | PermissionDeniedError):
            return TokenRefusedError(status=status, request_id=error.request_id, error_type=error.error_type,
                                     code=error.code, service_message=error.service_message)
        return error
    return BadResponseError(f"{host} answered {status} instead of opening a WebSocket.", status=status)


def _closed(close: Close | None, hide: Callable[[str], str]) -> MintError:
    if close is None:
        return SocketClosedError(None)
    reason = hide(close.reason)
    named = (close.code == 1008 or 4000 <= close.code < 5000) and _ABOUT_THE_TOKEN.search(reason) is not None
    if close.code in _REFUSING_CODES or named:
        return TokenRefusedError(close_code=close.code, close_reason=reason)
    return SocketClosedError(close.code, reason)


def _error_event(event: Mapping[str, Any], hide: Callable[[str], str]) -> MintError:
    """An ``error`` event before the session: about the token, or about the request."""
    said = event.get("error")
    error = said if isinstance(said, dict) else {}

    def part(key: str) -> str | None:
        value = error.get(key)
        return hide(str(value))[:600] if isinstance(value, str | int) else None

    code, kind, message = part("code"), part("type"), part("message")
    about_token = any(_ABOUT_THE_TOKEN.search(text) for text in (code, kind) if text)
    if about_token:
        return TokenRefusedError(code=code, error_type=kind, service_message=message)
    return InvalidRequestError("The Realtime service answered the socket with an error.", param=part("param"),
                               code=code, error_type=kind, service_message=message)


def _host_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "the service") + (f":{parts.port}" if parts.port else "")
