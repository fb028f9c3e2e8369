"""Where each provider's Realtime WebSocket is, for every endpoint (Provider.socket_url, socket_headers)."""

from __future__ import annotations

import pytest

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.service.providers import PROVIDERS
from realtime_gui.core.wire.configuration import Configuration


@pytest.mark.parametrize(("endpoint_id", "model", "url"), [
    ("ga", "gpt-realtime", "wss://api.openai.com/v1/realtime?model=gpt-realtime"),
    ("beta", "gpt-4o-realtime-preview", "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview"),
    ("ga-transcription", None, "wss://api.openai.com/v1/realtime?intent=transcription"),
    ("beta-transcription", None, "wss://api.openai.com/v1/realtime?intent=transcription"),
    ("translation", "gpt-realtime-translate",
     "wss://api.openai.com/v1/realtime/translations?model=gpt-realtime-translate"),
])
def test_openai_sockets_sit_beside_the_token_endpoints(endpoint_id: str, model: str | None, url: str) -> None:
    config = Configuration.new("demo", endpoint_id)
    assert PROVIDERS["openai"].socket_url(config, endpoint(endpoint_id), {}, model) == url


def test_a_compatible_base_url_keeps_its_host_and_plain_http_becomes_ws() -> None:
    config = Configuration.new("demo", "ga")
    config.connection["base_url"] = "http://127.0.0.1:8080/v1/"
    assert PROVIDERS["openai"].socket_url(config, endpoint("ga"), {}, "m") == "ws://127.0.0.1:8080/v1/realtime?model=m"
    assert PROVIDERS["openai"].socket_url(Configuration.new("x", "ga"), endpoint("ga"),
                                          {"OPENAI_BASE_URL": "https://proxy.example/v1"}, None) \
        == "wss://proxy.example/v1/realtime"


@pytest.mark.parametrize(("endpoint_id", "url"), [
    ("ga", "wss://res.openai.azure.com/openai/v1/realtime?model=dep"),
    ("beta", "wss://res.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=dep"),
])
def test_azure_sockets_name_the_deployment(endpoint_id: str, url: str) -> None:
    config = Configuration.new("demo", endpoint_id)
    config.connection.update(service="azure", base_url="https://res.openai.azure.com/openai/v1",
                             azure_api_version="2025-04-01-preview")
    assert PROVIDERS["azure"].socket_url(config, endpoint(endpoint_id), {}, "dep") == url


def test_the_socket_is_opened_with_the_secret_as_a_bearer_token() -> None:
    assert PROVIDERS["azure"].socket_headers(endpoint("ga"), "ek_1") == {"Authorization": "Bearer ek_1"}
    assert PROVIDERS["openai"].socket_headers(endpoint("beta"), "ek_1") == {
        "Authorization": "Bearer ek_1", "OpenAI-Beta": "realtime=v1"}
