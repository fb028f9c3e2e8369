"""API keys and other secrets by name: in the OS keyring or in memory, never in a file.

Storage is a `SecretStore` (`secret_store.py`). In the keyring everything lives under service ``"realtime-gui"``:

* ``NAME`` -- an API key (``default``, ``work``, ...);
* ``secret:REF`` -- another secret, such as an MCP tool's authorization value;
* ``index:keys`` -- a JSON list of key *names*, since keyrings can't list.

The index is read, changed and written under a lock file (``keys.lock`` in the
app's folder) so that programs setting keys at once never drop each other's names.

Key names can't contain ``:``, so the three never clash. Configuration files,
exports and logs hold only a key's name; :class:`ApiKeys` turns a name into
:class:`~realtime_gui.core.service.request.Credentials` when a request is signed.
"""

from __future__ import annotations

import enum
import json
import os
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from realtime_gui.core.library.folders import app_folder
from realtime_gui.core.library.locking import file_lock
from realtime_gui.core.library.secret_store import KeyringStore, MemoryStore, SecretStore
from realtime_gui.core.records import record
from realtime_gui.core.service.errors import KeyringUnavailableError, NoApiKeyError
from realtime_gui.core.service.request import Credentials

__all__ = [
    "DEFAULT_KEY", "ENV_VAR", "ApiKeys", "KeyInfo", "KeyNameError", "KeyOrigin",
    "new_secret_ref", "validate_key_name",
]

DEFAULT_KEY = "default"
ENV_VAR = "OPENAI_API_KEY"

_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_INDEX = "index:keys"
_SECRET_PREFIX = "secret:"

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
    return os.urandom(16).hex()  # what uuid4().hex holds, without importing uuid (and platform) at start-up


class KeyOrigin(enum.Enum):
    """Where a key comes from; the value is its word for people."""

    SESSION = "this run only"
    KEYRING = "keyring"
    ENVIRONMENT = "environment"

    def describe(self, name: str) -> str:
        """``keyring (work)``, ``this run only (work)``, ``environment (OPENAI_API_KEY)``."""
        return f"{self.value} ({ENV_VAR if self is KeyOrigin.ENVIRONMENT else name})"


@record
class KeyInfo:
    """A key's name and where it comes from; never its value."""

    name: str
    origin: KeyOrigin

    @property
    def source(self) -> str:
        """Where the key comes from, in words."""
        return self.origin.describe(self.name)

    @property
    def deletable(self) -> bool:
        """Whether realtime-gui may forget it: a key from the environment is not ours."""
        return self.origin is not KeyOrigin.ENVIRONMENT


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
    ``lock_path`` is the file other programs lock before changing that list;
    by default ``keys.lock`` in the app's folder for the OS keyring, and none
    for a store given here (it is this program's alone unless a lock is given).
    """

    def __init__(self, persistent: SecretStore | None = None, *, lock_path: Path | None = None) -> None:
        if persistent is None and lock_path is None:
            lock_path = app_folder() / "keys.lock"
        self.persistent: SecretStore = persistent if persistent is not None else KeyringStore()
        self.session = MemoryStore()
        self.lock_path = lock_path
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
            return _usable(name, Credentials(api_key=value, source=KeyOrigin.SESSION.describe(name)))
        unreachable: KeyringUnavailableError | None = None
        try:
            value = self.persistent.get(name)
        except KeyringUnavailableError as exc:
            unreachable = exc
        if value:
            return _usable(name, Credentials(api_key=value, source=KeyOrigin.KEYRING.describe(name)))
        env_value = self._env_key(name, env)
        if env_value:
            return _usable(name, Credentials(api_key=env_value, source=KeyOrigin.ENVIRONMENT.describe(name)))
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
        if this_run_only:
            with self._lock:
                self.session.set(name, value)
            return
        with self._index_locked():
            self.persistent.set(name, value)
            self._write_index(self._read_index() | {name})
            self.session.delete(name)

    def delete(self, name: str) -> bool:
        """Forget key ``name`` in this run and in the keyring. Returns whether
        there was one. ``$OPENAI_API_KEY`` is never touched."""
        name = validate_key_name(name)
        with self._index_locked():
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
        sources: dict[str, KeyOrigin] = {}
        if self.persistent.available():
            with self._lock:
                sources.update((n, KeyOrigin.KEYRING) for n in self._read_index())
        sources.update(
            (n, KeyOrigin.SESSION) for n in self.session.names() if _NAME.fullmatch(n)
        )
        if DEFAULT_KEY not in sources and self._env_key(DEFAULT_KEY, env):
            sources[DEFAULT_KEY] = KeyOrigin.ENVIRONMENT
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

    @contextmanager
    def _index_locked(self) -> Iterator[None]:
        with self._lock:
            if self.lock_path is None:
                yield
                return
            with file_lock(self.lock_path):
                yield

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
