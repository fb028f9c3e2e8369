"""The ``history`` command: the mints recorded in the app's folder, newest first, and clearing them.

Kept apart from :mod:`realtime_gui.cli` as :mod:`realtime_gui.cli_serve` is;
the history itself is :mod:`realtime_gui.core.library.history`.
"""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from realtime_gui.cli_context import Context
    from realtime_gui.core.library.history import MintRecord

__all__ = ["history", "history_parser"]

_SHOWN = 20


def history_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], epilog: str) -> None:
    import argparse

    parser = commands.add_parser(
        "history", help="the mints made from here: when, with what, to where, how each ended",
        description="List the recorded mints, newest first: every mint the command line, the window or the "
                    "token server sent. Bodies keep keyring references where secrets were; no key, token or "
                    "client secret is recorded. `history clear` forgets them all.",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true",
                        help="a JSON array, one object per mint with its request body, newest first")
    parser.add_argument("--limit", type=_count, default=_SHOWN, metavar="N",
                        help=f"at most N mints (default {_SHOWN}; 0 for all that are kept)")
    parser.add_argument("--config", metavar="NAME", help="only the mints of this configuration")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    clear = actions.add_parser("clear", help="forget every recorded mint")
    clear.add_argument("--yes", action="store_true", help="don't ask first")


def _count(text: str) -> int:
    import argparse

    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a count: give 0 or a whole number above it")
    return int(text)


def history(ctx: Context, args: argparse.Namespace) -> int:
    """List the recorded mints, or clear them."""
    from realtime_gui.core.library.history import app_history
    from realtime_gui.core.service.exit_codes import EXIT_USAGE

    kept = app_history(tell=lambda text: ctx.tell(f"note: {text}"))
    if args.action == "clear":
        if not args.yes and not _confirmed(ctx, f"Forget every mint recorded in {kept.path}? [y/N] "):
            if not sys.stdin.isatty():
                ctx.error("nothing cleared: add --yes to clear the history without being asked")
                return EXIT_USAGE
            ctx.tell("nothing cleared")
            return 0
        count = kept.clear()
        ctx.tell(f"forgot {count} recorded mint{'' if count == 1 else 's'}")
        return 0
    records = kept.records(limit=args.limit or None, config=args.config)
    if args.json:
        ctx.print(json.dumps([record.to_json() for record in records], indent=2, ensure_ascii=False))
    elif not records:
        which = f" with {args.config!r}" if args.config else ""
        ctx.tell(f"no mints recorded{which} yet ({kept.path})")
    else:
        for line in _table(records):
            ctx.print(line)
    return 0


def _confirmed(ctx: Context, question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    ctx.err.write(question)
    ctx.err.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _table(records: list[MintRecord]) -> list[str]:
    """One aligned line per mint; a failure's message on the line below it."""
    rows = [(time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(r.time)), r.config, r.endpoint,
             r.outcome + (f" {r.status}" if r.status is not None else ""), f"{r.elapsed_ms:.0f} ms", r.host,
             r.session_id or r.request_id or "") for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for record, row in zip(records, rows, strict=True):
        lines.append("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)),
                                row[-1]]).rstrip())
        if record.message:
            lines.append(f"    {record.message}")
    return lines
