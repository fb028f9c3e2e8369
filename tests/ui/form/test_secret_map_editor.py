"""An MCP server's headers: names shown, values masked, the ones kept in the keyring never shown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QToolButton, QWidget

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.catalog.types import SecretMap
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.all_editors import make_editor
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.form.secret_map_editor import KEPT, SecretMapEditor

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

REF = {"secret_ref": "mcp-0123456789abcdef"}
HEADERS = {"X-Token": REF, "X-Team": "blue-42"}
HEADERS_FIELD = next(spec for kind in declaration.TOOLS.kinds for spec in kind.fields
                     if isinstance(spec.type, SecretMap))


def _texts(widget: QWidget) -> list[str]:
    """Every text a user could read in ``widget``, placeholders included."""
    lines = [(e.text(), e.placeholderText()) for e in widget.findChildren(QLineEdit)
             if e.echoMode() == QLineEdit.EchoMode.Normal]
    return ([t for pair in lines for t in pair] + [e.toPlainText() for e in widget.findChildren(QPlainTextEdit)]
            + [label.text() for label in widget.findChildren(QLabel)])


@pytest.fixture
def editor(qtbot: Any) -> Iterator[SecretMapEditor]:
    parent = QWidget()  # held here for the test's length: the editor's widgets are its children
    qtbot.addWidget(parent)
    made = make_editor(HEADERS_FIELD, EditorContext("ga", "ga"), parent)
    assert isinstance(made, SecretMapEditor)
    yield made


def _line_edits(editor: SecretMapEditor) -> list[tuple[QLineEdit, QLineEdit]]:
    return [(line.name, line.value) for line in editor._lines]


def test_kept_values_are_masked_and_round_trip_untouched(editor: SecretMapEditor) -> None:
    editor.load(HEADERS)
    (token_name, token_value), (team_name, team_value) = _line_edits(editor)
    assert (token_name.text(), team_name.text()) == ("X-Token", "X-Team")
    assert token_value.text() == "" and token_value.placeholderText() == KEPT
    assert token_value.echoMode() == team_value.echoMode() == QLineEdit.EchoMode.Password
    assert not any("secret_ref" in text or REF["secret_ref"] in text for text in _texts(editor.root))
    assert editor.value() == HEADERS
    editor.touch()  # read back from the widgets: still the reference, not a blank
    assert editor.value() == HEADERS


def test_a_value_is_replaced_by_typing_and_comes_back_when_erased(editor: SecretMapEditor, qtbot: Any) -> None:
    edits: list[int] = []
    editor.load(HEADERS)
    editor.on_edit = lambda: edits.append(1)
    _, token_value = _line_edits(editor)[0]
    qtbot.keyClicks(token_value, "new-token")
    assert editor.value() == {"X-Token": "new-token", "X-Team": "blue-42"} and edits
    token_value.selectAll()
    token_value.del_()
    token_value.textEdited.emit("")
    assert editor.value() == HEADERS


def test_lines_are_added_and_removed(editor: SecretMapEditor, qtbot: Any) -> None:
    editor.show_default(NOT_SET, "no headers")
    assert editor.value() is NOT_SET
    editor.add.click()
    name, value = _line_edits(editor)[0]
    qtbot.keyClicks(name, "X-Key")
    qtbot.keyClicks(value, "v1")
    assert editor.value() == {"X-Key": "v1"}
    editor.add.click()
    qtbot.keyClicks(_line_edits(editor)[1][1], "orphan")
    assert editor.problem() is not None and "no name" in editor.problem()  # type: ignore[operator]
    editor._lines[1].remove.click()
    assert editor.problem() is None
    editor._lines[0].remove.click()
    assert editor.read() is NOT_SET and editor.emptied()


def test_in_the_form_headers_are_never_json_text(qtbot: Any) -> None:
    view = FormView()
    qtbot.addWidget(view)
    tool = {"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp", "headers": HEADERS}
    config = Configuration("t", "ga", {"tools": [tool]})
    view.set_configuration(config)
    assert view.focus_field("session.tools[0].headers")
    focus = view.editor("session.tools[0].headers")
    assert isinstance(focus, QPushButton)  # the editor's way in: Add
    assert not any("secret_ref" in text for text in _texts(view))
    assert view.values()["tools"] == [tool]
    names = [e.text() for e in view.findChildren(QLineEdit) if e.placeholderText() == "Header name"]
    assert names == ["X-Token", "X-Team"]
    assert all(b.accessibleName() for b in view.findChildren(QToolButton) if b.text() == "Remove")


def test_the_declared_secret_map_is_the_one_tested() -> None:
    assert isinstance(HEADERS_FIELD, Field) and HEADERS_FIELD.key == "headers"
