"""Trust in a configuration's connection (realtime_gui.core.library.trust), and the mint's refusal
of a host the user hasn't confirmed, end to end against the loopback server."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer, running_server

from realtime_gui.cli import Context, main
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.minting import mint_configuration
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.trust import (
    TrustRecord,
    TrustRecords,
    connection_origin,
    connection_trust,
    is_loopback,
    trust_connection,
)
from realtime_gui.core.service.errors import UntrustedConnectionError
from realtime_gui.core.service.exit_codes import EXIT_CODES
from realtime_gui.core.wire.configuration import Configuration

UNTRUSTED = EXIT_CODES[UntrustedConnectionError]


def pointing(url: str | None, key_name: str = "default", service: str = "openai") -> Configuration:
    config = Configuration.new("shared")
    if url is not None:
        config.connection["base_url"] = url
    config.connection.update(key_name=key_name, service=service)
    return config


@pytest.mark.parametrize(("url", "origin"), [
    ("https://API.example.com/v1", "https://api.example.com"),
    ("https://api.example.com:443/v1", "https://api.example.com"),
    ("http://user:pass@127.0.0.1:8080/v1", "http://127.0.0.1:8080"),
    ("http://[::1]:9/v1", "http://[::1]:9"),
])
def test_an_origin_is_scheme_host_and_port_without_credentials(url: str, origin: str) -> None:
    assert connection_origin(url) == origin


@pytest.mark.parametrize(("origin", "loopback"), [
    ("http://127.0.0.1:9", True), ("http://127.8.0.1", True), ("http://[::1]:9", True), ("http://localhost", True),
    ("http://10.0.0.1", False), ("http://localhost.example.com", False), ("http://128.0.0.1", False),
])
def test_loopback_means_this_machine_only(origin: str, loopback: bool) -> None:
    assert is_loopback(origin) is loopback


def test_openai_at_its_own_host_needs_no_record(tmp_path: Path) -> None:
    records = TrustRecords(tmp_path / "trust.json")
    assert connection_trust(pointing(None, "work"), records) is None
    assert connection_trust(pointing("https://api.openai.com/v1", "work"), records) is None
    assert trust_connection(pointing(None), records=records) is None
    assert not (tmp_path / "trust.json").exists()


def test_any_other_host_needs_the_users_confirmation_of_that_host_and_key(tmp_path: Path) -> None:
    records = TrustRecords(tmp_path / "trust.json")
    config = pointing("https://proxy.example.com/v1", "work")
    problem = connection_trust(config, records)
    assert problem is not None and (problem.origin, problem.key_name) == ("https://proxy.example.com", "work")
    assert "realtime-gui configs trust shared" in problem.message and "'work'" in problem.message
    assert trust_connection(config, records=records) == TrustRecord("https://proxy.example.com", "work")
    assert connection_trust(config, records) is None
    # The same host with another key, or the same key to an Azure resource, is another question.
    assert connection_trust(pointing("https://proxy.example.com/v1", "default"), records) is not None
    assert connection_trust(pointing("https://res.openai.azure.com", "work", "azure"), records) is not None
    document = json.loads((tmp_path / "trust.json").read_text())
    assert document == {"format": 1, "connections": [
        {"origin": "https://proxy.example.com", "key_name": "work", "allow_http": False}]}


def test_plain_http_to_another_machine_needs_allowing(tmp_path: Path) -> None:
    records = TrustRecords(tmp_path / "trust.json")
    config = pointing("http://10.1.2.3:8080/v1")
    trust_connection(config, records=records)
    problem = connection_trust(config, records)
    assert problem is not None and problem.plain_http and problem.confirmed
    assert problem.command == "realtime-gui configs trust shared --allow-http"
    trust_connection(config, allow_http=True, records=records)
    assert connection_trust(config, records) is None
    trust_connection(pointing("http://127.0.0.1:9/v1"), records=records)
    assert connection_trust(pointing("http://127.0.0.1:9/v1"), records) is None  # loopback: http is fine


def test_an_unreadable_or_newer_trust_file_trusts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    config = pointing("https://proxy.example.com/v1")
    for text in ("{not json", json.dumps({"format": 2, "connections": [
            {"origin": "https://proxy.example.com", "key_name": "default", "allow_http": False}]})):
        path.write_text(text)
        assert connection_trust(config, TrustRecords(path)) is not None
    with pytest.raises(ValueError, match="newer realtime-gui"):
        trust_connection(config, records=TrustRecords(path))
    assert json.loads(path.read_text())["format"] == 2  # left as it was


def test_mint_refuses_an_unconfirmed_host_before_connecting(server: FakeRealtimeServer, tmp_path: Path) -> None:
    keys = ApiKeys(MemoryStore())
    keys.set("default", FAKE_API_KEY)
    records = TrustRecords(tmp_path / "trust.json")
    config = pointing(server.base_url)
    with pytest.raises(UntrustedConnectionError) as caught:
        mint_configuration(config, keys, env={}, trust=records)
    assert (caught.value.host, caught.value.key_name) == (server.origin, "default")
    assert server.requests == []
    trust_connection(config, records=records)
    assert mint_configuration(config, keys, env={}, trust=records).value.startswith("ek_")


def test_an_imported_connection_mints_only_once_confirmed(home: Path, tmp_path: Path) -> None:
    canary = f"sk-canary-{uuid.uuid4().hex}"
    keys = ApiKeys(MemoryStore())
    keys.set("X", canary)
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(keys=keys, stdout=out, stderr=err)
    with running_server(api_key=canary) as server:
        shared = Configuration.new("from a friend")
        shared.connection.update(base_url=server.base_url, key_name="X")
        (tmp_path / "shared.json").write_text(json.dumps(shared.to_document()))

        assert main(["configs", "import", str(tmp_path / "shared.json"), "--name", "mine"], ctx) == 0
        told = err.getvalue()
        assert server.origin in told and "'X'" in told and "`realtime-gui configs trust mine`" in told
        assert not (home / "trust.json").exists()  # importing never trusts

        assert main(["mint", "mine"], ctx) == UNTRUSTED
        refusal = err.getvalue().splitlines()[-1]
        assert server.origin in refusal and "'X'" in refusal and "realtime-gui configs trust mine" in refusal
        assert server.requests == []  # nothing reached the host, least of all the key

        assert main(["configs", "trust", "mine"], ctx) == 0
        assert main(["mint", "mine"], ctx) == 0
        assert server.requests[-1].headers["authorization"] == f"Bearer {canary}"
    assert canary not in out.getvalue() + err.getvalue()


def test_a_canary_key_never_reaches_a_host_not_confirmed(home: Path, tmp_path: Path) -> None:
    canary = f"sk-canary-{uuid.uuid4().hex}"
    keys = ApiKeys(MemoryStore())
    keys.set("X", canary)
    ctx = Context(keys=keys, stdout=io.StringIO(), stderr=io.StringIO())
    with running_server(api_key=canary) as chosen, running_server(api_key=canary) as other:
        config = Configuration.new("mine")
        config.connection.update(base_url=chosen.base_url, key_name="X")
        (tmp_path / "mine.json").write_text(json.dumps(config.to_document()))
        assert main(["configs", "import", str(tmp_path / "mine.json"), "--name", "mine"], ctx) == 0
        assert main(["configs", "trust", "mine"], ctx) == 0
        # Someone's file now points the same key at another port: a new question.
        config.connection["base_url"] = other.base_url
        (tmp_path / "theirs.json").write_text(json.dumps(config.to_document()))
        assert main(["configs", "import", str(tmp_path / "theirs.json"), "--name", "theirs"], ctx) == 0
        assert main(["mint", "theirs"], ctx) == UNTRUSTED
        assert main(["mint", "mine"], ctx) == 0
        assert other.requests == [] and len(chosen.requests) == 1


def test_configs_trust_without_allow_http_refuses_plain_http_to_another_machine(home: Path) -> None:
    err = io.StringIO()
    ctx = Context(keys=ApiKeys(MemoryStore()), stdout=io.StringIO(), stderr=err)
    config = Configuration.new("lan")
    config.connection["base_url"] = "http://10.9.8.7:8080/v1"
    ctx.store.save("lan", config.to_data())
    assert main(["configs", "trust", "lan"], ctx) == UNTRUSTED
    assert "--allow-http" in err.getvalue()
    assert main(["configs", "trust", "lan", "--allow-http"], ctx) == 0
    assert connection_trust(config) is None


def test_help_lists_the_exit_code_of_an_unconfirmed_connection(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert f"{UNTRUSTED:<4}Connection not confirmed" in capsys.readouterr().out
