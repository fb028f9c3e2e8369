"""Values written as each language's own literals: strings, JSON bodies, comments."""

from __future__ import annotations

import json
import pprint
from typing import Any

__all__ = ["comment_lines", "js_string", "json_text", "python_literal", "python_string", "shell_string",
           "swift_raw_text", "swift_string"]


def json_text(value: Any) -> str:
    """JSON as a person would write it: two-space indent, Unicode kept."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def python_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON's escapes are all Python's too


def python_literal(value: Any) -> str:
    """A JSON value as Python source (``true`` becomes ``True``, ``null`` ``None``)."""
    return pprint.pformat(value, indent=1, width=100, sort_dicts=False)


def js_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def shell_string(text: str) -> str:
    """One single-quoted shell word: nothing inside is expanded."""
    return "'" + text.replace("'", "'\\''") + "'"


_SWIFT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}


def swift_string(text: str) -> str:
    out = []
    for char in text:
        if char in _SWIFT_ESCAPES:
            out.append(_SWIFT_ESCAPES[char])
        elif ord(char) < 0x20 or char in "\u2028\u2029":
            out.append(f"\\u{{{ord(char):x}}}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def swift_raw_text(text: str) -> str:
    """A raw multi-line Swift string holding ``text`` byte for byte (no escapes, no interpolation)."""
    hashes = "#"
    while f'"""{hashes}' in text or f"\\{hashes}" in text:
        hashes += "#"
    return f'{hashes}"""\n{text}\n"""{hashes}'


def comment_lines(prefix: str, lines: list[str]) -> str:
    """Lines as comments; a line break inside one can't end the comment early."""
    return "\n".join(f"{prefix} {' '.join(line.split())}".rstrip() for line in lines)
