"""What one does with saved configurations, once for the command line and the window.

Load, save, new, import, export and convert, each with the store (and the
keys where secrets move); set and unset fields by their wire paths. None changes the configuration it is given:
saving returns the configuration as saved, its plain secrets replaced by
keyring references. Rename, duplicate and delete are the store's own
(:meth:`ConfigStore.rename`, :meth:`~ConfigStore.duplicate`, :meth:`~ConfigStore.delete`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, ENDPOINTS, endpoint, placed
from realtime_gui.core.catalog.endpoints import DEFAULT_ENDPOINT
from realtime_gui.core.catalog.field_type import EncodeContext, FieldType
from realtime_gui.core.catalog.json_text import parse_json_text
from realtime_gui.core.catalog.nodes import Endpoint, Field, Group
from realtime_gui.core.library.atomic import atomic_write_text
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.preferences import Preferences, load_preferences
from realtime_gui.core.library.secrets import (
    missing_secrets,
    move_plain_secrets,
    stash_secrets,
    without_plain_secrets,
)
from realtime_gui.core.library.store import ConfigLoadError, ConfigStore
from realtime_gui.core.records import record
from realtime_gui.core.service.errors import ConfigurationInvalidError
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.convert import Conversion, convert
from realtime_gui.core.wire.data_check import check_configuration_data, unusable_data

__all__ = [
    "ConfigurationValuesError", "FieldPathError", "FieldSpot", "conversion_name", "conversion_target",
    "convert_configuration", "create_configuration", "export_body", "export_document", "export_text", "field_at",
    "load_configuration", "new_configuration", "save_configuration", "set_fields", "unique_name", "unset_fields",
    "value_from_text", "write_export",
]


class ConfigurationValuesError(ConfigurationInvalidError, ValueError):
    """Values a configuration's fields don't allow, found before saving; nothing was saved."""


def load_configuration(store: ConfigStore, name: str, keys: ApiKeys | None = None,
                       tell: Callable[[str], None] | None = None, *, checked: bool = True) -> Configuration:
    """A saved configuration, checked field by field.

    A file whose content can't be read is moved aside (never deleted) and
    the ``ConfigLoadError`` raised says why and where. A file with values no
    field can hold (:func:`~realtime_gui.core.wire.data_check.unusable_data`:
    the wrong kind, a connection that must not be used, ``NaN``) is left as it
    is, and the ``ConfigLoadError`` names the file and each field;
    ``checked=False`` loads it anyway, to correct it.

    With ``keys``, secret values the file holds itself are moved into the
    keyring and the file rewritten with references; when the keyring can't
    take them the file is left as it is and ``tell`` hears why.
    """
    name, data = store.load_named(name)
    try:
        config = Configuration.from_data(name, data)
    except ValueError as error:
        raise store.move_aside(name, str(error)) from error
    problems = unusable_data(data) if checked else []
    if problems:
        path = store.path_of(name)
        listed = "".join(f"\n  - {p.message}" for p in problems)
        raise ConfigLoadError(f"Configuration {name!r} ({path}) holds values its fields don't allow:{listed}\n"
                              f"Correct them in the file, or with `realtime-gui configs set {name} PATH=VALUE` "
                              "or `configs unset`; the file was left as it is.", path=path)
    if keys is not None:
        config, note = move_plain_secrets(config, keys, lambda moved: store.save(moved.name, moved.to_data()))
        if note and tell:
            tell(note)
    return config


def save_configuration(store: ConfigStore, keys: ApiKeys, config: Configuration) -> Configuration:
    """Save ``config``, its secrets moved into the keyring first; returns it as saved.
    Raises :class:`ConfigurationValuesError`, saving nothing, for a value a
    loaded file may not hold (an out-of-range value, a tool not yet complete, may be saved)."""
    _refuse_unusable(config)
    saved = stash_secrets(config, keys)
    store.save(saved.name, saved.to_data())
    return saved


def create_configuration(store: ConfigStore, keys: ApiKeys, config: Configuration) -> Configuration:
    """Save ``config`` under a name no other configuration has (its secrets to
    the keyring first); returns it as saved, under the store's tidy name.
    Raises :class:`ConfigurationValuesError`, saving nothing, as :func:`save_configuration` does."""
    _refuse_unusable(config)
    saved = stash_secrets(config, keys)
    saved.name = store.create(saved.name, saved.to_data())
    return saved


def new_configuration(store: ConfigStore, name: str, endpoint_id: str = DEFAULT_ENDPOINT,
                      settings: Mapping[str, Any] | None = None,
                      preferences: Preferences | None = None) -> Configuration:
    """A fresh configuration for ``endpoint_id``, saved as ``name``, starting from
    the preferences' defaults (service, base URL, time limit, GA lifetime); ``settings``
    (wire paths or connection keys to values) are set then, checked as :func:`set_fields` checks."""
    prefs = preferences or load_preferences()
    config = Configuration.new(name, endpoint_id)
    config.connection.update(prefs.new_connection())
    config.values.update(prefs.new_values(endpoint(endpoint_id).shape))
    if settings:
        config = set_fields(config, settings)
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
    """``"NAME (GA)"``: what a converted copy is called by default (for any GA endpoint)."""
    label = "GA" if endpoint(target_id).shape == "ga" else target_id
    return f"{name} ({label})"


def convert_configuration(store: ConfigStore, keys: ApiKeys, config: Configuration, target_id: str,
                          name: str, *, replace_original: bool = False, use_counterparts: bool = False) -> Conversion:
    """Convert ``config`` for ``target_id`` and save it as ``name``: a new
    configuration, or over the original when ``replace_original`` (whose file
    is first copied to ``trash/``); beta values become their GA counterparts
    when ``use_counterparts`` (the conversion offers them otherwise)."""
    conversion = convert(config, target_id, name, use_counterparts=use_counterparts)
    if replace_original:
        store.keep_in_trash(config.name)
        saved = save_configuration(store, keys, conversion.configuration)
    else:
        saved = create_configuration(store, keys, conversion.configuration)
    return replace(conversion, configuration=saved)


# --- setting fields by path --------------------------------------------------

class FieldPathError(ValueError):
    """A path that names no field of the configuration's endpoint, nor a connection setting."""


