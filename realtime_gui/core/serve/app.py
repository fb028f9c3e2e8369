"""The token server's web application (Starlette): ``/token``, the test page, and the rules before both.

Every request passes the same gate in one place, in this order: the ``Host``
must name this server; on ``/token``, an ``Origin`` must be one it trusts;
then the rate limit; then one mint, on a thread of its own so the event loop
keeps answering. Each answer, refused or not, is reported once to ``on_log``.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from realtime_gui.core.library.store import ConfigStoreError
from realtime_gui.core.serve.answers import Answer, answer_for_error, answer_for_result, local_error
from realtime_gui.core.serve.log import RequestRecord
from realtime_gui.core.serve.page import PAGE_ICON_PATH, PAGE_SCRIPT_PATH, page_html, page_icon, page_script
from realtime_gui.core.serve.rules import RateLimit, host_allowed, retry_after_header
from realtime_gui.core.service.answer import MintResult
from realtime_gui.core.service.errors import MintError

__all__ = ["TokenApp", "build_app"]

_TOKEN_PATH = "/token"
_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
_TOKEN_METHODS = "GET, POST, OPTIONS"
_PREFLIGHT_SECONDS = "600"
_PAGE_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


@dataclass
class TokenApp:
    """What the application serves with: a blocking mint, the page's details, and the rules.

    ``mint`` runs on a worker thread; ``page`` returns the configuration's name and
    the calls URL; ``origins`` are the trusted origins, the server's own included.
    ``stopping`` is set (on the loop) when the server stops: open mints answer at once.
    """

    mint: Callable[[], MintResult]
    page: Callable[[], tuple[str, str]]
    port: int
    origins: frozenset[str]
    rate: RateLimit
    on_log: Callable[[RequestRecord], None]
    stopping: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class _Outcome:
    response: Response
    request_id: str | None = None
    note: str = ""


def build_app(service: TokenApp) -> Starlette:
    """The Starlette application for ``service``."""

    async def handle(request: Request) -> Response:
        started = time.perf_counter()
        outcome = await _dispatch(service, request)
        service.on_log(RequestRecord(
            time=datetime.now(UTC), method=request.method, path=request.url.path,
            origin=request.headers.get("origin"), status=outcome.response.status_code,
            request_id=outcome.request_id, elapsed_ms=(time.perf_counter() - started) * 1000.0,
            note=outcome.note))
        return outcome.response

    return Starlette(routes=[Route("/{path:path}", handle, methods=_METHODS)])


async def _dispatch(service: TokenApp, request: Request) -> _Outcome:
    path, method = request.url.path, request.method
    if not host_allowed(request.headers.get("host"), service.port):
        return _refusal(local_error(403, f"This server answers only as 127.0.0.1:{service.port} or "
                                    f"localhost:{service.port}.", "host_not_allowed"), "Host refused")
    if path == _TOKEN_PATH:
        return await _token(service, request)
    if method not in ("GET", "HEAD"):
        return _refusal(local_error(405, "Only GET is answered here.", "method_not_allowed",
                                    headers={"Allow": "GET, HEAD"}))
    if path == "/":
        try:
            name, calls = service.page()
        except ConfigStoreError as error:  # the configuration went missing or broke since serving began
            return _refusal(_unreadable(error), "configuration unreadable")
        return _Outcome(Response(page_html(calls, name), media_type="text/html; charset=utf-8",
                                 headers=_PAGE_HEADERS))
    if path == PAGE_SCRIPT_PATH:
        return _Outcome(Response(page_script(), media_type="text/javascript; charset=utf-8", headers=_PAGE_HEADERS))
    if path == PAGE_ICON_PATH:
        return _Outcome(Response(page_icon(), media_type="image/svg+xml", headers=_PAGE_HEADERS))
    return _refusal(local_error(404, f"Nothing is served at {path[:80]}; tokens come from {_TOKEN_PATH}.",
                                "not_found"))


async def _token(service: TokenApp, request: Request) -> _Outcome:
    origin = request.headers.get("origin")
    vary = {"Vary": "Origin"}
    if origin is not None and origin not in service.origins:
        answer = local_error(403, "This origin may not take tokens from this server; start it with "
                             "--allow-origin for it.", "origin_not_allowed", headers=vary)
        return _refusal(answer, "origin refused")
    cors = {**vary, "Access-Control-Allow-Origin": origin,
            "Access-Control-Expose-Headers": "X-Request-Id, Retry-After"} if origin else vary
    if request.method == "OPTIONS":
        return _Outcome(Response(status_code=204, headers={**cors, **_preflight(request)}), note="preflight")
    if request.method not in ("GET", "POST"):
        answer = local_error(405, "Ask for a token with GET or POST.", "method_not_allowed",
                             headers={**cors, "Allow": _TOKEN_METHODS})
        return _refusal(answer)
    wait = service.rate.admit()
    if wait is not None:
        answer = local_error(429, f"More than {service.rate.rate} tokens were asked for; wait and try again.",
                             "rate_limited", headers={**cors, "Retry-After": retry_after_header(wait)})
        return _refusal(answer, "rate limited")
    answer, note = await _mint(service)
    return _Outcome(_json(answer, cors), answer.request_id, note)


def _preflight(request: Request) -> dict[str, str]:
    headers = {"Access-Control-Allow-Methods": _TOKEN_METHODS, "Access-Control-Max-Age": _PREFLIGHT_SECONDS}
    asked = request.headers.get("access-control-request-headers")
    if asked:
        headers["Access-Control-Allow-Headers"] = ", ".join(
            h.strip() for h in asked.split(",") if h.strip().replace("-", "").isalnum())
    if request.headers.get("access-control-request-private-network", "").lower() == "true":
        # Chromium asks before a page on a public origin reaches loopback; the origin is listed.
        headers["Access-Control-Allow-Private-Network"] = "true"
    return headers


async def _mint(service: TokenApp) -> tuple[Answer, str]:
    """One mint on a thread of its own; answered at once if the server stops meanwhile."""
    loop = asyncio.get_running_loop()
    settled: asyncio.Future[MintResult | BaseException] = loop.create_future()

    def settle(outcome: MintResult | BaseException) -> None:
        if not settled.done():
            settled.set_result(outcome)

    def work() -> None:
        try:
            outcome: MintResult | BaseException = service.mint()
        except Exception as error:
            outcome = error
        with contextlib.suppress(RuntimeError):  # the loop closed: nobody waits any more
            loop.call_soon_threadsafe(settle, outcome)

    # A daemon thread: a mint still waiting on the service when the server stops
    # must not hold the process; its result is dropped (the secret expires alone).
    threading.Thread(target=work, name="token-mint", daemon=True).start()
    stopped = asyncio.ensure_future(service.stopping.wait())
    either: set[asyncio.Future[Any]] = {settled, stopped}
    try:
        await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if not settled.done():
        return local_error(503, "The token server is stopping.", "server_stopping"), "stopped while minting"
    outcome = settled.result()
    if isinstance(outcome, MintResult):
        return answer_for_result(outcome), ""
    if isinstance(outcome, MintError):
        return answer_for_error(outcome), outcome.title
    if isinstance(outcome, ConfigStoreError):
        return _unreadable(outcome), "configuration unreadable"
    # A bug: say so without quoting anything the exception might hold.
    return local_error(500, f"Unexpected {type(outcome).__name__}; see the server's output.", "unexpected"), \
        f"unexpected {type(outcome).__name__}"


def _unreadable(error: ConfigStoreError) -> Answer:
    return local_error(500, f"The configuration can't be read: {error}", "configuration_unreadable")


def _refusal(answer: Answer, note: str = "") -> _Outcome:
    return _Outcome(_json(answer, {}), answer.request_id, note)


def _json(answer: Answer, extra: dict[str, str]) -> Response:
    return JSONResponse(answer.body, status_code=answer.status, headers={**answer.headers, **extra})
