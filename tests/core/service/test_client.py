"""The mint's client (realtime_gui.core.service.client): transport, timeouts and cancel, bundled."""

from __future__ import annotations

import threading

import httpx

from realtime_gui.core.service.client import MintClient


def test_a_client_bound_to_a_cancel_event_leaves_the_original_alone() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(204))
    client = MintClient(transport=transport, connect_timeout=2.0, read_timeout=3.0)
    cancel = threading.Event()
    bound = client.cancellable(cancel)
    assert bound.transport is transport and not bound.cancelled() and client.cancel is None
    cancel.set()
    assert bound.cancelled() and not client.cancelled()


def test_timeouts_reach_httpx_and_redirects_are_not_followed() -> None:
    client = MintClient(connect_timeout=2.0, read_timeout=3.0)
    assert client.timeout() == httpx.Timeout(3.0, connect=2.0)
    with client.open() as opened:
        assert opened.timeout == client.timeout() and not opened.follow_redirects
