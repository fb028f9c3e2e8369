"""The app as installed: ``--version`` and ``desktop-install``.

``--version`` names the app's, Qt's and Python's versions; Qt's come from
QtCore alone, loaded only when asked. ``desktop-install`` writes a launcher
whose ``Exec`` is this very installation (the bundle's program, or this
Python with ``-m realtime_gui``), so it works from a desktop menu even when
the venv or pipx folder is not on ``PATH``, and puts the icon in the
hicolor theme. Kept apart from :mod:`realtime_gui.cli` as
:mod:`realtime_gui.cli_serve` is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from realtime_gui.cli_context import Context

__all__ = [
    "DESKTOP_ID", "add_version_option", "desktop_entry", "desktop_install", "desktop_parser", "launch_command",
]

DESKTOP_ID = "realtime-gui"  # the .desktop file's and the icon's name
_RESOURCES = Path(__file__).resolve().parent / "resources"


def add_version_option(parser: argparse.ArgumentParser) -> None:
    """``--version``, its text made only when asked (Qt loads only then)."""
    import argparse

    class _Version(argparse.Action):
        def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                     values: Any, option_string: str | None = None) -> None:
            from realtime_gui.versions import version_text

            print(version_text())
            parser.exit()

    parser.add_argument("--version", action=_Version, nargs=0, help="the app's, Qt's and Python's versions")


def desktop_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    install = commands.add_parser(
        "desktop-install", help="add realtime-gui to the desktop's application menu (Linux)",
        description="Write a launcher (a .desktop file) that starts this installation of realtime-gui by its "
                    "full path, and the icon in the hicolor theme, under $XDG_DATA_HOME (~/.local/share).")
    install.add_argument("--print", action="store_true", help="print the launcher instead of writing anything")
    install.add_argument("--uninstall", action="store_true", help="remove the launcher and icons again")


def launch_command() -> list[str]:
    """The command that starts this installation, every part absolute."""
    if getattr(sys, "frozen", False):  # a bundle: its own program
        return [str(Path(sys.executable).resolve())]
    # Not resolved: a venv's python is a link, and only the link knows the venv.
    return [str(Path(sys.executable).absolute()), "-m", "realtime_gui"]


def _exec_quote(word: str) -> str:
    # The desktop entry spec's quoting: inside double quotes, escape " ` $ \ ; % is doubled anywhere.
    word = word.replace("%", "%%")
    if not any(c in word for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return word
    for char in '\\"`$':
        word = word.replace(char, "\\" + char)
    return f'"{word}"'


def desktop_entry(command: list[str] | None = None) -> str:
    """The packaged desktop entry, its ``Exec`` starting ``command`` (default: this installation)."""
    exec_line = "Exec=" + " ".join(_exec_quote(w) for w in command or launch_command())
    lines = (_RESOURCES / f"{DESKTOP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    return "\n".join(exec_line if line.startswith("Exec=") else line for line in lines) + "\n"


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _icon_files() -> list[tuple[Path, Path]]:
    """(packaged file, its place under the data folder) for each icon size."""
    icons = [(_RESOURCES / f"{DESKTOP_ID}.svg", Path("icons/hicolor/scalable/apps") / f"{DESKTOP_ID}.svg")]
    for png in sorted((_RESOURCES / "icons").glob(f"*/{DESKTOP_ID}.png")):
        icons.append((png, Path("icons/hicolor") / png.parent.name / "apps" / png.name))
    return icons


def desktop_install(ctx: Context, args: argparse.Namespace) -> int:
    from realtime_gui.core.library.atomic import atomic_write_text

    if args.print:
        ctx.out.write(desktop_entry())
        return 0
    data = _data_home()
    launcher = data / "applications" / f"{DESKTOP_ID}.desktop"
    targets = [launcher, *(data / place for _, place in _icon_files())]
    if args.uninstall:
        for target in targets:
            target.unlink(missing_ok=True)
        ctx.tell(f"removed {launcher} and the icons")
        return 0
    for source, place in _icon_files():
        (data / place).parent.mkdir(parents=True, exist_ok=True)
        (data / place).write_bytes(source.read_bytes())
    launcher.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(launcher, desktop_entry(), mode=0o644)
    ctx.print(str(launcher))
    ctx.tell(f"the launcher starts {' '.join(launch_command())}; run this again if that installation moves")
    return 0
