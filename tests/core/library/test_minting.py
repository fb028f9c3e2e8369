"""Minting a configuration (realtime_gui.core.library.minting): the whole workflow,
end to end against the fake server, for every provider."""

from __future__ import annotations

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.minting import mint_configuration
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.trust import trust_connection
from realtime_gui.core.service.errors import AuthenticationError
from realtime_gui.core.wire.configuration import Configuration


def azure(endpoint_id: str, base: str = "https://myres.openai.azure.com") -> Configuration:
    config = Configuration.new("az", endpoint_id)
    config.values["model"] = "my-realtime-deployment"
    config.connection.update(service="azure", base_url=base)
    trust_connection(config)
    return config


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
