"""Value editors: one per field *type*, picked by ``type.kind``, never by field.

An editor is a plain object that owns its widgets, not a QObject: a form
builds dozens at start-up and every Qt object costs.  It shows canonical
values and reports user edits to ``on_edit``; the not set / set / off state
belongs to the row around it (``form.FieldRow``).

Reading back is lossless: until the user touches an editor, ``value()``
returns exactly what ``load`` was given, so a value the widgets can only
approximate (a float with more decimals, an option this endpoint lacks)
survives a round trip unchanged.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, ClassVar, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSpinBox, QToolButton, QVBoxLayout, QWidget,
)

from ..core.schema import NOT_SET, Field
from ..core.types import Secret, Shape, Voice, parse_json_text
from .style import monospace

__all__ = ["Editor", "EditorContext", "ItemProblem", "choices_for", "make_editor", "register", "set_dim"]

ItemProblem = tuple[str, str, str]  # (wire path, label, detail), as editor_problems reports them


@dataclass(frozen=True)
class EditorContext:
    """What an editor needs to know about where it is shown."""

    endpoint_id: str
    shape: Shape
    # The form's row class: editors that hold sub-forms (the tool list) build
    # them from the same rows, without importing the form (which imports them).
    make_row: Callable[..., Any] | None = None


Factory = Callable[[Field, EditorContext, QWidget], "Editor"]
_FACTORIES: dict[str, Factory] = {}


def register(*kinds: str) -> Callable[[Factory], Factory]:
    """Make a factory (usually an :class:`Editor` subclass) the editor of these type kinds."""
    def decorate(factory: Factory) -> Factory:
        for kind in kinds:
            _FACTORIES[kind] = factory
        return factory
    return decorate


def make_editor(field: Field, ctx: EditorContext, parent: QWidget) -> Editor:
    return _FACTORIES.get(field.type.kind, _FACTORIES["text"])(field, ctx, parent)


_TEXT_ROLES = (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText)


def set_dim(widget: QWidget, dim: bool) -> None:
    """Grey a widget's text as placeholders are grey: it shows a default, not a value."""
    if bool(widget.property("dim")) == dim:
        return
    widget.setProperty("dim", dim)
    palette = QPalette()  # only the roles set below are resolved; the rest stays inherited
    if dim:
        grey = widget.palette().color(QPalette.ColorRole.PlaceholderText)
        for role in _TEXT_ROLES:
            palette.setColor(role, grey)
    widget.setPalette(palette)


def _ignore() -> None:
    pass


class Editor:
    """Base of all editors. Subclasses build ``root``/``focus`` and define
    ``_show``, ``_clear`` and ``read``."""

    tall: ClassVar[bool] = False  # several lines high: its label sits at the top
    compact: ClassVar[bool] = False  # keeps its natural width instead of filling the row
    depends_on: str | None = None  # id of a field whose value it follows (update_dependency)

    root: QWidget  # what the row lays out
    focus: QWidget  # named after the wire path; the label's buddy

    def __init__(self, field: Field, ctx: EditorContext) -> None:
        self.field = field
        self.ctx = ctx
        self.on_edit: Callable[[], None] = _ignore
        self._quiet = False
        self._dirty = False
        self._loaded: Any = NOT_SET

    def load(self, value: Any) -> None:
        """Show a canonical value; a value the widgets can't show is kept, not shown."""
        self._loaded, self._dirty = value, False
        with self._silenced():
            try:
                self._show(value)
            except (TypeError, ValueError, KeyError):
                self._clear("")

    def show_default(self, default: Any, text: str) -> None:
        """Show the service's default for a field that is not set."""
        self._loaded, self._dirty = NOT_SET, False
        with self._silenced():
            try:
                if default is NOT_SET or default is None:
                    raise ValueError
                self._show(default)
            except (TypeError, ValueError, KeyError):
                self._clear(text)

    def touch(self) -> None:
        """The user chose Set without editing: what is shown becomes the value."""
        self._dirty = True
        with self._silenced():
            self._ensure_value()

    def value(self) -> Any:
        return self.read() if self._dirty or self._loaded is NOT_SET else self._loaded

    def read(self) -> Any:
        """The value the widgets show; ``NOT_SET`` when they show none."""
        raise NotImplementedError

    def problem(self) -> str | None:
        """What the editor itself knows is wrong with its text (malformed JSON)."""
        return None

    def problems(self, path: str) -> list[ItemProblem]:
        problem = self.problem()
        return [(path, self.field.label, problem)] if problem else []

    def draft(self) -> str | None:
        """Text that can't become a value yet; kept so a sub-form can show it again."""
        return None

    def load_draft(self, text: str) -> None:
        pass

    def update_dependency(self, value: Any) -> None:
        """The value of ``depends_on`` changed (``NOT_SET`` when it has none)."""

    def mark_items(self, problems: list[tuple[str, str]]) -> None:
        """Problems inside the value, as ``(relative path like [1].name, message)``."""

    def focus_item(self, relative: str) -> bool:
        return False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _clear(self, text: str) -> None:
        raise NotImplementedError

    def _ensure_value(self) -> None:
        """Make the widgets show some value (a combo with nothing chosen picks its first)."""

    def _edited(self, *_: object) -> None:
        if not self._quiet:
            self._dirty = True
            self.on_edit()

    @contextmanager
    def _silenced(self) -> Iterator[None]:
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False


