"""How the window lays itself out, at its smallest useful size (the offscreen
screen's 800x600) and above: nothing scrolls sideways or is cut off, long
texts end in “…” with the whole text in a tooltip, and the form gets the height.

Checked for every endpoint the declaration has, by geometry, not by eye; the
screenshots of ``test_ui_endpoints`` (``REALTIME_GUI_SHOTS=DIR``) are for the eye.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, running_server
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QStyleOptionViewItem, QWidget
from ui_support import WindowFactory, child, local, mint_and_wait

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import Field, Group
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.choice_editors import ChoiceEditor
from realtime_gui.ui.form.editors import EXPLANATION_ROLE
from realtime_gui.ui.form.rows import StateChip
from realtime_gui.ui.shell.frame import MainWindow
from realtime_gui.ui.style.style import ElidedLabel

# The offscreen platform warns about what it can't do (size hints, raise, grab).
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support")]

ENDPOINTS = list(declaration.ENDPOINTS)
SMALLEST = (800, 600)


@pytest.fixture
def make_window(make_window: WindowFactory) -> WindowFactory:
    """conftest's, at the smallest useful size unless a test asks for another."""
    return functools.partial(make_window, size=SMALLEST)


def _tools(endpoint_id: str) -> list[dict[str, Any]]:
    """One tool of each kind the endpoint takes, with what each kind requires."""
    tools: Any = next((s.node.type for s in declaration.placed(endpoint_id)
                       if isinstance(s.node, Field) and isinstance(s.node.type, ToolList)), None)
    shape = declaration.endpoint(endpoint_id).shape
    return [{"type": kind.type, **dict.fromkeys(kind.required, f"{kind.type}_1")}
            for kind in (tools.kinds if tools else ()) if shape in kind.shapes]


def _everything_built(window: MainWindow, endpoint_id: str) -> list[str]:
    """Build every section (and show each tool's sub-form); the paths visited."""
    paths = [spot.path for spot in declaration.placed(endpoint_id)]
    for path in paths:
        assert window.bench.form.focus_field(path), path
    tools = next((s.path for s in declaration.placed(endpoint_id)
                  if isinstance(getattr(s.node, "type", None), ToolList)), None)
    if tools is not None:
        for index in range(len(_tools(endpoint_id))):
            assert window.bench.form.focus_field(f"{tools}[{index}]")
            paths.append(f"{tools}[{index}]")
    QApplication.processEvents()
    return paths


def form_of(window: MainWindow) -> Any:
    """The scroll area of the endpoint shown (private: its geometry is the point here)."""
    form = window.bench.form._current()
    return form


def _in_view(widget: QWidget, viewport: QWidget) -> tuple[int, int]:
    """The left and right edges of ``widget`` in ``viewport``'s coordinates."""
    left = widget.mapTo(viewport, QPoint(0, 0)).x()
    return left, left + widget.width()


# --- the form ---------------------------------------------------------------------------------

@pytest.mark.parametrize("endpoint_id", ENDPOINTS)
def test_the_form_never_scrolls_sideways_nor_cuts_the_chips(make_window: WindowFactory, endpoint_id: str) -> None:
    config = Configuration.new("Narrow", endpoint_id)
    if _tools(endpoint_id):
        config.values["tools"] = _tools(endpoint_id)
    window = make_window(config)
    assert window.width() <= SMALLEST[0]
    form = form_of(window)
    assert form.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    for path in _everything_built(window, endpoint_id):
        window.bench.form.focus_field(path)  # each tool kind's sub-form in turn
        QApplication.processEvents()
        viewport, content = form.viewport(), form.widget()
        assert content.minimumSizeHint().width() <= viewport.width(), path
        assert content.width() <= viewport.width(), path
        assert form.horizontalScrollBar().value() == 0, path
        chips = [chip for chip in content.findChildren(StateChip) if chip.isVisibleTo(content)]
        assert chips
        for chip in chips:
            left, right = _in_view(chip, viewport)
            assert left >= 0 and right <= viewport.width(), (path, chip.accessibleName())


