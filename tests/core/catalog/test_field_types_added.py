"""Adding a field type is one FieldType subclass: a throwaway type, declared here
and given to one throwaway field, flows through loading, validation, the request
body, import, conversion, ``fields`` and the Hypothesis strategies."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import configurations, values_of

from realtime_gui.cli import Context, main
from realtime_gui.core.catalog.field_type import DecodeError, EncodeContext, FieldType, Shape
from realtime_gui.core.catalog.nodes import Field, Node, at
from realtime_gui.core.catalog.session import SESSION_FIELDS
from realtime_gui.core.records import record
from realtime_gui.core.wire.body import build_body, import_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.convert import convert
from realtime_gui.core.wire.reference import field_rows
from realtime_gui.core.wire.validate import validate


@record
class Percent(FieldType):
    """A share in whole percent, sent as a fraction (35 goes out as 0.35)."""

    kind: str = field(default="percent", init=False)

    def check(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            return f"must be a whole percent from 0 to 100; it is {value!r}"
        return None

    def encode(self, value: Any, ctx: EncodeContext) -> Any:
        return value / 100

    def decode(self, wire: Any, shape: Shape) -> Any:
        if isinstance(wire, bool) or not isinstance(wire, (int, float)) or not 0 <= wire <= 1:
            raise DecodeError(f"must be a fraction from 0 to 1; it is {wire!r}")
        return round(wire * 100)

    def describe(self) -> str:
        return "a whole percent, 0–100"

    def show(self, value: Any) -> str:
        return f"{value}%"

    def examples(self) -> tuple[Any, ...]:
        return (0, 35, 100)


LOUDNESS = Field("loudness", "Loudness", "How loud spoken answers are.", wire=at("ga", "session.audio.output.loudness"),
                 section="Output", type=Percent(), default=100)


@pytest.fixture
def with_loudness(use_fields: Callable[[tuple[Node, ...]], None]) -> None:
    use_fields((*SESSION_FIELDS, LOUDNESS))


@pytest.mark.usefixtures("with_loudness")
def test_a_new_field_type_is_validated_sent_and_read_back() -> None:
    config = Configuration("x", "ga", {"model": "gpt-realtime", "loudness": 35})
    assert validate(config) == []
    body = build_body(config)
    assert body["session"]["audio"]["output"]["loudness"] == 0.35
    imported = import_body(body, "ga")
    assert (imported.unknown, imported.problems, imported.values) == ([], [], config.values)
    bad = Configuration("x", "ga", {"loudness": 150})
    assert [p.message for p in validate(bad)] == [
        "Loudness (session.audio.output.loudness) must be a whole percent from 0 to 100; it is 150."]
    assert import_body({"session": {"type": "realtime", "audio": {"output": {"loudness": 3}}}}, "ga").problems == [
        "Loudness (session.audio.output.loudness) must be a fraction from 0 to 1; it is 3"]
    assert convert(config, "beta").dropped == [("Loudness (loudness)", "Beta session has no such field")]


@pytest.mark.usefixtures("with_loudness")
def test_a_new_field_type_is_listed_by_fields() -> None:
    row = next(r for r in field_rows("ga") if r["id"] == "loudness")
    assert (row["kind"], row["allowed"], row["default"], row["section"]) == (
        "percent", "a whole percent, 0–100", "100%", "Output")
    out = io.StringIO()
    assert main(["fields", "--endpoint", "ga"], Context(stdout=out)) == 0
    assert "session.audio.output.loudness" in out.getvalue()


@pytest.mark.usefixtures("with_loudness")
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_new_field_type_gets_drawn_and_round_trips(data: st.DataObject) -> None:
    value = data.draw(values_of(LOUDNESS.type))
    assert LOUDNESS.type.check(value) is None
    config = data.draw(configurations("ga"))
    assert validate(config) == []
    body = build_body(config)
    imported = import_body(body, "ga")
    assert (imported.unknown, imported.problems) == ([], [])
    assert build_body(imported.configuration("again")) == body
