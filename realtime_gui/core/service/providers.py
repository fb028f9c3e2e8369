"""Services a client secret can be minted from, one object each, and the request for one.

A :class:`Provider` knows the URL of each endpoint, how a request is signed
(its :class:`~realtime_gui.core.service.auth.Auth`), which headers of its own
it adds, and how it describes itself beside previews and errors. Adding a
service is one class here and one entry in :data:`PROVIDERS`; the connection
field ``service`` must offer the same ids, which is checked when this module
loads (the catalog lies below this layer, so it can't ask us).

Honours the environment variables the official SDKs read: ``OPENAI_BASE_URL``,
``OPENAI_ORG_ID`` and ``OPENAI_PROJECT_ID`` (``OPENAI_API_KEY`` is read by
``keys``).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import ClassVar
from urllib.parse import urlencode, urlsplit

from realtime_gui import __version__
from realtime_gui.core.catalog.connection import AZURE_API_VERSION, BASE_URL, ORGANIZATION, PROJECT, SERVICE
from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.catalog.nodes import Endpoint
from realtime_gui.core.catalog.types import Choice, EncodeContext, SecretMode
from realtime_gui.core.service.auth import ApiKeyHeader, Auth, BearerAuth
from realtime_gui.core.service.request import Credentials, PreparedRequest
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration

__all__ = [
    "PROVIDERS", "USER_AGENT", "Azure", "OpenAI", "Provider", "base_url", "prepare_request",
    "provider_for", "providers", "service_summary",
]

USER_AGENT = f"realtime-gui/{__version__}"


class Provider(ABC):
    """One kind of service: where each endpoint lives and how requests are signed."""

    id: ClassVar[str]
    """The value of the connection setting ``service`` that picks this provider."""
    auth: ClassVar[Auth]

    def base_url(self, config: Configuration, env: Mapping[str, str]) -> str:
        """The configuration's base URL, else the declared default."""
        return str(config.connection.get(BASE_URL.key) or config.setting(BASE_URL.key)).rstrip("/")

    @abstractmethod
    def url(self, config: Configuration, ep: Endpoint, env: Mapping[str, str]) -> str:
        """Where a request for endpoint ``ep`` goes."""

    def headers(self, config: Configuration, ep: Endpoint, env: Mapping[str, str]) -> dict[str, str]:
        """Headers of this provider's own, beside the key."""
        return {}

    @abstractmethod
    def describe(self, config: Configuration, env: Mapping[str, str]) -> str:
        """``"Azure OpenAI, api-key header"``: shown beside previews and errors."""

    def socket_url(self, config: Configuration, ep: Endpoint, env: Mapping[str, str], model: str | None) -> str:
        """Where a client opens the Realtime WebSocket with a secret minted at ``ep``:
        the token endpoint's collection without ``/client_secrets`` (the beta
        shapes: ``/realtime``), as ``wss://`` (``ws://`` for plain http)."""
        path = ep.path.removesuffix(_SECRETS_SUFFIX) if ep.shape == "ga" else _REALTIME_PATH
        return _as_socket(self.base_url(config, env) + path + _query(model=model, intent=_intent(ep)))

    def socket_headers(self, ep: Endpoint, token: str) -> dict[str, str]:
        """The headers that open the socket with the client secret ``token``."""
        headers = {"Authorization": f"Bearer {token}"}
        if ep.sends_beta_header:
            headers["OpenAI-Beta"] = "realtime=v1"
        return headers


class OpenAI(Provider):
    """OpenAI, or any server that speaks its API at another base URL."""

    id = "openai"
    auth = BearerAuth()

    def base_url(self, config: Configuration, env: Mapping[str, str]) -> str:
        explicit = config.connection.get(BASE_URL.key)
        if not explicit and env.get("OPENAI_BASE_URL"):
            return env["OPENAI_BASE_URL"].rstrip("/")
        return super().base_url(config, env)

    def url(self, config: Configuration, ep: Endpoint, env: Mapping[str, str]) -> str:
        return self.base_url(config, env) + ep.path

    def headers(self, config: Configuration, ep: Endpoint, env: Mapping[str, str]) -> dict[str, str]:
        found = {
            "OpenAI-Organization": config.connection.get(ORGANIZATION.key) or env.get("OPENAI_ORG_ID"),
            "OpenAI-Project": config.connection.get(PROJECT.key) or env.get("OPENAI_PROJECT_ID"),
            "OpenAI-Beta": "realtime=v1" if ep.sends_beta_header else None,
        }
        return {name: value for name, value in found.items() if value}

    def describe(self, config: Configuration, env: Mapping[str, str]) -> str:
        parts = urlsplit(self.base_url(config, env))  # never the user:password@ part of a URL
        host = (parts.hostname or "?") + (f":{parts.port}" if parts.port else "")
        name = "OpenAI" if host == "api.openai.com" else host
        return f"{name}, {self.auth.describe()}"