def test_focusing_a_field_scrolls_up_or_down_only_and_keeps_its_label_in_view(make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("Narrow"))
    form = form_of(window)
    spots = declaration.placed("ga")
    for spot in reversed(spots):  # from the bottom up, so most of them scroll
        assert window.bench.form.focus_field(spot.path)
        QApplication.processEvents()
        assert form.horizontalScrollBar().value() == 0, spot.path
        row: Any = window.bench.form._find(spot.path)[1]
        shown = row.label if row.label.isVisibleTo(form.widget()) else row.focus
        left, _ = _in_view(shown, form.viewport())
        top = shown.mapTo(form.viewport(), QPoint(0, 0)).y()
        assert left >= 0, spot.path
        assert top >= 0 and top + shown.height() <= form.viewport().height(), spot.path


def test_a_group_alone_in_a_section_of_its_name_is_not_named_twice(make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("Groups"))
    _everything_built(window, "ga")
    content = form_of(window).widget()
    shown = [label.text() for label in content.findChildren(QLabel) if label.isVisibleTo(content)]
    for spot in declaration.placed("ga"):
        if not isinstance(spot.node, Group):
            continue
        alone = [s for s in declaration.placed("ga")
                 if s.node.section == spot.node.section and "." not in s.node.id]
        named_by_section = alone == [spot] and spot.node.label == spot.node.section
        # Its section's header names it; otherwise its own label does.
        assert (spot.node.label in shown) != named_by_section, spot.node.label
        chip: Any = window.bench.form.editor(spot.path)
        assert chip.isVisibleTo(content) and chip.accessibleName() == spot.node.label
    assert "Expiry" not in shown  # the case that asked for this
    assert "Transcription" in shown  # a group among other rows keeps its label


def test_group_summaries_end_in_an_ellipsis_rather_than_widen_the_form(make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("Narrow"), size=(600, 500))
    _everything_built(window, "ga")
    content = form_of(window).widget()
    summaries = [label for label in content.findChildren(ElidedLabel) if label.isVisibleTo(content)]
    assert summaries
    assert any(label.is_elided() for label in summaries)  # at this width, some must be
    for label in summaries:
        assert label.toolTip() == label.text()


@pytest.mark.parametrize("endpoint_id", ENDPOINTS)
def test_choices_show_the_value_closed_and_what_it_means_in_the_list(make_window: WindowFactory,
                                                                     endpoint_id: str) -> None:
    window = make_window(Configuration.new("Choices", endpoint_id))
    _everything_built(window, endpoint_id)
    form = form_of(window)
    combos = [row.editor.combo for row in form.rows if isinstance(getattr(row, "editor", None), ChoiceEditor)]
    assert combos
    for combo in combos:
        for index in range(combo.count()):
            meaning = combo.itemData(index, EXPLANATION_ROLE)
            assert meaning and " — " not in combo.itemText(index), combo.itemText(index)
            assert combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == meaning
    combo = combos[0]
    combo.showPopup()
    option = QStyleOptionViewItem()
    combo.view().itemDelegate().initStyleOption(option, combo.model().index(0, 0))
    assert option.text == f"{combo.itemText(0)} — {combo.itemData(0, EXPLANATION_ROLE)}"
    assert combo.view().width() >= combo.view().sizeHintForColumn(0)  # the explanations are not cut
    combo.hidePopup()


# --- around the form --------------------------------------------------------------------------

