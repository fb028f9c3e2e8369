"""Everything a mint can fail with, as one small tree.

::

    MintError                          base: title, advice, status, request_id, ...
     ├── MintCancelled                 cancelled before the request was sent
     ├── NetworkError                  DNS, refused, reset, TLS, proxy, unusable URL
     ├── MintTimeout                   no connection or no answer in time (``phase``)
     ├── AuthenticationError           401: the key was refused
     ├── PermissionDeniedError         403: the key may not do this
     ├── InvalidRequestError           400/404/422: the request was rejected (``param``)
     │    └── BetaShapeDisabledError   400 ``beta_api_shape_disabled``
     ├── RateLimitError                429 (``retry_after``)
     ├── ServerError                   5xx, including a proxy's HTML error page
     ├── BadResponseError              2xx that holds no usable secret
     ├── KeyringUnavailableError       no keyring backend works
     ├── NoApiKeyError                 no key in the keyring nor in OPENAI_API_KEY
     ├── ConfigurationInvalidError     the configuration breaks its declaration
     ├── UntrustedConnectionError      the key would go to a host the user hasn't confirmed
     ├── TokenRefusedError             the Realtime socket refused a fresh client secret (``close_code``)
     ├── SocketClosedError             the Realtime socket closed before ``session.created`` (``close_code``)
     └── SessionTimeout                the socket opened, but no ``session.created`` came in time

The last three come from checking a token (:mod:`realtime_gui.core.check`) and live in
:mod:`realtime_gui.core.service.socket_errors`.

``str(err)`` is our own plain-English message, then what to do, then the
service's request id when there is one. Whatever the server said is passed
through :func:`realtime_gui.core.redact.scrub` before it reaches a message or
``details``, and every text an error shows (message, request id, details,
``str``) goes through :func:`realtime_gui.core.redact.scrub_error` on top: a
server that echoes a key or token back, or a URL with a password in it, must
not leak into a dialog, a log or a bug report.

Each class's command-line exit status is in
:mod:`realtime_gui.core.service.exit_codes`.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import ClassVar, Literal, Protocol, Unpack

from realtime_gui.core.service.error_base import ErrorContext, MintError, safe_text
from realtime_gui.core.service.socket_errors import SessionTimeout, SocketClosedError, TokenRefusedError

__all__ = [
    "AuthenticationError",
    "BadResponseError",
    "BetaShapeDisabledError",
    "ConfigurationInvalidError",
    "ErrorContext",
    "InvalidRequestError",
    "KeyringUnavailableError",
    "MintCancelled",
    "MintError",
    "MintTimeout",
    "NetworkError",
    "NoApiKeyError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "SessionTimeout",
    "SocketClosedError",
    "TimeoutPhase",
    "TokenRefusedError",
    "UntrustedConnectionError",
]

class MintCancelled(MintError):
    """The caller cancelled before the request was sent."""

    title = "Cancelled"
    default_message = "The mint was cancelled before the request was sent."
    advice = ""


class NetworkError(MintError):
    """The exchange failed below HTTP: DNS, refused, reset, TLS, proxy or URL."""

    title = "No connection"
    default_message = "Could not reach the service."
    advice = "Check the internet connection, any proxy settings, and the base URL."


TimeoutPhase = Literal["connect", "read", "write", "pool", "total"]

_TIMEOUT_MESSAGES: dict[TimeoutPhase, str] = {
    "connect": "Could not connect to {host}{within} (connect timeout).",
    "read": "{host} took the request but did not answer{within} (read timeout).",
    "write": "Sending the request to {host} did not finish{within} (write timeout).",
    "pool": "No connection to {host} became free{within} (pool timeout).",
    "total": "{host} did not finish answering{within} (total deadline).",
}
_TIMEOUT_ADVICE: dict[TimeoutPhase, str] = {
    "connect": "Check the connection and the base URL, or allow a longer connect timeout.",
    "read": "The service may be busy: try again, or allow a longer read timeout.",
    "write": "Check the connection, or allow a longer timeout.",
    "pool": "Try again, or allow a longer timeout.",
    "total": ("The request may have reached the service, so a secret may have been minted and thrown "
              "away (it expires on its own). Try again, or allow a longer timeout."),
}


class MintTimeout(MintError):
    """No connection, or no answer, within the time allowed; ``phase`` says which."""

    title = "Timed out"

    def __init__(
        self,
        phase: TimeoutPhase,
        seconds: float | None = None,
        host: str = "the service",
        **context: Unpack[ErrorContext],
    ) -> None:
        self.phase: TimeoutPhase = phase
        self.seconds = seconds
        within = f" within {seconds:g} s" if seconds is not None else ""
        context.setdefault("advice", _TIMEOUT_ADVICE[phase])
        super().__init__(_TIMEOUT_MESSAGES[phase].format(host=host, within=within), **context)
        self.details.setdefault("phase", phase)


class AuthenticationError(MintError):
    """401: the service refused the API key."""

    title = "API key refused"
    default_message = "The service refused the API key."
    advice = (
        "The key may be mistyped, revoked or meant for another service: "
        "replace it with `realtime-gui key set` or in the Keys dialog."
    )


_MISMATCHED_ORGANIZATION = "mismatched_organization"


class PermissionDeniedError(MintError):
    """403: the key is valid but may not do this."""

    title = "Not allowed"
    default_message = "The API key is not allowed to make this request."
    advice = "Check that the key's project may use the Realtime API and this model."

    def __init__(self, message: str | None = None, **context: Unpack[ErrorContext]) -> None:
        if context.get("code") == _MISMATCHED_ORGANIZATION:
            context.setdefault(
                "advice",
                "The key belongs to another organization than the one sent: check the "
                "OpenAI-Organization and project settings, or clear them to use the key's own.",
            )
        super().__init__(message, **context)


class InvalidRequestError(MintError):
    """400, 404 or 422: the service rejected the request.

    ``param`` is the wire parameter the service blamed. Callers that know the
    declaration may set ``field_path`` to the declared field it maps to; the
    message then names that field.
    """

    title = "Request rejected"
    default_message = "The service rejected the request."
    advice = "Correct the value named above and try again."

    def __init__(
        self,
        message: str | None = None,
        *,
        param: str | None = None,
        **context: Unpack[ErrorContext],
    ) -> None:
        self.param = safe_text(param)
        self.field_path: str | None = None
        self.field_label: str | None = None
        if context.get("status") == 404:
            context.setdefault("advice", "Check the base URL, the endpoint and the model name.")
        elif param is None and self.advice == InvalidRequestError.advice:  # nothing is named above
            context.setdefault("advice", "Check the configuration against what the service said, and try again.")
        super().__init__(message, **context)
        if self.param is not None:
            self.details["param"] = self.param

    def _text(self) -> str:
        text = super()._text()
        if self.field_path:
            named = f"{self.field_label} ({self.field_path})" if self.field_label else self.field_path
            return f"{text} Field: {named}."
        if self.param:
            return f"{text} Parameter: {self.param}."
        return text


class BetaShapeDisabledError(InvalidRequestError):
    """400 ``beta_api_shape_disabled``: the service no longer takes the beta shape."""

    error_code: ClassVar[str] = "beta_api_shape_disabled"
    title = "Beta interface switched off"
    default_message = (
        "This service has switched off the beta request shape (POST /v1/realtime/sessions)."
    )
    advice = (
        "The GA endpoint POST /v1/realtime/client_secrets is the way forward: "
        "convert this configuration to the GA shape and mint again."
    )


_INSUFFICIENT_QUOTA = "insufficient_quota"


class RateLimitError(MintError):
    """429: too many requests, or no quota left. ``retry_after`` is in seconds."""

    title = "Rate limited"
    default_message = "The service is limiting requests from this key."

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float | None = None,
        **context: Unpack[ErrorContext],
    ) -> None:
        self.retry_after = retry_after
        if context.get("code") == _INSUFFICIENT_QUOTA:
            # Waiting does not refill a quota; say so rather than "try again".
            message = message or "The organization's quota is used up."
            context.setdefault("advice", "Check the plan and billing settings; waiting will not help.")
        elif retry_after is not None:
            context.setdefault("advice", f"Wait {max(1, round(retry_after))} s and try again.")
        else:
            context.setdefault("advice", "Wait a little and try again.")
        super().__init__(message, **context)
        if retry_after is not None:
            self.details["retry_after"] = retry_after


class ServerError(MintError):
    """5xx, or an error page from a proxy in front of the service."""

    title = "Service error"
    default_message = "The service failed to handle the request."
    advice = "The fault is on the service's side: try again in a moment."


class BadResponseError(MintError):
    """A 2xx answer that is not JSON, holds no secret, or is larger than 2 MB."""

    title = "Unusable answer"
    default_message = "The service's answer could not be used."
    advice = "Check that the base URL points at the OpenAI API, not at a proxy or a web page."


class KeyringUnavailableError(MintError):
    """No keyring backend works, so no key can be stored or read."""

    title = "No keyring"
    default_message = "No working keyring was found, so API keys cannot be stored or read."
    advice = (
        "Install or unlock a Secret Service such as gnome-keyring, "
        "or use a key held in memory for this run only."
    )

    def __init__(self, reason: str | None = None, **context: Unpack[ErrorContext]) -> None:
        message = None
        if reason:
            message = f"{self.default_message.removesuffix('.')} ({reason})."
        super().__init__(message, **context)
        self.reason = reason


class NoApiKeyError(MintError):
    """No key is stored in the keyring and OPENAI_API_KEY is not set."""

    title = "No API key"
    default_message = "No API key: none is stored in the keyring and OPENAI_API_KEY is not set."
    advice = "Add one with `realtime-gui key set` or in the Keys dialog."

    def __init__(self, name: str | None = None, *, message: str | None = None,
                 **context: Unpack[ErrorContext]) -> None:
        if message is None and name:
            message = f'No API key: none is stored in the keyring as "{name}" and OPENAI_API_KEY is not set.'
        super().__init__(message, **context)
        self.key_name = name


class _Problem(Protocol):
    @property
    def message(self) -> str: ...


_PROBLEMS_SHOWN = 3


class ConfigurationInvalidError(MintError):
    """The configuration breaks its declaration; ``problems`` lists how."""

    title = "Configuration invalid"
    default_message = "The configuration is invalid."
    advice = "Correct the fields listed and try again."

    def __init__(self, problems: Sequence[_Problem], **context: Unpack[ErrorContext]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        shown = "; ".join(p.message.rstrip(".") for p in self.problems[:_PROBLEMS_SHOWN])
        more = f"; and {count - _PROBLEMS_SHOWN} more" if count > _PROBLEMS_SHOWN else ""
        noun = "problem" if count == 1 else "problems"
        message = f"{count} {noun} in the configuration: {shown}{more}." if count else None
        super().__init__(message, **context)
        self.details["problems"] = [p.message for p in self.problems]


class UntrustedConnectionError(MintError):
    """The configuration would send the API key to a host the user hasn't
    confirmed (it came from someone else's file), or over plain http.

    ``host`` is the origin (``scheme://host[:port]``), ``key_name`` the key it
    would receive, ``config_name`` the configuration. ``plain_http``: the
    connection is unencrypted to a host that isn't this machine; ``confirmed``:
    the host and key are confirmed, only plain http isn't. ``command`` is what
    confirms it on the command line.
    """

    title = "Connection not confirmed"

    def __init__(self, host: str, key_name: str, config_name: str, *, plain_http: bool = False,
                 confirmed: bool = False, **context: Unpack[ErrorContext]) -> None:
        self.host, self.key_name, self.config_name = host, key_name, config_name
        self.plain_http, self.confirmed = plain_http, confirmed
        allow = " --allow-http" if plain_http else ""
        self.command = f"realtime-gui configs trust {shlex.quote(config_name)}{allow}"
        over = " over plain http, which anyone on the way can read" if plain_http else ""
        if confirmed:
            message = (f"Configuration {config_name!r} would send the API key {key_name!r} to {host}{over}; "
                       "nothing was sent.")
            advice = f"Use https, or if you accept that, run `{self.command}` (or confirm it in the window)."
        else:
            message = (f"Configuration {config_name!r} would send the API key {key_name!r} to {host}{over}, "
                       "a host you haven't confirmed; nothing was sent.")
            advice = (f"If you trust {host} with that key, run `{self.command}` (or confirm it in the window); "
                      "otherwise change the base URL or the key.")
        context.setdefault("advice", advice)
        super().__init__(message, **context)
        self.details.update(host=host, key_name=key_name, plain_http=plain_http, confirmed=confirmed)

