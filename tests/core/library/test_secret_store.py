"""Where secrets are kept (realtime_gui.core.library.secret_store): memory and the OS keyring."""

from __future__ import annotations

import re
import sys

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring_support import DictBackend, EmptyChainer, LeakyBackend

from realtime_gui.core.library.secret_store import (
    SERVICE,
    KeyringStore,
    MemoryStore,
    SecretStore,
)
from realtime_gui.core.service.errors import KeyringUnavailableError

KEY = "sk-proj-TEST-fake-0123456"


@pytest.fixture
def backend() -> DictBackend:
    return DictBackend()


def test_memory_store_is_a_secret_store() -> None:
    def use(store: SecretStore) -> str | None:
        store.set("a", "1")
        store.delete("missing")
        return store.get("a")

    assert use(MemoryStore()) == "1"
    assert MemoryStore().available() and MemoryStore().unavailable_reason() is None


def test_keyring_store_keeps_entries_under_our_service(backend: DictBackend) -> None:
    store = KeyringStore(backend)
    assert store.available()
    store.set("work", KEY)
    assert backend.entries == {(SERVICE, "work"): KEY}
    assert store.get("work") == KEY
    store.delete("work")
    store.delete("work")  # keyring's "no such password" is not an error
    assert store.get("work") is None


@pytest.mark.parametrize(
    ("backend", "found"),
    [
        (fail.Keyring(), "keyring.backends.fail.Keyring"),
        (null.Keyring(), "keyring.backends.null.Keyring"),
        (EmptyChainer(), "no usable backend to chain"),
    ],
)
def test_a_keyring_that_cannot_keep_secrets_is_unavailable(
    backend: KeyringBackend, found: str
) -> None:
    store = KeyringStore(backend)
    assert not store.available()
    reason = store.unavailable_reason()
    assert reason is not None and found in reason
    if sys.platform.startswith("linux"):
        assert "gnome-keyring" in reason and "KWallet" in reason
        assert "dbus-run-session" in reason and "--unlock" in reason
    for action in (lambda: store.get("a"), lambda: store.set("a", KEY), lambda: store.delete("a")):
        with pytest.raises(KeyringUnavailableError, match=re.escape(found)):
            action()


def test_a_locked_keyring_is_noticed_and_so_is_unlocking_it(backend: DictBackend) -> None:
    backend.locked = True
    store = KeyringStore(backend)
    reason = store.unavailable_reason()
    assert reason is not None and "KeyringLocked" in reason and "DictBackend" in reason
    backend.locked = False
    assert store.available()
    backend.locked = True
    with pytest.raises(KeyringUnavailableError):
        store.get("work")
    assert not store.available()


def test_a_failed_write_never_quotes_the_value() -> None:
    store = KeyringStore(LeakyBackend())
    with pytest.raises(KeyringUnavailableError) as caught:
        store.set("work", KEY)
    assert "PasswordSetError" in str(caught.value)
    assert KEY not in str(caught.value)
    assert caught.value.__cause__ is None
