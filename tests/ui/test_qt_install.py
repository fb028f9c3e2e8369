"""The installed Qt binding is one the app can live with."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_qt_calls_keep_none_alive(qtbot: object) -> None:
    # PySide6 6.12.0 drops a reference to None on every call that returns
    # nothing; on Python 3.11 the interpreter then aborts after a few thousand
    # edits. pyproject.toml keeps that release out; this guards the pin.
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 50
