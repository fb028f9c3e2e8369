"""The command line: mint, manage configurations and keys, list fields.

Runs on the core alone and never imports Qt; each command imports only what
it uses, so ``realtime-gui mint NAME`` starts about as fast as a bare POST.
With no command, the window opens.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from realtime_gui.cli_check import check, check_parser
from realtime_gui.cli_context import Context
from realtime_gui.cli_desktop import add_version_option, desktop_install, desktop_parser
from realtime_gui.cli_failures import EXIT_EMPTY_INPUT, EXIT_FILE_NOT_FOUND, EmptyInputError, cli_exit_codes, failure_of
from realtime_gui.cli_history import history, history_parser
from realtime_gui.cli_prefs import mint_timeouts, prefs, prefs_parser
from realtime_gui.cli_serve import serve, serve_parser
from realtime_gui.core.catalog.endpoints import DEFAULT_ENDPOINT

if TYPE_CHECKING:
    import argparse

    from realtime_gui.core.wire.configuration import Configuration

__all__ = ["EXIT_EMPTY_INPUT", "EXIT_FILE_NOT_FOUND", "Context", "main"]


def _exit_codes_help() -> str:
    """The exit codes, from the error tree's own table and the command line's."""
    from realtime_gui.core.service.exit_codes import EXIT_CODES

    rows = cli_exit_codes()
    rows.update((code, cls.title) for cls, code in EXIT_CODES.items() if code not in rows)
    return "exit codes:\n" + "\n".join(f"  {code:<4}{rows[code]}" for code in sorted(rows)) + "\n"


def _seconds(text: str) -> float:
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds; it is {text}")
    return value


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``command`` alone: a mint need not
    build (nor import the modules of) the other commands' options."""
    import argparse  # not at the top: opening the window needs no parser

    epilog = _exit_codes_help()
    parser = argparse.ArgumentParser(
        prog="realtime-gui",
        description="Mint OpenAI Realtime API client secrets. With no command, open the window.",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_version_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _PARSERS.items():
        if command in (None, name):
            add(commands, epilog)
    return parser


def _mint_parser(commands: Any, epilog: str) -> None:
    import argparse

    mint = commands.add_parser("mint", help="mint a client secret with a saved configuration",
                               epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    mint.add_argument("name", metavar="NAME", help="the saved configuration")
    mint.add_argument("--json", action="store_true", help="print the whole response, not only the secret")
    mint.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                      help="how long the whole request may take, connecting included (default: the "
                           "configuration's time limit if it sets one, else the mint.deadline setting)")
    mint.add_argument("--connect-timeout", type=_seconds, metavar="SECONDS",
                      help="how long to wait for a connection (default: the mint.connect_timeout setting, 10)")


def _configs_parser(commands: Any, _epilog: str) -> None:
    import argparse

    from realtime_gui.cli_configs import SET_HELP, UNSET_HELP

    configs = commands.add_parser("configs", help="list, show, new, set, import, export, convert, "
                                                  "duplicate, rename or delete configurations")
    sub = configs.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="the saved configurations")
    show = sub.add_parser("show", help="a configuration as saved")
    show.add_argument("name", metavar="NAME")
    new = sub.add_parser("new", help="a new configuration that sets only the model (and the connection given)")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--endpoint", default=DEFAULT_ENDPOINT, choices=_endpoint_ids())
    from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS

    for spec in CONNECTION_FIELDS:  # one option per connection setting: --base-url, --key-name, --service...
        new.add_argument("--" + spec.key.replace("_", "-"), dest=spec.key, metavar=spec.key.upper(),
                         help=f"{spec.label}: {spec.type.describe()}")
    set_ = sub.add_parser("set", help="set fields of a configuration: PATH=VALUE ...",
                          description=SET_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    set_.add_argument("name", metavar="NAME")
    set_.add_argument("assignments", nargs="+", metavar="PATH=VALUE")
    unset = sub.add_parser("unset", help="return fields of a configuration to their defaults: PATH ...",
                           description=UNSET_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    unset.add_argument("name", metavar="NAME")
    unset.add_argument("paths", nargs="+", metavar="PATH")
    imp = sub.add_parser("import", help="a raw request body or an exported configuration file")
    imp.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")
    imp.add_argument("--name", required=True, metavar="NAME")
    imp.add_argument("--endpoint", choices=_endpoint_ids(), help="the body's endpoint (detected when left out)")
    exp = sub.add_parser("export", help="a configuration as its file, or as the request body")
    exp.add_argument("name", metavar="NAME")
    exp.add_argument("--body", action="store_true", help="export the JSON request body instead")
    exp.add_argument("--with-secrets", action="store_true",
                     help="with --body: the secrets themselves, not placeholders (the file is written 0600)")
    exp.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    from realtime_gui.cli_export import add_snippet_option

    add_snippet_option(exp)
    conv = sub.add_parser("convert", help="a beta configuration as a GA one (the original is kept)")
    conv.add_argument("name", metavar="NAME")
    conv.add_argument("--to", choices=_endpoint_ids(),
                      help="the endpoint (default, and for ga: the GA endpoint of the configuration's own kind)")
    conv.add_argument("--as", dest="new_name", metavar="NEW", help='the new name (default "NAME (GA)")')
    conv.add_argument("--replace", action="store_true", help="replace the original instead")
    conv.add_argument("--counterparts", action="store_true",
                      help="put in the GA counterparts of beta values (a beta model becomes its GA successor)")
    dup = sub.add_parser("duplicate", help='a copy of a configuration (named "NAME copy" unless --as)')
    dup.add_argument("name", metavar="NAME")
    dup.add_argument("--as", dest="new_name", metavar="NEW", help="the copy's name")
    ren = sub.add_parser("rename", help="give a configuration another name")
    ren.add_argument("name", metavar="NAME")
    ren.add_argument("new_name", metavar="NEW")
    delete = sub.add_parser("delete", help="move a configuration to the trash folder")
    delete.add_argument("name", metavar="NAME")
    from realtime_gui.cli_trust import add_trust_parser

    add_trust_parser(sub)


def _key_parser(commands: Any, _epilog: str) -> None:
    key = commands.add_parser("key", help="API keys in the OS keyring")
    keys = key.add_subparsers(dest="action", metavar="ACTION", required=True)
    from realtime_gui.core.library.keys import DEFAULT_KEY  # no keyring: that loads on first use
    key_set = keys.add_parser("set", help="store a key, read from a hidden prompt or standard input")
    key_set.add_argument("name", nargs="?", default=DEFAULT_KEY, metavar="NAME")
    key_delete = keys.add_parser("delete", help="forget a key")
    key_delete.add_argument("name", nargs="?", default=DEFAULT_KEY, metavar="NAME")
    keys.add_parser("list", help="key names and where each comes from (never the keys)")


def _fields_parser(commands: Any, _epilog: str) -> None:
    fields = commands.add_parser("fields", help="every field: path, type, allowed values, default")
    fields.add_argument("--endpoint", default=DEFAULT_ENDPOINT, choices=_endpoint_ids())
    fields.add_argument("--json", action="store_true", help="machine-readable output")


_PARSERS: dict[str, Callable[[Any, str], None]] = {
    "mint": _mint_parser,
    "configs": _configs_parser,
    "key": _key_parser,
    "fields": _fields_parser,
    "serve": serve_parser,
    "check": lambda commands, epilog: check_parser(commands, epilog, _seconds),
    "prefs": lambda commands, _epilog: prefs_parser(commands),
    "desktop-install": lambda commands, _epilog: desktop_parser(commands),
    "history": history_parser,
}


def _endpoint_ids() -> list[str]:
    from realtime_gui.core.catalog.declaration import ENDPOINTS

    return list(ENDPOINTS)


# --- commands ---------------------------------------------------------------

def _mint(ctx: Context, args: argparse.Namespace) -> int:
    import shlex

    from realtime_gui.cli_configs import load
    from realtime_gui.core.catalog.connection import TIME_LIMIT
    from realtime_gui.core.library.minting import mint_configuration
    from realtime_gui.core.service.client import MintClient
    from realtime_gui.core.service.errors import MintTimeout

    config = load(ctx, args.name)
    connect_timeout, deadline = mint_timeouts(ctx, args)
    # --timeout, else the configuration's own time limit (as in the window), else the mint.deadline setting.
    own = config.connection.get(TIME_LIMIT.key)
    timeout = args.timeout if args.timeout is not None else float(own) if own is not None else deadline
    client = MintClient(connect_timeout=connect_timeout, read_timeout=timeout, deadline=timeout)
    try:
        result = mint_configuration(config, ctx.keys, client)
    except MintTimeout as error:
        option = "--connect-timeout" if error.phase == "connect" else "--timeout"
        now = f" (now {error.seconds:g})" if error.seconds is not None else ""
        if option == "--timeout" and args.timeout is None and error.seconds is not None and own is not None:
            now = (f" (now {error.seconds:g}, the configuration's {TIME_LIMIT.label.lower()}; keep a longer one with "
                   f"`realtime-gui configs set {shlex.quote(config.name)} {TIME_LIMIT.key}=SECONDS`)")
        elif option == "--timeout" and args.timeout is None and error.seconds is not None:
            now = (f" (now {error.seconds:g}, the mint.deadline setting; keep a longer one with "
                   "`realtime-gui prefs set mint.deadline SECONDS` or the configuration's "
                   f"`{TIME_LIMIT.key}`)")
        error.advice = f"{error.advice.rstrip('.')}: `{option} SECONDS`{now}."
        raise
    ctx.print(json.dumps(result.response, indent=2) if args.json else result.value)
    return 0


def _configs(ctx: Context, args: argparse.Namespace) -> int:
    from realtime_gui import cli_configs as commands
    from realtime_gui.core.library.configurations import new_configuration

    if args.action == "list":
        commands.list_command(ctx)
    elif args.action == "show":
        return commands.show_command(ctx, args.name)
    elif args.action == "new":
        from realtime_gui.cli_prefs import read_preferences
        from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS

        chosen = {spec.key: getattr(args, spec.key) for spec in CONNECTION_FIELDS
                  if getattr(args, spec.key) is not None}
        created = new_configuration(ctx.store, args.name, args.endpoint, chosen, read_preferences(ctx))
        if commands.CHOSEN_CONNECTION & chosen.keys():
            _user_chose_connection(created)
        ctx.print(f"created {created.name!r} for {args.endpoint}")
    elif args.action in ("set", "unset"):
        return commands.set_command(ctx, args, _user_chose_connection)
    elif args.action == "import":
        return commands.import_command(ctx, args)
    elif args.action == "export" and args.language:
        from realtime_gui.cli_export import export_snippet

        return export_snippet(ctx, args, commands.load(ctx, args.name))
    elif args.action == "export":
        return commands.export_command(ctx, args)
    elif args.action == "convert":
        return commands.convert_command(ctx, args)
    elif args.action == "duplicate":
        ctx.print(f"created {ctx.store.duplicate(args.name, args.new_name)!r}")
    elif args.action == "rename":
        ctx.print(f"renamed {ctx.store.stored_name(args.name)!r} to {ctx.store.rename(args.name, args.new_name)!r}")
    elif args.action == "delete":
        moved = ctx.store.delete(args.name)
        ctx.tell(f"moved {args.name!r} to {moved}")
    elif args.action == "trust":
        from realtime_gui.cli_trust import trust_command

        return trust_command(ctx, args, commands.load(ctx, args.name))
    return 0


def _user_chose_connection(config: Configuration) -> None:
    """The user set where ``config`` sends its key (``configs new --base-url/--key-name``
    or ``configs set base_url=... key_name=...``): the one place such a
    configuration is trusted, as the user chose its host themself."""
    from realtime_gui.core.library.trust import trust_connection

    try:
        trust_connection(config)
    except ValueError:
        pass  # no usable host: the mint's own check says so in its words


def _key(ctx: Context, args: argparse.Namespace) -> int:
    if args.action == "set":
        value = ctx.read_secret(f"API key for {args.name!r} (input hidden): ")
        if not value.strip():
            raise EmptyInputError(f"No key was given for {args.name!r}: the input was empty. Type or paste "
                                  "the key at the prompt, or pipe it in on standard input.")
        ctx.keys.set(args.name, value)
        ctx.tell(f"stored key {args.name!r} in the OS keyring")
    elif args.action == "duplicate":
        ctx.print(f"created {ctx.store.duplicate(args.name, args.new_name)!r}")
    elif args.action == "rename":
        ctx.print(f"renamed {ctx.store.stored_name(args.name)!r} to {ctx.store.rename(args.name, args.new_name)!r}")
    elif args.action == "delete":
        found = ctx.keys.delete(args.name)
        ctx.tell(f"deleted key {args.name!r}" if found else f"there was no key {args.name!r}")
    else:
        reason = ctx.keys.unavailable_reason()
        if reason:
            ctx.tell(f"note: {reason}")
        for info in ctx.keys.list():
            ctx.print(f"{info.name}\t{info.source}")
    return 0


def _fields(ctx: Context, args: argparse.Namespace) -> int:
    from realtime_gui.core.wire.reference import field_rows

    rows = field_rows(args.endpoint)
    if args.json:
        ctx.print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max(len(r["path"]) for r in rows)
    for row in rows:
        allowed = row["allowed"] + (", or off (null)" if row["nullable"] else "")
        also = ", ".join(e for e in row["endpoints"] if e != args.endpoint) or "no other endpoint"
        default = "required" if row["required"] else f"default {row['default']}"
        ctx.print(f"{row['path']:<{width}}  {row['label']}: {allowed}; {default}; also on {also}")
    return 0


_COMMANDS = {"mint": _mint, "configs": _configs, "key": _key, "fields": _fields, "serve": serve, "check": check,
             "prefs": prefs, "desktop-install": desktop_install, "history": history}


def main(argv: Sequence[str] | None = None, ctx: Context | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    ctx = ctx or Context()
    if not argv:
        from realtime_gui.ui.shell.app import run

        return run(argv)
    args = _parser(argv[0] if argv[0] in _COMMANDS else None).parse_args(argv)
    if args.command is None:
        _parser().print_help(ctx.out)
        return 0
    try:
        return _COMMANDS[args.command](ctx, args)
    except (Exception, KeyboardInterrupt) as error:
        failure = failure_of(error, ctx.out)
    if args.command in ("mint", "check") and args.json and not failure.quiet:
        ctx.print(failure.as_json())
    failure.tell(ctx.err)
    return failure.code
