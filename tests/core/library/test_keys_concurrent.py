"""Keys set at the same time by several programs all stay listed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore


class SlowStore(MemoryStore):
    """One keyring shared by several programs; slow enough that their writes interleave."""

    def get(self, name: str) -> str | None:
        value = super().get(name)
        time.sleep(0.002)
        return value

    def set(self, name: str, value: str) -> None:
        time.sleep(0.002)
        super().set(name, value)


def test_keys_set_by_separate_programs_are_all_listed(tmp_path: Path) -> None:
    keyring = SlowStore()
    lock = tmp_path / "keys.lock"
    # Each ApiKeys stands for its own program: they share the keyring and the lock file only.
    programs = [ApiKeys(keyring, lock_path=lock) for _ in range(30)]
    start = threading.Barrier(len(programs))

    def set_key(i: int) -> None:
        start.wait()
        programs[i].set(f"key{i}", f"sk-proj-fake-{i:04d}-abcdef")

    threads = [threading.Thread(target=set_key, args=(i,)) for i in range(len(programs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    listed = {info.name for info in ApiKeys(keyring, lock_path=lock).list(env={})}
    assert listed == {f"key{i}" for i in range(len(programs))}
