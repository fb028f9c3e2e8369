"""Editors for text of every kind: lines, paragraphs, suggestions, voices,
secrets, lists of lines and JSON (a secret map, JSON by kind, has its own:
``secret_map_editor``)."""

from __future__ import annotations

import json
from typing import Any

from PySide6 import QtGui
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.types import Secret, SecretMap, Voice, parse_json_text
from realtime_gui.ui.form.editors import Combo, Editor, EditorContext, h_box, register
from realtime_gui.ui.form.secret_map_editor import SecretMapEditor
from realtime_gui.ui.style.style import ElidedLabel, monospace, set_role

__all__ = [
    "JsonEditor", "LineEditor", "MultilineEditor", "SecretEditor", "StringListEditor", "SuggestEditor",
    "VoiceEditor",
]


_DOCUMENT_MARGIN = 4  # QTextDocument's documentMargin, which no editor here changes


def lines_high(edit: QPlainTextEdit, lines: int) -> None:
    # The margin is Qt's default, not read from edit.document(): naming QTextDocument
    # (and QTextCursor, below) builds its class and enums, start-up time before the form is usable.
    margin = 2 * (edit.frameWidth() + _DOCUMENT_MARGIN)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + margin)


def replace_text(edit: QPlainTextEdit, text: str) -> None:
    """Replace all text as one undoable step (setPlainText would clear the undo history)."""
    cursor = edit.textCursor()
    cursor.select(QtGui.QTextCursor.SelectionType.Document)
    cursor.insertText(text)


def text_value(field: Field, text: str) -> Any:
    """Typed text as a value: ``NOT_SET`` when it is empty and the field's type has no use for ``""``."""
    return NOT_SET if not text and field.type.check("") is not None else text


class _TextBox(Editor):
    """A box whose text is the value; while not set, its placeholder says the default.
    Erased, it is not set again (``text_value``)."""

    edit: QLineEdit | QPlainTextEdit

    def __init__(self, field: Field, ctx: EditorContext, edit: QLineEdit | QPlainTextEdit) -> None:
        super().__init__(field, ctx)
        self.edit = self.root = self.focus = edit

    def _show(self, value: Any) -> None:
        if not isinstance(value, str):
            raise TypeError
        self.edit.setPlaceholderText("")
        self._set_text(value)

    def _clear(self, text: str) -> None:
        self.edit.clear()
        self.edit.setPlaceholderText(text)

    def _placeholder(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def _set_text(self, text: str) -> None:
        raise NotImplementedError


class LineEditor(_TextBox):
    """One line of text."""

    edit: QLineEdit

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx, QLineEdit(parent))
        self.edit.textEdited.connect(self._edited)

    def _set_text(self, text: str) -> None:
        self.edit.setText(text)

    def read(self) -> Any:
        return text_value(self.field, self.edit.text())


class MultilineEditor(_TextBox):
    """A few lines of text, such as instructions."""

    tall = True
    lines = 3
    edit: QPlainTextEdit

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx, QPlainTextEdit(parent))
        self.edit.setTabChangesFocus(True)
        lines_high(self.edit, self.lines)
        self.edit.textChanged.connect(self._edited)

    def _set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def read(self) -> Any:
        return text_value(self.field, self.edit.toPlainText())


