"""The connection section: the declared connection fields, edited with the form's editors.

The tests walk ``CONNECTION_FIELDS``; no setting is named by hand.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.types import Choice, Integer, Text
from realtime_gui.core.wire.validate import Problem
from realtime_gui.ui.form.connection import ConnectionSection

# The offscreen platform warns about what it can't do (raise, grab, size hints).
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

LINES = [f for f in CONNECTION_FIELDS if isinstance(f.type, Text)]
CHOICES = [f for f in CONNECTION_FIELDS if isinstance(f.type, Choice) and len(f.type.options) > 1]
NUMBERS = [f for f in CONNECTION_FIELDS if isinstance(f.type, Integer)]
_EDITOR_KINDS = ((Choice, QComboBox), (Text, QLineEdit), (Integer, QAbstractSpinBox))


@pytest.fixture
def section(qtbot: Any) -> ConnectionSection:
    widget = ConnectionSection()
    qtbot.addWidget(widget)
    widget.set_connection({})
    widget.set_expanded(True)
    widget.show()
    return widget


def _editor(section: ConnectionSection, spec: Field) -> QWidget:
    found = section.findChild(QWidget, f"connection.{spec.key}")
    assert found is not None, spec.key
    return found


def _choose(qtbot: Any, box: QComboBox, text: str) -> None:
    """Choose an item with the arrow keys, as a user can."""
    wanted = box.findText(text)
    assert wanted >= 0, text
    while box.currentIndex() != wanted:
        qtbot.keyClick(box, Qt.Key.Key_Down if box.currentIndex() < wanted else Qt.Key.Key_Up)


def _other_option(spec: Field) -> str:
    assert isinstance(spec.type, Choice)
    return next(o.value for o in spec.type.options if o.value != spec.default)


def test_every_connection_field_has_an_editor_named_and_labelled(section: ConnectionSection) -> None:
    labels = {label.buddy(): label for label in section.findChildren(QLabel) if label.buddy() is not None}
    for spec in CONNECTION_FIELDS:
        editor = _editor(section, spec)
        assert isinstance(editor, next(kind for declared, kind in _EDITOR_KINDS if isinstance(spec.type, declared)))
        assert editor.toolTip() == spec.help
        assert labels[editor].text() == spec.label and labels[editor].toolTip() == spec.help


def test_not_set_shows_the_default_and_saves_nothing(section: ConnectionSection) -> None:
    assert section.connection() == {}
    for spec in LINES:
        line = _editor(section, spec)
        assert isinstance(line, QLineEdit)
        assert line.text() == "" and line.placeholderText() == ("" if spec.default is None or not isinstance(
            spec.default, str) else spec.default)
    for spec in CHOICES:
        box = _editor(section, spec)
        assert isinstance(box, QComboBox) and box.currentText() == spec.default
    for spec in NUMBERS:
        spin = _editor(section, spec)
        assert isinstance(spin, QAbstractSpinBox) and spin.text().split()[0] == str(spec.default)


def test_saved_values_round_trip_without_emitting(section: ConnectionSection, qtbot: Any) -> None:
    saved = {spec.key: _other_option(spec) for spec in CHOICES}
    saved.update({spec.key: f"x-{spec.key}" for spec in LINES})
    saved.update({spec.key: spec.default + 1 for spec in NUMBERS})
    with qtbot.assertNotEmitted(section.changed):
        section.set_connection(saved)
    assert section.connection() == saved
    with qtbot.assertNotEmitted(section.changed):
        section.set_connection({})
    assert section.connection() == {}


def test_typing_sets_a_line_and_blanking_it_unsets_it(section: ConnectionSection, qtbot: Any) -> None:
    spec = LINES[0]
    line = _editor(section, spec)
    assert isinstance(line, QLineEdit)
    with qtbot.waitSignal(section.changed):
        qtbot.keyClicks(line, " http://localhost:9/v1 ")
    assert section.connection() == {spec.key: "http://localhost:9/v1"}  # surrounding spaces dropped
    line.selectAll()
    with qtbot.waitSignal(section.changed):
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    assert section.connection() == {}


def test_a_blank_line_shows_the_default_also_after_a_value(section: ConnectionSection) -> None:
    for spec in LINES:
        section.set_connection({spec.key: "x"})
        line = _editor(section, spec)
        assert isinstance(line, QLineEdit) and line.text() == "x"
        assert line.placeholderText() == (spec.default if isinstance(spec.default, str) else "")
        assert line.isClearButtonEnabled()


def test_choosing_the_default_option_unsets_a_choice(section: ConnectionSection, qtbot: Any) -> None:
    for spec in CHOICES:
        box = _editor(section, spec)
        assert isinstance(box, QComboBox)
        other = _other_option(spec)
        with qtbot.waitSignal(section.changed):
            _choose(qtbot, box, other)
        assert section.connection() == {spec.key: other}
        with qtbot.waitSignal(section.changed):
            _choose(qtbot, box, spec.default)
        assert section.connection() == {}


def test_an_unknown_saved_choice_is_kept_for_validation_to_report(section: ConnectionSection) -> None:
    for spec in CHOICES:
        section.set_connection({spec.key: "no-such-service"})
        assert section.connection() == {spec.key: "no-such-service"}


def test_problems_show_under_their_editors_and_open_the_section(section: ConnectionSection) -> None:
    spec = LINES[0]
    section.set_expanded(False)
    section.show_problems([Problem(f"connection.{spec.key}", f"connection.{spec.key}", spec.label, "must be a URL"),
                           Problem("model", "model", "Model", "is not ours")])
    assert section.is_expanded()
    shown = [label.text() for label in section.findChildren(QLabel) if label.isVisible() and "⚠" in label.text()]
    assert shown == ["⚠ Must be a URL."]
    section.show_problems([])
    assert not [label for label in section.findChildren(QLabel) if label.isVisible() and "⚠" in label.text()]


def test_focus_setting_opens_the_section_for_its_own_fields_only(section: ConnectionSection) -> None:
    section.set_expanded(False)
    assert not section.focus_setting("model")
    assert not section.is_expanded()
    spec = CONNECTION_FIELDS[-1]
    assert section.focus_setting(f"connection.{spec.key}")
    assert section.is_expanded()
    assert not section.focus_setting("connection.no_such_setting")


def test_the_summary_shows_while_closed_and_the_keys_button_asks(section: ConnectionSection, qtbot: Any) -> None:
    section.set_summary("OpenAI · Key “default”: keyring")
    section.set_key_source("Key “default”: keyring")
    summary = section.findChild(QLabel, "connection_summary")
    assert summary is not None and not summary.isVisible()
    section.set_expanded(False)
    assert summary.isVisible() and summary.text() == "OpenAI · Key “default”: keyring"
    section.set_expanded(True)
    source = section.findChild(QLabel, "key_source")
    assert source is not None and source.text() == "Key “default”: keyring"
    [keys] = [b for b in section.findChildren(QPushButton) if b.text() == "Keys…"]
    with qtbot.waitSignal(section.keys_requested):
        qtbot.mouseClick(keys, Qt.MouseButton.LeftButton)


def _problem_notes(section: ConnectionSection) -> list[str]:
    return [label.text() for label in section.findChildren(QLabel) if label.isVisible() and "⚠" in label.text()]


def test_marks_follow_the_edits_as_the_forms_do(section: ConnectionSection, qtbot: Any) -> None:
    from realtime_gui.core.catalog.connection import BASE_URL
    from realtime_gui.core.catalog.endpoints import DEFAULT_ENDPOINT
    from realtime_gui.core.wire.configuration import Configuration
    from realtime_gui.core.wire.validate import validate

    section.set_connection({BASE_URL.key: "ftp://x"})
    section.show_problems(validate(Configuration("t", DEFAULT_ENDPOINT, {}, section.connection())))
    assert len(_problem_notes(section)) == 1
    edit = _editor(section, BASE_URL)
    assert isinstance(edit, QLineEdit)
    edit.selectAll()
    qtbot.keyClicks(edit, "https://example.com/v1")
    assert _problem_notes(section) == []  # fixed: the mark goes with the edit, not at the next Mint
    qtbot.keyClicks(edit, " x")
    assert len(_problem_notes(section)) == 1  # made wrong again while marks are shown


def test_a_number_typed_out_of_range_is_marked_as_it_is_typed(section: ConnectionSection, qtbot: Any) -> None:
    spec = NUMBERS[0]
    assert isinstance(spec.type, Integer) and spec.type.maximum is not None
    spin = _editor(section, spec)
    assert isinstance(spin, QAbstractSpinBox)
    spin.selectAll()
    qtbot.keyClicks(spin, str(spec.type.maximum + 1))
    assert len(_problem_notes(section)) == 1
    spin.selectAll()
    qtbot.keyClicks(spin, str(spec.type.maximum))
    assert _problem_notes(section) == []


def test_it_tells_which_settings_the_user_changed(section: ConnectionSection, qtbot: Any) -> None:
    spec = LINES[0]
    section.set_connection({spec.key: "https://one.example/v1"})
    assert section.changed_here() == set()
    edit = _editor(section, spec)
    assert isinstance(edit, QLineEdit)
    edit.selectAll()
    qtbot.keyClicks(edit, "https://one.example/v1")  # typed again as it was: no change
    assert section.changed_here() == set()
    qtbot.keyClicks(edit, "x")
    assert section.changed_here() == {spec.key}
    section.set_connection({spec.key: "https://two.example/v1"})  # another file: nothing chosen here
    assert section.changed_here() == set()
