"""API keys and other secrets: in the OS keyring or in memory, never in a file.

Storage sits behind :class:`SecretStore`: get, set, delete and available (with
a reason when not). :class:`KeyringStore` is the OS keyring; :class:`MemoryStore`
holds keys for this run only, and stands in for the keyring in tests.

In the keyring everything lives under service ``"realtime-gui"``:

* ``NAME`` -- an API key (``default``, ``work``, ...);
* ``secret:REF`` -- another secret, such as an MCP tool's authorization value;
* ``index:keys`` -- a JSON list of key *names*, since keyrings can't list.

Key names can't contain ``:``, so the three never clash. Configuration files,
exports and logs hold only a key's name; :class:`ApiKeys` turns a name into
:class:`~realtime_gui.core.service.request.Credentials` when a request is signed.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from realtime_gui.core.redact import scrub
from realtime_gui.core.service.errors import KeyringUnavailableError, NoApiKeyError
from realtime_gui.core.service.request import Credentials

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "DEFAULT_KEY", "ENV_SOURCE", "ENV_VAR", "SERVICE", "ApiKeys", "KeyInfo", "KeyNameError",
    "KeyringStore", "MemoryStore", "SecretStore", "new_secret_ref", "validate_key_name",
]

SERVICE = "realtime-gui"
DEFAULT_KEY = "default"
ENV_VAR = "OPENAI_API_KEY"
ENV_SOURCE = f"environment ({ENV_VAR})"

_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_INDEX = "index:keys"
_SECRET_PREFIX = "secret:"
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
_MEANWHILE = f"Meanwhile, keep a key for this run only, or set {ENV_VAR}."


def _unavailable(reason: str) -> KeyringUnavailableError:
    return KeyringUnavailableError(reason, advice=f"{_HOW_TO_FIX} {_MEANWHILE}")


class KeyNameError(ValueError):
    """A key name or secret reference is not valid."""


def validate_key_name(name: str) -> str:
    """Return ``name`` if it is 1-64 letters, digits, ``_``, ``.`` or ``-``."""
    if _NAME.fullmatch(name):
        if name.startswith("sk-"):
            # Probably a pasted key; don't store it as a name nor echo it.
            raise KeyNameError(
                "That looks like an API key, not a key name. Give the key a short "
                f"name such as {DEFAULT_KEY!r} and paste the key as its value."
            )
        return name
    if not name:
        raise KeyNameError(f"A key name can't be empty; use e.g. {DEFAULT_KEY!r} or 'work'.")
    if len(name) > 64:  # not echoed: a long "name" is likely a pasted key
        raise KeyNameError(f"A key name can be at most 64 characters (this one has {len(name)}).")
    raise KeyNameError(
        f"The key name {name!r} may only use letters, digits, '_', '.' and '-'; "
        f"use e.g. {DEFAULT_KEY!r} or 'work'."
    )


def new_secret_ref() -> str:
    """A fresh reference under which to store a secret (32 hex digits)."""
    return uuid.uuid4().hex


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
    roots = [os.environ.get("XDG_CONFIG_HOME") or home / ".config", os.environ.get("XDG_DATA_HOME") or home / ".local/share"]
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
            return SecretService.Keyring()  # type: ignore[no-untyped-call]
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


@dataclass(frozen=True)
class KeyInfo:
    """A key's name and where it comes from; never its value."""

    name: str
    source: str


def _keyring_source(name: str) -> str:
    return f"keyring ({name})"


def _session_source(name: str) -> str:
    return f"this run only ({name})"


def _usable(name: str, credentials: Credentials) -> Credentials:
    """The credentials, if their key can travel in an HTTP header.

    A key with a line break, a space or a non-ASCII character would make the
    HTTP library fail with a message that quotes the header, key and all.
    """
    key = credentials.api_key
    if key.isascii() and key.isprintable() and not any(c.isspace() for c in key):
        return credentials
    raise NoApiKeyError(name, message=f"The API key {name!r} from {credentials.source} holds a space, a "
                        "line break or a character outside ASCII, so it can't be sent.",
                        advice=f"Store it again as one line: `realtime-gui key set {name}` or the Keys dialog.")