# --- widgets that behave inside a scrolling form -----------------------------

class _NoStrayWheel:
    """A wheel over a box without focus scrolls the form instead of changing the value."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class Combo(_NoStrayWheel, QComboBox):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)


class _Spin(_NoStrayWheel, QSpinBox):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class _DoubleSpin(_NoStrayWheel, QDoubleSpinBox):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _lines_high(edit: QPlainTextEdit, lines: int) -> None:
    margin = 2 * (edit.frameWidth() + int(edit.document().documentMargin()))
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + margin)


def _replace_text(edit: QPlainTextEdit, text: str) -> None:
    """Replace all text as one undoable step (setPlainText would clear the undo history)."""
    cursor = edit.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text)


def _h_box(parent: QWidget) -> tuple[QWidget, QHBoxLayout]:
    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    return box, layout


# --- choices -------------------------------------------------------------------

def _wire_text(wire: Any) -> str:
    """An option's value as the shape sends it, on one line: ``audio/pcm, rate 24000``."""
    if isinstance(wire, dict) and wire:
        (_, first), *rest = wire.items()
        return ", ".join([str(first), *(f"{key} {value}" for key, value in rest)])
    return wire if isinstance(wire, str) else json.dumps(wire)


def choices_for(options: Any, ctx: EditorContext) -> list[tuple[Any, str, str]]:
    """``(value, item text, tooltip)`` for the options offered on this endpoint."""
    return [(o.value, f"{_wire_text(o.on(ctx.shape))} — {o.help}", o.help)
            for o in options if o.only is None or ctx.endpoint_id in o.only]


