"""The mint history (realtime_gui.core.library.history): what a mint leaves in it,
its bound, two writers at once, a writer killed mid-write, a damaged file, and no secret in it."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer

from realtime_gui.core.library.history import HISTORY_FILE, MintHistory, MintRecord, app_history
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.mint_record import recorded_configuration
from realtime_gui.core.library.minting import mint_configuration
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.secrets import stash_secrets
from realtime_gui.core.library.trust import trust_connection
from realtime_gui.core.service.errors import AuthenticationError, UntrustedConnectionError
from realtime_gui.core.wire.configuration import Configuration

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "mcp-canary-token-5f1e0c9a7d"


def entry(n: int = 0, config: str = "demo") -> MintRecord:
    return MintRecord(time=1_800_000_000 + n, config=config, endpoint="ga", service="openai",
                      host="http://127.0.0.1:1", key_name="default", outcome="ok", status=200,
                      request_id=f"req_{n}", session_id=f"sess_{n}", expires_at=1_800_000_600,
                      elapsed_ms=12.5, body={"session": {"model": "gpt-realtime", "n": n}})


def local(server: FakeRealtimeServer, keys: ApiKeys, name: str = "Local") -> Configuration:
    config = Configuration.new(name, "ga")
    config.connection["base_url"] = server.base_url
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com",
                               "authorization": TOKEN}]
    trust_connection(config)
    return stash_secrets(config, keys)


@pytest.fixture
def keys() -> ApiKeys:
    keys = ApiKeys(MemoryStore())
    keys.set("default", FAKE_API_KEY)
    return keys


@pytest.mark.e2e
def test_a_mint_is_recorded_with_its_outcome_and_references_for_secrets(
        server: FakeRealtimeServer, keys: ApiKeys, home: Path) -> None:
    config = local(server, keys)
    result = mint_configuration(config, keys, env={})
    server.fail_next(401, {"message": "bad key"})
    with pytest.raises(AuthenticationError):
        mint_configuration(config, keys, env={})

    failed, ok = app_history().records()
    assert (ok.config, ok.endpoint, ok.service, ok.outcome, ok.status) == ("Local", "ga", "openai", "ok", 200)
    assert ok.host == server.origin and ok.key_name == "default"
    assert ok.expires_at == result.expires_at and ok.request_id == result.request_id
    assert ok.session_id is not None and ok.session_id == (result.session or {}).get("id")
    assert ok.elapsed_ms == result.elapsed_ms
    sent_tool = server.requests[0].body["session"]["tools"][0]
    assert sent_tool["authorization"] == TOKEN
    kept_tool = ok.body["session"]["tools"][0]
    assert kept_tool["authorization"] == config.values["tools"][0]["authorization"]  # {"secret_ref": ...}
    assert {k: v for k, v in kept_tool.items() if k != "authorization"} == \
        {k: v for k, v in sent_tool.items() if k != "authorization"}
    assert ok.connection["base_url"] == server.base_url
    assert (failed.outcome, failed.status) == ("AuthenticationError", 401)
    assert "refused" in failed.message and failed.elapsed_ms > 0
    assert (home / HISTORY_FILE).exists()


def test_a_mint_refused_before_sending_is_not_recorded(server: FakeRealtimeServer, keys: ApiKeys) -> None:
    config = Configuration.new("Far", "ga")
    config.connection["base_url"] = server.base_url  # never confirmed
    history = app_history()
    with pytest.raises(UntrustedConnectionError):
        mint_configuration(config, keys, env={}, history=history)
    assert history.records() == [] and server.requests == []


@pytest.mark.e2e
def test_no_key_token_or_client_secret_reaches_the_history_files(
        server: FakeRealtimeServer, keys: ApiKeys, home: Path) -> None:
    config = local(server, keys)
    # A plain token not yet in the keyring, too: it is sent but kept as the placeholder.
    plain = config.copy()
    plain.values["tools"][0]["authorization"] = TOKEN + "-plain"
    minted = [mint_configuration(config, keys, env={}).value, mint_configuration(plain, keys, env={}).value]
    server.fail_next(400, {"message": f"token {TOKEN} and {FAKE_API_KEY} refused", "param": "session.tools"})
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do
        mint_configuration(config, keys, env={})
    files = [p for p in home.iterdir() if p.name.startswith(HISTORY_FILE)]
    stored = b"".join(p.read_bytes() for p in files)
    assert b"sess_" in stored  # what is searched is the history itself
    for canary in (FAKE_API_KEY, TOKEN, *minted):
        assert canary.encode() not in stored
    assert app_history().records()[1].body["session"]["tools"][0]["authorization"] == "<kept in the keyring>"
    if os.name == "posix":
        assert all(p.stat().st_mode & 0o077 == 0 for p in files)


def test_the_history_keeps_the_newest_up_to_its_limit(tmp_path: Path) -> None:
    history = MintHistory(tmp_path / HISTORY_FILE, limit=5)
    for n in range(12):
        history.record(entry(n, config="a" if n % 2 else "b"))
    assert [r.request_id for r in history.records()] == [f"req_{n}" for n in (11, 10, 9, 8, 7)]
    assert [r.request_id for r in history.records(limit=2, config="A")] == ["req_11", "req_9"]
    assert history.records()[0].body == {"session": {"model": "gpt-realtime", "n": 11}}
    assert history.clear() == 5 and history.records() == []


_WRITER = """
import sys
from pathlib import Path
from realtime_gui.core.library.history import MintHistory, MintRecord
history = MintHistory(Path(sys.argv[1]), limit=1_000_000, tell=lambda text: sys.exit(text))
count = int(sys.argv[3])
n = 0
while count < 0 or n < count:
    history.record(MintRecord(time=n, config=sys.argv[2], endpoint="ga", service="openai", host="h",
                              key_name="default", outcome="ok", request_id=str(n), body={"n": n, "pad": "x" * 2000}))
    n += 1
