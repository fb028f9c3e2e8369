"""Who the token server answers: origins as browsers write them, loopback Host names, the rate limit."""

from __future__ import annotations

import pytest

from realtime_gui.core.serve.errors import OriginFormatError
from realtime_gui.core.serve.rules import Rate, RateLimit, host_allowed, own_origins, parse_origin, parse_rate


@pytest.mark.parametrize(("given", "origin"), [
    ("http://localhost:5173", "http://localhost:5173"),
    ("HTTP://LocalHost:5173/", "http://localhost:5173"),  # a trailing slash and capitals, as people type them
    ("https://dev.example.com", "https://dev.example.com"),
    ("https://dev.example.com:443", "https://dev.example.com"),  # the default port is left out, as browsers do
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("http://[::1]:3000", "http://[::1]:3000"),
])
def test_origins_are_written_as_a_browser_sends_them(given: str, origin: str) -> None:
    assert parse_origin(given) == origin


@pytest.mark.parametrize("given", [
    "localhost:5173", "http://", "ftp://example.com", "http://example.com/app", "http://example.com?x=1",
    "http://user@example.com", "http://exa mple.com", "http://example.com:99999", "null", "*",
    "http://example.com#top", "http://-bad-.com",
])
def test_anything_but_an_origin_is_refused_with_an_example(given: str) -> None:
    with pytest.raises(OriginFormatError, match="scheme://host"):
        parse_origin(given)


def test_host_must_name_loopback_and_the_port() -> None:
    for host in ("127.0.0.1:8123", "localhost:8123", "LOCALHOST:8123", "[::1]:8123"):
        assert host_allowed(host, 8123), host
    refused: list[str | None] = ["evil.example:8123", "127.0.0.1:8124", "127.0.0.1", "localhost.evil.example:8123",
                                 "", None, "0.0.0.0:8123", "127.0.0.2:8123"]
    for other in refused:
        assert not host_allowed(other, 8123), other
    assert host_allowed("localhost", 80)


def test_own_origins_are_the_loopback_names_on_the_port() -> None:
    assert own_origins(9) == {"http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"}


@pytest.mark.parametrize(("given", "rate"), [
    ("30/min", Rate(30, 60.0)), ("30", Rate(30, 60.0)), ("5/s", Rate(5, 1.0)), ("100 / h", Rate(100, 3600.0)),
])
def test_rates(given: str, rate: Rate) -> None:
    assert parse_rate(given) == rate


@pytest.mark.parametrize("given", ["0/min", "-1/min", "ten/min", "30/day", "", "3.5/min"])
def test_bad_rates(given: str) -> None:
    with pytest.raises(ValueError, match="such as 30/min"):
        parse_rate(given)


def test_the_limit_slides_with_time() -> None:
    now = [100.0]
    limit = RateLimit(Rate(2, 60.0), clock=lambda: now[0])
    assert limit.admit() is None
    now[0] = 130.0
    assert limit.admit() is None
    assert limit.admit() == pytest.approx(30.0)  # the first mint leaves the window at 160
    now[0] = 160.0
    assert limit.admit() is None
    assert limit.admit() == pytest.approx(30.0)
