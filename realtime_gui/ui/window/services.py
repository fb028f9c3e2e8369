"""What the window uses from the outside world, bundled so tests can replace any of it."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from realtime_gui.core.service.client import MintClient

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from realtime_gui.core.library.keys import ApiKeys
    from realtime_gui.core.library.preferences import Preferences
    from realtime_gui.core.library.store import ConfigStore
    from realtime_gui.ui.window.worker import Pool

__all__ = ["Services"]


class Services:
    """The store, the settings, the keys, the clock, the mint client and the pool.

    Give either ``keys`` or ``make_keys``: the launcher gives a function, so
    the OS keyring is reached only when first used, after the first paint.
    """

    def __init__(self, *, store: ConfigStore, settings: QSettings, keys: ApiKeys | None = None,
                 make_keys: Callable[[], ApiKeys] | None = None, clock: Callable[[], float] = time.time,
                 client: MintClient | None = None, pool: Pool | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        if keys is None and make_keys is None:
            raise TypeError("Services needs keys or make_keys")
        self.store = store
        self.settings = settings
        self._keys = keys
        self._make_keys = make_keys
        self.clock = clock  # epoch seconds, drives the countdown
        # Transport (None: the real network) and timeouts. Each mint adds its configuration's time
        # limit as the deadline, which caps every read too: no read limit of its own.
        self.client = client or MintClient(read_timeout=float("inf"))
        self.pool = pool  # None: the global QThreadPool
        self.env: Mapping[str, str] = os.environ if env is None else env
        self._preferences: Preferences | None = None

    @property
    def preferences(self) -> Preferences:
        """The settings file of the app folder, read when first needed (after the first paint)."""
        if self._preferences is None:
            from realtime_gui.core.library.preferences import load_preferences

            self._preferences = load_preferences()
        return self._preferences

    @property
    def keys(self) -> ApiKeys:
        if self._keys is None:
            assert self._make_keys is not None
            self._keys = self._make_keys()
        return self._keys
