"""The editor registry and the widgets every editor shares.

Walks the declaration: every field type it uses has an editor of its own.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.types import Choice
from realtime_gui.ui.form import editors
from realtime_gui.ui.form.all_editors import make_editor
from realtime_gui.ui.form.editors import EXPLANATION_ROLE, ChoiceEditor, EditorContext, choices_for, set_dim

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


def test_every_declared_type_kind_has_an_editor_registered() -> None:
    kinds = {field.type.kind for field in _declared_fields()}
    assert kinds <= set(editors._FACTORIES), kinds - set(editors._FACTORIES)


@pytest.mark.parametrize("endpoint_id", list(declaration.ENDPOINTS))
def test_every_placed_field_gets_an_editor_with_a_focus_widget(parent: QWidget, endpoint_id: str) -> None:
    ctx = EditorContext(endpoint_id, declaration.endpoint(endpoint_id).shape)
    for spot in declaration.placed(endpoint_id):
        if isinstance(spot.node, Field):
            editor = make_editor(spot.node, ctx, parent)
            assert editor.focus is not None and editor.root is not None, spot.path
            editor.show_default(NOT_SET, "default")
            assert editor.value() is not None, spot.path


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


def test_set_dim_greys_the_text_and_undoes_it(parent: QWidget) -> None:
    set_dim(parent, True)
    assert parent.property("dim") is True
    set_dim(parent, False)
    assert parent.property("dim") is False
