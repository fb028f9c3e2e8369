"""A record behaves as a frozen dataclass declared the same way: the same class body
goes through both, and every call is held against the dataclass's answer."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from realtime_gui.core.records import record, record_fields, replace


def _both(body: Callable[[], type]) -> tuple[type, type]:
    return dataclasses.dataclass(frozen=True)(body()), record(body())


def _plain() -> type:
    class Plain:
        """A docstring of its own."""

        number: int
        text: str = "t"
        items: list[int] = dataclasses.field(default_factory=list)
        kind: str = dataclasses.field(default="plain", init=False)
        hidden: str = dataclasses.field(default="h", repr=False)
        loose: float = dataclasses.field(default=0.0, compare=False)
        shared: ClassVar[int] = 7

        def doubled(self) -> int:
            return self.number * 2

    return Plain


DATACLASS, RECORD = _both(_plain)  # type: tuple[Any, Any]


def _outcome(make: Callable[[], Any]) -> tuple[str, Any]:
    try:
        made = make()
    except TypeError:
        return ("TypeError", None)
    return ("made", {name: getattr(made, name) for name in ("number", "text", "items", "kind", "hidden", "loose")})


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1,), {}), ((1, "a"), {}), ((1, "a", [2]), {}), ((1, "a", [2], "x", 0.5), {}),
    ((), {"number": 3}), ((), {"number": 3, "loose": 2.0}), ((1,), {"text": "b", "hidden": "z"}),
    ((), {}), ((1,), {"number": 2}), ((1,), {"kind": "k"}), ((1,), {"nope": 1}),
    ((1, "a", [], "x", 1.0, "extra"), {}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_init_takes_and_refuses_what_a_dataclass_does(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    assert _outcome(lambda: RECORD(*args, **kwargs)) == _outcome(lambda: DATACLASS(*args, **kwargs))


@given(st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=3), st.floats(allow_nan=False),
       st.integers(), st.text(max_size=5), st.floats(allow_nan=False))
def test_equality_hash_and_repr_follow_the_dataclass(number: int, text: str, items: list[int], loose: float,
                                                     other_number: int, other_text: str,
                                                     other_loose: float) -> None:
    def pair(cls: type) -> tuple[Any, Any]:
        return (cls(number, text, tuple(items), "h", loose),
                cls(other_number, other_text, tuple(items), "h", other_loose))

    ours, theirs = pair(RECORD), pair(DATACLASS)
    assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])  # ``loose`` is left out of equality
    assert (hash(ours[0]) == hash(ours[1])) == (ours[0] == ours[1])
    assert repr(ours[0]).replace("_plain.<locals>.", "") == repr(theirs[0]).replace("_plain.<locals>.", "")
    assert ours[0] != theirs[0]  # records of another class are never equal


def test_fields_are_frozen_and_class_variables_are_not_fields() -> None:
    made = RECORD(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.number = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del made.text
    assert record_fields(RECORD) == tuple(field.name for field in dataclasses.fields(DATACLASS))
    assert RECORD.shared == 7 and "shared" not in record_fields(RECORD)
    assert RECORD.__doc__ == "A docstring of its own." and made.doubled() == 2
    assert RECORD(1).items is not RECORD(1).items  # a factory makes a value for each
    assert RECORD.__match_args__ == DATACLASS.__match_args__


def test_replace_copies_with_changes_as_dataclasses_replace_does() -> None:
    made = RECORD(1, "a", [3])
    changed = replace(made, text="b")
    assert (changed.number, changed.text, changed.items, changed.kind) == (1, "b", [3], "plain")
    assert made.text == "a"
    with pytest.raises(ValueError, match="kind"):
        replace(made, kind="other")
    with pytest.raises(TypeError):
        replace(made, nope=1)


def test_a_subclass_adds_its_fields_after_its_parents_and_keeps_their_place_when_redeclared() -> None:
    def bodies() -> tuple[type, type]:
        class Base:
            first: int
            second: str = "s"

            def __eq__(self, other: object) -> bool:  # a class's own method stays
                return isinstance(other, Base)

            __hash__ = None  # type: ignore[assignment]  # as Python sets it beside __eq__

        class Child(Base):
            second: str = "child"
            third: bool = False

        return Base, Child

    dataclass_base, dataclass_child = bodies()
    dataclasses.dataclass(frozen=True)(dataclass_base)
    dataclasses.dataclass(frozen=True)(dataclass_child)
    record_base, record_child = bodies()
    record(record_base)
    record(record_child)
    assert record_fields(record_child) == tuple(field.name for field in dataclasses.fields(dataclass_child))
    assert record_child(1).second == dataclass_child(1).second == "child"
    assert record_base(1) == record_base(2)  # its own __eq__
    assert hash(record_base(1)) == hash(record_base(1))


def test_a_declaration_a_dataclass_refuses_is_refused() -> None:
    def defaults_first() -> type:
        class Wrong:
            first: int = 1
            second: int

        return Wrong

    def shared_default() -> type:
        class Wrong:
            items: list[int] = []  # noqa: RUF012 (the mistake under test)

        return Wrong

    for body in (defaults_first, shared_default):
        with pytest.raises((TypeError, ValueError)) as theirs:
            dataclasses.dataclass(frozen=True)(body())
        with pytest.raises(theirs.type):
            record(body())


def test_records_survive_copies_and_pickles() -> None:
    made = RECORD(1, "a", [2])
    assert copy.deepcopy(made) == made and copy.copy(made) == made
    assert pickle.loads(pickle.dumps(_Picklable(1, ("x",)))) == _Picklable(1, ("x",))


@record
class _Picklable:
    number: int
    names: tuple[str, ...] = ()


def test_post_init_runs_after_the_fields_are_set() -> None:
    seen: list[int] = []

    @record
    class Checked:
        number: int

        def __post_init__(self) -> None:
            seen.append(self.number)

    Checked(4)
    assert seen == [4]