def _clean(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(f"The {what} is empty; paste the whole value.")
    if any(c in value for c in "\r\n\0"):
        raise ValueError(f"The {what} contains line breaks; paste it again as one line.")
    return value


class ApiKeys:
    """Named API keys from this run, the OS keyring and the environment.

    ``persistent`` defaults to a :class:`KeyringStore`; keys set "for this run
    only" go to an in-memory store instead. The keyring holds, besides keys,
    the list of their names and other secrets (see :meth:`store_secret`).
    """

    def __init__(self, persistent: SecretStore | None = None) -> None:
        self.persistent: SecretStore = persistent if persistent is not None else KeyringStore()
        self.session = MemoryStore()
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"ApiKeys(persistent={self.persistent!r}, session={self.session!r})"

    def resolve(self, name: str | None = None, env: Mapping[str, str] | None = None) -> Credentials:
        """The key to sign a request with: this run's key of that name, else
        the keyring's, else (for ``default`` only) ``$OPENAI_API_KEY``.

        Raises :class:`NoApiKeyError`, or :class:`KeyringUnavailableError`
        when the key might be in a keyring that can't be reached.
        """
        name = DEFAULT_KEY if name is None else validate_key_name(name)
        value = self.session.get(name)
        if value is not None:
            return _usable(name, Credentials(api_key=value, source=_session_source(name)))
        unreachable: KeyringUnavailableError | None = None
        try:
            value = self.persistent.get(name)
        except KeyringUnavailableError as exc:
            unreachable = exc
        if value:
            return _usable(name, Credentials(api_key=value, source=_keyring_source(name)))
        env_value = self._env_key(name, env)
        if env_value:
            return _usable(name, Credentials(api_key=env_value, source=ENV_SOURCE))
        if unreachable is not None:
            raise unreachable
        advice = f"Add it with `realtime-gui key set {name}` or in the Keys dialog"
        if name != DEFAULT_KEY:
            advice += f" ({ENV_VAR} stands in only for the key named {DEFAULT_KEY!r})"
        raise NoApiKeyError(name, advice=advice + ".")

    def set(self, name: str, value: str, *, this_run_only: bool = False) -> None:
        """Keep ``value`` (stripped) as key ``name``, in the keyring unless
        ``this_run_only``. Saving to the keyring drops this run's copy, so the
        saved key is the one used from then on."""
        name = validate_key_name(name)
        value = _clean(value, "API key")
        if any(c.isspace() for c in value):
            raise ValueError("The API key contains spaces; paste it again without them.")
        with self._lock:
            if this_run_only:
                self.session.set(name, value)
                return
            self.persistent.set(name, value)
            self._write_index(self._read_index() | {name})
            self.session.delete(name)

    def delete(self, name: str) -> bool:
        """Forget key ``name`` in this run and in the keyring. Returns whether
        there was one. ``$OPENAI_API_KEY`` is never touched."""
        name = validate_key_name(name)
        with self._lock:
            had_session = self.session.get(name) is not None
            self.session.delete(name)
            if had_session and not self.persistent.available():
                return True
            had_stored = self.persistent.get(name) is not None
            self.persistent.delete(name)
            self._write_index(self._read_index() - {name})
            return had_session or had_stored

    def list(self, env: Mapping[str, str] | None = None) -> list[KeyInfo]:
        """One entry per usable key name, with the source :meth:`resolve`
        would use; ``default`` first. Keyring keys are left out (not an error)
        while the keyring is unavailable."""
        sources: dict[str, str] = {}
        if self.persistent.available():
            with self._lock:
                sources.update((n, _keyring_source(n)) for n in self._read_index())
        sources.update(
            (n, _session_source(n)) for n in self.session.names() if _NAME.fullmatch(n)
        )
        if DEFAULT_KEY not in sources and self._env_key(DEFAULT_KEY, env):
            sources[DEFAULT_KEY] = ENV_SOURCE
        order = sorted(sources, key=lambda n: (n != DEFAULT_KEY, n.casefold(), n))
        return [KeyInfo(n, sources[n]) for n in order]

    def source_of(self, name: str, env: Mapping[str, str] | None = None) -> str | None:
        """Where :meth:`resolve` would take key ``name`` from, or ``None``."""
        try:
            return self.resolve(name, env).source
        except (NoApiKeyError, KeyringUnavailableError):
            return None

    def unavailable_reason(self) -> str | None:
        """Why keys can't be saved for later, or ``None`` when they can."""
        return self.persistent.unavailable_reason()

    # -- other secrets, e.g. MCP tool authorization values ---------------------

    def store_secret(self, ref: str, value: str, *, this_run_only: bool = False) -> None:
        """Keep ``value`` (stripped) under ``ref`` (see :func:`new_secret_ref`)."""
        username = _SECRET_PREFIX + validate_key_name(ref)
        value = _clean(value, "secret")
        if this_run_only:
            self.session.set(username, value)
            return
        self.persistent.set(username, value)
        self.session.delete(username)

    def load_secret(self, ref: str) -> str | None:
        """The secret stored under ``ref``, or ``None``."""
        username = _SECRET_PREFIX + validate_key_name(ref)
        value = self.session.get(username)
        return value if value is not None else self.persistent.get(username)

    def delete_secret(self, ref: str) -> None:
        """Forget the secret under ``ref``, in this run and in the keyring."""
        username = _SECRET_PREFIX + validate_key_name(ref)
        self.session.delete(username)
        self.persistent.delete(username)

    # -- internals -------------------------------------------------------------

    @staticmethod
    def _env_key(name: str, env: Mapping[str, str] | None) -> str:
        if name != DEFAULT_KEY:
            return ""
        return (os.environ if env is None else env).get(ENV_VAR, "").strip()

    def _read_index(self) -> frozenset[str]:
        raw = self.persistent.get(_INDEX)
        try:
            names = json.loads(raw) if raw else []
        except ValueError:
            # Only a convenience for listing; saving a key writes a fresh one.
            return frozenset()
        if not isinstance(names, list):
            return frozenset()
        return frozenset(n for n in names if isinstance(n, str) and _NAME.fullmatch(n))

    def _write_index(self, names: frozenset[str]) -> None:
        self.persistent.set(_INDEX, json.dumps(sorted(names)))
