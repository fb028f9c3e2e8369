"""The mint history: one SQLite file of what each mint sent and how it ended.

``history.sqlite3`` sits in the app's folder (:func:`~realtime_gui.core.library.folders.app_folder`)
and keeps the newest :data:`DEFAULT_LIMIT` mints (a parameter). The command
line, the window and the token server may write at once: the file is in WAL
mode, each write is one short transaction, and a writer waits for a busy file
(``busy_seconds``) instead of failing. A killed writer leaves whole records
only (SQLite's journal). A file SQLite finds damaged is moved aside
(``history.sqlite3.damaged-<time>``), reported through ``tell`` and replaced by
an empty one; nothing here ever stops a mint or the app: a history that can't be
written is reported and skipped.

A :class:`MintRecord` holds no secret: the body has keyring references where
secrets were (see :mod:`realtime_gui.core.library.mint_record`).
``sqlite3`` is imported on the first read or write, never when the window starts.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realtime_gui.core.library.folders import app_folder
from realtime_gui.core.records import record, record_values

if TYPE_CHECKING:
    import sqlite3

__all__ = ["DEFAULT_LIMIT", "HISTORY_FILE", "MintHistory", "MintRecord", "app_history"]

DEFAULT_LIMIT = 10_000
"""How many mints the history keeps unless told otherwise."""

HISTORY_FILE = "history.sqlite3"

_FORMAT = 1  # PRAGMA user_version of the file this version writes
_BUSY_PAUSE = 0.02  # seconds between tries while another process sets a new file up
_COLUMNS = ("time", "config", "endpoint", "service", "host", "key_name", "outcome", "status", "message",
            "request_id", "session_id", "expires_at", "elapsed_ms", "body", "connection")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS mints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time REAL NOT NULL, config TEXT NOT NULL, endpoint TEXT NOT NULL, service TEXT NOT NULL,
    host TEXT NOT NULL, key_name TEXT NOT NULL, outcome TEXT NOT NULL, status INTEGER, message TEXT NOT NULL,
    request_id TEXT, session_id TEXT, expires_at INTEGER, elapsed_ms REAL NOT NULL,
    body TEXT NOT NULL, connection TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mints_by_config ON mints (config);
"""


