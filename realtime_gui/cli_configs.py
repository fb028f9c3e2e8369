"""The configuration commands that take more than a line: show, list, set and
unset, import, export and convert (``realtime-gui configs ...``).

Like :mod:`realtime_gui.cli`, each imports only what it uses.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from realtime_gui.cli_context import Context
    from realtime_gui.core.wire.configuration import Configuration

__all__ = ["CHOSEN_CONNECTION", "SET_HELP", "UNSET_HELP", "convert_command", "export_command", "import_command",
           "list_command", "set_command", "show_command"]

CHOSEN_CONNECTION = frozenset({"base_url", "key_name"})  # where the key goes, and which key


SET_HELP = """\
Set fields of a saved configuration, each by its wire path as `realtime-gui fields
--endpoint ENDPOINT` lists it (session.audio.output.voice, temperature...), or a
connection setting (service, base_url, key_name, organization, project,
azure_api_version). Each VALUE is read as its field reads it:
  null                      off (sent as null, where the endpoint allows it)
  ash, gpt-realtime, inf    text the field accepts as it stands stays text
  0.8, 4096, true, false    numbers and booleans
  '["a", "b"]', '{...}'     lists and objects as JSON (tools, metadata...)
Every value is checked as the window checks it; if one is wrong, nothing is saved.
"""

UNSET_HELP = """\
Return fields of a saved configuration to "not set", so the default applies: the
service's for a session field, realtime-gui's for a connection setting. PATH is
as for `configs set`; unsetting an object (turn_detection) unsets its fields too.
"""


def load(ctx: Context, name: str, *, checked: bool = True) -> Configuration:
    """A saved configuration, any secret its file still holds moved into the keyring (or why not, told)."""
    from realtime_gui.core.library.configurations import load_configuration

    return load_configuration(ctx.store, name, ctx.keys, lambda note: ctx.tell(f"warning: {note}"),
                              checked=checked)


def show_command(ctx: Context, name: str) -> int:
    """The configuration as saved, even with wrong values (each named on standard error), so it can be corrected."""
    from realtime_gui.core.library.configurations import export_document
    from realtime_gui.core.wire.data_check import check_configuration_data

    config = load(ctx, name, checked=False)
    # The export form: a secret the keyring couldn't take is shown as a placeholder, never itself.
    ctx.print(json.dumps(export_document(config), indent=2, ensure_ascii=False))
    problems = check_configuration_data(config.to_data())
    for problem in problems:
        ctx.error(f"{problem.message} Correct it with `realtime-gui configs set {config.name} {problem.path}=VALUE` "
                  "or `configs unset`.")
    return 3 if problems else 0


def list_command(ctx: Context) -> None:
    """Each name; a file that can't be opened is marked broken (and moved aside, never deleted)."""
    from realtime_gui.core.library.configurations import load_configuration
    from realtime_gui.core.library.store import ConfigLoadError, ConfigNotFoundError

    unreadable = []
    for name in ctx.store.list():
        try:
            load_configuration(ctx.store, name)
        except ConfigLoadError as problem:
            if problem.moved_to is None:  # left in place: too new, or not readable at all
                unreadable.append(f"{name}\tcan't be opened (see `realtime-gui configs show {name}`)")
        except ConfigNotFoundError:  # removed since listing
            continue
        else:
            ctx.print(name)
    for line in unreadable:
        ctx.print(line)
    for name, path in ctx.store.broken_files():
        ctx.print(f"{name}\tbroken, set aside as {path.name}")


