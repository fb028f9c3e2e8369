"""What the command line answers when things go wrong: one clear line (or JSON), the right exit code."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fakeserver import FakeRealtimeServer

from realtime_gui.cli import Context, main
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.library.trust import trust_connection
from realtime_gui.core.service.errors import InvalidRequestError
from realtime_gui.core.wire.configuration import Configuration


class Run:
    """The CLI in this process, on a store in a temporary folder and keys in memory."""

    def __init__(self, root: Path, stdin: str = "") -> None:
        self.store = ConfigStore(root / "configs")
        self.keys = ApiKeys(MemoryStore())
        self.out, self.err = io.StringIO(), io.StringIO()
        self.stdin = stdin

    def __call__(self, *argv: str) -> int:
        self.out.seek(0), self.out.truncate(), self.err.seek(0), self.err.truncate()
        ctx = Context(store=self.store, keys=self.keys, stdout=self.out, stderr=self.err,
                      read_secret=lambda prompt: self.stdin)
        return main(list(argv), ctx)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return Run(tmp_path)


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly(run: Run) -> None:
    ctx = Context(store=run.store, keys=run.keys, stdout=ClosedPipe(), stderr=run.err)
    assert main(["fields"], ctx) == 0
    assert run.err.getvalue() == ""


def test_no_message_repeats_its_prefix(run: Run) -> None:
    run.store.save("demo", Configuration.new("demo").to_data())
    assert run("mint", "demo") == 14
    assert "No API key: No API key" not in run.err.getvalue()
    assert "No API key" in run.err.getvalue()


def test_a_400_without_param_names_no_value_above() -> None:
    assert "named above" not in str(InvalidRequestError("We could not parse the body.", status=400))
    assert "named above" in str(InvalidRequestError("Bad voice.", status=400, param="voice"))


@pytest.mark.e2e
def test_a_refused_key_suggests_setting_that_key(run: Run, server: FakeRealtimeServer) -> None:
    config = Configuration.new("demo")
    config.connection.update(base_url=server.base_url, key_name="work")
    run.store.save("demo", config.to_data())
    trust_connection(config)
    run.keys.set("work", "sk-proj-wrong-fake-000000")
    assert run("mint", "demo") == 6
    assert "`realtime-gui key set work`" in run.err.getvalue()


def test_a_missing_import_file_and_an_empty_key_have_their_own_exit_codes(run: Run, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from realtime_gui.cli import EXIT_EMPTY_INPUT, EXIT_FILE_NOT_FOUND

    assert run("configs", "import", str(tmp_path / "nowhere.json"), "--name", "x") == EXIT_FILE_NOT_FOUND
    assert "nowhere.json" in run.err.getvalue()
    run.stdin = ""
    assert run("key", "set", "work") == EXIT_EMPTY_INPUT
    assert len({EXIT_FILE_NOT_FOUND, EXIT_EMPTY_INPUT, 1, 2, 3, 15}) == 6
    with pytest.raises(SystemExit):
        run("--help")
    help_text = capsys.readouterr().out  # argparse prints help itself
    assert f"\n  {EXIT_FILE_NOT_FOUND:<4}" in help_text and f"\n  {EXIT_EMPTY_INPUT:<4}" in help_text


def test_mint_json_reports_errors_as_json_on_stdout(run: Run) -> None:
    run.store.save("demo", Configuration.new("demo").to_data())
    assert run("mint", "demo", "--json") == 14
    answer = json.loads(run.out.getvalue())
    assert answer["error"]["title"] == "No API key" and answer["error"]["exit_code"] == 14
    assert "key set" in answer["error"]["advice"]
    assert run("mint", "nothing", "--json") == 15
    assert "nothing" in json.loads(run.out.getvalue())["error"]["message"]


def test_configs_show_prints_the_stored_name(run: Run) -> None:
    run.store.save("Demo", Configuration.new("Demo").to_data())
    assert run("configs", "show", "demo") == 0
    assert json.loads(run.out.getvalue())["name"] == "Demo"


def test_configs_list_marks_broken_files(run: Run) -> None:
    run.store.save("Good", Configuration.new("Good").to_data())
    (run.store.root / "Bad.json").write_text("{", encoding="utf-8")
    assert run("configs", "list") == 0
    lines = run.out.getvalue().splitlines()
    assert lines[0] == "Good"
    assert len(lines) == 2 and lines[1].startswith("Bad\t") and "broken" in lines[1]
    assert run("configs", "list") == 0  # still shown once it was moved aside
    assert run.out.getvalue().splitlines()[1].startswith("Bad\t")
