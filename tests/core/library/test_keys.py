"""API keys and secrets: names, resolution order, sources, keyring failures.

Everything here runs on :class:`MemoryStore` or on small keyring backends
injected into :class:`KeyringStore`; ``test_secret_service.py`` uses a real one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest
from keyring.backends import fail
from keyring_support import DictBackend

from realtime_gui.core.library.keys import (
    DEFAULT_KEY,
    ApiKeys,
    KeyInfo,
    KeyNameError,
    KeyOrigin,
    new_secret_ref,
    validate_key_name,
)
from realtime_gui.core.library.secret_store import (
    SERVICE,
    KeyringStore,
    MemoryStore,
    SecretStore,
)
from realtime_gui.core.service.errors import (
    KeyringUnavailableError,
    MintError,
    NoApiKeyError,
)

KEY = "sk-proj-TEST-fake-0123456"
OTHER = "sk-proj-OTHER-fake-01234"
ENV_KEY = "sk-proj-ENV-fake-0123456"
NO_ENV: dict[str, str] = {}
ENV = {"OPENAI_API_KEY": ENV_KEY}


@pytest.fixture
def keys() -> ApiKeys:
    return ApiKeys(MemoryStore())


@pytest.fixture
def backend() -> DictBackend:
    return DictBackend()


@pytest.fixture
def no_keyring() -> ApiKeys:
    return ApiKeys(KeyringStore(fail.Keyring()))


def assert_never_shows(text: str, *values: str) -> None:
    for value in values:
        assert value not in text


# -- names ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["default", "work", "a.b-c_D9", "x" * 64])
def test_valid_key_names(name: str) -> None:
    assert validate_key_name(name) == name


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "can't be empty"),
        ("my key", "letters, digits"),
        ("a:b", "letters, digits"),
        ("clé", "letters, digits"),
        ("x" * 65, "at most 64 characters"),
    ],
)
def test_invalid_key_names(keys: ApiKeys, name: str, words: str) -> None:
    with pytest.raises(KeyNameError, match=words) as caught:
        keys.set(name, KEY)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("pasted", [KEY, KEY[:51], "sk-" + "a" * 100])
def test_a_key_pasted_as_a_name_is_refused_and_not_echoed(keys: ApiKeys, pasted: str) -> None:
    with pytest.raises(KeyNameError) as caught:
        keys.set(pasted, OTHER)
    assert_never_shows(str(caught.value), pasted)


# -- resolution order and sources -----------------------------------------------


def test_the_keyring_key_is_used(keys: ApiKeys) -> None:
    keys.set("work", KEY)
    credentials = keys.resolve("work", NO_ENV)
    assert (credentials.api_key, credentials.source) == (KEY, "keyring (work)")


def test_no_name_means_default(keys: ApiKeys) -> None:
    keys.set(DEFAULT_KEY, KEY)
    assert keys.resolve(None, NO_ENV).source == "keyring (default)"


def test_this_runs_key_beats_the_keyring(keys: ApiKeys) -> None:
    keys.set("work", KEY)
    keys.set("work", OTHER, this_run_only=True)
    credentials = keys.resolve("work", NO_ENV)
    assert (credentials.api_key, credentials.source) == (OTHER, "this run only (work)")


def test_the_keyring_beats_the_environment(keys: ApiKeys) -> None:
    keys.set(DEFAULT_KEY, KEY)
    assert keys.resolve(None, ENV).api_key == KEY


def test_the_environment_stands_in_for_default(keys: ApiKeys) -> None:
    credentials = keys.resolve(None, {"OPENAI_API_KEY": f"  {ENV_KEY}\n"})
    assert (credentials.api_key, credentials.source) == (ENV_KEY, "environment (OPENAI_API_KEY)")


def test_the_environment_reads_os_environ_by_default(
    keys: ApiKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", ENV_KEY)
    assert keys.resolve().api_key == ENV_KEY
    assert keys.source_of(DEFAULT_KEY) == "environment (OPENAI_API_KEY)"


def test_the_environment_does_not_stand_in_for_other_names(keys: ApiKeys) -> None:
    with pytest.raises(NoApiKeyError) as caught:
        keys.resolve("work", ENV)
    message = str(caught.value)
    assert '"work"' in message and "`realtime-gui key set work`" in message
    assert "Keys dialog" in message
    assert isinstance(caught.value, MintError)
    assert_never_shows(message, ENV_KEY)


@pytest.mark.parametrize("env", [NO_ENV, {"OPENAI_API_KEY": "   "}])
def test_no_key_at_all(keys: ApiKeys, env: dict[str, str]) -> None:
    with pytest.raises(NoApiKeyError, match="realtime-gui key set default"):
        keys.resolve(None, env)


def test_saving_to_the_keyring_drops_this_runs_copy(keys: ApiKeys) -> None:
    keys.set("work", OTHER, this_run_only=True)
    keys.set("work", KEY)
    assert keys.resolve("work", NO_ENV).source == "keyring (work)"


def test_source_of(keys: ApiKeys) -> None:
    keys.set("work", KEY)
    keys.set("temp", KEY, this_run_only=True)
    assert keys.source_of("work", NO_ENV) == "keyring (work)"
    assert keys.source_of("temp", NO_ENV) == "this run only (temp)"
    assert keys.source_of(DEFAULT_KEY, ENV) == "environment (OPENAI_API_KEY)"
    assert keys.source_of(DEFAULT_KEY, NO_ENV) is None
    assert keys.source_of("missing", ENV) is None


# -- values ----------------------------------------------------------------------


def test_keys_are_stripped(keys: ApiKeys) -> None:
    keys.set("work", f"\t {KEY} \n")
    assert keys.resolve("work", NO_ENV).api_key == KEY


@pytest.mark.parametrize(
    ("value", "words"),
    [("", "empty"), ("  \n", "empty"), (f"{KEY}\n{KEY}", "line breaks"), (f"{KEY} x", "spaces")],
)
def test_bad_values_are_refused_without_echo(keys: ApiKeys, value: str, words: str) -> None:
    with pytest.raises(ValueError, match=words) as caught:
        keys.set("work", value)
    assert_never_shows(str(caught.value), KEY)
    assert keys.source_of("work", NO_ENV) is None


# -- listing and deleting ------------------------------------------------------


def test_list_names_each_key_once_with_its_source(keys: ApiKeys) -> None:
    keys.set("work", KEY)
    keys.set("Alpha", KEY)
    keys.set("work", OTHER, this_run_only=True)
    keys.set("temp", OTHER, this_run_only=True)
    keys.store_secret(new_secret_ref(), "Bearer token")
    assert keys.list(ENV) == [
        KeyInfo(DEFAULT_KEY, KeyOrigin.ENVIRONMENT),
        KeyInfo("Alpha", KeyOrigin.KEYRING),
        KeyInfo("temp", KeyOrigin.SESSION),
        KeyInfo("work", KeyOrigin.SESSION),
    ]
    assert [(info.name, info.source) for info in keys.list(ENV)] == [
        (DEFAULT_KEY, "environment (OPENAI_API_KEY)"),
        ("Alpha", "keyring (Alpha)"),
        ("temp", "this run only (temp)"),
        ("work", "this run only (work)"),
    ]
    assert [info.deletable for info in keys.list(ENV)] == [False, True, True, True]


def test_the_environment_is_listed_only_when_it_would_be_used(keys: ApiKeys) -> None:
    assert keys.list(NO_ENV) == []
    keys.set(DEFAULT_KEY, KEY)
    assert keys.list(ENV) == [KeyInfo(DEFAULT_KEY, KeyOrigin.KEYRING)]
    assert keys.list(ENV)[0].source == "keyring (default)"


def test_the_name_index_holds_names_only(backend: DictBackend) -> None:
    keys = ApiKeys(KeyringStore(backend))
    keys.set("work", KEY)
    keys.set(DEFAULT_KEY, OTHER)
    keys.set("temp", KEY, this_run_only=True)
    index = [v for (service, user), v in backend.entries.items() if user == "index:keys"]
    assert len(index) == 1 and json.loads(index[0]) == [DEFAULT_KEY, "work"]
    assert_never_shows(index[0], KEY, OTHER)
    assert set(backend.entries) == {
        (SERVICE, "work"), (SERVICE, DEFAULT_KEY), (SERVICE, "index:keys")
    }


def test_a_damaged_index_only_hides_names(backend: DictBackend) -> None:
    keys = ApiKeys(KeyringStore(backend))
    keys.set("work", KEY)
    backend.entries[(SERVICE, "index:keys")] = "{not json"
    assert keys.list(NO_ENV) == []
    assert keys.resolve("work", NO_ENV).api_key == KEY
    keys.set("home", OTHER)
    assert [info.name for info in keys.list(NO_ENV)] == ["home"]


def test_delete_forgets_both_copies(keys: ApiKeys) -> None:
    keys.set("work", KEY)
    keys.set("work", OTHER, this_run_only=True)
    assert keys.delete("work") is True
    assert keys.source_of("work", NO_ENV) is None
    assert keys.list(NO_ENV) == []
    assert keys.delete("work") is False


def test_delete_leaves_the_environment_alone(keys: ApiKeys) -> None:
    assert keys.delete(DEFAULT_KEY) is False
    assert keys.resolve(None, ENV).api_key == ENV_KEY


# -- other secrets ---------------------------------------------------------------


def test_secret_refs_are_fresh_hex() -> None:
    refs = {new_secret_ref() for _ in range(100)}
    assert len(refs) == 100
    assert all(re.fullmatch(r"[0-9a-f]{32}", ref) for ref in refs)


def test_secrets_round_trip_apart_from_keys(backend: DictBackend) -> None:
    keys = ApiKeys(KeyringStore(backend))
    keys.set(DEFAULT_KEY, KEY)
    keys.store_secret(DEFAULT_KEY, "Bearer mcp-token")  # same text as a key name: no clash
    assert keys.load_secret(DEFAULT_KEY) == "Bearer mcp-token"
    assert keys.resolve(None, NO_ENV).api_key == KEY
    assert (SERVICE, "secret:default") in backend.entries
    keys.delete_secret(DEFAULT_KEY)
    assert keys.load_secret(DEFAULT_KEY) is None
    keys.delete_secret(DEFAULT_KEY)  # deleting twice is fine


def test_secrets_for_this_run_only(keys: ApiKeys) -> None:
    ref = new_secret_ref()
    keys.store_secret(ref, " Bearer a ", this_run_only=True)
    assert keys.load_secret(ref) == "Bearer a"
    assert keys.persistent.get(f"secret:{ref}") is None


@pytest.mark.parametrize("value", ["", "a\nb"])
def test_bad_secrets_are_refused(keys: ApiKeys, value: str) -> None:
    with pytest.raises(ValueError):
        keys.store_secret(new_secret_ref(), value)


def test_bad_secret_refs_are_refused(keys: ApiKeys) -> None:
    with pytest.raises(KeyNameError):
        keys.load_secret("../x")


# -- without a keyring -----------------------------------------------------------


def test_without_a_keyring_a_named_key_is_a_clear_error(no_keyring: ApiKeys) -> None:
    with pytest.raises(KeyringUnavailableError, match=re.escape("keyring.backends.fail.Keyring")):
        no_keyring.resolve("work", ENV)
    assert no_keyring.unavailable_reason() is not None


def test_without_a_keyring_the_environment_still_works(no_keyring: ApiKeys) -> None:
    assert no_keyring.resolve(None, ENV).source == "environment (OPENAI_API_KEY)"
    with pytest.raises(KeyringUnavailableError):
        no_keyring.resolve(None, NO_ENV)


def test_without_a_keyring_keys_for_this_run_work(no_keyring: ApiKeys) -> None:
    with pytest.raises(KeyringUnavailableError):
        no_keyring.set("work", KEY)
    no_keyring.set("work", KEY, this_run_only=True)
    assert no_keyring.resolve("work", NO_ENV).source == "this run only (work)"
    assert [(info.name, info.source) for info in no_keyring.list(ENV)] == [
        (DEFAULT_KEY, "environment (OPENAI_API_KEY)"),
        ("work", "this run only (work)"),
    ]
    assert no_keyring.delete("work") is True
    with pytest.raises(KeyringUnavailableError):
        no_keyring.delete("work")


# -- the key never shows ---------------------------------------------------------


def every_text(keys: ApiKeys) -> Iterator[str]:
    yield repr(keys)
    yield repr(keys.session)
    yield repr(keys.persistent)
    yield repr(keys.list(ENV))
    for name in ("work", "temp", DEFAULT_KEY):
        credentials = keys.resolve(name, ENV)
        yield repr(credentials)
        yield str(credentials)
        yield credentials.source
    for action in (lambda: keys.resolve("missing", ENV), lambda: keys.set("bad name", KEY)):
        try:
            action()
        except Exception as error:
            yield str(error)
            yield repr(error)


@pytest.mark.parametrize("persistent", [MemoryStore, lambda: KeyringStore(DictBackend())])
def test_no_repr_or_message_shows_a_key(persistent: Callable[[], SecretStore]) -> None:
    keys = ApiKeys(persistent())
    keys.set("work", KEY)
    keys.set("temp", OTHER, this_run_only=True)
    texts = list(every_text(keys))
    assert len(texts) > 10
    for text in texts:
        assert_never_shows(text, KEY, OTHER, ENV_KEY)


def test_importing_keys_leaves_keyring_unloaded() -> None:
    code = "import sys, realtime_gui.core.library.keys; print('keyring' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