@record
class MintRecord:
    """One mint: when, with what, to where, and how it ended.

    ``outcome`` is ``"ok"`` or the error's class name (``"AuthenticationError"``),
    ``status`` the HTTP status when an answer came, ``message`` what went wrong
    in words (empty when ok). ``body`` is the request body as sent, with
    ``{"secret_ref": ...}`` or a placeholder where a secret was; ``connection``
    the configuration's connection settings (a key's name, never a key).
    ``id`` is given by the history when stored.
    """

    time: float
    config: str
    endpoint: str
    service: str
    host: str
    key_name: str
    outcome: str
    status: int | None = None
    message: str = ""
    request_id: str | None = None
    session_id: str | None = None
    expires_at: int | None = None
    elapsed_ms: float = 0.0
    body: dict[str, Any] = field(default_factory=dict)
    connection: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON object; ``time`` as ISO 8601 in UTC."""
        data = record_values(self)
        data["time"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.time))
        return data


class MintHistory:
    """The history file at ``path``, keeping the newest ``limit`` mints.

    ``tell`` hears, in words, about a damaged file moved aside or a history
    that could not be written; without it they go to the ``realtime_gui.history``
    log. Either way they are kept in ``notes``.
    """

    def __init__(self, path: Path, limit: int = DEFAULT_LIMIT, *, busy_seconds: float = 5.0,
                 tell: Callable[[str], None] | None = None) -> None:
        if limit < 1:
            raise ValueError("the history must keep at least one mint")
        self.path, self.limit, self.busy_seconds = path, limit, busy_seconds
        self.notes: list[str] = []
        self._tell = tell

    def record(self, entry: MintRecord | Callable[[], MintRecord]) -> None:
        """Add ``entry`` (or what the function given makes) and drop the oldest
        beyond the limit. Never raises: a failure is told and the mint goes on unrecorded."""
        try:
            row = _row(entry if isinstance(entry, MintRecord) else entry())
        except Exception as error:
            self._say(f"This mint was not recorded in the history: {_why(error)}.")
            return
        for _attempt in range(2):  # once more in the fresh file after a damaged one was moved aside
            try:
                self._write(lambda db: _insert(db, row, self.limit))
                return
            except _MovedAsideError:
                continue
            except Exception as error:  # a history must never cost a mint
                self._say(f"This mint was not recorded in the history ({self.path}): {_why(error)}.")
                return

    def records(self, *, limit: int | None = None, config: str | None = None) -> list[MintRecord]:
        """The newest mints first, at most ``limit``, only ``config``'s when given
        (its name without case). Empty, after telling why, when the file can't be read."""
        where = "WHERE config = ? COLLATE NOCASE" if config is not None else ""
        args: list[Any] = [config] if config is not None else []
        query = f"SELECT id, {', '.join(_COLUMNS)} FROM mints {where} ORDER BY id DESC"
        if limit is not None:
            query = query + " LIMIT ?"
            args.append(max(limit, 0))
        try:
            rows = self._read(lambda db: db.execute(query, args).fetchall())
        except _MovedAsideError:
            return []
        except Exception as error:
            self._say(f"The mint history ({self.path}) could not be read: {_why(error)}.")
            return []
        return [_record(row) for row in rows]

    def last_mints(self) -> dict[str, float]:
        """When each configuration last minted (epoch seconds), by the name it was
        recorded under; a configuration never minted is absent. Empty, after telling
        why, when the file can't be read."""
        query = "SELECT config, MAX(time) FROM mints GROUP BY config"
        try:
            rows = self._read(lambda db: db.execute(query).fetchall())
        except _MovedAsideError:
            return {}
        except Exception as error:
            self._say(f"The mint history ({self.path}) could not be read: {_why(error)}.")
            return {}
        return {str(config): float(when) for config, when in rows}

    def clear(self) -> int:
        """Forget every mint; returns how many there were. Raises ``OSError`` saying why it could not."""
        def clear(db: sqlite3.Connection) -> int:
            return int(db.execute("DELETE FROM mints").rowcount)

        try:
            return int(self._write(clear))
        except _MovedAsideError:
            return 0
        except Exception as error:
            raise OSError(f"The mint history ({self.path}) could not be cleared: {_why(error)}.") from None

    # -- internals ------------------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        with self._open() as db:
            db.execute("BEGIN IMMEDIATE")  # take the write lock now: waits (busy timeout), never deadlocks
            try:
                done = work(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return done

    def _read(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        if not self.path.exists():
            return []
        with self._open() as db:
            return work(db)

    @contextlib.contextmanager
    def _open(self) -> Iterator[sqlite3.Connection]:
        import sqlite3

        try:
            db = self._connect()
        except sqlite3.DatabaseError as error:
            if not _damaged(error):
                raise
            self._move_aside(error)
            db = self._connect()
        try:
            yield db
        except sqlite3.DatabaseError as error:
            db.close()
            if not _damaged(error):
                raise
            self._move_aside(error)
            raise _MovedAsideError from None
        else:
            db.close()

    def _connect(self) -> sqlite3.Connection:
        import sqlite3

        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Created private before SQLite opens it; its -wal and -shm files take the same mode.
        os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
        # Turning a new file to WAL takes it whole, and SQLite answers "locked" at once,
        # without its busy wait, to a second process doing the same: wait here instead.
        deadline = time.monotonic() + self.busy_seconds
        while True:
            db = sqlite3.connect(self.path, timeout=self.busy_seconds, isolation_level=None)
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > _FORMAT:
                    raise sqlite3.DatabaseError(f"it was written by a newer realtime-gui (format {version})")
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")  # in WAL mode a killed process loses no committed mint
                if version < _FORMAT:
                    db.executescript(_SCHEMA + f"PRAGMA user_version = {_FORMAT};")
                return db
            except sqlite3.OperationalError as error:
                db.close()
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(_BUSY_PAUSE)
            except BaseException:
                db.close()
                raise

    def _move_aside(self, error: Exception) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 2
        while aside.exists():
            aside, n = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}"), n + 1
        self.path.replace(aside)
        for extra in ("-wal", "-shm"):  # kept beside the file they belong to
            companion = Path(f"{self.path}{extra}")
            with contextlib.suppress(FileNotFoundError):
                companion.replace(Path(f"{aside}{extra}"))
        self._say(f"The mint history {self.path} was damaged ({_why(error)}); it was moved to {aside.name} "
                  "and a new, empty history started.")

    def _say(self, text: str) -> None:
        self.notes.append(text)
        if self._tell is not None:
            self._tell(text)
        else:
            logging.getLogger("realtime_gui.history").warning("%s", text)


class _MovedAsideError(Exception):
    """The file was found damaged while in use and moved aside (already told)."""


def app_history(limit: int | None = None, tell: Callable[[str], None] | None = None) -> MintHistory:
    """The history in the app's folder (``$REALTIME_GUI_HOME`` when set), keeping
    ``limit`` mints, or as many as the ``history.size`` setting says."""
    if limit is None:
        from realtime_gui.core.library.preferences import HISTORY_SIZE, load_preferences

        limit = int(load_preferences().get(HISTORY_SIZE.key))
    return MintHistory(app_folder() / HISTORY_FILE, limit, tell=tell)


def _damaged(error: Exception) -> bool:
    import sqlite3

    code = getattr(error, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "newer realtime-gui" in str(error)


def _why(error: Exception) -> str:
    return str(error).rstrip(".") or type(error).__name__


def _insert(db: sqlite3.Connection, row: tuple[Any, ...], limit: int) -> None:
    marks = ", ".join("?" * len(_COLUMNS))
    db.execute(f"INSERT INTO mints ({', '.join(_COLUMNS)}) VALUES ({marks})", row)
    db.execute("DELETE FROM mints WHERE id <= (SELECT id FROM mints ORDER BY id DESC LIMIT 1 OFFSET ?)", (limit,))


def _row(entry: MintRecord) -> tuple[Any, ...]:
    data = record_values(entry)
    data["body"] = json.dumps(entry.body, ensure_ascii=False)
    data["connection"] = json.dumps(entry.connection, ensure_ascii=False)
    return tuple(data[name] for name in _COLUMNS)


def _record(row: tuple[Any, ...]) -> MintRecord:
    data = dict(zip(("id", *_COLUMNS), row, strict=True))
    for name in ("body", "connection"):
        try:
            loaded = json.loads(data[name])
        except ValueError:
            loaded = {}
        data[name] = loaded if isinstance(loaded, dict) else {}
    return MintRecord(**data)