def test_the_endpoint_path_keeps_its_end_when_there_is_no_room(make_window: WindowFactory) -> None:
    window = make_window(Configuration.new("Path", "translation"))
    path = child(window, QLabel, "endpoint_path")
    assert isinstance(path, ElidedLabel)
    full = declaration.endpoint("translation").schema_key
    assert path.text() == path.toolTip() == full
    path.resize(path.fontMetrics().horizontalAdvance(full) // 2, path.height())
    assert path.is_elided()
    shown = path.fontMetrics().elidedText(full, Qt.TextElideMode.ElideLeft, path.contentsRect().width())
    assert shown.endswith("translations/client_secrets"[-12:])  # the part that tells endpoints apart


def test_the_form_gets_the_height_and_the_result_grows_when_there_is_one(
        qtbot: Any, make_window: WindowFactory, keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        config = local(server, "Room")
        window = make_window(config, size=(1024, 700))
        center, empty = window.result_splitter.sizes()
        assert empty <= 150 and center > 3 * empty  # nothing to show yet: the form has the room
        mint_and_wait(qtbot, window)
    QApplication.processEvents()
    panel = window.bench.result_panel
    assert panel.height() >= panel.minimumSizeHint().height()
    page = child(panel, QWidget, "result_view")
    for name in ("secret_value", "result_request", "result_expires"):
        shown = child(panel, QWidget, name)
        bottom = shown.mapTo(page, QPoint(0, shown.height())).y()
        assert shown.isVisible() and bottom <= page.height(), name


def test_result_facts_stay_on_one_line_within_the_panel(qtbot: Any, make_window: WindowFactory,
                                                         keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        config = local(server, "Facts")
        window = make_window(config)
        mint_and_wait(qtbot, window)
    QApplication.processEvents()
    page = child(window.bench.result_panel, QWidget, "result_view")
    line = page.fontMetrics().lineSpacing()
    labels = [label for label in page.findChildren(QLabel) if label.text().endswith(":")]
    assert {label.text() for label in labels} >= {"Request id:", "Expires at:"}
    for label in labels:
        assert not label.wordWrap() and label.height() < 2 * line, label.text()
    for key in ("session", "request", "model", "elapsed", "expires"):
        value = child(page, QLabel, f"result_{key}")
        left, right = _in_view(value, page)
        assert right <= page.width() - page.layout().contentsMargins().right(), key  # a margin to the edge
        assert value.height() < 2 * line and value.toolTip() == value.text(), key


def test_the_window_has_the_packaged_icon(make_window: WindowFactory) -> None:
    import realtime_gui

    assert (Path(realtime_gui.__file__).parent / "resources" / "realtime-gui.svg").is_file()
    window = make_window()
    assert not window.windowIcon().isNull()



# --- the connection section and the result beside the form --------------------------------------

def _rows_in_view(window: MainWindow) -> list[str]:
    """The form's rows whose name is wholly in its scroll area's view, top to bottom."""
    form = form_of(window)
    viewport = form.viewport()
    seen = []
    for row in form.rows:
        name = row.label if row.label.isVisibleTo(form) else getattr(row, "chip", None)
        if name is None or not name.isVisible():
            continue
        top = name.mapTo(viewport, QPoint(0, 0)).y()
        if top >= 0 and top + name.height() <= viewport.height():
            seen.append((top, row.path))
    return [path for _, path in sorted(seen)]


def test_with_the_connection_open_the_form_still_shows_eight_rows(qtbot: Any, make_window: WindowFactory) -> None:
    window = make_window(size=(1024, 640))
    window.bench.connection.set_expanded(True)
    form = form_of(window)
    qtbot.waitUntil(lambda: not form.pending())
    QApplication.processEvents()
    assert len(_rows_in_view(window)) >= 8, _rows_in_view(window)


def test_error_details_read_in_one_scroll_area(qtbot: Any, make_window: WindowFactory) -> None:
    from realtime_gui.core.service.errors import NetworkError

    window = make_window(size=(1024, 640))
    window.bench.connection.set_expanded(True)
    reason = "[Errno 111] Connection refused by the peer at the far end of a long route " * 3
    details = {"exception": "ConnectError", "reason": reason, **{f"hop {n}": f"10.0.0.{n}" for n in range(12)}}
    window.bench.result_panel.show_error(NetworkError("127.0.0.1 refused the connection.", details=details))
    QApplication.processEvents()  # the panel grows to the error's page
    qtbot.mouseClick(child(window, QWidget, "toggle_details"), Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    pane = child(window, QWidget, "error_details")
    assert pane.isVisible()
    assert not pane.horizontalScrollBar().isVisible()  # long lines wrap: up and down is the one way to scroll
    enclosing = pane.parentWidget()
    while enclosing is not None:  # and no scroll area around it to scroll as well
        assert not isinstance(enclosing, QAbstractScrollArea), enclosing
        enclosing = enclosing.parentWidget()
    assert pane.viewport().height() >= 6 * pane.fontMetrics().lineSpacing()
