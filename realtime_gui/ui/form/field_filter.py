"""Find a field: a line above the form that keeps only the rows whose label,
wire path or help holds what is typed.

Every word typed must appear (without case) in a row's label, path or help. A
group's row stays when a field below it matches, and a matching group keeps
its fields; a section with no row left is hidden, a collapsed one with a match
is opened while the filter holds. An empty filter, or Escape, shows everything
as it was. The line is made once the window is usable, never on the path to
its first frame, and placed by the window; it goes through every section, so
it builds those not built yet.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QLineEdit, QWidget

from realtime_gui.ui.form.endpoint_form import EndpointForm, Section
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.form.rows import Row

__all__ = ["FieldFilter", "row_matches"]


def row_matches(row: Row, words: list[str]) -> bool:
    """Whether every word (casefolded) is in the row's label, wire path or help."""
    text = f"{row.node.label}\n{row.path}\n{row.node.help}".casefold()
    return all(word in text for word in words)


class _FilterLine(QLineEdit):
    """A line edit that takes Escape for itself while it holds text (it clears it)."""

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and self.text()):
            event.accept()  # before the window's Escape (Cancel) sees it
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class FieldFilter(QObject):
    """The filter line for ``form`` and the hiding it does; the window places
    :attr:`line` (the form keeps its height for rows)."""

    def __init__(self, form: FormView) -> None:
        super().__init__(form)
        self._form = form
        self.line = _FilterLine(form)
        self.line.setObjectName("field_filter")
        self.line.setAccessibleName("Find a field")
        self.line.setPlaceholderText("Find a field (Ctrl+F)")
        self.line.setToolTip("Keep only the fields whose label, wire path or help holds every word typed; "
                             "Escape shows them all again")
        self.line.setClearButtonEnabled(True)
        self.none = QLabel(form)  # says so when nothing matches
        self.none.setObjectName("field_filter_none")
        self.none.setProperty("role", "muted")
        self.none.hide()
        layout = form.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.none)
        self.line.textChanged.connect(self.apply)
        self._filtered: EndpointForm | None = None
        self._hidden: list[QWidget] = []  # what the filter hid, to show again
        self._opened: list[Section] = []  # collapsed sections it opened

    def focus(self) -> None:
        """Put the cursor in the filter, its text selected to be typed over."""
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def text(self) -> str:
        return self.line.text()

    def hides(self, path: str) -> bool:
        """Whether the filter hides the row at ``path`` (or its section)."""
        row = self._filtered.row_for(path)[0] if self._filtered is not None else None
        if row is None:
            return False
        return any(w in self._hidden for w in (*row.widgets(), row.body.parentWidget()))

    def follow(self) -> None:
        """The form may show another endpoint's rows: filter those too."""
        if self.line.text() and self._form.built_form() is not self._filtered:
            self.apply(self.line.text())

    def apply(self, text: str) -> None:
        self._restore()
        words = text.casefold().split()
        if not words:
            self.none.hide()
            return
        form = self._form.built_form()
        self._filtered = form
        if form is None:
            return
        matched = {row.path for row in form.rows if row_matches(row, words)}
        shown = set(matched)
        for row in form.rows:  # a match's groups above it, and a matching group's fields below
            if row.path in matched:
                shown.update(p for p in _ancestors(row.path) if p in form.by_path)
            elif any(row.path.startswith(p + ".") for p in matched):
                shown.add(row.path)
        for row in form.rows:
            if row.path not in shown:
                self._hide(row.widgets())
        for section in form.sections.values():
            members = [row for row in form.rows if row.body is section.body]
            if not any(row.path in shown for row in members):
                self._hide([section])
            elif not section.expanded():
                section.set_expanded(True)
                self._opened.append(section)
        self.none.setText(f"No field matches “{text.strip()}”. Escape shows them all.")
        self.none.setVisible(not shown)

    def _hide(self, widgets: list[QWidget]) -> None:
        for widget in widgets:
            if not widget.isHidden():
                widget.hide()
                self._hidden.append(widget)

    def _restore(self) -> None:
        for widget in self._hidden:
            if not (isinstance(widget, QLabel) and widget.property("role") and not widget.text()):
                widget.show()  # but a note emptied meanwhile
        for section in self._opened:
            section.set_expanded(False)
        self._hidden, self._opened, self._filtered = [], [], None


def _ancestors(path: str) -> list[str]:
    parts = path.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]
