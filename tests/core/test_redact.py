"""Redaction (realtime_gui.core.redact): masks, scrubbed text, redacted JSON."""

from __future__ import annotations

import pytest

from realtime_gui.core.redact import mask_key, redact, redact_error, scrub, scrub_error, scrubber, signing_secrets


@pytest.mark.parametrize(
    ("secrets", "text", "expected"),
    [
        ([], "key sk-abcdefgh1234 here", "key …1234 here"),
        ([], "short sk-abc stays", "short sk-abc stays"),
        (["my-long-secret-9876"], "a my-long-secret-9876 b", "a …9876 b"),
        (["abc"], "abc is too short to be a secret", "abc is too short to be a secret"),
        (["secret-1234", "secret-1234-longer"], "secret-1234-longer", "…nger"),
        (["hunter22"], "hunter22", "…"),  # eight characters or fewer: show nothing
    ],
)
def test_scrub(secrets: list[str], text: str, expected: str) -> None:
    assert scrub(text, secrets) == expected


def test_mask_key_shows_at_most_the_last_four_characters() -> None:
    assert mask_key("sk-abcdefgh1234") == "…1234"
    assert mask_key("12345678") == "…"


def test_redact_scrubs_every_string_in_a_json_value() -> None:
    value = {"a": ["x my-long-secret-9876", 3, None], "b": {"c": "sk-abcdefgh1234"}}
    assert redact(value, ["my-long-secret-9876"]) == {"a": ["x …9876", 3, None], "b": {"c": "…1234"}}


def test_signing_secrets_finds_the_key_with_and_without_bearer() -> None:
    headers = {"authorization": "Bearer sk-abcdefgh1234", "Accept": "application/json"}
    assert signing_secrets(headers, "Authorization") == ["Bearer sk-abcdefgh1234", "sk-abcdefgh1234"]
    assert scrubber(["hunter2-org-secret"])("a hunter2-org-secret") == "a …cret"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("secret ek_0123456789abcdef here", "secret …cdef here"),
        ("x-request-id: Bearer abcdEFGH1234zz", "x-request-id: Bearer …34zz"),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_abcd", "jwt …abcd"),
        ("tok abcdefghij0123456789abcdefghij0123456789WXYZ.", "tok …WXYZ."),
        ("https://bob:hunter2@example.com/v1 and http://u:p@h", "https://bob:***@example.com/v1 and http://u:***@h"),
        ("https://bob@example.com/v1 keeps its user", "https://bob@example.com/v1 keeps its user"),
        # What an error should still show: a request id, a path, a secret reference, a model name.
        ("request id: req_0123456789abcdef0123456789abcdef", "request id: req_0123456789abcdef0123456789abcdef"),
        ("/home/user/.config/realtime-gui/configs/demo.json", "/home/user/.config/realtime-gui/configs/demo.json"),
        ("ref 0123456789abcdef0123456789abcdef", "ref 0123456789abcdef0123456789abcdef"),
        ("model gpt-4o-realtime-preview-2024-12-17", "model gpt-4o-realtime-preview-2024-12-17"),
    ],
)
def test_scrub_error_masks_token_shapes_and_url_passwords(text: str, expected: str) -> None:
    assert scrub_error(text) == expected


def test_redact_error_reaches_into_json() -> None:
    assert redact_error({"a": ["Bearer abcdEFGH1234zz", 3], "b": ("https://u:pw@h",)}) == {
        "a": ["Bearer …34zz", 3], "b": ["https://u:***@h"]}
