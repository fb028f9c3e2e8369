"""The loader refuses a declaration that contradicts itself, naming what is wrong."""

from __future__ import annotations

import pytest

from realtime_gui.core.catalog.connection import CONNECTION_FIELDS
from realtime_gui.core.catalog.endpoints import ENDPOINTS
from realtime_gui.core.catalog.field_type import FieldType, Option
from realtime_gui.core.catalog.group_type import GroupType
from realtime_gui.core.catalog.loading import CatalogError, connection_problems, load_fields
from realtime_gui.core.catalog.nodes import Field, Group, Node, at
from realtime_gui.core.catalog.object_types import Either, Form, Record
from realtime_gui.core.catalog.scalar_types import Choice, Integer, Number
from realtime_gui.core.catalog.session import SECTIONS, SESSION_FIELDS
from realtime_gui.core.catalog.text_types import StringList, Text
from realtime_gui.core.catalog.tools import ToolKind, ToolList
from realtime_gui.core.records import replace


def _load(*extra: Node) -> tuple[Node, ...]:
    return load_fields((*SESSION_FIELDS, *extra), ENDPOINTS, SECTIONS)


def _field(key: str, path: str, **kwargs: object) -> Field:
    return Field(key, key.title(), "A field for this test only.", wire=at("ga", path),
                 section=SECTIONS[0], **kwargs)  # type: ignore[arg-type]


def test_the_declaration_loads() -> None:
    assert _load()


@pytest.mark.parametrize(("extra", "message"), [
    (_field("model", "session.other_model", type=Text()), "model: declared twice"),
    (_field("odd", "session.odd", type=Number(0, 1), default=2), "odd: its default 2 must be between 0 and 1"),
    (_field("odd", "session.model", type=Text()), "model and odd are both at session.model"),
    (_field("odd", "session.model.inner", type=Text()), "is inside the value of model"),
    (_field("odd", "session.odd", type=Text(), when=("nothing", ("x",))), "`when` names 'nothing'"),
    (_field("odd", "session.odd", type=Choice((Option("a", "A"), Option("a", "Again")))), "lists an option twice"),
    (_field("odd", "session.odd", type=Choice((Option("a", "A", only=frozenset({"gamma"})),))),
     "option 'a' names unknown endpoints gamma"),
    (Field("odd", "Odd", "A field for this test only.", wire=at("nowhere", "odd"), section=SECTIONS[0], type=Text()),
     "its wire names unknown endpoints nowhere"),
    (Field("odd", "Odd", "A field for this test only.", wire=at("ga", "odd"), section="Nowhere", type=Text()),
     "section 'Nowhere' is not among the sections"),
])
def test_a_mistake_is_an_error_at_load(extra: Node, message: str) -> None:
    with pytest.raises(CatalogError, match="inconsistent") as raised:
        _load(extra)
    assert message in str(raised.value)


def test_a_when_value_its_sibling_does_not_take_is_refused() -> None:
    group = Group("odd", "Odd", "A group for this test only.", wire=at("ga", "session.odd"), section=SECTIONS[0],
                  children=(Field("type", "Type", "The type of the odd thing.", type=Choice((Option("a", "A"),))),
                            Field("n", "N", "A number that needs type b.", type=Integer(), when=("type", ("b",)))))
    with pytest.raises(CatalogError, match=r"odd\.n: `when` value 'b' of odd\.type must be one of a"):
        _load(group)


def test_a_require_that_names_no_field_is_refused() -> None:
    group = Group("odd", "Odd", "A group for this test only.", wire=at("ga", "session.odd", require=("ghost",)),
                  section=SECTIONS[0], type=GroupType(literals=(Option("x", "X"),)),
                  children=(Field("a", "A", "The one field of the group.", type=Text()),))
    with pytest.raises(CatalogError, match="requires 'ghost', which is not a field of it"):
        _load(group)


