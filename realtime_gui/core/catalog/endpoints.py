"""The token endpoints, declared once, and the one a new configuration starts on.

Endpoint ids: ``beta`` (``POST /realtime/sessions``), ``ga``
(``POST /realtime/client_secrets`` with a realtime session),
``beta-transcription``, ``ga-transcription`` and ``translation``.
"""

from __future__ import annotations

from realtime_gui.core.catalog.nodes import Endpoint

__all__ = ["DEFAULT_ENDPOINT", "ENDPOINTS"]

# Beta preview models and the GA models that succeed them.
_GA_MODELS = {
    "gpt-4o-realtime-preview": "gpt-realtime",
    "gpt-4o-realtime-preview-2024-10-01": "gpt-realtime",
    "gpt-4o-realtime-preview-2024-12-17": "gpt-realtime",
    "gpt-4o-realtime-preview-2025-06-03": "gpt-realtime",
    "gpt-4o-mini-realtime-preview": "gpt-realtime-mini",
    "gpt-4o-mini-realtime-preview-2024-12-17": "gpt-realtime-mini",
}

ENDPOINTS: dict[str, Endpoint] = {e.id: e for e in (
    Endpoint("ga", "GA client secret (realtime)",
             "The current interface: a client secret for a speech-to-speech or text session.",
             "/realtime/client_secrets", "POST /v1/realtime/client_secrets", "ga", "realtime", "ga",
             fixed={"session.type": "realtime"}, initial={"model": "gpt-realtime"},
             azure_path="/openai/v1/realtime/client_secrets"),
    Endpoint("beta", "Beta session",
             "The original flat shape. OpenAI's own service now refuses it; proxies and "
             "compatible servers may still accept it.",
             "/realtime/sessions", "POST /v1/realtime/sessions", "beta", "realtime", "beta",
             initial={"model": "gpt-4o-realtime-preview"}, azure_path="/openai/realtimeapi/sessions",
             ga_counterpart="ga", ga_values={"model": _GA_MODELS}),
    Endpoint("ga-transcription", "GA client secret (transcription)",
             "A client secret for a session that only transcribes incoming audio.",
             "/realtime/client_secrets", "POST /v1/realtime/client_secrets", "ga", "transcription", "ga",
             fixed={"session.type": "transcription"},
             azure_path="/openai/v1/realtime/client_secrets"),
    Endpoint("beta-transcription", "Beta transcription session",
             "The flat-shape token for a transcription-only session.",
             "/realtime/transcription_sessions", "POST /v1/realtime/transcription_sessions", "beta",
             "transcription", "beta", azure_path="/openai/realtimeapi/transcription_sessions",
             ga_counterpart="ga-transcription"),
    Endpoint("translation", "Translation client secret",
             "A client secret for a session that translates speech into another language.",
             "/realtime/translations/client_secrets", "POST /v1/realtime/translations/client_secrets",
             "ga", "translation", "ga", initial={"model": "gpt-realtime-translate"},
             azure_path="/openai/v1/realtime/translations/client_secrets"),
)}

DEFAULT_ENDPOINT = "ga"  # where a new configuration, and a file that names none, is sent
