"""The secret values a configuration holds, and moving them into the keyring.

A secret field, a secret inside a tool item, or each value of a secret map
inside a tool item (an MCP server's ``headers``) holds either the plain value
the user typed or ``{"secret_ref": REF}``, a reference to the keyring. Saved
and exported configurations hold references only; a file that still holds a
plain value (written by hand, or by a version that kept headers in the file)
has it moved into the keyring when loaded (:func:`move_plain_secrets`).

A request body exported without its secrets holds :data:`SECRET_PLACEHOLDER`
instead. Imported, the placeholder stays as it is -- never stashed as if it
were a token -- and the mint refuses it (:func:`missing_secrets`), so it is
never sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from realtime_gui.core.catalog.declaration import nodes, placed
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.catalog.types import Secret, SecretMap
from realtime_gui.core.library.keys import ApiKeys, new_secret_ref
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import Problem

__all__ = [
    "SECRET_PLACEHOLDER", "SecretSlot", "holds_plain_secrets", "missing_secrets", "move_plain_secrets",
    "placeholder_secrets", "plain_secrets", "secret_slots", "stash_secrets", "without_plain_secrets",
]

SECRET_PLACEHOLDER = "<kept in the keyring>"
"""What :class:`~realtime_gui.core.catalog.types.Secret` writes in a body exported without secrets."""


class SecretSlot(NamedTuple):
    """Where one secret value sits: ``container[key]``, for field ``node``
    (``spec`` is the secret field itself, inside a tool item when ``item`` is set)."""

    node: Field
    spec: Field
    container: dict[str, Any]
    key: str
    item: dict[str, Any] | None = None


def secret_slots(config: Configuration) -> Iterator[SecretSlot]:
    """Every secret value a configuration holds: a secret field itself, one
    inside a tool item, or each value of a secret map (headers) inside one."""
    for node in nodes():
        if not isinstance(node, Field) or node.id not in config.values:
            continue
        if node.secret:
            yield SecretSlot(node, node, config.values, node.id)
        if isinstance(node.type, ToolList) and isinstance(config.values[node.id], list):
            for item in config.values[node.id]:
                kind = node.type.kind_of(item)
                for spec in kind.fields if kind else ():
                    if not spec.secret or spec.key not in item:
                        continue
                    if not isinstance(spec.type, SecretMap):
                        yield SecretSlot(node, spec, item, spec.key, item)
                    elif isinstance(item[spec.key], dict):
                        for name in list(item[spec.key]):
                            yield SecretSlot(node, spec, item[spec.key], name, item)


def missing_secrets(config: Configuration, keys: ApiKeys) -> list[Problem]:
    """Secrets the configuration points to that the keyring no longer holds,
    and placeholders that stand where a secret should be."""
    paths = {spot.node.id: spot.path for spot in placed(config.endpoint)}
    problems = []
    for node, spec, container, key, item in secret_slots(config):
        value = container[key]
        if node.id not in paths:
            continue
        plain = keys.load_secret(value["secret_ref"]) if Secret.is_ref(value) else value
        if plain == SECRET_PLACEHOLDER:
            owner = _owner(node, item)
            problems.append(Problem(node.id, paths[node.id], node.label, (
                f"holds a placeholder, not the real {spec.label} of {owner}: it came from a body exported "
                f"without its secrets. Enter the token for {owner} in the window's tool editor, or import "
                "a body exported with `realtime-gui configs export NAME --body --with-secrets`")))
        elif plain is None:
            problems.append(Problem(node.id, paths[node.id], node.label, f"holds a secret ({spec.label}) that is no "
                                    "longer in the keyring; enter it again"))
    return problems


def placeholder_secrets(config: Configuration) -> list[str]:
    """Where ``config`` holds a placeholder instead of a secret, in words
    (``tools[0].authorization (MCP tool 'docs')``); for warning on import."""
    paths = {spot.node.id: spot.path for spot in placed(config.endpoint)}
    found = []
    for node, spec, container, key, item in secret_slots(config):
        if container[key] == SECRET_PLACEHOLDER:
            where = paths.get(node.id, node.id)
            if item is not None:
                index = next(i for i, tool in enumerate(config.values[node.id]) if tool is item)
                inner = f"{spec.key}.{key}" if container is not item else key
                where = f"{where}[{index}].{inner} ({_owner(node, item)})"
            found.append(where)
    return found


def _owner(node: Field, item: dict[str, Any] | None) -> str:
    """``MCP tool 'docs'`` for a secret inside a tool item, else the field's label."""
    if isinstance(node.type, ToolList) and item is not None:
        kind = node.type.kind_of(item)
        if kind is None:
            return "a tool"
        name = kind.name_of(item)
        return f"{kind.noun} {name!r}" if name else f"a {kind.noun}"
    return node.label


def plain_secrets(config: Configuration, keys: ApiKeys) -> list[str]:
    """Every secret value ``config`` sends, references looked up: the strings to mask."""
    found = []
    for slot in secret_slots(config):
        value = slot.container[slot.key]
        plain = keys.load_secret(value["secret_ref"]) if Secret.is_ref(value) else value
        if isinstance(plain, str) and plain:
            found.append(plain)
    return found


def stash_secrets(config: Configuration, keys: ApiKeys) -> Configuration:
    """A copy of ``config`` whose plain secrets are in the keyring, references in their place.

    ``config`` itself is left as it was. Call it before a configuration is saved.
    """
    stashed = config.copy()
    for slot in secret_slots(stashed):
        value = slot.container[slot.key]
        if _is_plain(value):
            ref = new_secret_ref()
            keys.store_secret(ref, value)
            slot.container[slot.key] = {"secret_ref": ref}
    return stashed


def _is_plain(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and value != SECRET_PLACEHOLDER


def holds_plain_secrets(config: Configuration) -> bool:
    """Whether ``config`` holds a secret value itself rather than a keyring reference."""
    return any(_is_plain(slot.container[slot.key]) for slot in secret_slots(config))


def move_plain_secrets(config: Configuration, keys: ApiKeys,
                       save: Callable[[Configuration], None]) -> tuple[Configuration, str | None]:
    """Move the plain secrets of a just loaded ``config`` into the keyring and
    ``save`` it with references in their place.

    Returns the configuration to use and, when the keyring can't take them, a
    note saying so: then ``config`` is returned as it was and nothing is saved,
    so nothing is lost. Secrets already stored before a failure stay in the keyring unused.
    """
    if not holds_plain_secrets(config):
        return config, None
    try:
        stashed = stash_secrets(config, keys)
    except (KeyringUnavailableError, ValueError) as error:
        why = error.message if isinstance(error, KeyringUnavailableError) else str(error)
        return config, (f"Configuration {config.name!r} keeps secret values (such as MCP headers) in its file; "
                        f"they could not be moved to the keyring, so the file was left as it is. {why}")
    save(stashed)
    return stashed, None


def without_plain_secrets(config: Configuration) -> Configuration:
    """A copy of ``config`` with every plain (not yet saved) secret left out."""
    kept = config.copy()
    for slot in list(secret_slots(kept)):
        if not Secret.is_ref(slot.container[slot.key]):
            del slot.container[slot.key]
    return kept
