"""Asked against applied, field by field (realtime_gui.core.check.compare)."""

from __future__ import annotations

from typing import Any

import pytest

from realtime_gui.core.check.compare import ABSENT, asked_session, compare_session, show_value
from realtime_gui.core.wire.configuration import Configuration


def configured(endpoint_id: str = "ga", **values: Any) -> Configuration:
    config = Configuration.new("demo", endpoint_id)
    config.values.update(values)
    return config


def verdicts(config: Configuration, applied: dict[str, Any]) -> dict[str, tuple[Any, Any, str]]:
    return {row.path: (row.asked, row.applied, row.status) for row in compare_session(config, applied).rows}


def test_each_field_is_same_differs_not_asked_or_not_shown_by_its_wire_path() -> None:
    config = configured(voice="marin", instructions="Be brief.")
    applied = {"type": "realtime", "model": "gpt-realtime", "audio": {"output": {"voice": "alloy"}},
               "output_modalities": ["audio"], "id": "sess_1", "object": "realtime.session"}
    assert verdicts(config, applied) == {
        "session.model": ("gpt-realtime", "gpt-realtime", "same"),
        "session.instructions": ("Be brief.", ABSENT, "not shown"),
        "session.output_modalities": (ABSENT, ["audio"], "not asked"),
        "session.audio.output.voice": ("marin", "alloy", "differs"),
    }


def test_the_flat_beta_session_is_compared_at_its_own_paths() -> None:
    config = configured("beta", voice="verse")
    rows = verdicts(config, {"model": "gpt-4o-realtime-preview", "voice": "alloy", "client_secret": None})
    assert rows["voice"] == ("verse", "alloy", "differs")
    assert rows["model"][2] == "same"


def test_floats_the_service_stored_in_single_precision_are_the_same() -> None:
    config = configured(speed=0.8)
    rows = verdicts(config, {"audio": {"output": {"speed": 0.800000011920929}}})
    assert rows["session.audio.output.speed"][2] == "same"
    assert verdicts(config, {"audio": {"output": {"speed": 0.9}}})["session.audio.output.speed"][2] == "differs"


def test_a_group_switched_off_is_compared_whole_and_objects_field_by_field() -> None:
    config = configured(turn_detection=None)
    applied = {"audio": {"input": {"turn_detection": {"type": "server_vad", "threshold": 0.5}}}}
    rows = verdicts(config, applied)
    assert rows["session.audio.input.turn_detection"] == (None, applied["audio"]["input"]["turn_detection"],
                                                           "differs")
    assert rows["session.audio.input.turn_detection.threshold"] == (ABSENT, 0.5, "not asked")


def test_the_expiry_is_not_part_of_the_session() -> None:
    config = configured()
    config.values["expires_after.seconds"] = 60
    assert "expires_after" not in asked_session(config)
    assert not [p for p in verdicts(config, {}) if p.startswith("expires_after")]


def test_differences_and_json_leave_out_an_empty_side() -> None:
    comparison = compare_session(configured(voice="marin"), {"audio": {"output": {"voice": "alloy", "speed": 1.0}}})
    assert [row.path for row in comparison.differences] == ["session.audio.output.voice"]
    assert {"path": "session.audio.output.speed", "label": "Speed", "status": "not asked",
            "applied": 1.0} in comparison.to_json()


@pytest.mark.parametrize(("value", "shown"), [
    (ABSENT, "—"), ("marin", "marin"), (None, "null"), ({"rate": 8}, '{"rate": 8}'),
    ("x" * 50, "x" * 19 + "…"),
])
def test_values_are_shown_plainly_and_cut(value: Any, shown: str) -> None:
    assert show_value(value, 20) == shown
