"""A configuration as code that mints its client secret: the one entry point of this package."""

from __future__ import annotations

import re
from pathlib import Path

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.export.languages import LANGUAGES, Language
from realtime_gui.core.export.literals import comment_lines
from realtime_gui.core.export.target import SnippetTarget, snippet_target
from realtime_gui.core.library.secrets import SECRET_PLACEHOLDER
from realtime_gui.core.wire.configuration import Configuration

__all__ = ["LANGUAGES", "Language", "render_snippet", "snippet"]

_TEMPLATES = Path(__file__).resolve().parents[2] / "resources"
_PART = re.compile(r"\{\{(\w+)\}\}")


def snippet(config: Configuration, language_id: str) -> str:
    """Code in language ``language_id`` that sends exactly ``config``'s request body.

    The key is read from the environment where the code runs, never written
    in it; a secret the configuration keeps in the keyring stands as a placeholder.
    Raises ``ValueError`` for a language there is no template for.
    """
    try:
        language = LANGUAGES[language_id]
    except KeyError:
        raise ValueError(f"there is no export to {language_id!r}; use one of {', '.join(LANGUAGES)}") from None
    return render_snippet(config.name, snippet_target(config), language)


def render_snippet(name: str, target: SnippetTarget, language: Language) -> str:
    """``language``'s template with ``target``'s parts filled in."""
    template = (_TEMPLATES / f"snippet-{language.id}.txt").read_text(encoding="utf-8")
    parts = {"comments": comment_lines(language.comment, _comments(name, target)),
             "key_variable": target.key_variable, **language.parts(target)}

    def fill(match: re.Match[str]) -> str:
        return parts[match.group(1)]

    return _PART.sub(fill, template)


def _comments(name: str, target: SnippetTarget) -> list[str]:
    ep = endpoint(target.endpoint_id)
    lines = [f"Mints a client secret with the realtime-gui configuration “{name}”:",
             f"{ep.label}, POST {target.url_for_people}"]
    if target.holds_placeholders:
        lines.append(f"The body holds {SECRET_PLACEHOLDER} where the configuration keeps a secret in the "
                     "keyring: put the real value there before you run this.")
    return lines
