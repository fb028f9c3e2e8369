"""Where the test page sends its WebRTC offer, for each service and endpoint."""

from __future__ import annotations

import pytest

from realtime_gui.core.serve.page import calls_url, page_html
from realtime_gui.core.wire.configuration import Configuration


@pytest.mark.parametrize(("endpoint_id", "base", "env", "url"), [
    ("ga", None, {}, "https://api.openai.com/v1/realtime/calls"),
    ("ga", None, {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1/"}, "http://127.0.0.1:9/v1/realtime/calls"),
    ("ga-transcription", "https://proxy.example/v1", {}, "https://proxy.example/v1/realtime/calls"),
    ("beta", None, {}, "https://api.openai.com/v1/realtime/calls"),  # beta secrets call the GA endpoint
])
def test_the_calls_url_follows_the_base_url(endpoint_id: str, base: str | None, env: dict[str, str],
                                            url: str) -> None:
    config = Configuration.new("demo", endpoint_id)
    if base:
        config.connection["base_url"] = base
    assert calls_url(config, env) == url


def test_azure_calls_go_to_the_resource() -> None:
    config = Configuration.new("demo")
    config.connection.update(service="azure", base_url="https://res.openai.azure.com/openai/v1")
    assert calls_url(config, {}) == "https://res.openai.azure.com/openai/v1/realtime/calls"


def test_the_page_quotes_what_it_is_given() -> None:
    page = page_html('http://x/"><script>', "a & b")
    assert 'content="http://x/&quot;&gt;&lt;script&gt;"' in page and "a &amp; b" in page
