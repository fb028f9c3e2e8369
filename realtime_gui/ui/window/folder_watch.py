"""Noticing what other programs (the command line, another window) do to the
configuration folder while the window is open.

:class:`FolderWatch` says, once things settle, that the folder or the open
configuration's file changed; :class:`FileMark` remembers what a file held
when the window last read or wrote it, so a change the window made itself is
not taken for someone else's.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

__all__ = ["SETTLE_MS", "FileMark", "FolderWatch"]

SETTLE_MS = 150  # a save is a burst of events (a temporary file, a rename, a lock): one look after it


class FileMark:
    """What ``path`` held when marked (``None``: there was no file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stat = _stat(path)
        self.content = _read(path) if self._stat is not None else None

    def forget(self) -> None:
        """Count the file as changed from now on, whatever it holds."""
        self._stat = self.content = None

    def changed(self) -> bool:
        """Whether the file now holds something else (or is gone, or came back)."""
        stat = _stat(self.path)
        if stat == self._stat:  # the usual answer, without reading the file
            return False
        return (_read(self.path) if stat is not None else None) != self.content


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


class FolderWatch(QObject):
    """Emits ``changed`` a moment after a file in the followed folder, or the
    followed file, was added, removed, renamed or written; while a modal
    dialog is open (a question about a configuration), once it is closed."""

    changed = Signal()

    def __init__(self, settle_ms: int = SETTLE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._targets: list[Path] = []
        self._settle = QTimer(self, singleShot=True, interval=settle_ms)
        self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self._watcher.fileChanged.connect(lambda _path: self._settle.start())
        self._settle.timeout.connect(self._settled)

    def follow(self, folder: Path, file: Path | None = None) -> None:
        """Watch ``folder`` and ``file`` (the open configuration's) instead of what was watched."""
        targets = [folder] if file is None else [folder, file]
        if targets != self._targets:
            watched = self._watcher.files() + self._watcher.directories()
            if watched:
                self._watcher.removePaths(watched)
            self._targets = targets
        self._rewatch()

    def _rewatch(self) -> None:
        # A file replaced by a rename is a new file: the watcher forgot the old one.
        watched = set(self._watcher.files() + self._watcher.directories())
        missing = [str(p) for p in self._targets if str(p) not in watched and p.exists()]
        if missing:
            self._watcher.addPaths(missing)

    def _settled(self) -> None:
        if QApplication.activeModalWidget() is not None:  # don't change what a question is about
            self._settle.start()
            return
        self._rewatch()
        self.changed.emit()
