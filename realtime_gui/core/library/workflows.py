"""The whole mint of a saved configuration, as one plain function.

``mint_configuration`` validates, resolves the key, prepares the request,
sends it and maps a rejected parameter back to its declared field.  The
window runs it on a pool; the command line calls it directly.
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from realtime_gui.core.redact import redact
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.catalog.declaration import field_for_path, nodes, placed
from realtime_gui.core.service.errors import ConfigurationInvalidError, InvalidRequestError, MintError
from realtime_gui.core.catalog.nodes import Field, Placed
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.catalog.types import Secret
from realtime_gui.core.wire.validate import Problem, validate

if TYPE_CHECKING:
    import httpx

    from realtime_gui.core.library.keys import ApiKeys
    from realtime_gui.core.service.mint import MintResult
    from realtime_gui.core.library.store import ConfigStore

__all__ = [
    "load_configuration", "map_param", "mint_configuration", "save_configuration", "stash_secrets",
]


def map_param(endpoint_id: str, param: str | None) -> Placed | None:
    """The declared field a service ``param`` refers to, as placed on the endpoint."""
    if not param:
        return None
    for candidate in (param, f"session.{param}"):
        spot = field_for_path(endpoint_id, candidate)
        if spot is not None:
            return spot
    return None


def mint_configuration(
    config: Configuration,
    keys: ApiKeys,
    *,
    transport: httpx.BaseTransport | None = None,
    connect_timeout: float = 10.0,
    read_timeout: float = 30.0,
    env: Mapping[str, str] = os.environ,
    cancel: threading.Event | None = None,
) -> MintResult:
    """Mint a client secret with ``config``; raises a ``MintError`` subclass."""
    from realtime_gui.core.service.mint import mint  # deferred: loads httpx, which the window wants after its first paint
    from realtime_gui.core.service.providers import prepare_request, service_summary

    problems = validate(config)
    if problems:
        raise ConfigurationInvalidError(problems)
    missing = _missing_secrets(config, keys)
    if missing:
        raise ConfigurationInvalidError(missing)
    credentials = keys.resolve(config.setting("key_name") or None, env)
    request = prepare_request(config, credentials, env=env, lookup=keys.load_secret)
    secrets = [credentials.api_key, *_plain_secrets(config, keys)]
    try:
        result = mint(request, transport=transport, connect_timeout=connect_timeout,
                      read_timeout=read_timeout, secrets=secrets, cancel=cancel)
    except MintError as error:
        error.sent_to = service_summary(config, env)
        error.details["service"] = error.sent_to
        if isinstance(error, InvalidRequestError):
            spot = map_param(config.endpoint, error.param)
            if spot is not None:
                error.field_path, error.field_label = spot.path, spot.node.label
        raise
    # A service may echo the session back with an MCP token in it; whatever
    # shows or prints the answer must not carry it.
    return replace(result, response=redact(result.response, secrets),
                   session=redact(result.session, secrets))


def _secret_slots(config: Configuration) -> Iterator[tuple[Field, Field, dict[str, Any], str]]:
    """``(field, secret field, container, key)`` for every secret value a
    configuration holds: a secret field itself, or one inside a tool item."""
    for node in nodes():
        if not isinstance(node, Field) or node.id not in config.values:
            continue
        if node.secret:
            yield node, node, config.values, node.id
        if isinstance(node.type, ToolList):
            for item in config.values[node.id] or []:
                kind = node.type.kind_of(item)
                for spec in kind.fields if kind else ():
                    if spec.secret and spec.key in item:
                        yield node, spec, item, spec.key


def _missing_secrets(config: Configuration, keys: ApiKeys) -> list[Problem]:
    """Secrets the configuration points to that the keyring no longer holds."""
    paths = {spot.node.id: spot.path for spot in placed(config.endpoint)}
    problems = []
    for node, spec, container, key in _secret_slots(config):
        value = container[key]
        if node.id in paths and Secret.is_ref(value) and keys.load_secret(value["secret_ref"]) is None:
            problems.append(Problem(node.id, paths[node.id], node.label, f"holds a secret ({spec.label}) that is no "
                                    "longer in the keyring; enter it again"))
    return problems


def stash_secrets(config: Configuration, keys: ApiKeys) -> None:
    """Move every plain secret into the keyring, leaving a reference behind.

    Call it before a configuration is written anywhere.
    """
    from realtime_gui.core.library.keys import new_secret_ref

    for _, _, container, key in _secret_slots(config):
        value = container[key]
        if isinstance(value, str) and value:
            ref = new_secret_ref()
            keys.store_secret(ref, value)
            container[key] = {"secret_ref": ref}


def _plain_secrets(config: Configuration, keys: ApiKeys) -> list[str]:
    found = []
    for _, _, container, key in _secret_slots(config):
        value = container[key]
        plain = keys.load_secret(value["secret_ref"]) if Secret.is_ref(value) else value
        if isinstance(plain, str) and plain:
            found.append(plain)
    return found


def load_configuration(store: ConfigStore, name: str) -> Configuration:
    """A saved configuration. A file whose content can't be read is moved
    aside (never deleted) and the ``ConfigLoadError`` raised says why and where."""
    data = store.load(name)
    try:
        return Configuration.from_data(name, data)
    except ValueError as error:
        raise store.move_aside(name, str(error)) from error


def save_configuration(store: ConfigStore, keys: ApiKeys, config: Configuration) -> None:
    """Save ``config``, its secrets moved into the keyring first."""
    stash_secrets(config, keys)
    store.save(config.name, config.to_data())
