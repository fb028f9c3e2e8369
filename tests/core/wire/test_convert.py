"""Moving a configuration between endpoints drops nothing silently."""

from __future__ import annotations

import pytest

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.convert import Counterpart, conversion_target, convert


def test_what_the_target_lacks_is_listed_and_the_original_kept() -> None:
    beta = Configuration("x", "beta", {"temperature": 0.9, "voice": "ash"})
    done = convert(beta, "ga")
    assert done.configuration.values == {"voice": "ash"} and done.configuration.endpoint == "ga"
    assert done.dropped == [("Temperature (temperature)", "GA client secret (realtime) has no such field")]
    assert beta.values == {"temperature": 0.9, "voice": "ash"}


def test_off_that_the_target_cannot_send_names_its_default() -> None:
    done = convert(Configuration("x", "ga", {"turn_detection": None}), "beta-transcription")
    assert done.dropped == [("Turn detection (turn_detection)", "it was off; Beta transcription session can't send "
                             "it as null, and leaving it out gives the default (server VAD)")]


def test_tools_of_a_kind_the_target_refuses_are_dropped() -> None:
    tools = [{"type": "function", "name": "f"}, {"type": "mcp", "server_label": "d", "server_url": "https://x"}]
    done = convert(Configuration("x", "ga", {"tools": tools}), "beta")
    assert done.configuration.values["tools"] == tools[:1]
    assert done.dropped == [("Tools (tools)", "1 tool(s) of a kind Beta session does not accept")]


def test_each_beta_endpoint_converts_to_its_own_ga_counterpart() -> None:
    done = convert(Configuration("x", "beta-transcription", {"transcription.model": "whisper-1"}))
    assert done.configuration.endpoint == "ga-transcription"
    assert done.configuration.values == {"transcription.model": "whisper-1"} and done.notes() == []
    assert convert(Configuration("x", "beta", {"voice": "ash"})).configuration.endpoint == "ga"


def test_a_configuration_already_on_the_target_is_refused() -> None:
    with pytest.raises(ValueError, match=r"“x” is already for GA client secret \(realtime\); there is nothing "
                                         "to convert"):
        convert(Configuration("x", "ga", {}), "ga")
    with pytest.raises(ValueError, match=r"“x” is already for GA client secret \(transcription\), a GA endpoint; "
                                         "there is nothing to convert it to unless you name another endpoint"):
        convert(Configuration("x", "ga-transcription", {}))


@pytest.mark.parametrize(("endpoint_id", "to", "target"), [
    ("beta", None, "ga"), ("beta", "ga", "ga"), ("beta-transcription", "ga", "ga-transcription"),
    ("ga", "beta", "beta"), ("ga-transcription", "ga", None), ("translation", None, None), ("ga", "ga", None),
])
def test_ga_means_the_ga_endpoint_of_its_own_kind(endpoint_id: str, to: str | None, target: str | None) -> None:
    config = Configuration("x", endpoint_id, {})
    if target is None:
        with pytest.raises(ValueError, match=r"is already for .*, a GA endpoint"):
            conversion_target(config, to)
    else:
        assert conversion_target(config, to) == target


def test_a_beta_model_is_offered_its_ga_counterpart_and_the_notes_say_so() -> None:
    beta = Configuration("x", "beta", {"model": "gpt-4o-mini-realtime-preview-2024-12-17", "temperature": 0.9})
    offered = convert(beta)
    assert offered.configuration.values == {"model": "gpt-4o-mini-realtime-preview-2024-12-17"}
    assert offered.counterparts == [Counterpart("Model (model)", "model", "gpt-4o-mini-realtime-preview-2024-12-17",
                                                "gpt-realtime-mini")]
    assert offered.notes() == [
        "offered: Model (model): gpt-4o-mini-realtime-preview-2024-12-17 is a beta name; its GA counterpart is "
        "gpt-realtime-mini",
        "not carried over: Temperature (temperature): GA client secret (realtime) has no such field"]
    used = convert(beta, use_counterparts=True)
    assert used.configuration.values == {"model": "gpt-realtime-mini"}
    assert used.notes()[0] == ("changed: Model (model): gpt-4o-mini-realtime-preview-2024-12-17 is a beta name; "
                               "it is now its GA counterpart gpt-realtime-mini")
    kept = convert(Configuration("x", "beta", {"model": "my-proxy-model"}), use_counterparts=True)
    assert kept.configuration.values == {"model": "my-proxy-model"} and kept.counterparts == []


def test_values_it_can_not_carry_are_named_never_a_type_error() -> None:
    done = convert(Configuration("x", "beta", {"tools": {"type": "function"}, "colour": "red", "voice": "ash"}))
    assert done.configuration.values == {"voice": "ash"}
    assert done.dropped == [("Tools (tools)", "it is an object, not a list of tools"),
                            ("colour (colour)", "realtime-gui knows no such field")]