class Azure(Provider):
    """Azure OpenAI: a resource's own paths, the ``api-key`` header, ``api-version`` on preview paths."""

    id = "azure"
    auth = ApiKeyHeader("api-key")
    _API_PREFIX = "/openai/v1"

    def url(self, config: Configuration, ep: Endpoint, env: Mapping[str, str]) -> str:
        root = self.base_url(config, env).removesuffix(self._API_PREFIX)  # a resource URL given with its prefix
        path = ep.azure_path or self._API_PREFIX + ep.path
        if ep.shape == "beta":
            path += f"?api-version={config.setting(AZURE_API_VERSION.key)}"
        return root + path

    def describe(self, config: Configuration, env: Mapping[str, str]) -> str:
        return f"Azure OpenAI, {self.auth.describe()}"

    def socket_url(self, config: Configuration, ep: Endpoint, env: Mapping[str, str], model: str | None) -> str:
        root = self.base_url(config, env).removesuffix(self._API_PREFIX)
        if ep.shape == "ga":
            path = (ep.azure_path or self._API_PREFIX + ep.path).removesuffix(_SECRETS_SUFFIX)
            return _as_socket(root + path + _query(model=model, intent=_intent(ep)))
        # The preview interface names the deployment, and its version, in the query.
        query = _query(**{"api-version": str(config.setting(AZURE_API_VERSION.key)), "deployment": model,
                          "intent": _intent(ep)})
        return _as_socket(root + "/openai" + _REALTIME_PATH + query)


_SECRETS_SUFFIX = "/client_secrets"
_REALTIME_PATH = "/realtime"


def _intent(ep: Endpoint) -> str | None:
    return "transcription" if ep.family == "transcription" else None


def _query(**values: str | None) -> str:
    present = {name: value for name, value in values.items() if value}
    return "?" + urlencode(present) if present else ""


def _as_socket(url: str) -> str:
    scheme, rest = url.split("://", 1) if "://" in url else ("https", url)
    return ("ws" if scheme.lower() == "http" else "wss") + "://" + rest


def providers(*members: Provider) -> dict[str, Provider]:
    """A registry of providers by id."""
    return {provider.id: provider for provider in members}


PROVIDERS: Mapping[str, Provider] = providers(OpenAI(), Azure())
"""Every service realtime-gui can mint from, by the id the ``service`` setting holds."""


def _check_declared(registry: Mapping[str, Provider]) -> None:
    """Refuse to load when the ``service`` setting offers other ids than the registry holds."""
    setting = SERVICE
    declared = set(setting.type.values()) if isinstance(setting.type, Choice) else set()
    if declared != set(registry):
        raise RuntimeError(f"the connection setting {SERVICE.key!r} offers {sorted(declared)}, "
                           f"but the providers are {sorted(registry)}; declare each provider once in both")


_check_declared(PROVIDERS)


def provider_for(config: Configuration, registry: Mapping[str, Provider] = PROVIDERS) -> Provider:
    """The provider ``config`` mints from."""
    chosen = str(config.setting(SERVICE.key))
    try:
        return registry[chosen]
    except KeyError:
        raise ValueError(f"there is no service {chosen!r}; use one of {', '.join(registry)}") from None


def base_url(config: Configuration, env: Mapping[str, str] = os.environ) -> str:
    """The base URL ``config`` is sent to (see :meth:`Provider.base_url`)."""
    return provider_for(config).base_url(config, env)


def service_summary(config: Configuration, env: Mapping[str, str] = os.environ) -> str:
    """``"Azure OpenAI, api-key header"``: shown beside previews and errors."""
    return provider_for(config).describe(config, env)


def prepare_request(
    config: Configuration,
    credentials: Credentials,
    *,
    env: Mapping[str, str] = os.environ,
    secret_mode: SecretMode = "resolve",
    lookup: Callable[[str], str | None] | None = None,
    registry: Mapping[str, Provider] = PROVIDERS,
) -> PreparedRequest:
    """The request Mint would send. Validate the configuration first."""
    ep = endpoint(config.endpoint)
    provider = provider_for(config, registry)
    headers = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": USER_AGENT}
    provider.auth.sign(headers, credentials.api_key)
    headers.update(provider.headers(config, ep, env))
    body = build_body(config, EncodeContext(ep.shape, secret_mode, lookup))
    return PreparedRequest("POST", provider.url(config, ep, env), headers, body, ep.response_shape,
                           secret_header=provider.auth.header)
