"""The connection fields: where and how a request is sent (not on the wire).

``TIME_LIMIT`` is the window's own: it bounds a mint there as ``mint --timeout``
does on the command line, and is never part of a request."""

from __future__ import annotations

from realtime_gui.core.catalog.field_type import Option
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.scalar_types import Choice, Integer
from realtime_gui.core.catalog.text_types import Text

__all__ = [
    "AZURE_API_VERSION", "BASE_URL", "CONNECTION_FIELDS", "KEY_NAME", "ORGANIZATION", "PROJECT", "SERVICE",
    "TIME_LIMIT",
]

# Each setting has a name other modules use, so its key is written only here.
SERVICE = Field(
    "service", "Service",
    "Which kind of service the base URL points at; it decides the path and how the key is sent.",
    type=Choice((
        Option("openai", "OpenAI or any compatible server: Authorization: Bearer"),
        Option("azure", "Azure OpenAI: api-key header and /openai/... paths"),
    )), default="openai")
BASE_URL = Field(
    "base_url", "Base URL",
    "Where requests go. For OpenAI, https://api.openai.com/v1; for Azure, your resource endpoint such as "
    "https://NAME.openai.azure.com. OPENAI_BASE_URL, when set, replaces the default.",
    type=Text(pattern=r"https?://\S+", pattern_hint="an http:// or https:// URL"),
    default="https://api.openai.com/v1", required_when=("service", ("azure",)))
KEY_NAME = Field(
    "key_name", "API key",
    "The name of the key in the OS keyring. 'default' falls back to OPENAI_API_KEY when no such key is stored.",
    type=Text(pattern=r"[A-Za-z0-9_.-]{1,64}", pattern_hint="a key name of letters, digits, _ . -"),
    default="default")
ORGANIZATION = Field(
    "organization", "Organization", "Sent as OpenAI-Organization. Empty: OPENAI_ORG_ID, or none.", type=Text())
PROJECT = Field("project", "Project", "Sent as OpenAI-Project. Empty: OPENAI_PROJECT_ID, or none.", type=Text())
AZURE_API_VERSION = Field(
    "azure_api_version", "Azure API version", "The api-version query parameter for Azure's preview (beta) paths.",
    type=Text(), default="2025-04-01-preview")

TIME_LIMIT = Field(
    "timeout", "Time limit",
    "How long the window waits for a whole mint, connecting and answering together, before it gives up; "
    "a server that answers a byte at a time can't stretch it. The command line's --timeout does the same.",
    type=Integer(minimum=1, maximum=600, unit="seconds"), default=30)

CONNECTION_FIELDS: tuple[Field, ...] = (
    SERVICE, BASE_URL, KEY_NAME, ORGANIZATION, PROJECT, AZURE_API_VERSION, TIME_LIMIT)
