"""The editor registry and the widgets every editor shares.

Walks the declaration: every field type it uses has an editor of its own.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.ui.form import editors
from realtime_gui.ui.form.all_editors import make_editor
from realtime_gui.ui.form.editors import EditorContext, set_dim

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


def test_set_dim_greys_the_text_and_undoes_it(parent: QWidget) -> None:
    set_dim(parent, True)
    assert parent.property("dim") is True
    set_dim(parent, False)
    assert parent.property("dim") is False
