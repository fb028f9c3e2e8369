"""Where the open configuration's key comes from, asked off the UI thread.

A keyring behind a slow D-Bus, or a locked collection waiting for its unlock
prompt, must not freeze the window: these tests give it a keyring whose every
read blocks until the test lets it go.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from ui_support import WindowFactory, child

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import KeyringStore
from realtime_gui.core.wire.configuration import Configuration

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


class BlockingBackend(KeyringBackend):
    """A keyring whose reads wait for :attr:`release`; it notes which threads asked."""

    priority = -10

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.readers: set[int] = set()

    def get_password(self, service: str, username: str) -> str | None:
        self.readers.add(threading.get_ident())
        self.release.wait(20)
        return "sk-test-blocking-00001234" if username == "default" else None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("nothing is stored in this test")

    def delete_password(self, service: str, username: str) -> None:
        raise AssertionError("nothing is deleted in this test")


def test_a_blocking_keyring_never_holds_up_the_window(qtbot: Any, make_window: WindowFactory,
                                                      pool: QThreadPool) -> None:
    backend = BlockingBackend()
    try:
        window = make_window(Configuration.new("Blocked"), keys=ApiKeys(KeyringStore(backend)), pool=pool)
        # make_window returned: the window was shown and finished starting while the keyring blocks.
        assert window.bench.form.focus_field("session.model")
        model = window.bench.form.editor("session.model")
        assert isinstance(model, QWidget) and model.isVisible()
        qtbot.waitUntil(lambda: bool(backend.readers))
        source = child(window, QLabel, "key_source")
        assert source.text() == "Key “default”: looking it up…"
        # The window keeps answering: typing into the form works while the keyring is stuck.
        model_edit = model if isinstance(model, QLineEdit) else model.findChild(QLineEdit)
        assert model_edit is not None
        qtbot.keyClicks(model_edit, "x")
        assert window.isWindowModified()
        assert threading.main_thread().ident not in backend.readers
    finally:
        backend.release.set()
    qtbot.waitUntil(lambda: child(window, QLabel, "key_source").text().startswith("Key “default”: keyring"))
    assert threading.main_thread().ident not in backend.readers
