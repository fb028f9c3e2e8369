"""A configuration's stored data is checked field by field, as a body is, and never raises."""

from __future__ import annotations

import json
from typing import Any

import pytest

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.data_check import check_configuration_data
from realtime_gui.core.wire.importing import read_import
from realtime_gui.core.wire.validate import Problem


def messages(data: Any) -> list[str]:
    return [p.message for p in check_configuration_data(data)]


def test_a_sound_configuration_has_no_problems() -> None:
    config = Configuration("x", "ga", {"model": "gpt-realtime", "voice": "ash", "temperature": 0.7,
                                       "tools": [{"type": "function", "name": "f"}], "tool_choice": "auto"},
                           {"base_url": "https://example.com/v1", "key_name": "work"})
    assert messages(config.to_data()) == []
    assert messages({}) == []  # everything left to its default


def test_an_incomplete_configuration_is_not_a_wrong_one() -> None:
    assert messages({"endpoint": "translation", "connection": {"service": "azure"}, "values": {}}) == []


@pytest.mark.parametrize(("data", "problem"), [
    ([], "The configuration (configuration) must be a JSON object; it is a list."),
    ({"endpoint": "gamma"}, "Endpoint (endpoint) must be one of ga, beta, ga-transcription, beta-transcription, "
                            "translation; it is 'gamma'."),
    ({"values": ["model"]}, "Values (values) must be a JSON object; it is a list."),
    ({"connection": "openai"}, "Connection (connection) must be a JSON object; it is text."),
])
def test_a_malformed_file_gets_one_plain_problem(data: Any, problem: str) -> None:
    assert messages(data) == [problem]


def test_wrong_values_are_named_field_by_field() -> None:
    data = {"endpoint": "ga", "connection": {"base_url": "ftp://x", "key_name": "../x", "proxy": "y"},
            "values": {"speed": "fast", "tools": {"type": "function"}, "colour": 1, "temperature": "hot",
                       "tracing.metadata": {"n": float("nan")}}}
    assert messages(data) == [
        "proxy (connection.proxy) is not a connection setting realtime-gui knows; remove it from the "
        "configuration file.",
        "Base URL (base_url) must be an http:// or https:// URL; it is 'ftp://x'.",
        "API key (key_name) must be a key name of letters, digits, _ . -; it is '../x'.",
        "colour (colour) is not a field realtime-gui knows; remove it from the configuration file.",
        "Speed (session.audio.output.speed) must be a number; it is text.",
        "Tools (session.tools) must be a list of tools; it is an object.",
        "Temperature (temperature) must be a number; it is text.",
        "Metadata (tracing.metadata) holds nan at n, which is not a JSON number; write a number or null.",
    ]


@pytest.mark.parametrize("tools", [{"type": "function"}, "f", 3, None, [1, "x", None], [{"type": []}]])
def test_tools_that_are_not_a_list_of_tools_never_raise(tools: Any) -> None:
    for endpoint_id in ("ga", "beta", "translation"):
        found = messages({"endpoint": endpoint_id, "values": {"tools": tools, "tool_choice": {"type": "function"}}})
        assert all(isinstance(m, str) for m in found)
    assert messages({"values": {"tools": "f"}})[0] == "Tools (session.tools) must be a list of tools; it is text."


def test_importing_a_configuration_file_reports_its_wrong_values() -> None:
    document = {**Configuration("x", "ga", {"speed": "fast"}).to_document()}
    imported = read_import(json.dumps(document), "X")
    assert imported.problems == ["Speed (session.audio.output.speed) must be a number; it is text."]


def test_data_checked_lately_is_answered_from_memory_and_changed_data_is_checked_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from realtime_gui.core.wire import data_check

    good = Configuration.new("A").to_data()
    tools = {**good, "values": {**good["values"], "tools": [{"type": "function", "name": "look_up"}]}}
    bad = {**good, "values": {**good["values"], "speed": float("nan")}}
    expected = {"tools": data_check._unusable(tools), "bad": data_check._unusable(bad)}
    assert expected["bad"] and not expected["tools"]
    data_check._remembered.cache_clear()
    checks: list[object] = []
    real_check = data_check.check_configuration_data

    def counted(data: Any) -> list[Problem]:
        checks.append(data)
        return real_check(data)

    monkeypatch.setattr(data_check, "check_configuration_data", counted)
    for _ in range(2):  # a fresh equal copy each time, as a file read again gives
        assert data_check.unusable_data(json.loads(json.dumps(tools))) == expected["tools"]
        assert [p.field_id for p in data_check.unusable_data(json.loads(json.dumps(bad)))] == \
            [p.field_id for p in expected["bad"]]
    assert len(checks) == 2  # each checked once
    data_check.unusable_data({**tools, "values": {**tools["values"], "voice": "ash"}})
    assert len(checks) == 3  # changed data is checked
