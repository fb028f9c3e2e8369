"""Where secrets are kept: the OS keyring, or memory for this run only.

Storage sits behind :class:`SecretStore`: get, set, delete and available (with
a reason when not). :class:`KeyringStore` is the OS keyring, reached through
the ``keyring`` library but never through a backend that writes secrets to a
file; :class:`MemoryStore` holds secrets for this run only, and stands in for
the keyring in tests. What is stored under which name is
:mod:`realtime_gui.core.library.keys`' business.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from realtime_gui.core.redact import scrub
from realtime_gui.core.service.errors import KeyringUnavailableError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = ["SERVICE", "KeyringStore", "MemoryStore", "SecretStore"]

SERVICE = "realtime-gui"
"""The keyring service every entry of ours is stored under."""

_PROBE = "probe:available"
_T = TypeVar("_T")

if sys.platform.startswith("linux"):
    _HOW_TO_FIX = (
        "Install and unlock a Secret Service such as gnome-keyring or KWallet, and the "
        "SecretStorage Python package; on a machine without a desktop, start realtime-gui "
        "inside `dbus-run-session` after `echo -n PASSWORD | gnome-keyring-daemon --unlock`."
    )
else:
    _HOW_TO_FIX = (
        "Check that the system keychain (macOS Keychain or Windows Credential Manager) "
        "is available to this user."
    )
# keys.ENV_VAR, written out: the keys module builds on this one, not the other way round.
_MEANWHILE = "Meanwhile, keep a key for this run only, or set OPENAI_API_KEY."


def _unavailable(reason: str) -> KeyringUnavailableError:
    return KeyringUnavailableError(reason, advice=f"{_HOW_TO_FIX} {_MEANWHILE}")


class SecretStore(Protocol):
    """Where secrets live. ``get``/``set``/``delete`` raise
    :class:`KeyringUnavailableError` when the store can't be used."""

    def get(self, name: str) -> str | None:
        """The secret stored as ``name``, or ``None``."""

    def set(self, name: str, value: str) -> None:
        """Store ``value`` as ``name``, replacing any previous one."""

    def delete(self, name: str) -> None:
        """Forget ``name``; nothing happens if it isn't stored."""

    def available(self) -> bool:
        """Whether ``get``/``set``/``delete`` are expected to work."""

    def unavailable_reason(self) -> str | None:
        """Why the store can't be used and how to fix it, or ``None``."""


class MemoryStore:
    """Secrets in this process only, gone when it exits."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"MemoryStore(names={self.names()!r})"

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        self._values[name] = value

    def delete(self, name: str) -> None:
        self._values.pop(name, None)

    def names(self) -> list[str]:
        """The stored names, sorted."""
        return sorted(self._values)

    def available(self) -> bool:
        return True

    def unavailable_reason(self) -> str | None:
        return None


class KeyringStore:
    """The OS keyring through the ``keyring`` library.

    ``backend`` pins a keyring backend (tests use it to force Secret Service);
    by default the library's choice is used. A backend that can't keep secrets
    (keyring's ``fail`` or ``null`` backend, a chainer with nothing to chain)
    is reported as unavailable, as is any error on use, until a use succeeds.
    """

    def __init__(self, backend: KeyringBackend | None = None, *, service: str = SERVICE) -> None:
        self.service = service
        self._backend = backend
        self._working = False  # the last use succeeded
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        backend = "default" if self._backend is None else _describe(self._backend)
        return f"KeyringStore(service={self.service!r}, backend={backend})"

    def get(self, name: str) -> str | None:
        return self._use(lambda kr: kr.get_password(self.service, name))

    def set(self, name: str, value: str) -> None:
        self._use(lambda kr: kr.set_password(self.service, name, value), hide=value)

    def delete(self, name: str) -> None:
        from keyring.errors import PasswordDeleteError

        def delete(kr: KeyringBackend) -> None:
            try:
                kr.delete_password(self.service, name)
            except PasswordDeleteError:  # what backends raise for "no such entry"
                pass

        self._use(delete)

    def available(self) -> bool:
        return self.unavailable_reason() is None

    def unavailable_reason(self) -> str | None:
        """Checks the backend, then reads a harmless entry once so a locked or
        unreachable keyring is found before the user types a key. After a
        failure every call checks again, so unlocking the keyring is noticed."""
        with self._lock:
            if self._working:
                return None
        try:
            self.get(_PROBE)
        except KeyringUnavailableError as exc:
            return str(exc)
        return None

    def _use(self, action: Callable[[KeyringBackend], _T], *, hide: str | None = None) -> _T:
        backend = self._backend
        try:
            if backend is None:
                backend = _platform_backend()
            reason = _unusable_reason(backend)
            if reason is None:
                result = action(backend)
                self._record(working=True)
                return result
        except KeyringUnavailableError:
            self._record(working=False)
            raise
        except Exception as exc:  # backends raise their own types (secretstorage, D-Bus, ...)
            what = scrub(f"{type(exc).__name__}: {exc}", [hide] if hide else [])
            where = "the keyring library" if backend is None else _describe(backend)
            error = _unavailable(f"{where} failed with {what}")
            self._record(working=False)
            # A failed write is not chained: its cause might quote what was written.
            raise error from (None if hide else exc)
        self._record(working=False)
        raise _unavailable(reason)

    def _record(self, *, working: bool) -> None:
        with self._lock:
            self._working = working


def _user_chose_backend() -> bool:
    """Whether keyring is told which backend to use (by environment or keyringrc.cfg)."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    home = Path.home()
    roots = [os.environ.get("XDG_CONFIG_HOME") or home / ".config",
             os.environ.get("XDG_DATA_HOME") or home / ".local/share"]
    return any((Path(root) / "python_keyring" / "keyringrc.cfg").exists() for root in roots)


def _platform_backend() -> KeyringBackend:
    """The OS keyring, found without keyring's scan of every backend.

    The scan imports the macOS and Windows backends on Linux too and costs
    tens of milliseconds of ``realtime-gui mint``; a user's own choice of
    backend is still honoured. On Linux with no D-Bus session bus no keyring
    can answer, so that is said at once instead of after the scan.
    """
    if sys.platform.startswith("linux") and not _user_chose_backend():
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise _unavailable("there is no D-Bus session bus here, so no Secret Service (GNOME Keyring, "
                               "KWallet) can be reached")
        from keyring.backends import SecretService

        try:
            SecretService.Keyring.priority  # noqa: B018 -- raises when no Secret Service answers
            return SecretService.Keyring()
        except Exception:  # let keyring look for anything else that works
            pass
    import keyring

    return keyring.get_keyring()


def _describe(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _unusable_reason(backend: KeyringBackend) -> str | None:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, chainer.ChainerBackend):
        usable = [b for b in backend.backends if _unusable_reason(b) is None]
        if usable:
            return None
        found = f"{_describe(backend)} with no usable backend to chain"
    elif isinstance(backend, (fail.Keyring, null.Keyring)):
        found = f"{_describe(backend)}, which can't keep secrets"
    elif type(backend).__module__.startswith("keyrings.alt.file"):
        # STYLE 7: never fall back to a file, even one keyring offers.
        found = f"{_describe(backend)}, which keeps secrets in a file; realtime-gui won't use it"
    else:
        return None
    return f"the keyring library found {found}"
