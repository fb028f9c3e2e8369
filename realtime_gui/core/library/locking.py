"""Locks that hold across processes: one program at a time changes a folder or an index.

POSIX only needs ``flock``, which the system releases when a process dies, so
a killed program never leaves a lock behind. Windows locks a byte of a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["file_lock", "folder_lock", "holds_lock"]


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing, never removed:
    removing a lock file lets two programs lock two different files)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself, so it gains no lock file."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform == "win32":
        # Windows can't lock a folder; NTFS compares names without case, so
        # creating with no-replace is exclusive there without a lock.
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)


def holds_lock(fd: int) -> bool:
    """Lock the open file ``fd`` if nobody else holds it; whether that worked."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        while not holds_lock(fd):  # msvcrt's blocking lock gives up after ten seconds
            time.sleep(0.01)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)