def test_a_tool_kind_naming_fields_it_lacks_is_refused() -> None:
    kind = ToolKind("odd", "Odd", "A kind of tool for this test only.", (), named_by="label", required=("label",))
    with pytest.raises(CatalogError, match="`named_by` names 'label', which is not one of their fields"):
        _load(_field("odd", "session.odd", type=ToolList((kind,))))


def test_the_connection_fields_are_checked_too() -> None:
    assert connection_problems(CONNECTION_FIELDS) == []
    odd = Field("odd", "Odd", "A field for this test only.", type=Text(), required_when=("ghost", ("x",)))
    assert connection_problems((*CONNECTION_FIELDS, odd)) == [
        "connection.odd: `required_when` names 'ghost', which is not a field beside it"]


def test_when_is_resolved_once_into_a_condition() -> None:
    from realtime_gui.core.catalog.declaration import nodes

    conditioned = [n for n in nodes() if n.when is not None]
    assert conditioned
    for node in conditioned:
        assert node.condition is not None
        assert node.condition.sibling.id == f"{node.id.rpartition('.')[0]}.{node.when[0]}"  # type: ignore[index]
        assert node.condition.hint.startswith(f"Applies when {node.condition.sibling.label} is ")


class _Liar(Integer):
    def examples(self) -> tuple[object, ...]:
        return (5, "five")


def test_a_type_whose_examples_it_rejects_is_refused() -> None:
    with pytest.raises(CatalogError, match="odd: its type's example 'five' must be a whole number"):
        _load(_field("odd", "session.odd", type=_Liar()))


@pytest.mark.parametrize(("changes", "message"), [
    ({"ga_counterpart": "gamma"}, "beta: its GA counterpart 'gamma' is not a GA endpoint"),
    ({"ga_counterpart": "beta-transcription"}, "its GA counterpart 'beta-transcription' is not a GA endpoint"),
    ({"ga_values": {"ghost": {"a": "b"}}}, "beta: `ga_values` names 'ghost', which is not a field on both"),
    ({"ga_values": {"model": {"a": ""}}}, "beta: `ga_values` maps 'a' of model to '', which must not be empty"),
])
def test_a_ga_counterpart_that_does_not_fit_is_refused(changes: dict[str, object], message: str) -> None:
    endpoints = {**ENDPOINTS, "beta": replace(ENDPOINTS["beta"], **changes)}
    with pytest.raises(CatalogError, match="inconsistent") as raised:
        load_fields(SESSION_FIELDS, endpoints, SECTIONS)
    assert message in str(raised.value)


@pytest.mark.parametrize(("kind", "message"), [
    (Record((Field("a", "A", "One part.", type=Text(), unset="omitted"),
             Field("a", "A again", "The same key.", type=Text(), unset="omitted"))), "declares part 'a' twice"),
    (Either(forms=(Form("list", "Names", "Some names.", StringList()),
                   Form("list", "More names", "Other names.", StringList()))), "has two list forms"),
    (Either(literals=(Option("x", "X"), Option("x", "X again"))), "lists the literal 'x' twice"),
    (Either(forms=(Form("object", "Inner", "A record inside.", Record((
        Field("b", "B", "One part.", type=Text(), unset="omitted"),
        Field("b", "B again", "The same key.", type=Text(), unset="omitted")))),)), "declares part 'b' twice"),
    (Record((Field("c", "C", "Says nothing of not set.", type=Text()),)), "c: has no default"),
])
def test_a_composite_type_that_contradicts_itself_is_refused(kind: FieldType, message: str) -> None:
    with pytest.raises(CatalogError, match="inconsistent") as raised:
        _load(_field("odd", "session.odd", type=kind, unset="omitted"))
    assert message in str(raised.value)
    item = ToolKind("odd", "Odd", "A kind of tool for this test only.",
                    (Field("label", "Label", "Names it.", type=Text(), unset="omitted"),
                     Field("inner", "Inner", "A composite inside a tool.", type=kind, unset="omitted")),
                    named_by="label")
    with pytest.raises(CatalogError, match="inconsistent") as raised:
        _load(_field("odd", "session.odd", type=ToolList((item,)), unset="omitted"))
    assert message in str(raised.value)
