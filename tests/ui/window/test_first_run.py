"""The first-run guide: shown while the open configuration's key is nowhere, gone once one is known.

The keys are looked up on a real pool, as in the app, from keyrings of
``keyring_support``.
"""

from __future__ import annotations

from typing import Any

import pytest
from fakeserver import FAKE_API_KEY
from keyring_support import DictBackend
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QToolButton, QWidget
from ui_support import WindowFactory, child

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import KeyringStore
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.dialogs.keys_dialog import KeysDialog
from realtime_gui.ui.shell.frame import MainWindow

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def _guide(window: MainWindow) -> QWidget:
    guide: QWidget = child(window, QWidget, "first_run")
    return guide


def _settled(window: MainWindow) -> bool:
    return window.bench.key_source.pending() == 0


def _keys_changed(window: MainWindow) -> None:
    """What the Keys dialog says after a change: the keys are looked up again."""
    dialog = window.bench.open_keys()
    dialog.keys_changed.emit()
    dialog.close()


def test_the_guide_shows_with_no_key_and_goes_once_one_is_stored(
        qtbot: Any, make_window: WindowFactory, pool: QThreadPool) -> None:
    backend = DictBackend()
    keys = ApiKeys(KeyringStore(backend))
    window = make_window(keys=keys, pool=pool)
    guide = _guide(window)
    qtbot.waitUntil(guide.isVisible)
    assert "none is stored yet" in child(guide, QLabel, "first_run_why").text()
    env = child(guide, QLabel, "first_run_env")
    assert env.isVisible() and "OPENAI_API_KEY" in env.text()
    store = child(guide, QPushButton, "first_run_store")
    create = child(guide, QPushButton, "first_run_create")
    assert (store.text(), create.text()) == ("Store an API key…", "New configuration")
    assert child(guide, QToolButton, "first_run_hide").accessibleName()
    # Above the names, beside the form, which keeps its room.
    names = guide.parentWidget()
    assert names is child(window, QWidget, "config_panel")
    assert guide.geometry().bottom() < child(names, QWidget, "config_filter").y()

    store.click()
    dialog = window.findChild(KeysDialog)
    assert isinstance(dialog, KeysDialog) and dialog.isVisible()
    keys.set("default", FAKE_API_KEY)
    dialog.keys_changed.emit()  # what the dialog says after storing a key
    qtbot.waitUntil(lambda: not guide.isVisible())
    assert _settled(window)
    dialog.close()


def test_no_guide_when_openai_api_key_is_set(qtbot: Any, make_window: WindowFactory, pool: QThreadPool) -> None:
    window = make_window(keys=ApiKeys(KeyringStore(DictBackend())), pool=pool, env={"OPENAI_API_KEY": FAKE_API_KEY})
    qtbot.waitUntil(lambda: _settled(window) and "environment" in child(window, QLabel, "key_source").text())
    assert not _guide(window).isVisible()


def test_the_guide_names_a_key_other_than_default(qtbot: Any, make_window: WindowFactory,
                                                  pool: QThreadPool) -> None:
    config = Configuration.new("Work")
    config.connection["key_name"] = "work"
    window = make_window(config, keys=ApiKeys(KeyringStore(DictBackend())), pool=pool,
                         env={"OPENAI_API_KEY": FAKE_API_KEY})  # stands in for "default" only
    guide = _guide(window)
    qtbot.waitUntil(guide.isVisible)
    assert "“work”" in child(guide, QLabel, "first_run_why").text()
    assert not child(guide, QLabel, "first_run_env").isVisible()


def test_the_guide_says_when_the_keyring_is_out_of_reach(qtbot: Any, make_window: WindowFactory,
                                                         pool: QThreadPool) -> None:
    backend = DictBackend()
    backend.locked = True
    window = make_window(keys=ApiKeys(KeyringStore(backend)), pool=pool)
    guide = _guide(window)
    qtbot.waitUntil(guide.isVisible)
    assert "can't be reached" in child(guide, QLabel, "first_run_why").text()
    assert "OPENAI_API_KEY" in child(guide, QLabel, "first_run_env").text()


def test_create_makes_a_configuration_and_hide_keeps_the_guide_away(
        qtbot: Any, make_window: WindowFactory, pool: QThreadPool, store: ConfigStore) -> None:
    window = make_window(keys=ApiKeys(KeyringStore(DictBackend())), pool=pool)
    guide = _guide(window)
    qtbot.waitUntil(guide.isVisible)
    before = store.list()
    child(guide, QPushButton, "first_run_create").click()
    assert len(store.list()) == len(before) + 1
    child(guide, QToolButton, "first_run_hide").click()
    assert not guide.isVisible()
    _keys_changed(window)
    qtbot.waitUntil(lambda: _settled(window))
    assert not guide.isVisible()


def test_the_guide_buttons_come_first_in_the_side_bar_tab_order(qtbot: Any, make_window: WindowFactory,
                                                                pool: QThreadPool) -> None:
    window = make_window(keys=ApiKeys(KeyringStore(DictBackend())), pool=pool)
    guide = _guide(window)
    qtbot.waitUntil(guide.isVisible)
    window.activateWindow()
    store = child(guide, QPushButton, "first_run_store")
    store.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is store)
    reached = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), "\t")
        focused = QApplication.focusWidget()
        reached.append(focused.objectName() if focused else "")
    assert reached == ["first_run_create", "first_run_hide", "config_filter"]
