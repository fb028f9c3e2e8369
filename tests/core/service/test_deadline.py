"""A mint's total deadline: connect and every read together, however slowly a server answers."""

from __future__ import annotations

import httpx
import pytest
from fakeserver import FAKE_API_KEY, running_server
from mint_support import fail, prepared

from realtime_gui.core.service.answer import MAX_RESPONSE_BYTES
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.errors import BadResponseError, MintTimeout


def test_the_deadline_caps_each_time_limit() -> None:
    client = MintClient(connect_timeout=10.0, read_timeout=30.0, deadline=3.0)
    assert client.timeout() == httpx.Timeout(3.0, connect=3.0)
    assert MintClient(deadline=None).timeout() == httpx.Timeout(30.0, connect=10.0)


@pytest.mark.e2e
def test_a_trickling_server_is_cut_off_at_the_deadline() -> None:
    with running_server() as server:
        server.trickle_next(0.2)  # every read succeeds, so only a total deadline ends it
        error = fail(None, prepared(f"{server.base_url}/realtime/client_secrets", key=FAKE_API_KEY),
                     read_timeout=30.0, deadline=1.5)
        answer = server.answers[-1]
        assert not answer.finished and answer.sent < answer.total  # cut off, not waited out
    assert isinstance(error, MintTimeout) and error.phase == "total"
    assert "1.5 s" in str(error) and "a secret may" in str(error)


@pytest.mark.e2e
def test_an_answer_over_the_cap_says_a_secret_may_have_been_minted() -> None:
    with running_server() as server:
        server.reply_raw(200, b"x" * (MAX_RESPONSE_BYTES + 1), "application/json")
        error = fail(None, prepared(f"{server.base_url}/realtime/client_secrets", key=FAKE_API_KEY))
    assert type(error) is BadResponseError
    assert "may have been minted" in str(error) and "thrown away" in str(error)
