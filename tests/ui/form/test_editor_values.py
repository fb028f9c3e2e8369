"""Every declared field type's values go through its form editor and back.

A property, not a sample: for each field (session fields on every endpoint,
tool item fields, connection settings), values drawn from its type's strategy
are shown by the field's editor and read back unchanged, but for the
normalisation the type itself declares (``FieldType.normalise``).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from PySide6.QtWidgets import QWidget
from strategies import values_of

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.ui.form.all_editors import make_editor
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.form.rows import FieldRow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def _cases() -> list[tuple[Field, EditorContext]]:
    cases: dict[tuple[str, str | None], tuple[Field, EditorContext]] = {}
    for endpoint_id, ep in declaration.ENDPOINTS.items():
        for spot in declaration.placed(endpoint_id):
            if isinstance(spot.node, Field):
                context = EditorContext(endpoint_id, ep.shape, make_row=FieldRow)
                cases.setdefault((spot.node.id, ep.shape), (spot.node, context))
    for kind in declaration.TOOLS.kinds:
        for spec in kind.fields:
            cases.setdefault((f"tools[].{spec.key}", "ga"), (spec, EditorContext("ga", "ga", make_row=FieldRow)))
    for spec in declaration.CONNECTION_FIELDS:
        cases.setdefault((f"connection.{spec.key}", None), (spec, EditorContext(None, None, make_row=FieldRow)))
    return list(cases.values())


CASES = _cases()


def test_the_cases_cover_every_declared_type_kind() -> None:
    kinds = {field.type.kind for field in declaration.nodes() if isinstance(field, Field)}
    assert kinds <= {field.type.kind for field, _ in CASES}


@pytest.mark.parametrize(("field", "ctx"), CASES, ids=[f"{c.endpoint_id}:{f.id or f.key}" for f, c in CASES])
def test_values_go_through_the_editor_and_back(qtbot: Any, field: Field, ctx: EditorContext) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    editor = make_editor(field, ctx, parent)

    @settings(max_examples=25, deadline=None)
    @given(values_of(field.type, ctx.endpoint_id))
    def round_trip(value: Any) -> None:
        editor.load(value)
        editor.touch()  # as if the user chose Set: what the widgets show is read back
        assert editor.value() == field.type.normalise(value)

    round_trip()
