"""The ``prefs`` command, and the preferences other commands start from.

``realtime-gui prefs`` lists every setting with its value, range and help;
``prefs set KEY VALUE`` and ``prefs unset KEY`` change the settings file
(:mod:`realtime_gui.core.library.preferences`). Kept apart from
:mod:`realtime_gui.cli` as :mod:`realtime_gui.cli_serve` is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from realtime_gui.cli_context import Context
    from realtime_gui.core.library.preferences import Preferences

__all__ = ["mint_timeouts", "prefs", "prefs_parser", "read_preferences"]


def prefs_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    prefs = commands.add_parser(
        "prefs", help="the app's settings: defaults for new configurations, timeouts, clipboard, theme",
        description="Show or change the settings the window's Preferences dialog shows too. They live in "
                    "settings.json in the app folder ($REALTIME_GUI_HOME when set).")
    sub = prefs.add_subparsers(dest="action", metavar="ACTION")
    sub.add_parser("list", help="every setting: key, value, what it takes (the default action)")
    set_ = sub.add_parser("set", help="change a setting, e.g. `prefs set window.theme dark`")
    set_.add_argument("key", metavar="KEY")
    set_.add_argument("value", metavar="VALUE", help="a number, on/off, or one of the listed values")
    unset = sub.add_parser("unset", help="put a setting back to its default")
    unset.add_argument("key", metavar="KEY")


def read_preferences(ctx: Context) -> Preferences:
    """The settings, each problem with the file told on standard error (never fatal)."""
    from realtime_gui.core.library.preferences import load_preferences

    loaded = load_preferences()
    for problem in loaded.problems:
        ctx.tell(f"warning: {problem}")
    return loaded


def mint_timeouts(ctx: Context, args: argparse.Namespace) -> tuple[float, float]:
    """(connect timeout, deadline): the options when given, else the settings."""
    if args.timeout is not None and args.connect_timeout is not None:
        return args.connect_timeout, args.timeout
    from realtime_gui.core.library.preferences import CONNECT_TIMEOUT, DEADLINE

    loaded = read_preferences(ctx)
    connect = args.connect_timeout if args.connect_timeout is not None else loaded.get(CONNECT_TIMEOUT.key)
    deadline = args.timeout if args.timeout is not None else loaded.get(DEADLINE.key)
    return float(connect), float(deadline)


def prefs(ctx: Context, args: argparse.Namespace) -> int:
    from realtime_gui.core.library.preferences import parse_value, preference

    loaded = read_preferences(ctx)
    if args.action in (None, "list"):
        _list(ctx, loaded)
        return 0
    if args.action == "set":
        loaded.set(args.key, parse_value(args.key, args.value))
        loaded.save()
        ctx.tell(f"{args.key} is now {preference(args.key).type.show(loaded.get(args.key))}")
    else:
        was_set = loaded.unset(args.key)
        loaded.save()
        ctx.tell(f"{args.key} is back to its default" if was_set else f"{args.key} was not set")
    return 0


def _list(ctx: Context, loaded: Preferences) -> None:
    from realtime_gui.core.catalog.field_type import NOT_SET
    from realtime_gui.core.library.preferences import PREFERENCES

    ctx.tell(f"settings file: {loaded.path}")
    width = max(len(p.key) for p in PREFERENCES)
    for pref in PREFERENCES:
        value = loaded.get(pref.key)
        shown = (pref.default_note or "not set") if value is NOT_SET else pref.type.show(value)
        origin = "" if loaded.is_set(pref.key) else " (default)"
        ctx.print(f"{pref.key:<{width}}  {shown}{origin}  [{pref.type.describe()}] {pref.help}")
