"""Moving a configuration between endpoints drops nothing silently."""

from __future__ import annotations

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.convert import convert


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
