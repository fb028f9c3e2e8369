"""Setting a Qt enum property by its name, so a widget of the first frame never
touches the ``Qt`` namespace (``ui/shell/frame.py`` says why that matters)."""

from __future__ import annotations

from PySide6.QtCore import QObject

__all__ = ["set_enum"]


def set_enum(target: QObject, name: str, key: str) -> None:
    """Set the enum property ``name`` to the value called ``key`` (``"Vertical"``).

    The same as the typed setter, through Qt's meta-object. Raises
    ``ValueError`` for a property or key the class doesn't have.
    """
    if not target.setProperty(name, key):
        raise ValueError(f"{type(target).__name__} has no enum property {name!r} with a value {key!r}")