def set_command(ctx: Context, args: argparse.Namespace, chose: Callable[[Configuration], None]) -> int:
    from realtime_gui.core.library.configurations import (
        field_at,
        save_configuration,
        set_fields,
        unset_fields,
        value_from_text,
    )

    config = load(ctx, args.name, checked=False)  # so a wrong value can be corrected
    if args.action == "unset":
        touched = [field_at(config.endpoint, path) for path in args.paths]
        config = unset_fields(config, args.paths)
    else:
        changes = {}
        for assignment in args.assignments:
            path, equals, text = assignment.partition("=")
            if not equals:
                raise ValueError(f"{assignment!r} is not PATH=VALUE; write, for example, "
                                 "session.audio.output.voice=ash")
            changes[path] = value_from_text(field_at(config.endpoint, path), text)
        touched = [field_at(config.endpoint, path) for path in changes]
        config = set_fields(config, changes)
    saved = save_configuration(ctx.store, ctx.keys, config)
    if args.action == "set" and CHOSEN_CONNECTION & {spot.connection_key for spot in touched}:
        chose(saved)
    done = "set" if args.action == "set" else "unset"
    ctx.tell(f"{done} {', '.join(spot.path for spot in touched)} in {saved.name!r}")
    return 0


def import_command(ctx: Context, args: argparse.Namespace) -> int:
    from pathlib import Path

    from realtime_gui.core.catalog.declaration import endpoint
    from realtime_gui.core.library.configurations import create_configuration
    from realtime_gui.core.library.secrets import placeholder_secrets
    from realtime_gui.core.wire.importing import import_text, read_import

    raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    try:
        imported = read_import(import_text(raw), args.name, args.endpoint)
    except ValueError as error:
        raise ValueError(f"{args.file} {error}") from None
    for path in imported.unknown:
        ctx.tell(f"warning: {path} is not a field realtime-gui knows; it was not imported")
    for where in placeholder_secrets(imported.configuration):
        ctx.tell(f"warning: {where} holds a placeholder from an export without secrets, not the token; "
                 "minting refuses until the real token is entered")
    for problem in imported.problems:
        ctx.error(f"{args.file}: {problem}")
    if imported.unknown and not imported.configuration.values:
        ctx.error(f"nothing in {args.file} belongs to {endpoint(imported.configuration.endpoint).label}; "
                  "check --endpoint")
        return 3
    if imported.problems:
        return 3
    saved = create_configuration(ctx.store, ctx.keys, imported.configuration)
    ctx.print(f"imported {saved.name!r} from {imported.kind}")
    from realtime_gui.cli_trust import tell_untrusted

    tell_untrusted(ctx, saved)
    return 0


def export_command(ctx: Context, args: argparse.Namespace) -> int:
    from realtime_gui.core.library.configurations import (
        export_body,
        export_document,
        export_text,
        write_export,
    )

    if args.with_secrets and not args.body:
        raise ValueError("--with-secrets goes with --body: an exported configuration file holds keyring "
                         "references, never secrets")
    config = load(ctx, args.name)
    document = export_body(config, ctx.keys, with_secrets=args.with_secrets) if args.body else export_document(config)
    if args.output:
        from pathlib import Path

        write_export(Path(args.output), document)
    else:
        ctx.out.write(export_text(document))
    return 0


def convert_command(ctx: Context, args: argparse.Namespace) -> int:
    from realtime_gui.core.library.configurations import conversion_name, convert_configuration
    from realtime_gui.core.library.store import ConfigNameError
    from realtime_gui.core.wire.convert import conversion_target

    config = load(ctx, args.name)
    to = conversion_target(config, args.to)  # "ga": the GA endpoint of its own kind; refused when already GA
    new_name = args.name if args.replace else (args.new_name or conversion_name(args.name, to))
    try:
        conversion = convert_configuration(ctx.store, ctx.keys, config, to, new_name, replace_original=args.replace,
                                           use_counterparts=args.counterparts)
    except ConfigNameError:
        if args.replace or not ctx.store.exists(new_name):
            raise
        raise ValueError(f"A configuration named {ctx.store.stored_name(new_name)!r} already exists; give the "
                         f"converted copy another name with --as NEW, or convert {args.name!r} in place with "
                         "--replace") from None
    for note in conversion.notes():
        ctx.tell(note)
    if conversion.counterparts and not args.counterparts:
        ctx.tell("convert with --counterparts to put the GA counterparts in")
    ctx.print(f"{'replaced' if args.replace else 'created'} {new_name!r} for {to}")
    return 0
