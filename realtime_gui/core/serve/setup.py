"""What must hold before a configuration is served: it validates, the user
confirmed where it sends the key, its secrets and its key are there.

Checked once when serving starts, so a broken configuration is one clear
error at the start, not a failed mint on every request a page makes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from realtime_gui.core.catalog.connection import KEY_NAME
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secrets import missing_secrets
from realtime_gui.core.library.trust import connection_trust
from realtime_gui.core.service.errors import ConfigurationInvalidError
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import validate

__all__ = ["check_servable"]


def check_servable(config: Configuration, keys: ApiKeys, env: Mapping[str, str] = os.environ) -> None:
    """Raise what a mint with ``config`` would raise before sending anything:
    ``ConfigurationInvalidError``, ``UntrustedConnectionError``, ``NoApiKeyError``
    or ``KeyringUnavailableError``."""
    problems = validate(config)
    if problems:
        raise ConfigurationInvalidError(problems)
    untrusted = connection_trust(config)
    if untrusted is not None:
        raise untrusted.error()
    problems = missing_secrets(config, keys)
    if problems:
        raise ConfigurationInvalidError(problems)
    keys.resolve(config.setting(KEY_NAME.key) or None, env)
