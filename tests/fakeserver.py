"""A stand-in for the Realtime token endpoints, served over real HTTP on loopback.

Standard library only. In a test::

    with running_server(api_key="sk-test-...") as server:
        request = ...  # aimed at server.base_url ("http://127.0.0.1:PORT/v1")
        server.fail_next(429, error={"message": "slow down"}, headers={"retry-after": "2"})
        ...
        assert server.requests[0].headers["authorization"] == "Bearer sk-test-..."

or take the ``fake_server`` fixture. As a script, for benchmarks::

    python tests/fakeserver.py --port 8787 --key sk-test-...

Paths answered (POST only):

* ``/v1/realtime/sessions``, ``/v1/realtime/transcription_sessions``: beta shape
  (the request echoed, plus ``client_secret`` expiring in 60 s);
* ``/v1/realtime/client_secrets``, ``/v1/realtime/translations/client_secrets``:
  GA shape (``value``, ``expires_at`` after ``expires_after.seconds``, ``session``);
* ``/openai/v1/realtime/client_secrets`` (Azure, GA shape, ``api-key`` header)
  and ``/openai/realtimeapi/sessions?api-version=...`` (Azure, beta shape);
* ``/v1/realtime/calls`` (and Azure's ``/openai/v1/realtime/calls``): a WebRTC
  offer (``application/sdp``) signed with a client secret (``Bearer ek_...``)
  gets 201 and an SDP answer that is only shaped like one. These answer
  browsers' CORS preflights (``OPTIONS``, not recorded), as the service does.

Scripted answers queue up: each request takes the next one, first in first out.
"""

from __future__ import annotations

import argparse
import io
import json
import secrets
import signal
import socket
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fake_answers import beta_session, error_body, ga_secret

__all__ = [
    "FAKE_API_KEY",
    "FAKE_SDP_ANSWER",
    "Answered",
    "FakeRealtimeServer",
    "RecordedRequest",
    "closed_port",
    "fake_server",
    "running_server",
]

FAKE_API_KEY = "sk-test-fake-0123456789"

_BETA_PATHS = {
    "/v1/realtime/sessions": "realtime.session",
    "/v1/realtime/transcription_sessions": "realtime.transcription_session",
    "/openai/realtimeapi/sessions": "realtime.session",
    "/openai/realtimeapi/transcription_sessions": "realtime.transcription_session",
}
_GA_PATHS = {"/v1/realtime/client_secrets", "/openai/v1/realtime/client_secrets"}
_TRANSLATION_PATHS = {"/v1/realtime/translations/client_secrets", "/openai/v1/realtime/translations/client_secrets"}
_AZURE_PREFIX = "/openai/"
_CALLS_PATHS = {"/v1/realtime/calls", "/openai/v1/realtime/calls"}
#: What a calls request is answered with: shaped like an SDP answer, good for no real connection.
FAKE_SDP_ANSWER = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
_CORS = {"Access-Control-Allow-Origin": "*"}


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it. ``headers`` keys are lower-case."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw_body: bytes
    body: Any  # parsed JSON, or None when the body was not JSON
    request_id: str  # the x-request-id the server answered with


@dataclass(frozen=True)
class _Script:
    """What to do with one request instead of (or before) the normal answer."""

    delay: float = 0.0
    hang: bool = False
    trickle: float = 0.0  # seconds between bytes of the whole answer, status line included
    status: int | None = None  # None: answer normally after the delay
    body: bytes = b""
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Answered:
    """How much of one answer the server has sent: ``sent`` of its ``total`` bytes."""

    total: int
    sent: int = 0

    @property
    def finished(self) -> bool:
        return self.sent == self.total


