"""The test page served at ``/``: where it sends its WebRTC offer, and its files from the package.

The page is static HTML and JavaScript shipped in ``realtime_gui/resources``;
the server fills in only the address of the Realtime calls endpoint (derived
from the configuration's service and base URL, or given by a test) and the
configuration's name.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from importlib.resources import files

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.service.providers import provider_for
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["PAGE_ICON_PATH", "PAGE_SCRIPT_PATH", "calls_url", "page_html", "page_icon", "page_script"]

PAGE_SCRIPT_PATH = "/test-page.js"
PAGE_ICON_PATH = "/favicon.svg"
_SECRETS_SUFFIX = "/client_secrets"
_CALLS_SUFFIX = "/calls"


def calls_url(config: Configuration, env: Mapping[str, str] = os.environ) -> str:
    """Where a browser posts its SDP offer with a secret minted by ``config``:
    the endpoint's URL with ``/client_secrets`` replaced by ``/calls``
    (``https://api.openai.com/v1/realtime/calls``). The beta shapes have no
    calls endpoint of their own; their secrets go to the GA one."""
    provider = provider_for(config)
    url = provider.url(config, endpoint(config.endpoint), env).split("?", 1)[0]
    if not url.endswith(_SECRETS_SUFFIX):
        url = provider.url(config, endpoint("ga"), env).split("?", 1)[0]
    return url.removesuffix(_SECRETS_SUFFIX) + _CALLS_SUFFIX


def _resource(name: str) -> str:
    return files("realtime_gui").joinpath("resources", name).read_text(encoding="utf-8")


def page_html(calls: str, configuration: str) -> str:
    """The page, pointed at ``calls`` and titled with the configuration's name."""
    return (_resource("test-page.html")
            .replace("__CALLS_URL__", html.escape(calls, quote=True))
            .replace("__CONFIGURATION__", html.escape(configuration, quote=True)))


def page_script() -> str:
    """The page's script."""
    return _resource("test-page.js")


def page_icon() -> str:
    """The app's icon, as the page's."""
    return _resource("realtime-gui.svg")
