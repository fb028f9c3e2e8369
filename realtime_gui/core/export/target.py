"""What a snippet sends: the configuration's request, its key left to the environment.

Built from the same :func:`~realtime_gui.core.service.providers.prepare_request`
a mint uses, with secrets as placeholders and a stand-in key that is dropped,
so a snippet can never carry a real key or secret.
"""

from __future__ import annotations

from typing import Any

from realtime_gui.core.catalog.connection import BASE_URL
from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.library.secrets import SECRET_PLACEHOLDER
from realtime_gui.core.records import record
from realtime_gui.core.service.providers import Azure, prepare_request, provider_for
from realtime_gui.core.service.request import Credentials
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["AZURE_KEY_VARIABLE", "DEFAULT_BASE_URL", "KEY_VARIABLE", "SnippetTarget", "snippet_target"]

KEY_VARIABLE = "OPENAI_API_KEY"
AZURE_KEY_VARIABLE = "AZURE_OPENAI_API_KEY"  # the variable Azure's own samples and the SDK's Azure client read
DEFAULT_BASE_URL = str(BASE_URL.default)
_STAND_IN = "stand-in-key"
_AZURE_PATHS = "/openai/"


@record
class SnippetTarget:
    """Where a snippet sends what, in the pieces every language spells its own way."""

    base: str | None
    """The base URL, or None: ``OPENAI_BASE_URL`` when set, else :data:`DEFAULT_BASE_URL`."""
    path: str  # after the base, any query included
    key_variable: str
    key_header: str
    bearer: bool  # "Bearer KEY" rather than the bare key
    headers: dict[str, str]  # the others: Content-Type, OpenAI-Beta, OpenAI-Organization, OpenAI-Project
    body: dict[str, Any]
    endpoint_id: str
    azure: bool
    secret_path: tuple[str, ...]  # where the client secret sits in the answer
    holds_placeholders: bool  # a secret of the configuration stands as SECRET_PLACEHOLDER in the body

    @property
    def url_for_people(self) -> str:
        return (self.base or DEFAULT_BASE_URL) + self.path


def snippet_target(config: Configuration) -> SnippetTarget:
    """The request ``config`` mints with, minus its key. Validate the configuration first."""
    # No environment: a snippet reads OPENAI_BASE_URL where it runs, not where it was made.
    request = prepare_request(config, Credentials(_STAND_IN, "snippet"), env={}, secret_mode="placeholder")
    provider = provider_for(config)
    ep = endpoint(config.endpoint)
    header = provider.auth.header
    headers = {name: value for name, value in request.headers.items()
               if name not in (header, "User-Agent", "Accept")}
    azure = isinstance(provider, Azure)
    if azure:  # the resource's root, then Azure's own path (and its api-version, where it takes one)
        split = request.url.split("?")[0].rindex(_AZURE_PATHS)
        base, path = request.url[:split], request.url[split:]
    elif config.connection.get(BASE_URL.key):
        base, path = provider.base_url(config, {}), ep.path
    else:
        base, path = None, ep.path
    return SnippetTarget(
        base=base, path=path,
        key_variable=AZURE_KEY_VARIABLE if azure else KEY_VARIABLE,
        key_header=header, bearer=request.headers[header].startswith("Bearer "),
        headers=headers, body=dict(request.body), endpoint_id=config.endpoint, azure=azure,
        secret_path=("client_secret", "value") if request.response_shape == "beta" else ("value",),
        holds_placeholders=SECRET_PLACEHOLDER in repr(request.body))

