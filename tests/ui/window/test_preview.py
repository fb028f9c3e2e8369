"""The request preview.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from ui_support import WindowFactory, child, edit_base_url

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.ui.window.preview import NO_KEY_PLACEHOLDER

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_preview_masks_the_key(qtbot: Any, make_window: WindowFactory, keys: ApiKeys) -> None:
    keys.set("default", "sk-test-0123-fake-WXYZ")
    window = make_window()
    window.tabs.setCurrentWidget(window.bench.preview)
    # The key is looked up off the UI thread; the preview shows it once found.
    qtbot.waitUntil(lambda: "Authorization: Bearer …WXYZ" in window.bench.preview.text())
    text = window.bench.preview.text()
    assert "sk-test-0123456789" not in text
    assert text.startswith("POST https://api.openai.com/v1/realtime/client_secrets")
    assert '"type": "realtime"' in text
    edit_base_url(window, "http://localhost:9/v1")
    qtbot.waitUntil(lambda: "POST http://localhost:9/v1/realtime" in window.bench.preview.text())


def test_preview_without_a_key_uses_a_placeholder_and_says_so(make_window: WindowFactory) -> None:
    window = make_window()
    window.tabs.setCurrentWidget(window.bench.preview)
    assert f"Authorization: Bearer {NO_KEY_PLACEHOLDER}" in window.bench.preview.text()
    assert child(window, QLabel, "preview_note").isVisible()