class ListedEditor(Editor):
    """A combo box of fixed choices; a loaded value not among them gets an item of its own."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.combo = Combo(parent)
        self.root = self.focus = self.combo
        self._choices: list[Any] = []
        self._offered = 0  # items past this one stand for loaded values not offered
        self.combo.activated.connect(self._edited)

    def set_choices(self, choices: list[tuple[Any, str, str]]) -> None:
        self.combo.clear()
        self._choices = [value for value, _, _ in choices]
        self._offered = len(choices)
        for index, (_, text, tip) in enumerate(choices):
            self.combo.addItem(text)
            self.combo.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)

    def unknown_text(self, value: Any) -> str:
        return f"{_wire_text(value)} (not offered here)"

    def _show(self, value: Any) -> None:
        self._drop_unknown()
        if value not in self._choices:
            self._choices.append(value)
            self.combo.addItem(self.unknown_text(value))
        self.combo.setCurrentIndex(self._choices.index(value))

    def _clear(self, text: str) -> None:
        self._drop_unknown()
        self.combo.setPlaceholderText(text)
        self.combo.setCurrentIndex(-1)

    def _drop_unknown(self) -> None:
        while len(self._choices) > self._offered:
            self._choices.pop()
            self.combo.removeItem(self.combo.count() - 1)

    def read(self) -> Any:
        index = self.combo.currentIndex()
        return self._choices[index] if index >= 0 else NOT_SET

    def _ensure_value(self) -> None:
        if self.combo.currentIndex() < 0 and self.combo.count():
            self.combo.setCurrentIndex(0)


@register("choice")
class ChoiceEditor(ListedEditor):
    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx, parent)
        self.set_choices(choices_for(field.type.options, ctx))  # type: ignore[attr-defined]


@register("multichoice")
class MultiChoiceEditor(Editor):
    """A row of check boxes; the order the values were given in is kept."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.root, layout = _h_box(parent)
        self._options = [o for o in field.type.options  # type: ignore[attr-defined]
                         if o.only is None or ctx.endpoint_id in o.only]
        self._boxes: list[QCheckBox] = []
        for option in self._options:
            box = QCheckBox(option.value, self.root)
            box.setToolTip(option.help)
            box.clicked.connect(self._edited)
            layout.addWidget(box)
            self._boxes.append(box)
        layout.addStretch(1)
        if self._boxes:
            self.root.setFocusProxy(self._boxes[0])
        self.focus = self.root
        self._order: list[Any] = []

    def _show(self, value: Any) -> None:
        if not isinstance(value, list):
            raise TypeError
        self._order = list(value)
        for box, option in zip(self._boxes, self._options):
            box.setChecked(option.value in value)

    def _clear(self, text: str) -> None:
        self._show([])

    def read(self) -> Any:
        checked = {o.value for box, o in zip(self._boxes, self._options) if box.isChecked()}
        kept = [v for v in self._order if v in checked]
        return kept + [o.value for o in self._options if o.value in checked and o.value not in kept]


# --- text ----------------------------------------------------------------------

class LineEditor(Editor):
    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.edit = QLineEdit(parent)
        self.root = self.focus = self.edit
        self.edit.textEdited.connect(self._edited)

    def _show(self, value: Any) -> None:
        if not isinstance(value, str):
            raise TypeError
        self.edit.setPlaceholderText("")
        self.edit.setText(value)

    def _clear(self, text: str) -> None:
        self.edit.clear()
        self.edit.setPlaceholderText(text)

    def read(self) -> Any:
        return self.edit.text()


class MultilineEditor(Editor):
    tall = True
    lines = 3

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.edit = QPlainTextEdit(parent)
        self.edit.setTabChangesFocus(True)
        _lines_high(self.edit, self.lines)
        self.root = self.focus = self.edit
        self.edit.textChanged.connect(self._edited)

    def _show(self, value: Any) -> None:
        if not isinstance(value, str):
            raise TypeError
        self.edit.setPlaceholderText("")
        self.edit.setPlainText(value)

    def _clear(self, text: str) -> None:
        self.edit.clear()
        self.edit.setPlaceholderText(text)

    def read(self) -> Any:
        return self.edit.toPlainText()


