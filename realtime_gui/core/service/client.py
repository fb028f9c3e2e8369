"""How a mint reaches the network: the transport, the time limits and the cancel switch, bundled.

A :class:`MintClient` is to :func:`realtime_gui.core.service.mint.mint` what an
``httpx.Client`` is to a request: the window builds one with its injected
transport and timeouts and keeps it; each mint that may be cancelled takes a
copy bound to its own cancel event (:meth:`MintClient.cancellable`). The
``deadline`` bounds the whole exchange (connect and every read together): a
server that trickles its answer a byte at a time never times out a single read.
A :class:`CancelSwitch` as the cancel event also ends a request in flight: the
mint cuts its connection the moment the switch is set, so the thread waiting
on it is free at once instead of at the read timeout.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from realtime_gui.core.records import record, replace

if TYPE_CHECKING:
    import httpx

__all__ = ["CancelSwitch", "MintClient"]


class CancelSwitch(threading.Event):
    """A cancel event that also tells whoever is waiting on the network.

    :meth:`when_set` registers a callable run once, on the thread that sets the
    switch (at once if it is already set); it returns a function that
    unregisters it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._hooks: list[Callable[[], None]] = []
        self._hooks_lock = threading.Lock()

    def when_set(self, hook: Callable[[], None]) -> Callable[[], None]:
        with self._hooks_lock:
            if not self.is_set():
                self._hooks.append(hook)
                return lambda: self._forget(hook)
        hook()
        return lambda: None

    def set(self) -> None:
        with self._hooks_lock:
            super().set()
            hooks, self._hooks = self._hooks, []
        for hook in hooks:
            hook()

    def _forget(self, hook: Callable[[], None]) -> None:
        with self._hooks_lock:
            if hook in self._hooks:
                self._hooks.remove(hook)


@record
class MintClient:
    """The transport (``None``: the real network), the timeouts in seconds
    (``inf``: none), the total deadline in seconds (``None``: none), and the
    event that cancels a mint (see :class:`CancelSwitch`)."""

    transport: httpx.BaseTransport | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    cancel: threading.Event | None = None
    deadline: float | None = None

    def cancellable(self, cancel: threading.Event) -> MintClient:
        """This client, cancelled by ``cancel``."""
        return replace(self, cancel=cancel)

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def timeout(self) -> httpx.Timeout:
        """The time limits as httpx takes them, none longer than the deadline;
        the read limit bounds writes and the pool too."""
        import httpx  # the window builds a client before its first paint, httpx after it

        cap = self.deadline if self.deadline is not None else float("inf")
        read, connect = min(self.read_timeout, cap), min(self.connect_timeout, cap)
        # httpx spells "no limit" None; an infinite read limit means the deadline alone bounds reads.
        return httpx.Timeout(None if read == float("inf") else read,
                             connect=None if connect == float("inf") else connect)

    def open(self) -> httpx.Client:
        """An ``httpx.Client`` on this transport, never following redirects."""
        import httpx

        return httpx.Client(transport=self.transport, timeout=self.timeout(), follow_redirects=False)
