"""How the command line reports a failure: its exit status, and one plain answer on standard error
(or, for ``mint --json``, a JSON object on standard output).

Beside the error tree's own codes (:mod:`realtime_gui.core.service.exit_codes`)
the command line keeps a few for itself: wrong usage, no such configuration,
no such input file, and empty input where a value was needed.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

__all__ = ["EXIT_BAD_ORIGIN", "EXIT_EMPTY_INPUT", "EXIT_FILE_NOT_FOUND", "EXIT_PORT_IN_USE", "EmptyInputError",
           "Failure", "cli_exit_codes", "failure_of"]

EXIT_FILE_NOT_FOUND = 16
EXIT_EMPTY_INPUT = 17
# serve's own: the server could not start
EXIT_PORT_IN_USE = 20
EXIT_BAD_ORIGIN = 21


class EmptyInputError(ValueError):
    """Nothing was given where a value was needed (an empty key on standard input)."""


@dataclass
class Failure:
    """One failed command as the user sees it: the exit status, the line for
    standard error (and any below it), and the same as JSON fields.
    ``quiet``: say nothing (a closed pipe)."""

    code: int
    text: str
    lines: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)  # title, message, advice, status, request id...
    quiet: bool = False
    prefix: str = "error: "

    def __post_init__(self) -> None:
        # Every failure passes here, whatever raised it: nothing shaped like a
        # key, a token or a URL's password reaches the terminal or the JSON.
        from realtime_gui.core.redact import redact_error, scrub_error

        self.text = scrub_error(self.text)
        self.lines = [scrub_error(line) for line in self.lines]
        self.fields = redact_error(self.fields)

    def tell(self, err: TextIO) -> None:
        """The answer on standard error: ``error: ...`` and any further lines."""
        if self.quiet:
            return
        print(f"{self.prefix}{self.text}", file=err)
        for line in self.lines:
            print(line, file=err)

    def as_json(self) -> str:
        """The answer as a JSON object: ``{"error": {...}}``."""
        error = {"message": self.text, **self.fields, "exit_code": self.code}
        return json.dumps({"error": error}, indent=2, ensure_ascii=False)


def cli_exit_codes() -> dict[int, str]:
    """The codes the command line keeps for itself, with their words for ``--help``."""
    from realtime_gui.core.service.exit_codes import (
        EXIT_CONFIGURATION_NOT_FOUND,
        EXIT_OK,
        EXIT_UNEXPECTED,
        EXIT_USAGE,
    )

    return {EXIT_OK: "success", EXIT_UNEXPECTED: "unexpected error", EXIT_USAGE: "wrong command-line usage",
            EXIT_CONFIGURATION_NOT_FOUND: "no such configuration", EXIT_FILE_NOT_FOUND: "no such input file",
            EXIT_EMPTY_INPUT: "empty input where a value was needed (a key on standard input)",
            EXIT_PORT_IN_USE: "serve: the port is in use", EXIT_BAD_ORIGIN: "serve: an origin is not scheme://host[:port]"}


def failure_of(error: BaseException, out: TextIO) -> Failure:
    """What the user is told about ``error``, and the exit status."""
    from realtime_gui.core.library.store import ConfigLoadError, ConfigNameError, ConfigNotFoundError
    from realtime_gui.core.service.errors import ConfigurationInvalidError, MintCancelled, MintError
    from realtime_gui.core.service.exit_codes import (
        EXIT_CODES,
        EXIT_CONFIGURATION_NOT_FOUND,
        EXIT_UNEXPECTED,
        exit_code_for,
    )

    invalid = EXIT_CODES[ConfigurationInvalidError]
    serve_failure = _serve_failure(error)
    if serve_failure is not None:
        return serve_failure
    if isinstance(error, BrokenPipeError):
        _silence(out)
        return Failure(0, "", quiet=True)
    if isinstance(error, ConfigurationInvalidError):
        problems = [problem.message for problem in error.problems]
        return Failure(invalid, f"{len(problems)} problem(s) in the configuration:",
                       lines=[f"  - {p}" for p in problems], fields={"title": error.title, "problems": problems})
    if isinstance(error, MintError):
        text = str(error)
        if not text.lower().startswith(error.title.lower()):  # "No API key: No API key: ..." otherwise
            text = f"{error.title}: {text}"
        known = {"title": error.title, "message": error.message, "advice": error.advice, "status": error.status,
                 "request_id": error.request_id, "type": error.error_type, "code": error.code,
                 "sent_to": error.sent_to}
        return Failure(exit_code_for(error), text, fields={k: v for k, v in known.items() if v is not None})
    if isinstance(error, ConfigNotFoundError):
        return Failure(EXIT_CONFIGURATION_NOT_FOUND, f"{str(error).rstrip('.')}. See `realtime-gui configs list`.",
                       fields={"title": "No such configuration"})
    if isinstance(error, EmptyInputError):
        return Failure(EXIT_EMPTY_INPUT, str(error), fields={"title": "Empty input"})
    if isinstance(error, (ConfigNameError, ConfigLoadError, ValueError)):
        return Failure(invalid, str(error))
    if isinstance(error, FileNotFoundError):
        text = f"{error.strerror or 'No such file'}: {error.filename or ''}".rstrip(": ")
        return Failure(EXIT_FILE_NOT_FOUND, text, fields={"title": "No such file"})
    if isinstance(error, OSError):
        return Failure(EXIT_UNEXPECTED, f"{error.strerror or error}: {error.filename or ''}".rstrip(": "))
    if isinstance(error, KeyboardInterrupt):
        return Failure(EXIT_CODES[MintCancelled], "cancelled", fields={"title": "Cancelled"}, prefix="")
    # A bug: one line, not a traceback that might quote a value.
    return Failure(EXIT_UNEXPECTED, f"unexpected {type(error).__name__}; please report it with the command you ran")


def _serve_failure(error: BaseException) -> Failure | None:
    """The token server's own start-up failures, or None."""
    from realtime_gui.core.serve.errors import OriginFormatError, PortInUseError

    if isinstance(error, PortInUseError):
        return Failure(EXIT_PORT_IN_USE, str(error), fields={"title": "Port in use"})
    if isinstance(error, OriginFormatError):
        return Failure(EXIT_BAD_ORIGIN, str(error), fields={"title": "Not an origin"})
    return None


def _silence(out: TextIO) -> None:
    """The reader of our output went away (``| head``): send the rest nowhere, so
    the interpreter's last flush doesn't complain either."""
    if out is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
