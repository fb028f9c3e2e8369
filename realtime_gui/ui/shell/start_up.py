"""What the window's process does differently until the window is usable.

:func:`begin` runs first thing when ``realtime-gui`` opens the window, and
:func:`end` once the window is complete. In between:

* **PySide6 reads no module's source.** Once PySide6 is loaded, its import hook
  (the machinery behind ``from __feature__ import snake_case``) reads the whole
  source of each module the first time an ``import`` statement names it,
  looking for the word "PySide6", and notes the answer in a table: about
  0.3 ms a module, some 35 ms for the hundred-odd modules the window imports on
  its way to a usable form. No module here asks for a feature, so the answer
  changes nothing but the time: :func:`begin` writes it into the table up
  front, for this package's modules and the standard library's. The table is
  PySide6's own (``__feature__.pyside_feature_dict``); a PySide6 without it
  just scans as before. ``0`` is what the hook notes for a module that uses
  PySide6 (no features selected) and ``-1`` for one that doesn't: with no
  feature selected anywhere, both mean the same default API.
* **The cyclic garbage collector waits.** Start-up makes hundreds of thousands
  of objects that live as long as the window (modules, classes, the catalog,
  widgets); collecting among them as they are made finds nothing and costs
  some milliseconds. :func:`end` moves them out of the collector's way for
  good (``gc.freeze``) and turns it back on, so later collections, during a
  mint or a switch, walk only what is made after.
"""

from __future__ import annotations

import gc
import os
import sys

__all__ = ["begin", "end"]

_USES_PYSIDE = 0
_IGNORED = -1


def begin() -> None:
    """Hold the garbage collector, load PySide6 and answer its import hook before it asks."""
    gc.disable()
    import PySide6.QtCore  # noqa: F401 (the hook and its table come with it)

    table = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in _package_modules():
        table.setdefault(name, _USES_PYSIDE)
    for name in (*sys.stdlib_module_names, *sys.modules):
        if not name.startswith(("PySide6", "shiboken", "__main__")):
            table.setdefault(name, _IGNORED)


def end() -> None:
    """Start-up is over: keep what it made out of later collections, and collect again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


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
