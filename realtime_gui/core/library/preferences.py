"""Preferences: the app's own settings, declared once as data and kept in one small file.

Each setting is a catalog :class:`~realtime_gui.core.catalog.nodes.Field` (key,
label, help, type with its range, default), so the Preferences dialog builds
its editors from it and ``realtime-gui prefs`` checks and describes it, as the
form and ``fields`` do for session fields. ``NOT_SET`` as a default means the
built-in behaviour applies (the service's lifetime, the usual base URL).

The file is ``settings.json`` in the app folder (``$REALTIME_GUI_HOME`` when
set), versioned and written atomically, readable by its owner only::

    {"format": 1, "values": {"mint.connect_timeout": 5, "window.theme": "dark"}}

Only settings that differ from their default are stored. A setting the file
gets wrong is reported, one line naming the file and the setting, and its
default used instead; a file that can't be read at all is reported and
ignored, and set aside (never deleted) before the next save replaces it.
Nothing here is ever fatal to the app.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from realtime_gui.core.catalog.connection import BASE_URL, SERVICE, TIME_LIMIT
from realtime_gui.core.catalog.field_type import NOT_SET, Option
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.scalar_types import Boolean, Choice, Integer
from realtime_gui.core.library.atomic import atomic_write_text
from realtime_gui.core.library.folders import app_folder

__all__ = [
    "CLIPBOARD_CLEAR", "CLIPBOARD_CLEAR_AFTER", "CONNECT_TIMEOUT", "DEADLINE", "FORMAT", "HISTORY_SIZE",
    "NEW_BASE_URL", "NEW_LIFETIME", "NEW_SERVICE", "PREFERENCES", "SETTINGS_FILE", "THEME", "PreferenceError",
    "Preferences", "load_preferences", "parse_value", "preference", "settings_path",
]

FORMAT = 1
SETTINGS_FILE = "settings.json"
_LIFETIME_ID = "expires_after.seconds"  # the session field a new GA configuration's lifetime sets


def _pref(key: str, label: str, help: str, section: str, **kw: Any) -> Field:
    return Field(key, label, help, section=section, id=key, **kw)


NEW_SERVICE = _pref(
    "new.service", "Service", "The service a new configuration is sent to.", "New configurations",
    type=SERVICE.type, default=SERVICE.default)
NEW_BASE_URL = _pref(
    "new.base_url", "Base URL", "The base URL a new configuration starts with. Not set: "
    "https://api.openai.com/v1, or OPENAI_BASE_URL when that is set.", "New configurations",
    type=BASE_URL.type, default_note="https://api.openai.com/v1, or OPENAI_BASE_URL")
NEW_LIFETIME = _pref(
    "new.lifetime", "Lifetime (GA)", "How long a secret minted with a new GA configuration stays valid. "
    "Not set: the configuration leaves it to the service (10 minutes).", "New configurations",
    type=Integer(10, 7200, unit="seconds"), default_note="the service's, 10 minutes")
CONNECT_TIMEOUT = _pref(
    "mint.connect_timeout", "Connect timeout", "How long a mint waits for the connection to open, in the window "
    "and as the command line's --connect-timeout default.", "Minting",
    type=Integer(1, 120, unit="seconds"), default=10)
DEADLINE = _pref(
    "mint.deadline", "Time limit", "How long a whole mint may take: the time limit of a new configuration and "
    "the command line's --timeout default.", "Minting",
    type=TIME_LIMIT.type, default=TIME_LIMIT.default)
CLIPBOARD_CLEAR = _pref(
    "clipboard.clear", "Clear the clipboard", "Take a copied secret off the clipboard again, if it is still "
    "there, once it expires (or sooner, see below).", "Privacy", type=Boolean(), default=True)
CLIPBOARD_CLEAR_AFTER = _pref(
    "clipboard.clear_after", "Clear after", "Seconds after copying to clear the clipboard; 0 waits for the "
    "secret to expire. Whichever comes first wins.", "Privacy",
    type=Integer(0, 3600, unit="seconds"), default=0)
HISTORY_SIZE = _pref(
    "history.size", "History size", "How many mints the history keeps; older ones are dropped.", "History",
    type=Integer(100, 500_000, unit="mints"), default=10_000)
THEME = _pref(
    "window.theme", "Theme", "The window's colours.", "Window",
    type=Choice((Option("system", "Follow the system"), Option("light", "Light"), Option("dark", "Dark"))),
    default="system")

PREFERENCES: tuple[Field, ...] = (
    NEW_SERVICE, NEW_BASE_URL, NEW_LIFETIME, CONNECT_TIMEOUT, DEADLINE, CLIPBOARD_CLEAR, CLIPBOARD_CLEAR_AFTER,
    HISTORY_SIZE, THEME)
_BY_KEY = {p.key: p for p in PREFERENCES}


class PreferenceError(ValueError):
    """A setting that doesn't exist, a value it refuses, or a file that can't be written."""


def preference(key: str) -> Field:
    """The declaration of ``key``; :class:`PreferenceError` names the known keys if there is none."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise PreferenceError(f"there is no setting {key!r}; the settings are: {', '.join(_BY_KEY)}") from None


