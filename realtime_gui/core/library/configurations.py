"""What one does with saved configurations, once for the command line and the window.

Load, save, new, import, export and convert, each with the store (and the
keys where secrets move). None changes the configuration it is given:
saving returns the configuration as saved, its plain secrets replaced by
keyring references. Rename, duplicate and delete are the store's own
(:meth:`ConfigStore.rename`, :meth:`~ConfigStore.duplicate`, :meth:`~ConfigStore.delete`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.catalog.endpoints import DEFAULT_ENDPOINT
from realtime_gui.core.catalog.field_type import EncodeContext
from realtime_gui.core.catalog.nodes import Endpoint
from realtime_gui.core.library.atomic import atomic_write_text
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.preferences import Preferences, load_preferences
from realtime_gui.core.library.secrets import (
    missing_secrets,
    move_plain_secrets,
    stash_secrets,
    without_plain_secrets,
)
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.convert import Conversion, convert

__all__ = [
    "conversion_name", "conversion_target", "convert_configuration", "create_configuration",
    "export_body", "export_document", "export_text", "load_configuration", "new_configuration",
    "save_configuration", "unique_name", "write_export",
]


def load_configuration(store: ConfigStore, name: str, keys: ApiKeys | None = None,
                       tell: Callable[[str], None] | None = None) -> Configuration:
    """A saved configuration. A file whose content can't be read is moved
    aside (never deleted) and the ``ConfigLoadError`` raised says why and where.

    With ``keys``, secret values the file holds itself are moved into the
    keyring and the file rewritten with references; when the keyring can't
    take them the file is left as it is and ``tell`` hears why.
    """
    name = store.stored_name(name)
    data = store.load(name)
    try:
        config = Configuration.from_data(name, data)
    except ValueError as error:
        raise store.move_aside(name, str(error)) from error
    if keys is None:
        return config
    config, note = move_plain_secrets(config, keys, lambda moved: store.save(moved.name, moved.to_data()))
    if note and tell:
        tell(note)
    return config


def save_configuration(store: ConfigStore, keys: ApiKeys, config: Configuration) -> Configuration:
    """Save ``config``, its secrets moved into the keyring first; returns it as saved."""
    saved = stash_secrets(config, keys)
    store.save(saved.name, saved.to_data())
    return saved


def create_configuration(store: ConfigStore, keys: ApiKeys, config: Configuration) -> Configuration:
    """Save ``config`` under a name no other configuration has (its secrets to
    the keyring first); returns it as saved, under the store's tidy name."""
    saved = stash_secrets(config, keys)
    saved.name = store.create(saved.name, saved.to_data())
    return saved


def new_configuration(store: ConfigStore, name: str, endpoint_id: str = DEFAULT_ENDPOINT,
                      preferences: Preferences | None = None) -> Configuration:
    """A fresh configuration for ``endpoint_id``, saved as ``name``, starting from
    the preferences' defaults (service, base URL, time limit, GA lifetime)."""
    prefs = preferences or load_preferences()
    config = Configuration.new(name, endpoint_id)
    config.connection.update(prefs.new_connection())
    config.values.update(prefs.new_values(endpoint(endpoint_id).shape))
    config.name = store.create(name, config.to_data())
    return config


def unique_name(store: ConfigStore, base: str) -> str:
    """``base``, or ``base 2``, ``base 3``... whichever no configuration has (without case)."""
    taken = {n.casefold() for n in store.list()}
    candidates = (base if n == 1 else f"{base} {n}" for n in range(1, 100_000))
    return next(c for c in candidates if c.casefold() not in taken)


def export_document(config: Configuration) -> dict[str, Any]:
    """The configuration file as exported. It holds keyring references only:
    a plain secret not yet saved is left out, and nothing is written to the keyring."""
    return without_plain_secrets(config).to_document()


def export_body(config: Configuration, keys: ApiKeys | None = None, *,
                with_secrets: bool = False) -> dict[str, Any]:
    """The request body, a placeholder in place of every secret, or with
    ``with_secrets`` the secrets themselves, read from ``keys`` (write such a
    body only with :func:`write_export`, which keeps the file private)."""
    if not with_secrets:
        return build_body(config)
    if keys is None:
        raise ValueError("exporting secrets needs the keys to read them from")
    missing = missing_secrets(config, keys)
    if missing:
        raise ValueError("; ".join(p.message for p in missing))
    return build_body(config, EncodeContext(endpoint(config.endpoint).shape, "resolve", keys.load_secret))


def export_text(document: Any) -> str:
    """An exported document as the text of its file."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_export(path: Path, document: Any) -> None:
    """Write an exported document to ``path``, atomically, readable by its owner only (0600)."""
    atomic_write_text(path, export_text(document))


def conversion_target(config: Configuration) -> Endpoint | None:
    """The GA endpoint of a beta configuration's family, or ``None``."""
    counterpart = endpoint(config.endpoint).ga_counterpart
    return endpoint(counterpart) if counterpart else None


def conversion_name(name: str, target_id: str) -> str:
    """``"NAME (GA)"``: what a converted copy is called by default."""
    label = {"ga": "GA"}.get(target_id, target_id)
    return f"{name} ({label})"


def convert_configuration(store: ConfigStore, keys: ApiKeys, config: Configuration, target_id: str,
                          name: str, *, replace_original: bool = False) -> Conversion:
    """Convert ``config`` for ``target_id`` and save it as ``name``: a new
    configuration, or over the original when ``replace_original`` (whose file
    is first copied to ``trash/``)."""
    conversion = convert(config, target_id, name)
    if replace_original:
        store.keep_in_trash(config.name)
        saved = save_configuration(store, keys, conversion.configuration)
    else:
        saved = create_configuration(store, keys, conversion.configuration)
    return replace(conversion, configuration=saved)
