"""Editors of fixed choices: what each endpoint is offered, and what a combo shows."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.types import Choice
from realtime_gui.ui.form.choice_editors import ChoiceEditor, choices_for
from realtime_gui.ui.form.editors import EXPLANATION_ROLE, EditorContext

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def _declared_fields() -> list[Field]:
    fields = [node for node in declaration.nodes() if isinstance(node, Field)]
    fields += [f for kind in declaration.TOOLS.kinds for f in kind.fields]
    return fields + list(declaration.CONNECTION_FIELDS)


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_options_limited_to_an_endpoint_are_offered_there_only() -> None:
    for choice in (f.type for f in _declared_fields() if isinstance(f.type, Choice)):
        for endpoint_id, ep in declaration.ENDPOINTS.items():
            offered = [value for value, _, _ in choices_for(choice.options, EditorContext(endpoint_id, ep.shape))]
            assert offered == [o.value for o in choice.options if o.only is None or endpoint_id in o.only]


def test_without_an_endpoint_options_show_their_own_value_and_limited_ones_are_left_out() -> None:
    nowhere = EditorContext(endpoint_id=None, shape=None)
    for choice in (f.type for f in _declared_fields() if isinstance(f.type, Choice)):
        assert choices_for(choice.options, nowhere) == [(o.value, o.value, o.help) for o in choice.options
                                                        if o.only is None]


def test_a_choice_shows_its_value_closed_and_its_meaning_in_the_list(parent: QWidget) -> None:
    field = declaration.CONNECTION_FIELDS[0]
    assert isinstance(field.type, Choice)
    editor = ChoiceEditor(field, EditorContext(None, None), parent)
    for index, option in enumerate(field.type.options):
        assert editor.combo.itemText(index) == option.value
        assert editor.combo.itemData(index, EXPLANATION_ROLE) == option.help


def test_a_value_not_offered_is_kept_and_shown_as_such(parent: QWidget) -> None:
    field = declaration.CONNECTION_FIELDS[0]
    assert isinstance(field.type, Choice)
    editor = ChoiceEditor(field, EditorContext(None, None), parent)
    editor.load("elsewhere")
    assert editor.value() == "elsewhere"
    assert editor.combo.currentText() == "elsewhere (not offered here)"
    editor.load(editor.combo.itemText(0))
    assert editor.combo.count() == len(field.type.options)  # the stand-in item is gone
