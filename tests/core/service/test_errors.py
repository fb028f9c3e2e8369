"""The error tree (realtime_gui.core.service.errors) and its exit codes
(realtime_gui.core.service.exit_codes)."""

from __future__ import annotations

import copy
import pickle

import pytest

from realtime_gui.core.service import errors, exit_codes
from realtime_gui.core.service.errors import (
    AuthenticationError,
    BetaShapeDisabledError,
    ConfigurationInvalidError,
    InvalidRequestError,
    KeyringUnavailableError,
    MintError,
    MintTimeout,
    NetworkError,
    NoApiKeyError,
    RateLimitError,
)
from realtime_gui.core.service.exit_codes import EXIT_CODES, exit_code_for

ALL_ERRORS = sorted(EXIT_CODES, key=lambda cls: cls.__name__)


def test_every_class_has_a_distinct_exit_code_clear_of_the_clis_own() -> None:
    codes = list(EXIT_CODES.values())
    assert len(set(codes)) == len(codes)
    reserved = {exit_codes.EXIT_OK, exit_codes.EXIT_USAGE, exit_codes.EXIT_CONFIGURATION_NOT_FOUND}
    assert reserved.isdisjoint(codes)
    assert EXIT_CODES[MintError] == exit_codes.EXIT_UNEXPECTED


def test_every_public_error_is_in_the_table_and_the_drawn_tree() -> None:
    public = [getattr(errors, name) for name in errors.__all__]
    classes = {obj for obj in public if isinstance(obj, type) and issubclass(obj, MintError)}
    assert classes == set(EXIT_CODES)
    for cls in classes:
        assert f" {cls.__name__} " in (errors.__doc__ or "")


@pytest.mark.parametrize("cls", ALL_ERRORS, ids=lambda cls: cls.__name__)
def test_every_class_has_its_own_title_and_words(cls: type[MintError]) -> None:
    assert cls.title and cls.__doc__
    if cls is not MintError:
        assert cls.title != MintError.title


def test_exit_code_walks_the_mro() -> None:
    class ProxyAuthError(NetworkError):
        pass

    assert exit_code_for(ProxyAuthError()) == 4
    assert exit_code_for(BetaShapeDisabledError()) == 9  # nearest class, not its parent's 8
    assert exit_code_for(ValueError()) == exit_codes.EXIT_UNEXPECTED
    assert exit_code_for(MintError()) == exit_codes.EXIT_UNEXPECTED


def test_str_is_message_advice_and_request_id() -> None:
    error = AuthenticationError(request_id="req_9", status=401, service_message="Wrong key.")
    assert str(error) == (f'{AuthenticationError.default_message} The service said: "Wrong key." '
                          f"{AuthenticationError.advice} (request id: req_9)")
    assert error.details == {"status": 401, "request_id": "req_9",
                             "service_message": "Wrong key."}
    assert "request id" not in str(NetworkError())


def test_configuration_invalid_counts_and_lists_the_first_problems() -> None:
    class Problem:
        def __init__(self, message: str) -> None:
            self.message = message

    many = ConfigurationInvalidError([Problem(f"field {n} is wrong.") for n in range(5)])
    assert many.message == ("5 problems in the configuration: field 0 is wrong; field 1 is "
                            "wrong; field 2 is wrong; and 2 more.")
    assert many.details["problems"][4] == "field 4 is wrong."
    one = ConfigurationInvalidError([Problem("Temperature must be 0.6 or bigger")])
    assert one.message.startswith("1 problem in the configuration: Temperature")
    assert exit_code_for(one) == 3


def test_keyring_and_missing_key_messages() -> None:
    keyring = KeyringUnavailableError("no D-Bus session")
    assert "(no D-Bus session)" in str(keyring)
    assert "gnome-keyring" in keyring.advice and "this run only" in keyring.advice
    missing = NoApiKeyError("work")
    assert '"work"' in str(missing) and "OPENAI_API_KEY" in str(missing)
    assert "realtime-gui key set" in missing.advice and "Keys dialog" in missing.advice
    assert exit_code_for(keyring) == 13 and exit_code_for(missing) == 14


@pytest.mark.parametrize(
    "error",
    [MintTimeout("read", 2.0, "api.openai.com", request_id="req_1"),
     ConfigurationInvalidError([]), RateLimitError(retry_after=3.0, status=429),
     InvalidRequestError(param="model", status=400)],
    ids=lambda e: type(e).__name__,
)
def test_errors_survive_pickle_and_copy(error: MintError) -> None:
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert type(clone) is type(error)
        assert str(clone) == str(error)
        assert clone.details == error.details


def test_every_text_of_an_error_masks_tokens_and_url_passwords() -> None:
    token = "ek_0123456789abcdefCANARY"
    error = InvalidRequestError(f"Bad value at https://bob:pw-{token}@example.com.", param=token,
                                status=400, request_id=f"Bearer {token}", service_message=f"echo {token}",
                                details={"body_excerpt": f'{{"token": "{token}"}}'})
    texts = [str(error), error.message, error.request_id or "", repr(error.details)]
    assert all(token not in text for text in texts), texts
    assert "https://bob:***@example.com" in str(error)


def test_an_unconfirmed_connection_names_the_host_the_key_and_the_command() -> None:
    error = errors.UntrustedConnectionError("http://10.0.0.2:8080", "work", "from Ann", plain_http=True)
    assert "http://10.0.0.2:8080" in str(error) and "'work'" in str(error)
    assert "`realtime-gui configs trust 'from Ann' --allow-http`" in str(error)
    assert exit_code_for(error) == EXIT_CODES[errors.UntrustedConnectionError]