class FakeRealtimeServer:
    """The fake service. Use :func:`running_server` rather than start/stop by hand."""

    def __init__(self, api_key: str = FAKE_API_KEY, host: str = "127.0.0.1", port: int = 0) -> None:
        self.api_key = api_key
        #: Every request received, in order (appended from server threads).
        self.requests: list[RecordedRequest] = []
        #: False: beta paths answer 400 ``beta_api_shape_disabled``.
        self.beta_shape_enabled = True
        #: True: a 401 quotes the wrong key in full, as a careless server might.
        self.echo_keys = False
        #: Every answer begun, in order: a trickled one counts its bytes as they go out.
        self.answers: list[Answered] = []
        #: Given each WebSocket upgrade's handler, its request read (see fakesocket.py).
        self.take_upgrade: Callable[[BaseHTTPRequestHandler], None] | None = None
        self._scripts: deque[_Script] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._httpd = _HTTPServer((host, port), _Handler, self)
        self._thread: threading.Thread | None = None

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``, for Azure-style paths."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``, the OpenAI-style base URL."""
        return self.origin + "/v1"

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    # -- scripting ---------------------------------------------------------

    def reply_next(self, status: int, json_body: Any, *, headers: Mapping[str, str] | None = None,
                   delay: float = 0.0) -> None:
        """Answer the next request with *json_body* and *status*."""
        self._push(_Script(delay=delay, status=status, body=json.dumps(json_body).encode(),
                           headers=dict(headers or {})))

    def fail_next(self, status: int, error: Mapping[str, Any] | None = None, *,
                  headers: Mapping[str, str] | None = None, delay: float = 0.0) -> None:
        """Answer the next request with *status* and the service's error shape.

        *error* holds any of ``message``, ``type``, ``param``, ``code``; the
        missing ones get plausible values.
        """
        given = dict(error or {})
        body = error_body(given.pop("message", f"Scripted failure {status}."),
                           given.pop("type", "invalid_request_error"),
                           given.pop("param", None), given.pop("code", None))
        body["error"].update(given)
        self.reply_next(status, body, headers=headers, delay=delay)

    def reply_raw(self, status: int, body: bytes, content_type: str = "text/plain", *,
                  headers: Mapping[str, str] | None = None, delay: float = 0.0) -> None:
        """Answer the next request with exactly *body*."""
        self._push(_Script(delay=delay, status=status, body=body, content_type=content_type,
                           headers=dict(headers or {})))

    def delay_next(self, seconds: float) -> None:
        """Answer the next request normally, after *seconds*."""
        self._push(_Script(delay=seconds))

    def trickle_next(self, interval: float = 1.0) -> None:
        """Answer the next request normally, but one byte every *interval* seconds
        (status line and headers too), as a server that never quite stalls."""
        self._push(_Script(trickle=interval))

    def hang_next(self) -> None:
        """Never answer the next request (until the server stops)."""
        self._push(_Script(hang=True))

    def _push(self, script: _Script) -> None:
        with self._lock:
            self._scripts.append(script)

    def _pop(self) -> _Script | None:
        with self._lock:
            return self._scripts.popleft() if self._scripts else None

    # -- life cycle --------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, name="fakeserver")
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, end every connection and join every thread."""
        if self._stopping.is_set():
            return
        self._stopping.set()  # releases hung and delayed answers
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
        self._close()

    def serve_forever(self) -> None:
        """Serve on this thread until interrupted (script use)."""
        try:
            self._httpd.serve_forever(poll_interval=0.2)
        finally:
            self._stopping.set()
            self._close()

    def _close(self) -> None:
        with self._lock:
            still_open = list(self._open)
        for sock in still_open:  # idle keep-alive connections would hold up the join
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._httpd.server_close()  # joins the connection threads

    # -- answering (called on connection threads) --------------------------

    def _answer(self, recorded: RecordedRequest) -> tuple[int, bytes, str, dict[str, str], float] | None:
        """The answer to *recorded* and the pause between its bytes, or None for no answer at all."""
        script = self._pop()
        trickle = script.trickle if script is not None else 0.0
        if script is not None:
            if script.hang:
                self._stopping.wait()
                return None
            if script.delay and self._stopping.wait(script.delay):
                return None
            if script.status is not None:
                return script.status, script.body, script.content_type, dict(script.headers), trickle
        if recorded.path in _CALLS_PATHS:
            return (*self._call(recorded), trickle)
        status, payload = self._service(recorded)
        return status, json.dumps(payload).encode(), "application/json", {}, trickle

    def _service(self, request: RecordedRequest) -> tuple[int, dict[str, Any]]:
        path = request.path
        known = path in _BETA_PATHS or path in _GA_PATHS or path in _TRANSLATION_PATHS
        if request.method != "POST" or not known:
            return 404, error_body(f"Invalid URL ({request.method} {path})")
        azure = path.startswith(_AZURE_PREFIX)
        if not self._authorised(request.headers, azure):
            return 401, self._unauthorised(request.headers, azure)
        if azure and path in _BETA_PATHS and not request.query.get("api-version"):
            return 404, {"error": {"code": "404", "message": "Resource not found"}}
        if not isinstance(request.body, dict):
            return 400, error_body("We could not parse the JSON body of your request.")
        if path in _BETA_PATHS:
            if not self.beta_shape_enabled:
                return 400, error_body(
                    "The beta Realtime sessions API has been turned off; "
                    "use POST /v1/realtime/client_secrets.", code="beta_api_shape_disabled")
            return 200, beta_session(request.body, _BETA_PATHS[path])
        return 200, ga_secret(request.body, translation=path in _TRANSLATION_PATHS)

    def _call(self, request: RecordedRequest) -> tuple[int, bytes, str, dict[str, str]]:
        """A WebRTC call: an SDP offer signed with a client secret, not an API key."""
        if request.method != "POST":
            return 404, json.dumps(error_body(f"Invalid URL ({request.method} {request.path})")).encode(), \
                "application/json", dict(_CORS)
        if not request.headers.get("authorization", "").startswith("Bearer ek_"):
            answer = error_body("A client secret (ek_...) is needed to start a call.", code="invalid_api_key")
            return 401, json.dumps(answer).encode(), "application/json", dict(_CORS)
        if not request.headers.get("content-type", "").startswith("application/sdp"):
            return 400, json.dumps(error_body("The body must be an SDP offer.")).encode(), "application/json", \
                dict(_CORS)
        return 201, FAKE_SDP_ANSWER.encode(), "application/sdp", {**_CORS, "Location": "/v1/realtime/calls/rtc_1"}

    def _authorised(self, headers: Mapping[str, str], azure: bool) -> bool:
        if azure and headers.get("api-key") == self.api_key:
            return True
        return headers.get("authorization") == f"Bearer {self.api_key}"

    def _unauthorised(self, headers: Mapping[str, str], azure: bool) -> dict[str, Any]:
        if azure:  # Azure's errors carry a numeric code and no type
            return {"error": {"code": "401", "message": "Access denied due to invalid "
                              "subscription key or wrong API endpoint."}}
        sent = headers.get("authorization", "").removeprefix("Bearer ")
        if not sent:
            return error_body("You didn't provide an API key.", param=None, code=None)
        shown = sent if self.echo_keys else f"{sent[:3]}****{sent[-4:]}"
        return error_body(f"Incorrect API key provided: {shown}.", code="invalid_api_key")


class _HTTPServer(ThreadingHTTPServer):
    # socketserver tracks, and server_close() joins, only non-daemon connection
    # threads; so no thread outlives the server.
    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler],
                 fake: FakeRealtimeServer) -> None:
        self.fake = fake
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout, cancel) resets the socket; that is
        # the scenario under test, not a server fault worth a traceback.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real service
    timeout = 10  # a backstop: an idle connection cannot hold stop() for long
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        with self.server.fake._lock:
            self.server.fake._open.add(self.connection)

    def finish(self) -> None:
        with self.server.fake._lock:
            self.server.fake._open.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet tests; the recorded requests say what happened

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        take_over = self.server.fake.take_upgrade
        if take_over is not None and self.headers.get("upgrade", "").lower() == "websocket":
            take_over(self)
            return
        self._serve()

    def do_OPTIONS(self) -> None:
        """A browser's CORS preflight: any origin may send any header (the service's own stance)."""
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", self.headers.get("access-control-request-headers", "*"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _serve(self) -> None:
        fake = self.server.fake
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        url = urlsplit(self.path)
        recorded = RecordedRequest(
            method=self.command, path=url.path, query=parse_qs(url.query),
            headers={k.lower(): v for k, v in self.headers.items()}, raw_body=raw, body=body,
            request_id="req_" + secrets.token_hex(16))
        fake.requests.append(recorded)
        answer = fake._answer(recorded)
        if answer is None:
            self.close_connection = True
            return
        status, payload, content_type, headers, trickle = answer
        out, collected = self.wfile, io.BytesIO()
        if trickle:
            self.wfile = collected  # the whole answer, collected to be sent slowly
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("x-request-id", recorded.request_id)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        if not trickle:
            fake.answers.append(Answered(len(payload), len(payload)))
            return
        whole, self.wfile = collected.getvalue(), out
        answered = Answered(len(whole))
        fake.answers.append(answered)
        for i in range(len(whole)):
            try:
                out.write(whole[i:i + 1])
                out.flush()
            except OSError:  # the client gave up
                break
            answered.sent += 1
            if fake._stopping.wait(trickle):
                break
        self.close_connection = True


@contextmanager
def running_server(api_key: str = FAKE_API_KEY, *, host: str = "127.0.0.1",
                   port: int = 0) -> Iterator[FakeRealtimeServer]:
    """A started :class:`FakeRealtimeServer`, stopped and joined on exit."""
    server = FakeRealtimeServer(api_key, host, port)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fake_server() -> Iterator[FakeRealtimeServer]:
    """A fake service for one test, expecting :data:`FAKE_API_KEY`."""
    with running_server() as server:
        yield server


def closed_port(host: str = "127.0.0.1") -> int:
    """A port that nothing listens on (it was free a moment ago)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _main() -> None:
    parser = argparse.ArgumentParser(description="Fake Realtime token endpoints on loopback.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--key", default=FAKE_API_KEY, help="the API key to accept")
    parser.add_argument("--no-beta", action="store_true", help="switch the beta shape off")
    args = parser.parse_args()
    server = FakeRealtimeServer(args.key, args.host, args.port)
    server.beta_shape_enabled = not args.no_beta
    # SIGTERM (how a benchmark harness stops us) ends the run as Ctrl-C does,
    # so connections are closed and threads joined on the way out.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    print(f"serving {server.base_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    _main()
