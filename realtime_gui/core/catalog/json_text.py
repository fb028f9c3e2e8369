"""JSON as people and files give it: read strictly, written strictly, every refusal in plain words.

``json.loads`` lets the last of two equal keys win silently, accepts ``NaN``
and ``Infinity`` (which no JSON reader elsewhere does) and answers a
5000-digit number with advice about ``sys.set_int_max_str_digits``.  Here each
of those is refused with what is wrong, where (line and column) and what to do.
"""

from __future__ import annotations

import copy
import json
import json.scanner
import marshal
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["copy_json", "json_error_text", "json_text", "non_finite", "parse_json_text"]

_MAX_DIGITS = 4300  # Python's own default limit on the digits of an integer it converts
_WS = re.compile(r"[ \t\n\r]*")
Scan = Callable[[str, int], tuple[Any, int]]
# The pure-Python parts of the standard decoder; typeshed leaves them out, as they are not public.
_JSONObject: Callable[..., tuple[list[tuple[str, Any]], int]] = vars(json.decoder)["JSONObject"]
_JSONArray: Callable[..., tuple[list[Any], int]] = vars(json.decoder)["JSONArray"]
_scanstring: Callable[[str, int], tuple[str, int]] = vars(json.decoder)["scanstring"]
_py_make_scanner: Callable[[json.JSONDecoder], Scan] = vars(json.scanner)["py_make_scanner"]


class _RefusedError(ValueError):
    """Well-formed JSON we still refuse; ``pos`` is filled in by the scan that met it."""

    def __init__(self, message: str, pos: int | None = None) -> None:
        super().__init__(message)
        self.pos = pos


def _constant(name: str) -> Any:
    raise _RefusedError(f"{name} is not a JSON number; write a number or null")


def _float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _RefusedError(f"the number {text} is too large; write a smaller number")
    return number


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > _MAX_DIGITS:
        raise _RefusedError(f"a number with {digits} digits is too long to read; write a shorter number")
    return int(text)


def _key_places(text: str, start: int, scan: Scan) -> Iterator[tuple[str, int]]:
    """Each key of the object whose ``{`` is just before ``start``, with where it starts."""
    pos = _WS.match(text, start).end()  # type: ignore[union-attr]
    while text[pos:pos + 1] == '"':
        key, end = _scanstring(text, pos + 1)
        yield key, pos
        end = _WS.match(text, _WS.match(text, end).end() + 1).end()  # type: ignore[union-attr]  # past the colon
        _, end = scan(text, end)
        end = _WS.match(text, end).end()  # type: ignore[union-attr]
        if text[end:end + 1] != ",":
            return
        pos = _WS.match(text, end + 1).end()  # type: ignore[union-attr]


def _quick(text: str) -> Any:
    """The same reading on the standard decoder's C scanner, for text it accepts.

    Its hooks refuse what the careful decoder refuses, without saying where:
    on any refusal the careful one reads the text again for the message. A
    configuration with a hundred tools is read in a fraction of the time.
    """
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        value = dict(items)
        if len(value) != len(items):
            raise ValueError("a key given twice")
        return value

    def number(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise ValueError("a number too large")
        return value

    def integer(text: str) -> int:
        if len(text) > _MAX_DIGITS:
            raise ValueError("an integer too long")
        return int(text)

    return json.loads(text, object_pairs_hook=pairs, parse_float=number, parse_int=integer, parse_constant=_constant)


def _decoder() -> json.JSONDecoder:
    """A decoder on the pure-Python scanner, whose hooks see every value's position."""
    decoder = json.JSONDecoder(parse_constant=_constant, parse_float=_float, parse_int=_int)
    hooks: dict[str, Any] = vars(decoder)  # the scanner reads its parts from the decoder's attributes

    def scan(text: str, idx: int) -> tuple[Any, int]:
        try:
            return inner(text, idx)
        except _RefusedError as refusal:
            if refusal.pos is None:
                refusal.pos = idx
            raise

    def parse_object(text_and_end: tuple[str, int], strict: bool, _scan: Scan, _hook: Any, _pairs_hook: Any,
                     memo: dict[str, str] | None = None) -> tuple[dict[str, Any], int]:
        text, start = text_and_end
        pairs, end = _JSONObject(text_and_end, strict, scan, None, list, memo)
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            seen: set[str] = set()
            for key, pos in _key_places(text, start, scan):
                if key in seen:
                    raise _RefusedError(f"the key {json.dumps(key)} is given twice in one object; keep one", pos)
                seen.add(key)
        return dict(pairs), end

    def parse_array(text_and_end: tuple[str, int], _scan: Scan) -> tuple[list[Any], int]:
        return _JSONArray(text_and_end, scan)

    hooks["parse_object"], hooks["parse_array"] = parse_object, parse_array
    inner = _py_make_scanner(decoder)
    hooks["scan_once"] = scan
    return decoder


def _place(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    return f"line {line}, column {pos - text.rfind(chr(10), 0, pos)}"


def json_error_text(error: json.JSONDecodeError) -> str:
    """``line L, column C: what is wrong`` for malformed JSON."""
    return f"line {error.lineno}, column {error.colno}: {error.msg}"


def parse_json_text(text: str) -> Any:
    """Parse JSON a person typed or a file holds.

    Raises ``ValueError`` with a sentence fragment to put after the subject
    ("is not valid JSON: line 4, column 3: the key "model" is given twice ...").
    """
    if text.startswith("\ufeff"):
        raise ValueError("starts with a byte order mark (BOM), which JSON does not allow; "
                         "save it as UTF-8 without a BOM")
    try:
        return _quick(text)
    except (ValueError, RecursionError):
        pass  # refused or malformed: read again by the scan that says where and why
    try:
        return _decoder().decode(text)
    except _RefusedError as refusal:
        raise ValueError(f"is not valid JSON: {_place(text, refusal.pos or 0)}: {refusal}") from None
    except json.JSONDecodeError as error:
        raise ValueError("is not valid JSON: " + json_error_text(error)) from None
    except RecursionError:
        raise ValueError("is nested too deeply to read") from None


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, strings, numbers, booleans, None).

    ``marshal`` writes and reads exactly those types in C, five times faster
    than ``copy.deepcopy``, which a configuration with a hundred tools pays on
    each open and each edit. Anything else (a subclass included) is refused by
    ``marshal`` and copied by ``copy.deepcopy``."""
    try:
        return marshal.loads(marshal.dumps(value))
    except ValueError:
        return copy.deepcopy(value)


def non_finite(value: Any, path: str = "") -> tuple[str, float] | None:
    """The first ``NaN`` or infinity inside a JSON-like value, with its dotted path; ``None`` if none."""
    if isinstance(value, float) and not math.isfinite(value):
        return path, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        found = non_finite(inner, f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else str(key))
        if found:
            return found
    return None


def json_text(value: Any, indent: int | None = 2) -> str:
    """``value`` as JSON text; raises ``ValueError`` for a number JSON can't hold, rather than write NaN."""
    found = non_finite(value)
    if found:
        where, number = found
        raise ValueError(f"can't be written as JSON: {where or 'the value'} holds {number}, "
                         "which is not a JSON number")
    return json.dumps(value, indent=indent, ensure_ascii=False)
