"""Saved configurations: one versioned JSON file per name, written atomically.

A file holds ``{"format": FORMAT, "name": NAME, ...rest}`` (the document format
of :mod:`realtime_gui.core.wire.document`); this module treats ``rest`` as an
opaque JSON object that someone else defines. Names map to file
names reversibly (``Demo`` is ``Demo.json``, see
:mod:`realtime_gui.core.library.config_names`), so listing never opens a file.

Nothing a user saved is ever lost: :meth:`ConfigStore.delete` moves the file to
``trash/``, and a file that fails to load is moved aside to
``NAME.json.broken-YYYYmmdd-HHMMSS`` next to it and reported, never deleted.
Several programs may use one folder at once: creating, saving and renaming
hold a lock on the folder, so a name is taken once, and a new file is linked
to its name, never moved over one. Opening a store removes the temporary
files of saves that were killed.

Errors::

    ConfigStoreError
     ├── ConfigNameError      (also ValueError)   bad or clashing name
     ├── ConfigNotFoundError  (also LookupError)  no configuration of that name
     └── ConfigLoadError                          unreadable, broken or too new
"""

from __future__ import annotations

import builtins
import contextlib
import itertools
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from realtime_gui.core.catalog.json_text import parse_json_text
from realtime_gui.core.library.atomic import atomic_write, remove_stale_temp_files
from realtime_gui.core.library.config_names import (
    MAX_NAME_LENGTH,
    SUFFIX,
    ConfigNameError,
    ConfigStoreError,
    fits,
    name_from_filename,
    stem,
    validate_config_name,
)
from realtime_gui.core.library.folders import app_folder
from realtime_gui.core.library.locking import folder_lock
from realtime_gui.core.wire import document as document_format

__all__ = [
    "MAX_NAME_LENGTH", "ConfigLoadError", "ConfigNameError", "ConfigNotFoundError", "ConfigStore",
    "ConfigStoreError", "validate_config_name",
]

_RESERVED_KEYS = frozenset({"format", "name"})
_COPY_SUFFIX = re.compile(r" copy(?: \d+)?$")


