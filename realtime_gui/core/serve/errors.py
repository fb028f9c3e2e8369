"""What can stop the token server from starting, beside an invalid configuration.

::

    ServeSetupError             base: the server did not start
     ├── OriginFormatError      an --allow-origin value is not scheme://host[:port]
     └── PortInUseError         the port is taken (or may not be bound)

Both are plain to print: one line saying what to change.
"""

from __future__ import annotations

__all__ = ["OriginFormatError", "PortInUseError", "ServeSetupError"]


class ServeSetupError(Exception):
    """The token server could not start; ``str()`` says what to change."""


class OriginFormatError(ServeSetupError, ValueError):
    """An allowed origin that is not ``scheme://host[:port]``."""


class PortInUseError(ServeSetupError):
    """The port can't be bound on loopback."""

    def __init__(self, port: int, reason: str) -> None:
        self.port = port
        super().__init__(f"port {port} on 127.0.0.1 can't be used ({reason}); choose another with --port, "
                         "or --port 0 for any free one")

    def __str__(self) -> str:
        return str(self.args[0])
