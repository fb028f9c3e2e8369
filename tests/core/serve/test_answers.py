"""What ``/token`` answers for each way a mint can end."""

from __future__ import annotations

import json

import pytest

from realtime_gui.core.serve.answers import answer_for_error
from realtime_gui.core.service.errors import (
    BadResponseError,
    InvalidRequestError,
    KeyringUnavailableError,
    MintCancelled,
    MintError,
    RateLimitError,
)


def test_a_long_service_error_is_rebuilt_from_its_parts() -> None:
    said = "x" * 700  # past the excerpt kept whole, so the body can't be passed on as it came
    error = InvalidRequestError(param="session.voice", status=400, error_type="invalid_request_error",
                                code="bad_voice", service_message=said,
                                details={"body_excerpt": json.dumps({"error": {"message": said}})[:500]})
    answer = answer_for_error(error)
    assert answer.status == 400
    assert answer.body == {"error": {"message": said, "type": "invalid_request_error", "param": "session.voice",
                                     "code": "bad_voice"}}


def test_a_short_service_error_passes_as_it_came() -> None:
    body = {"error": {"message": "Nope.", "type": "x", "param": None, "code": None, "extra": 1}}
    error = RateLimitError(retry_after=2.2, status=429, details={"body_excerpt": json.dumps(body)})
    answer = answer_for_error(error)
    assert (answer.status, answer.body, answer.headers["Retry-After"]) == (429, body, "3")


@pytest.mark.parametrize(("error", "status", "code"), [
    (BadResponseError("redirected", status=302), 502, "bad_upstream_answer"),
    (BadResponseError("no secret", status=200), 502, "bad_upstream_answer"),
    (MintCancelled(), 503, "server_stopping"),
    (KeyringUnavailableError("locked"), 500, "keyring_unavailable"),
    (MintError("odd"), 500, "mint"),
])
def test_answers_of_our_own(error: MintError, status: int, code: str) -> None:
    answer = answer_for_error(error)
    assert (answer.status, answer.body["error"]["code"]) == (status, code)
    assert answer.body["error"]["type"] == "realtime_gui_error" and answer.headers["Cache-Control"] == "no-store"