class ConfigNotFoundError(ConfigStoreError, LookupError):
    """No configuration has that name."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0]) if self.args else ""


class ConfigLoadError(ConfigStoreError):
    """A configuration file could not be loaded.

    ``moved_to`` is where a broken file now lives, or ``None`` when the file
    was left in place (a newer format, or the file could not be read at all).
    """

    def __init__(self, message: str, *, path: Path, moved_to: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.moved_to = moved_to


def _timestamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _unused_path(make: Callable[[str], Path]) -> Path:
    """``make("")``, or ``make("-2")``, ``make("-3")``... whichever is free."""
    candidate, n = make(""), 1
    while candidate.exists():
        n += 1
        candidate = make(f"-{n}")
    return candidate


def _default_root() -> Path:
    return app_folder() / "configs"


class ConfigStore:
    """Named configurations in a folder, one ``NAME.json`` file each.

    Names are compared without case everywhere, so the store behaves the same
    on case-sensitive and case-insensitive file systems. Configuration data is
    a JSON object; the keys ``"format"`` and ``"name"`` belong to the store.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else _default_root()
        remove_stale_temp_files(self.root)

    def __repr__(self) -> str:
        return f"ConfigStore({str(self.root)!r})"

    def list(self) -> list[str]:
        """All configuration names, sorted without case. Opens no files."""
        return sorted(self._names(), key=lambda n: (n.casefold(), n))

    def _names(self) -> builtins.list[str]:
        """All configuration names, in the folder's order."""
        try:
            entries = list(os.scandir(self.root))
        except FileNotFoundError:
            return []
        return [
            name_from_filename(entry.name)
            for entry in entries
            if entry.name.endswith(SUFFIX)
            and not entry.name.startswith(".")
            and entry.is_file()
        ]

    def exists(self, name: str) -> bool:
        """Whether a configuration has this name (compared without case)."""
        return self._find(validate_config_name(name)) is not None

    def stored_name(self, name: str) -> str:
        """The name configuration ``name`` is saved under (``Demo`` for ``demo``);
        raises :class:`ConfigNotFoundError`."""
        return self._require(validate_config_name(name))

    def broken_files(self) -> builtins.list[tuple[str, Path]]:
        """Files set aside because they could not be loaded, with the name each had."""
        try:
            entries = sorted(os.scandir(self.root), key=lambda e: e.name.casefold())
        except FileNotFoundError:
            return []
        found = []
        for entry in entries:
            stem_part, marker, _ = entry.name.partition(SUFFIX + ".broken-")
            if marker and not entry.name.startswith(".") and entry.is_file():
                found.append((name_from_filename(stem_part + SUFFIX), Path(entry.path)))
        return found

    def path_of(self, name: str) -> Path:
        """The file that holds (or would hold) configuration ``name``."""
        name = validate_config_name(name)
        return self._path(self._find(name) or name)

    def load(self, name: str) -> dict[str, Any]:
        """The configuration's data, upgraded to the current document format.

        Raises :class:`ConfigNotFoundError`, or :class:`ConfigLoadError` after
        moving a broken file aside (a too-new file is left untouched).
        """
        return self.load_named(name)[1]

    def load_named(self, name: str) -> tuple[str, dict[str, Any]]:
        """The name the configuration is saved under and its data, as :meth:`load` reads it."""
        found = self._require(validate_config_name(name))
        return found, self._read(found)

    def load_all(self) -> tuple[dict[str, dict[str, Any]], builtins.list[ConfigLoadError]]:
        """Every loadable configuration by name, and the problems with the rest."""
        configs: dict[str, dict[str, Any]] = {}
        problems: builtins.list[ConfigLoadError] = []
        for name in self.list():
            try:
                configs[name] = self._read(name)
            except ConfigLoadError as problem:
                problems.append(problem)
            except ConfigNotFoundError:  # removed since listing; nothing to report
                pass
        return configs, problems

    def save(self, name: str, data: dict[str, Any]) -> None:
        """Write ``data`` as configuration ``name``, replacing it atomically.

        Raises :class:`ConfigNameError` if a configuration whose name differs
        only in case exists; rename that one instead.
        """
        name = validate_config_name(name)
        with self._locked():
            found = self._find(name)
            if found is not None and found != name:
                raise self._clash(found)
            self._write(name, data)

    def create(self, name: str, data: dict[str, Any]) -> str:
        """Save a new configuration; refuse if the name is taken, also by
        another program at the same moment. Returns the name."""
        name = validate_config_name(name)
        with self._locked():
            found = self._find(name)
            if found is not None:
                raise self._clash(found)
            try:
                self._write(name, data, exclusive=True)
            except FileExistsError:  # a program that took no lock
                raise self._clash(name) from None
        return name

    def rename(self, old: str, new: str) -> str:
        """Rename a configuration (a change of case only is allowed). Returns ``new``."""
        old = self._require(validate_config_name(old))
        new = validate_config_name(new)
        if new == old:
            return new
        with self._locked():
            found = self._find(new)
            if found is not None and found != old:
                raise self._clash(found)
            data = self._read(old)  # refuses broken or too-new files before moving anything
            self._path(old).rename(self._path(new))
            self._write(new, data)  # refreshes the name stored inside
        return new

    def duplicate(self, name: str, new_name: str | None = None) -> str:
        """Copy a configuration; by default to "NAME copy", "NAME copy 2", ...

        Returns the new name.
        """
        name = self._require(validate_config_name(name))
        data = self._read(name)
        if new_name is None:
            new_name = self._copy_name(name)
        return self.create(new_name, data)

    def delete(self, name: str) -> Path:
        """Move a configuration to ``trash/`` (never unlinked) and return its new path."""
        name = self._require(validate_config_name(name))
        target = self._trash_path(name)
        self._path(name).rename(target)
        return target

    def keep_in_trash(self, name: str) -> Path:
        """Copy a configuration's file to ``trash/`` before it is replaced; returns the copy."""
        name = self._require(validate_config_name(name))
        target = self._trash_path(name)
        shutil.copy2(self._path(name), target)
        return target

    def move_aside(self, name: str, why: str) -> ConfigLoadError:
        """Move a configuration whose content is unusable (``why``, in words)
        to ``NAME.json.broken-...`` and return the error to raise or show.

        For callers that find problems in the data this store treats as opaque.
        """
        name = self._require(validate_config_name(name))
        return self._broken(name, self._path(name), why)

    # -- internals ------------------------------------------------------------

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return folder_lock(self.root)

    def _trash_path(self, name: str) -> Path:
        trash = self.root / "trash"
        trash.mkdir(mode=0o700, parents=True, exist_ok=True)
        stamp = _timestamp()
        return _unused_path(lambda n: trash / f"{stem(name)}.{stamp}{n}{SUFFIX}")

    def _path(self, stored_name: str) -> Path:
        return self.root / (stem(stored_name) + SUFFIX)

    def _find(self, name: str) -> str | None:
        """The stored name equal to ``name`` without case, if any."""
        # Always from the listing: on a case-insensitive disk a path that
        # exists may still be stored under another case.
        names = self._names()  # unsorted: one look-up needs no order
        if name in names:
            return name
        folded = name.casefold()
        return next((n for n in names if n.casefold() == folded), None)

    def _require(self, name: str) -> str:
        found = self._find(name)
        if found is None:
            raise self._not_found(name)
        return found

    def _not_found(self, name: str) -> ConfigNotFoundError:
        return ConfigNotFoundError(f"There is no configuration named {name!r} in {self.root}.")

    @staticmethod
    def _clash(existing: str) -> ConfigNameError:
        return ConfigNameError(
            f"A configuration named {existing!r} already exists "
            "(names are compared without case); choose another name."
        )

    def _copy_name(self, name: str) -> str:
        base = _COPY_SUFFIX.sub("", name)
        taken = {n.casefold() for n in self.list()}
        for n in itertools.count(1):
            suffix = " copy" if n == 1 else f" copy {n}"
            # Shorten the base, not the suffix, when the result would be too long.
            trimmed = base
            while not fits(trimmed.rstrip() + suffix):
                trimmed = trimmed[:-1]
            candidate = trimmed.rstrip() + suffix
            if candidate.casefold() not in taken:
                return candidate
        raise AssertionError("unreachable")

    def _write(self, name: str, data: dict[str, Any], *, exclusive: bool = False) -> None:
        if not isinstance(data, dict):
            raise TypeError(f"configuration data must be a dict, not {type(data).__name__}")
        reserved = _RESERVED_KEYS & data.keys()
        if reserved:
            raise ValueError(f"configuration data may not set {sorted(reserved)}; the store does")
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        document = {"format": document_format.FORMAT, "name": name, **data}
        # Streamed, so a value JSON can't hold fails inside atomic_write and
        # leaves the old file as it was.
        with atomic_write(self._path(name), exclusive=exclusive) as stream:
            json.dump(document, stream, indent=2, ensure_ascii=False, allow_nan=False)
            stream.write("\n")

    def _read(self, name: str) -> dict[str, Any]:
        path = self._path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise self._not_found(name) from None
        except OSError as exc:
            raise ConfigLoadError(
                f"Could not read configuration {name!r} from {path}: {exc.strerror or exc}. "
                "Check the file's permissions; it was left in place.",
                path=path,
            ) from exc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            why = f"it is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8"
            raise self._broken(name, path, why) from exc
        try:  # strictly: a key given twice, NaN, a number of thousands of digits, a BOM are each named
            document = parse_json_text(text)
        except ValueError as exc:
            raise self._broken(name, path, f"it {exc}") from exc
        if not isinstance(document, dict):
            why = f"it holds a JSON {type(document).__name__}, not an object"
            raise self._broken(name, path, why)
        version = document.get("format")
        newest = document_format.FORMAT
        if isinstance(version, int) and not isinstance(version, bool) and version > newest:
            raise ConfigLoadError(
                f"Configuration {name!r} ({path}) was saved by a newer realtime-gui "
                f"(format {version}; this version reads up to format {newest}). "
                "Upgrade realtime-gui to open it; the file was left untouched.",
                path=path,
            )
        try:
            document = document_format.upgrade(document)
        except ValueError as exc:
            raise self._broken(name, path, str(exc)) from exc
        return {k: v for k, v in document.items() if k not in _RESERVED_KEYS}

    @staticmethod
    def _broken(name: str, path: Path, why: str) -> ConfigLoadError:
        stamp = _timestamp()
        target = _unused_path(lambda n: path.with_name(f"{path.name}.broken-{stamp}{n}"))
        try:
            path.rename(target)
        except OSError as exc:
            return ConfigLoadError(
                f"Could not load configuration {name!r} from {path}: {why}. It could not "
                f"be moved aside either ({exc.strerror or exc}); it was left in place.",
                path=path,
            )
        return ConfigLoadError(
            f"Could not load configuration {name!r} from {path}: {why}. "
            f"The file was moved to {target} (nothing was deleted); "
            "fix it and rename it back, or make a new configuration.",
            path=path,
            moved_to=target,
        )

    def trash_version(self, name: str, data: dict[str, Any]) -> Path:
        """Keep ``data``, a version of configuration ``name`` that was never
        saved, in ``trash/`` before it is dropped; returns the file."""
        name = validate_config_name(name)
        target = self._trash_path(name)
        with atomic_write(target, exclusive=True) as stream:
            json.dump({"format": document_format.FORMAT, "name": name, **data}, stream,
                      indent=2, ensure_ascii=False, allow_nan=False)
            stream.write("\n")
        return target
