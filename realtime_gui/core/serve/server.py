"""The token server: a uvicorn server on loopback, on a thread of its own, started and stopped from any thread.

::

    server = TokenServer(source, keys, ServeSettings(port=0), on_log=print_line)
    server.start()        # binds 127.0.0.1 (PortInUseError), returns once serving
    server.url            # "http://127.0.0.1:PORT/"
    server.stop()         # open requests answered, connections closed, thread joined

The command line blocks on :meth:`TokenServer.wait` and stops on a signal;
the window starts and stops it from its own thread, and receives each
request's :class:`~realtime_gui.core.serve.log.RequestRecord` through
``on_log`` (called on the server's thread). uvicorn and Starlette are
imported by this module alone, so nothing loads them until serving starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import threading
from collections.abc import Callable, Mapping
from types import TracebackType

import uvicorn

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.minting import mint_configuration
from realtime_gui.core.records import record
from realtime_gui.core.serve.app import TokenApp, build_app
from realtime_gui.core.serve.errors import PortInUseError
from realtime_gui.core.serve.log import RequestRecord
from realtime_gui.core.serve.page import calls_url
from realtime_gui.core.serve.rules import DEFAULT_RATE, LOOPBACK, Rate, RateLimit, allowed_origins
from realtime_gui.core.service.answer import MintResult
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["ServeSettings", "TokenServer"]

_BACKLOG = 64
_GRACE_SECONDS = 5  # a backstop: open mints are answered at once on stop, so this is rarely reached


@record
class ServeSettings:
    """How to serve: the port (0: any free one), the trusted origins (as
    :func:`~realtime_gui.core.serve.rules.parse_origin` returns them), the rate
    limit, and the calls URL the test page posts its offer to (``None``: the
    configuration's own)."""

    port: int = 0
    origins: tuple[str, ...] = ()
    rate: Rate = DEFAULT_RATE
    calls_url: str | None = None


class TokenServer:
    """Mints from ``source()`` (called for each request, so edits to the saved
    configuration apply at once) with ``keys`` and ``client``."""

    def __init__(self, source: Callable[[], Configuration], keys: ApiKeys, settings: ServeSettings = ServeSettings(),
                 *, on_log: Callable[[RequestRecord], None] = lambda record: None,
                 client: MintClient | None = None, env: Mapping[str, str] = os.environ) -> None:
        self._source, self._keys, self._settings, self._env = source, keys, settings, env
        self._on_log = on_log
        self._cancel = threading.Event()
        self._client = (client or MintClient(deadline=30.0)).cancellable(self._cancel)
        self._socket: socket.socket | None = None
        self._uvicorn: _Uvicorn | None = None
        self._app: TokenApp | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # -- life cycle --------------------------------------------------------

    def start(self) -> None:
        """Bind loopback and serve on a new thread; returns once requests are answered.
        Raises :class:`PortInUseError` when the port can't be bound."""
        with self._lock:
            if self._thread is not None:
                raise RuntimeError("a TokenServer starts once")
            self._socket = _bind(self._settings.port)
            port = int(self._socket.getsockname()[1])
            self._app = TokenApp(mint=self._mint, page=self._page, port=port,
                                 origins=allowed_origins(self._settings.origins, port),
                                 rate=RateLimit(self._settings.rate), on_log=self._on_log)
            config = uvicorn.Config(build_app(self._app), log_config=None, access_log=False, lifespan="off",
                                    http="h11", ws="none", loop="asyncio", proxy_headers=False,
                                    server_header=False, timeout_graceful_shutdown=_GRACE_SECONDS)
            self._uvicorn = _Uvicorn(config)
            self._thread = threading.Thread(target=self._uvicorn.run, kwargs={"sockets": [self._socket]},
                                            name=f"token-server-{port}", daemon=True)
            self._thread.start()
        self._uvicorn.ready.wait()

    def stop(self, timeout: float | None = 10.0) -> None:
        """Stop serving: answer open requests, close connections, join the thread.
        Safe from any thread, and more than once."""
        with self._lock:
            server, app, thread = self._uvicorn, self._app, self._thread
        if server is None or app is None or thread is None:
            return
        self._cancel.set()  # a mint not yet sent is not sent
        loop = server.loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed already
                loop.call_soon_threadsafe(app.stopping.set)
        server.should_exit = True
        if thread is not threading.current_thread():
            thread.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the server has stopped (or ``timeout``); True if it has."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        if self._app is None:
            raise RuntimeError("the server has not started")
        return self._app.port

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT/``: the test page; tokens are at ``url + "token"``."""
        return f"http://{LOOPBACK}:{self.port}/"

    def __enter__(self) -> TokenServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    # -- what the application calls ------------------------------------------

    def _mint(self) -> MintResult:
        return mint_configuration(self._source(), self._keys, self._client, env=self._env)

    def _page(self) -> tuple[str, str]:
        config = self._source()
        return config.name, self._settings.calls_url or calls_url(config, self._env)


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, telling when it serves and on which loop."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        self.loop = asyncio.get_running_loop()
        try:
            await super().startup(sockets)
        finally:
            self.ready.set()

    def run(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            super().run(sockets)
        finally:
            self.ready.set()  # a start that failed must not leave start() waiting


def _bind(port: int) -> socket.socket:
    """A listening socket on loopback; never any other address."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart right after a stop
        sock.bind((LOOPBACK, port))
        sock.listen(_BACKLOG)
    except OSError as error:
        sock.close()
        raise PortInUseError(port, error.strerror or str(error)) from None
    return sock