class SuggestEditor(Editor):
    """Free text with suggestions: an editable combo box."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.combo = Combo(parent)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(list(field.type.suggestions))  # type: ignore[attr-defined]
        completer, line = self.combo.completer(), self.combo.lineEdit()
        assert completer is not None and line is not None  # an editable combo has both
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.line = line
        self.root = self.focus = self.combo
        line.textEdited.connect(self._edited)
        self.combo.activated.connect(self._edited)

    def to_text(self, value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError
        return value

    def from_text(self, text: str) -> Any:
        return text

    def _show(self, value: Any) -> None:
        self.line.setPlaceholderText("")
        self.combo.setEditText(self.to_text(value))

    def _clear(self, text: str) -> None:
        self.combo.setEditText("")
        self.line.setPlaceholderText(text)

    def _placeholder(self, text: str) -> None:
        self.line.setPlaceholderText(text)

    def read(self) -> Any:
        text = self.combo.currentText()
        return self.from_text(text) if text_value(self.field, text) is not NOT_SET else NOT_SET


@register("voice")
class VoiceEditor(SuggestEditor):
    """A built-in voice, or a custom one typed as its ``voice_...`` id."""

    def to_text(self, value: Any) -> str:
        if not isinstance(value, (str, dict)):
            raise TypeError
        return Voice.to_text(value)

    def from_text(self, text: str) -> Any:
        return Voice.from_text(text)


@register("text")
def _text_editor(field: Field, ctx: EditorContext, parent: QWidget) -> Editor:
    kind = field.type
    if getattr(kind, "multiline", False):
        return MultilineEditor(field, ctx, parent)
    if getattr(kind, "suggestions", ()):
        return SuggestEditor(field, ctx, parent)
    return LineEditor(field, ctx, parent)


@register("secret")
class SecretEditor(Editor):
    """A password box. A value kept in the keyring stays a reference until retyped."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.root, layout = h_box(parent)
        self.edit = QLineEdit(self.root)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setFont(monospace())
        self.edit.textEdited.connect(self._edited)
        self.reveal = QToolButton(self.root)
        self.reveal.setText("Show")
        self.reveal.setCheckable(True)
        self.reveal.setToolTip("Show or hide what is typed")
        self.reveal.toggled.connect(self._reveal)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reveal)
        self.focus = self.edit
        self._ref: Any = None

    def _reveal(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.reveal.setText("Hide" if shown else "Show")

    def _show(self, value: Any) -> None:
        if Secret.is_ref(value):
            self._ref = value
            self.edit.clear()
            self.edit.setPlaceholderText("•••• (in keyring)")
            return
        if not isinstance(value, str):
            raise TypeError
        self._ref = None
        self.edit.setPlaceholderText("")
        self.edit.setText(value)

    def _clear(self, text: str) -> None:
        self._ref = None
        self.edit.clear()
        self.edit.setPlaceholderText(text)

    def _placeholder(self, text: str) -> None:
        self._ref = None
        self.edit.setPlaceholderText(text)

    def read(self) -> Any:
        text = self.edit.text()
        return self._ref if not text and self._ref is not None else text_value(self.field, text)


@register("stringlist")
class StringListEditor(MultilineEditor):
    """One value per line, kept as the type declares (``StringList.normalise``:
    trimmed, blank lines dropped, not set when none is left)."""

    lines = 2

    def _show(self, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError
        self.edit.setPlaceholderText("One per line")
        self.edit.setPlainText("\n".join(value))

    def read(self) -> Any:
        return self.field.type.normalise(self.edit.toPlainText().splitlines())


# --- JSON ---------------------------------------------------------------------

@register("json")
def _json_editor(field: Field, ctx: EditorContext, parent: QWidget) -> Editor:
    if isinstance(field.type, SecretMap):  # its values are secrets: never shown as JSON text
        return SecretMapEditor(field, ctx, parent)
    return JsonEditor(field, ctx, parent)


class JsonEditor(Editor):
    """Monospace JSON with pretty-printing, a template and live checks.

    While the text is malformed, ``value()`` keeps the last value that parsed
    and ``problem()`` says where the text breaks.
    """

    tall = True

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.root = QWidget(parent)
        column = QVBoxLayout(self.root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.edit = QPlainTextEdit(self.root)
        self.edit.setFont(monospace())
        self.edit.setTabChangesFocus(True)
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        lines_high(self.edit, 6)
        self.edit.textChanged.connect(self._typed)
        self.focus = self.edit
        bar, row = h_box(self.root)
        pretty = QPushButton("Pretty-print", bar)
        pretty.clicked.connect(self._pretty)
        row.addWidget(pretty)
        self._template: Any = getattr(field.type, "template", None)
        if self._template is not None:
            insert = QPushButton("Insert template", bar)
            insert.setToolTip(json.dumps(self._template, indent=2))
            insert.clicked.connect(lambda: replace_text(self.edit, json.dumps(self._template, indent=2)))
            row.addWidget(insert)
        self.status = ElidedLabel(role="muted")  # one line: a long message must not widen the form
        row.addWidget(self.status, 1)
        column.addWidget(self.edit)
        column.addWidget(bar)
        self._good: Any = NOT_SET  # the last value the text held
        self._error: str | None = None

    def _show(self, value: Any) -> None:
        self.edit.setPlainText(json.dumps(value, indent=2, ensure_ascii=False))
        self._good, self._error = value, None
        self._status("")

    def _clear(self, text: str) -> None:
        self.edit.clear()
        self._placeholder(text)
        self._good, self._error = NOT_SET, None
        self._status("")

    def _placeholder(self, text: str) -> None:
        hint = "; “Insert template” starts from an example" if self._template is not None else ""
        self.edit.setPlaceholderText(f"Not set: {text}{hint}")

    def _status(self, text: str, trouble: bool = False) -> None:
        self.status.setText(f"⚠ {text}" if trouble else text)
        set_role(self.status, "problem" if trouble else "muted")

    def load_draft(self, text: str) -> None:
        with self._silenced():
            self.edit.setPlainText(text)
        self._dirty = True
        self._check()

    def _typed(self) -> None:
        if not self._quiet:
            self._check()
            self._edited()

    def _check(self) -> None:
        text = self.edit.toPlainText()
        try:
            value = parse_json_text(text) if text.strip() else NOT_SET
        except ValueError as error:
            self._error = str(error)
            self._status(self._error.removeprefix("is not valid JSON: "), trouble=True)
            return
        self._error = None
        if value is NOT_SET:  # erased: not set again
            self._good = NOT_SET
            self._status("")
            return
        self._good = value
        trouble = self.field.type.check(value)  # its words need the label before them
        self._status(f"{self.field.label} {trouble}" if trouble else "✓ valid JSON", trouble=bool(trouble))

    def _pretty(self) -> None:
        if self._error is None and self._good is not NOT_SET and self.edit.toPlainText().strip():
            replace_text(self.edit, json.dumps(self._good, indent=2, ensure_ascii=False))

    def problem(self) -> str | None:
        return self._error if self._dirty else None

    def emptied(self) -> bool:
        return not self.edit.toPlainText().strip()  # malformed text is not empty: it is reported

    def draft(self) -> str | None:
        return self.edit.toPlainText() if self.problem() else None

    def read(self) -> Any:
        return self._good
