"""What the window uses from the outside world, bundled so tests can replace any of it."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:
    import httpx
    from PySide6.QtCore import QSettings

    from realtime_gui.core.library.keys import ApiKeys
    from realtime_gui.core.library.store import ConfigStore
    from realtime_gui.ui.window.worker import Pool

__all__ = ["Services"]


class Services:
    """The store, the settings, the keys, the clock, the network and the pool.

    Give either ``keys`` or ``make_keys``: the launcher gives a function, so
    the OS keyring is reached only when first used, after the first paint.
    """

    def __init__(self, *, store: ConfigStore, settings: QSettings, keys: ApiKeys | None = None,
                 make_keys: Callable[[], ApiKeys] | None = None, clock: Callable[[], float] = time.time,
                 transport: httpx.BaseTransport | None = None, pool: Pool | None = None,
                 env: Mapping[str, str] | None = None, connect_timeout: float = 10.0,
                 read_timeout: float = 30.0) -> None:
        if keys is None and make_keys is None:
            raise TypeError("Services needs keys or make_keys")
        self.store = store
        self.settings = settings
        self._keys = keys
        self._make_keys = make_keys
        self.clock = clock  # epoch seconds, drives the countdown
        self.transport = transport  # None: real network
        self.pool = pool  # None: the global QThreadPool
        self.env: Mapping[str, str] = os.environ if env is None else env
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout

    @property
    def keys(self) -> ApiKeys:
        if self._keys is None:
            assert self._make_keys is not None
            self._keys = self._make_keys()
        return self._keys
