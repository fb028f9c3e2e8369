"""Which key a key name resolves to, and how the window says so.

Asking is slow and may block: the keyring sits behind D-Bus, and a locked
collection can hold the answer behind an unlock prompt. So :func:`look_up`
is a plain blocking function for a worker thread, and :func:`describe`
says what is known so far, "looking it up" included.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from realtime_gui.core.library.keys import DEFAULT_KEY, ENV_VAR, KeyNameError
from realtime_gui.core.records import record
from realtime_gui.core.service.errors import KeyringUnavailableError, NoApiKeyError
from realtime_gui.core.service.request import Credentials

if TYPE_CHECKING:
    from realtime_gui.core.library.keys import ApiKeys

__all__ = ["KeyAnswer", "describe", "look_up"]


@record
class KeyAnswer:
    """What asking for one key name found: its credentials, or why there are none."""

    credentials: Credentials | None
    keyring_down: bool = False


def look_up(keys: ApiKeys, name: str, env: Mapping[str, str]) -> KeyAnswer:
    """Ask ``keys`` for ``name``; blocks on the keyring, so never call it on the UI thread."""
    try:
        return KeyAnswer(keys.resolve(name, env))
    except KeyringUnavailableError:
        return KeyAnswer(None, keyring_down=True)
    except (NoApiKeyError, KeyNameError):
        return KeyAnswer(None)


def describe(name: str, answer: KeyAnswer | None) -> str:
    """``Key “work”: keyring (work)``, what to do when there is none, or that
    the answer is still coming (``answer`` is None)."""
    if answer is None:
        return f"Key “{name}”: looking it up…"
    if answer.credentials is not None:
        return f"Key “{name}”: {answer.credentials.source}"
    fallback = f" or set {ENV_VAR}" if name == DEFAULT_KEY else ""
    if answer.keyring_down:
        return f"No key “{name}”: the keyring can't be reached; keep one for this run with Keys…{fallback}"
    return f"No key “{name}” yet: add it with Keys…{fallback}"
