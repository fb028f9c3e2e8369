"""Files written atomically: a reader sees the old content or the new, never half.

Writes go to a temporary file in the same folder (``.NAME.XXXX.tmp``), which is
flushed, fsynced and renamed over the target -- or, to create a file that must
not exist yet, linked to its name, which fails if the name is taken. The
folder is then fsynced on POSIX. The writer holds a lock on its temporary
file, so one left by a killed program can be told from one still being
written (:func:`remove_stale_temp_files`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from realtime_gui.core.library.locking import holds_lock

__all__ = ["atomic_write", "atomic_write_text", "remove_stale_temp_files"]

_TEMP_SUFFIX = ".tmp"
# A temp file younger than this may not be locked yet by the program that made it.
_GRACE_SECONDS = 5.0


@contextlib.contextmanager
def atomic_write(path: Path, *, mode: int = 0o600, exclusive: bool = False) -> Iterator[TextIO]:
    """Open a UTF-8 text stream that replaces ``path`` only once fully written.

    Writes go to a temporary file in the same folder, which is flushed,
    fsynced and renamed over ``path``; the folder is then fsynced on POSIX.
    If the body raises, the temporary file is removed and ``path`` is untouched.
    With ``exclusive``, ``path`` must not exist: :class:`FileExistsError` if it does,
    also when another program creates it at the same moment.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            holds_lock(stream.fileno())
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # Closed (and so unlocked) before the rename, which Windows needs; the
        # grace period of remove_stale_temp_files covers the moment between.
        if os.name == "posix":
            os.chmod(tmp_name, mode)
        if exclusive:
            os.link(tmp_name, path)  # no-replace: fails if the name exists
            os.unlink(tmp_name)
        else:
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


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files in ``folder`` that no running program is
    writing (left by a save that was killed); returns those removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(_TEMP_SUFFIX)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or now - entry.stat().st_mtime < _GRACE_SECONDS:
                continue
            fd = os.open(entry.path, os.O_RDONLY)
        except OSError:
            continue
        try:
            if holds_lock(fd):  # nobody is writing it
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:  # Windows refuses to remove a file another program has open
            pass
        finally:
            os.close(fd)
    return removed


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
