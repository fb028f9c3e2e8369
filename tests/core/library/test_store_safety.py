"""The store loses nothing: exclusive creation under races, leftovers of killed saves, names that deceive."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from realtime_gui.core.library.store import ConfigNameError, ConfigStore, validate_config_name

REPO = Path(__file__).resolve().parents[3]
DATA = {"endpoint": "ga", "values": {"model": "gpt-realtime"}}


def race(store_root: Path, names: list[str]) -> list[bool]:
    """Create each name from its own thread, all released at once; which succeeded."""
    start = threading.Barrier(len(names))
    outcome = [False] * len(names)

    def create(i: int) -> None:
        store = ConfigStore(store_root)
        start.wait()
        try:
            store.create(names[i], {**DATA, "values": {"model": "gpt-realtime", "instructions": str(i)}})
            outcome[i] = True
        except ConfigNameError:
            pass

    threads = [threading.Thread(target=create, args=(i,)) for i in range(len(names))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome


def test_many_threads_creating_one_name_only_one_succeeds(tmp_path: Path) -> None:
    for round_ in range(5):
        root = tmp_path / str(round_)
        assert sum(race(root, ["Demo"] * 20)) == 1
        assert ConfigStore(root).list() == ["Demo"]


def test_names_differing_only_in_case_race_to_one_winner(tmp_path: Path) -> None:
    for round_ in range(5):
        root = tmp_path / str(round_)
        names = ["Demo", "demo", "DEMO", "dEmO"] * 4
        assert sum(race(root, names)) == 1
        assert len(ConfigStore(root).list()) == 1


_CREATE = """
import sys, time
from pathlib import Path
from realtime_gui.core.library.store import ConfigNameError, ConfigStore
store = ConfigStore(Path(sys.argv[1]))
while time.time() < float(sys.argv[2]):
    pass
try:
    store.create(sys.argv[3], {"endpoint": "ga", "values": {}})
    print("created")
except ConfigNameError:
    print("refused")
"""


def test_several_processes_creating_one_name_only_one_succeeds(tmp_path: Path) -> None:
    root = tmp_path / "configs"
    go = time.time() + 2.0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-c", _CREATE, str(root), str(go), name], env=env,
                              stdout=subprocess.PIPE, text=True)
             for name in ["Shared", "shared"] * 4]
    answers = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert sorted(answers) == ["created"] + ["refused"] * 7
    assert len(ConfigStore(root).list()) == 1


_KILLED_SAVE = """
import os, sys
from pathlib import Path
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.library import atomic
store = ConfigStore(Path(sys.argv[1]))
real = atomic.os.fsync
def hang(fd):
    print("writing", flush=True)
    sys.stdin.read()  # until killed
atomic.os.fsync = hang
store.save("Demo", {"endpoint": "ga", "values": {"instructions": "x" * 100000}})
"""


def test_temp_files_of_a_killed_save_are_removed_when_the_store_opens(tmp_path: Path) -> None:
    root = tmp_path / "configs"
    ConfigStore(root).save("Demo", DATA)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_SAVE, str(root)], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    leftovers = [p for p in root.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1
    old = time.time() - 60
    os.utime(leftovers[0], (old, old))
    # A save still under way in another process keeps its temp file, however old.
    ConfigStore(root)
    assert leftovers[0].exists()
    proc.kill()
    proc.communicate()  # waits, and closes the pipes
    store = ConfigStore(root)
    assert not leftovers[0].exists()
    assert store.list() == ["Demo"]
    assert sorted(p.name for p in root.iterdir()) == ["Demo.json"]


@pytest.mark.parametrize(("name", "problem"), [
    ("abc\u202eexe.json", "bidirectional"),
    ("a\u2066b", "bidirectional"),
    ("zero\u200bwidth", "zero-width"),
    ("zero\ufeffwidth", "zero-width"),
    ("line\u2028sep", "line or paragraph separator"),
    ("para\u2029sep", "line or paragraph separator"),
    ("bad\udcffbyte", "not valid UTF-8"),
])
def test_deceptive_names_are_refused_with_the_problem_named(name: str, problem: str) -> None:
    with pytest.raises(ConfigNameError, match=problem) as caught:
        validate_config_name(name)
    assert "U+" in str(caught.value) or "UTF-8" in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_deceptive_names_are_refused_on_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "REALTIME_GUI_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "realtime_gui", "configs", "new", "evil\u202eoops"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 3
    assert "bidirectional" in done.stderr
    assert not (tmp_path / "configs").exists() or not list((tmp_path / "configs").glob("*.json"))


def test_replacing_a_configuration_can_keep_the_old_file_in_the_trash(tmp_path: Path) -> None:
    store = ConfigStore(tmp_path)
    store.save("Demo", DATA)
    before = store.path_of("Demo").read_text()
    kept = store.keep_in_trash("Demo")
    assert kept.parent == tmp_path / "trash"
    assert kept.read_text() == before
    assert store.path_of("Demo").read_text() == before
