"""The reference rows are data: a required field says so by a flag, not by its words."""

from __future__ import annotations

import pytest

from realtime_gui.core.catalog.declaration import ENDPOINTS
from realtime_gui.core.wire.reference import REQUIRED, field_rows


@pytest.mark.parametrize("endpoint_id", list(ENDPOINTS))
def test_required_is_a_flag_and_default_words_follow_it(endpoint_id: str) -> None:
    for row in field_rows(endpoint_id):
        assert isinstance(row["required"], bool)
        assert (row["default"] == REQUIRED) == row["required"], row["path"]


def test_groups_describe_their_states() -> None:
    rows = {row["id"]: row for row in field_rows("ga")}
    assert rows["tracing"]["allowed"] == 'an object of the fields below, or "auto"'
    assert rows["tracing"]["default"] == "off" and rows["tracing"]["kind"] == "group"
    assert rows["model"]["required"] is False
    assert {r["id"]: r["required"] for r in field_rows("translation")}["model"] is True
