"""Every session field, declared once, as data, in the form's sections.

The form, validation, request bodies, import, the ``fields`` listing and the
beta-to-GA conversion are all derived from ``SESSION_FIELDS`` (loaded and
checked by ``declaration``).  Adding a field the API gains is one entry here.
Names, ranges, enums and defaults are the API's facts; labels and help are
our own words.
"""

from __future__ import annotations

from realtime_gui.core.catalog.field_type import Option
from realtime_gui.core.catalog.group_type import GroupType
from realtime_gui.core.catalog.nodes import Field, Group, Node, at
from realtime_gui.core.catalog.scalar_types import (
    AudioFormat,
    Boolean,
    Choice,
    Integer,
    Modalities,
    MultiChoice,
    Number,
    TokenLimit,
)
from realtime_gui.core.catalog.text_types import Json, StringList, Text, Voice
from realtime_gui.core.catalog.tool_kinds import TOOLS
from realtime_gui.core.catalog.tools import ToolChoice

__all__ = ["SECTIONS", "SESSION_FIELDS"]

SECTIONS = (
    "Expiry", "Model and instructions", "Output", "Input audio", "Turn detection", "Tools",
    "Sampling and limits", "Tracing, prompt and advanced",
)

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
_PROMPT_VARIABLES = {"type": "object", "additionalProperties": {"anyOf": [
    {"type": "string"},
    {"type": "object", "required": ["type"],
     "properties": {"type": {"enum": ["input_text", "input_image", "input_file"]}}},
]}}

_REALTIME = "beta ga"
_ALL_AUDIO = "beta ga beta-transcription ga-transcription"

