"""The token server end to end: a real loopback server minting from the loopback fake service."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import httpx
import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer, closed_port, running_server
from serve_support import aimed_at, serving

from realtime_gui.core.library.configurations import load_configuration
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.library.trust import trust_connection
from realtime_gui.core.serve.server import TokenServer
from realtime_gui.core.service.client import MintClient

pytestmark = pytest.mark.e2e

PAGE = "http://localhost:5173"


def test_a_mint_answers_with_the_services_status_and_body_unchanged(server: FakeRealtimeServer) -> None:
    answer = {"value": "ek_unchanged0123456789", "expires_at": 1_900_000_000, "extra": {"kept": [1, 2]},
              "session": {"type": "realtime", "model": "gpt-realtime", "object": "realtime.session"}}
    server.reply_next(201, answer)
    with serving(aimed_at(server)) as served:
        for method in ("GET", "POST"):
            if method == "POST":
                server.reply_next(201, answer)
            got = httpx.request(method, served.url + "token")
            assert (got.status_code, got.json()) == (201, answer)
            assert got.headers["cache-control"] == "no-store"
            assert got.headers["x-request-id"] == server.requests[-1].request_id
    assert len(server.requests) == 2
    assert server.requests[0].body == {"session": {"type": "realtime", "model": "gpt-realtime"}}


@pytest.mark.parametrize(("status", "error", "headers"), [
    (401, {"message": "Incorrect API key provided.", "code": "invalid_api_key"}, {}),
    (400, {"message": "Unknown model.", "param": "session.model"}, {}),
    (429, {"message": "Slow down.", "type": "requests"}, {"retry-after": "7"}),
    (500, {"message": "The server had an error.", "type": "server_error"}, {}),
])
def test_service_errors_pass_through_with_their_status(server: FakeRealtimeServer, status: int,
                                                       error: dict[str, str], headers: dict[str, str]) -> None:
    server.fail_next(status, error, headers=headers)
    with serving(aimed_at(server)) as served:
        got = httpx.post(served.url + "token")
    assert got.status_code == status
    assert got.json()["error"]["message"] == error["message"]
    assert {k: v for k, v in got.json()["error"].items() if k in error} == error
    if "retry-after" in headers:
        assert got.headers["retry-after"] == "7"


def test_a_network_fault_is_502_and_a_timeout_504(server: FakeRealtimeServer) -> None:
    unreachable = aimed_at(server)
    unreachable.connection["base_url"] = f"http://127.0.0.1:{closed_port()}/v1"
    trust_connection(unreachable)
    with serving(unreachable) as served:
        got = httpx.post(served.url + "token")
    assert got.status_code == 502 and got.json()["error"]["code"] == "upstream_unreachable"
    server.hang_next()
    with serving(aimed_at(server), client=MintClient(read_timeout=0.3, deadline=0.3)) as served:
        got = httpx.post(served.url + "token")
    assert got.status_code == 504 and got.json()["error"]["code"] == "upstream_timeout"


def test_an_answer_without_a_secret_is_502(server: FakeRealtimeServer) -> None:
    server.reply_raw(200, b"<html>sign in</html>", "text/html")
    with serving(aimed_at(server)) as served:
        got = httpx.post(served.url + "token")
    assert got.status_code == 502 and got.json()["error"]["code"] == "bad_upstream_answer"


def test_no_key_is_a_500_of_our_own(server: FakeRealtimeServer) -> None:
    with serving(aimed_at(server), key="") as served:
        got = httpx.post(served.url + "token")
    assert got.status_code == 500 and got.json()["error"]["code"] == "no_api_key"
    assert server.requests == []


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "0.0.0.0:{port}"])
def test_another_host_name_is_refused_before_any_mint(server: FakeRealtimeServer, host: str) -> None:
    with serving(aimed_at(server)) as served:
        port = served.server.port
        for path in ("token", ""):
            got = httpx.get(served.url + path, headers={"Host": host.format(port=port)})
            assert got.status_code == 403 and got.json()["error"]["code"] == "host_not_allowed"
        for name in ("localhost", "127.0.0.1"):  # the loopback names themselves work
            assert httpx.get(served.url + "token", headers={"Host": f"{name}:{port}"}).status_code == 200
    assert len(server.requests) == 2


def test_a_listed_origin_gets_its_own_name_back(server: FakeRealtimeServer) -> None:
    with serving(aimed_at(server), origins=(PAGE, "https://dev.example.com")) as served:
        got = httpx.post(served.url + "token", headers={"Origin": PAGE})
        assert got.status_code == 200
        assert got.headers["access-control-allow-origin"] == PAGE
        assert got.headers["vary"] == "Origin"
        assert "x-request-id" in got.headers["access-control-expose-headers"].lower()
        own = httpx.post(served.url + "token", headers={"Origin": f"http://localhost:{served.server.port}"})
        assert own.status_code == 200  # the test page, on the server's own origin


def test_the_preflight_is_answered_for_listed_origins_only(server: FakeRealtimeServer) -> None:
    with serving(aimed_at(server), origins=(PAGE,)) as served:
        asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type",
                 "Access-Control-Request-Private-Network": "true"}
        yes = httpx.options(served.url + "token", headers={"Origin": PAGE, **asked})
        assert yes.status_code == 204
        assert yes.headers["access-control-allow-origin"] == PAGE
        assert "POST" in yes.headers["access-control-allow-methods"]
        assert yes.headers["access-control-allow-headers"] == "content-type"
        assert yes.headers["access-control-allow-private-network"] == "true"
        assert yes.headers["vary"] == "Origin"
        no = httpx.options(served.url + "token", headers={"Origin": "http://localhost:5174", **asked})
        assert no.status_code == 403 and "access-control-allow-origin" not in no.headers
    assert server.requests == []


@pytest.mark.parametrize("origin", ["http://localhost:5174", "https://localhost:5173", "null", "http://evil.example"])
def test_any_other_origin_is_refused_with_no_mint(server: FakeRealtimeServer, origin: str) -> None:
    with serving(aimed_at(server), origins=(PAGE,)) as served:
        for method in ("GET", "POST"):
            got = httpx.request(method, served.url + "token", headers={"Origin": origin})
            assert got.status_code == 403 and got.json()["error"]["code"] == "origin_not_allowed"
            assert "access-control-allow-origin" not in got.headers and got.headers["vary"] == "Origin"
    assert server.requests == []


def test_the_rate_limit_stops_a_page_in_a_loop(server: FakeRealtimeServer) -> None:
    from realtime_gui.core.serve.rules import Rate

    with serving(aimed_at(server), rate=Rate(2, 3600.0), origins=(PAGE,)) as served:
        assert [httpx.post(served.url + "token").status_code for _ in range(2)] == [200, 200]
        refused = httpx.post(served.url + "token", headers={"Origin": PAGE})
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "rate_limited"
    assert 3000 < int(refused.headers["retry-after"]) <= 3600
    assert refused.headers["access-control-allow-origin"] == PAGE  # so the page can read why
    assert len(server.requests) == 2


def test_other_paths_and_methods(server: FakeRealtimeServer) -> None:
    with serving(aimed_at(server)) as served:
        assert httpx.get(served.url + "nothing").status_code == 404
        wrong = httpx.put(served.url + "token")
        assert wrong.status_code == 405 and wrong.headers["allow"] == "GET, POST, OPTIONS"
        assert httpx.post(served.url).status_code == 405
    assert server.requests == []


def test_each_request_is_logged_without_the_key_or_the_secret() -> None:
    canary = f"sk-canary-{uuid.uuid4().hex}"
    with running_server(api_key=canary) as fake, serving(aimed_at(fake), key=canary, origins=(PAGE,)) as served:
        fake.echo_keys = True
        secret = httpx.post(served.url + "token", headers={"Origin": PAGE}).json()["value"]
        fake.fail_next(400, {"message": f"the key {canary} is wrong"})
        refused = httpx.post(served.url + "token")
        httpx.get(served.url + "token", headers={"Origin": "http://evil.example"})
    assert canary not in refused.text  # the service's echo is scrubbed on the way back, too
    lines = [record.line() for record in served.records]
    assert len(lines) == 3
    first = served.records[0]
    assert (first.method, first.path, first.origin, first.status) == ("POST", "/token", PAGE, 200)
    assert first.request_id == fake.requests[0].request_id
    assert f"origin={PAGE}" in lines[0] and f"{first.elapsed_ms:.0f} ms" in lines[0]
    assert " 200 " in lines[0] and fake.requests[0].request_id in lines[0]
    assert " 400 " in lines[1] and " 403 " in lines[2] and "origin refused" in lines[2]
    for line in lines:
        assert canary not in line and secret not in line and canary[-12:] not in line


def test_stopping_answers_open_requests_and_joins_the_thread(server: FakeRealtimeServer) -> None:
    server.hang_next()
    answers: list[httpx.Response] = []
    with serving(aimed_at(server)) as served:
        asking = threading.Thread(target=lambda: answers.append(httpx.post(served.url + "token", timeout=30)))
        asking.start()
        while not server.requests:  # the mint is in flight, waiting on the service
            threading.Event().wait(0.02)
        served.server.stop()
        asking.join(30)
        assert not served.server.running
    assert [a.status_code for a in answers] == [503]
    assert answers[0].json()["error"]["code"] == "server_stopping"
    with pytest.raises(httpx.ConnectError):
        httpx.post(served.url + "token")


def test_the_test_page_is_served_with_its_calls_url(server: FakeRealtimeServer) -> None:
    config = aimed_at(server, name="Voice <demo>")
    with serving(config) as served:
        page = httpx.get(served.url)
        script = httpx.get(served.url + "test-page.js")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'content="{server.base_url}/realtime/calls"' in page.text
    assert "Voice &lt;demo&gt;" in page.text and "<demo>" not in page.text
    assert script.status_code == 200 and "oai-events" in script.text and "application/sdp" in script.text
    with serving(config, calls_url="http://127.0.0.1:9/v1/realtime/calls") as served:
        assert 'content="http://127.0.0.1:9/v1/realtime/calls"' in httpx.get(served.url).text


def test_a_configuration_gone_since_serving_began_is_said_plainly(server: FakeRealtimeServer, tmp_path: Path) -> None:
    store = ConfigStore(tmp_path / "configs")
    config = aimed_at(server)
    store.save(config.name, config.to_data())
    with TokenServer(lambda: load_configuration(store, "demo"), ApiKeys(MemoryStore()),
                     env={"OPENAI_API_KEY": FAKE_API_KEY}) as running:
        assert httpx.get(running.url + "token").status_code == 200
        store.delete("demo")
        for path in ("token", ""):
            gone = httpx.get(running.url + path)
            assert gone.status_code == 500 and gone.json()["error"]["code"] == "configuration_unreadable"
            assert "demo" in gone.json()["error"]["message"]
    assert len(server.requests) == 1
