"""How a request carries its API key: one small object per scheme.

Like httpx's ``Auth`` classes, each scheme signs the headers it is given and
names the header that holds the secret, so previews can mask it and errors
can scrub it. A provider picks its scheme.
"""

from __future__ import annotations

from typing import Protocol

from realtime_gui.core.records import record

__all__ = ["ApiKeyHeader", "Auth", "BearerAuth"]


class Auth(Protocol):
    """A way of sending an API key."""

    @property
    def header(self) -> str:
        """The header that carries the key."""

    def sign(self, headers: dict[str, str], api_key: str) -> None:
        """Put ``api_key`` into ``headers``."""

    def describe(self) -> str:
        """A few words for people: ``Authorization: Bearer``."""


@record
class BearerAuth:
    """``Authorization: Bearer KEY``, as OpenAI and compatible servers take it."""

    header: str = "Authorization"

    def sign(self, headers: dict[str, str], api_key: str) -> None:
        headers[self.header] = f"Bearer {api_key}"

    def describe(self) -> str:
        return f"{self.header}: Bearer"


@record
class ApiKeyHeader:
    """The bare key in a header of its own, as Azure OpenAI's ``api-key``."""

    header: str = "api-key"

    def sign(self, headers: dict[str, str], api_key: str) -> None:
        headers[self.header] = api_key

    def describe(self) -> str:
        return f"{self.header} header"
