"""The answers tests/fakeserver.py gives: a beta session, a GA client secret, an error body.

Shaped as OpenAI's token endpoints answer; the secrets in them are random and fake.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from typing import Any

__all__ = ["beta_session", "error_body", "ga_secret"]


def error_body(message: str, type_: str | None = "invalid_request_error",
                param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def _session_id() -> str:
    return "sess_" + secrets.token_hex(12)


def _ephemeral_key() -> str:
    return "ek_" + secrets.token_hex(16)


def beta_session(body: Mapping[str, Any], object_name: str) -> dict[str, Any]:
    now = int(time.time())
    return {"id": _session_id(), "object": object_name, **body,
            "client_secret": {"value": _ephemeral_key(), "expires_at": now + 60}}


def ga_secret(body: Mapping[str, Any], *, translation: bool) -> dict[str, Any]:
    now = int(time.time())
    expires_after = body.get("expires_after") or {}
    seconds = expires_after.get("seconds", 600) if isinstance(expires_after, dict) else 600
    wanted = body.get("session")
    asked: dict[str, Any] = wanted if isinstance(wanted, dict) else {}
    session: dict[str, Any] = {**asked, "id": _session_id()}
    if translation:
        session.update(type="translation", expires_at=now + 3600)
    elif asked.get("type") == "transcription":
        session["object"] = "realtime.transcription_session"
    else:
        session.update(type="realtime", object="realtime.session")
    return {"value": _ephemeral_key(), "expires_at": now + int(seconds), "session": session}
