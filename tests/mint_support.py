"""Requests, canned answers and transports for the mint's tests (test_mint.py, test_answer.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
import pytest

from realtime_gui import __version__
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.errors import (
    MintError,
)
from realtime_gui.core.service.mint import mint
from realtime_gui.core.service.request import PreparedRequest, ResponseShape

__all__ = [
    "BASE", "BETA_ANSWER", "BETA_BODY", "BETA_URL", "EPHEMERAL", "GA_ANSWER", "GA_BODY", "GA_URL", "KEY",
    "answering", "error_body", "fail", "prepared", "raising",
]

KEY = "sk-proj-TESTKEY-notreal-9"
BASE = "https://api.openai.com/v1"
GA_URL = f"{BASE}/realtime/client_secrets"
BETA_URL = f"{BASE}/realtime/sessions"
GA_BODY = {"expires_after": {"anchor": "created_at", "seconds": 600},
           "session": {"type": "realtime", "model": "gpt-realtime", "instructions": "Hi ✓"}}
BETA_BODY = {"model": "gpt-4o-realtime-preview", "voice": "alloy", "temperature": 0.8}
EPHEMERAL = "ek_test_0123456789abcdef"  # fake; shaped like a secret
GA_ANSWER: dict[str, Any] = {"value": EPHEMERAL, "expires_at": 1_900_000_000,
             "session": {"type": "realtime", "object": "realtime.session", "id": "sess_1",
                         "model": "gpt-realtime", "tracing": None, "tools": None}}
BETA_ANSWER: dict[str, Any] = {"id": "sess_2", "object": "realtime.session", "model": "gpt-4o-realtime-preview",
               "turn_detection": None, "input_audio_transcription": None,
               "client_secret": {"value": "ek_beta0123456789", "expires_at": 1_900_000_060}}


def prepared(url: str = GA_URL, shape: ResponseShape = "ga", *, key: str = KEY,
             body: dict[str, Any] | None = None, secret_header: str = "Authorization",
             content_type: bool = True) -> PreparedRequest:
    headers = {secret_header: f"Bearer {key}" if secret_header == "Authorization" else key,
               "User-Agent": f"realtime-gui/{__version__}", "OpenAI-Organization": "org-123"}
    if content_type:
        headers["Content-Type"] = "application/json"
    default = GA_BODY if shape == "ga" else BETA_BODY
    return PreparedRequest("POST", url, headers, body if body is not None else default, shape,
                           secret_header)


def answering(status: int, json_body: Any = None, *, content: bytes | None = None,
              headers: dict[str, str] | None = None) -> httpx.MockTransport:
    """A transport that answers every request the same way."""
    def handler(request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content, headers=headers)
        return httpx.Response(status, json=json_body, headers=headers)
    return httpx.MockTransport(handler)


def raising(exc: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc
    return httpx.MockTransport(handler)


def error_body(message: str = "Something is off.", type_: str | None = "invalid_request_error",
               param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def fail(transport: httpx.BaseTransport | None, request: PreparedRequest | None = None,
         *, secrets: Sequence[str] = (), **client: Any) -> MintError:
    with pytest.raises(MintError) as caught:
        mint(request or prepared(), MintClient(transport=transport, **client), secrets=secrets)
    return caught.value
