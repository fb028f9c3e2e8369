"""What the open configuration says about its key: where the key comes from,
which service it goes to, and the request the preview shows with it."""

from __future__ import annotations

from collections.abc import Mapping

from realtime_gui.core.catalog.connection import KEY_NAME
from realtime_gui.core.library.keys import DEFAULT_KEY, ApiKeys
from realtime_gui.core.service.providers import service_summary
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.connection import ConnectionSection
from realtime_gui.ui.form.key_lookup import KeyLookup
from realtime_gui.ui.window.preview import PreviewContent, preview_content

__all__ = ["KeySource"]


class KeySource:
    """Keeps the connection section's key source and summary up to date, and
    prepares the preview's request, with keys looked up once each."""

    def __init__(self, keys: ApiKeys, env: Mapping[str, str], connection: ConnectionSection) -> None:
        self._keys, self._env, self._connection = keys, env, connection
        self._lookup = KeyLookup(keys, env)

    def show(self, config: Configuration) -> None:
        """Say in the connection section where ``config``'s key comes from."""
        source = self._lookup.describe(self._key_name(config))
        self._connection.set_key_source(source)
        self._connection.set_summary(f"{service_summary(config, self._env)} · {source}")

    def preview(self, config: Configuration) -> PreviewContent:
        name = self._key_name(config)
        return preview_content(config, name, self._lookup.credentials(name), env=self._env,
                               lookup=self._keys.load_secret)

    def forget(self) -> None:
        """The keys changed: look them up again."""
        self._lookup.forget()

    @staticmethod
    def _key_name(config: Configuration) -> str:
        return str(config.setting(KEY_NAME.key) or DEFAULT_KEY)
