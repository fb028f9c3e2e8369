"""Every body realtime-gui builds validates against the official request schema,
every schema property is declared, and imported bodies build back unchanged."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import configurations

from realtime_gui.core.catalog.declaration import ENDPOINTS, endpoint
from realtime_gui.core.catalog.types import EncodeContext
from realtime_gui.core.wire.body import build_body, detect_endpoint, import_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.convert import convert
from realtime_gui.core.wire.reference import field_rows
from realtime_gui.core.wire.validate import validate

ALL = list(ENDPOINTS)
SECRETS = {"ref-1": "mcp-token-123456"}
# Accepted by the beta service though the April 2025 schema does not list
# them (see shared/README.md): its request object allows extra properties.
BETA_EXTRAS = {"speed", "tracing", "tracing.workflow_name", "tracing.group_id", "tracing.metadata"}


def validator(schemas: dict[str, Any], endpoint_id: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schemas["endpoints"][endpoint(endpoint_id).schema_key]["request"])


def real_body(config: Configuration) -> dict[str, Any]:
    return build_body(config, EncodeContext(endpoint(config.endpoint).shape, "resolve", SECRETS.get))


def schema_paths(schema: dict[str, Any], prefix: str = "") -> Iterator[str]:
    """Every property path a request schema declares, through unions and arrays."""
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(key, []):
            yield from schema_paths(branch, prefix)
    for name, inner in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path
        yield from schema_paths(inner, path)
    if isinstance(schema.get("items"), dict):
        yield from schema_paths(schema["items"], prefix + "[]")


def own_branch(schemas: dict[str, Any], endpoint_id: str) -> dict[str, Any]:
    """The request schema, narrowed to the endpoint's own session type where
    one path serves several (client_secrets: realtime and transcription)."""
    schema = dict(schemas["endpoints"][endpoint(endpoint_id).schema_key]["request"])
    session_type = endpoint(endpoint_id).fixed.get("session.type")
    if session_type:
        branches = schema["properties"]["session"]["oneOf"]
        own = [b for b in branches if b["properties"]["type"].get("enum") == [session_type]]
        assert len(own) == 1
        schema["properties"] = {**schema["properties"], "session": own[0]}
    return schema


def coverage(schema: dict[str, Any], rows: list[dict[str, Any]], fixed: Iterable[str]) -> tuple[list[str], list[str]]:
    """The schema's paths ``fields`` misses, and those it covers only as the inside of a value.

    A field whose value is an object edited as a whole (an audio format) covers its insides;
    a field that lists parts of its own (a tool choice's ``name``) covers only those, like a
    group or the tool list, whose fields are rows of their own.
    """
    covered = {row["path"] for row in rows} | set(fixed)
    leaves = {p for p in covered if not any(q.startswith((p + ".", p + "[]")) for q in covered)}
    leaves -= {row["path"] for row in rows if row["kind"] in ("group", "tools")}
    missing, enclosed = [], []
    for path in sorted(set(schema_paths(schema))):
        container = any(p.startswith((path + ".", path + "[]")) for p in covered)  # "session.audio"
        if path in covered or container:
            continue
        if any(path.startswith((p + ".", p + "[]")) for p in leaves):
            enclosed.append(path)
        else:
            missing.append(path)
    return missing, enclosed


# Schema paths inside values the form edits as one (an audio format is one choice, a
# custom voice one id); every other path is a row of ``realtime-gui fields``.
AUDIO_FORMATS = ["session.audio.input.format.rate", "session.audio.input.format.type"]
ENCLOSED = {
    "ga": [*AUDIO_FORMATS, "session.audio.output.format.rate", "session.audio.output.format.type",
           "session.audio.output.voice.id"],
    "ga-transcription": AUDIO_FORMATS,
}


@pytest.mark.parametrize("endpoint_id", ALL)
def test_every_schema_property_is_declared(official_schemas: dict[str, Any], endpoint_id: str) -> None:
    schema = own_branch(official_schemas, endpoint_id)
    missing, enclosed = coverage(schema, field_rows(endpoint_id), endpoint(endpoint_id).fixed)
    assert missing == []
    assert enclosed == ENCLOSED.get(endpoint_id, [])


def test_fields_lists_every_ga_schema_path_but_the_insides_of_whole_values(official_schemas: dict[str, Any]) -> None:
    schema = own_branch(official_schemas, "ga")
    paths = set(schema_paths(schema))
    listed = {row["path"] for row in field_rows("ga")} | set(endpoint("ga").fixed)
    containers = {p for p in paths - listed if any(q.startswith(p + ".") for q in listed)}
    assert (len(paths), len(paths & listed), len(containers)) == (84, 75, 4)
    assert sorted(paths - listed - containers) == ENCLOSED["ga"]


@pytest.mark.parametrize("dropped", ["session.tool_choice.server_label", "session.tools[].allowed_tools.read_only",
                                     "session.tools[].require_approval.never.tool_names"])
def test_the_coverage_check_fails_when_a_part_is_not_listed(official_schemas: dict[str, Any], dropped: str) -> None:
    """Mutation check: without one row of a listed part, the check above names it."""
    rows = [row for row in field_rows("ga") if row["path"] != dropped]
    missing, _ = coverage(own_branch(official_schemas, "ga"), rows, endpoint("ga").fixed)
    assert missing == [dropped]


def test_the_coverage_check_fails_when_a_value_stops_listing_its_parts(official_schemas: dict[str, Any]) -> None:
    """Mutation check: a tool choice without its part rows covers them only as a whole value."""
    rows = [row for row in field_rows("ga") if not row["path"].startswith("session.tool_choice.")]
    _, enclosed = coverage(own_branch(official_schemas, "ga"), rows, endpoint("ga").fixed)
    assert enclosed != ENCLOSED["ga"]
    assert "session.tool_choice.server_label" in enclosed


@pytest.mark.parametrize("endpoint_id", ALL)
def test_every_declared_path_is_in_the_schema(official_schemas: dict[str, Any], endpoint_id: str) -> None:
    schema = own_branch(official_schemas, endpoint_id)
    known = set(schema_paths(schema))
    extras = BETA_EXTRAS if endpoint_id == "beta" else set()
    unknown = [r["path"] for r in field_rows(endpoint_id) if r["path"] not in known and r["path"] not in extras]
    assert unknown == []


HAND_PICKED: list[Configuration] = [
    Configuration.new("plain ga"),
    Configuration.new("plain beta", "beta"),
    Configuration("ga full", "ga", {
        "model": "gpt-realtime", "instructions": "Be brief.", "output_modalities": ["text"],
        "voice": "marin", "speed": 1.1, "output_format": "g711_alaw", "input_format": "g711_ulaw",
        "transcription.model": "gpt-4o-transcribe", "transcription.languages": ["en", "de"],
        "transcription.delay": "low", "noise_reduction.type": "far_field",
        "turn_detection.type": "server_vad", "turn_detection.threshold": 0.7,
        "turn_detection.idle_timeout_ms": 6000, "include": ["item.input_audio_transcription.logprobs"],
        "tools": [
            {"type": "function", "name": "lookup", "description": "Find a thing",
             "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}},
            {"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example.com/sse",
             "authorization": {"secret_ref": "ref-1"}, "require_approval": {"never": {"tool_names": ["read"]}},
             "allowed_tools": {"tool_names": ["read"], "read_only": True}, "headers": {"X-A": "b"}},
        ],
        "tool_choice": {"type": "function", "name": "lookup"}, "parallel_tool_calls": False,
        "max_output_tokens": 512, "reasoning.effort": "minimal", "truncation.retention_ratio": 0.8,
        "truncation.token_limits.post_instructions": 1000, "prompt.id": "pmpt_123",
        "prompt.variables": {"name": "Ada"}, "tracing.workflow_name": "demo",
        "expires_after.seconds": 7200,
    }),
    Configuration("beta full", "beta", {
        "model": "gpt-4o-realtime-preview", "output_modalities": ["text", "audio"], "voice": "verse",
        "input_format": "pcm16", "output_format": "pcm16", "transcription.model": "whisper-1",
        "noise_reduction": None, "turn_detection.type": "semantic_vad", "turn_detection.eagerness": "high",
        "tools": [{"type": "function", "name": "f1", "parameters": {"type": "object"}}],
        "tool_choice": {"type": "function", "name": "f1"}, "temperature": 0.6,
        "max_output_tokens": "inf", "speed": 0.25, "tracing": "auto",
    }),
    Configuration("beta off", "beta", {"model": "m", "turn_detection": None, "transcription": None}),
    Configuration("ga off", "ga", {"model": "m", "turn_detection": None, "tracing": None, "prompt": None}),
    Configuration("transcribe", "ga-transcription", {
        "transcription.model": "gpt-4o-mini-transcribe", "transcription.keywords": ["Kubernetes"],
        "turn_detection.type": "semantic_vad", "input_format": "pcm16"}),
    Configuration("beta transcribe", "beta-transcription", {
        "transcription.model": "whisper-1", "transcription.prompt": "names", "noise_reduction.type": "near_field",
        "turn_detection.silence_duration_ms": 800, "include": ["item.input_audio_transcription.logprobs"]}),
    Configuration("translate", "translation", {
        "model": "gpt-realtime-translate", "output_language": "es", "transcription.model": "whisper-1",
        "noise_reduction": None, "expires_after.seconds": 60}),
]


@pytest.mark.parametrize("config", HAND_PICKED, ids=lambda c: c.name)
def test_hand_picked_bodies_conform(official_schemas: dict[str, Any], config: Configuration) -> None:
    assert validate(config) == []
    body = real_body(config)
    errors = [e.message for e in validator(official_schemas, config.endpoint).iter_errors(body)]
    assert errors == []
    assert detect_endpoint(body) == config.endpoint


@pytest.mark.parametrize("endpoint_id", ALL)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_drawn_bodies_conform_and_round_trip(official_schemas: dict[str, Any], endpoint_id: str,
                                             data: st.DataObject) -> None:
    config = data.draw(configurations(endpoint_id))
    assert [str(p) for p in validate(config)] == []
    body = real_body(config)
    errors = [e.message for e in validator(official_schemas, endpoint_id).iter_errors(body)]
    assert errors == [], body
    imported = import_body(body, endpoint_id)
    assert imported.unknown == [] and imported.problems == []
    assert real_body(imported.configuration("again")) == body


def test_import_reports_unknown_fields_by_path() -> None:
    result = import_body({"session": {"type": "realtime", "model": "m", "colour": "blue",
                                      "audio": {"output": {"pitch": 3}, "input": {"turn_detection": {
                                          "type": "server_vad", "silence_ms": 5}}},
                                      "tracing": {"bogus": 1}, "truncation": {"type": "retention_ratio",
                                      "retention_ratio": 0.5, "token_limits": {"pre": 1}}},
                          "expires_after": {"secs": 9}})
    assert result.endpoint == "ga"
    assert sorted(result.unknown) == [
        "expires_after.secs", "session.audio.input.turn_detection.silence_ms", "session.audio.output.pitch",
        "session.colour", "session.tracing.bogus", "session.truncation.token_limits.pre"]
    assert result.values == {"model": "m", "turn_detection.type": "server_vad", "truncation.type": "retention_ratio",
                             "truncation.retention_ratio": 0.5}


def test_import_reports_values_it_cannot_read() -> None:
    result = import_body({"temperature": 3, "voice": "ash"}, "beta")
    assert result.values == {"voice": "ash"}
    assert result.problems == ["Temperature (temperature) must be between 0.6 and 1.2; it is 3"]
    bad = import_body({"input_audio_format": "mp3"}, "beta")
    assert bad.problems == ["Input audio format (input_audio_format) must be one of pcm16, g711_ulaw, "
                            'g711_alaw; it is "mp3"']


def test_detects_each_endpoint_shape() -> None:
    assert detect_endpoint({"model": "gpt-4o-realtime-preview", "voice": "ash"}) == "beta"
    assert detect_endpoint({"input_audio_transcription": {"model": "whisper-1"}}) == "beta-transcription"
    assert detect_endpoint({"session": {"type": "realtime"}}) == "ga"
    assert detect_endpoint({"session": {"type": "transcription"}}) == "ga-transcription"
    assert detect_endpoint({"session": {"model": "gpt-realtime-translate"}}) == "translation"


def test_beta_converts_to_ga_and_names_what_did_not_carry_over(official_schemas: dict[str, Any]) -> None:
    beta = HAND_PICKED[3]
    conversion = convert(beta, "ga", "beta full (GA)")
    ga = conversion.configuration
    assert beta.endpoint == "beta" and ga.endpoint == "ga" and ga.name == "beta full (GA)"
    assert [label for label, _ in conversion.dropped] == ["Temperature (temperature)"]
    body = real_body(ga)
    assert [e.message for e in validator(official_schemas, "ga").iter_errors(body)] == []
    session = body["session"]
    assert session["output_modalities"] == ["audio"]
    assert session["audio"]["output"]["voice"] == "verse"
    assert session["audio"]["input"]["format"] == {"type": "audio/pcm", "rate": 24000}
    assert session["audio"]["input"]["turn_detection"] == {"type": "semantic_vad", "eagerness": "high"}
    assert session["max_output_tokens"] == "inf"
    assert session["tools"] == [{"type": "function", "name": "f1", "parameters": {"type": "object"}}]
    back = convert(ga, "beta").configuration
    assert dict(back.values) == {k: v for k, v in beta.values.items() if k != "temperature"}


@settings(max_examples=100, deadline=None)
@given(config=configurations("beta"))
def test_every_drawn_beta_body_converts_to_a_conforming_ga_body(official_schemas: dict[str, Any],
                                                               config: Configuration) -> None:
    ga = convert(config, "ga").configuration
    assert [str(p) for p in validate(ga)] == []
    body = real_body(ga)
    assert [e.message for e in validator(official_schemas, "ga").iter_errors(body)] == []
    back = convert(ga, "beta").configuration
    carried = {k: v for k, v in back.values.items() if k in ga.values}
    assert carried == {k: v for k, v in config.values.items() if k in ga.values}


REALISTIC_BETA_BODIES = [
    {"model": "gpt-4o-realtime-preview-2024-12-17", "voice": "verse"},
    {"model": "gpt-4o-realtime-preview", "modalities": ["audio", "text"], "instructions": "You are a helpful "
     "assistant.", "voice": "alloy", "input_audio_format": "pcm16", "output_audio_format": "pcm16",
     "input_audio_transcription": {"model": "whisper-1"}, "turn_detection": {"type": "server_vad",
     "threshold": 0.5, "prefix_padding_ms": 300, "silence_duration_ms": 500, "create_response": True},
     "tools": [], "tool_choice": "auto", "temperature": 0.8, "max_response_output_tokens": "inf"},
    {"model": "gpt-4o-mini-realtime-preview", "modalities": ["text"], "turn_detection": None,
     "max_response_output_tokens": 1024},
    {"model": "gpt-4o-realtime-preview", "input_audio_format": "g711_ulaw", "output_audio_format": "g711_ulaw",
     "voice": "shimmer", "turn_detection": {"type": "semantic_vad", "eagerness": "low",
                                            "interrupt_response": False},
     "input_audio_noise_reduction": {"type": "far_field"}},
    {"model": "gpt-4o-realtime-preview", "tools": [{"type": "function", "name": "get_weather",
     "description": "Weather for a city", "parameters": {"type": "object", "properties": {"city": {
         "type": "string"}}, "required": ["city"]}}], "tool_choice": "get_weather", "temperature": 0.6},
    {"model": "gpt-4o-realtime-preview", "input_audio_transcription": {"model": "gpt-4o-transcribe",
     "language": "de", "prompt": "Fachbegriffe"}, "speed": 1.2, "tracing": "auto"},
]


@pytest.mark.parametrize("body", REALISTIC_BETA_BODIES)
def test_realistic_beta_bodies_convert_to_conforming_ga(official_schemas: dict[str, Any], body: dict[str, Any]) -> None:
    imported = import_body(body)
    assert imported.endpoint == "beta" and imported.unknown == [] and imported.problems == []
    beta = imported.configuration("old")
    assert real_body(beta) == body
    conversion = convert(beta, "ga")
    ga_body = real_body(conversion.configuration)
    assert [e.message for e in validator(official_schemas, "ga").iter_errors(ga_body)] == []
    dropped = {label for label, _ in conversion.dropped}
    assert dropped == ({"Temperature (temperature)"} if "temperature" in body else set())
    back = real_body(convert(conversion.configuration, "beta").configuration)
    assert back == {k: v for k, v in body.items() if k != "temperature"}


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8)


@pytest.mark.parametrize("endpoint_id", ALL)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_whatever_validation_accepts_conforms(official_schemas: dict[str, Any], endpoint_id: str,
                                             data: st.DataObject) -> None:
    """Any JSON value in any one field: if validation lets it through, the
    official schema must accept the body built from it."""
    from strategies import values_of

    from realtime_gui.core.catalog.declaration import placed
    from realtime_gui.core.catalog.nodes import Field

    spot = data.draw(st.sampled_from([p for p in placed(endpoint_id) if isinstance(p.node, Field)]))
    assert isinstance(spot.node, Field)
    value = data.draw(st.one_of(values_of(spot.node.type, endpoint_id), ANY_JSON))
    config = Configuration.new("x", endpoint_id)
    config.values[spot.node.id] = value
    if validate(config):
        return
    body = real_body(config)
    assert [e.message for e in validator(official_schemas, endpoint_id).iter_errors(body)] == [], (spot.path, value)
