"""``configs export NAME --as LANGUAGE``: a configuration as code that mints its client secret."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    import argparse

    from realtime_gui.core.wire.configuration import Configuration

__all__ = ["SNIPPET_LANGUAGES", "add_snippet_option", "export_snippet"]

SNIPPET_LANGUAGES = ("curl", "python", "python-openai", "javascript", "swift")
"""The ids of ``core.export``'s languages, spelled out so building the parser loads none of it."""


class _Output(Protocol):
    out: TextIO


def add_snippet_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="language", choices=SNIPPET_LANGUAGES, metavar="LANGUAGE",
                        help="code that mints with this configuration, the key read from the environment: "
                             + ", ".join(SNIPPET_LANGUAGES))


def export_snippet(ctx: _Output, args: argparse.Namespace, config: Configuration) -> int:
    """Print (or with ``--output`` write) the snippet; an invalid configuration is refused (exit 3)."""
    from realtime_gui.core.export.snippets import snippet
    from realtime_gui.core.service.errors import ConfigurationInvalidError
    from realtime_gui.core.wire.validate import validate

    if args.body:
        raise ValueError("--as and --body are two different exports; give one of them")
    if args.with_secrets:
        raise ValueError("--as writes code that never holds a secret: leave out --with-secrets")
    problems = validate(config)
    if problems:
        raise ConfigurationInvalidError(problems)
    text = snippet(config, args.language)
    if args.output:
        from pathlib import Path

        from realtime_gui.core.library.atomic import atomic_write_text

        atomic_write_text(Path(args.output), text)
    else:
        ctx.out.write(text)
    return 0
