"""Atomic file writes (realtime_gui.core.library.atomic)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from realtime_gui.core.library.atomic import atomic_write, atomic_write_text


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_text_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    atomic_write_text(target, "one")
    atomic_write_text(target, "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert files_in(tmp_path) == ["export.json"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_atomic_write_text_takes_a_mode(tmp_path: Path) -> None:
    target = tmp_path / "shared.json"
    atomic_write_text(target, "{}", mode=0o644)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_atomic_write_keeps_the_old_file_when_the_body_fails(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as stream:
        stream.write("half of the new")
        raise RuntimeError("disk gone")
    assert target.read_text(encoding="utf-8") == "old"
    assert files_in(tmp_path) == ["export.json"]
