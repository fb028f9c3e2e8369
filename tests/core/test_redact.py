"""Redaction (realtime_gui.core.redact): masks, scrubbed text, redacted JSON."""

from __future__ import annotations

import pytest

from realtime_gui.core.redact import mask_key, redact, scrub, scrubber, signing_secrets


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
