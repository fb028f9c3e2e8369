"""Chromium for the browser tests: Debian's own build, driven by Playwright, never a downloaded browser.

Tests here are marked ``browser`` and run with the rest of the suite. Without
``/usr/bin/chromium`` they are skipped on a developer's machine, with the
package to install; under CI (``CI`` set) that is a failure, since .ci/run
installs it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
# A microphone that plays a tone and a permission prompt that says yes, so getUserMedia works unattended.
FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what}; CI installs it (.ci/run), so this is a broken set-up, not a skip")
    pytest.skip(f"{what}: `apt-get install chromium` and `pip install -e '.[test]'` run these tests")


# Per module, not per session: Playwright's own event loop should not outlive the tests that use it.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _missing(f"Debian's chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FAKE_MEDIA)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def page_origin() -> Iterator[Callable[[], str]]:
    """``page_origin()``: a new loopback origin (``http://127.0.0.1:PORT``) serving an empty page at ``/``,
    standing in for a developer's own dev server."""
    servers: list[ThreadingHTTPServer] = []

    def start() -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _BlankPage)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class _BlankPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>a developer's page</title><p>page under development</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass
