"""Which key a key name resolves to, asked once per name."""

from __future__ import annotations

from realtime_gui.core.library.keys import DEFAULT_KEY, ENV_VAR, ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.ui.form.key_lookup import KeyLookup


class _CountingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def get(self, name: str) -> str | None:
        self.asked += 1
        return super().get(name)


class _LockedStore(MemoryStore):
    def get(self, name: str) -> str | None:
        raise KeyringUnavailableError("locked")


def test_a_found_key_is_described_by_its_source_and_asked_once() -> None:
    store = _CountingStore()
    keys = ApiKeys(store)
    keys.set("work", "sk-test-work-00000001")
    store.asked = 0
    lookup = KeyLookup(keys, {})
    found = lookup.credentials("work")
    assert found is not None and found.api_key == "sk-test-work-00000001"
    assert lookup.describe("work") == f"Key “work”: {found.source}"
    lookup.credentials("work")
    assert store.asked == 1


def test_forget_asks_again() -> None:
    keys = ApiKeys(MemoryStore())
    lookup = KeyLookup(keys, {})
    assert lookup.credentials("work") is None
    keys.set("work", "sk-test-work-00000001")
    assert lookup.credentials("work") is None  # still the kept answer
    lookup.forget()
    assert lookup.credentials("work") is not None


def test_a_missing_key_says_what_to_do() -> None:
    lookup = KeyLookup(ApiKeys(MemoryStore()), {})
    assert lookup.describe("work") == "No key “work” yet: add it with Keys…"
    assert lookup.describe(DEFAULT_KEY) == f"No key “{DEFAULT_KEY}” yet: add it with Keys… or set {ENV_VAR}"
    assert lookup.credentials("not a name!") is None


def test_an_unreachable_keyring_is_said_until_forgotten() -> None:
    lookup = KeyLookup(ApiKeys(_LockedStore()), {})
    assert "the keyring can't be reached" in lookup.describe("work")
    lookup.forget()
    assert lookup.describe(DEFAULT_KEY).startswith(f"No key “{DEFAULT_KEY}”: the keyring can't be reached")
