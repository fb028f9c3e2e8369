"""Not set in the form: erased text is not set again, and what a field shows while not set is
what its declaration says (a default, words for one, "chosen by the service" or "not sent").

Both walk the declaration; no field is named by hand.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.field_type import NOT_SENT, NOT_SET, OFF, SERVICE_DEFAULT
from realtime_gui.core.catalog.nodes import Field, Placed
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.form import FormView

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

ENDPOINTS = list(declaration.ENDPOINTS)
_TYPED = {"text": "en", "voice": "ash", "stringlist": "en", "json": '{"a": "b"}'}  # fits every such field


@pytest.fixture
def view(qtbot: Any) -> FormView:
    form = FormView()
    qtbot.addWidget(form)
    form.resize(1000, 800)
    return form


def _text_spots(endpoint_id: str) -> list[Placed]:
    return [spot for spot in declaration.placed(endpoint_id)
            if isinstance(spot.node, Field) and spot.node.type.kind in _TYPED]


def _typing_target(widget: QWidget | None) -> QWidget:
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        assert line is not None
        return line
    assert isinstance(widget, (QLineEdit, QPlainTextEdit)), widget
    return widget


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_erasing_a_text_field_makes_it_not_set_again(view: FormView, qtbot: Any, endpoint: str) -> None:
    view.set_configuration(Configuration("t", endpoint))
    for spot in _text_spots(endpoint):
        target = _typing_target(view.editor(spot.path))
        qtbot.keyClicks(target, _TYPED[spot.node.type.kind])  # type: ignore[attr-defined]
        assert spot.node.id in view.values(), spot.path
        target.selectAll()  # type: ignore[attr-defined]
        qtbot.keyClick(target, Qt.Key.Key_Backspace)
        assert spot.node.id not in view.values(), f"{spot.path}: erased, yet still set"
    body = build_body(Configuration("t", endpoint, view.values()))
    assert "" not in _strings(body), body  # nothing is sent empty


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def _declared_words(node: Field, shape: str) -> str | None:
    """What the declaration says not set means, in words; ``None`` where the default is a value."""
    default = node.default_for(shape)  # type: ignore[arg-type]
    if default is None:
        return OFF
    if default is not NOT_SET:
        return None  # the editor shows the value itself, greyed
    return node.default_note or {"service": SERVICE_DEFAULT, "omitted": NOT_SENT}[node.unset]  # type: ignore[index]


def _words_shown(widget: QWidget | None) -> str | None:
    """The words an editor shows in place of a value; ``None`` for one that shows none."""
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
        return line.placeholderText() if line is not None else widget.placeholderText()
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.placeholderText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.specialValueText()
    if isinstance(widget, QCheckBox):
        return widget.text()
    spin = widget.findChild(QAbstractSpinBox) if widget is not None else None
    return spin.specialValueText() if spin is not None else None


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_placeholder_comes_from_the_declaration(view: FormView, endpoint: str) -> None:
    shape = declaration.endpoint(endpoint).shape
    view.set_configuration(Configuration("t", endpoint))
    checked = 0
    for spot in declaration.placed(endpoint):
        node = spot.node
        if not isinstance(node, Field) or (words := _declared_words(node, shape)) is None:
            continue
        shown = _words_shown(view.editor(spot.path))
        if shown is None:  # a row of check boxes or the tool list: the chip says it
            continue
        assert words in shown, f"{spot.path} shows {shown!r}; its declaration says {words!r}"
        other = SERVICE_DEFAULT if words == NOT_SENT else NOT_SENT
        assert other not in shown, spot.path
        checked += 1
    assert checked >= 3, endpoint
