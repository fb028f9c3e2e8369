"""Which key a key name resolves to, and what the window says about it."""

from __future__ import annotations

from realtime_gui.core.library.keys import DEFAULT_KEY, ENV_VAR, ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.ui.form.key_lookup import KeyAnswer, describe, look_up


class _LockedStore(MemoryStore):
    def get(self, name: str) -> str | None:
        raise KeyringUnavailableError("locked")


def test_a_found_key_is_described_by_its_source() -> None:
    keys = ApiKeys(MemoryStore())
    keys.set("work", "sk-test-work-00000001")
    answer = look_up(keys, "work", {})
    assert answer.credentials is not None and answer.credentials.api_key == "sk-test-work-00000001"
    assert describe("work", answer) == f"Key “work”: {answer.credentials.source}"


def test_a_missing_key_says_what_to_do() -> None:
    keys = ApiKeys(MemoryStore())
    assert describe("work", look_up(keys, "work", {})) == "No key “work” yet: add it with Keys…"
    assert (describe(DEFAULT_KEY, look_up(keys, DEFAULT_KEY, {}))
            == f"No key “{DEFAULT_KEY}” yet: add it with Keys… or set {ENV_VAR}")
    assert look_up(keys, "not a name!", {}) == KeyAnswer(None)


def test_an_unreachable_keyring_is_said() -> None:
    answer = look_up(ApiKeys(_LockedStore()), DEFAULT_KEY, {})
    assert answer == KeyAnswer(None, keyring_down=True)
    assert describe(DEFAULT_KEY, answer).startswith(f"No key “{DEFAULT_KEY}”: the keyring can't be reached")


def test_an_answer_still_coming_is_said() -> None:
    assert describe("work", None) == "Key “work”: looking it up…"
