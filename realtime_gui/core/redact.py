"""Redaction: every way a secret is kept out of what people and logs see.

A mask shows at most a key's last four characters. :func:`scrub` masks given
secrets, and anything shaped like an OpenAI key, in a text; :func:`redact`
does the same through a JSON value. It sits below every other core package,
so the field types, the error tree, the mint and the library all mask alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["mask_key", "redact", "scrub", "scrubber", "signing_secrets"]

# Anything shaped like an OpenAI key, even one we were not told about.
_KEY_PATTERN = re.compile(r"sk-[A-Za-z0-9_-]{8,}")
# Masking a one-to-three character "secret" would garble every message and no
# real key is that short.
_SHORTEST_SECRET = 4
_BEARER = "Bearer "


def mask_key(key: str) -> str:
    """Show at most the last four characters of a key."""
    return "…" + key[-4:] if len(key) > 8 else "…"


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """Return *text* with each of *secrets*, and any ``sk-…`` key, masked.

    A mask shows at most the last four characters (see :func:`mask_key`).
    """
    # Longest first, so a secret that contains another is masked whole.
    for secret in sorted({s for s in secrets if len(s) >= _SHORTEST_SECRET}, key=len, reverse=True):
        text = text.replace(secret, mask_key(secret))
        # Libraries quote bad header values escaped (a line break as \n).
        escaped = secret.encode("unicode_escape").decode("ascii")
        if escaped != secret:
            text = text.replace(escaped, mask_key(secret))
    return _KEY_PATTERN.sub(lambda match: mask_key(match.group()), text)


def scrubber(secrets: Iterable[str]) -> Callable[[str], str]:
    """:func:`scrub` with *secrets* bound, for code that masks many texts."""
    kept = list(secrets)
    return lambda text: scrub(text, kept)


def redact(value: Any, secrets: Iterable[str]) -> Any:
    """A copy of the JSON *value* with every string in it scrubbed."""
    kept = list(secrets)
    if isinstance(value, str):
        return scrub(value, kept)
    if isinstance(value, dict):
        return {k: redact(v, kept) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v, kept) for v in value]
    return value


def signing_secrets(headers: Mapping[str, str], secret_header: str) -> list[str]:
    """The secret a request's *secret_header* carries, with and without ``Bearer``."""
    found = []
    for name, value in headers.items():
        if name.lower() == secret_header.lower():
            found += [value, value.removeprefix(_BEARER).strip()]
    return found
