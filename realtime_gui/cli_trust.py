"""The command line's part in trust: ``configs trust``, and what ``configs import`` says about a
connection that isn't confirmed (the rule is :mod:`realtime_gui.core.library.trust`'s)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from realtime_gui.cli_context import Context
    from realtime_gui.core.wire.configuration import Configuration

__all__ = ["add_trust_parser", "tell_untrusted", "trust_command"]


def add_trust_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``configs trust NAME [--allow-http]``."""
    trust = sub.add_parser("trust", help="confirm that a configuration may send its API key to its host")
    trust.add_argument("name", metavar="NAME")
    trust.add_argument("--allow-http", action="store_true",
                       help="also accept plain http (unencrypted) to a host other than this machine")


def tell_untrusted(ctx: Context, config: Configuration) -> None:
    """Importing never trusts: say where the key would go and how to confirm it."""
    from realtime_gui.core.library.trust import connection_trust

    problem = connection_trust(config)
    if problem is None:
        return
    http = " over plain http" if problem.plain_http else ""
    ctx.tell(f"note: {config.name!r} points to {problem.origin}{http} and would send the API key "
             f"{problem.key_name!r} there. It won't mint until you confirm that with `{problem.command}`.")


def trust_command(ctx: Context, args: argparse.Namespace, config: Configuration) -> int:
    """Record the user's confirmation of ``config``'s host and key; refuses (exit 18) when plain
    http to another machine is still not allowed."""
    from realtime_gui.core.library.trust import connection_trust, trust_connection

    record = trust_connection(config, allow_http=args.allow_http)
    if record is None:
        ctx.tell(f"{config.name!r} uses OpenAI's own host; there is nothing to confirm")
        return 0
    http = " over plain http" if record.allow_http else ""
    ctx.tell(f"trusted {record.origin} with the API key {record.key_name!r}{http}")
    problem = connection_trust(config)
    if problem is not None:
        raise problem.error()
    return 0
