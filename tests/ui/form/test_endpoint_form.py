"""One endpoint's form: its sections in declared order, built on demand."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import Field
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.ui.form.endpoint_form import EndpointForm
from realtime_gui.ui.form.rows import GroupRow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

ENDPOINTS = list(declaration.ENDPOINTS)


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _form(parent: QWidget, endpoint_id: str) -> EndpointForm:
    return EndpointForm(endpoint_id, lambda row: None, lambda title, expanded: None, parent)


@pytest.mark.parametrize("endpoint_id", ENDPOINTS)
def test_sections_follow_the_declared_order_and_are_built_once(parent: QWidget, endpoint_id: str) -> None:
    form = _form(parent, endpoint_id)
    titles = form.pending()
    assert titles == [t for t in declaration.SECTIONS if t in titles]
    assert form.rows == []
    for title in titles:
        assert form.build(title)
        assert form.build(title) == []
    assert form.pending() == []
    assert [row.path for row in form.rows] == [spot.path for spot in sorted(
        declaration.placed(endpoint_id), key=lambda s: titles.index(form.section_for(s.path) or ""))]


@pytest.mark.parametrize("endpoint_id", ENDPOINTS)
def test_every_path_finds_its_section_and_row(parent: QWidget, endpoint_id: str) -> None:
    form = _form(parent, endpoint_id)
    for title in form.pending():
        form.build(title)
    for spot in declaration.placed(endpoint_id):
        assert form.section_for(spot.path) in form.sections, spot.path
        assert form.row_for(spot.path) == (form.by_path[spot.path], "")
        if isinstance(spot.node, Field) and isinstance(spot.node.type, ToolList):
            assert form.row_for(f"{spot.path}[2].name") == (form.by_path[spot.path], "[2].name")
    assert form.row_for("no_such_field") == (None, "no_such_field")
    assert form.section_for("no_such_field") is None


@pytest.mark.parametrize("endpoint_id", ENDPOINTS)
def test_a_group_alone_in_a_section_of_its_name_goes_headless(parent: QWidget, endpoint_id: str) -> None:
    form = _form(parent, endpoint_id)
    for title in form.pending():
        form.build(title)
    for row in form.rows:
        if isinstance(row, GroupRow):
            tops = [r for r in form.rows if form.section_for(r.path) == form.section_for(row.path)
                    and r.node.id.rpartition(".")[0] not in form.by_id]
            alone = tops == [row] and row.node.label.casefold() == (form.section_for(row.path) or "").casefold()
            assert row.headless == alone, row.path


@pytest.mark.parametrize("endpoint_id", ENDPOINTS)
def test_a_path_finds_no_row_until_its_section_is_built(parent: QWidget, endpoint_id: str) -> None:
    form = _form(parent, endpoint_id)
    for spot in declaration.placed(endpoint_id):
        title = form.section_for(spot.path)
        assert title is not None
        if title in form.pending():
            assert form.row_for(spot.path) == (None, spot.path)
            form.build(title)
        assert form.row_for(spot.path) == (form.by_path[spot.path], "")


@pytest.mark.parametrize("endpoint_id", ENDPOINTS)
def test_rows_with_a_when_relation_keep_its_resolved_condition(parent: QWidget, endpoint_id: str) -> None:
    form = _form(parent, endpoint_id)
    for title in form.pending():
        form.build(title)
    assert form.conditional == [(row, row.node.condition) for row in form.rows if row.node.condition is not None]
    assert all(row.node.when is not None for row, _ in form.conditional)
