"""Keyring backends for tests: one that keeps entries in a dict, and two that fail."""

from __future__ import annotations

from typing import ClassVar

from keyring.backend import KeyringBackend
from keyring.backends import chainer
from keyring.errors import KeyringLocked, PasswordDeleteError, PasswordSetError

__all__ = ["DictBackend", "EmptyChainer", "LeakyBackend"]


class DictBackend(KeyringBackend):
    """A working keyring in a dict. A negative priority keeps keyring from
    ever choosing it on its own."""

    priority = -10

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")

    def _check(self) -> None:
        if self.locked:
            raise KeyringLocked("Failed to unlock the collection!")


class LeakyBackend(DictBackend):
    """Refuses writes with a message that quotes the secret."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError(f"cannot store {password!r}")


class EmptyChainer(chainer.ChainerBackend):
    backends: ClassVar[list[KeyringBackend]] = []
