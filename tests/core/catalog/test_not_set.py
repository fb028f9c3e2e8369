"""What "not set" means is declared per field: a default, words for one, or ``unset``.

Placeholders, the state chip and ``realtime-gui fields`` read these words; nothing
compares display text to decide them.
"""

from __future__ import annotations

import pytest

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.endpoints import ENDPOINTS
from realtime_gui.core.catalog.field_type import NOT_SENT, NOT_SET, OFF, SERVICE_DEFAULT, SHAPES
from realtime_gui.core.catalog.loading import CatalogError, load_fields
from realtime_gui.core.catalog.nodes import Field, at
from realtime_gui.core.catalog.session import SECTIONS, SESSION_FIELDS
from realtime_gui.core.catalog.text_types import StringList, Text
from realtime_gui.core.wire.reference import field_rows

SESSION = [node for node in declaration.nodes() if isinstance(node, Field)]


def _declared_words(node: Field, shape: str) -> str:
    default = node.default_for(shape)  # type: ignore[arg-type]
    if default is None:
        return OFF
    if default is not NOT_SET:
        return node.type.show(default)
    if node.default_note:
        return node.default_note
    return {"service": SERVICE_DEFAULT, "omitted": NOT_SENT}[node.unset]  # type: ignore[index]


@pytest.mark.parametrize("node", SESSION, ids=lambda n: n.id)
def test_every_session_field_declares_what_not_set_means(node: Field) -> None:
    for shape in SHAPES:
        assert node.default_text(shape) == _declared_words(node, shape)
        assert node.sends_nothing(shape) == (_declared_words(node, shape) == NOT_SENT and not node.default_note)


def test_a_field_that_says_nothing_of_not_set_is_refused_at_load() -> None:
    silent = Field("odd", "Odd", "A field for this test only.", wire=at("ga", "session.odd"), section=SECTIONS[0],
                   type=Text())
    with pytest.raises(CatalogError, match='odd: has no default; declare what not set means'):
        load_fields((*SESSION_FIELDS, silent), ENDPOINTS, SECTIONS)


def test_omitted_and_service_chosen_fields_read_apart_in_the_reference() -> None:
    rows = {row["id"]: row for row in field_rows("ga")}
    assert rows["transcription.language"]["default"] == NOT_SENT  # simply left out
    assert rows["include"]["default"] == NOT_SENT
    assert rows["transcription.model"]["default"] == SERVICE_DEFAULT  # the service picks one
    assert rows["prompt.version"]["default"] == "the prompt's current version"


def test_no_session_text_field_takes_the_empty_string() -> None:
    # The official schemas give "" no meaning anywhere: erased text is not set, never sent as "".
    for node in SESSION:
        if isinstance(node.type, Text):
            assert node.type.check("") is not None, node.id


def test_a_string_list_declares_how_it_is_kept() -> None:
    kind = StringList()
    assert kind.normalise([" en ", "", "fr"]) == ["en", "fr"]
    assert kind.normalise(["", "  "]) is NOT_SET  # nothing left: not set, not an empty list
    assert kind.normalise(["en"]) == ["en"]
