"""What the window's first frame may import, and :func:`set_enum` for the rest.

Everything the first frame imports is start-up time, and the largest share
of it is not Qt building widgets but PySide6 building Python enum classes:
it builds all the enums of a class the first time anything touches one of
them. The ``Qt`` namespace alone holds 93 (about 15 ms, more than the rest
of the frame); a single ``Qt.AlignmentFlag``, or a call that returns any
``Qt`` enum, pays for all of them. ``QProxyStyle`` costs 14 more, and so on.

So the modules the first frame is built from (``app``, ``main_window``,
``editing``, ``minting``, ``config_list``, ``endpoint_bar``, ``style``)
import neither ``Qt`` nor widget classes the frame doesn't show, and import
the core only inside functions. What needs more is built just after the
first paint, in ``MainWindow.finish_start``. ``test_ui_window`` holds the rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

__all__ = ["set_enum"]


def set_enum(target: QObject, name: str, key: str) -> None:
    """Set the enum property ``name`` to the value called ``key`` (``"Vertical"``).

    The same as the typed setter, through Qt's meta-object, so the frame
    never touches the ``Qt`` namespace. Raises ``ValueError`` for a property
    or key the class doesn't have.
    """
    if not target.setProperty(name, key):
        raise ValueError(f"{type(target).__name__} has no enum property {name!r} with a value {key!r}")
