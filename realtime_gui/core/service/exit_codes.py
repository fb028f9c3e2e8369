"""The command line's exit status for each class of failure in the error tree.

Every class of :mod:`realtime_gui.core.service.errors` has its own code, clear
of the few the command line keeps for itself; :func:`exit_code_for` finds the
code of any exception by its nearest class in :data:`EXIT_CODES`.
"""

from __future__ import annotations

from realtime_gui.core.service.errors import (
    AuthenticationError,
    BadResponseError,
    BetaShapeDisabledError,
    ConfigurationInvalidError,
    InvalidRequestError,
    KeyringUnavailableError,
    MintCancelled,
    MintError,
    MintTimeout,
    NetworkError,
    NoApiKeyError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SessionTimeout,
    SocketClosedError,
    TokenRefusedError,
    UntrustedConnectionError,
)

__all__ = [
    "EXIT_CODES",
    "EXIT_CONFIGURATION_NOT_FOUND",
    "EXIT_OK",
    "EXIT_UNEXPECTED",
    "EXIT_USAGE",
    "exit_code_for",
]

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2  # argparse's own
EXIT_CONFIGURATION_NOT_FOUND = 15  # the CLI's own; no class here

EXIT_CODES: dict[type[MintError], int] = {
    MintError: EXIT_UNEXPECTED,
    ConfigurationInvalidError: 3,
    NetworkError: 4,
    MintTimeout: 5,
    AuthenticationError: 6,
    PermissionDeniedError: 7,
    InvalidRequestError: 8,
    BetaShapeDisabledError: 9,
    RateLimitError: 10,
    ServerError: 11,
    BadResponseError: 12,
    KeyringUnavailableError: 13,
    NoApiKeyError: 14,
    UntrustedConnectionError: 18,  # 15-17 are the command line's own
    # checking a token; 20 and 21 are serve's own
    TokenRefusedError: 19,
    SocketClosedError: 22,
    SessionTimeout: 23,
    # 128 + SIGINT, what a shell reports for a run stopped with Ctrl-C.
    MintCancelled: 130,
}


def exit_code_for(exc: BaseException) -> int:
    """The exit status for *exc*: its nearest class in :data:`EXIT_CODES`, else 1."""
    for cls in type(exc).__mro__:
        if issubclass(cls, MintError) and cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return EXIT_UNEXPECTED
