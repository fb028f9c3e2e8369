"""Tests for realtime_gui.core.service.mint: what it sends, cancelling, and the
failures below HTTP it turns into typed errors; the key never shows.

Transport-level cases go through ``httpx.MockTransport`` (respx routers or
plain handlers) injected via ``mint(request, MintClient(transport=...))``;
end-to-end cases talk to tests/fakeserver.py over loopback. The canned
requests and answers are in tests/mint_support.py.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time

import httpx
import pytest
import respx
from fakeserver import FAKE_API_KEY, closed_port, running_server
from mint_support import (
    BETA_BODY,
    GA_ANSWER,
    GA_BODY,
    GA_URL,
    KEY,
    answering,
    error_body,
    fail,
    prepared,
    raising,
)

from realtime_gui import __version__
from realtime_gui.core.service.answer import MAX_RESPONSE_BYTES
from realtime_gui.core.service.client import CancelSwitch, MintClient
from realtime_gui.core.service.errors import (
    AuthenticationError,
    BadResponseError,
    BetaShapeDisabledError,
    MintCancelled,
    MintError,
    MintTimeout,
    NetworkError,
    RateLimitError,
    ServerError,
)
from realtime_gui.core.service.exit_codes import exit_code_for
from realtime_gui.core.service.mint import MintResult, encode_body, mint

# -- success -----------------------------------------------------------------


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
        before = int(time.time())
        result = mint(request)
        after = int(time.time())
        (seen,) = server.requests
    assert result.value.startswith("ek_") and len(result.value) == 35
    assert result.session is not None and result.session["object"] == "realtime.session"
    assert result.session["model"] == BETA_BODY["model"]
    assert result.expires_at is not None and before + 60 <= result.expires_at <= after + 60  # a minute on
    assert result.request_id == seen.request_id
    assert seen.body == BETA_BODY and seen.raw_body == encode_body(BETA_BODY)
    assert seen.headers["authorization"] == f"Bearer {FAKE_API_KEY}"
    assert seen.headers["user-agent"] == f"realtime-gui/{__version__}"


@pytest.mark.e2e
def test_e2e_ga_shape() -> None:
    body = {**GA_BODY, "expires_after": {"anchor": "created_at", "seconds": 300}}
    with running_server() as server:
        before = int(time.time())
        result = mint(prepared(f"{server.base_url}/realtime/client_secrets", key=FAKE_API_KEY,
                               body=body))
        after = int(time.time())
    assert result.session is not None and result.session["id"].startswith("sess_")
    assert result.session["instructions"] == "Hi ✓"
    assert result.expires_at is not None and before + 300 <= result.expires_at <= after + 300


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
        error = fail(None, prepared(f"{server.base_url}/realtime/client_secrets",
                                    key=FAKE_API_KEY), read_timeout=0.5)
        assert len(server.requests) == 1 and server.answers == []  # received, never answered
    assert isinstance(error, MintTimeout) and error.phase == "read"


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


@pytest.mark.e2e
@pytest.mark.parametrize("answer", ["hang", "trickle"])
def test_e2e_a_cancel_switch_set_in_flight_cuts_the_connection(answer: str) -> None:
    switch = CancelSwitch()
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            mint(prepared(f"{server.base_url}/realtime/client_secrets", key=FAKE_API_KEY),
                 MintClient(read_timeout=600).cancellable(switch))
        except MintCancelled as exc:
            outcome.append(exc)

    with running_server() as server:
        server.hang_next() if answer == "hang" else server.trickle_next(0.5)
        worker = threading.Thread(target=run)
        worker.start()
        while not server.requests:
            time.sleep(0.01)
        switch.set()
        worker.join(20)  # a bound on a failing run, not a measure: the server holds its answer far longer
        held = worker.is_alive()
    worker.join()
    assert not held and len(outcome) == 1 and "cancelled" in str(outcome[0])