class SuggestEditor(Editor):
    """Free text with suggestions: an editable combo box."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.combo = Combo(parent)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(list(field.type.suggestions))  # type: ignore[attr-defined]
        self.combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.root = self.focus = self.combo
        self.combo.lineEdit().textEdited.connect(self._edited)
        self.combo.activated.connect(self._edited)

    def to_text(self, value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError
        return value

    def from_text(self, text: str) -> Any:
        return text

    def _show(self, value: Any) -> None:
        self.combo.lineEdit().setPlaceholderText("")
        self.combo.setEditText(self.to_text(value))

    def _clear(self, text: str) -> None:
        self.combo.setEditText("")
        self.combo.lineEdit().setPlaceholderText(text)

    def read(self) -> Any:
        return self.from_text(self.combo.currentText())


@register("voice")
class VoiceEditor(SuggestEditor):
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
        self.root, layout = _h_box(parent)
        self.edit = QLineEdit(self.root)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setFont(monospace())
        self.edit.textEdited.connect(self._edited)
        reveal = QToolButton(self.root)
        reveal.setText("Show")
        reveal.setCheckable(True)
        reveal.setToolTip("Show or hide what is typed")
        reveal.toggled.connect(self._reveal)
        layout.addWidget(self.edit, 1)
        layout.addWidget(reveal)
        self.focus = self.edit
        self._ref: Any = None

    def _reveal(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

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

    def read(self) -> Any:
        text = self.edit.text()
        return self._ref if not text and self._ref is not None else text


@register("stringlist")
class StringListEditor(MultilineEditor):
    """One value per line; blank lines and surrounding spaces are dropped."""

    def _show(self, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError
        self.edit.setPlaceholderText("One per line")
        self.edit.setPlainText("\n".join(value))

    def read(self) -> Any:
        return [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]


# --- numbers -------------------------------------------------------------------

def _decimals(step: float) -> int:
    exponent = Decimal(str(step)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class _SpinEditor(Editor):
    """Shared by number boxes: while not set, the box shows the default's words."""

    compact = True
    spin: QSpinBox | QDoubleSpinBox

    def _attach(self, spin: QSpinBox | QDoubleSpinBox) -> None:
        self.spin = spin
        spin.setMinimumWidth(200)  # room for the words of a default, such as "chosen by the service"
        spin.valueChanged.connect(self._spun)

    def _spun(self) -> None:
        if not self._quiet:
            self.spin.setSpecialValueText("")
            self._edited()

    def _clear(self, text: str) -> None:
        # The special value text stands in for the minimum while nothing is set.
        self.spin.setSpecialValueText(text)
        self.spin.setValue(self.spin.minimum())

    def _ensure_value(self) -> None:
        self.spin.setSpecialValueText("")


