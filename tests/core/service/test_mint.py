"""Tests for realtime_gui.core.service.mint: the answers and failures it turns into results or errors.

Transport-level cases go through ``httpx.MockTransport`` (respx routers or
plain handlers) injected via ``mint(request, MintClient(transport=...))``; end-to-end cases talk to
tests/fakeserver.py over loopback.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import respx

from fakeserver import FAKE_API_KEY, closed_port, running_server
from realtime_gui import __version__
from realtime_gui.core.service.errors import (
    AuthenticationError,
    BadResponseError,
    BetaShapeDisabledError,
    InvalidRequestError,
    MintCancelled,
    MintError,
    MintTimeout,
    NetworkError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)
from realtime_gui.core.service.exit_codes import exit_code_for
from realtime_gui.core.service.answer import MAX_RESPONSE_BYTES
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.mint import MintResult, encode_body, mint
from realtime_gui.core.service.request import PreparedRequest, ResponseShape

KEY = "sk-proj-TESTKEY-notreal-9"
BASE = "https://api.openai.com/v1"
GA_URL = f"{BASE}/realtime/client_secrets"
BETA_URL = f"{BASE}/realtime/sessions"
GA_BODY = {"expires_after": {"anchor": "created_at", "seconds": 600},
           "session": {"type": "realtime", "model": "gpt-realtime", "instructions": "Hi ✓"}}
BETA_BODY = {"model": "gpt-4o-realtime-preview", "voice": "alloy", "temperature": 0.8}
EPHEMERAL = "ek_test_0123456789abcdef"  # fake; shaped like a secret
GA_ANSWER: dict[str, Any] = {"value": EPHEMERAL, "expires_at": 1_900_000_000,
             "session": {"type": "realtime", "object": "realtime.session", "id": "sess_1",
                         "model": "gpt-realtime", "tracing": None, "tools": None}}
BETA_ANSWER: dict[str, Any] = {"id": "sess_2", "object": "realtime.session", "model": "gpt-4o-realtime-preview",
               "turn_detection": None, "input_audio_transcription": None,
               "client_secret": {"value": "ek_beta0123456789", "expires_at": 1_900_000_060}}


def prepared(url: str = GA_URL, shape: ResponseShape = "ga", *, key: str = KEY,
             body: dict[str, Any] | None = None, secret_header: str = "Authorization",
             content_type: bool = True) -> PreparedRequest:
    headers = {secret_header: f"Bearer {key}" if secret_header == "Authorization" else key,
               "User-Agent": f"realtime-gui/{__version__}", "OpenAI-Organization": "org-123"}
    if content_type:
        headers["Content-Type"] = "application/json"
    default = GA_BODY if shape == "ga" else BETA_BODY
    return PreparedRequest("POST", url, headers, body if body is not None else default, shape,
                           secret_header)


def answering(status: int, json_body: Any = None, *, content: bytes | None = None,
              headers: dict[str, str] | None = None) -> httpx.MockTransport:
    """A transport that answers every request the same way."""
    def handler(request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content, headers=headers)
        return httpx.Response(status, json=json_body, headers=headers)
    return httpx.MockTransport(handler)


def raising(exc: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc
    return httpx.MockTransport(handler)


def error_body(message: str = "Something is off.", type_: str | None = "invalid_request_error",
               param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def fail(transport: httpx.BaseTransport | None, request: PreparedRequest | None = None,
         *, secrets: Sequence[str] = (), **client: Any) -> MintError:
    with pytest.raises(MintError) as caught:
        mint(request or prepared(), MintClient(transport=transport, **client), secrets=secrets)
    return caught.value


@pytest.fixture
def router() -> Iterator[respx.Router]:
    routes = respx.Router(base_url=BASE, assert_all_called=True)
    yield routes
    routes.assert_all_called()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback traffic must not go to a proxy set up on the machine."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)


# -- success -----------------------------------------------------------------


def test_ga_answer_gives_value_expiry_and_nested_session(router: respx.Router) -> None:
    router.post("/realtime/client_secrets").respond(200, json=GA_ANSWER,
                                                    headers={"x-request-id": "req_ok"})
    result = mint(prepared(), MintClient(transport=httpx.MockTransport(router.handler)))
    assert result.value == GA_ANSWER["value"]
    assert result.expires_at == 1_900_000_000
    assert result.session == GA_ANSWER["session"]  # nulls kept as they came
    assert result.response == GA_ANSWER
    assert (result.request_id, result.status) == ("req_ok", 200)
    assert result.elapsed_ms >= 0


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


def test_sends_the_prepared_headers_unchanged_and_compact_json(router: respx.Router) -> None:
    route = router.post("/realtime/client_secrets").respond(200, json=GA_ANSWER)
    request = prepared()
    mint(request, MintClient(transport=httpx.MockTransport(router.handler)))
    sent = route.calls.last.request
    assert sent.method == "POST"
    assert str(sent.url) == GA_URL
    for name, value in request.headers.items():
        assert sent.headers[name] == value
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.headers["user-agent"] == f"realtime-gui/{__version__}"
    assert sent.content == encode_body(GA_BODY)
    assert b", " not in sent.content and b": " not in sent.content
    assert json.loads(sent.content) == GA_BODY


def test_adds_json_content_type_only_when_missing(router: respx.Router) -> None:
    route = router.post("/realtime/client_secrets").respond(200, json=GA_ANSWER)
    mint(prepared(content_type=False), MintClient(transport=httpx.MockTransport(router.handler)))
    assert route.calls.last.request.headers["content-type"] == "application/json"


def test_encode_body_is_deterministic_and_refuses_nan() -> None:
    assert encode_body({"b": 1, "a": [1.5, None]}) == b'{"b":1,"a":[1.5,null]}'
    with pytest.raises(ValueError):
        encode_body({"temperature": float("nan")})


# -- cancel --------------------------------------------------------------------


def test_cancel_set_before_sending_sends_nothing() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=GA_ANSWER)

    transport = httpx.MockTransport(handler)
    cancel = threading.Event()
    cancel.set()
    error = fail(transport, cancel=cancel)
    assert isinstance(error, MintCancelled)
    assert sent == []
    assert exit_code_for(error) == 130


def test_cancel_not_set_mints() -> None:
    result = mint(prepared(), MintClient(transport=answering(200, GA_ANSWER), cancel=threading.Event()))
    assert isinstance(result, MintResult)


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
    return format_datetime(datetime.now(timezone.utc) + timedelta(seconds=seconds), usegmt=True)


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


# -- failures below HTTP -----------------------------------------------------------


def wrapped(outer: Exception, cause: BaseException) -> Exception:
    outer.__cause__ = cause
    return outer


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (httpx.ConnectError("boom"), "Could not connect to api.openai.com"),
        (wrapped(httpx.ConnectError("x"), ConnectionRefusedError(111, "refused")), "refused"),
        (wrapped(httpx.ConnectError("x"), socket.gaierror(-2, "unknown")), "resolved"),
        (wrapped(httpx.ConnectError("x"), ssl.SSLCertVerificationError(1, "bad cert")), "TLS"),
        (httpx.ProxyError("407"), "proxy"),
        (httpx.RemoteProtocolError("Server disconnected"), "broke"),
        (httpx.ReadError("reset"), "broke"),
        (httpx.WriteError("pipe"), "broke"),
        (OSError("odd transport"), "broke"),
    ],
)
def test_transport_failures_are_network_errors(exc: Exception, words: str) -> None:
    error = fail(raising(exc))
    assert type(error) is NetworkError
    assert words in str(error)
    assert error.details["exception"] == type(exc).__name__
    assert exit_code_for(error) == 4


@pytest.mark.parametrize(
    ("exc", "phase", "seconds"),
    [
        (httpx.ConnectTimeout("slow"), "connect", 3.0),
        (httpx.ReadTimeout("slow"), "read", 7.0),
        (httpx.WriteTimeout("slow"), "write", 7.0),
        (httpx.PoolTimeout("slow"), "pool", 7.0),
    ],
)
def test_timeouts_say_which(exc: Exception, phase: str, seconds: float) -> None:
    error = fail(raising(exc), connect_timeout=3.0, read_timeout=7.0)
    assert isinstance(error, MintTimeout)
    assert (error.phase, error.seconds) == (phase, seconds)
    assert f"({phase} timeout)" in str(error) and f"{seconds:g} s" in str(error)
    assert exit_code_for(error) == 5


def test_unusable_url_is_a_network_error_about_the_url() -> None:
    error = fail(None, prepared("api.openai.com/v1/realtime/client_secrets"))
    assert type(error) is NetworkError
    assert "base URL" in error.advice


def test_no_httpx_exception_is_chained() -> None:
    # The httpx exception holds the request, and the request holds the key.
    error = fail(raising(httpx.ConnectError("x")))
    assert error.__cause__ is None and error.__context__ is None


# -- the key never shows -------------------------------------------------------------


ECHOES: list[tuple[int, bytes, dict[str, str]]] = [
    (401, json.dumps(error_body(f"Incorrect API key provided: {KEY}.")).encode(), {}),
    (400, json.dumps(error_body(f"bad {KEY}", param=KEY, code=KEY, type_=KEY)).encode(), {}),
    (502, f"<html>Bearer {KEY}</html>".encode(), {"content-type": "text/html"}),
    (500, f"upstream said Authorization: Bearer {KEY}".encode(), {}),
    (429, json.dumps(error_body(KEY)).encode(), {"x-request-id": KEY}),
    (200, f"not json {KEY}".encode(), {}),
    (301, b"", {"location": f"https://x.example/?key={KEY}"}),
]


def visible_text(error: MintError) -> str:
    return " ".join([str(error), repr(error), error.message, error.advice, error.title,
                     json.dumps(error.details, default=str), str(error.request_id)])


@pytest.mark.parametrize(("status", "content", "headers"), ECHOES)
def test_key_echoed_by_the_server_is_masked(status: int, content: bytes,
                                            headers: dict[str, str]) -> None:
    error = fail(answering(status, content=content, headers=headers))
    text = visible_text(error)
    assert KEY not in text
    assert KEY[:-4] not in text


def test_key_in_a_transport_error_is_masked() -> None:
    error = fail(raising(httpx.ConnectError(f"could not send Bearer {KEY}")))
    assert KEY not in visible_text(error)


def test_api_key_header_and_extra_secrets_are_masked() -> None:
    azure_key = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"  # not shaped like sk-…
    request = prepared(key=azure_key, secret_header="api-key")
    body = error_body(f"bad key {azure_key}; org secret hunter2-org-secret")
    error = fail(answering(401, body), request, secrets=["hunter2-org-secret"])
    text = visible_text(error)
    assert azure_key not in text and "hunter2-org-secret" not in text
    assert "…e8f9" in text


# -- end to end, over loopback ----------------------------------------------------------


@pytest.mark.e2e
def test_e2e_beta_shape() -> None:
    with running_server() as server:
        request = prepared(f"{server.base_url}/realtime/sessions", "beta", key=FAKE_API_KEY)
        result = mint(request)
        (seen,) = server.requests
    assert result.value.startswith("ek_") and len(result.value) == 35
    assert result.session is not None and result.session["object"] == "realtime.session"
    assert result.session["model"] == BETA_BODY["model"]
    assert result.expires_at is not None and abs(result.expires_at - (time.time() + 60)) < 5
    assert result.request_id == seen.request_id
    assert seen.body == BETA_BODY and seen.raw_body == encode_body(BETA_BODY)
    assert seen.headers["authorization"] == f"Bearer {FAKE_API_KEY}"
    assert seen.headers["user-agent"] == f"realtime-gui/{__version__}"


@pytest.mark.e2e
def test_e2e_ga_shape() -> None:
    body = {**GA_BODY, "expires_after": {"anchor": "created_at", "seconds": 300}}
    with running_server() as server:
        result = mint(prepared(f"{server.base_url}/realtime/client_secrets", key=FAKE_API_KEY,
                               body=body))
    assert result.session is not None and result.session["id"].startswith("sess_")
    assert result.session["instructions"] == "Hi ✓"
    assert result.expires_at is not None and abs(result.expires_at - (time.time() + 300)) < 5


@pytest.mark.e2e
def test_e2e_azure_api_key_header() -> None:
    with running_server() as server:
        url = f"{server.origin}/openai/v1/realtime/client_secrets"
        assert mint(prepared(url, key=FAKE_API_KEY, secret_header="api-key")).value
        error = fail(None, prepared(url, key="wrong-azure-key-0000", secret_header="api-key"))
    assert type(error) is AuthenticationError and error.code == "401"


@pytest.mark.e2e
def test_e2e_wrong_key_is_refused_and_never_shown() -> None:
    wrong = "sk-wrong-key-0123-ABCD"
    with running_server() as server:
        server.echo_keys = True
        error = fail(None, prepared(f"{server.base_url}/realtime/client_secrets", key=wrong))
        (seen,) = server.requests
    assert type(error) is AuthenticationError
    assert error.request_id == seen.request_id
    assert wrong not in visible_text(error) and "…ABCD" in str(error)


@pytest.mark.e2e
def test_e2e_scripted_failures_in_order() -> None:
    with running_server() as server:
        request = prepared(f"{server.base_url}/realtime/client_secrets", key=FAKE_API_KEY)
        server.fail_next(429, {"message": "Slow down.", "code": "rate_limit_exceeded"},
                         headers={"retry-after": "3"})
        server.reply_raw(502, b"<html>bad gateway</html>", "text/html")
        first, second = fail(None, request), fail(None, request)
        assert mint(request).value.startswith("ek_")
    assert isinstance(first, RateLimitError) and first.retry_after == 3.0
    assert type(second) is ServerError and "HTML page" in str(second)


@pytest.mark.e2e
def test_e2e_beta_shape_switched_off() -> None:
    with running_server() as server:
        server.beta_shape_enabled = False
        error = fail(None, prepared(f"{server.base_url}/realtime/sessions", "beta",
                                    key=FAKE_API_KEY))
    assert type(error) is BetaShapeDisabledError


@pytest.mark.e2e
def test_e2e_oversized_answer() -> None:
    with running_server() as server:
        server.reply_raw(200, b"x" * (MAX_RESPONSE_BYTES + 1), "application/json")
        error = fail(None, prepared(f"{server.base_url}/realtime/client_secrets",
                                    key=FAKE_API_KEY))
    assert type(error) is BadResponseError


@pytest.mark.e2e
def test_e2e_read_timeout_when_the_server_hangs() -> None:
    with running_server() as server:
        server.hang_next()
        started = time.monotonic()
        error = fail(None, prepared(f"{server.base_url}/realtime/client_secrets",
                                    key=FAKE_API_KEY), read_timeout=0.5)
        waited = time.monotonic() - started
    assert isinstance(error, MintTimeout) and error.phase == "read"
    assert 0.4 < waited < 5


@pytest.mark.e2e
def test_e2e_slow_answer_within_the_timeout() -> None:
    with running_server() as server:
        server.delay_next(0.3)
        result = mint(prepared(f"{server.base_url}/realtime/client_secrets", key=FAKE_API_KEY),
                      MintClient(read_timeout=5))
    assert result.elapsed_ms >= 300


@pytest.mark.e2e
def test_e2e_connection_refused() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1/realtime/client_secrets"
    error = fail(None, prepared(url))
    assert type(error) is NetworkError and "refused" in str(error)


@pytest.mark.e2e
def test_e2e_tls_to_a_plain_http_server() -> None:
    with running_server() as server:
        url = f"https://127.0.0.1:{server.port}/v1/realtime/client_secrets"
        error = fail(None, prepared(url, key=FAKE_API_KEY))
    assert type(error) is NetworkError and "TLS" in str(error)


@pytest.mark.e2e
def test_e2e_server_leaves_no_threads_behind() -> None:
    before = set(threading.enumerate())
    with running_server() as server:
        server.hang_next()
        fail(None, prepared(f"{server.base_url}/realtime/client_secrets", key=FAKE_API_KEY),
             read_timeout=0.2)
        with httpx.Client() as client:  # an idle keep-alive connection at stop time
            client.post(f"{server.base_url}/realtime/client_secrets", json=GA_BODY,
                        headers={"Authorization": f"Bearer {FAKE_API_KEY}"})
            server.stop()
    assert set(threading.enumerate()) <= before
