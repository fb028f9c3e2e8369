"""A request ready to send, and the credentials that sign it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Any, Literal

from realtime_gui.core.records import record
from realtime_gui.core.redact import mask_key

__all__ = ["Credentials", "PreparedRequest", "ResponseShape"]

ResponseShape = Literal["beta", "ga"]


@record
class Credentials:
    """An API key and where it came from. ``repr`` never shows the key."""

    api_key: str = field(repr=False)
    source: str  # in words, for people: "keyring (NAME)", "environment (OPENAI_API_KEY)"

    def __repr__(self) -> str:
        return f"Credentials(api_key={mask_key(self.api_key)!r}, source={self.source!r})"


@record
class PreparedRequest:
    """Everything :func:`realtime_gui.core.service.mint.mint` sends, already built.

    ``headers`` hold the real key; show :meth:`masked_headers` to people.
    ``response_shape`` says where the secret sits in the answer: ``beta`` is
    ``client_secret.value``/``client_secret.expires_at`` with the session at
    the top level; ``ga`` is top-level ``value``/``expires_at`` and ``session``.
    """

    method: str
    url: str
    headers: Mapping[str, str] = field(repr=False)
    body: Mapping[str, Any]
    response_shape: ResponseShape
    secret_header: str = "Authorization"

    def masked_headers(self) -> dict[str, str]:
        shown = dict(self.headers)
        if self.secret_header in shown:
            value = shown[self.secret_header]
            prefix = "Bearer " if value.startswith("Bearer ") else ""
            shown[self.secret_header] = prefix + mask_key(value[len(prefix):])
        return shown

    def __repr__(self) -> str:
        return f"PreparedRequest({self.method} {self.url}, shape={self.response_shape})"
