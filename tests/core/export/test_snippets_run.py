"""Each runnable snippet, run as its own program against the loopback service,
sends exactly the configuration's body, signed with the key from the environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer, RecordedRequest

from realtime_gui.core.export.snippets import snippet
from realtime_gui.core.export.target import AZURE_KEY_VARIABLE, KEY_VARIABLE
from realtime_gui.core.service.providers import prepare_request
from realtime_gui.core.service.request import Credentials
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.importing import read_import

EXAMPLES = Path(__file__).resolve().parents[3] / "resources" / "examples"
# Quotes, shell and template syntax, a backslash, non-ASCII and a line break: none may be read as code.
TRICKY = 'Say "hi"; don\'t expand $HOME, `date`, ${x}, {{body}} or \\(x); a back\\slash, é ☃\nand a new line'
ENDPOINTS = ["ga", "beta", "ga-transcription", "beta-transcription", "translation"]
WHERE = ["environment", "base-url", "azure"]


def configuration(endpoint_id: str) -> Configuration:
    """A configuration that sets much of what its endpoint offers."""
    examples = {"ga": "ga-realtime", "beta": "beta-session", "ga-transcription": "ga-transcription",
                "translation": "translation"}
    if endpoint_id not in examples:
        config = Configuration.new("demo", endpoint_id)
        config.values["input_audio_format"] = "g711_ulaw"
        return config
    imported = read_import((EXAMPLES / f"{examples[endpoint_id]}.json").read_text(), "demo", None)
    config = imported.configuration
    assert config.endpoint == endpoint_id and not imported.problems
    if "instructions" in config.values:
        config.values["instructions"] = TRICKY
    return config


def aimed(config: Configuration, where: str, server: FakeRealtimeServer) -> tuple[Configuration, dict[str, str]]:
    """``config`` sent to ``server`` three ways, and the environment the snippet runs in."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), KEY_VARIABLE: FAKE_API_KEY}
    if where == "environment":  # no base URL: OPENAI_BASE_URL, as the SDKs read it
        env["OPENAI_BASE_URL"] = server.base_url
    elif where == "base-url":  # the configuration's own; OPENAI_BASE_URL must not win
        config.connection.update(base_url=server.base_url + "/", project="proj_snippet")
        env["OPENAI_BASE_URL"] = "http://127.0.0.1:9/not-this-one"
    else:
        config.connection.update(service="azure", base_url=server.origin)
        env = {**env, AZURE_KEY_VARIABLE: FAKE_API_KEY}
        del env[KEY_VARIABLE]
    return config, env


def _shell(code: str, folder: Path) -> list[str]:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed (CI installs it)")
    (folder / "mint.sh").write_text(code, encoding="utf-8")
    return ["sh", str(folder / "mint.sh")]


def _node(code: str, folder: Path) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (CI installs the nodejs package)")
    (folder / "mint.js").write_text(code, encoding="utf-8")
    return [node, str(folder / "mint.js")]


# Python starts slowly (the SDK above all), so one interpreter runs every Python
# snippet in turn, each as __main__ in the environment it names.
_PYTHON_DRIVER = """
import json, os, runpy, sys
for path, env in json.loads(sys.argv[1]):
    os.environ.clear()
    os.environ.update(env)
    runpy.run_path(path, run_name="__main__")
    print("-- done", flush=True)
"""


def check_received(received: RecordedRequest, config: Configuration, env: dict[str, str], language: str,
                   origin: str) -> None:
    """The service got exactly ``config``'s body and path, signed with the key from ``env``."""
    assert received.body == build_body(config)
    expected = prepare_request(config, Credentials(FAKE_API_KEY, "test"), env=env)
    assert origin + received.path == expected.url.split("?")[0]
    if "?" in expected.url:
        assert received.query == {"api-version": [expected.url.split("=", 1)[1]]}
    sdk_bearer = language == "python-openai" and "/openai/v1/" in received.path
    if config.connection.get("service") == "azure" and not sdk_bearer:
        assert received.headers["api-key"] == FAKE_API_KEY
        assert "authorization" not in received.headers
    else:  # OpenAI, and the SDK's OpenAI client on Azure's v1 paths
        assert received.headers["authorization"] == f"Bearer {FAKE_API_KEY}"
    for name, value in expected.headers.items():  # OpenAI-Beta, OpenAI-Project
        if name.startswith("OpenAI-"):
            assert received.headers[name.lower()] == value


CASES = [(endpoint_id, where) for endpoint_id in ENDPOINTS for where in WHERE]


@pytest.mark.e2e
@pytest.mark.parametrize("endpoint_id,where", CASES)
@pytest.mark.parametrize("language", ["curl", "javascript"])
def test_snippet_mints_exactly_the_configuration(language: str, endpoint_id: str, where: str,
                                                 server: FakeRealtimeServer, tmp_path: Path) -> None:
    config, env = aimed(configuration(endpoint_id), where, server)
    code = snippet(config, language)
    assert FAKE_API_KEY not in code
    command = (_shell if language == "curl" else _node)(code, tmp_path)

    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert len(server.requests) == 1
    check_received(server.requests[0], config, env, language, server.origin)
    assert "ek_" in done.stdout  # curl shows the whole answer, node the secret


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["python", "python-openai"])
def test_python_snippets_mint_exactly_each_configuration(language: str, server: FakeRealtimeServer,
                                                         tmp_path: Path) -> None:
    if language == "python-openai":
        pytest.importorskip("openai", reason="the official SDK is in the test extra: pip install -e '.[test]'")
    runs = []
    for number, (endpoint_id, where) in enumerate(CASES):
        config, env = aimed(configuration(endpoint_id), where, server)
        code = snippet(config, language)
        assert FAKE_API_KEY not in code
        path = tmp_path / f"mint_{number}.py"
        path.write_text(code, encoding="utf-8")
        runs.append((config, env, str(path)))

    done = subprocess.run([sys.executable, "-c", _PYTHON_DRIVER, json.dumps([(p, e) for _, e, p in runs])],
                          capture_output=True, text=True, timeout=300)

    assert done.returncode == 0, done.stderr
    printed = done.stdout.split("-- done\n")[:-1]
    assert len(printed) == len(server.requests) == len(CASES)
    for (config, env, _), received, shown in zip(runs, server.requests, printed, strict=True):
        check_received(received, config, env, language, server.origin)
        assert shown.strip().startswith("ek_"), shown
