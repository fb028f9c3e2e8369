"""The session form: built from the declaration, lossless, and quick to reload.

The round-trip tests walk the declaration; no field is named by hand there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import Field, Group, Placed
from realtime_gui.core.catalog.tools import ToolList
from realtime_gui.core.catalog.types import FieldType
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import validate
from realtime_gui.ui.form.form import FormView

# The offscreen platform warns about what it can't do (raise, grab, size hints).
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

ENDPOINTS = list(declaration.ENDPOINTS)
W = TypeVar("W", bound=QWidget)
# Text that fits common patterns: plain words, language codes, URLs, tunnel ids.
_TEXT_CANDIDATES = ("x", "en", "https://example.com/mcp", "tunnel_" + "a" * 32)


def sample(kind: FieldType) -> Any:
    """A valid value derived from the type alone."""
    options: Any = getattr(kind, "options", ()) or getattr(kind, "modes", ())
    if isinstance(kind, ToolList):
        value: Any = [{"type": k.type, **{f.key: sample(f.type) for f in k.fields}} for k in kind.kinds]
    elif kind.kind in ("choice", "toolchoice"):
        value = options[0].value
    elif kind.kind == "multichoice":
        value = [options[0].value]
    elif kind.kind in ("number", "integer", "tokenlimit"):
        value = kind.minimum if kind.minimum is not None else 0  # type: ignore[attr-defined]
        value = float(value) if kind.kind == "number" else value
    elif kind.kind == "boolean":
        value = True
    elif kind.kind == "stringlist":
        value = ["x", "y"]
    elif kind.kind == "json":
        value = kind.template if kind.template is not None else {}  # type: ignore[attr-defined]
    elif kind.examples():
        value = kind.examples()[-1]
    elif getattr(kind, "suggestions", ()):
        value = kind.suggestions[0]  # type: ignore[attr-defined]
    else:
        value = next(text for text in _TEXT_CANDIDATES if kind.check(text) is None)
    assert kind.check(value) is None, (kind, value)
    return value


def states(spot: Placed) -> Iterator[tuple[str, Any]]:
    """Every value a placed node can hold: set (sample or group state), off, literals."""
    node = spot.node
    if isinstance(node, Group):
        yield "set", {}
        yield from ((f"literal {v}", v) for v in node.type.literal_values())
    else:
        assert isinstance(node, Field)
        yield "set", sample(node.type)
    if spot.nullable:
        yield "off", None



def _shown(view: FormView, path: str, kind: type[W]) -> W:
    """The editor at ``path``, which is there and is a ``kind``."""
    editor = view.editor(path)
    assert isinstance(editor, kind), (path, editor)
    return editor


def _row(view: FormView, path: str) -> Any:
    """The row behind a path (private: to read what the widgets show, not what was loaded)."""
    return view._find(path)[1]


def _item_rows(row: Any) -> list[Any]:
    """The rows of the sub-form showing the selected tool (private, as above)."""
    return row.editor._pages.currentWidget().rows  # type: ignore[no-any-return]


@pytest.fixture
def view(qtbot: Any) -> FormView:
    form = FormView()
    qtbot.addWidget(form)
    form.resize(1000, 800)
    return form


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_placed_node_round_trips_through_the_form(view: FormView, endpoint: str) -> None:
    for spot in declaration.placed(endpoint):
        for state, value in states(spot):
            view.set_configuration(Configuration("t", endpoint, {spot.node.id: value}))
            assert view.values() == {spot.node.id: value}, (spot.path, state)
            row = _row(view, spot.path)
            if isinstance(spot.node, Field) and value is not None:
                assert row.editor.read() == value, f"{spot.path} shows {row.editor.read()!r}, not {value!r}"
            if isinstance(spot.node, Field) and isinstance(spot.node.type, ToolList):
                for index, item in enumerate(value):
                    assert view.focus_field(f"{spot.path}[{index}]")
                    shown = {"type": item["type"], **{r.node.key: r.editor.read() for r in _item_rows(row)}}
                    assert shown == item, f"{spot.path}[{index}]"
        view.set_configuration(Configuration("t", endpoint, {}))
        assert view.values() == {}, spot.path


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_editor_is_named_by_wire_path_and_label(view: FormView, endpoint: str) -> None:
    view.set_configuration(Configuration("t", endpoint))
    for spot in declaration.placed(endpoint):
        editor = view.editor(spot.path)
        assert editor is not None, spot.path
        assert editor.objectName() == spot.path
        assert editor.accessibleName() == spot.node.label
        assert spot.node.help in editor.toolTip()


def test_set_configuration_does_not_emit_but_editing_does(view: FormView, qtbot: Any) -> None:
    with qtbot.assertNotEmitted(view.changed):
        view.set_configuration(Configuration.new("demo"))
    editor = view.editor("session.audio.input.transcription.language")
    with qtbot.waitSignal(view.changed):
        qtbot.keyClicks(editor, "fr")
    assert view.values()["transcription.language"] == "fr"  # editing sets the field


def test_values_of_fields_another_endpoint_places_are_kept(view: FormView) -> None:
    view.set_configuration(Configuration("t", "ga", {"temperature": 0.7, "voice": "ash"}))
    assert view.values() == {"temperature": 0.7, "voice": "ash"}
    view.set_endpoint("beta")
    assert view.editor("temperature") is not None
    view.set_endpoint("ga-transcription")
    assert view.values() == {"temperature": 0.7, "voice": "ash"}


def test_the_state_chip_turns_a_nullable_group_off(view: FormView, qtbot: Any) -> None:
    view.set_configuration(Configuration("t", "ga", {"turn_detection.type": "semantic_vad"}))
    chip = view.editor("session.audio.input.turn_detection")
    assert isinstance(chip, QToolButton)
    chip.click()
    menu = chip.findChild(QMenu)
    assert menu is not None
    off = next(a for a in menu.actions() if a.text().startswith("Off"))
    with qtbot.waitSignal(view.changed):
        off.trigger()
    menu.close()
    assert view.values() == {"turn_detection": None, "turn_detection.type": "semantic_vad"}
    assert not _shown(view, "session.audio.input.turn_detection.type", QWidget).isEnabled()


def test_a_failed_when_condition_disables_the_field_with_a_hint(view: FormView) -> None:
    view.set_configuration(Configuration("t", "ga", {"turn_detection.type": "semantic_vad"}))
    assert not _shown(view, "session.audio.input.turn_detection.threshold", QWidget).isEnabled()
    assert _shown(view, "session.audio.input.turn_detection.eagerness", QWidget).isEnabled()
    hints = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]
    assert "Applies when Detector is server_vad" in hints


def test_focus_field_expands_the_section_and_focuses_the_editor(view: FormView, qtbot: Any) -> None:
    view.set_configuration(Configuration.new("demo"))
    view.show()
    qtbot.waitExposed(view)
    header = next(b for b in view.findChildren(QToolButton) if b.text() == "Turn detection")
    header.click()
    path = "session.audio.input.turn_detection.silence_duration_ms"
    assert not _shown(view, path, QWidget).isVisible()
    view.activateWindow()
    assert view.focus_field(path)
    editor = _shown(view, path, QWidget)
    assert editor.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    assert not view.focus_field("session.no_such_field")


def test_malformed_json_is_reported_with_line_and_column(view: FormView) -> None:
    view.set_configuration(Configuration("t", "ga"))
    editor = view.editor("session.tracing.metadata")
    assert isinstance(editor, QPlainTextEdit)
    editor.setPlainText('{\n  "build": "dev",\n}')
    [problem] = view.editor_problems()
    assert problem.path == "session.tracing.metadata"
    assert "line 3, column 1" in problem.detail
    editor.setPlainText('{"build": "dev"}')
    assert view.editor_problems() == []
    assert view.values()["tracing.metadata"] == {"build": "dev"}


def test_problems_are_shown_under_their_rows_and_cleared(view: FormView) -> None:
    config = Configuration("t", "beta", {"temperature": 1.5})
    view.set_configuration(config)
    view.show_problems(validate(config))
    view.editor("temperature")  # rows built after the problems were shown get their marks too
    shown = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]
    assert any("must be between 0.6 and 1.2" in text for text in shown)
    view.show_problems([])
    shown = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]
    assert not any("must be between" in text for text in shown)


def _button(view: FormView, text: str) -> QPushButton:
    return next(b for b in view.findChildren(QPushButton) if b.text() == text and b.isVisibleTo(view))


def test_tools_editor_adds_duplicates_moves_and_removes(view: FormView, qtbot: Any) -> None:
    view.set_configuration(Configuration("t", "ga"))
    tools = view.editor("session.tools")
    assert isinstance(tools, QListWidget)
    with qtbot.waitSignal(view.changed):
        _button(view, "Add function").click()
    assert view.values()["tools"] == [{"type": "function", "name": "function_1"}]
    name = _shown(view, "session.tools[0].name", QLineEdit)
    name.selectAll()
    qtbot.keyClicks(name, "lookup")
    _button(view, "Duplicate").click()
    _button(view, "Add MCP server").click()
    names = [t.get("name") or t.get("server_label") for t in view.values()["tools"]]
    assert names == ["lookup", "lookup_2", "mcp_1"]
    _button(view, "Move up").click()
    assert [t.get("name") or t.get("server_label") for t in view.values()["tools"]] == ["lookup", "mcp_1", "lookup_2"]
    _button(view, "Remove").click()
    assert view.values()["tools"] == [{"type": "function", "name": "lookup"},
                                      {"type": "function", "name": "lookup_2"}]
    choice = _shown(view, "session.tool_choice", QComboBox)
    choice.setCurrentIndex(choice.findText("a function"))
    choice.activated.emit(choice.currentIndex())
    target = _shown(view, "session.tool_choice.name", QComboBox)
    assert [target.itemText(i) for i in range(target.count())] == ["lookup", "lookup_2"]


def test_mcp_tools_can_be_added_only_where_the_shape_takes_them(view: FormView) -> None:
    view.set_configuration(Configuration("t", "beta"))
    view.editor("tools")
    texts = {b.text() for b in view.findChildren(QPushButton)}
    assert "Add function" in texts and "Add MCP server" not in texts


def test_tool_problems_mark_the_item(view: FormView) -> None:
    config = Configuration("t", "ga", {"tools": [{"type": "function", "name": "a b"}]})
    view.set_configuration(config)
    view.show_problems(validate(config))
    tools = _shown(view, "session.tools", QListWidget)
    item = tools.item(0)
    assert item.text().startswith("⚠")
    assert "1 to 64 letters" in item.toolTip()


def test_a_configuration_with_128_tools_loads_and_switches(view: FormView) -> None:
    many = [{"type": "function", "name": f"tool_{i}", "description": f"Tool {i}",
             "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}} for i in range(128)]
    big = Configuration("big", "ga", {"tools": many, "tool_choice": {"type": "function", "name": "tool_5"}})
    small = Configuration.new("small")
    for config in (big, small, big):
        view.set_configuration(config)
        assert view.values() == config.values
    assert view.focus_field("session.tools[100].name")
    assert _shown(view, "session.tools[100].name", QLineEdit).text() == "tool_100"


def test_a_secret_in_the_keyring_stays_a_reference_until_retyped(view: FormView, qtbot: Any) -> None:
    ref = {"secret_ref": "mcp-docs"}
    tool = {"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp", "authorization": ref}
    view.set_configuration(Configuration("t", "ga", {"tools": [tool]}))
    editor = _shown(view, "session.tools[0].authorization", QLineEdit)
    assert editor.text() == "" and "keyring" in editor.placeholderText()
    assert view.values()["tools"] == [tool]
    qtbot.keyClicks(editor, "token")
    assert view.values()["tools"][0]["authorization"] == "token"


def test_not_set_shows_the_service_default_without_sending_it(view: FormView) -> None:
    view.set_configuration(Configuration("t", "ga"))
    voice = _shown(view, "session.audio.output.voice", QComboBox)
    assert voice.currentText() == "alloy"  # the declared default, greyed
    assert voice.property("dim") is True
    assert "voice" not in view.values()


def test_the_rest_of_the_form_is_built_only_after_the_rows_shown_are_painted(view: FormView, qtbot: Any) -> None:
    # A section built before that paint would hold up the form a person waits for.
    view.show()
    view.set_configuration(Configuration.new("A"))
    form = view._current()  # private: the open endpoint's form, to hold its paint back
    assert form is not None and form.pending()
    built: list[int] = []
    view.rows_built.connect(lambda: built.append(len(form.rows)))
    form.content.setUpdatesEnabled(False)  # no paint while this is off
    qtbot.wait(120)  # longer than the pause between idle steps, shorter than the wait for an unpainted form
    assert built == []
    form.content.setUpdatesEnabled(True)  # painted now: the rest follows while idle
    qtbot.waitUntil(lambda: not form.pending())
    assert built
