"""Mint one client secret: send a prepared request, get the secret or a typed error.

:func:`mint` is a plain blocking function so that the window can run it on a
thread pool and the CLI can simply call it. Every failure comes out as one of
:mod:`realtime_gui.core.service.errors`; no ``httpx`` exception escapes, and no message
or detail carries the API key.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from realtime_gui.core.redact import scrubber, signing_secrets
from realtime_gui.core.service.answer import MAX_RESPONSE_BYTES, MintResult, interpret
from realtime_gui.core.service.client import CancelSwitch, MintClient
from realtime_gui.core.service.errors import (
    BadResponseError,
    MintCancelled,
    MintError,
    MintTimeout,
    NetworkError,
    TimeoutPhase,
)
from realtime_gui.core.service.request import PreparedRequest

# MintResult is what mint returns, so it is offered here too.
__all__ = ["MintResult", "encode_body", "mint"]

_DEFAULT_CLIENT = MintClient()


def encode_body(body: Mapping[str, Any]) -> bytes:
    """The exact bytes :func:`mint` sends for *body* (compact, deterministic JSON)."""
    # allow_nan=False: NaN would go out as the bare word NaN, which is not JSON.
    return json.dumps(body, separators=(",", ":"), allow_nan=False).encode("utf-8")


def mint(
    request: PreparedRequest,
    client: MintClient = _DEFAULT_CLIENT,
    *,
    secrets: Sequence[str] = (),
) -> MintResult:
    """Send *request* through *client* and return the client secret it mints.

    Raises a :class:`~realtime_gui.core.service.errors.MintError` subclass on any
    failure. *secrets* are extra strings to mask in error text, beside the key
    in ``request.headers``. If the client's cancel event is already set, raises
    :class:`~realtime_gui.core.service.errors.MintCancelled` without sending; a
    :class:`~realtime_gui.core.service.client.CancelSwitch` set in flight cuts
    the connection and raises the same (a secret may have been minted and lost).
    """
    hide = scrubber([*secrets, *signing_secrets(request.headers, request.secret_header)])
    if client.cancelled():
        raise MintCancelled()
    headers = dict(request.headers)
    if not any(name.lower() == "content-type" for name in headers):
        headers["Content-Type"] = "application/json"
    outcome = _exchange(request, headers, client, hide)
    if isinstance(outcome, MintError):
        # Raised here, outside any ``except``, so it has no __context__: the
        # httpx exception holds the request, and with it the key.
        raise outcome
    response, body, complete, elapsed_ms = outcome
    return interpret(response, body, complete, request.response_shape, elapsed_ms, hide)


def _exchange(
    request: PreparedRequest,
    headers: dict[str, str],
    client: MintClient,
    hide: Callable[[str], str],
) -> tuple[httpx.Response, bytes, bool, float] | MintError:
    """Send and read the answer (capped), or say in our terms why that failed."""
    host = _host_of(request.url)
    started = time.perf_counter()
    watchdog = _Watchdog(client.deadline, client.cancel)
    try:
        with client.open() as session, watchdog, session.stream(
            request.method, request.url, content=encode_body(request.body), headers=headers,
            extensions={"trace": watchdog.trace},
        ) as response:
            body, complete = _read_capped(watchdog.chunks(response.iter_bytes()), MAX_RESPONSE_BYTES)
    except _PastDeadlineError:
        if watchdog.cancelled:
            return MintCancelled("The mint was cancelled while waiting for the answer.")
        return MintTimeout("total", client.deadline, host)
    except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
        if watchdog.cancelled:  # the connection was cut by the caller
            return MintCancelled("The mint was cancelled while waiting for the answer.")
        if watchdog.fired:  # the connection was cut at the deadline
            return MintTimeout("total", client.deadline, host, details=_cause(exc, hide))
        return _classify(exc, request.url, host, client, hide)
    return response, body, complete, (time.perf_counter() - started) * 1000.0


class _PastDeadlineError(Exception):
    """The deadline passed between two reads."""


class _Watchdog:
    """Cuts the connection when the deadline passes or the caller cancels.

    httpx bounds each read, not the exchange, so a timer shuts the socket
    down (which wakes a blocked read) once the deadline is reached, and so
    does a :class:`CancelSwitch` when set; the socket is learnt from
    httpcore's trace of the connection. Transports without a socket (tests'
    mock transports) are checked between chunks instead.
    """

    def __init__(self, seconds: float | None, cancel: threading.Event | None = None) -> None:
        self.seconds = seconds
        self.fired = False
        self.cancelled = False
        self._cancel = cancel
        self._ends = float("inf") if seconds is None else time.monotonic() + seconds
        self._stream: Any = None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._unhook: Callable[[], None] | None = None

    def __enter__(self) -> _Watchdog:
        if self.seconds is not None:
            self._timer = threading.Timer(self.seconds, self._cut)
            self._timer.daemon = True
            self._timer.start()
        if isinstance(self._cancel, CancelSwitch):
            self._unhook = self._cancel.when_set(self._cancelled)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._unhook is not None:
            self._unhook()

    def _cancelled(self) -> None:
        self.cancelled = True
        self._cut()

    def trace(self, event: str, info: Mapping[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            with self._lock:
                self._stream = info.get("return_value")
            if self.fired:
                self._cut()

    def chunks(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            if self.cancelled:
                raise _PastDeadlineError
            if time.monotonic() > self._ends:
                self.fired = True
                raise _PastDeadlineError
            yield chunk

    def _cut(self) -> None:
        self.fired = True
        with self._lock:
            stream = self._stream
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _classify(
    exc: BaseException, url: str, host: str, client: MintClient, hide: Callable[[str], str]
) -> MintError:
    """An httpx failure in our terms."""
    if isinstance(exc, httpx.TimeoutException):
        phase, seconds = _timeout_phase(exc, client.timeout())
        return MintTimeout(phase, seconds, host, details=_cause(exc, hide))
    if isinstance(exc, httpx.DecodingError):
        message = "The answer's compressed body could not be decoded."
        return BadResponseError(message, details=_cause(exc, hide))
    return _network_error(exc, url, host, hide)


def _host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or "the service"
    except ValueError:  # a malformed URL; httpx will say what is wrong with it
        return "the service"


def _read_capped(chunks: Iterator[bytes], limit: int) -> tuple[bytes, bool]:
    """Read at most *limit* bytes; the flag says whether the body ended in time."""
    kept = bytearray()
    for chunk in chunks:
        if len(kept) + len(chunk) > limit:
            kept += chunk[: limit - len(kept)]
            return bytes(kept), False
        kept += chunk
    return bytes(kept), True


def _timeout_phase(
    exc: httpx.TimeoutException, timeout: httpx.Timeout
) -> tuple[TimeoutPhase, float | None]:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connect", timeout.connect
    if isinstance(exc, httpx.WriteTimeout):
        return "write", timeout.write
    if isinstance(exc, httpx.PoolTimeout):
        return "pool", timeout.pool
    return "read", timeout.read


def _cause(exc: BaseException, hide: Callable[[str], str]) -> dict[str, Any]:
    return {"exception": type(exc).__name__, "reason": hide(str(exc))}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """*exc* and the exceptions behind it (httpx wraps httpcore wraps OSError)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _network_error(
    exc: BaseException, url: str, host: str, hide: Callable[[str], str]
) -> NetworkError:
    details = _cause(exc, hide)
    chain = list(_chain(exc))
    tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return NetworkError(
            f"The address {hide(url)} cannot be used: {details['reason'].rstrip('.')}.",
            advice="Check the base URL: it must be a full address like https://api.openai.com/v1.",
            details=details,
        )
    if isinstance(exc, httpx.ProxyError):
        message = f"The proxy failed to connect to {host}."
        advice = "Check the proxy settings (HTTPS_PROXY, ALL_PROXY, NO_PROXY)."
    elif tls is not None:
        reason = getattr(tls, "verify_message", None) or getattr(tls, "reason", None) or str(tls)
        message = f"The secure (TLS) connection to {host} failed: {hide(str(reason))}."
        advice = (
            "Check the system clock and the base URL; behind a proxy that inspects TLS, "
            "point SSL_CERT_FILE at its certificate."
        )
    elif any(isinstance(e, socket.gaierror) for e in chain):
        message = f"The name {host} could not be resolved."
        advice = "Check the base URL for typos, and that this computer is online."
    elif any(isinstance(e, ConnectionRefusedError) for e in chain):
        message = f"{host} refused the connection."
        advice = "Check the base URL and its port: nothing is listening there."
    elif isinstance(exc, httpx.ConnectError):
        message = f"Could not connect to {host}."
        advice = NetworkError.advice
    else:
        # Reset, closed early, or a protocol error: the request may have been
        # handled, so a secret may have been minted and lost; minting again is safe.
        message = f"The connection to {host} broke before the answer was complete."
        advice = "Check the connection and any proxy, then try again."
    return NetworkError(message, advice=advice, details=details)
