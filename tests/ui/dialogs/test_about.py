"""The About box: icon, versions, and the places on disk as links that open their folder."""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton
from ui_support import WindowFactory, child

from realtime_gui import __version__
from realtime_gui.ui.dialogs.about import AboutBox, about_details

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_about_shows_the_icon_the_versions_and_where_files_live(make_window: WindowFactory, home: Path) -> None:
    box = make_window().bench.about()
    assert isinstance(box, AboutBox) and box.isVisible()
    icon = child(box, QLabel, "about_icon").pixmap()
    assert not icon.isNull() and icon.width() >= 64
    assert child(box, QLabel, "about_version_version").text() == __version__
    assert qVersion() in child(box, QLabel, "about_version_qt").text()
    assert child(box, QLabel, "about_version_python").text() == platform.python_version()
    for name, path in (("configurations", home / "configs"), ("history", home / "history.sqlite3"),
                       ("settings", home / "settings.json")):
        assert str(path) in child(box, QLabel, f"about_place_{name}").text(), name


def test_a_path_opens_its_folder_and_copy_details_copies_everything(qtbot: Any, home: Path) -> None:
    (home / "configs").mkdir(parents=True)
    opened: list[Path] = []
    box = AboutBox(open_folder=opened.append)
    qtbot.addWidget(box)
    child(box, QLabel, "about_place_configurations").linkActivated.emit("")
    child(box, QLabel, "about_place_settings").linkActivated.emit("")  # a file: its folder
    assert opened == [home / "configs", home]

    child(box, QPushButton, "about_copy").click()
    copied = QGuiApplication.clipboard().text()
    assert copied == about_details()
    assert f"realtime-gui {__version__}" in copied and f"Configurations: {home / 'configs'}" in copied
