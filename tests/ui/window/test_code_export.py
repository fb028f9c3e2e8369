"""*Copy Request As*: the preview's *Copy as* button and the Edit menu copy the open configuration as code."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QToolButton
from ui_support import WindowFactory, child

from realtime_gui.core.export.languages import LANGUAGES
from realtime_gui.core.export.snippets import snippet
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.wire.configuration import Configuration

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

KEY = "sk-test-window-key-0123456789"


def demo() -> Configuration:
    return Configuration("demo", "beta", {"model": "gpt-4o-realtime-preview", "voice": "verse"},
                         {"base_url": "http://127.0.0.1:9/v1"})


def test_copy_as_in_the_preview_copies_each_language(make_window: WindowFactory, keys: ApiKeys) -> None:
    keys.set("default", KEY)
    window = make_window(demo())
    window.tabs.setCurrentWidget(window.bench.preview)
    button = child(window.bench.preview, QToolButton, "copy_request_as")
    assert button.isVisible()
    offered = button.menu().actions()
    assert [action.text() for action in offered] == [language.label for language in LANGUAGES.values()]
    for action, language in zip(offered, LANGUAGES, strict=True):
        QApplication.clipboard().clear()
        action.trigger()
        copied = QApplication.clipboard().text()
        assert copied == snippet(window.bench.editing.current_configuration(), language)
        assert KEY not in copied and "http://127.0.0.1:9/v1" in copied
    assert "Swift (URLSession)" in window._status.text() and "environment" in window._status.text()


def test_the_edit_menu_holds_the_same_actions(make_window: WindowFactory) -> None:
    window = make_window(demo())
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert isinstance(edit, QMenu)
    submenu = next(a.menu() for a in edit.actions() if a.text() == "Copy Request As")
    assert submenu is child(window.bench.preview, QToolButton, "copy_request_as").menu()
    QApplication.clipboard().clear()
    child(window, QAction, "copy_as_python-openai").trigger()
    assert "client.beta.realtime.sessions.create(**BODY" in QApplication.clipboard().text()


def test_an_invalid_configuration_is_not_copied(make_window: WindowFactory) -> None:
    bad = Configuration("bad", "ga", {"model": "gpt-realtime", "max_output_tokens": 0})
    window = make_window(bad)
    QApplication.clipboard().setText("kept")
    copied = window.bench.code_export.copy("curl")
    assert not copied and QApplication.clipboard().text() == "kept"
    assert "Not copied" in window._status.text() and "Max output tokens" in window._status.text()