"""


def writer(path: Path, name: str, count: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", _WRITER, str(path), name, str(count)], env=env,
                            stderr=subprocess.PIPE)


def test_two_processes_write_at_once_and_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    first, second = writer(path, "cli", 150), writer(path, "window", 150)
    for process in (first, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    history = MintHistory(path)
    for name in ("cli", "window"):
        assert sorted(int(r.request_id or -1) for r in history.records(config=name)) == list(range(150))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_mid_write_leaves_whole_records(tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    process = writer(path, "killed", -1)
    history = MintHistory(path)
    for _ in range(600):  # until it has written a good many
        if len(history.records(limit=50)) == 50:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    kept = history.records()
    assert len(kept) >= 50 and not history.notes
    assert all(r.body == {"n": int(r.request_id or -1), "pad": "x" * 2000} for r in kept)
    history.record(entry())
    assert history.records(limit=1)[0].request_id == "req_0"


@pytest.mark.parametrize("damage", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_damaged_history_is_moved_aside_reported_and_replaced(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / HISTORY_FILE
    path.write_bytes(damage)
    told: list[str] = []
    history = MintHistory(path, tell=told.append)
    assert history.records() == []
    assert len(told) == 1 and "was damaged" in told[0] and "moved to history.sqlite3.damaged-" in told[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith(HISTORY_FILE + ".damaged-")]
    assert [p.read_bytes() for p in aside] == [damage]  # kept, not deleted
    history.record(entry())
    assert [r.request_id for r in history.records()] == ["req_0"]


def test_a_damaged_history_never_stops_a_mint(server: FakeRealtimeServer, keys: ApiKeys, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / HISTORY_FILE).write_bytes(b"garbage" * 1000)
    told: list[str] = []
    history = app_history(tell=told.append)
    assert mint_configuration(local(server, keys), keys, env={}, history=history).value.startswith("ek_")
    assert "was damaged" in told[0]
    assert [r.outcome for r in history.records()] == ["ok"]  # recorded in the fresh file


def test_a_history_that_cannot_be_written_is_told_not_raised(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the folder should be")
    told: list[str] = []
    history = MintHistory(tmp_path / "blocked" / HISTORY_FILE, tell=told.append)
    history.record(entry())
    assert told and "not recorded" in told[0]
    with pytest.raises(OSError, match="could not be cleared"):
        history.clear()


def test_sqlite_loads_only_when_the_history_is_used() -> None:
    code = ("import sys; import realtime_gui.core.library.minting; "
            "assert 'sqlite3' not in sys.modules, 'sqlite3 loaded with the mint'")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.e2e
def test_a_record_turns_back_into_the_configuration_that_was_sent(
        server: FakeRealtimeServer, keys: ApiKeys) -> None:
    config = local(server, keys)
    config.values["instructions"] = "Be brief."
    mint_configuration(config, keys, env={})
    restored = recorded_configuration(app_history().records()[0], "again").configuration
    assert (restored.name, restored.endpoint) == ("again", "ga")
    assert restored.values == config.values and restored.connection == config.connection
    mint_configuration(restored, keys, env={})  # its token still comes from the keyring
    assert server.requests[-1].body == server.requests[0].body


def test_the_app_history_keeps_as_many_as_the_setting_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from realtime_gui.core.library.history import DEFAULT_LIMIT, app_history
    from realtime_gui.core.library.preferences import HISTORY_SIZE, load_preferences

    monkeypatch.setenv("REALTIME_GUI_HOME", str(tmp_path))
    assert app_history().limit == DEFAULT_LIMIT
    prefs = load_preferences()
    prefs.set(HISTORY_SIZE.key, 250)
    prefs.save()
    assert app_history().limit == 250
    assert app_history(limit=5).limit == 5


def test_last_mints_gives_each_configuration_its_newest_mint(tmp_path: Path) -> None:
    history = MintHistory(tmp_path / HISTORY_FILE)
    assert history.last_mints() == {}  # no file yet: nothing minted, nothing created
    for when, config in ((100.0, "a"), (300.0, "b"), (200.0, "a"), (50.0, "b")):
        history.record(MintRecord(time=when, config=config, endpoint="ga", service="openai", host="h",
                                  key_name="default", outcome="ok"))
    assert history.last_mints() == {"a": 200.0, "b": 300.0}
