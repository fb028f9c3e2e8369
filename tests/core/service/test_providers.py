"""Providers (realtime_gui.core.service.providers): OpenAI, Azure OpenAI and
compatible services; their paths, how they sign, and how they describe themselves."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
import pytest
from fakeserver import FAKE_API_KEY

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS
from realtime_gui.core.catalog.nodes import Endpoint
from realtime_gui.core.catalog.types import Choice
from realtime_gui.core.service.auth import ApiKeyHeader
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.service.mint import mint
from realtime_gui.core.service.providers import (
    PROVIDERS,
    Provider,
    _check_declared,
    base_url,
    prepare_request,
    provider_for,
    providers,
    service_summary,
)
from realtime_gui.core.service.request import Credentials
from realtime_gui.core.wire.configuration import Configuration

CREDENTIALS = Credentials(FAKE_API_KEY, "test")


def azure(endpoint_id: str, base: str = "https://myres.openai.azure.com") -> Configuration:
    config = Configuration.new("az", endpoint_id)
    config.values["model"] = "my-realtime-deployment"
    config.connection.update(service="azure", base_url=base)
    return config


@pytest.mark.parametrize(("endpoint_id", "url"), [
    ("ga", "https://myres.openai.azure.com/openai/v1/realtime/client_secrets"),
    ("ga-transcription", "https://myres.openai.azure.com/openai/v1/realtime/client_secrets"),
    ("translation", "https://myres.openai.azure.com/openai/v1/realtime/translations/client_secrets"),
    ("beta", "https://myres.openai.azure.com/openai/realtimeapi/sessions?api-version=2025-04-01-preview"),
])
def test_azure_paths_and_api_key_header(endpoint_id: str, url: str) -> None:
    request = prepare_request(azure(endpoint_id), CREDENTIALS, env={})
    assert request.url == url
    assert request.headers["api-key"] == FAKE_API_KEY
    assert "Authorization" not in request.headers and "OpenAI-Beta" not in request.headers
    assert request.masked_headers()["api-key"] == "…" + FAKE_API_KEY[-4:]
    assert service_summary(azure(endpoint_id), {}) == "Azure OpenAI, api-key header"


def test_a_resource_url_given_with_its_api_prefix_is_not_doubled() -> None:
    request = prepare_request(azure("ga", "https://myres.openai.azure.com/openai/v1/"), CREDENTIALS, env={})
    assert request.url == "https://myres.openai.azure.com/openai/v1/realtime/client_secrets"


def test_openai_and_compatible_services_use_the_bearer_header() -> None:
    config = Configuration.new("x", "beta")
    request = prepare_request(config, CREDENTIALS, env={"OPENAI_BASE_URL": "http://localhost:9000/v1/",
                                                         "OPENAI_ORG_ID": "org-1", "OPENAI_PROJECT_ID": "proj-2"})
    assert request.url == "http://localhost:9000/v1/realtime/sessions"
    assert request.headers["Authorization"] == f"Bearer {FAKE_API_KEY}"
    assert request.headers["OpenAI-Beta"] == "realtime=v1"
    assert (request.headers["OpenAI-Organization"], request.headers["OpenAI-Project"]) == ("org-1", "proj-2")
    assert service_summary(config, {"OPENAI_BASE_URL": "http://localhost:9000/v1"}) == \
        "localhost:9000, Authorization: Bearer"
    ga = prepare_request(Configuration.new("y"), CREDENTIALS, env={})
    assert ga.url == "https://api.openai.com/v1/realtime/client_secrets"
    assert "OpenAI-Beta" not in ga.headers
    assert service_summary(Configuration.new("y"), {}) == "OpenAI, Authorization: Bearer"




class Gateway(Provider):
    """A throwaway provider: its own path, its own key header, its own words."""

    id = "gateway"
    auth = ApiKeyHeader("x-gateway-key")

    def url(self, config: Configuration, ep: Endpoint, env: Mapping[str, str]) -> str:
        return f"{self.base_url(config, env)}/mint/{ep.id}"

    def describe(self, config: Configuration, env: Mapping[str, str]) -> str:
        return f"Gateway, {self.auth.describe()}"


def test_a_provider_is_one_declaration() -> None:
    registry = providers(*PROVIDERS.values(), Gateway())
    config = Configuration.new("gw")
    config.connection.update(service="gateway", base_url="https://gw.example/v1")
    request = prepare_request(config, CREDENTIALS, env={}, registry=registry)
    assert request.url == "https://gw.example/v1/mint/ga"
    assert request.headers["x-gateway-key"] == FAKE_API_KEY and "Authorization" not in request.headers
    assert request.masked_headers()["x-gateway-key"] == "…" + FAKE_API_KEY[-4:]
    assert provider_for(config, registry).describe(config, {}) == "Gateway, x-gateway-key header"

    answered: list[httpx.Request] = []

    def answer(sent: httpx.Request) -> httpx.Response:
        answered.append(sent)
        return httpx.Response(200, json={"value": "ek_gateway", "expires_at": 4_000_000_000, "session": {}})

    assert mint(request, MintClient(transport=httpx.MockTransport(answer))).value == "ek_gateway"
    assert answered[0].headers["x-gateway-key"] == FAKE_API_KEY


def test_every_declared_service_has_a_provider_and_no_more() -> None:
    setting = next(f for f in CONNECTION_FIELDS if f.key == "service")
    assert isinstance(setting.type, Choice)
    assert set(setting.type.values()) == set(PROVIDERS)
    with pytest.raises(RuntimeError, match="declare each provider once in both"):
        _check_declared(providers(*PROVIDERS.values(), Gateway()))


def test_an_unknown_service_is_refused_with_the_known_ones() -> None:
    config = Configuration.new("x")
    config.connection["service"] = "nowhere"
    with pytest.raises(ValueError, match="openai, azure"):
        provider_for(config)


def test_base_url_prefers_the_configuration_then_the_environment_then_the_default() -> None:
    config = Configuration.new("x")
    assert base_url(config, {}) == "https://api.openai.com/v1"
    assert base_url(config, {"OPENAI_BASE_URL": "http://proxy:1/v1/"}) == "http://proxy:1/v1"
    config.connection["base_url"] = "https://mine.example/v1/"
    assert base_url(config, {"OPENAI_BASE_URL": "http://proxy:1/v1/"}) == "https://mine.example/v1"
    assert base_url(azure("ga"), {"OPENAI_BASE_URL": "http://proxy:1/v1"}) == "https://myres.openai.azure.com"
