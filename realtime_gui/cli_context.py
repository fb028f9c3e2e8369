"""What every command of the command line shares: the store, the keys, and where
output, messages and typed secrets go. Tests and the window inject their own."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from realtime_gui.core.library.keys import ApiKeys
    from realtime_gui.core.library.store import ConfigStore

__all__ = ["Context"]


class Context:
    """What commands share; tests and the window inject their own."""

    def __init__(self, store: ConfigStore | None = None, keys: ApiKeys | None = None,
                 stdout: TextIO | None = None, stderr: TextIO | None = None,
                 read_secret: Callable[[str], str] | None = None) -> None:
        self._store, self._keys = store, keys
        self.out = stdout or sys.stdout
        self.err = stderr or sys.stderr
        self.read_secret = read_secret or _read_secret

    @property
    def store(self) -> ConfigStore:
        if self._store is None:
            from realtime_gui.core.library.store import ConfigStore

            self._store = ConfigStore()
        return self._store

    @property
    def keys(self) -> ApiKeys:
        if self._keys is None:
            from realtime_gui.core.library.keys import ApiKeys

            self._keys = ApiKeys()
        return self._keys

    def print(self, text: str = "") -> None:
        """The command's output, on standard output."""
        print(text, file=self.out)

    def tell(self, text: str) -> None:
        """What happened, on standard error, so the output stays clean for pipes."""
        print(text, file=self.err)

    def error(self, text: str) -> None:
        self.tell(f"error: {text}")


def _read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()


