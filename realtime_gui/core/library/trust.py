"""Which hosts the user has confirmed for which API key: trust kept apart from configurations.

A configuration file may come from someone else, so what it says is data, never
trust. Trust is a record of what the user confirmed -- the origin a request
goes to (``scheme://host[:port]``), the name of the key it carries, and
whether plain http is accepted -- kept in ``trust.json`` in the app's folder,
versioned and written atomically under a lock.

The OpenAI service at its own host needs no record, nor a base URL from
``OPENAI_BASE_URL`` (the user's own environment); any other host does. Plain
http to a host other than this machine is refused unless its record allows it.
:func:`connection_trust` says what stands in the way of a mint;
:func:`trust_connection` records the user's confirmation.
"""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from realtime_gui.core.catalog.connection import BASE_URL, KEY_NAME
from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.library.atomic import atomic_write_text
from realtime_gui.core.library.folders import app_folder
from realtime_gui.core.library.keys import DEFAULT_KEY
from realtime_gui.core.library.locking import file_lock
from realtime_gui.core.records import record
from realtime_gui.core.service.errors import UntrustedConnectionError
from realtime_gui.core.service.providers import OpenAI, provider_for
from realtime_gui.core.wire.configuration import Configuration

__all__ = [
    "TRUST_FORMAT", "TrustProblem", "TrustRecord", "TrustRecords", "connection_origin", "connection_trust",
    "is_loopback", "trust_connection",
]

TRUST_FORMAT = 1
"""The format of ``trust.json`` this version reads and writes."""

_FILE = "trust.json"
_LOCK = "trust.lock"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_OPENAI_ORIGIN = "https://api.openai.com"


@record
class TrustRecord:
    """The user confirmed sending key ``key_name`` to ``origin`` (over plain http if ``allow_http``)."""

    origin: str
    key_name: str
    allow_http: bool = False


@record
class TrustProblem:
    """Why a configuration may not mint yet: its host and key aren't confirmed
    (``confirmed`` false), and/or the connection is plain http to another
    machine (``plain_http``) and that isn't allowed."""

    config_name: str
    origin: str
    key_name: str
    plain_http: bool = False
    confirmed: bool = False

    def error(self) -> UntrustedConnectionError:
        return UntrustedConnectionError(self.origin, self.key_name, self.config_name,
                                        plain_http=self.plain_http, confirmed=self.confirmed)

    @property
    def command(self) -> str:
        """The command line that confirms it: ``realtime-gui configs trust NAME [--allow-http]``."""
        return self.error().command

    @property
    def message(self) -> str:
        """What the user is asked to confirm, in words (see :class:`UntrustedConnectionError`)."""
        return str(self.error())


