"""The command line, in process (for keys) and as a real subprocess against
the loopback server (for minting)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer, closed_port

from realtime_gui.cli import Context, main
from realtime_gui.core.library.configurations import save_configuration
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.library.trust import TrustRecords, trust_connection
from realtime_gui.core.wire.configuration import Configuration

REPO = Path(__file__).resolve().parents[1]


def run_cli(home: Path, *args: str, env: dict[str, str] | None = None,
            stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m realtime_gui ARGS`` as a user would run it."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    full_env.update({"REALTIME_GUI_HOME": str(home), "PYTHONPATH": str(REPO),
                     # no desktop keyring in tests: the key comes from the environment
                     "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "realtime_gui", *args], env=full_env, input=stdin,
                          capture_output=True, text=True, timeout=60)


def save(home: Path, config: Configuration) -> None:
    """Save ``config`` as the user would, its connection confirmed."""
    ConfigStore(home / "configs").save(config.name, config.to_data())
    trust_connection(config, records=TrustRecords(home / "trust.json"))


def pointed_at(server: FakeRealtimeServer, config: Configuration) -> Configuration:
    config.connection["base_url"] = server.base_url
    return config


@pytest.mark.e2e
@pytest.mark.parametrize("endpoint_id", ["ga", "beta", "ga-transcription", "beta-transcription", "translation"])
def test_mint_prints_only_the_secret(home: Path, server: FakeRealtimeServer, endpoint_id: str) -> None:
    config = pointed_at(server, Configuration.new("demo", endpoint_id))
    if endpoint_id == "translation":
        config.values["output_language"] = "fr"
    save(home, config)
    done = run_cli(home, "mint", "demo", env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ek_") and done.stdout.count("\n") == 1
    sent = server.requests[-1]
    assert sent.headers["authorization"] == f"Bearer {FAKE_API_KEY}"
    assert sent.headers["user-agent"].startswith("realtime-gui/")
    assert ("openai-beta" in sent.headers) == endpoint_id.startswith("beta")


@pytest.mark.e2e
def test_mint_json_prints_the_whole_answer(home: Path, server: FakeRealtimeServer) -> None:
    config = pointed_at(server, Configuration.new("demo"))
    config.values["expires_after.seconds"] = 120
    save(home, config)
    done = run_cli(home, "mint", "demo", "--json", env={"OPENAI_API_KEY": FAKE_API_KEY})
    answer = json.loads(done.stdout)
    assert answer["value"].startswith("ek_") and answer["session"]["model"] == "gpt-realtime"
    assert server.requests[-1].body == {"session": {"type": "realtime", "model": "gpt-realtime"},
                                        "expires_after": {"seconds": 120}}


@pytest.mark.e2e
@pytest.mark.parametrize(("script", "code", "words"), [
    (lambda s: s.fail_next(401, {"message": "bad key", "type": "invalid_request_error"}), 6, "refused"),
    (lambda s: s.fail_next(403, {"message": "nope", "code": "mismatched_organization"}), 7, "rganization"),
    (lambda s: s.fail_next(400, {"message": "bad voice", "param": "session.audio.output.voice"}), 8, "Voice"),
    (lambda s: s.fail_next(429, {"message": "slow"}, headers={"retry-after": "7"}), 10, "7"),
    (lambda s: s.reply_raw(502, b"<html><body>Bad gateway</body></html>", "text/html"), 11, "HTML"),
    (lambda s: s.reply_raw(200, b"not json", "text/plain"), 12, "JSON"),
])
def test_errors_go_to_stderr_with_their_exit_code(home: Path, server: FakeRealtimeServer, script: Any,
                                                  code: int, words: str) -> None:
    save(home, pointed_at(server, Configuration.new("demo")))
    script(server)
    done = run_cli(home, "mint", "demo", env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    assert words in done.stderr and "req_" in done.stderr


@pytest.mark.e2e
def test_beta_shape_switched_off_points_to_ga(home: Path, server: FakeRealtimeServer) -> None:
    server.beta_shape_enabled = False
    save(home, pointed_at(server, Configuration.new("old", "beta")))
    done = run_cli(home, "mint", "old", env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert done.returncode == 9
    assert "client_secrets" in done.stderr


def test_network_timeout_and_missing_key_and_config(home: Path, server: FakeRealtimeServer) -> None:
    config = Configuration.new("closed")
    config.connection["base_url"] = f"http://127.0.0.1:{closed_port()}/v1"
    save(home, config)
    assert run_cli(home, "mint", "closed", env={"OPENAI_API_KEY": FAKE_API_KEY}).returncode == 4
    save(home, pointed_at(server, Configuration.new("slow")))
    server.hang_next()
    slow = run_cli(home, "mint", "slow", "--timeout", "0.5", env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert slow.returncode == 5 and "time" in slow.stderr.lower()
    nokey = run_cli(home, "mint", "slow")
    assert nokey.returncode == 13 and "No keyring" in nokey.stderr  # the test keyring keeps nothing
    missing = run_cli(home, "mint", "nothing-here")
    assert missing.returncode == 15 and "configs list" in missing.stderr


def test_invalid_configuration_is_caught_before_sending(home: Path, server: FakeRealtimeServer) -> None:
    config = pointed_at(server, Configuration.new("bad", "beta"))
    config.values["temperature"] = 1.5
    save(home, config)
    done = run_cli(home, "mint", "bad", env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert done.returncode == 3
    assert "Temperature (temperature) must be between 0.6 and 1.2; it is 1.5" in done.stderr
    assert server.requests == []


def test_configs_import_export_convert_round_trip(home: Path, tmp_path: Path) -> None:
    body = {"model": "gpt-4o-realtime-preview", "modalities": ["text"], "temperature": 0.7,
            "voice": "ash", "input_audio_format": "g711_ulaw", "turn_detection": None, "colour": "red"}
    (tmp_path / "body.json").write_text(json.dumps(body))
    imported = run_cli(home, "configs", "import", str(tmp_path / "body.json"), "--name", "Old")
    assert imported.returncode == 0, imported.stderr
    assert "colour" in imported.stderr  # unknown fields are reported, by path
    exported = run_cli(home, "configs", "export", "Old", "--body")
    assert json.loads(exported.stdout) == {k: v for k, v in body.items() if k != "colour"}
    converted = run_cli(home, "configs", "convert", "Old", "--to", "ga")
    assert converted.returncode == 0
    assert "Temperature (temperature)" in converted.stderr
    listing = run_cli(home, "configs", "list").stdout.splitlines()
    assert listing == ["Old", "Old (GA)"]
    ga = json.loads(run_cli(home, "configs", "export", "Old (GA)", "--body").stdout)
    assert ga["session"]["audio"]["input"]["format"] == {"type": "audio/pcmu"}
    assert ga["session"]["audio"]["input"]["turn_detection"] is None
    assert "temperature" not in json.dumps(ga)
    (tmp_path / "file.json").write_text(run_cli(home, "configs", "export", "Old").stdout)
    again = run_cli(home, "configs", "import", str(tmp_path / "file.json"), "--name", "Copy")
    assert again.returncode == 0, again.stderr
    assert run_cli(home, "configs", "show", "Copy").stdout.replace("Copy", "Old") == \
        run_cli(home, "configs", "show", "Old").stdout


def test_import_shows_line_and_column_of_malformed_json(home: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{\n  "model": "x",\n  "voice": ash\n}')
    done = run_cli(home, "configs", "import", str(tmp_path / "bad.json"), "--name", "Bad")
    assert done.returncode == 3
    assert "line 3, column 12" in done.stderr


def test_fields_lists_every_path_with_json(home: Path) -> None:
    done = run_cli(home, "fields", "--endpoint", "beta", "--json")
    rows = json.loads(done.stdout)
    temperature = next(r for r in rows if r["path"] == "temperature")
    assert temperature["allowed"] == "number 0.6–1.2" and temperature["default"] == "0.8"
    assert {"turn_detection.threshold", "tools[].parameters", "max_response_output_tokens"} <= {r["path"] for r in rows}
    text = run_cli(home, "fields", "--endpoint", "ga").stdout
    assert "session.audio.output.voice" in text and "expires_after.seconds" in text


def test_key_commands_read_the_key_from_a_prompt_never_argv() -> None:
    out, err = io.StringIO(), io.StringIO()
    keys = ApiKeys(MemoryStore())
    ctx = Context(keys=keys, stdout=out, stderr=err, read_secret=lambda prompt: "sk-test-typed-1234567890")
    assert main(["key", "set", "work"], ctx) == 0
    assert keys.resolve("work").api_key == "sk-test-typed-1234567890"
    assert main(["key", "list"], ctx) == 0
    assert "work\tkeyring (work)" in out.getvalue()
    assert "sk-test" not in out.getvalue() + err.getvalue()
    assert main(["key", "delete", "work"], ctx) == 0
    assert keys.source_of("work") is None


def test_help_documents_every_exit_code(home: Path) -> None:
    from realtime_gui.core.service.exit_codes import EXIT_CODES

    text = run_cli(home, "mint", "--help").stdout
    for cls, code in EXIT_CODES.items():
        if cls.__name__ != "MintError":
            assert f"\n  {code:<4}{cls.title}\n" in text, cls.__name__
    assert "\n  15  no such configuration\n" in text


def test_every_problem_is_listed_and_bad_input_never_shows_a_traceback(home: Path, tmp_path: Path) -> None:
    config = Configuration("many", "beta", {"temperature": 9.0, "speed": 9.0, "voice": "", "max_output_tokens": 0,
                                            "turn_detection.threshold": 10**400})
    save(home, config)
    done = run_cli(home, "mint", "many", env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert done.returncode == 3
    assert done.stderr.count("\n  - ") == 5 and "Traceback" not in done.stderr
    assert "must be between 0 and 1; it is a 401-digit number" in done.stderr
    assert run_cli(home, "mint", "many", "--timeout", "inf").returncode == 2
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    deep = run_cli(home, "configs", "import", str(tmp_path / "deep.json"), "--name", "deep")
    assert deep.returncode == 3 and "nested too deeply" in deep.stderr and "Traceback" not in deep.stderr
    (tmp_path / "ga.json").write_text(json.dumps({"session": {"type": "realtime", "model": "m"}}))
    wrong = run_cli(home, "configs", "import", str(tmp_path / "ga.json"), "--name", "w", "--endpoint", "beta")
    assert wrong.returncode == 3 and "check --endpoint" in wrong.stderr
    assert "w" not in run_cli(home, "configs", "list").stdout.split()


def test_configs_new_reports_the_name_it_saved(home: Path) -> None:
    done = run_cli(home, "configs", "new", "  spaced  ")
    assert done.returncode == 0, done.stderr
    assert "'spaced'" in done.stdout and "'  spaced  '" not in done.stdout
    assert ConfigStore(home / "configs").list() == ["spaced"]


def test_mint_timeout_bounds_the_whole_request(home: Path, server: FakeRealtimeServer) -> None:
    save(home, pointed_at(server, Configuration.new("trickle")))
    server.trickle_next(0.5)
    done = run_cli(home, "mint", "trickle", "--timeout", "2", env={"OPENAI_API_KEY": FAKE_API_KEY})
    answer = server.answers[-1]
    assert not answer.finished and answer.sent < answer.total  # cut off at the deadline, not waited out
    assert done.returncode == 5, done.stderr
    assert "total" in done.stderr.lower() and "--timeout SECONDS` (now 2)" in done.stderr


def test_a_body_exported_without_secrets_imports_with_a_warning_and_never_mints(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    keys, store = ApiKeys(MemoryStore()), ConfigStore(tmp_path / "configs")
    ctx = Context(store=store, keys=keys, stdout=out, stderr=err)
    config = Configuration.new("mcp")
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp",
                               "authorization": "Bearer mcp-token-0123456789"}]
    save_configuration(store, keys, config)
    plain, private = tmp_path / "plain.json", tmp_path / "private.json"
    assert main(["configs", "export", "mcp", "--body", "-o", str(plain)], ctx) == 0
    assert main(["configs", "export", "mcp", "--body", "--with-secrets", "-o", str(private)], ctx) == 0
    assert "mcp-token-0123456789" in private.read_text() and "mcp-token" not in plain.read_text()
    if os.name == "posix":
        assert private.stat().st_mode & 0o777 == 0o600
    assert main(["configs", "import", str(plain), "--name", "copy"], ctx) == 0
    assert "placeholder" in err.getvalue() and "MCP server 'docs'" in err.getvalue()
    assert main(["mint", "copy"], ctx) == 3
    assert "--with-secrets" in err.getvalue()
