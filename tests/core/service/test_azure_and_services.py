"""Azure OpenAI and other compatible services: paths, authentication styles,
and what the preview and errors say about them."""

from __future__ import annotations

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.service.errors import AuthenticationError
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.service.providers import prepare_request, service_summary
from realtime_gui.core.service.request import Credentials
from realtime_gui.core.library.minting import mint_configuration

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


@pytest.mark.e2e
@pytest.mark.parametrize("endpoint_id", ["ga", "beta", "translation", "beta-transcription"])
def test_azure_mints_end_to_end(server: FakeRealtimeServer, endpoint_id: str) -> None:
    keys = ApiKeys(MemoryStore())
    keys.set("default", FAKE_API_KEY)
    config = azure(endpoint_id, server.origin)
    result = mint_configuration(config, keys, env={})
    assert result.value.startswith("ek_")
    sent = server.requests[-1]
    assert sent.path.startswith("/openai/") and sent.headers["api-key"] == FAKE_API_KEY
    assert "authorization" not in sent.headers


def test_errors_say_which_service_and_authentication_were_used(server: FakeRealtimeServer) -> None:
    keys = ApiKeys(MemoryStore())
    keys.set("default", "sk-wrong-000000000000")
    with pytest.raises(AuthenticationError) as caught:
        mint_configuration(azure("ga", server.origin), keys, env={})
    assert "sent to Azure OpenAI, api-key header" in str(caught.value)
    assert caught.value.details["service"] == "Azure OpenAI, api-key header"