class TrustRecords:
    """The confirmed connections in ``trust.json`` (by default in the app's folder)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else app_folder() / _FILE

    def __repr__(self) -> str:
        return f"TrustRecords({str(self.path)!r})"

    def records(self) -> list[TrustRecord]:
        """Every record. A missing, unreadable or newer file holds none: trust is never guessed."""
        return _parse(self._read())

    def find(self, origin: str, key_name: str) -> TrustRecord | None:
        return next((r for r in self.records() if (r.origin, r.key_name) == (origin, key_name)), None)

    def record(self, record: TrustRecord) -> None:
        """Add ``record``, replacing any for the same origin and key."""
        with file_lock(self.path.with_name(_LOCK)):
            document = self._read()
            if isinstance(document, dict) and _newer(document):
                raise ValueError(f"{self.path} was written by a newer realtime-gui; upgrade realtime-gui "
                                 "to confirm connections")
            kept = [r for r in _parse(document) if (r.origin, r.key_name) != (record.origin, record.key_name)]
            self._write([*kept, record])

    def forget(self, origin: str, key_name: str) -> bool:
        """Remove the record for ``origin`` and ``key_name``; whether there was one."""
        with file_lock(self.path.with_name(_LOCK)):
            records = _parse(self._read())
            kept = [r for r in records if (r.origin, r.key_name) != (origin, key_name)]
            if len(kept) != len(records):
                self._write(kept)
            return len(kept) != len(records)

    def _read(self) -> Any:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None

    def _write(self, records: list[TrustRecord]) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        connections = [{"origin": r.origin, "key_name": r.key_name, "allow_http": r.allow_http} for r in records]
        document = {"format": TRUST_FORMAT, "connections": connections}
        atomic_write_text(self.path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _newer(document: dict[str, Any]) -> bool:
    version = document.get("format")
    return isinstance(version, int) and version > TRUST_FORMAT


def _parse(document: Any) -> list[TrustRecord]:
    if not isinstance(document, dict) or document.get("format") != TRUST_FORMAT:
        return []
    found = []
    for entry in document.get("connections") or []:
        if not isinstance(entry, dict):
            continue
        origin, key_name, allow_http = entry.get("origin"), entry.get("key_name"), entry.get("allow_http", False)
        if isinstance(origin, str) and isinstance(key_name, str) and isinstance(allow_http, bool):
            found.append(TrustRecord(origin, key_name, allow_http))
    return found


def connection_origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: lower case, no user or password, no default port.

    Raises ``ValueError`` for a URL with no host.
    """
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), parts.hostname
    if not host:
        raise ValueError("the base URL names no host")
    shown = f"[{host}]" if ":" in host else host
    try:
        port = parts.port
    except ValueError:  # not a number in range: keep it as written, so it matches nothing trusted
        return f"{scheme}://{parts.netloc.rpartition('@')[2].lower()}"
    return f"{scheme}://{shown}" + (f":{port}" if port is not None and port != _DEFAULT_PORTS.get(scheme) else "")


def is_loopback(origin: str) -> bool:
    """Whether ``origin`` is this machine: ``localhost``, 127.0.0.0/8 or ::1."""
    host = urlsplit(origin).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _key_name(config: Configuration) -> str:
    return str(config.setting(KEY_NAME.key) or DEFAULT_KEY)


def _needs_record(config: Configuration) -> str | None:
    """The origin the configuration posts to, when that takes the user's confirmation."""
    provider = provider_for(config)
    if isinstance(provider, OpenAI) and not config.connection.get(BASE_URL.key):
        return None  # OpenAI's own host, or OPENAI_BASE_URL: the user's own environment
    url = provider.url(config, endpoint(config.endpoint), {})
    origin = connection_origin(url)
    if isinstance(provider, OpenAI) and origin == _OPENAI_ORIGIN:
        return None
    return origin


def connection_trust(config: Configuration, records: TrustRecords | None = None) -> TrustProblem | None:
    """What stands in the way of minting with ``config``, or ``None`` when nothing does.

    For the window's confirmation: show the problem's origin and key name, and
    on the user's yes call :func:`trust_connection`.
    """
    try:
        origin = _needs_record(config)
    except ValueError:  # a base URL that names no host: validation says so in its own words
        return None
    if origin is None:
        return None
    key_name = _key_name(config)
    record = (records or TrustRecords()).find(origin, key_name)
    plain_http = origin.startswith("http://") and not is_loopback(origin)
    if record is None:
        return TrustProblem(config.name, origin, key_name, plain_http)
    if plain_http and not record.allow_http:
        return TrustProblem(config.name, origin, key_name, plain_http, confirmed=True)
    return None


def trust_connection(config: Configuration, allow_http: bool = False,
                     records: TrustRecords | None = None) -> TrustRecord | None:
    """Record that the user trusts ``config``'s host with its key (and plain
    http to it, with ``allow_http``). Returns the record, or ``None`` when the
    connection needs none (OpenAI's own host). Raises ``ValueError`` for a base
    URL with no usable host."""
    origin = _needs_record(config)
    if origin is None:
        return None
    record = TrustRecord(origin, _key_name(config), allow_http)
    (records or TrustRecords()).record(record)
    return record

