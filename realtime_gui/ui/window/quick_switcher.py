"""The quick switcher (Ctrl+K): type a few letters, jump to a configuration or a field.

:class:`QuickSwitcher` is a small popup, a line and a list of matches, made on
first use. Names and fields are matched without case, the closest first (see
:func:`rank`); Enter on a configuration asks for it as a click in the list
would (unsaved changes are asked about as ever), Enter on a field scrolls to
its editor and puts the cursor there. Escape closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from realtime_gui.core.records import record

__all__ = ["CONFIGURATION", "FIELD", "QuickSwitcher", "Target", "rank"]

CONFIGURATION, FIELD = "configuration", "field"
_SHOWN = 50  # matches listed at most


@record
class Target:
    """Somewhere to jump: a configuration by name, or a field by wire path."""

    kind: str
    key: str  # the name, or the wire path
    title: str  # what is matched first: the name, or the field's label
    detail: str = ""  # matched next: the field's wire path

    def text(self) -> str:
        return f"{self.title}   — {self.detail}" if self.detail else f"{self.title}   — configuration"


def _score(query: str, target: Target) -> int | None:
    """How well ``query`` (casefolded) matches: lower is better, ``None`` not at all."""
    title, detail = target.title.casefold(), target.detail.casefold()
    if title == query:
        return 0
    if title.startswith(query):
        return 1
    if any(word.startswith(query) for word in title.split()):
        return 2
    if query in title:
        return 3
    if query in detail:
        return 4
    letters = iter(title)
    if all(letter in letters for letter in query):  # the letters in order, gaps allowed
        return 5
    return None


def rank(query: str, targets: Iterable[Target]) -> list[Target]:
    """The targets ``query`` matches, best first; all of them for an empty query."""
    query = query.strip().casefold()
    if not query:
        return list(targets)
    scored = [(score, n, t) for n, t in enumerate(targets) if (score := _score(query, t)) is not None]
    return [t for _, _, t in sorted(scored, key=lambda each: (each[0], each[1]))]


class QuickSwitcher(QFrame):
    """The popup. ``targets`` gives what can be jumped to when it opens;
    ``go`` is called with the target chosen."""

    def __init__(self, targets: Callable[[], list[Target]], go: Callable[[Target], object],
                 parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("quick_switcher")
        self.setAccessibleName("Go to a configuration or a field")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._targets, self._go = targets, go
        self._all: list[Target] = []
        self._shown: list[Target] = []
        self.line = QLineEdit(self)
        self.line.setObjectName("quick_switcher_line")
        self.line.setAccessibleName("Go to")
        self.line.setPlaceholderText("Go to a configuration or a field…")
        self.matches = QListWidget(self)
        self.matches.setObjectName("quick_switcher_matches")
        self.matches.setAccessibleName("Matches")
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cursor stays in the line; arrows move here
        self.matches.itemActivated.connect(lambda _item: self.activate())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.line)
        layout.addWidget(self.matches)
        self.line.textChanged.connect(self._match)
        self.line.installEventFilter(self)

    def open(self) -> None:
        """Show it over the top of the window, empty, with what can be jumped to now."""
        self._all = self._targets()
        self.line.clear()
        self._match("")
        parent = self.parentWidget()
        if parent is not None:
            window = parent.window()
            width = max(360, min(640, window.width() // 2))
            self.resize(width, max(240, min(420, window.height() // 2)))
            self.move(window.mapToGlobal(QPoint((window.width() - width) // 2, 48)))
        self.show()
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)

    def shown(self) -> list[Target]:
        return list(self._shown)

    def activate(self) -> None:
        """Go to the match selected (the first when none is) and close."""
        row = max(self.matches.currentRow(), 0)
        if row >= len(self._shown):
            return
        target = self._shown[row]
        self.close()
        self._go(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate()
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}
            step = steps.get(Qt.Key(key))
            if step is not None and self._shown:
                row = min(max(self.matches.currentRow() + step, 0), len(self._shown) - 1)
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _match(self, text: str) -> None:
        self._shown = rank(text, self._all)[:_SHOWN]
        self.matches.clear()
        for target in self._shown:
            item = QListWidgetItem(target.text())
            item.setToolTip(f"Go to the {target.kind} {target.title}")
            self.matches.addItem(item)
        if self._shown:
            self.matches.setCurrentRow(0)
