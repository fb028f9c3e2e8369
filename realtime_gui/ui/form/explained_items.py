"""Drop-down items that show their explanation after their value:
``audio/pcm, rate 24000 — 16-bit PCM, 24 kHz, mono, little-endian``.

Imported when a list is first opened: the item-view classes cost start-up
time (PySide6 builds their enum classes on first use), and most drop-downs
of a form are never opened.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

__all__ = ["ExplainedItems"]


class ExplainedItems(QStyledItemDelegate):
    """Shows the text of ``role`` (an item data role) after each item's own."""

    def __init__(self, role: int, parent: QWidget) -> None:
        super().__init__(parent)
        self._role = role

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        meaning = index.data(self._role)
        if meaning:
            option.text = f"{option.text} — {meaning}"
