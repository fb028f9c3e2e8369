"""Fakes and helpers the GUI tests share; their fixtures live in conftest.py.

Imports Qt, so only the GUI tests import it (conftest imports it lazily).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fakeserver import FakeRealtimeServer
from PySide6.QtCore import QRunnable, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.library.trust import trust_connection
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.dialogs.standard import Dialogs
from realtime_gui.ui.shell.frame import MainWindow

__all__ = ["FakeClock", "FakeDialogs", "ImmediatePool", "WindowFactory", "child", "edit_base_url", "local",
           "mint_and_wait", "saved"]

# make_window(*configs, size=None, **services): a shown, ready MainWindow
# (conftest.py's make_window fixture).
WindowFactory = Callable[..., MainWindow]


class FakeClock:
    """Epoch seconds that stand still until the test moves ``now``."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


class ImmediatePool:
    """A pool that runs each task at once on the calling thread.

    Results still arrive through the event loop, as with a real pool, so
    code under test sees the same order of events.
    """

    def start(self, runnable: QRunnable) -> None:
        runnable.run()


class FakeDialogs(Dialogs):
    """Answers the window's questions from a script and records what it said.

    ``ask``: the scripted ``answers`` in order; with none left, Discard when
    offered (closing a window with unsaved changes), else the last button,
    the "no" one. ``ask_text``: the scripted ``texts`` in order; a question
    nobody scripted fails the test. Never a modal dialog.
    """

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str] = []  # for ask(), in order
        self.texts: list[str | None] = []  # for ask_text(), in order
        self.asked: list[tuple[str, str]] = []
        self.defaults: list[str] = []  # the button Enter would have picked, per question
        self.told: list[tuple[str, str]] = []
        self.save_to: Path | None = None

    def ask(self, title: str, text: str, buttons: tuple[str, ...], default: str | None = None) -> str:
        self.asked.append((title, text))
        self.defaults.append(default if default in buttons else buttons[0])
        if self.answers:
            answer = self.answers.pop(0)
        else:
            answer = "Discard" if "Discard" in buttons else buttons[-1]
        assert answer in buttons
        return answer

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        assert self.texts, f"the window asked {title!r} ({label}) and the test scripted no answer in texts"
        return self.texts.pop(0)

    def tell(self, title: str, text: str) -> None:
        self.told.append((title, text))

    def open_path(self, title: str) -> Path | None:
        return None

    def save_path(self, title: str, suggested: str) -> Path | None:
        return self.save_to


def child(parent: QWidget, kind: type, name: str) -> Any:
    """The descendant of ``parent`` of that kind and object name; fails the test if none."""
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def edit_base_url(window: MainWindow, url: str) -> None:
    """Type ``url`` into the connection section's base URL, as a user would
    (editors count only a user's edits as changes)."""
    edit = child(window, QLineEdit, "connection.base_url")
    edit.selectAll()
    QTest.keyClicks(edit, url)


def local(server: FakeRealtimeServer, name: str = "Local", endpoint_id: str = "ga",
          **values: Any) -> Configuration:
    """A new configuration that mints from the loopback ``server``."""
    config = Configuration.new(name, endpoint_id)
    config.values.update(values)
    config.connection["base_url"] = server.base_url
    trust_connection(config)  # as the user would confirm it
    return config


def saved(store: ConfigStore, config: Configuration) -> Configuration:
    """``config``, once created in ``store``."""
    store.create(config.name, config.to_data())
    return config


def mint_and_wait(qtbot: Any, window: MainWindow, timeout: int = 10_000) -> tuple[Any, Any]:
    """Click Mint and wait for the job: its (result, error)."""
    with qtbot.waitSignal(window.bench.minting.job.finished, timeout=timeout) as blocker:
        qtbot.mouseClick(child(window, QPushButton, "mint"), Qt.MouseButton.LeftButton)
    result, error = blocker.args
    return result, error
