"""Tab follows the window's layout: the side bar, the header, the tabs, the form, the result.

Qt's focus chain is the order widgets were made in. The window makes its
parts in two steps (the frame, then the workbench after the first paint) and
its form's sections on demand, after all their headings, so that order is not
the reading order. :func:`order_focus` puts regions back in the order given,
each keeping the order of what is inside it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

__all__ = ["order_focus", "tab_stops"]


def _chain(window: QWidget) -> list[QWidget]:
    found, widget = [], window.nextInFocusChain()
    while widget is not None and widget is not window:
        found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def tab_stops(region: QWidget, chain: list[QWidget]) -> list[QWidget]:
    """What Tab can stop at in ``region``, in ``chain``'s order; a widget that hands its
    focus to another (a spin box's line edit) is left to it."""
    return [w for w in chain
            if (w is region or region.isAncestorOf(w)) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.focusProxy() is None]


def order_focus(window: QWidget, regions: Iterable[QWidget | None]) -> None:
    """Make Tab visit ``regions`` of ``window`` in the order given (``None``: a region not there)."""
    chain = _chain(window)
    stops = [stop for region in regions if region is not None for stop in tab_stops(region, chain)]
    for first, second in itertools.pairwise(stops):
        QWidget.setTabOrder(first, second)
