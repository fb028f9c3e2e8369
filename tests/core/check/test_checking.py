"""The whole check against the loopback fakes: the mint, the socket, the session
(realtime_gui.core.check.checking, realtime_gui.core.check.realtime_socket)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from fakesocket import FakeRealtimeSocket, running_socket
from serve_support import aimed_at

from realtime_gui.core.check.checking import CheckResult, check_configuration
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.errors import (
    InvalidRequestError,
    MintCancelled,
    MintError,
    SessionTimeout,
    SocketClosedError,
    TokenRefusedError,
    UntrustedConnectionError,
)
from realtime_gui.core.service.exit_codes import exit_code_for
from realtime_gui.core.wire.configuration import Configuration

ENV = {"OPENAI_API_KEY": FAKE_API_KEY}
APPLIED = {"type": "realtime", "object": "realtime.session", "model": "gpt-realtime",
           "audio": {"output": {"voice": "alloy", "speed": 1.0}}}


@pytest.fixture
def fake_socket(server: FakeRealtimeServer) -> Iterator[FakeRealtimeSocket]:
    with running_socket(server) as running:
        yield running


def check(server: FakeRealtimeServer, keys: ApiKeys, wait: float = 10.0, client: MintClient | None = None,
          endpoint_id: str = "ga", **values: Any) -> CheckResult:
    config = aimed_at(server, endpoint_id=endpoint_id)
    config.values.update(values)
    return check_configuration(config, keys, client or MintClient(), wait=wait, env=ENV)


def failure(server: FakeRealtimeServer, keys: ApiKeys, **how: Any) -> MintError:
    with pytest.raises(MintError) as caught:
        check(server, keys, **how)
    return caught.value


def test_the_session_applied_is_compared_with_the_one_asked(server: FakeRealtimeServer, keys: ApiKeys,
                                                            fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.apply(APPLIED)
    result = check(server, keys, voice="marin")
    assert result.event_type == "session.created"
    assert result.url == server.base_url.replace("http://", "ws://") + "/realtime?model=gpt-realtime"
    assert [(r.path, r.asked, r.applied) for r in result.comparison.differences] == [
        ("session.audio.output.voice", "marin", "alloy")]
    statuses = {row.path: row.status for row in result.comparison.rows}
    assert statuses["session.model"] == "same" and statuses["session.audio.output.speed"] == "not asked"
    # the socket was opened with the secret just minted, never with the API key
    minted = server.requests[0]
    assert minted.path == "/v1/realtime/client_secrets"
    (upgrade,) = fake_socket.upgrades
    assert re.fullmatch(r"Bearer ek_[0-9a-f]+", upgrade.headers["authorization"])
    assert FAKE_API_KEY not in str(upgrade.headers) and "openai-beta" not in upgrade.headers


def test_a_beta_transcription_session_opens_with_its_own_event_and_header(
        server: FakeRealtimeServer, keys: ApiKeys, fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.apply({"input_audio_format": "pcm16"}, event_type="transcription_session.created")
    result = check(server, keys, endpoint_id="beta-transcription")
    assert result.event_type == "transcription_session.created"
    (upgrade,) = fake_socket.upgrades
    assert upgrade.path == "/v1/realtime?intent=transcription"
    assert upgrade.headers["openai-beta"] == "realtime=v1"


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_upgrade_is_a_refused_token(server: FakeRealtimeServer, keys: ApiKeys,
                                              fake_socket: FakeRealtimeSocket, status: int) -> None:
    fake_socket.refuse(status, {"message": "Invalid ephemeral key.", "code": "invalid_api_key"})
    error = failure(server, keys)
    assert isinstance(error, TokenRefusedError) and exit_code_for(error) == 19
    assert error.status == status and "Invalid ephemeral key." in error.message
    assert error.details["socket"].startswith("ws://127.0.0.1:")


def test_a_close_naming_the_token_is_a_refused_token_with_its_code(
        server: FakeRealtimeServer, keys: ApiKeys, fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.close_with(4001, "invalid or expired token")
    error = failure(server, keys)
    assert isinstance(error, TokenRefusedError)
    assert error.close_code == 4001 and "4001" in error.message and "expired token" in error.message


def test_any_other_close_before_the_session_says_its_code_and_reason(
        server: FakeRealtimeServer, keys: ApiKeys, fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.close_with(1011, "internal error")
    error = failure(server, keys)
    assert isinstance(error, SocketClosedError) and exit_code_for(error) == 22
    assert (error.close_code, error.close_reason) == (1011, "internal error")
    assert 'code 1011 ("internal error")' in error.message


def test_an_error_event_is_classified_by_what_it_names(server: FakeRealtimeServer, keys: ApiKeys,
                                                       fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.send_error({"type": "invalid_request_error", "code": "session_expired", "message": "Expired."})
    assert isinstance(failure(server, keys), TokenRefusedError)
    fake_socket.send_error({"type": "invalid_request_error", "code": "unknown_parameter", "param": "session.x",
                            "message": "Unknown parameter."})
    error = failure(server, keys)
    assert isinstance(error, InvalidRequestError) and error.param == "session.x"


def test_a_socket_that_never_starts_the_session_ends_at_the_deadline(
        server: FakeRealtimeServer, keys: ApiKeys, fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.stay_silent()
    error = failure(server, keys, wait=0.5)
    assert isinstance(error, SessionTimeout) and exit_code_for(error) == 23
    assert "no session.created came within 0.5 s" in error.message


def test_a_cancel_ends_the_wait(server: FakeRealtimeServer, keys: ApiKeys, fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.stay_silent()
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    error = failure(server, keys, wait=60.0, client=MintClient().cancellable(cancel))
    assert isinstance(error, MintCancelled)


def test_the_trust_rule_holds_before_anything_is_sent(server: FakeRealtimeServer, keys: ApiKeys,
                                                      fake_socket: FakeRealtimeSocket) -> None:
    config = Configuration.new("demo", "ga")
    config.connection["base_url"] = server.base_url  # not confirmed
    with pytest.raises(UntrustedConnectionError):
        check_configuration(config, keys, env=ENV)
    assert server.requests == [] and fake_socket.upgrades == []


def test_the_secret_never_reaches_a_message_or_the_result(server: FakeRealtimeServer, keys: ApiKeys,
                                                          fake_socket: FakeRealtimeSocket) -> None:
    fake_socket.echo_token = True
    fake_socket.apply(APPLIED)
    result = check(server, keys)
    token = fake_socket.upgrades[-1].headers["authorization"].removeprefix("Bearer ")
    assert token not in repr(result) and token not in str(result.to_json())
    scripts: list[Callable[[], None]] = [lambda: fake_socket.refuse(401),
                                         lambda: fake_socket.close_with(4001, "bad token")]
    for script in scripts:
        script()
        error = failure(server, keys)
        token = fake_socket.upgrades[-1].headers["authorization"].removeprefix("Bearer ")
        assert token not in str(error) and token not in repr(error.details)
