"""One round trip through a real Secret Service (gnome-keyring over D-Bus).

CI runs it inside its own session bus with an unlocked keyring::

    dbus-run-session -- bash -c 'echo -n test | gnome-keyring-daemon --unlock \
        --components=secrets; python -m pytest tests/test_secret_service.py'

Elsewhere it skips, saying why. It writes under its own service name, never
``realtime-gui``, so a developer's real keys are left alone.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import closing

import pytest

from realtime_gui.core.library.keys import ApiKeys, KeyInfo, KeyOrigin
from realtime_gui.core.library.secret_store import KeyringStore
from realtime_gui.core.service.errors import NoApiKeyError

pytestmark = pytest.mark.secret_service

KEY = "sk-proj-SECRETSERVICE-0123"


def why_not_available() -> str | None:
    """Why this machine can't run the test, or ``None``."""
    if shutil.which("gnome-keyring-daemon") is None:
        return "gnome-keyring-daemon is not on PATH (apt-get install gnome-keyring)"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is unset (run under dbus-run-session)"
    try:
        import secretstorage
    except ImportError:
        return "the SecretStorage package is not installed (pip install SecretStorage)"
    try:
        with closing(secretstorage.dbus_init()) as connection:
            if not secretstorage.check_service_availability(connection):
                return "no Secret Service on the session bus (start gnome-keyring-daemon)"
            # Never unlock here: that could pop up a password prompt and wait.
            if secretstorage.get_default_collection(connection).is_locked():
                return (
                    "the default keyring collection is locked; unlock it with "
                    "`echo -n PASSWORD | gnome-keyring-daemon --unlock --components=secrets`"
                )
    except secretstorage.exceptions.SecretStorageException as exc:
        return f"the Secret Service can't be used: {exc}"
    return None


@pytest.fixture
def service() -> Iterator[str]:
    """A service name of our own; every item under it is removed afterwards."""
    reason = why_not_available()
    if reason is not None and os.environ.get("CI") and shutil.which("gnome-keyring-daemon"):
        # CI sets the Secret Service up on purpose (.ci/run); a skip there would hide a failure.
        pytest.fail(f"CI should run the Secret Service test, but {reason}")
    if reason is not None:
        print(f"skipping the Secret Service test: {reason}")
        pytest.skip(reason)
    import secretstorage

    name = f"realtime-gui-test-{uuid.uuid4().hex}"
    yield name
    with closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        for item in collection.search_items({"service": name}):
            item.delete()


@pytest.fixture
def forced_secret_service() -> Iterator[object]:
    """keyring's global backend pinned to Secret Service for the test's length,
    so no other backend is picked up silently."""
    import keyring
    from keyring.backends import SecretService

    previous = keyring.get_keyring()
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def test_keys_and_secrets_round_trip_through_the_secret_service(
    service: str, forced_secret_service: object
) -> None:
    import keyring
    from keyring.backends import SecretService

    # The store as given a backend explicitly.
    assert isinstance(forced_secret_service, SecretService.Keyring)
    pinned = KeyringStore(forced_secret_service, service=service)
    assert pinned.available(), pinned.unavailable_reason()
    pinned.set("probe", KEY)
    assert pinned.get("probe") == KEY
    assert keyring.get_password(service, "probe") == KEY  # really in the Secret Service
    pinned.delete("probe")
    assert pinned.get("probe") is None

    # The store as the app builds it: keyring's own (here forced) backend.
    assert isinstance(keyring.get_keyring(), SecretService.Keyring)
    keys = ApiKeys(KeyringStore(service=service))
    assert keys.unavailable_reason() is None
    keys.set("work", f" {KEY}\n")
    credentials = keys.resolve("work", {})
    assert (credentials.api_key, credentials.source) == (KEY, "keyring (work)")
    assert keys.list({}) == [KeyInfo("work", KeyOrigin.KEYRING)]
    assert keys.list({})[0].source == "keyring (work)"

    # A fresh object sees the same keys: they outlive the process' memory.
    again = ApiKeys(KeyringStore(forced_secret_service, service=service))
    assert again.resolve("work", {}).api_key == KEY
    ref = "0123456789abcdef0123456789abcdef"
    again.store_secret(ref, "Bearer mcp-token")
    assert keys.load_secret(ref) == "Bearer mcp-token"
    keys.delete_secret(ref)
    assert again.load_secret(ref) is None

    assert keys.delete("work") is True
    with pytest.raises(NoApiKeyError):
        again.resolve("work", {})
    assert again.list({}) == []
