"""What a snippet says, whatever runs it: every part filled, no key or secret in
it, the Swift one as its golden file (and parsed where a Swift toolchain exists)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from realtime_gui.core.export.languages import LANGUAGES
from realtime_gui.core.export.snippets import snippet
from realtime_gui.core.library.configurations import save_configuration
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.secrets import SECRET_PLACEHOLDER
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration

GOLDEN = Path(__file__).resolve().parent / "golden"
CANARY_KEY = "sk-canary-never-in-a-snippet-0123456789"
MCP_TOKEN = "Bearer mcp-canary-token-9876543210"


def golden_configurations() -> dict[str, Configuration]:
    ga = Configuration("demo", "ga", {"model": "gpt-realtime", "instructions": 'Say "hi" \\(x) \\#(y) """#'},
                       {"organization": "org-demo"})
    azure = Configuration("azure demo", "beta", {"model": "gpt-4o-realtime-preview"},
                          {"service": "azure", "base_url": "https://example-resource.openai.azure.com"})
    return {"ga": ga, "azure-beta": azure}


@pytest.mark.parametrize("name", list(golden_configurations()))
def test_swift_snippet_is_its_golden_file(name: str) -> None:
    """Rewrite a golden file by writing the snippet to it, once its change has been read and meant."""
    assert snippet(golden_configurations()[name], "swift") == (GOLDEN / f"{name}.swift").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(golden_configurations()))
def test_swift_snippet_parses(name: str, tmp_path: Path) -> None:
    swiftc = shutil.which("swiftc")
    if swiftc is None:
        pytest.skip("no Swift toolchain here (swiftc not found): the Swift snippet is checked by its golden file "
                    "only, not parsed")
    source = tmp_path / "mint.swift"
    source.write_text(snippet(golden_configurations()[name], "swift"), encoding="utf-8")
    done = subprocess.run([swiftc, "-parse", str(source)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("endpoint_id", ["ga", "beta", "ga-transcription", "beta-transcription", "translation"])
@pytest.mark.parametrize("service", ["openai", "azure"])
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_part_is_filled_and_the_key_left_to_the_environment(
        language: str, service: str, endpoint_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", CANARY_KEY)
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", CANARY_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", "https://from-this-machine.example/v1")
    config = Configuration.new("demo", endpoint_id)
    if service == "azure":
        config.connection.update(service="azure", base_url="https://example-resource.openai.azure.com")
    text = snippet(config, language)
    assert re.search(r"\{\{\w+\}\}", text) is None
    assert CANARY_KEY not in text
    assert "from-this-machine" not in text  # read where the snippet runs, not where it was made
    assert ("AZURE_OPENAI_API_KEY" if service == "azure" else "OPENAI_API_KEY") in text
    if language != "python-openai" and service == "openai":
        assert "OPENAI_BASE_URL" in text and "https://api.openai.com/v1" in text


def test_a_secret_kept_in_the_keyring_stands_as_a_placeholder(tmp_path: Path) -> None:
    keys = ApiKeys(MemoryStore())
    config = Configuration.new("mcp", "ga")
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp",
                               "authorization": MCP_TOKEN}]
    saved = save_configuration(ConfigStore(tmp_path / "configs"), keys, config)
    for language in LANGUAGES:
        text = snippet(saved, language)
        assert MCP_TOKEN not in text and MCP_TOKEN.split()[1] not in text
        assert SECRET_PLACEHOLDER in text
        assert "put the real value there before you run this" in " ".join(text.split())


def test_an_unknown_language_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="curl, python, python-openai, javascript, swift"):
        snippet(Configuration.new("demo"), "cobol")


def test_python_and_javascript_snippets_are_valid_code(tmp_path: Path) -> None:
    for endpoint_id in ("ga", "beta"):
        config = golden_configurations()["ga"] if endpoint_id == "ga" else Configuration.new("x", endpoint_id)
        for language in ("python", "python-openai"):
            compile(snippet(config, language), f"{language}.py", "exec")
        node = shutil.which("node")
        if node is not None:
            (tmp_path / "mint.js").write_text(snippet(config, "javascript"), encoding="utf-8")
            done = subprocess.run([node, "--check", str(tmp_path / "mint.js")], capture_output=True, text=True,
                                  env={"PATH": os.environ["PATH"]}, timeout=60)
            assert done.returncode == 0, done.stderr
