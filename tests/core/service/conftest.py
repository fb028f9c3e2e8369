"""Fixtures of the service's tests: a respx router for the OpenAI base URL, and no proxy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import respx
from mint_support import BASE


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
