"""The Import dialog: what it makes of the text, and when it judges it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QPlainTextEdit
from ui_support import child

from realtime_gui.ui.dialogs.importing import ImportDialog

pytestmark = pytest.mark.gui


def test_import_dialog_tells_what_it_read(qtbot: Any) -> None:
    dialog = ImportDialog("Imported", lambda: None)
    qtbot.addWidget(dialog)
    verdict = child(dialog, QLabel, "import_verdict")
    dialog.set_text("{not json")
    assert verdict.text().startswith("Can't import this")
    assert dialog.imported is None
    dialog.set_text(json.dumps({"model": "gpt-4o-realtime-preview", "voice": "ash", "mystery": 1}))
    assert dialog.imported is not None
    assert dialog.imported.configuration.endpoint == "beta"
    assert dialog.imported.unknown == ["mystery"]
    assert "1 part(s) will be left out" in verdict.text()


def test_typing_is_judged_once_the_text_settles(qtbot: Any) -> None:
    dialog = ImportDialog("Imported", lambda: None)
    qtbot.addWidget(dialog)
    verdict = child(dialog, QLabel, "import_verdict")
    text = child(dialog, QPlainTextEdit, "import_text")
    qtbot.keyClicks(text, '{"model": "gpt-4o-realtime-preview"}')
    assert dialog.imported is None and verdict.text() == ""  # not judged at each keystroke
    qtbot.waitUntil(lambda: dialog.imported is not None)
    assert dialog.imported is not None
    assert verdict.text() == "This is " + dialog.imported.kind + "."


def test_import_judges_what_was_typed_before_accepting(qtbot: Any) -> None:
    dialog = ImportDialog("Imported", lambda: None)
    qtbot.addWidget(dialog)
    text = child(dialog, QPlainTextEdit, "import_text")
    text.setPlainText("{not json")
    dialog.accept()
    assert dialog.result() == 0 and child(dialog, QLabel, "import_verdict").text().startswith("Can't import this")
    text.setPlainText(json.dumps({"model": "gpt-4o-realtime-preview"}))
    dialog.accept()
    assert dialog.result() == 1 and dialog.imported is not None