def parse_value(key: str, text: str) -> Any:
    """A value for ``key`` as typed on the command line (``5``, ``on``, ``dark``), checked."""
    pref = preference(key)
    value: Any = text.strip()
    if pref.type.kind == "integer":
        try:
            value = int(value)
        except ValueError:
            raise PreferenceError(f"{key} must be a whole number; it is {text!r}") from None
    elif pref.type.kind == "boolean":
        words = {"true": True, "on": True, "yes": True, "1": True,
                 "false": False, "off": False, "no": False, "0": False}
        if value.lower() not in words:
            raise PreferenceError(f"{key} must be on or off; it is {text!r}")
        value = words[value.lower()]
    problem = pref.type.check(value)
    if problem:
        raise PreferenceError(f"{key} {problem}")
    return value


def settings_path(folder: Path | None = None) -> Path:
    """Where the settings file is: ``settings.json`` in ``folder`` or the app folder."""
    return (folder or app_folder()) / SETTINGS_FILE


@dataclass
class Preferences:
    """The settings as read from ``path``: ``values`` holds those set, ``problems``
    one line for each thing the file got wrong (already left out)."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    broken: bool = False  # the file could not be read at all: set aside before it is replaced
    too_new: bool = False  # written by a newer realtime-gui: never replaced

    def get(self, key: str) -> Any:
        """The value of ``key``: as set, else its default (``NOT_SET`` for "built in")."""
        pref = preference(key)
        return self.values.get(key, pref.default)

    def is_set(self, key: str) -> bool:
        return key in self.values

    def set(self, key: str, value: Any) -> None:
        """Set ``key`` (checked against its type); setting the default unsets it."""
        pref = preference(key)
        problem = pref.type.check(value)
        if problem:
            raise PreferenceError(f"{pref.label} ({key}) {problem}")
        if value == pref.default:
            self.values.pop(key, None)
        else:
            self.values[key] = value

    def unset(self, key: str) -> bool:
        """Back to the default; False if it was not set."""
        preference(key)
        return self.values.pop(key, NOT_SET) is not NOT_SET

    def save(self) -> None:
        """Write the file atomically (0600); a broken one is first set aside."""
        if self.too_new:
            raise PreferenceError(f"{self.path} was written by a newer realtime-gui; change it with that one")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.broken and self.path.exists():
                self.path.replace(self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}"))
                self.broken = False
            text = json.dumps({"format": FORMAT, "values": self.values}, indent=2, ensure_ascii=False) + "\n"
            atomic_write_text(self.path, text)
        except OSError as error:
            raise PreferenceError(f"{self.path} could not be written: {error.strerror or error}") from None

    def new_connection(self) -> dict[str, Any]:
        """The connection settings a new configuration starts with (only those that differ from the built-in)."""
        connection: dict[str, Any] = {}
        for pref, setting in ((NEW_SERVICE, SERVICE), (NEW_BASE_URL, BASE_URL), (DEADLINE, TIME_LIMIT)):
            value = self.get(pref.key)
            if value is not NOT_SET and value != setting.default:
                connection[setting.key] = value
        return connection

    def new_values(self, shape: str) -> dict[str, Any]:
        """The session values a new configuration of this wire shape starts with, beside the endpoint's own."""
        lifetime = self.get(NEW_LIFETIME.key)
        return {_LIFETIME_ID: lifetime} if shape == "ga" and lifetime is not NOT_SET else {}


def load_preferences(path: Path | None = None) -> Preferences:
    """The settings in ``path`` (default: :func:`settings_path`); never raises.
    What the file gets wrong is in ``problems``, and its defaults apply."""
    path = path or settings_path()
    prefs = Preferences(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return prefs
    except (OSError, UnicodeDecodeError) as error:
        prefs.problems.append(f"{path}: can't be read ({getattr(error, 'strerror', None) or error}); "
                              "the default settings apply")
        return prefs
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        data = error
    if not (isinstance(data, dict) and isinstance(data.get("values", {}), Mapping)
            and isinstance(data.get("format"), int)):
        where = f" (line {data.lineno}, column {data.colno})" if isinstance(data, json.JSONDecodeError) else ""
        prefs.broken = True
        prefs.problems.append(f"{path}: not a settings file{where}; the default settings apply")
        return prefs
    if data["format"] > FORMAT:
        prefs.too_new = True
        prefs.problems.append(f"{path}: written by a newer realtime-gui (format {data['format']}); "
                              "the default settings apply")
        return prefs
    for key, value in data.get("values", {}).items():
        if key not in _BY_KEY:
            prefs.problems.append(f"{path}: {key}: not a setting realtime-gui knows; ignored")
            continue
        problem = _BY_KEY[key].type.check(value)
        if problem:
            prefs.problems.append(f"{path}: {key} {problem}; the default applies")
            continue
        prefs.values[key] = value
    return prefs
