"""Files written atomically: a reader sees the old content or the new, never half.

Writes go to a temporary file in the same folder, which is flushed, fsynced
and renamed over the target; the folder is then fsynced on POSIX.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["atomic_write", "atomic_write_text"]


@contextlib.contextmanager
def atomic_write(path: Path, *, mode: int = 0o600) -> Iterator[TextIO]:
    """Open a UTF-8 text stream that replaces ``path`` only once fully written.

    Writes go to a temporary file in the same folder, which is flushed,
    fsynced and renamed over ``path``; the folder is then fsynced on POSIX.
    If the body raises, the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if os.name == "posix":
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(path.parent)


def atomic_write_text(path: Path, text: str, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``text`` atomically (see :func:`atomic_write`)."""
    with atomic_write(path, mode=mode) as stream:
        stream.write(text)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; Windows has no directory handles for this.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse to fsync a directory; the data is safe
        pass
    finally:
        os.close(fd)
