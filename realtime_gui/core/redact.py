"""Redaction: every way a secret is kept out of what people and logs see.

A mask shows at most a key's last four characters. :func:`scrub` masks given
secrets, and anything shaped like an OpenAI key, in a text; :func:`redact`
does the same through a JSON value. :func:`scrub_error` is for the text of an
error: besides, it masks anything shaped like a token (``ek_...``, a Bearer
token, a JWT, a long opaque string) and a URL's password. It sits below every
other core package, so the field types, the error tree, the mint, the library
and the command line all mask alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["mask_key", "redact", "redact_error", "scrub", "scrub_error", "scrubber", "signing_secrets"]

# Patterns as text, compiled (and kept by ``re``) when first used: at import they cost start-up 1.5 ms.
# Anything shaped like an OpenAI key, even one we were not told about.
_KEY_PATTERN = r"sk-[A-Za-z0-9_-]{8,}"
# Masking a one-to-three character "secret" would garble every message and no
# real key is that short.
_SHORTEST_SECRET = 4
_BEARER = "Bearer "
# Shapes of tokens an error text may quote without our knowing the value: an
# ephemeral key, what follows "Bearer", a JWT, and any long run of letters and
# digits (40 or more; a request id such as req_ + 32 hex digits stays readable).
_TOKEN_PATTERNS = (
    (r"(?<![A-Za-z0-9])ek_[A-Za-z0-9_-]{8,}", 0),
    (r"(?<=Bearer )[^\s\"',;]{4,}", re.IGNORECASE),
    (r"eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*", 0),
    (r"(?<![A-Za-z0-9_-])(?=[A-Za-z_-]*[0-9])(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{40,}", 0),
)
# scheme://user:password@ -- the password is everything up to the @ of the authority.
_URL_PASSWORD = r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/:@]*:)(?P<password>[^\s/@]+)(?=@)"


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
    return re.sub(_KEY_PATTERN, lambda match: mask_key(match.group()), text)


def scrub_error(text: str, secrets: Iterable[str] = ()) -> str:
    """*text* of an error, made safe to show: :func:`scrub`, then every token-shaped
    string masked and every URL's password shown as ``***``."""
    text = scrub(text, secrets)
    for pattern, flags in _TOKEN_PATTERNS:
        text = re.sub(pattern, lambda match: mask_key(match.group()), text, flags=flags)
    return re.sub(_URL_PASSWORD, lambda match: match.group("head") + "***", text)


def redact_error(value: Any, secrets: Iterable[str] = ()) -> Any:
    """A copy of the JSON *value* with every string in it passed through :func:`scrub_error`."""
    kept = list(secrets)
    if isinstance(value, str):
        return scrub_error(value, kept)
    if isinstance(value, dict):
        return {k: redact_error(v, kept) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_error(v, kept) for v in value]
    return value


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
