"""What ``/token`` answers: the service's own answer where there was one, else an error object of ours.

A page written for its real backend reads the service's JSON, so a mint's
answer goes back with the service's status and body, and a refusal by the
service goes back as the service's ``{"error": {...}}`` with its status. When
no answer came, the fault is named like a gateway's: 502 for a network fault
or an unusable answer, 504 for a timeout. Faults on this side (no key, an
invalid configuration) are 500s. Every body here has passed through the
mint's scrubbing, so none carries the API key.
"""

from __future__ import annotations

import json
import re
from dataclasses import field
from typing import Any

from realtime_gui.core.records import record
from realtime_gui.core.serve.rules import retry_after_header
from realtime_gui.core.service.answer import MintResult
from realtime_gui.core.service.errors import (
    BadResponseError,
    InvalidRequestError,
    MintCancelled,
    MintError,
    MintTimeout,
    NetworkError,
    RateLimitError,
)

__all__ = ["Answer", "answer_for_error", "answer_for_result", "local_error"]

_NO_STORE = {"Cache-Control": "no-store"}  # a token must not sit in a browser cache


@record
class Answer:
    """One answer of ``/token``: status, JSON body, extra headers, the service's request id."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    request_id: str | None = None


def local_error(status: int, message: str, code: str, *, headers: dict[str, str] | None = None) -> Answer:
    """An error of this server's own, in the service's error shape."""
    body = {"error": {"message": message, "type": "realtime_gui_error", "param": None, "code": code}}
    return Answer(status, body, {**_NO_STORE, **(headers or {})})


def answer_for_result(result: MintResult) -> Answer:
    """The service's answer to a mint, unchanged."""
    headers = dict(_NO_STORE)
    if result.request_id:
        headers["X-Request-Id"] = result.request_id
    return Answer(result.status, result.response, headers, result.request_id)


def answer_for_error(error: MintError) -> Answer:
    """The answer to a failed mint: the service's error and status, or a gateway's."""
    headers = dict(_NO_STORE)
    if error.request_id:
        headers["X-Request-Id"] = error.request_id
    if isinstance(error, MintTimeout):
        return _ours(504, error, "upstream_timeout", headers)
    if isinstance(error, NetworkError):
        return _ours(502, error, "upstream_unreachable", headers)
    if isinstance(error, MintCancelled):
        return _ours(503, error, "server_stopping", headers)
    status = error.status
    if status is None:  # no answer was involved: a fault on this side
        return _ours(500, error, _code_of(error), headers)
    if isinstance(error, BadResponseError) or not 400 <= status < 600:
        # A 2xx without a secret, or a redirect: what came back is no answer to pass on.
        return _ours(502, error, "bad_upstream_answer", headers)
    if isinstance(error, RateLimitError) and error.retry_after is not None:
        headers["Retry-After"] = retry_after_header(error.retry_after)
    return Answer(status, _service_body(error), headers, error.request_id)


def _service_body(error: MintError) -> dict[str, Any]:
    """The service's error object: its own body when it was JSON and short enough
    to have been kept whole, else rebuilt from its parts."""
    excerpt = error.details.get("body_excerpt")
    if isinstance(excerpt, str):
        try:
            kept = json.loads(excerpt)
        except (ValueError, RecursionError):
            kept = None
        if isinstance(kept, dict):
            return kept
    param = error.param if isinstance(error, InvalidRequestError) else None
    return {"error": {"message": error.service_message or error.message, "type": error.error_type,
                      "param": param, "code": error.code}}


def _ours(status: int, error: MintError, code: str, headers: dict[str, str]) -> Answer:
    body = {"error": {"message": str(error), "type": "realtime_gui_error", "param": None, "code": code}}
    return Answer(status, body, headers, error.request_id)


def _code_of(error: MintError) -> str:
    """``NoApiKeyError`` → ``no_api_key``: a stable code a page can test."""
    name = type(error).__name__.removesuffix("Error")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
