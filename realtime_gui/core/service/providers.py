"""Turn a configuration and credentials into the exact request to send.

Honours the environment variables the official SDKs read: ``OPENAI_BASE_URL``,
``OPENAI_ORG_ID`` and ``OPENAI_PROJECT_ID`` (``OPENAI_API_KEY`` is read by
``keys``).  Azure OpenAI gets its own paths and the ``api-key`` header.
"""

from __future__ import annotations

import os
from typing import Callable, Mapping

from realtime_gui import __version__
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.service.request import Credentials, PreparedRequest
from realtime_gui.core.catalog.types import EncodeContext, SecretMode

__all__ = ["USER_AGENT", "base_url", "prepare_request", "service_summary"]

USER_AGENT = f"realtime-gui/{__version__}"


def base_url(config: Configuration, env: Mapping[str, str] = os.environ) -> str:
    """The configuration's base URL, else ``OPENAI_BASE_URL``, else OpenAI's."""
    explicit = config.connection.get("base_url")
    if explicit:
        return str(explicit).rstrip("/")
    if config.setting("service") == "openai" and env.get("OPENAI_BASE_URL"):
        return env["OPENAI_BASE_URL"].rstrip("/")
    return str(config.setting("base_url"))


def _url(config: Configuration, env: Mapping[str, str]) -> str:
    ep = endpoint(config.endpoint)
    root = base_url(config, env)
    if config.setting("service") != "azure":
        return root + ep.path
    if root.endswith("/openai/v1"):  # a resource URL given with its API prefix
        root = root[: -len("/openai/v1")]
    path = ep.azure_path or "/openai/v1" + ep.path
    if ep.shape == "beta":
        path += f"?api-version={config.setting('azure_api_version')}"
    return root + path


def service_summary(config: Configuration, env: Mapping[str, str] = os.environ) -> str:
    """``"Azure OpenAI, api-key header"``: shown beside previews and errors."""
    if config.setting("service") == "azure":
        return "Azure OpenAI, api-key header"
    from urllib.parse import urlsplit

    parts = urlsplit(base_url(config, env))  # never the user:password@ part of a URL
    host = (parts.hostname or "?") + (f":{parts.port}" if parts.port else "")
    name = "OpenAI" if host == "api.openai.com" else host
    return f"{name}, Authorization: Bearer"


def prepare_request(
    config: Configuration,
    credentials: Credentials,
    *,
    env: Mapping[str, str] = os.environ,
    secret_mode: SecretMode = "resolve",
    lookup: Callable[[str], str | None] | None = None,
) -> PreparedRequest:
    """The request Mint would send. Validate the configuration first."""
    ep = endpoint(config.endpoint)
    azure = config.setting("service") == "azure"
    headers = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": USER_AGENT}
    if azure:
        headers["api-key"] = credentials.api_key
    else:
        headers["Authorization"] = f"Bearer {credentials.api_key}"
    organization = config.connection.get("organization") or env.get("OPENAI_ORG_ID")
    project = config.connection.get("project") or env.get("OPENAI_PROJECT_ID")
    if organization and not azure:
        headers["OpenAI-Organization"] = organization
    if project and not azure:
        headers["OpenAI-Project"] = project
    if ep.sends_beta_header and not azure:
        headers["OpenAI-Beta"] = "realtime=v1"
    body = build_body(config, EncodeContext(ep.shape, secret_mode, lookup))
    return PreparedRequest("POST", _url(config, env), headers, body, ep.response_shape,
                           secret_header="api-key" if azure else "Authorization")
