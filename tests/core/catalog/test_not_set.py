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


def _tool_fields() -> list[tuple[str, Field]]:
    """Every field inside a tool item, a tool choice or their parts, with where it is."""
    from realtime_gui.core.catalog.object_types import sub_fields
    from realtime_gui.core.catalog.tool_kinds import TOOLS

    found: list[tuple[str, Field]] = []
    for kind in TOOLS.kinds:
        for spec in (*kind.fields, *kind.choice_extras):
            found.append((f"{kind.type}.{spec.key}", spec))
            found += [(f"{kind.type}.{spec.key}.{path}", part) for path, part in sub_fields(spec.type, None)]
    return found


@pytest.mark.parametrize(("where", "spec"), _tool_fields(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_tool_field_declares_what_not_set_means(where: str, spec: Field) -> None:
    for shape in SHAPES:
        assert spec.default_text(shape) == _declared_words(spec, shape), where


def test_a_tool_field_that_says_nothing_of_not_set_is_refused_at_load() -> None:
    from realtime_gui.core.catalog.tools import ToolKind, ToolList

    kind = ToolKind("odd", "Odd", "A kind of tool for this test only.",
                    (Field("label", "Label", "Names it.", type=Text(), unset="omitted"),
                     Field("note", "Note", "Says nothing of not set.", type=Text())), named_by="label")
    odd = Field("odd", "Odd", "A field for this test only.", wire=at("ga", "session.odd"), section=SECTIONS[0],
                type=ToolList((kind,)), unset="omitted")
    with pytest.raises(CatalogError, match="odd tools: note: has no default; declare what not set means"):
        load_fields((*SESSION_FIELDS, odd), ENDPOINTS, SECTIONS)


@pytest.mark.parametrize("endpoint_id", ["ga", "beta"])
def test_the_reference_says_of_tool_fields_what_the_form_shows(endpoint_id: str) -> None:
    from realtime_gui.core.catalog.tool_kinds import TOOLS

    shape = ENDPOINTS[endpoint_id].shape
    rows = {row["path"]: row for row in field_rows(endpoint_id)}
    for kind in TOOLS.kinds:
        for spec in kind.fields if shape in kind.shapes else ():
            row = rows[f"{'session.' if shape == 'ga' else ''}tools[].{spec.key}"]
            assert row["default"] == ("required" if spec.key in kind.required else spec.default_text(shape))


def test_the_tool_choice_rows_say_which_choice_needs_a_part() -> None:
    rows = {row["path"]: row for row in field_rows("ga")}
    name, server = rows["session.tool_choice.name"], rows["session.tool_choice.server_label"]
    assert name["default"].startswith("required for a function") and "an MCP tool" in name["default"]
    assert server["default"] == "required for an MCP tool"
    assert not name["required"] and not server["required"]  # neither is needed by every choice
    assert rows["session.tool_choice.type"]["required"]
