"""Every endpoint and every session field, declared once.

The form, validation, request bodies, import, the ``fields`` listing and the
beta-to-GA conversion are all derived from ``ENDPOINTS`` and ``FIELDS``.
Adding a field the API gains is one entry here.  Names, ranges, enums and
defaults are the API's facts; labels and help are our own words.

Endpoint ids: ``beta`` (``POST /realtime/sessions``), ``ga``
(``POST /realtime/client_secrets`` with a realtime session),
``beta-transcription``, ``ga-transcription`` and ``translation``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Iterator

from realtime_gui.core.catalog.nodes import Endpoint, Field, Group, Node, Placed, Wire, at
from realtime_gui.core.catalog.tools import ToolChoice, ToolKind, ToolList
from realtime_gui.core.catalog.types import (
    AudioFormat, Boolean, Choice, Integer, Json, Modalities, MultiChoice, Number, Option,
    Secret, StringList, Text, TokenLimit, Voice,
)

__all__ = [
    "CONNECTION_FIELDS", "ENDPOINTS", "FIELDS", "SECTIONS", "TOOLS", "endpoint", "field_by_id",
    "field_for_path", "nodes", "placed",
]

# --- endpoints --------------------------------------------------------------

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
             initial={"model": "gpt-4o-realtime-preview"}, azure_path="/openai/realtimeapi/sessions"),
    Endpoint("ga-transcription", "GA client secret (transcription)",
             "A client secret for a session that only transcribes incoming audio.",
             "/realtime/client_secrets", "POST /v1/realtime/client_secrets", "ga", "transcription", "ga",
             fixed={"session.type": "transcription"},
             azure_path="/openai/v1/realtime/client_secrets"),
    Endpoint("beta-transcription", "Beta transcription session",
             "The flat-shape token for a transcription-only session.",
             "/realtime/transcription_sessions", "POST /v1/realtime/transcription_sessions", "beta",
             "transcription", "beta", azure_path="/openai/realtimeapi/transcription_sessions"),
    Endpoint("translation", "Translation client secret",
             "A client secret for a session that translates speech into another language.",
             "/realtime/translations/client_secrets", "POST /v1/realtime/translations/client_secrets",
             "ga", "translation", "ga", initial={"model": "gpt-realtime-translate"},
             azure_path="/openai/v1/realtime/translations/client_secrets"),
)}

SECTIONS = (
    "Expiry", "Model and instructions", "Output", "Input audio", "Turn detection", "Tools",
    "Sampling and limits", "Tracing, prompt and advanced",
)

# --- shared choices ---------------------------------------------------------

_AUDIO_FORMATS = (
    Option("pcm16", "16-bit PCM, 24 kHz, mono, little-endian",
           wire={"ga": {"type": "audio/pcm", "rate": 24000}}),
    Option("g711_ulaw", "G.711 μ-law, 8 kHz: what US telephone lines carry",
           wire={"ga": {"type": "audio/pcmu"}}),
    Option("g711_alaw", "G.711 A-law, 8 kHz: telephone audio outside North America",
           wire={"ga": {"type": "audio/pcma"}}),
)
_VOICES = ("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar")
_REALTIME_MODELS = (
    "gpt-realtime", "gpt-realtime-2.1", "gpt-realtime-2.1-mini", "gpt-realtime-2", "gpt-realtime-1.5",
    "gpt-realtime-mini", "gpt-realtime-2025-08-28", "gpt-realtime-mini-2025-12-15", "gpt-audio-1.5",
    "gpt-audio-mini", "gpt-4o-realtime-preview", "gpt-4o-realtime-preview-2025-06-03",
    "gpt-4o-realtime-preview-2024-12-17", "gpt-4o-mini-realtime-preview",
    "gpt-4o-mini-realtime-preview-2024-12-17", "gpt-realtime-translate",
)
_TRANSCRIBE_MODELS = (
    "gpt-4o-transcribe", "gpt-4o-mini-transcribe", "gpt-4o-mini-transcribe-2025-12-15",
    "gpt-4o-transcribe-diarize", "gpt-transcribe", "gpt-live-transcribe", "gpt-realtime-whisper",
    "whisper-1",
)
_DELAYS = tuple(Option(v, h) for v, h in (
    ("minimal", "Emit text as early as possible, accepting more corrections"),
    ("low", "Short wait for context before emitting text"),
    ("medium", "Balanced between latency and accuracy"),
    ("high", "Wait longer for more accurate text"),
    ("xhigh", "Wait longest, for the most accurate text"),
))
_SERVER_VAD = ("type", ("server_vad",))
_SEMANTIC_VAD = ("type", ("semantic_vad",))
_STR_MAP = {"type": "object", "additionalProperties": {"type": "string"}}
_NAME_LIST = {"type": "array", "items": {"type": "string"}}
_PROMPT_VARIABLES = {"type": "object", "additionalProperties": {"anyOf": [
    {"type": "string"},
    {"type": "object", "required": ["type"],
     "properties": {"type": {"enum": ["input_text", "input_image", "input_file"]}}},
]}}
_TOOL_FILTER = {
    "type": "object", "additionalProperties": False,
    "properties": {"tool_names": _NAME_LIST, "read_only": {"type": "boolean"}},
}

# --- tools ------------------------------------------------------------------

FUNCTION_TOOL = ToolKind("function", "Function", "A function your client implements and the model may call.", (
    Field("name", "Name", "The name the model calls the function by. Letters, digits, _ and -, "
          "at most 64 characters, unique among the tools.",
          type=Text(pattern=r"[a-zA-Z0-9_-]{1,64}", pattern_hint="1 to 64 letters, digits, _ or -")),
    Field("description", "Description", "Tell the model when to call this function and what it does.",
          type=Text(multiline=True)),
    Field("parameters", "Parameters", "The function's arguments as a JSON Schema object.",
          type=Json(schema={"type": "object"}, json_schema=True, template={
              "type": "object",
              "properties": {"query": {"type": "string", "description": "What to look up"}},
              "required": ["query"],
              "additionalProperties": False,
          })),
), required=("name",))

MCP_TOOL = ToolKind("mcp", "MCP server", "A remote MCP server whose tools the model may call.", (
    Field("server_label", "Server label", "A short label that names this server in tool calls.",
          type=Text(allow_empty=False)),
    Field("server_url", "Server URL", "The MCP server's address. Give this or a connector.",
          type=Text(pattern=r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+", pattern_hint="a URL such as https://example.com/mcp")),
    Field("connector_id", "Connector", "A service connector OpenAI hosts, instead of a server URL.",
          type=Choice(tuple(Option(f"connector_{n}", h) for n, h in (
              ("dropbox", "Dropbox"), ("gmail", "Gmail"), ("googlecalendar", "Google Calendar"),
              ("googledrive", "Google Drive"), ("microsoftteams", "Microsoft Teams"),
              ("outlookcalendar", "Outlook Calendar"), ("outlookemail", "Outlook email"),
              ("sharepoint", "SharePoint"))))),
    Field("tunnel_id", "Tunnel", "The id of a tunnel that reaches a private MCP server.",
          type=Text(pattern=r"tunnel_[a-z0-9]{32}", pattern_hint="tunnel_ followed by 32 lowercase letters or digits")),
    Field("authorization", "Authorization", "An OAuth access token for the server. Kept in the OS keyring; "
          "the configuration file only points to it.", type=Secret(), secret=True),
    Field("server_description", "Server description", "What the server is for, to help the model choose.",
          type=Text(multiline=True)),
    Field("headers", "Headers", "Extra HTTP headers sent to the server, as a JSON object of strings.",
          type=Json(schema=_STR_MAP, template={"X-Example": "value"}), item_nullable=True),
    Field("allowed_tools", "Allowed tools", "Limit which of the server's tools the model sees: a list of "
          'names, or {"tool_names": [...], "read_only": true}.',
          type=Json(schema={"anyOf": [_NAME_LIST, _TOOL_FILTER]}, template=["tool_name"]), item_nullable=True),
    Field("allowed_callers", "Allowed callers", "Who may call the server's tools.",
          type=MultiChoice((Option("direct", "The model itself"),
                            Option("programmatic", "Code the model runs")), min_items=1), item_nullable=True),
    Field("require_approval", "Require approval", 'Which calls need your approval: "always", "never", '
          'or {"always": {...}, "never": {...}} filters.',
          type=Json(schema={"anyOf": [
              {"enum": ["always", "never"]},
              {"type": "object", "additionalProperties": False,
               "properties": {"always": _TOOL_FILTER, "never": _TOOL_FILTER}},
          ]}, template="never"), item_nullable=True),
    Field("defer_loading", "Defer loading", "Load the server's tool list only when first needed.",
          type=Boolean()),
), shapes=frozenset({"ga"}), required=("server_label",), needs_one_of=("server_url", "connector_id"))

TOOLS = ToolList((FUNCTION_TOOL, MCP_TOOL))

# --- connection (not on the wire: where and how to send) -------------------

CONNECTION_FIELDS: tuple[Field, ...] = (
    Field("service", "Service", "Which kind of service the base URL points at; it decides the path "
          "and how the key is sent.", type=Choice((
              Option("openai", "OpenAI or any compatible server: Authorization: Bearer"),
              Option("azure", "Azure OpenAI: api-key header and /openai/... paths"),
          )), default="openai"),
    Field("base_url", "Base URL", "Where requests go. For OpenAI, https://api.openai.com/v1; for Azure, "
          "your resource endpoint such as https://NAME.openai.azure.com. OPENAI_BASE_URL, when set, "
          "replaces the default.", type=Text(pattern=r"https?://\S+", pattern_hint="an http:// or https:// URL"),
          default="https://api.openai.com/v1", required_when=("service", ("azure",))),
    Field("key_name", "API key", "The name of the key in the OS keyring. 'default' falls back to "
          "OPENAI_API_KEY when no such key is stored.",
          type=Text(pattern=r"[A-Za-z0-9_.-]{1,64}", pattern_hint="a key name of letters, digits, _ . -"),
          default="default"),
    Field("organization", "Organization", "Sent as OpenAI-Organization. Empty: OPENAI_ORG_ID, or none.",
          type=Text()),
    Field("project", "Project", "Sent as OpenAI-Project. Empty: OPENAI_PROJECT_ID, or none.", type=Text()),
    Field("azure_api_version", "Azure API version", "The api-version query parameter for Azure's preview "
          "(beta) paths.", type=Text(), default="2025-04-01-preview"),
)

# --- session fields ---------------------------------------------------------

_REALTIME = "beta ga"
_ALL_AUDIO = "beta ga beta-transcription ga-transcription"

FIELDS: tuple[Node, ...] = (
    Group("expires_after", "Expiry", "How long the client secret stays valid.",
          wire=at("ga ga-transcription translation", "expires_after"), section="Expiry",
          default_note="10 minutes from creation", children=(
              Field("anchor", "Counted from", "The moment the lifetime is counted from.",
                    type=Choice((Option("created_at", "When the secret is created"),)), default="created_at"),
              Field("seconds", "Lifetime", "Seconds until the secret expires, from 10 seconds to 2 hours.",
                    type=Integer(10, 7200, unit="seconds"), default=600),
          )),
    Field("model", "Model", "The model the session runs. Type any model name the service knows.",
          wire={**at("beta", "model"), **at("ga translation", "session.model")}, section="Model and instructions",
          type=Text(suggestions=_REALTIME_MODELS, allow_empty=False), required_on=frozenset({"translation"})),
    Field("instructions", "Instructions", "The system prompt: how the model should behave, speak and respond.",
          wire={**at("beta", "instructions"), **at("ga", "session.instructions")},
          section="Model and instructions", type=Text(multiline=True), default_note="the service's own"),
    Field("output_modalities", "Output modalities", "What the model answers with. Audio always comes with "
          "its transcript; text alone turns speech off.",
          wire={**at("beta", "modalities"), **at("ga", "session.output_modalities")}, section="Output",
          type=Modalities((Option("audio", "Spoken answers, with a transcript"),
                           Option("text", "Written answers")), min_items=1),
          default_by_shape={"beta": ["text", "audio"], "ga": ["audio"]}),
    Field("voice", "Voice", "The voice of spoken answers: a built-in voice or the id of a custom voice "
          "(voice_...). It can't change once the model has spoken.",
          wire={**at("beta", "voice"), **at("ga", "session.audio.output.voice")}, section="Output",
          type=Voice(suggestions=_VOICES), default="alloy"),
    Field("speed", "Speed", "How fast the voice speaks: 1 is normal, lower is slower.",
          wire={**at("beta", "speed"), **at("ga", "session.audio.output.speed")}, section="Output",
          type=Number(0.25, 1.5, step=0.05), default=1.0),
    Field("output_format", "Output audio format", "The encoding of the audio the model sends back.",
          wire={**at("beta", "output_audio_format"), **at("ga", "session.audio.output.format")}, section="Output",
          type=AudioFormat(_AUDIO_FORMATS), default="pcm16"),
    Field("output_language", "Output language", "The language to translate into, as an ISO-639-1 code "
          "such as es or ja.", wire=at("translation", "session.audio.output.language"), section="Output",
          type=Text(pattern=r"[a-z]{2,3}(-[A-Za-z0-9]+)?", pattern_hint="a language code such as es or pt-BR")),
    Field("input_format", "Input audio format", "The encoding of the audio your client sends.",
          wire={**at("beta beta-transcription", "input_audio_format"),
                **at("ga ga-transcription", "session.audio.input.format")},
          section="Input audio", type=AudioFormat(_AUDIO_FORMATS), default="pcm16"),
    Group("transcription", "Transcription", "Transcribe what the user says, with a separate speech-to-text "
          "model. Off by default.", section="Input audio", default_note="off",
          wire={**at("beta", "input_audio_transcription", nullable=True),
                **at("beta-transcription", "input_audio_transcription"),
                **at("ga ga-transcription", "session.audio.input.transcription"),
                **at("translation", "session.audio.input.transcription", nullable=True, require=("model",))},
          children=(
              Field("model", "Transcription model", "The speech-to-text model.",
                    type=Text(suggestions=_TRANSCRIBE_MODELS)),
              Field("language", "Language", "The spoken language as an ISO-639-1 code (en, fr, ...). "
                    "Naming it improves accuracy and speed.", type=Text(),
                    only=frozenset(_ALL_AUDIO.split())),
              Field("languages", "Languages", "Several expected languages, one code per line.",
                    type=StringList(min_items=1), only=frozenset({"beta-transcription", "ga", "ga-transcription"})),
              Field("keywords", "Keywords", "Words and names to listen for, one per line.",
                    type=StringList(), only=frozenset({"beta-transcription", "ga", "ga-transcription"})),
              Field("prompt", "Prompt", "Text that guides the transcription: vocabulary, spelling, style.",
                    type=Text(multiline=True), only=frozenset(_ALL_AUDIO.split())),
              Field("delay", "Delay", "How long the model waits for context before it emits text.",
                    type=Choice(_DELAYS), only=frozenset({"beta-transcription", "ga", "ga-transcription"})),
          )),
    Group("noise_reduction", "Noise reduction", "Clean the input audio before voice detection and the "
          "model hear it. Off by default.", section="Input audio", default_note="off",
          wire={**at("beta", "input_audio_noise_reduction", nullable=True),
                **at("beta-transcription", "input_audio_noise_reduction"),
                **at("ga ga-transcription", "session.audio.input.noise_reduction"),
                **at("translation", "session.audio.input.noise_reduction", nullable=True, require=("type",))},
          children=(
              Field("type", "Microphone", "The kind of microphone the audio comes from.", type=Choice((
                  Option("near_field", "Close to the mouth: headsets, headphones"),
                  Option("far_field", "At a distance: laptops, conference rooms"),
              ))),
          )),
    Group("turn_detection", "Turn detection", "How the session decides the user has finished speaking. "
          "Turn it off to commit audio yourself.", section="Turn detection", default_note="server VAD",
          wire={**at("beta", "turn_detection", nullable=True),
                **at("beta-transcription", "turn_detection"),
                **at("ga ga-transcription", "session.audio.input.turn_detection", nullable=True, require=("type",))},
          children=(
              Field("type", "Detector", "Silence-based or meaning-based detection.", type=Choice((
                  Option("server_vad", "Ends the turn after a stretch of silence"),
                  Option("semantic_vad", "Ends the turn when the words sound finished",
                         only=frozenset({"beta", "ga", "ga-transcription"})),
              )), default="server_vad"),
              Field("threshold", "Threshold", "How loud speech must be to count, from 0 to 1. Raise it in "
                    "noisy places.", type=Number(0.0, 1.0, step=0.05), default=0.5, when=_SERVER_VAD),
              Field("prefix_padding_ms", "Prefix padding", "Audio kept from before speech was detected.",
                    type=Integer(0, unit="ms"), default=300, when=_SERVER_VAD),
              Field("silence_duration_ms", "Silence duration", "Silence that ends the turn. Shorter answers "
                    "sooner and interrupts more.", type=Integer(0, unit="ms"), default=500, when=_SERVER_VAD),
              Field("idle_timeout_ms", "Idle timeout", "Nudge the model to speak after this much silence "
                    "from the user.", type=Integer(5000, 30000, unit="ms"), when=_SERVER_VAD, null_ok=True,
                    only=frozenset({"ga", "ga-transcription"}), default=None),
              Field("eagerness", "Eagerness", "How quickly semantic detection ends a turn.", type=Choice((
                  Option("low", "Let the user take their time"),
                  Option("medium", "Balanced"),
                  Option("high", "Answer as soon as possible"),
                  Option("auto", "Let the service decide (same as medium)"),
              )), default="auto", when=_SEMANTIC_VAD, only=frozenset({"beta", "ga", "ga-transcription"})),
              Field("create_response", "Create response", "Answer automatically when a turn ends.",
                    type=Boolean(), default=True, only=frozenset({"beta", "ga", "ga-transcription"})),
              Field("interrupt_response", "Interrupt response", "Stop the model's answer when the user "
                    "starts speaking.", type=Boolean(), default=True,
                    only=frozenset({"beta", "ga", "ga-transcription"})),
          )),
    Field("include", "Include", "Extra data to receive with events.",
          wire={**at("beta-transcription", "include"), **at("ga ga-transcription", "session.include")},
          section="Input audio", type=MultiChoice((
              Option("item.input_audio_transcription.logprobs", "Log probabilities of transcribed words"),))),
    Field("tools", "Tools", "Functions and MCP servers the model may call.",
          wire={**at("beta", "tools"), **at("ga", "session.tools")}, section="Tools", type=TOOLS,
          default_note="none"),
    Field("tool_choice", "Tool choice", "Whether and which tool the model calls.",
          wire={**at("beta", "tool_choice"), **at("ga", "session.tool_choice")}, section="Tools",
          type=ToolChoice((Option("auto", "The model decides"), Option("none", "Never call a tool"),
                           Option("required", "Always call some tool"))), default="auto"),
    Field("parallel_tool_calls", "Parallel tool calls", "Allow several tool calls in one answer.",
          wire=at("ga", "session.parallel_tool_calls"), section="Tools", type=Boolean()),
    Field("temperature", "Temperature", "Randomness of answers, from 0.6 to 1.2.",
          wire=at("beta", "temperature"), section="Sampling and limits", type=Number(0.6, 1.2, step=0.05),
          default=0.8),
    Field("max_output_tokens", "Max output tokens", 'The most tokens one answer may use, 1 to 4096, or '
          '"inf" for the model\'s limit.',
          wire={**at("beta", "max_response_output_tokens"), **at("ga", "session.max_output_tokens")},
          section="Sampling and limits", type=TokenLimit(), default="inf"),
    Group("reasoning", "Reasoning", "Reasoning settings for models that think before answering.",
          wire=at("ga", "session.reasoning"), section="Sampling and limits", children=(
              Field("effort", "Reasoning effort", "How much the model thinks before it answers.", type=Choice(
                  tuple(Option(v, h) for v, h in (
                      ("minimal", "Barely at all"), ("low", "A little"), ("medium", "Moderately"),
                      ("high", "A lot"), ("xhigh", "As much as it can"),
                  ))), default="low"),
          )),
    Group("truncation", "Truncation", "What happens when the conversation outgrows the context window.",
          wire=at("ga", "session.truncation", require=("type",)), section="Sampling and limits",
          literals=(("auto", "Drop old turns as needed"),
                    ("disabled", "Never drop anything; fail when full")), default_note="auto",
          children=(
              Field("type", "Strategy", "Keep a share of the conversation.",
                    type=Choice((Option("retention_ratio", "Keep a fraction of the context"),)),
                    default="retention_ratio"),
              Field("retention_ratio", "Retention ratio", "The fraction of the conversation kept when it is "
                    "cut, from 0 to 1.", type=Number(0.0, 1.0, step=0.05)),
              Group("token_limits", "Token limits", "Limits for the retention strategy.", children=(
                  Field("post_instructions", "After instructions", "Tokens kept after the instructions.",
                        type=Integer(0)),
              )),
          ), require=("retention_ratio",)),
    Group("prompt", "Prompt", "A stored prompt to use, with its variables.",
          wire=at("ga", "session.prompt", nullable=True, require=("id",)), section="Tracing, prompt and advanced",
          children=(
              Field("id", "Prompt id", "The id of the stored prompt.", type=Text(allow_empty=False)),
              Field("version", "Version", "Which version of the prompt; empty for the current one.",
                    type=Text(), null_ok=True),
              Field("variables", "Variables", "Values for the prompt's variables, as a JSON object.",
                    type=Json(schema=_PROMPT_VARIABLES, template={"customer_name": "Ada"}), null_ok=True),
          )),
    Group("tracing", "Tracing", 'Send traces to the Traces dashboard: "auto" names them for you, or give '
          "your own names.", wire={**at("beta", "tracing"), **at("ga", "session.tracing", nullable=True)},
          section="Tracing, prompt and advanced", literals=(("auto", "Default names for workflow and group"),),
          default_note="off", children=(
              Field("workflow_name", "Workflow name", "The name of the workflow traces appear under.", type=Text()),
              Field("group_id", "Group id", "An id to group related traces.", type=Text()),
              Field("metadata", "Metadata", "Any JSON object to attach to the traces.",
                    type=Json(schema={"type": "object"}, template={"build": "dev"})),
          )),
)


# --- lookups derived from the declaration -----------------------------------

def _assign_ids(nodes: tuple[Node, ...], prefix: str) -> tuple[Node, ...]:
    out: list[Node] = []
    for node in nodes:
        node_id = f"{prefix}{node.key}"
        if isinstance(node, Group):
            node = replace(node, id=node_id, children=_assign_ids(node.children, node_id + "."))
        else:
            node = replace(node, id=node_id)
        out.append(node)
    return tuple(out)


FIELDS = _assign_ids(FIELDS, "")


def nodes() -> Iterator[Node]:
    """Every node, depth first, groups before their children."""
    for node in FIELDS:
        yield node
        if isinstance(node, Group):
            yield from node.walk()


def endpoint(endpoint_id: str) -> Endpoint:
    try:
        return ENDPOINTS[endpoint_id]
    except KeyError:
        raise ValueError(f"unknown endpoint {endpoint_id!r}; use one of {', '.join(ENDPOINTS)}") from None


def _placed_children(group: Group, placed_group: Placed, endpoint_id: str) -> Iterator[Placed]:
    for child in group.children:
        if child.only is not None and endpoint_id not in child.only:
            continue
        placed_child = Placed(child, f"{placed_group.path}.{child.key}", child.null_ok, child.require)
        yield placed_child
        if isinstance(child, Group):
            yield from _placed_children(child, placed_child, endpoint_id)


@cache
def placed(endpoint_id: str) -> tuple[Placed, ...]:
    """Every node the endpoint accepts, with its wire path, in declaration order."""
    endpoint(endpoint_id)
    out: list[Placed] = []
    for node in FIELDS:
        wire: Wire | None = node.wire.get(endpoint_id)
        if wire is None:
            continue
        top = Placed(node, wire.path, wire.nullable, tuple(dict.fromkeys(wire.require + node.require)))
        out.append(top)
        if isinstance(node, Group):
            out.extend(_placed_children(node, top, endpoint_id))
    return tuple(out)


@cache
def _by_id() -> dict[str, Node]:
    return {node.id: node for node in nodes()}


def field_by_id(field_id: str) -> Node:
    return _by_id()[field_id]


def field_for_path(endpoint_id: str, path: str) -> Placed | None:
    """The node at a wire path (``session.audio.output.voice``), or the
    nearest enclosing one; tolerant of ``[n]`` indexes (``tools[0].name``)."""
    by_path = {p.path: p for p in placed(endpoint_id)}
    candidate = path.replace("[", ".[").split(".[")[0] if "[" in path else path
    while candidate:
        if candidate in by_path:
            return by_path[candidate]
        candidate = candidate.rpartition(".")[0]
    return None

