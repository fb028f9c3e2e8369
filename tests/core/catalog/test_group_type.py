"""A group's own value: its states, their check, wire form, import and words."""

from __future__ import annotations

from typing import Any

import pytest

from realtime_gui.core.catalog.field_type import NOT_SET, DecodeError, EncodeContext, Option
from realtime_gui.core.catalog.group_type import GroupType

TRACING = GroupType(literals=(Option("auto", "Default names"),), off_by_default=True)


def test_states_and_what_closes_the_group() -> None:
    states: tuple[Any, ...] = (None, "auto", {}, NOT_SET)
    assert [TRACING.closes(v) for v in states] == [True, True, False, False]
    assert TRACING.check({}) is None and TRACING.check("auto") is None
    assert TRACING.check("manual") == "must be \"auto\", an object of its fields, or off; it is 'manual'"


def test_wire_form_and_back() -> None:
    ctx = EncodeContext("ga")
    assert TRACING.encode("auto", ctx) == "auto"
    sent: dict[str, Any] = {}
    assert TRACING.encode(sent, ctx) == {} and TRACING.encode(sent, ctx) is not sent  # filled by the builder
    assert TRACING.encode(NOT_SET, ctx) is NOT_SET
    assert TRACING.decode("auto", "ga") == "auto"
    assert TRACING.decode({"group_id": "g"}, "ga") is NOT_SET
    with pytest.raises(DecodeError, match="must be an object; it is 3"):
        TRACING.decode(3, "ga")


def test_words_are_declared_not_derived() -> None:
    assert TRACING.describe() == 'an object of the fields below, or "auto"'
    assert TRACING.default_text() == "off"
    assert GroupType(default_note="server VAD").default_text() == "server VAD"
    assert GroupType().default_text() == "chosen by the service"
    assert TRACING.meaning("auto") == "Default names" and TRACING.meaning("x") is None
