"""Pages in a real Chromium take tokens from ``realtime-gui serve``, or are refused, and the test page calls."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FakeRealtimeServer
from playwright.sync_api import Page
from serve_support import aimed_at, serve_command, serving

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

# What a page written for its own backend does: POST JSON (which makes the browser ask first).
FETCH_TOKEN = """async (url) => {
    try {
        const answer = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: "{}"});
        return {status: answer.status, body: await answer.json()};
    } catch (error) {
        return {failed: String(error)};
    }
}"""
FETCH_SIMPLE = """async (url) => {
    try { const answer = await fetch(url); return {status: answer.status}; }
    catch (error) { return {failed: String(error)}; }
}"""


def test_a_page_on_an_allowed_origin_gets_a_token(home: Path, server: FakeRealtimeServer, page: Page,
                                                   page_origin: Callable[[], str]) -> None:
    origin = page_origin()
    with serve_command(home, aimed_at(server), "--allow-origin", origin) as served:
        page.goto(origin + "/")
        got: dict[str, Any] = page.evaluate(FETCH_TOKEN, served.url + "token")
        code, _, err = served.stop(signal.SIGTERM)
    assert got.get("status") == 200, got
    assert got["body"]["value"].startswith("ek_") and got["body"]["session"]["model"] == "gpt-realtime"
    assert len(server.requests) == 1
    assert code == 0 and f"OPTIONS /token origin={origin} 204" in err and f"POST /token origin={origin} 200" in err


def test_a_page_on_another_loopback_origin_is_refused_and_nothing_is_minted(
        home: Path, server: FakeRealtimeServer, page: Page, page_origin: Callable[[], str]) -> None:
    allowed, other = page_origin(), page_origin()
    with serve_command(home, aimed_at(server), "--allow-origin", allowed) as served:
        page.goto(other + "/")
        preflighted: dict[str, Any] = page.evaluate(FETCH_TOKEN, served.url + "token")
        simple: dict[str, Any] = page.evaluate(FETCH_SIMPLE, served.url + "token")
        code, _, err = served.stop(signal.SIGTERM)
    assert "Failed to fetch" in preflighted.get("failed", ""), preflighted
    assert "Failed to fetch" in simple.get("failed", ""), simple
    assert server.requests == []
    assert f"origin={other} 403" in err


def test_the_test_page_takes_a_token_and_sends_its_offer(server: FakeRealtimeServer, page: Page) -> None:
    answer: dict[str, Any] = {"value": "ek_browser0123456789abcdef", "expires_at": 1_900_000_000,
              "session": {"type": "realtime", "model": "gpt-realtime", "object": "realtime.session"}}
    server.reply_next(200, answer)
    with serving(aimed_at(server)) as served:
        page.goto(served.url)
        assert "demo" in page.title()
        page.click("#connect")
        page.wait_for_function("document.getElementById('status').dataset.state === 'error'"
                               " || document.getElementById('status').textContent.startsWith('Answer')")
        shown = page.text_content("#secret") or ""
        said = page.text_content("#status") or ""
    minted, call = server.requests
    assert minted.path == "/v1/realtime/client_secrets"
    assert (call.method, call.path) == ("POST", "/v1/realtime/calls")
    assert call.headers["authorization"] == f"Bearer {answer['value']}"
    assert call.headers["content-type"].startswith("application/sdp")
    offer = call.raw_body.decode()
    assert offer.startswith("v=0") and "m=audio" in offer and "m=application" in offer  # microphone, data channel
    assert "…cdef" in shown and answer["value"] not in shown  # the page shows the secret masked
    assert "answer" in said.lower()  # the fake's answer is shaped like SDP, and no more: the page says so
    assert {(r.path, r.status) for r in served.records} == {("/", 200), ("/test-page.js", 200),
                                                           ("/favicon.svg", 200), ("/token", 200)}
