"""Spare the window's start-up PySide6's reading of every module's source.

Once PySide6 is loaded, its import hook (the machinery behind ``from __feature__
import snake_case``) reads the whole source of each module the first time an
``import`` statement names it, looking for the word "PySide6", and notes the
answer in a table. That is about 0.3 ms a module: for the hundred-odd modules
the window imports on its way to a usable form, some 35 ms of a start-up that
has a target. No module here asks for a feature, so the answer changes nothing
but the time: :func:`spare_source_scans` writes it into the table up front,
for this package's modules and the standard library's.

The table is PySide6's own (``__feature__.pyside_feature_dict``); a PySide6
without it just scans as before. ``0`` is what the hook notes for a module that
uses PySide6 (no features selected) and ``-1`` for one that doesn't: with no
feature selected anywhere, both mean the same default API.
"""

from __future__ import annotations

import os
import sys

__all__ = ["spare_source_scans"]

_USES_PYSIDE = 0
_IGNORED = -1


def _package_modules() -> list[str]:
    """The dotted names of this package's modules, from its folder (none in a bundle without sources)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parent = os.path.dirname(root)
    names: list[str] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [sub for sub in subfolders if not sub.startswith(("_", "."))]
        package = os.path.relpath(folder, parent).replace(os.sep, ".")
        names.extend(package if file == "__init__.py" else f"{package}.{file[:-3]}"
                     for file in files if file.endswith(".py"))
    return names


def spare_source_scans() -> None:
    """Load PySide6 and tell its import hook, before it asks, what it would find."""
    import PySide6.QtCore  # noqa: F401 (the hook and its table come with it)

    table = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in _package_modules():
        table.setdefault(name, _USES_PYSIDE)
    for name in (*sys.stdlib_module_names, *sys.modules):
        if not name.startswith(("PySide6", "shiboken", "__main__")):
            table.setdefault(name, _IGNORED)
