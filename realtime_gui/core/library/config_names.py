"""Configuration names: which are allowed, and how each maps to a file name and back.

A name is tidied (outer spaces dropped, Unicode NFC) and refused when it could
deceive (bidirectional controls, invisible characters) or can't be a file
name. Names map to file names reversibly (``Demo`` is ``Demo.json``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "MAX_NAME_LENGTH", "SUFFIX", "ConfigNameError", "ConfigStoreError", "fits", "name_from_filename",
    "stem", "validate_config_name",
]

MAX_NAME_LENGTH = 100
# Characters some file systems refuse (Windows) or that we use for escaping;
# they are written as %XX so any valid name survives the round trip.
_ESCAPED = frozenset('%<>:"|?*')
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10)}
)
# Leaves room under the usual 255-byte file name limit for the longest
# suffix we add (".json.broken-YYYYmmdd-HHMMSS-NN").
_MAX_STEM_BYTES = 200
SUFFIX = ".json"
# Characters that reorder or hide text, so a name could look like another.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
_SEPARATORS = frozenset("\u2028\u2029\x85")


class ConfigStoreError(Exception):
    """Base of everything :class:`ConfigStore` raises on purpose."""


class ConfigNameError(ConfigStoreError, ValueError):
    """A configuration name is invalid or clashes with an existing one."""


def validate_config_name(name: str) -> str:
    """Return ``name`` tidied (outer spaces dropped, Unicode NFC), or raise
    :class:`ConfigNameError` saying what to change."""
    if any("\ud800" <= c <= "\udfff" for c in name):
        # What Python makes of bytes that are not UTF-8 (in argv, say); not echoed, it can't be printed.
        raise ConfigNameError("The configuration name is not valid UTF-8 text: it holds bytes no "
                              "character is made of. Type the name again.")
    for chars, what in ((_BIDI, "a bidirectional text control"), (_ZERO_WIDTH, "a zero-width character"),
                        (_SEPARATORS, "a line or paragraph separator")):
        found = next((c for c in name if c in chars), None)
        if found is not None:
            raise ConfigNameError(
                f"The configuration name {name.encode('ascii', 'backslashreplace').decode()!r} contains "
                f"{what} (U+{ord(found):04X}), which can make a name look like another or hide part "
                "of it; remove it."
            )
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise ConfigNameError("A configuration name can't be empty; type a name.")
    if "/" in name or "\\" in name:
        raise ConfigNameError(
            f"The configuration name {name!r} contains '/' or '\\'; "
            "use another character such as '-'."
        )
    if name.startswith("."):
        raise ConfigNameError(
            f"The configuration name {name!r} starts with '.'; remove the leading dot."
        )
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise ConfigNameError(
            f"The configuration name {name!r} contains control characters "
            "such as tabs or line breaks; remove them."
        )
    if not fits(name):
        raise ConfigNameError(
            f"The configuration name is too long ({len(name)} characters; "
            f"at most {MAX_NAME_LENGTH}, fewer with many non-Latin characters); shorten it."
        )
    return name


def fits(name: str) -> bool:
    return len(name) <= MAX_NAME_LENGTH and len(stem(name).encode()) <= _MAX_STEM_BYTES


def stem(name: str) -> str:
    stem = "".join(f"%{ord(c):02X}" if c in _ESCAPED else c for c in name)
    if stem.split(".", 1)[0].upper() in _WINDOWS_DEVICES:
        stem = f"%{ord(stem[0]):02X}{stem[1:]}"
    return stem


@functools.lru_cache(maxsize=4096)  # the store lists hundreds of files at every look-up
def name_from_filename(filename: str) -> str:
    stem = filename[: -len(SUFFIX)]
    # Only our own %XX escapes appear in stems, so this undoes _stem exactly.
    name = re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), stem)
    # Some file systems hand names back decomposed (NFD); compare like we save.
    return unicodedata.normalize("NFC", name)
