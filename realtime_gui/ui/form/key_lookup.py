"""Which key a key name resolves to, and how the window says so."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from realtime_gui.core.library.keys import DEFAULT_KEY, ENV_VAR, KeyNameError
from realtime_gui.core.service.errors import KeyringUnavailableError, NoApiKeyError
from realtime_gui.core.service.request import Credentials

if TYPE_CHECKING:
    from realtime_gui.core.library.keys import ApiKeys

__all__ = ["KeyLookup"]


class KeyLookup:
    """Which key a name resolves to, asked of ``ApiKeys`` once per name.

    The preview and the key's source line ask on every edit; the keyring
    sits behind D-Bus, so answers are kept until :meth:`forget` (after the
    Keys dialog changed something).
    """

    def __init__(self, keys: ApiKeys, env: Mapping[str, str]) -> None:
        self._keys, self._env = keys, env
        self._found: dict[str, Credentials | None] = {}
        self._keyring_down = False

    def credentials(self, name: str) -> Credentials | None:
        if name not in self._found:
            try:
                self._found[name] = self._keys.resolve(name, self._env)
            except KeyringUnavailableError:
                self._found[name], self._keyring_down = None, True
            except (NoApiKeyError, KeyNameError):
                self._found[name] = None
        return self._found[name]

    def describe(self, name: str) -> str:
        """``Key “work”: keyring (work)``, or what to do when there is none."""
        found = self.credentials(name)
        if found is not None:
            return f"Key “{name}”: {found.source}"
        fallback = f" or set {ENV_VAR}" if name == DEFAULT_KEY else ""
        if self._keyring_down:
            return f"No key “{name}”: the keyring can't be reached; keep one for this run with Keys…{fallback}"
        return f"No key “{name}” yet: add it with Keys…{fallback}"

    def forget(self) -> None:
        self._found.clear()
        self._keyring_down = False
