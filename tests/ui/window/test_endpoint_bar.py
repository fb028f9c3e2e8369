"""The endpoint bar.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from ui_support import WindowFactory, child

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_endpoint_selector_lists_every_endpoint_with_help(make_window: WindowFactory) -> None:
    from realtime_gui.core.catalog.declaration import ENDPOINTS

    selector = child(make_window(), QWidget, "endpoint_selector")
    assert [selector.itemData(i) for i in range(selector.count())] == list(ENDPOINTS)
    assert all(selector.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(selector.count()))


def test_the_configuration_name_heads_the_window_and_says_when_it_has_unsaved_changes(
        make_window: WindowFactory) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QLabel
    from ui_support import edit_base_url

    from realtime_gui.core.wire.configuration import Configuration

    window = make_window(Configuration.new("Voice assistant", "ga"))
    title = child(window, QLabel, "configuration_title")
    assert title.text() == "Voice assistant" and title.isVisible()
    assert title.font().weight() >= QFont.Weight.Bold
    assert title.font().pointSizeF() > QApplication.font().pointSizeF()  # larger than anything else
    edited = [label for label in window.endpoint_bar.findChildren(QLabel) if label.text() == "unsaved changes"]
    assert len(edited) == 1 and not edited[0].isVisible()
    edit_base_url(window, "https://example.com/v1")
    assert edited[0].isVisible()


def test_mint_is_the_one_button_in_the_accent_colour_and_follows_the_scheme(make_window: WindowFactory) -> None:
    from PySide6.QtGui import QGuiApplication, QPalette
    from PySide6.QtWidgets import QApplication, QPushButton

    from realtime_gui.ui.style.style import contrast
    from realtime_gui.ui.style.theme import apply_theme

    window = make_window()
    mint, check = child(window, QPushButton, "mint"), child(window, QPushButton, "check")
    roles = QPalette.ColorRole
    try:
        for theme in ("light", "dark"):
            apply_theme(theme)
            QApplication.processEvents()  # the other widgets learn of the new palette
            app = QGuiApplication.palette()
            fill = mint.palette().color(QPalette.ColorGroup.Active, roles.Button)
            assert fill.hue() == app.color(roles.Highlight).hue(), theme  # the accent, made readable
            assert contrast(fill, mint.palette().color(QPalette.ColorGroup.Active, roles.ButtonText)) >= 4.5, theme
            assert check.palette().color(roles.Button) == app.color(roles.Button), theme  # the others are plain
            # Disabled, it looks as any disabled button does.
            assert (mint.palette().color(QPalette.ColorGroup.Disabled, roles.Button)
                    == app.color(QPalette.ColorGroup.Disabled, roles.Button)), theme
    finally:
        apply_theme("system")


@pytest.mark.parametrize("endpoint_id", ["ga", "translation", "beta-transcription"])
def test_at_800x600_the_path_and_the_connection_summary_show_whole(qtbot: Any, make_window: WindowFactory,
                                                                   endpoint_id: str) -> None:
    from PySide6.QtWidgets import QLabel

    from realtime_gui.core.wire.configuration import Configuration
    from realtime_gui.ui.style.style import ElidedLabel

    window = make_window(Configuration.new("Small", endpoint_id), size=(800, 600))
    path = child(window, ElidedLabel, "endpoint_path")
    assert path.text() and not path.is_elided()
    summary = child(window, QLabel, "connection_summary")
    qtbot.waitUntil(lambda: "OPENAI_API_KEY" in summary.text())  # no key stored: it says what to do
    assert summary.isVisible() and summary.wordWrap()
    assert summary.fontMetrics().horizontalAdvance(summary.text()) > summary.width()  # too long for one line
    qtbot.waitUntil(lambda: summary.height() >= summary.heightForWidth(summary.width()))  # every line of it