SESSION_FIELDS: tuple[Node, ...] = (
    Group("expires_after", "Expiry", "How long the client secret stays valid.",
          wire=at("ga ga-transcription translation", "expires_after"), section="Expiry",
          type=GroupType(default_note="10 minutes from creation"), children=(
              Field("anchor", "Counted from", "The moment the lifetime is counted from.",
                    type=Choice((Option("created_at", "When the secret is created"),)), default="created_at"),
              Field("seconds", "Lifetime", "Seconds until the secret expires, from 10 seconds to 2 hours.",
                    type=Integer(10, 7200, unit="seconds"), default=600),
          )),
    Field("model", "Model", "The model the session runs. Type any model name the service knows.",
          wire={**at("beta", "model"), **at("ga translation", "session.model")}, section="Model and instructions",
          type=Text(suggestions=_REALTIME_MODELS), required_on=frozenset({"translation"}), unset="service"),
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
          type=Text(pattern=r"[a-z]{2,3}(-[A-Za-z0-9]+)?", pattern_hint="a language code such as es or pt-BR"),
          unset="service"),
    Field("input_format", "Input audio format", "The encoding of the audio your client sends.",
          wire={**at("beta beta-transcription", "input_audio_format"),
                **at("ga ga-transcription", "session.audio.input.format")},
          section="Input audio", type=AudioFormat(_AUDIO_FORMATS), default="pcm16"),
    Group("transcription", "Transcription", "Transcribe what the user says, with a separate speech-to-text "
          "model. Off by default.", section="Input audio", type=GroupType(off_by_default=True),
          wire={**at("beta", "input_audio_transcription", nullable=True),
                **at("beta-transcription", "input_audio_transcription"),
                **at("ga ga-transcription", "session.audio.input.transcription"),
                **at("translation", "session.audio.input.transcription", nullable=True, require=("model",))},
          children=(
              Field("model", "Transcription model", "The speech-to-text model.",
                    type=Text(suggestions=_TRANSCRIBE_MODELS), unset="service"),
              Field("language", "Language", "The spoken language as an ISO-639-1 code (en, fr, ...). "
                    "Naming it improves accuracy and speed.", type=Text(),
                    only=frozenset(_ALL_AUDIO.split()), unset="omitted"),
              Field("languages", "Languages", "Several expected languages, one code per line.",
                    type=StringList(min_items=1), only=frozenset({"beta-transcription", "ga", "ga-transcription"}),
                    unset="omitted"),
              Field("keywords", "Keywords", "Words and names to listen for, one per line.",
                    type=StringList(), only=frozenset({"beta-transcription", "ga", "ga-transcription"}),
                    unset="omitted"),
              Field("prompt", "Prompt", "Text that guides the transcription: vocabulary, spelling, style.",
                    type=Text(multiline=True), only=frozenset(_ALL_AUDIO.split()), unset="omitted"),
              Field("delay", "Delay", "How long the model waits for context before it emits text.",
                    type=Choice(_DELAYS), only=frozenset({"beta-transcription", "ga", "ga-transcription"}),
                    unset="service"),
          )),
    Group("noise_reduction", "Noise reduction", "Clean the input audio before voice detection and the "
          "model hear it. Off by default.", section="Input audio", type=GroupType(off_by_default=True),
          wire={**at("beta", "input_audio_noise_reduction", nullable=True),
                **at("beta-transcription", "input_audio_noise_reduction"),
                **at("ga ga-transcription", "session.audio.input.noise_reduction"),
                **at("translation", "session.audio.input.noise_reduction", nullable=True, require=("type",))},
          children=(
              Field("type", "Microphone", "The kind of microphone the audio comes from.", type=Choice((
                  Option("near_field", "Close to the mouth: headsets, headphones"),
                  Option("far_field", "At a distance: laptops, conference rooms"),
              )), unset="service"),
          )),
    Group("turn_detection", "Turn detection", "How the session decides the user has finished speaking. "
          "Turn it off to commit audio yourself.", section="Turn detection", type=GroupType(default_note="server VAD"),
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
              Option("item.input_audio_transcription.logprobs", "Log probabilities of transcribed words"),)),
          unset="omitted"),
    Field("tools", "Tools", "Functions and MCP servers the model may call.",
          wire={**at("beta", "tools"), **at("ga", "session.tools")}, section="Tools", type=TOOLS,
          default_note="none"),
    Field("tool_choice", "Tool choice", "Whether and which tool the model calls.",
          wire={**at("beta", "tool_choice"), **at("ga", "session.tool_choice")}, section="Tools",
          type=ToolChoice((Option("auto", "The model decides"), Option("none", "Never call a tool"),
                           Option("required", "Always call some tool")), tools=TOOLS, tools_field="tools"),
          default="auto"),
    Field("parallel_tool_calls", "Parallel tool calls", "Allow several tool calls in one answer.",
          wire=at("ga", "session.parallel_tool_calls"), section="Tools", type=Boolean(), unset="service"),
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
          type=GroupType(literals=(Option("auto", "Drop old turns as needed"),
                                   Option("disabled", "Never drop anything; fail when full")), default_note="auto"),
          children=(
              Field("type", "Strategy", "Keep a share of the conversation.",
                    type=Choice((Option("retention_ratio", "Keep a fraction of the context"),)),
                    default="retention_ratio"),
              Field("retention_ratio", "Retention ratio", "The fraction of the conversation kept when it is "
                    "cut, from 0 to 1.", type=Number(0.0, 1.0, step=0.05), unset="service"),
              Group("token_limits", "Token limits", "Limits for the retention strategy.", children=(
                  Field("post_instructions", "After instructions", "Tokens kept after the instructions.",
                        type=Integer(0), unset="service"),
              )),
          ), require=("retention_ratio",)),
    Group("prompt", "Prompt", "A stored prompt to use, with its variables.",
          wire=at("ga", "session.prompt", nullable=True, require=("id",)), section="Tracing, prompt and advanced",
          children=(
              Field("id", "Prompt id", "The id of the stored prompt.", type=Text(), unset="omitted"),
              Field("version", "Version", "Which version of the prompt; not set for the current one.",
                    type=Text(), null_ok=True, default_note="the prompt's current version"),
              Field("variables", "Variables", "Values for the prompt's variables, as a JSON object.",
                    type=Json(schema=_PROMPT_VARIABLES, template={"customer_name": "Ada"}), null_ok=True,
                    unset="omitted"),
          )),
    Group("tracing", "Tracing", 'Send traces to the Traces dashboard: "auto" names them for you, or give '
          "your own names.", wire={**at("beta", "tracing"), **at("ga", "session.tracing", nullable=True)},
          section="Tracing, prompt and advanced",
          type=GroupType(literals=(Option("auto", "Default names for workflow and group"),), off_by_default=True),
          children=(
              Field("workflow_name", "Workflow name", "The name of the workflow traces appear under.", type=Text(),
                    unset="service"),
              Field("group_id", "Group id", "An id to group related traces.", type=Text(), unset="service"),
              Field("metadata", "Metadata", "Any JSON object to attach to the traces.",
                    type=Json(schema={"type": "object"}, template={"build": "dev"}), unset="omitted"),
          )),
)

