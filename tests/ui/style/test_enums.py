"""Enum properties set by name."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from realtime_gui.ui.style.enums import set_enum

pytestmark = pytest.mark.gui


def test_set_enum_sets_by_name_and_refuses_what_the_class_lacks(qtbot: Any) -> None:
    splitter = QSplitter()
    qtbot.addWidget(splitter)
    set_enum(splitter, "orientation", "Vertical")
    assert splitter.orientation() == Qt.Orientation.Vertical
    with pytest.raises(ValueError, match="Diagonal"):
        set_enum(splitter, "orientation", "Diagonal")
