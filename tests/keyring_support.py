"""Keyring backends for tests: one that keeps entries in a dict, one that also
waits at a gate and notes each call's thread, and two that fail."""

from __future__ import annotations

import threading
from typing import ClassVar, NamedTuple

from keyring.backend import KeyringBackend
from keyring.backends import chainer
from keyring.errors import KeyringLocked, PasswordDeleteError, PasswordSetError

__all__ = ["DictBackend", "EmptyChainer", "GatedBackend", "KeyringCall", "LeakyBackend"]


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


class KeyringCall(NamedTuple):
    """A call a :class:`GatedBackend` got: ``get``, ``set`` or ``delete``, the entry, and whether on the main thread."""

    action: str
    username: str
    on_main_thread: bool


class GatedBackend(DictBackend):
    """A working keyring in a dict whose every call notes its thread and waits
    while :attr:`gate` is closed, as a slow D-Bus or an unlock prompt would.

    :attr:`waiting` is set once a call waits at the closed gate; open the gate
    (``gate.set()``) to let it through. :attr:`calls` lists every call.
    """

    def __init__(self, *, closed: bool = False) -> None:
        super().__init__()
        self.gate = threading.Event()
        if not closed:
            self.gate.set()
        self.waiting = threading.Event()
        self.calls: list[KeyringCall] = []
        self._calls_lock = threading.Lock()

    def close_gate(self) -> None:
        self.waiting.clear()
        self.gate.clear()

    def on_main_thread(self) -> list[KeyringCall]:
        """The calls that came on the main (UI) thread."""
        with self._calls_lock:
            return [call for call in self.calls if call.on_main_thread]

    def get_password(self, service: str, username: str) -> str | None:
        self._through("get", username)
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._through("set", username)
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._through("delete", username)
        super().delete_password(service, username)

    def _through(self, action: str, username: str) -> None:
        with self._calls_lock:
            self.calls.append(KeyringCall(action, username, threading.current_thread() is threading.main_thread()))
        if not self.gate.is_set():
            self.waiting.set()
            if not self.gate.wait(30):
                raise AssertionError("the test never opened the keyring's gate")


class LeakyBackend(DictBackend):
    """Refuses writes with a message that quotes the secret."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError(f"cannot store {password!r}")


class EmptyChainer(chainer.ChainerBackend):
    backends: ClassVar[list[KeyringBackend]] = []
