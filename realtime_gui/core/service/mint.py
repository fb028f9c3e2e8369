"""Mint one client secret: send a prepared request, get the secret or a typed error.

:func:`mint` is a plain blocking function so that the window can run it on a
thread pool and the CLI can simply call it. Every failure comes out as one of
:mod:`realtime_gui.core.service.errors`; no ``httpx`` exception escapes, and no message
or detail carries the API key.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime
from math import isfinite
from typing import Any
from urllib.parse import urlsplit

import httpx

from realtime_gui.core.service.errors import (
    AuthenticationError,
    BadResponseError,
    BetaShapeDisabledError,
    ErrorContext,
    InvalidRequestError,
    MintCancelled,
    MintError,
    MintTimeout,
    NetworkError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TimeoutPhase,
)
from realtime_gui.core.redact import mask_key, scrubber, signing_secrets
from realtime_gui.core.service.request import PreparedRequest, ResponseShape

__all__ = ["MAX_RESPONSE_BYTES", "MintResult", "encode_body", "mint"]

#: A client secret answer is a few kilobytes; anything past this is not one.
MAX_RESPONSE_BYTES = 2 * 1024 * 1024

_EXCERPT_CHARS = 500  # of a body kept in ``details``
_SAID_CHARS = 600  # of what the service said, quoted in a message
_PLAIN_REASON_CHARS = 200  # a non-JSON error body quoted only if this short


@dataclass(frozen=True)
class MintResult:
    """A minted client secret and the answer it came in.

    ``session`` is the session object as the service returned it: the whole
    body for the beta shape, ``body["session"]`` for GA (``None`` if absent).
    ``repr`` masks the secret and leaves out the bodies, which hold it too.
    """

    value: str
    expires_at: int | None
    session: dict[str, Any] | None
    response: dict[str, Any]
    request_id: str | None
    elapsed_ms: float
    status: int

    def __repr__(self) -> str:
        return (
            f"MintResult(value={mask_key(self.value)!r}, expires_at={self.expires_at!r}, "
            f"status={self.status}, request_id={self.request_id!r}, "
            f"elapsed_ms={self.elapsed_ms:.1f})"
        )


def encode_body(body: Mapping[str, Any]) -> bytes:
    """The exact bytes :func:`mint` sends for *body* (compact, deterministic JSON)."""
    # allow_nan=False: NaN would go out as the bare word NaN, which is not JSON.
    return json.dumps(body, separators=(",", ":"), allow_nan=False).encode("utf-8")


def mint(
    request: PreparedRequest,
    *,
    transport: httpx.BaseTransport | None = None,
    connect_timeout: float = 10.0,
    read_timeout: float = 30.0,
    secrets: Sequence[str] = (),
    cancel: threading.Event | None = None,
) -> MintResult:
    """Send *request* and return the client secret it mints.

    Raises a :class:`~realtime_gui.core.service.errors.MintError` subclass on any
    failure. *secrets* are extra strings to mask in error text, beside the key
    in ``request.headers``. If *cancel* is already set, raises
    :class:`~realtime_gui.core.service.errors.MintCancelled` without sending; to cancel
    a request in flight, stop waiting and drop its result (the read timeout
    bounds how long the worker stays busy).
    """
    hide = scrubber([*secrets, *signing_secrets(request.headers, request.secret_header)])
    if cancel is not None and cancel.is_set():
        raise MintCancelled()
    headers = dict(request.headers)
    if not any(name.lower() == "content-type" for name in headers):
        headers["Content-Type"] = "application/json"
    outcome = _exchange(
        request, headers, httpx.Timeout(read_timeout, connect=connect_timeout), transport, hide
    )
    if isinstance(outcome, MintError):
        # Raised here, outside any ``except``, so it has no __context__: the
        # httpx exception holds the request, and with it the key.
        raise outcome
    response, body, complete, elapsed_ms = outcome
    return _interpret(response, body, complete, request.response_shape, elapsed_ms, hide)


def _exchange(
    request: PreparedRequest,
    headers: dict[str, str],
    timeout: httpx.Timeout,
    transport: httpx.BaseTransport | None,
    hide: Callable[[str], str],
) -> tuple[httpx.Response, bytes, bool, float] | MintError:
    """Send and read the answer (capped), or say in our terms why that failed."""
    host = _host_of(request.url)
    started = time.perf_counter()
    try:
        with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False) as client:
            with client.stream(
                request.method, request.url, content=encode_body(request.body), headers=headers
            ) as response:
                body, complete = _read_capped(response.iter_bytes(), MAX_RESPONSE_BYTES)
    except httpx.TimeoutException as exc:
        phase, seconds = _timeout_phase(exc, timeout)
        return MintTimeout(phase, seconds, host, details=_cause(exc, hide))
    except httpx.DecodingError as exc:
        message = "The answer's compressed body could not be decoded."
        return BadResponseError(message, details=_cause(exc, hide))
    except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
        return _network_error(exc, request.url, host, hide)
    return response, body, complete, (time.perf_counter() - started) * 1000.0


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


def _interpret(
    response: httpx.Response,
    body: bytes,
    complete: bool,
    shape: ResponseShape,
    elapsed_ms: float,
    hide: Callable[[str], str],
) -> MintResult:
    status = response.status_code
    request_id = response.headers.get("x-request-id") or response.headers.get("apim-request-id")
    text = body.decode("utf-8", errors="replace")
    context: ErrorContext = {
        "status": status,
        "request_id": hide(request_id) if request_id else None,
        "details": {
            "content_type": hide(response.headers.get("content-type", "")),
            "body_excerpt": hide(text[:_EXCERPT_CHARS]),
            "elapsed_ms": round(elapsed_ms, 1),
        },
    }
    if not 200 <= status < 300:
        raise _status_error(response, text, context, hide)
    if not complete:
        raise BadResponseError(
            f"The answer is larger than {MAX_RESPONSE_BYTES // (1024 * 1024)} MB, far more than "
            "a client secret; it was not read to the end.",
            **context,
        )
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        what = (
            "an HTML page (probably a proxy or a sign-in portal)"
            if _is_html(response, text)
            else "text that is not JSON"
        )
        raise BadResponseError(f"The server answered with {what}.", **context) from None
    if not isinstance(data, dict):
        raise BadResponseError("The answer is JSON but not an object.", **context)
    secret_holder = data.get("client_secret") if shape == "beta" else data
    where = "client_secret.value" if shape == "beta" else "value"
    value = secret_holder.get("value") if isinstance(secret_holder, dict) else None
    if not isinstance(value, str) or not value:
        raise BadResponseError(f"The answer holds no client secret (none at {where}).", **context)
    expires_at = secret_holder.get("expires_at") if isinstance(secret_holder, dict) else None
    session = data if shape == "beta" else data.get("session")
    return MintResult(
        value=value,
        expires_at=_as_timestamp(expires_at),
        session=session if isinstance(session, dict) else None,
        response=data,
        request_id=request_id,
        elapsed_ms=elapsed_ms,
        status=status,
    )


def _as_timestamp(value: object) -> int | None:
    # bool is an int in Python, and never a timestamp.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    # Far beyond any real expiry (year 9999); huge integers would overflow a float.
    if isinstance(value, float) and not isfinite(value) or not 0 <= value < 253402300800:
        return None
    return int(value)


def _is_html(response: httpx.Response, text: str) -> bool:
    if "html" in response.headers.get("content-type", "").lower():
        return True
    start = text.lstrip()[:15].lower()
    return start.startswith("<!doctype html") or start.startswith("<html")


@dataclass(frozen=True)
class _Said:
    """The ``error`` object of an error body, every part scrubbed and optional."""

    message: str | None = None
    type: str | None = None
    param: str | None = None
    code: str | None = None


def _parse_error_body(text: str, hide: Callable[[str], str]) -> _Said:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        # A gateway's one-line plain-text reason is worth quoting; a page is not.
        line = text.strip()
        if line and len(line) <= _PLAIN_REASON_CHARS and "\n" not in line and "<" not in line:
            return _Said(message=hide(line))
        return _Said()
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, str):  # some proxies answer {"error": "text"}
        error = {"message": error}
    if not isinstance(error, dict):
        # {"message": ...} at the top level, as some gateways send.
        error = data if isinstance(data, dict) else {}

    def part(key: str, limit: int = 200) -> str | None:
        value = error.get(key)
        if value is None or isinstance(value, (dict, list)):
            return None
        return hide(str(value))[:limit] or None

    return _Said(part("message", _SAID_CHARS), part("type"), part("param"), part("code"))


def _status_error(
    response: httpx.Response, text: str, context: ErrorContext, hide: Callable[[str], str]
) -> MintError:
    status = response.status_code
    said = _parse_error_body(text, hide)
    context["error_type"] = said.type
    context["code"] = said.code
    context["service_message"] = said.message
    ours: str | None = None
    if said.message is None and _is_html(response, text):
        # A page of markup helps nobody in a dialog; the excerpt stays in details.
        answered = " ".join(filter(None, (str(status), response.reason_phrase)))
        ours = f"The server answered {answered} with an HTML page (probably a proxy)."
    if status == 401:
        return AuthenticationError(ours, **context)
    if status == 403:
        return PermissionDeniedError(ours, **context)
    if status == 429:
        return RateLimitError(ours, retry_after=_retry_after(response.headers), **context)
    if status >= 500:
        return ServerError(ours, **context)
    if status == 400 and said.code == BetaShapeDisabledError.error_code:
        return BetaShapeDisabledError(ours, param=said.param, **context)
    if 400 <= status < 500:
        return InvalidRequestError(ours, param=said.param, **context)
    location = response.headers.get("location")
    if 300 <= status < 400 and location:
        context["advice"] = "Set the base URL to where it redirects (https, not http, perhaps)."
        return BadResponseError(f"The server redirected the request to {hide(location)}.", **context)
    return BadResponseError(f"The server answered with an unexpected status {status}.", **context)


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait, from ``retry-after-ms`` or ``retry-after`` (seconds or HTTP date)."""
    millis = _non_negative(headers.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000.0
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _non_negative(value)
    if seconds is not None:
        return seconds
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - time.time())


def _non_negative(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and isfinite(number) and number >= 0 else None
