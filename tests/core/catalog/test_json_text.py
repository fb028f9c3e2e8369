"""JSON a person typed or a file holds is read strictly, and every refusal says what and where."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from realtime_gui.core.catalog.json_text import copy_json, json_text, parse_json_text
from realtime_gui.core.wire.importing import read_import


def _error(text: str) -> str:
    with pytest.raises(ValueError) as caught:
        parse_json_text(text)
    return str(caught.value)


def test_well_formed_json_reads_as_json_loads_does() -> None:
    text = '{"a": [1, 2.5, -3e2, true, null, "x\\u00e9"], "b": {"c": {}}, "d": []}'
    assert parse_json_text(text) == json.loads(text)
    assert parse_json_text(" 7 ") == 7


def test_a_key_given_twice_is_named_with_its_place() -> None:
    assert _error('{\n  "model": "a",\n  "voice": "ash",\n  "model": "b"\n}') == (
        'is not valid JSON: line 4, column 3: the key "model" is given twice in one object; keep one')
    assert "line 1, column 17: the key \"x\" is given twice" in _error('{"a": [{"x": 1, "x": 2}]}')
    assert parse_json_text('{"x": {"x": 1}, "y": {"x": 2}}') == {"x": {"x": 1}, "y": {"x": 2}}


@pytest.mark.parametrize(("text", "word", "column"), [
    ('{"t": NaN}', "NaN", 7), ('[1, Infinity]', "Infinity", 5), ('[-Infinity]', "-Infinity", 2),
])
def test_nan_and_infinity_are_refused(text: str, word: str, column: int) -> None:
    assert _error(text) == (f"is not valid JSON: line 1, column {column}: {word} is not a JSON number; "
                            "write a number or null")


def test_a_number_too_large_for_a_float_is_refused() -> None:
    assert _error('{"t": 1e400}') == ("is not valid JSON: line 1, column 7: the number 1e400 is too large; "
                                      "write a smaller number")


def test_a_number_with_thousands_of_digits_gets_a_plain_message() -> None:
    message = _error('{"n": ' + "9" * 5000 + "}")
    assert message == ("is not valid JSON: line 1, column 7: a number with 5000 digits is too long to read; "
                       "write a shorter number")
    assert "set_int_max_str_digits" not in message


def test_a_byte_order_mark_is_named() -> None:
    assert _error('\ufeff{"a": 1}') == ("starts with a byte order mark (BOM), which JSON does not allow; "
                                        "save it as UTF-8 without a BOM")


def test_import_reports_the_same() -> None:
    with pytest.raises(ValueError, match='the key "model" is given twice'):
        read_import('{"model": "a", "model": "b"}', "X")
    with pytest.raises(ValueError, match="NaN is not a JSON number"):
        read_import('{"temperature": NaN}', "X")


def test_json_is_never_written_with_nan() -> None:
    assert json_text({"a": [1, "é"]}) == '{\n  "a": [\n    1,\n    "é"\n  ]\n}'
    with pytest.raises(ValueError, match="a holds inf, which is not a JSON number"):
        json_text({"a": float("inf")})


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@given(_JSON)
def test_any_json_reads_back_as_written(value: object) -> None:
    # The quick C-scanner reading and the careful one agree on every value they accept.
    assert parse_json_text(json.dumps(value)) == json.loads(json.dumps(value))


@given(st.text(alphabet='{}[]",:0123456789.eE-+ntrufalsNIiy \n', max_size=30))
def test_any_text_is_read_as_the_careful_reader_reads_it(text: str) -> None:
    # Refused or not, and with which words, is decided by the careful reader alone.
    from realtime_gui.core.catalog import json_text as module

    try:
        careful: object = ("value", module._decoder().decode(text)) if not text.startswith("\ufeff") else None
    except (ValueError, RecursionError):
        careful = "refused"
    try:
        read: object = ("value", parse_json_text(text))
    except ValueError:
        read = "refused"
    assert read == careful


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@given(_JSON_VALUES)
def test_copy_json_is_an_equal_copy_sharing_nothing_mutable(value: object) -> None:
    copied = copy_json(value)
    assert copied == value and json.dumps(copied) == json.dumps(value)  # same types, same order

    def containers(data: object) -> list[int]:
        if isinstance(data, dict):
            return [id(data), *(i for item in data.values() for i in containers(item))]
        if isinstance(data, list):
            return [id(data), *(i for item in data for i in containers(item))]
        return []

    assert not set(containers(copied)) & set(containers(value))


def test_copy_json_keeps_what_is_not_plain_json_as_deepcopy_would() -> None:
    class Marked(str):
        pass

    value = {"a": [Marked("x")]}
    copied = copy_json(value)
    assert type(copied["a"][0]) is Marked and copied == value and copied["a"] is not value["a"]
