"""Validation messages name the field by label and path and say what is valid."""

from __future__ import annotations

from typing import Any

import pytest

from realtime_gui.core.catalog.types import parse_json_text
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import validate


def problems(endpoint_id: str, **values: Any) -> list[str]:
    config = Configuration("x", endpoint_id, {k.replace("__", "."): v for k, v in values.items()})
    return [p.message for p in validate(config)]


@pytest.mark.parametrize(("endpoint_id", "values", "expected"), [
    ("beta", {"temperature": 1.5}, "Temperature (temperature) must be between 0.6 and 1.2; it is 1.5."),
    ("ga", {"speed": 2}, "Speed (session.audio.output.speed) must be between 0.25 and 1.5; it is 2."),
    ("ga", {"expires_after__seconds": 5}, "Lifetime (expires_after.seconds) must be between 10 and 7200; it is 5."),
    ("beta", {"max_output_tokens": 0}, 'Max output tokens (max_response_output_tokens) must be between 1 and 4096 '
     '(or "inf" for no limit); it is 0.'),
    ("ga", {"voice": ""}, "Voice (session.audio.output.voice) must not be empty."),
    ("ga", {"output_format": "mp3"}, "Output audio format (session.audio.output.format) must be one of pcm16, "
     "g711_ulaw, g711_alaw; it is 'mp3'."),
    ("beta-transcription", {"turn_detection__type": "semantic_vad"}, "Detector (turn_detection.type) can't be "
     "'semantic_vad' on Beta transcription session; use server_vad."),
    ("ga", {"turn_detection__idle_timeout_ms": 100}, "Idle timeout (session.audio.input.turn_detection."
     "idle_timeout_ms) must be between 5000 and 30000; it is 100."),
    ("ga", {"prompt__version": "2"}, "Prompt id (session.prompt.id) is required when prompt is on; set it, or "
     "turn prompt off."),
    ("translation", {}, "Model (session.model) is required on Translation client secret."),
    ("ga", {"voice": None}, "Voice (session.audio.output.voice) can't be turned off on GA client secret "
     "(realtime); clear it to use the default."),
    ("ga", {"tool_choice": {"type": "function", "name": "ghost"}}, "Tool choice (session.tool_choice) names the "
     "function 'ghost', which is not among the tools (none are declared); add it or choose another."),
])
def test_each_problem_reads_well(endpoint_id: str, values: dict[str, Any], expected: str) -> None:
    found = problems(endpoint_id, **values)
    assert expected in found, found


def test_tool_problems_name_the_tool_and_field() -> None:
    tools = [
        {"type": "function", "name": "has space"},
        {"type": "function", "name": "dup", "parameters": {"type": "object", "properties": 3}},
        {"type": "function", "name": "dup", "parameters": ["not", "an", "object"]},
        {"type": "mcp", "server_label": "x"},
    ]
    found = problems("beta", tools=tools)
    assert "Tools (tools[0].name) must be 1 to 64 letters, digits, _ or -; it is 'has space'." in found
    assert any(m.startswith("Tools (tools[1].parameters) is not a valid JSON Schema: 3 is not of type")
               for m in found), found
    assert any(m.startswith("Tools (tools[2].parameters) does not fit: ['not', 'an', 'object'] is not of type "
                            "'object'") for m in found), found
    assert "Tools (tools) has two tools named 'dup'; tool names must be unique." in found
    assert "Tools (tools[3]) is an mcp tool, which this endpoint does not accept." in found


def test_values_the_endpoint_does_not_have_are_kept_but_not_checked() -> None:
    assert problems("ga", temperature=5.0) == []  # beta-only; kept for switching back, never sent to GA
    assert problems("ga", colour="red") == ["colour (colour) is not a field realtime-gui knows; remove it "
                                            "from the configuration file."]


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(ValueError, match=r"line 2, column 8: Expecting value"):
        parse_json_text('{"a": 1,\n  "b": }')


def test_a_valid_configuration_has_no_problems() -> None:
    assert problems("ga", model="gpt-realtime", voice="marin", speed=1.0) == []
