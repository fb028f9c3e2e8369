"""Value editors: one per field *type*, picked by ``type.kind``, never by field.

An editor is a plain object that owns its widgets, not a QObject: a form
builds dozens at start-up and every Qt object costs.  It shows canonical
values and reports user edits to ``on_edit``; the not set / set / off state
belongs to the row around it (``rows.FieldRow``).
The editors themselves live in ``choice_editors``, ``text_editors``,
``number_editors`` and ``tools_editor``; ``all_editors`` imports them all.

Reading back is lossless: until the user touches an editor, ``value()``
returns exactly what ``load`` was given, so a value the widgets can only
approximate (a float with more decimals, an option this endpoint lacks)
survives a round trip unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.types import Shape
from realtime_gui.core.records import record
from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.style.style import quiet

if TYPE_CHECKING:  # only annotations need it; importing it costs start-up time
    from PySide6.QtGui import QPaintEvent, QWheelEvent

__all__ = [
    "EXPLANATION_ROLE", "Combo", "Editor", "EditorContext", "ItemProblem", "NoStrayWheel", "h_box", "make_editor",
    "register", "set_dim",
]

ItemProblem = tuple[str, str, str]  # (wire path, label, detail), as editor_problems reports them


@record
class EditorContext:
    """What an editor needs to know about where it is shown.

    Both are ``None`` for settings of no endpoint (the connection): options
    show their own value, and those limited to some endpoints are left out.
    """

    endpoint_id: str | None
    shape: Shape | None
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
    """The editor for the field's type; the editor modules register themselves when imported."""
    return _FACTORIES.get(field.type.kind, _FACTORIES["text"])(field, ctx, parent)


def set_dim(widget: QWidget, dim: bool) -> None:
    """Show a widget as showing a default, not a value (``style.quiet``: quiet, never disabled)."""
    quiet(widget, dim)


def _ignore() -> None:
    pass


class Editor:
    """Base of all editors. Subclasses build ``root``/``focus`` and define
    ``_show``, ``_clear`` and ``read``."""

    tall: ClassVar[bool] = False  # several lines high: its label sits at the top
    # Holds what is typed even where the type refuses it (a number out of range), so the
    # form checks it as it is typed rather than at the next Mint.
    checks_as_typed: ClassVar[bool] = False
    compact: ClassVar[bool] = False  # keeps its natural width instead of filling the row
    depends_on: str | None = None  # id of a field whose value it follows (update_dependency)

    root: QWidget  # what the row lays out
    focus: QWidget  # named after the wire path; the label's buddy
    below: QWidget | None = None  # laid out under the row, across the label and editor columns

    def __init__(self, field: Field, ctx: EditorContext) -> None:
        self.field = field
        self.ctx = ctx
        self.on_edit: Callable[[], None] = _ignore
        self._quiet = False
        self._dirty = False
        self._loaded: Any = NOT_SET

    def parts(self) -> tuple[QWidget, ...]:
        """The widgets the row lays out, to enable and dim together."""
        return (self.root,) if self.below is None else (self.root, self.below)

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

    def emptied(self) -> bool:
        """Whether the widgets hold nothing at all: the user erased the value."""
        return self.read() is NOT_SET

    def erased(self, text: str) -> None:
        """The user emptied the widgets: nothing is set now, and ``text`` says what that means."""
        self._loaded, self._dirty = NOT_SET, False
        with self._silenced():
            self._placeholder(text)

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

    def focus_item(self, relative: str) -> QWidget | None:
        """Select the item a relative path names; the widget to focus, if any."""
        return None

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _clear(self, text: str) -> None:
        raise NotImplementedError

    def _placeholder(self, text: str) -> None:
        """Show ``text`` where the value would be, leaving what is typed alone."""

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

class NoStrayWheel:
    """A wheel over a box without focus scrolls the form instead of changing the value."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


# Item data roles as numbers: naming ``Qt.ItemDataRole`` would build the ``Qt``
# namespace's 93 enum classes on the way to a usable form (see ``ui/shell/frame.py``).
TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
EXPLANATION_ROLE = 256 + 1  # Qt.ItemDataRole.UserRole + 1: an item's meaning, shown in the drop-down list
_ARROW_ROOM = 40  # more than any style's drop-down arrow and frame take from a combo box's width


class Combo(NoStrayWheel, QComboBox):
    """A combo box for a scrolling form: closed, it shows an item's value alone,
    so it stays narrow; open, each item also says what it means (``EXPLANATION_ROLE``)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        set_enum(self, "focusPolicy", "StrongFocus")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self._explained = False

    def add_explained(self, text: str, meaning: str) -> None:
        """An item showing ``text``; ``meaning`` in the list and as its tooltip."""
        self.addItem(text)
        index = self.count() - 1
        self.setItemData(index, meaning, TOOLTIP_ROLE)
        self.setItemData(index, meaning, EXPLANATION_ROLE)

    def showPopup(self) -> None:
        if not self._explained:  # made when first opened: most combos of a form never are
            self._explained = True
            from realtime_gui.ui.form.explained_items import ExplainedItems

            self.setItemDelegate(ExplainedItems(EXPLANATION_ROLE, self))
        # Qt sizes the list for the items' own texts; make room for the explanations too.
        view = self.view()
        wanted = view.sizeHintForColumn(0) + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
        room = self.screen().availableGeometry().width()
        view.setMinimumWidth(min(max(self.width(), wanted), room))
        super().showPopup()

    def paintEvent(self, event: QPaintEvent) -> None:
        """As Qt paints it, but a text too long for the box ends in “…” rather than mid-word."""
        if (self.isEditable() or self.currentIndex() < 0
                or self.fontMetrics().horizontalAdvance(self.currentText()) <= self.width() - _ARROW_ROOM):
            super().paintEvent(event)  # Qt's own: no style classes (and their enums) built in Python
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStylePainter

        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        style = self.style()
        room = style.subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                    QStyle.SubControl.SC_ComboBoxEditField, self).width() - 2
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(option.currentText) <= room:
            super().paintEvent(event)
            return
        option.currentText = metrics.elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


def h_box(parent: QWidget) -> tuple[QWidget, QHBoxLayout]:
    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    return box, layout
