"""Problem marks follow the edits, and a number typed out of range is kept and marked, never clamped."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QWidget

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import Problem, validate
from realtime_gui.ui.form.form import FormView

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

TEMPERATURE, SPEED = "temperature", "speed"


@pytest.fixture
def view(qtbot: Any) -> FormView:
    form = FormView()
    qtbot.addWidget(form)
    form.resize(1000, 800)
    return form


def _marked(view: FormView, path: str) -> bool:
    editor = view.editor(path)
    assert editor is not None, path
    return bool(editor.property("problem"))


def _notes(view: FormView) -> list[str]:
    return [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view) and "⚠" in label.text()]


def _type_into(qtbot: Any, view: FormView, path: str, text: str) -> QAbstractSpinBox:
    spin = view.editor(path)
    assert isinstance(spin, QAbstractSpinBox), path
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    return spin


def test_a_fixed_field_loses_its_mark_at_once(view: FormView, qtbot: Any) -> None:
    config = Configuration("t", "beta", {TEMPERATURE: 1.5, SPEED: 3.0})
    view.set_configuration(config)
    view.show_problems(validate(config))
    assert _marked(view, TEMPERATURE) and _marked(view, SPEED)
    _type_into(qtbot, view, TEMPERATURE, "0.9")
    assert not _marked(view, TEMPERATURE)  # fixed: its mark goes with the edit, not at the next Mint
    assert _marked(view, SPEED)  # still wrong: still marked
    assert not any("Temperature" in note or "0.6 and 1.2" in note for note in _notes(view))


def test_a_field_made_wrong_is_marked_while_marks_are_shown(view: FormView, qtbot: Any) -> None:
    config = Configuration("t", "translation", {"model": "gpt-realtime-translate", "output_language": "Spanish"})
    view.set_configuration(config)
    view.show_problems(validate(config))
    assert _marked(view, "session.audio.output.language")
    model = view.editor("session.model")
    assert isinstance(model, QComboBox)
    line = model.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)  # erased: the model is required here
    assert "model" not in view.values()
    assert _marked(view, "session.model")
    assert any("required" in note for note in _notes(view))


def test_a_mark_the_check_does_not_find_stays_until_its_row_is_edited(view: FormView, qtbot: Any) -> None:
    config = Configuration("t", "beta", {TEMPERATURE: 1.5, SPEED: 1.0})
    view.set_configuration(config)
    rejected = Problem(SPEED, SPEED, "Speed", "was rejected by the service: too fast")
    view.show_problems([*validate(config), rejected])
    _type_into(qtbot, view, TEMPERATURE, "0.9")
    assert _marked(view, SPEED)  # the service's word is kept while speed is untouched
    _type_into(qtbot, view, SPEED, "0.5")
    assert not _marked(view, SPEED)


def test_a_number_typed_out_of_range_is_kept_and_marked(view: FormView, qtbot: Any) -> None:
    view.set_configuration(Configuration("t", "beta"))
    spin = _type_into(qtbot, view, TEMPERATURE, "1.5")
    assert view.values()[TEMPERATURE] == 1.5  # as typed, not clamped to 1.2
    assert _marked(view, TEMPERATURE)  # marked at once, though no Mint showed marks
    assert any("must be between 0.6 and 1.2; it is 1.5" in note for note in _notes(view))
    config = Configuration("t", "beta", view.values())
    assert [p.field_id for p in validate(config)] == [TEMPERATURE]  # Mint refuses: no body is built with it
    _type_into(qtbot, view, TEMPERATURE, "1.2")
    assert not _marked(view, TEMPERATURE)
    spin.stepUp()
    assert view.values()[TEMPERATURE] == 1.2  # the arrows keep to the declared range


def test_a_loaded_number_out_of_range_is_shown_as_it_is(view: FormView) -> None:
    view.set_configuration(Configuration("t", "beta", {TEMPERATURE: 1.5}))
    spin = view.editor(TEMPERATURE)
    assert isinstance(spin, QAbstractSpinBox) and isinstance(spin, QWidget)
    assert spin.text() == "1.50"
