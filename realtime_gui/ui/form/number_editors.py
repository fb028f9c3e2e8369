"""Editors for numbers, token limits and true/false."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QDoubleSpinBox, QSpinBox, QWidget

from realtime_gui.core.catalog.field_type import SERVICE_DEFAULT
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.ui.form.editors import Editor, EditorContext, NoStrayWheel, h_box, register
from realtime_gui.ui.style.enums import set_enum

__all__ = ["BooleanEditor", "IntegerEditor", "NumberEditor", "TokenLimitEditor"]


class _Bounded:
    """A spin box that keeps what is typed, even outside the declared range.

    Qt's spin boxes clamp a typed value to their range without a word; these take
    the widest range the box can hold, so a value out of the declared ``bounds``
    stays as typed and the form marks it.  The arrows and the size keep to ``bounds``.
    """

    bounds: tuple[float, float]

    def stepBy(self, steps: int) -> None:
        low, high = self.bounds
        target = self.value() + steps * self.singleStep()  # type: ignore[attr-defined]
        self.setValue(min(max(target, low), high))  # type: ignore[attr-defined]

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.isReadOnly():  # type: ignore[attr-defined]
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        low, high = self.bounds
        value = self.value()  # type: ignore[attr-defined]
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if value < high or value == self.minimum():  # type: ignore[attr-defined]  # not set steps to the low end
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if value > low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def sizeHint(self) -> QSize:
        """As wide as the declared range needs, not the widest range the box takes."""
        hint: QSize = super().sizeHint()  # type: ignore[misc]
        metrics = self.fontMetrics()  # type: ignore[attr-defined]
        special = metrics.horizontalAdvance(self.specialValueText())  # type: ignore[attr-defined]

        def widest(*values: float) -> int:
            texts = (self.textFromValue(v) + self.suffix() for v in values)  # type: ignore[attr-defined]
            return int(max(special, *(metrics.horizontalAdvance(t) for t in texts)))

        return QSize(hint.width() - widest(self.minimum(), self.maximum())  # type: ignore[attr-defined]
                     + widest(*self.bounds), hint.height())


class _Spin(_Bounded, NoStrayWheel, QSpinBox):
    def __init__(self, parent: QWidget, low: int | None, high: int | None) -> None:
        super().__init__(parent)
        set_enum(self, "focusPolicy", "StrongFocus")
        self.setRange(-(2**31), 2**31 - 1)  # the widest a QSpinBox (a C int) holds
        self.setValue(self.minimum())  # the box's own minimum stands for "no number"
        self.bounds = (self.minimum() if low is None else low, self.maximum() if high is None else high)


class _DoubleSpin(_Bounded, NoStrayWheel, QDoubleSpinBox):
    def __init__(self, parent: QWidget, low: float | None, high: float | None) -> None:
        super().__init__(parent)
        set_enum(self, "focusPolicy", "StrongFocus")
        self.setRange(-1e12, 1e12)
        self.setValue(self.minimum())  # the box's own minimum stands for "no number"
        self.bounds = (self.minimum() if low is None else low, self.maximum() if high is None else high)


_NO_NUMBER = "—"  # what a token limit box shows while the limit is inf
_SPIN_CHROME = 40  # pixels a spin box needs besides its text: frame, margins, arrows


def _decimals(step: float) -> int:
    """The decimal places a step needs: 0.05 needs 2."""
    return len(f"{step:.12f}".rstrip("0").partition(".")[2])


class _SpinEditor(Editor):
    """Shared by number boxes: while not set, the box shows the default's words.
    A number typed out of the declared range is kept as typed, for the form to mark."""

    compact = True
    checks_as_typed = True
    numbers: ClassVar[tuple[type, ...]] = (int,)  # the types of the values it shows (never bool)
    spin: QSpinBox | QDoubleSpinBox

    def __init__(self, field: Field, ctx: EditorContext, spin: QSpinBox | QDoubleSpinBox,
                 widest: str | None = None) -> None:
        """The editor of ``spin`` (its root, unless a subclass lays out more);
        ``widest`` is the longest text the box shows, the words of its declared default by default."""
        super().__init__(field, ctx)
        self.root = self.focus = self.spin = spin
        # Every box at least as wide as the usual words, so the column of boxes stays even.
        words = widest or max(SERVICE_DEFAULT, field.default_text(ctx.shape), key=spin.fontMetrics().horizontalAdvance)
        spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance(words) + _SPIN_CHROME)
        spin.valueChanged.connect(self._spun)

    def _spun(self) -> None:
        if not self._quiet:
            if self.spin.specialValueText():  # setting it rewrites the text, under the user's cursor
                self.spin.setSpecialValueText("")
            self._edited()

    def _show(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, self.numbers):
            raise TypeError
        self.spin.setSpecialValueText("")
        self.spin.setValue(value)  # type: ignore[arg-type]  # an int for int boxes

    def read(self) -> Any:
        return self._number()

    def _number(self) -> Any:
        """The number shown; the declared minimum where the box shows none."""
        value = self.spin.value()
        return self.spin.bounds[0] if value == self.spin.minimum() else value  # type: ignore[union-attr]

    def _clear(self, text: str) -> None:
        # The special value text stands in for the box's own minimum while nothing is set.
        self.spin.setSpecialValueText(text)
        self.spin.setValue(self.spin.minimum())  # type: ignore[arg-type]  # an int for int boxes

    def _ensure_value(self) -> None:
        self.spin.setSpecialValueText("")
        if self.spin.value() == self.spin.minimum():
            self.spin.setValue(self.spin.bounds[0])  # type: ignore[union-attr]


@register("number")
class NumberEditor(_SpinEditor):
    numbers = (int, float)

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        kind: Any = field.type
        spin = _DoubleSpin(parent, kind.minimum, kind.maximum)
        spin.setDecimals(max(kind.decimals, _decimals(kind.step)))
        spin.setSingleStep(kind.step)
        super().__init__(field, ctx, spin)


@register("integer")
class IntegerEditor(_SpinEditor):
    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        kind: Any = field.type
        spin = _Spin(parent, kind.minimum, kind.maximum)
        if kind.unit:
            spin.setSuffix(f" {kind.unit}")
        super().__init__(field, ctx, spin)


@register("tokenlimit")
class TokenLimitEditor(_SpinEditor):
    """A number of tokens, or ``"inf"`` for the model's own limit."""

    def __init__(self, field: Field, ctx: EditorContext, parent: QWidget) -> None:
        kind: Any = field.type
        box, layout = h_box(parent)
        spin = _Spin(box, kind.minimum, kind.maximum)
        spin.setAccessibleName(field.label)  # the box, not the row around it, takes the focus
        spin.setSuffix(" tokens")
        # Not set, it shows the default's words; else its widest number.
        super().__init__(field, ctx, spin, max(field.default_text(ctx.shape),
                                               spin.textFromValue(kind.maximum) + spin.suffix(),
                                               key=spin.fontMetrics().horizontalAdvance))
        self.root = box
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
        # Beside "inf", the box shows no number (a dash, where it would show "1 tokens").
        if not limited and not self.spin.specialValueText():
            self.spin.setSpecialValueText(_NO_NUMBER)
        elif limited and self.spin.specialValueText() == _NO_NUMBER:
            self.spin.setSpecialValueText("")

    def _show(self, value: Any) -> None:
        if value != "inf" and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError
        self.inf.setChecked(value == "inf")
        self.spin.setSpecialValueText("")
        self.spin.setValue(self.spin.minimum() if value == "inf" else value)  # type: ignore[arg-type]  # an int box
        self._sync()

    def _clear(self, text: str) -> None:
        self.inf.setChecked(False)
        self._sync()
        super()._clear(text)

    def read(self) -> Any:
        return "inf" if self.inf.isChecked() else self._number()


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

    # Check states go through the box's tristate flag rather than ``Qt.CheckState``:
    # naming it builds the ``Qt`` namespace's enums on the way to a usable form.
    def _clear(self, text: str) -> None:
        self.box.setTristate(True)
        self.box.setChecked(False)
        self.box.nextCheckState()  # unchecked -> partly checked, in a tristate box
        self.box.setText(text)

    def _ensure_value(self) -> None:
        if self.box.isTristate():  # still partly checked: no value was chosen
            self.box.setChecked(False)
        self._settle()

    def read(self) -> Any:
        return not self.box.isTristate() and self.box.isChecked()
