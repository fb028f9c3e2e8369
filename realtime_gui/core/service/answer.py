"""What the service's answer means: the client secret, or the typed error it amounts to.

:func:`interpret` reads a status, headers and (capped) body into a
:class:`MintResult` or raises a :mod:`realtime_gui.core.service.errors` class.
Whatever the server said passes through the ``hide`` function it is given
before it reaches a message or a detail.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC
from email.utils import parsedate_to_datetime
from math import isfinite
from typing import Any

import httpx

from realtime_gui.core.records import record
from realtime_gui.core.redact import mask_key
from realtime_gui.core.service.errors import (
    AuthenticationError,
    BadResponseError,
    BetaShapeDisabledError,
    ErrorContext,
    InvalidRequestError,
    MintError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)
from realtime_gui.core.service.request import ResponseShape

__all__ = ["MAX_RESPONSE_BYTES", "MintResult", "interpret"]

#: A client secret answer is a few kilobytes; anything past this is not one.
MAX_RESPONSE_BYTES = 2 * 1024 * 1024

_EXCERPT_CHARS = 500  # of a body kept in ``details``
_SAID_CHARS = 600  # of what the service said, quoted in a message
_PLAIN_REASON_CHARS = 200  # a non-JSON error body quoted only if this short


@record
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


def interpret(
    response: httpx.Response,
    body: bytes,
    complete: bool,
    shape: ResponseShape,
    elapsed_ms: float,
    hide: Callable[[str], str],
) -> MintResult:
    """The secret in ``body``, or the error the answer amounts to (raised).

    ``complete`` says whether the body was read to its end.
    """
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
            "a client secret; it was not read to the end. If the service did mint, a secret may "
            "have been minted and thrown away (it expires on its own).",
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
    if (isinstance(value, float) and not isfinite(value)) or not 0 <= value < 253402300800:
        return None
    return int(value)


def _is_html(response: httpx.Response, text: str) -> bool:
    if "html" in response.headers.get("content-type", "").lower():
        return True
    start = text.lstrip()[:15].lower()
    return start.startswith(("<!doctype html", "<html"))


@record
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
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - time.time())


def _non_negative(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and isfinite(number) and number >= 0 else None