@record
class FieldSpot:
    """Where a path leads: the field id (``connection.KEY`` for a connection
    setting), its label and type, and the path as the user wrote it."""

    field_id: str
    path: str
    label: str
    type: FieldType

    @property
    def connection_key(self) -> str | None:
        """The connection setting's key, or ``None`` for a session field."""
        prefix, _, key = self.field_id.partition(".")
        return key if prefix == "connection" and key in _CONNECTION else None


_CONNECTION = {spec.key: spec for spec in CONNECTION_FIELDS}


def field_at(endpoint_id: str, path: str) -> FieldSpot:
    """The field at a wire path of ``endpoint_id`` (as ``realtime-gui fields``
    lists them) or the connection setting ``KEY`` / ``connection.KEY``;
    raises :class:`FieldPathError` saying where to look."""
    key = path.removeprefix("connection.")
    if key in _CONNECTION:
        spec = _CONNECTION[key]
        return FieldSpot(f"connection.{key}", path, spec.label, spec.type)
    for spot in placed(endpoint_id):
        if spot.path == path and isinstance(spot.node, (Field, Group)):
            return FieldSpot(spot.node.id, path, spot.node.label, spot.node.type)
    label = endpoint(endpoint_id).label
    inside = next((s.path for s in placed(endpoint_id) if path.startswith(s.path + "[")), None)
    if inside:
        raise FieldPathError(f"{path} is an item of the list {inside}; set the whole list as JSON, "
                             f"as in {inside}='[...]' (see `realtime-gui fields --endpoint {endpoint_id}`)")
    elsewhere = [e for e in ENDPOINTS if e != endpoint_id and any(s.path == path for s in placed(e))]
    hint = f" (it is one on {', '.join(elsewhere)})" if elsewhere else ""
    raise FieldPathError(f"{path} is not a field of {label}{hint}; `realtime-gui fields --endpoint {endpoint_id}` "
                         f"lists its paths, and the connection settings are {', '.join(_CONNECTION)}")


def value_from_text(spot: FieldSpot, text: str) -> Any:
    """A value typed on the command line, read as the field's type reads it:
    ``null`` is off; text the type accepts as it stands stays text (a model,
    a voice, an option); anything else is read as JSON (a number, true or
    false, a list, an object). Raises ``ValueError`` for malformed JSON."""
    from_text = getattr(spot.type, "from_text", None)  # a type with a reading of its own (a custom voice id)
    if text == "null":
        return None
    if spot.type.check(text) is None:
        return from_text(text) if callable(from_text) else text
    try:
        return parse_json_text(text)
    except ValueError as error:
        if text.lstrip()[:1] in ("{", "[", '"'):
            raise ValueError(f"{spot.label} ({spot.path}) {error}") from None
        return text  # not JSON: the field's check says what it wants


def set_fields(config: Configuration, changes: Mapping[str, Any]) -> Configuration:
    """A copy of ``config`` with each path in ``changes`` set to its value.

    Checked as validation checks (:func:`check_configuration_data`): a change
    that brings a new problem raises :class:`ConfigurationValuesError` naming
    the field and what it allows; a problem the configuration already had
    stops it only if the file could not be saved with it. Raises
    :class:`FieldPathError` for a path no field has.
    """
    updated = config.copy()
    for path, value in changes.items():
        spot = field_at(config.endpoint, path)
        if spot.connection_key is not None:
            updated.connection[spot.connection_key] = value
        else:
            updated.values[spot.field_id] = value
    _refuse_new_problems(config, updated)
    return updated


def unset_fields(config: Configuration, paths: Iterable[str]) -> Configuration:
    """A copy of ``config`` with each path not set (its default applies); an
    object's own fields go with it. Raises :class:`FieldPathError` for a path no field has."""
    updated = config.copy()
    for path in paths:
        spot = field_at(config.endpoint, path)
        if spot.connection_key is not None:
            updated.connection.pop(spot.connection_key, None)
            continue
        inside = spot.field_id + "."
        for field_id in [f for f in updated.values if f == spot.field_id or f.startswith(inside)]:
            del updated.values[field_id]
    _refuse_new_problems(config, updated)
    return updated


def _refuse_new_problems(before: Configuration, after: Configuration) -> None:
    known = {p.message for p in check_configuration_data(before.to_data())}
    new = [p for p in check_configuration_data(after.to_data()) if p.message not in known]
    if new:
        raise ConfigurationValuesError(new)
    _refuse_unusable(after)


def _refuse_unusable(config: Configuration) -> None:
    problems = unusable_data(config.to_data())
    if problems:
        raise ConfigurationValuesError(problems)
