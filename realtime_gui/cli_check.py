"""The ``check`` command: mint a token, open the Realtime socket with it, and show what the service applied.

Kept apart from :mod:`realtime_gui.cli` as :mod:`realtime_gui.cli_serve` is;
the WebSocket library loads only once the check runs.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from realtime_gui.cli_context import Context
    from realtime_gui.core.check.checking import CheckResult

__all__ = ["check", "check_parser", "check_table"]

_CELL = 40  # characters of a value shown in a table cell


def check_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], epilog: str,
                 seconds: Callable[[str], float] = float) -> None:
    import argparse

    check = commands.add_parser(
        "check", help="mint a client secret, open the Realtime socket with it, compare the session applied",
        description="Mint a client secret with the saved configuration, as `mint` does, open the Realtime "
                    "WebSocket with it and wait for session.created. Then list each field the configuration "
                    "asked for beside what the service applied: 'differs' where they disagree, 'not asked' "
                    "where the service chose, 'not shown' where it did not say. Exit 0 once the session began, "
                    "whatever the differences.",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("name", metavar="NAME", help="the saved configuration")
    check.add_argument("--timeout", type=seconds, default=15.0, metavar="S",
                       help="how long the mint, and then the wait for session.created, may each take (default 15)")
    check.add_argument("--json", action="store_true", help="print the result as a JSON object")


def check(ctx: Context, args: argparse.Namespace) -> int:
    """Check ``args.name``; the comparison on standard output, 0 once session.created came."""
    from realtime_gui.core.check.checking import check_configuration
    from realtime_gui.core.library.configurations import load_configuration
    from realtime_gui.core.service.client import MintClient
    from realtime_gui.core.service.errors import MintTimeout, SessionTimeout

    config = load_configuration(ctx.store, args.name)
    client = MintClient(connect_timeout=min(10.0, args.timeout), read_timeout=args.timeout, deadline=args.timeout)
    try:
        result = check_configuration(config, ctx.keys, client, wait=args.timeout)
    except (MintTimeout, SessionTimeout) as error:
        error.advice = f"{error.advice.rstrip('.')}: `--timeout S` (now {args.timeout:g})."
        raise
    if args.json:
        ctx.print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        for line in check_table(result):
            ctx.print(line)
    return 0


def check_table(result: CheckResult) -> list[str]:
    """The comparison as plain text: a heading, one row per field, and a count of the differences."""
    from realtime_gui.core.check.compare import show_value

    rows = result.comparison.rows
    lines = [f"{result.event_type} from {result.url} after {result.session_ms:.0f} ms "
             f"(minted in {result.mint_ms:.0f} ms)", ""]
    cells = [(row.path, show_value(row.asked, _CELL), show_value(row.applied, _CELL),
              "" if row.status == "same" else row.status) for row in rows]
    header = ("field", "asked", "applied", "")
    widths = [max(len(cell[i]) for cell in [header, *cells]) for i in range(3)]
    for cell in [header, *cells]:
        lines.append("  ".join(text.ljust(width) for text, width in zip(cell[:3], widths, strict=True))
                     + ("  " + cell[3] if cell[3] else "").rstrip())
    count = len(result.comparison.differences)
    lines += ["", "no differences" if count == 0 else f"{count} difference{'s' if count != 1 else ''}"]
    return [line.rstrip() for line in lines]
