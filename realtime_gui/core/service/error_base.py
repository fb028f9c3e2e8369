"""What every error of the mint carries, and how it shows itself: masked.

:class:`MintError` is the root of the error tree drawn in
:mod:`realtime_gui.core.service.errors`. Every text it shows -- message,
request id, details, ``str`` -- passes through
:func:`realtime_gui.core.redact.scrub_error`, so a subclass can't forget to.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, Unpack

from realtime_gui.core.redact import redact_error, scrub_error

__all__ = ["ErrorContext", "MintError", "safe_text"]


class ErrorContext(TypedDict, total=False):
    """The keyword arguments every :class:`MintError` accepts."""

    advice: str
    title: str
    status: int | None
    request_id: str | None
    error_type: str | None
    code: str | None
    service_message: str | None
    details: Mapping[str, Any]


class MintError(Exception):
    """Base of every failure a mint, or the steps before it, can end in.

    ``title`` is a few words for a dialog's heading, ``advice`` says what to
    do, ``details`` holds everything else for a details view. ``status``,
    ``error_type`` and ``code`` come from the service's answer when there was
    one. ``service_message`` is what the service said; whoever raises must
    have passed it, and anything else from the server, through
    :func:`~realtime_gui.core.redact.scrub`.
    """

    title: str = "Could not mint a client secret"
    default_message: str = "The client secret could not be minted."
    advice: str = "Try again; if it keeps failing, open the details and report them."

    def __init__(self, message: str | None = None, **context: Unpack[ErrorContext]) -> None:
        self._message = message or self.default_message
        if "advice" in context:
            self.advice = context["advice"]
        if "title" in context:
            self.title = context["title"]
        self.status = context.get("status")
        self.request_id = safe_text(context.get("request_id"))
        self.error_type = safe_text(context.get("error_type"))
        self.code = safe_text(context.get("code"))
        self.service_message = safe_text(context.get("service_message"))
        # Which service and authentication style the request went to; the
        # caller that knows the configuration fills it in.
        self.sent_to: str | None = None
        known = {
            "status": self.status,
            "request_id": self.request_id,
            "type": self.error_type,
            "code": self.code,
            "service_message": self.service_message,
        }
        self.details: dict[str, Any] = {k: v for k, v in known.items() if v is not None}
        self.details.update(redact_error(dict(context.get("details", {}))))
        super().__init__(self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take other positional arguments than ``args`` holds, so
        # rebuild from the attributes (for pickling and ``copy``).
        return (_rebuild, (type(self), self.__dict__.copy()))

    @property
    def message(self) -> str:
        """What happened, in our words, followed by what the service said; masked."""
        return scrub_error(self._text())

    def _text(self) -> str:
        if self.service_message:
            return f'{self._message} The service said: "{self.service_message}"'
        return self._message

    def __str__(self) -> str:
        text = " ".join(part for part in (self.message, self.advice) if part)
        notes = [f"request id: {self.request_id}"] if self.request_id else []
        if self.sent_to:
            notes.append(f"sent to {self.sent_to}")
        return scrub_error(text + (f" ({'; '.join(notes)})" if notes else ""))


def safe_text(text: str | None) -> str | None:
    """``text`` masked (see :func:`~realtime_gui.core.redact.scrub_error`), or ``None``."""
    return None if text is None else scrub_error(text)


def _rebuild(cls: type[MintError], state: dict[str, Any]) -> MintError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error.message)
    return error
