"""The secret values a configuration holds, and moving them into the keyring.

A secret field, or a secret inside a tool item, holds either the plain value
the user typed or ``{"secret_ref": REF}``, a reference to the keyring. Saved
and exported configurations hold references only.
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

__all__ = ["missing_secrets", "plain_secrets", "secret_slots", "stash_secrets", "without_plain_secrets"]


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
    """Secrets the configuration points to that the keyring no longer holds."""
    paths = {spot.node.id: spot.path for spot in placed(config.endpoint)}
    problems = []
    for node, spec, container, key in secret_slots(config):
        value = container[key]
        if node.id in paths and Secret.is_ref(value) and keys.load_secret(value["secret_ref"]) is None:
            problems.append(Problem(node.id, paths[node.id], node.label, f"holds a secret ({spec.label}) that is no "
                                    "longer in the keyring; enter it again"))
    return problems


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
        if isinstance(value, str) and value:
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