@register("number")
class NumberEditor(_SpinEditor):
    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        kind: Any = field.type
        spin = _DoubleSpin(parent)
        spin.setDecimals(max(kind.decimals, _decimals(kind.step)))
        spin.setRange(-1e12 if kind.minimum is None else kind.minimum, 1e12 if kind.maximum is None else kind.maximum)
        spin.setSingleStep(kind.step)
        self._attach(spin)
        self.root = self.focus = spin

    def _show(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError
        self.spin.setSpecialValueText("")
        self.spin.setValue(value)

    def read(self) -> Any:
        return self.spin.value()


@register("integer")
class IntegerEditor(_SpinEditor):
    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        kind: Any = field.type
        spin = _Spin(parent)
        spin.setRange(-(2**31) if kind.minimum is None else kind.minimum, 2**31 - 1 if kind.maximum is None else kind.maximum)
        if kind.unit:
            spin.setSuffix(f" {kind.unit}")
        self._attach(spin)
        self.root = self.focus = spin

    def _show(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError
        self.spin.setSpecialValueText("")
        self.spin.setValue(value)

    def read(self) -> Any:
        return self.spin.value()


@register("tokenlimit")
class TokenLimitEditor(_SpinEditor):
    """A number of tokens, or ``"inf"`` for the model's own limit."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        kind: Any = field.type
        self.root, layout = _h_box(parent)
        spin = _Spin(self.root)
        spin.setRange(kind.minimum, kind.maximum)
        spin.setSuffix(" tokens")
        self._attach(spin)
        self.inf = QCheckBox("inf (the model's limit)", self.root)
        self.inf.clicked.connect(self._inf_clicked)
        layout.addWidget(spin)
        layout.addWidget(self.inf)
        layout.addStretch(1)
        self.focus = self.root
        self._sync()

    def _inf_clicked(self) -> None:
        self._sync()
        self._edited()

    def _sync(self) -> None:
        limited = not self.inf.isChecked()
        self.spin.setEnabled(limited)
        self.root.setFocusProxy(self.spin if limited else self.inf)

    def _show(self, value: Any) -> None:
        if value != "inf" and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError
        self.inf.setChecked(value == "inf")
        self.spin.setSpecialValueText("")
        if value != "inf":
            self.spin.setValue(value)
        self._sync()

    def _clear(self, text: str) -> None:
        self.inf.setChecked(False)
        self._sync()
        super()._clear(text)

    def read(self) -> Any:
        return "inf" if self.inf.isChecked() else self.spin.value()


@register("boolean")
class BooleanEditor(Editor):
    """A check box; partly checked while nothing is set and the default is unknown."""

    compact = True

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        super().__init__(field, ctx)
        self.box = QCheckBox(parent)
        self.root = self.focus = self.box
        self.box.clicked.connect(self._clicked)

    def _clicked(self) -> None:
        self._settle()
        self._edited()

    def _settle(self) -> None:
        self.box.setTristate(False)
        self.box.setText("")

    def _show(self, value: Any) -> None:
        if not isinstance(value, bool):
            raise TypeError
        self._settle()
        self.box.setChecked(value)

    def _clear(self, text: str) -> None:
        self.box.setCheckState(Qt.CheckState.PartiallyChecked)  # makes the box tristate for now
        self.box.setText(text)

    def _ensure_value(self) -> None:
        if self.box.checkState() == Qt.CheckState.PartiallyChecked:
            self.box.setCheckState(Qt.CheckState.Unchecked)
        self._settle()

    def read(self) -> Any:
        return self.box.checkState() == Qt.CheckState.Checked


# --- JSON ----------------------------------------------------------------------

@register("json")
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
        _lines_high(self.edit, 6)
        self.edit.textChanged.connect(self._typed)
        self.focus = self.edit
        bar, row = _h_box(self.root)
        pretty = QPushButton("Pretty-print", bar)
        pretty.clicked.connect(self._pretty)
        row.addWidget(pretty)
        self._template: Any = getattr(field.type, "template", None)
        if self._template is not None:
            insert = QPushButton("Insert template", bar)
            insert.setToolTip(json.dumps(self._template, indent=2))
            insert.clicked.connect(lambda: _replace_text(self.edit, json.dumps(self._template, indent=2)))
            row.addWidget(insert)
        self.status = QLabel(bar)
        self.status.setProperty("role", "muted")
        row.addWidget(self.status, 1)
        column.addWidget(self.edit)
        column.addWidget(bar)
        self._good: Any = NOT_SET  # the last value the text held
        self._error: str | None = None

    def _show(self, value: Any) -> None:
        self.edit.setPlainText(json.dumps(value, indent=2, ensure_ascii=False))
        self._good, self._error = value, None
        self.status.setText("")

    def _clear(self, text: str) -> None:
        self.edit.clear()
        hint = "; “Insert template” starts from an example" if self._template is not None else ""
        self.edit.setPlaceholderText(f"Not set: {text}{hint}")
        self._good, self._error = NOT_SET, None
        self.status.setText("")

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
            self.status.setText("⚠ " + self._error.removeprefix("is not valid JSON: "))
            return
        self._error = None if value is not NOT_SET else "is empty; enter JSON, or choose Not set"
        if value is NOT_SET:
            self.status.setText("")
            return
        self._good = value
        trouble = self.field.type.check(value)
        self.status.setText(f"⚠ {trouble}" if trouble else "✓ valid")

    def _pretty(self) -> None:
        if self._error is None and self._good is not NOT_SET and self.edit.toPlainText().strip():
            _replace_text(self.edit, json.dumps(self._good, indent=2, ensure_ascii=False))

    def problem(self) -> str | None:
        return self._error if self._dirty else None

    def draft(self) -> str | None:
        return self.edit.toPlainText() if self.problem() else None

    def read(self) -> Any:
        return self._good
