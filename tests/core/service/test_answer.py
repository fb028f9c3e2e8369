"""Tests for realtime_gui.core.service.answer: what each answer of the service
amounts to, a client secret or a typed error, sent through ``mint`` with a
mock transport (canned requests and answers: tests/mint_support.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
import respx
from mint_support import (
    BETA_ANSWER,
    BETA_URL,
    EPHEMERAL,
    GA_ANSWER,
    answering,
    error_body,
    fail,
    prepared,
)

from realtime_gui.core.service.answer import MAX_RESPONSE_BYTES
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.errors import (
    AuthenticationError,
    BadResponseError,
    BetaShapeDisabledError,
    InvalidRequestError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)
from realtime_gui.core.service.exit_codes import exit_code_for
from realtime_gui.core.service.mint import mint
from realtime_gui.core.service.request import ResponseShape


def test_ga_answer_gives_value_expiry_and_nested_session(router: respx.Router) -> None:
    router.post("/realtime/client_secrets").respond(200, json=GA_ANSWER,
                                                    headers={"x-request-id": "req_ok"})
    result = mint(prepared(), MintClient(transport=httpx.MockTransport(router.handler)))
    assert result.value == GA_ANSWER["value"]
    assert result.expires_at == 1_900_000_000
    assert result.session == GA_ANSWER["session"]  # nulls kept as they came
    assert result.response == GA_ANSWER
    assert (result.request_id, result.status) == ("req_ok", 200)


def test_elapsed_time_covers_the_exchange(router: respx.Router) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.05)  # sleeps at least this long: a bound from below, never a wall-clock limit
        return httpx.Response(200, json=GA_ANSWER)

    result = mint(prepared(), MintClient(transport=httpx.MockTransport(slow)))
    assert result.elapsed_ms >= 50


def test_beta_answer_is_itself_the_session(router: respx.Router) -> None:
    router.post("/realtime/sessions").respond(200, json=BETA_ANSWER)
    result = mint(prepared(BETA_URL, "beta"), MintClient(transport=httpx.MockTransport(router.handler)))
    assert result.value == "ek_beta0123456789"
    assert result.expires_at == 1_900_000_060
    assert result.session == BETA_ANSWER
    assert result.request_id is None


@pytest.mark.parametrize("session", [None, "odd", 3])
def test_ga_session_that_is_not_an_object_becomes_none(session: Any) -> None:
    result = mint(prepared(), MintClient(transport=answering(200, {**GA_ANSWER, "session": session})))
    assert result.session is None
    assert result.value == GA_ANSWER["value"]


@pytest.mark.parametrize("expires_at", [None, True, "soon", float("inf")])
def test_unusable_expiry_becomes_none(expires_at: Any) -> None:
    answer = {**GA_ANSWER, "expires_at": expires_at}
    transport = answering(200, content=json.dumps(answer).encode())
    assert mint(prepared(), MintClient(transport=transport)).expires_at is None


def test_result_repr_masks_the_secret_and_leaves_out_bodies() -> None:
    result = mint(prepared(), MintClient(transport=answering(200, GA_ANSWER)))
    text = repr(result)
    assert EPHEMERAL not in text
    assert "…cdef" in text
    assert "sess_1" not in text


# -- answers with an error status ----------------------------------------------


def test_401_is_authentication_error_with_request_id() -> None:
    body = error_body("Incorrect API key provided: sk-pr****wxyz.", code="invalid_api_key")
    error = fail(answering(401, body, headers={"x-request-id": "req_401"}))
    assert type(error) is AuthenticationError
    assert (error.status, error.code, error.request_id) == (401, "invalid_api_key", "req_401")
    assert str(error).endswith("(request id: req_401)")
    assert "Incorrect API key provided" in str(error)
    assert "key set" in error.advice
    assert exit_code_for(error) == 6


def test_403_mismatched_organization_points_at_organization_settings() -> None:
    body = error_body("OpenAI-Organization header does not match.", code="mismatched_organization")
    error = fail(answering(403, body))
    assert type(error) is PermissionDeniedError
    assert "OpenAI-Organization" in error.advice and "project" in error.advice


def test_other_403_keeps_the_general_advice() -> None:
    error = fail(answering(403, error_body("Not allowed.", code="model_not_allowed")))
    assert type(error) is PermissionDeniedError
    assert error.advice == PermissionDeniedError.advice
    assert "OpenAI-Organization" not in str(error)


def test_400_keeps_param_and_quotes_the_service() -> None:
    body = error_body("Invalid value: 'pcm8'.", param="session.audio.input.format.type",
                      code="invalid_value")
    error = fail(answering(400, body))
    assert type(error) is InvalidRequestError
    assert error.param == "session.audio.input.format.type"
    assert "Invalid value: 'pcm8'." in str(error)
    assert "Parameter: session.audio.input.format.type." in str(error)
    error.field_path = "audio.input.format"  # the caller maps param to a declared field
    assert "Field: audio.input.format." in str(error)
    assert error.details["param"] == "session.audio.input.format.type"
    assert exit_code_for(error) == 8


@pytest.mark.parametrize("status", [404, 409, 413, 422])
def test_other_4xx_are_invalid_requests(status: int) -> None:
    error = fail(answering(status, error_body("Nope.")))
    assert type(error) is InvalidRequestError
    assert error.status == status


def test_404_advice_points_at_url_and_model() -> None:
    error = fail(answering(404, error_body("Invalid URL (POST /v1/realtime/sessionz)")))
    assert "base URL" in error.advice


def test_beta_shape_disabled_points_to_ga() -> None:
    body = error_body("Beta is off.", code="beta_api_shape_disabled")
    error = fail(answering(400, body), prepared(BETA_URL, "beta"))
    assert type(error) is BetaShapeDisabledError
    assert isinstance(error, InvalidRequestError)
    assert "/v1/realtime/sessions" in error.message
    assert "POST /v1/realtime/client_secrets" in error.advice and "GA" in error.advice
    assert exit_code_for(error) == 9


def test_beta_shape_code_on_another_status_is_not_the_special_case() -> None:
    error = fail(answering(422, error_body("x", code="beta_api_shape_disabled")))
    assert type(error) is InvalidRequestError


def http_date_in(seconds: float) -> str:
    return format_datetime(datetime.now(UTC) + timedelta(seconds=seconds), usegmt=True)


@pytest.mark.parametrize(
    ("headers", "low", "high"),
    [
        ({"retry-after": "7"}, 7.0, 7.0),
        ({"retry-after": "0.5"}, 0.5, 0.5),
        ({"retry-after": "in 120 s"}, 100.0, 121.0),  # made into an HTTP date when the test runs
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0, 0.0),  # past: no wait
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5, 1.5),  # ms wins
        ({"retry-after-ms": "junk", "retry-after": "9"}, 9.0, 9.0),
    ],
)
def test_429_parses_retry_after(headers: dict[str, str], low: float, high: float) -> None:
    if headers.get("retry-after") == "in 120 s":
        headers = {"retry-after": http_date_in(120)}  # not at collection, which may be long before
    error = fail(answering(429, error_body("Slow down.", code="rate_limit_exceeded"),
                           headers=headers))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is not None and low <= error.retry_after <= high
    assert exit_code_for(error) == 10


@pytest.mark.parametrize("value", ["soon", "-3", "nan", ""])
def test_429_with_unusable_retry_after_has_none(value: str) -> None:
    error = fail(answering(429, error_body("Slow down."), headers={"retry-after": value}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is None
    assert "Wait a little" in error.advice


def test_429_retry_after_shows_in_advice() -> None:
    error = fail(answering(429, error_body("Slow down."), headers={"retry-after": "20"}))
    assert "Wait 20 s" in str(error)


def test_429_insufficient_quota_says_waiting_will_not_help() -> None:
    error = fail(answering(429, error_body("Quota.", code="insufficient_quota"),
                           headers={"retry-after": "5"}))
    assert isinstance(error, RateLimitError)
    assert "waiting will not help" in error.advice


def test_500_is_server_error_with_service_message() -> None:
    error = fail(answering(500, error_body("The server had an error.", type_="server_error")))
    assert type(error) is ServerError
    assert "The server had an error." in str(error)
    assert exit_code_for(error) == 11


def test_502_html_page_is_described_not_dumped() -> None:
    page = (b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad "
            b"Gateway</h1></center><hr><center>nginx</center>" + b" " * 2000 + b"</body></html>")
    error = fail(answering(502, content=page, headers={"content-type": "text/html"}))
    assert type(error) is ServerError
    assert "HTML page (probably a proxy)" in str(error)
    assert "<" not in str(error)
    excerpt = error.details["body_excerpt"]
    assert excerpt.startswith("<html><head><title>502") and len(excerpt) == 500


def test_html_is_recognised_without_a_content_type() -> None:
    error = fail(answering(503, content=b"\n  <!DOCTYPE html><html>down</html>"))
    assert "HTML page" in error.message


@pytest.mark.parametrize(
    "content",
    [b"", b"[]", b'"text"', b'{"error": "plain words"}', b'{"error": {"message": 5}}',
     b'{"error": {"message": null, "type": null, "param": null, "code": null}}',
     b'{"error": {"message": {"nested": 1}}}', b'{"message": "top level"}',
     b"upstream connect error", b"\xff\xfe not utf-8"],
)
def test_odd_error_bodies_still_map_by_status(content: bytes) -> None:
    error = fail(answering(400, content=content))
    assert type(error) is InvalidRequestError
    assert error.status == 400
    assert str(error)


@pytest.mark.parametrize(
    ("content", "quoted"),
    [(b'{"error": "plain words"}', "plain words"), (b'{"message": "top level"}', "top level"),
     (b"upstream connect error or disconnect/reset before headers\n",
      "upstream connect error or disconnect/reset before headers")],
)
def test_other_error_shapes_are_quoted(content: bytes, quoted: str) -> None:
    error = fail(answering(503, content=content))
    assert error.service_message == quoted
    assert f'The service said: "{quoted}"' in str(error)


def test_long_plain_text_error_is_kept_for_details_only() -> None:
    error = fail(answering(500, content=b"trace line\n" * 100))
    assert error.service_message is None
    assert error.details["body_excerpt"].startswith("trace line")


def test_redirect_is_a_bad_response_naming_the_target() -> None:
    error = fail(answering(301, content=b"", headers={"location": "https://elsewhere.example/v1"}))
    assert type(error) is BadResponseError
    assert "https://elsewhere.example/v1" in str(error)


# -- 2xx answers that are not usable ---------------------------------------------


def test_200_that_is_not_json() -> None:
    error = fail(answering(200, content=b"hello", headers={"content-type": "text/plain"}))
    assert type(error) is BadResponseError
    assert "not JSON" in str(error)
    assert exit_code_for(error) == 12


def test_200_html_page_says_so() -> None:
    error = fail(answering(200, content=b"<html>Sign in to the hotel wifi</html>",
                           headers={"content-type": "text/html; charset=utf-8"}))
    assert "HTML page" in str(error) and "wifi" not in str(error)


@pytest.mark.parametrize(
    ("shape", "answer"),
    [
        ("ga", {"expires_at": 1, "session": {}}),
        ("ga", {"value": "", "expires_at": 1}),
        ("ga", {"value": 12345}),
        ("ga", BETA_ANSWER),  # the other shape: no top-level value
        ("beta", GA_ANSWER),
        ("beta", {"client_secret": None}),
        ("beta", {"client_secret": "ek_flat"}),
        ("ga", [GA_ANSWER]),
    ],
)
def test_200_without_a_secret_where_the_shape_says(shape: ResponseShape, answer: Any) -> None:
    error = fail(answering(200, answer), prepared(shape=shape))
    assert type(error) is BadResponseError
    assert error.status == 200


def test_body_past_two_megabytes_is_refused_without_reading_it_all() -> None:
    produced = 0

    def endless() -> Iterator[bytes]:
        nonlocal produced
        while True:
            produced += 1
            yield b"x" * 65536

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=endless())

    error = fail(httpx.MockTransport(handler))
    assert type(error) is BadResponseError
    assert "2 MB" in str(error)
    assert produced * 65536 <= MAX_RESPONSE_BYTES + 65536


def test_body_of_exactly_two_megabytes_is_read() -> None:
    answer = json.dumps(GA_ANSWER).encode()
    content = answer + b" " * (MAX_RESPONSE_BYTES - len(answer))
    assert mint(prepared(), MintClient(transport=answering(200, content=content))).value == GA_ANSWER["value"]


def test_undecodable_gzip_is_a_bad_response() -> None:
    transport = answering(200, content=b"not gzip", headers={"content-encoding": "gzip"})
    assert type(fail(transport)) is BadResponseError
