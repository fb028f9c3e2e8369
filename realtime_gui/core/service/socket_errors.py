"""What checking a token can fail with, past the mint: the Realtime socket's own failures.

Part of the tree drawn in :mod:`realtime_gui.core.service.errors`::

    MintError
     ├── TokenRefusedError      the socket refused a fresh client secret (401/403, an error event, a close)
     ├── SocketClosedError      the socket closed before ``session.created`` (``close_code``, ``close_reason``)
     └── SessionTimeout         the socket opened, but no ``session.created`` came in time
"""

from __future__ import annotations

from typing import Unpack

from realtime_gui.core.service.error_base import ErrorContext, MintError, safe_text

__all__ = ["SessionTimeout", "SocketClosedError", "TokenRefusedError"]


def _closed_how(close_code: int | None, close_reason: str | None) -> str:
    if close_code is None:
        return "without a close code"
    return f"with code {close_code}" + (f' ("{close_reason}")' if close_reason else "")


class TokenRefusedError(MintError):
    """The Realtime socket refused the client secret just minted: 401 or 403 on
    the upgrade, an ``error`` event naming the token, or a close saying so
    (``close_code``, ``close_reason``; ``None`` when refused on the upgrade)."""

    title = "Client secret refused"
    default_message = "The Realtime service refused the client secret that had just been minted."
    advice = "Check the secret's lifetime (Expiry), and that the base URL serves the Realtime socket too."

    def __init__(self, message: str | None = None, *, close_code: int | None = None,
                 close_reason: str | None = None, **context: Unpack[ErrorContext]) -> None:
        self.close_code, self.close_reason = close_code, safe_text(close_reason)
        if message is None and close_code is not None:
            message = (f"The Realtime socket closed {_closed_how(close_code, self.close_reason)}: "
                       "it refused the client secret that had just been minted.")
        super().__init__(message, **context)
        if close_code is not None:
            self.details.update(close_code=close_code, close_reason=self.close_reason or "")


class SocketClosedError(MintError):
    """The Realtime socket closed before ``session.created``; ``close_code`` and
    ``close_reason`` are the close frame's (``None``: the connection dropped without one)."""

    title = "Socket closed"
    advice = "Try again; if it keeps closing, the close code and reason above say why."

    def __init__(self, close_code: int | None, close_reason: str | None = None,
                 **context: Unpack[ErrorContext]) -> None:
        self.close_code, self.close_reason = close_code, safe_text(close_reason)
        message = f"The Realtime socket closed {_closed_how(close_code, self.close_reason)} before the session began."
        super().__init__(message, **context)
        self.details.update(close_code=close_code, close_reason=self.close_reason or "")


class SessionTimeout(MintError):
    """The socket opened, but ``session.created`` did not come within ``seconds``."""

    title = "Timed out"
    advice = "The service may be busy: try again, or allow a longer time."

    def __init__(self, seconds: float, host: str = "the service", **context: Unpack[ErrorContext]) -> None:
        self.seconds = seconds
        super().__init__(f"The Realtime socket at {host} opened, but no session.created came within "
                         f"{seconds:g} s.", **context)
        self.details.setdefault("waited_s", seconds)
