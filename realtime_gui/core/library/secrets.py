"""The secret values a configuration holds, and moving them into the keyring.

A secret field, or a secret inside a tool item, holds either the plain value
the user typed or ``{"secret_ref": REF}``, a reference to the keyring. Saved
and exported configurations hold references only.

A request body exported without its secrets holds :data:`SECRET_PLACEHOLDER`
instead. Imported, the placeholder stays as it is -- never stashed as if it
were a token -- and the mint refuses it (:func:`missing_secrets`), so it is
never sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from realtime_gui.core.catalog.declaration import nodes, placed
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.catalog.types import Secret
from realtime_gui.core.library.keys import ApiKeys, new_secret_ref
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import Problem

__all__ = [
    "SECRET_PLACEHOLDER", "missing_secrets", "placeholder_secrets", "plain_secrets", "secret_slots",
    "stash_secrets", "without_plain_secrets",
]

SECRET_PLACEHOLDER = "<kept in the keyring>"
"""What :class:`~realtime_gui.core.catalog.types.Secret` writes in a body exported without secrets."""


def secret_slots(config: Configuration) -> Iterator[tuple[Field, Field, dict[str, Any], str]]:
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


def missing_secrets(config: Configuration, keys: ApiKeys) -> list[Problem]:
    """Secrets the configuration points to that the keyring no longer holds,
    and placeholders that stand where a secret should be."""
    paths = {spot.node.id: spot.path for spot in placed(config.endpoint)}
    problems = []
    for node, spec, container, key in secret_slots(config):
        value = container[key]
        if node.id not in paths:
            continue
        plain = keys.load_secret(value["secret_ref"]) if Secret.is_ref(value) else value
        if plain == SECRET_PLACEHOLDER:
            owner = _owner(node, container)
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
    for node, _spec, container, key in secret_slots(config):
        if container[key] == SECRET_PLACEHOLDER:
            where = paths.get(node.id, node.id)
            if container is not config.values:
                where = f"{where}[{config.values[node.id].index(container)}].{key} ({_owner(node, container)})"
            found.append(where)
    return found


def _owner(node: Field, container: dict[str, Any]) -> str:
    """``MCP tool 'docs'`` for a secret inside a tool item, else the field's label."""
    if isinstance(node.type, ToolList):
        kind = node.type.kind_of(container)
        if kind is None:
            return "a tool"
        name = kind.name_of(container)
        return f"{kind.noun} {name!r}" if name else f"a {kind.noun}"
    return node.label


def plain_secrets(config: Configuration, keys: ApiKeys) -> list[str]:
    """Every secret value ``config`` sends, references looked up: the strings to mask."""
    found = []
    for _, _, container, key in secret_slots(config):
        value = container[key]
        plain = keys.load_secret(value["secret_ref"]) if Secret.is_ref(value) else value
        if isinstance(plain, str) and plain:
            found.append(plain)
    return found


def stash_secrets(config: Configuration, keys: ApiKeys) -> Configuration:
    """A copy of ``config`` whose plain secrets are in the keyring, references in their place.

    ``config`` itself is left as it was. Call it before a configuration is saved.
    """
    stashed = config.copy()
    for _, _, container, key in secret_slots(stashed):
        value = container[key]
        if isinstance(value, str) and value and value != SECRET_PLACEHOLDER:
            ref = new_secret_ref()
            keys.store_secret(ref, value)
            container[key] = {"secret_ref": ref}
    return stashed


def without_plain_secrets(config: Configuration) -> Configuration:
    """A copy of ``config`` with every plain (not yet saved) secret left out."""
    kept = config.copy()
    for _, _, container, key in list(secret_slots(kept)):
        if not Secret.is_ref(container[key]):
            del container[key]
    return kept
