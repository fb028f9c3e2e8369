"""``realtime-gui configs export NAME --as LANGUAGE``: the snippet, on standard output or in a file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from realtime_gui.cli import Context, main
from realtime_gui.cli_export import SNIPPET_LANGUAGES
from realtime_gui.core.export.languages import LANGUAGES
from realtime_gui.core.export.snippets import snippet
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration


@pytest.fixture
def cli(tmp_path: Path) -> tuple[Context, io.StringIO, io.StringIO, ConfigStore]:
    out, err = io.StringIO(), io.StringIO()
    store = ConfigStore(tmp_path / "configs")
    return Context(store=store, keys=ApiKeys(MemoryStore()), stdout=out, stderr=err), out, err, store


def test_the_command_line_offers_every_language_there_is() -> None:
    assert tuple(LANGUAGES) == SNIPPET_LANGUAGES


@pytest.mark.parametrize("language", SNIPPET_LANGUAGES)
def test_export_as_prints_the_snippet(language: str, cli: tuple[Context, io.StringIO, io.StringIO, ConfigStore],
                                      tmp_path: Path) -> None:
    ctx, out, err, store = cli
    config = Configuration("demo", "beta", {"model": "gpt-4o-realtime-preview", "voice": "verse"})
    store.save("demo", config.to_data())
    assert main(["configs", "export", "demo", "--as", language], ctx) == 0, err.getvalue()
    assert out.getvalue() == snippet(config, language)
    written = tmp_path / "mint.txt"
    assert main(["configs", "export", "demo", "--as", language, "-o", str(written)], ctx) == 0
    assert written.read_text(encoding="utf-8") == out.getvalue()


def test_export_as_refuses_an_invalid_configuration(cli: tuple[Context, io.StringIO, io.StringIO, ConfigStore]) -> None:
    ctx, out, err, store = cli
    store.save("bad", Configuration("bad", "ga", {"model": "gpt-realtime", "max_output_tokens": 0}).to_data())
    assert main(["configs", "export", "bad", "--as", "curl"], ctx) == 3
    assert out.getvalue() == "" and "max output tokens" in err.getvalue().lower()


def test_export_as_and_body_are_one_or_the_other(cli: tuple[Context, io.StringIO, io.StringIO, ConfigStore]) -> None:
    ctx, out, err, store = cli
    store.save("demo", Configuration.new("demo").to_data())
    assert main(["configs", "export", "demo", "--as", "curl", "--body"], ctx) != 0
    assert out.getvalue() == "" and "--body" in err.getvalue()
    assert main(["configs", "export", "demo", "--as", "curl", "--with-secrets"], ctx) != 0
    assert out.getvalue() == "" and "never holds a secret" in err.getvalue()


def test_an_unknown_language_is_a_usage_error(cli: tuple[Context, io.StringIO, io.StringIO, ConfigStore],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    ctx, *_ = cli
    with pytest.raises(SystemExit) as stopped:
        main(["configs", "export", "demo", "--as", "cobol"], ctx)
    assert stopped.value.code == 2 and "python-openai" in capsys.readouterr().err
