"""No two things in the window answer the same key: every action's shortcut
and every mnemonic (``&File``, a label's ``&Endpoint:`` for its buddy, a
button's ``&Save``), walked over the whole window, each endpoint's form and
the connection section open."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabBar, QToolBar, QWidget
from ui_support import WindowFactory

from realtime_gui.core.catalog.declaration import ENDPOINTS
from realtime_gui.ui.shell.frame import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

Found = dict[tuple[str, str], list[str]]  # (container, key) -> who answers it


def mnemonic(text: str) -> str | None:
    """The letter after the first single ``&`` in ``text`` (``&&`` is a plain ampersand)."""
    at = 0
    while (at := text.find("&", at)) >= 0 and at + 1 < len(text):
        if text[at + 1] != "&":
            return text[at + 1].casefold()
        at += 2
    return None


def _keys(window: MainWindow) -> Found:
    found: Found = defaultdict(list)

    def add(container: str, key: str | None, who: str) -> None:
        if key is not None and who not in found[(container, key)]:
            found[(container, key)].append(who)

    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            add("window", sequence.toString(QKeySequence.SequenceFormat.PortableText), action.text())
    for menu in window.findChildren(QMenu):
        for action in menu.actions():
            if action.isVisible() and not action.isSeparator():
                add(f"menu {menu.title()}", mnemonic(action.text()), action.text())
    for action in window.menuBar().actions():
        add("window", _alt(mnemonic(action.text())), action.text())
    shown = [w for w in window.findChildren(QWidget) if w.isVisibleTo(window)]
    for widget in shown:
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            add("window", _alt(mnemonic(widget.text())), f"label {widget.text()}")
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QToolBar):
            add("window", _alt(mnemonic(widget.text())), f"button {widget.text()}")
        elif isinstance(widget, QGroupBox):
            add("window", _alt(mnemonic(widget.title())), f"group {widget.title()}")
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                add("window", _alt(mnemonic(widget.tabText(tab))), f"tab {widget.tabText(tab)}")
    return found


def _alt(letter: str | None) -> str | None:
    return None if letter is None else f"Alt+{letter.upper()}"


def test_mnemonic_reads_like_qt() -> None:
    assert [mnemonic(t) for t in ("&File", "Save &As", "Fish && Chips", "A && &B", "plain", "end&")] == [
        "f", "a", None, "b", None, None]


def test_no_two_actions_or_mnemonics_share_a_key(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window()
    window.bench.connection.set_expanded(True)
    clashes: Found = {}
    for endpoint_id in ENDPOINTS:
        window.endpoint_bar.set_endpoint(endpoint_id)
        window.bench.editing.endpoint_changed(endpoint_id)
        found = _keys(window)
        clashes.update({key: who for key, who in found.items() if len(who) > 1})
    # The walk sees menus, actions and labels (it would pass on an empty window otherwise).
    assert {("window", "Alt+E"), ("window", "Alt+N"), ("window", "Ctrl+F"), ("window", "Del"),
            ("window", "Alt+F")} <= found.keys()
    assert clashes == {}
