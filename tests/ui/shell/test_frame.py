"""The first frame: what it imports before its first paint and what it shows.

Driven like a user would, with everything the window touches injected
(see conftest.py and ui_support.py).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, running_server
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QPushButton
from ui_support import FakeDialogs, WindowFactory, child, edit_base_url, local, mint_and_wait, saved

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.shell.frame import MainWindow
from realtime_gui.ui.window.services import Services

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


_STARTUP_PROBE = """
import sys
import PySide6.QtCore as QtCore
import PySide6.QtWidgets as QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from realtime_gui.ui.shell.app import default_services
from realtime_gui.ui.shell.frame import MainWindow
window = MainWindow(default_services())
early = []
class AtFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if not early and event.type() == QEvent.Type.Paint:
            modules = ("realtime_gui.core.catalog.declaration", "realtime_gui.ui.form.form")
            early.append(sorted({m for m in modules if m in sys.modules}
                                | {f"QtCore.{c}" for c in ("Qt",) if c in vars(QtCore)}
                                | {f"QtWidgets.{c}" for c in ("QProxyStyle", "QStyle") if c in vars(QtWidgets)}))
        return False
watcher = AtFirstPaint()
window.installEventFilter(watcher)
window.show()
waited = []
def done():
    waited.append(1)
    if not window.is_ready() and len(waited) < 400:  # the whole window built: up to 20 s on a busy machine
        QTimer.singleShot(50, done)
        return
    heavy = [m for m in ("httpx", "keyring", "jsonschema", "realtime_gui.core.service.mint") if m in sys.modules]
    print(window.is_ready(), early[0], heavy)
    app.quit()
QTimer.singleShot(50, done)
app.exec()
"""


def test_nothing_heavy_is_loaded_before_the_first_paint(tmp_path: Path) -> None:
    # Up to its first paint the window is a frame: no declaration, no form, and
    # not the Qt namespace or QStyle, whose enums PySide6 builds by the dozen
    # (see ui/shell/frame.py). The network and the keyring wait even longer.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REALTIME_GUI_HOME": str(tmp_path)}
    env.pop("OPENAI_API_KEY", None)
    # After the first paint the window looks up where the key comes from; with a
    # session bus (as in CI) that rightly loads keyring. Without one it need not.
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    found = subprocess.run([sys.executable, "-c", _STARTUP_PROBE], env=env, capture_output=True,
                           text=True, timeout=60, cwd=Path(__file__).resolve().parents[3])
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "True [] []"


_USABLE_PROBE = """
import enum, gc, inspect, json, os, sys
made, scanned = [], []
create = enum.EnumType._create_
def recording(cls, name, *args, **kwargs):
    made.append(name)
    return create(cls, name, *args, **kwargs)
enum.EnumType._create_ = recording
read_source = inspect.getsource
def watched_read(thing):
    scanned.append(getattr(thing, "__name__", "?"))
    return read_source(thing)
inspect.getsource = watched_read
leave = os._exit
def report_and_leave(status):
    built = {**sys.modules["PySide6.QtWidgets"].__dict__, **sys.modules["PySide6.QtGui"].__dict__}
    print(json.dumps({
        "enums": sorted({"GlobalColor", "PixelMetric", "ItemDataRole"} & set(made)),
        "scanned": sorted(name for name in scanned if name.startswith("realtime_gui")),
        "deferred": sorted(name for name in ("QMessageBox", "QFileDialog", "QInputDialog", "QKeySequence",
                                             "QTextCursor", "QTextDocument", "QFontDatabase") if name in built),
        "collecting": [str(gc.isenabled())],
    }), flush=True)
    leave(status)
os._exit = report_and_leave  # the probe ends the process at once, when the editors are painted
sys.argv = ["realtime-gui"]
from realtime_gui.__main__ import main
main()
"""


@pytest.fixture(scope="module")
def until_usable(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """What the window's process did up to the moment its form was usable (the start-up benchmark's mark)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REALTIME_GUI_QUIT_WHEN_USABLE": "1",
           "REALTIME_GUI_HOME": str(tmp_path_factory.mktemp("home"))}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    found = subprocess.run([sys.executable, "-c", _USABLE_PROBE], env=env, capture_output=True,
                           text=True, timeout=60, cwd=Path(__file__).resolve().parents[3])
    assert found.returncode == 0, found.stderr
    report: dict[str, list[str]] = json.loads(found.stdout.strip().splitlines()[-1])
    return report


def test_the_form_is_usable_before_the_qt_namespace_or_qstyle_is_touched(until_usable: dict[str, list[str]]) -> None:
    # Up to the moment the open configuration's editors are painted, no code names
    # the Qt namespace or QStyle, nor calls what returns or takes their enums:
    # PySide6 would build 93 enum classes for the one, a dozen for the other, tens
    # of milliseconds of a start-up that has a target. The names of a Qt enum, a
    # QStyle enum and a Qt one a form might use: none was built.
    assert until_usable["enums"] == []


def test_pyside_reads_the_source_of_none_of_our_modules_at_start_up(until_usable: dict[str, list[str]]) -> None:
    # PySide6's import hook would read each module's whole source once, looking
    # for the word "PySide6" (about 35 ms of start-up); start_up.begin answers first.
    assert until_usable["scanned"] == []


def test_the_garbage_collector_waits_until_the_window_is_complete(until_usable: dict[str, list[str]], qtbot: Any,
                                                                  store: ConfigStore, keys: ApiKeys,
                                                                  settings: QSettings, dialogs: FakeDialogs) -> None:
    # Collecting among the objects start-up makes finds nothing and costs milliseconds.
    assert until_usable["collecting"] == ["False"]
    # Once complete, the window turns it back on, what start-up made kept out of its way.
    gc.disable()
    try:
        window = MainWindow(Services(store=store, keys=keys, settings=settings, env={}), dialogs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.is_ready() and gc.isenabled(), timeout=5000)
        assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


def test_no_dialog_or_key_class_is_built_before_the_form_is_usable(until_usable: dict[str, list[str]]) -> None:
    # PySide6 builds a class, its enums included, the first time it is named:
    # QMessageBox alone costs some 7 ms, and no dialog is shown at start-up;
    # QKeySequence (with its 71 standard keys) only once the actions get their keys;
    # the text classes and the font database when text is replaced or a fixed face is asked for.
    assert until_usable["deferred"] == []


def test_the_first_frame_shows_the_names_and_the_endpoint_bar(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                              settings: QSettings, dialogs: FakeDialogs) -> None:
    saved(store, Configuration.new("A"))
    saved(store, Configuration.new("B"))
    settings.setValue("last_configuration", "B")
    window = MainWindow(Services(store=store, keys=keys, settings=settings, env={}), dialogs)
    qtbot.addWidget(window)
    # Made but never painted: only the first frame is built.
    assert not window.is_ready()
    assert window.config_list.current_name() == "B"  # the one that will be opened
    assert child(window, QPushButton, "mint").isEnabled()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Configuration", "Request preview"]
    window.finish_everything()
    assert window.bench.editing.current_name() == "B"
    assert window.tabs.widget(1) is window.bench.preview
    assert window.result_splitter.widget(1) is window.bench.result_panel
    assert child(window, QComboBox, "endpoint_selector").currentData() == "ga"


def test_the_status_bar_keeps_no_stale_message(qtbot: Any, make_window: WindowFactory, keys: ApiKeys) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        broken = local(server, "Broken")
        broken.values["speed"] = 5.0  # out of range: it opens, and Mint refuses it
        window = make_window(broken, local(server, "Fine"))
        status = window._status
        bench = window.bench
        bench.editing.select_configuration("Broken")
        bench.minting.mint()
        assert status.text().startswith("Not minted")
        # Another configuration open: the message was about the one before.
        bench.editing.select_configuration("Fine")
        assert "Not minted" not in status.text()
        bench.editing.save()
        assert status.text().startswith("Saved")
        # The first edit since the save: "Saved" is no longer true.
        edit_base_url(window, server.base_url + "/")
        assert window.isWindowModified() and not status.text().startswith("Saved")
        # A message nobody replaces goes after a while.
        mint_and_wait(qtbot, window)
        assert status.text().startswith("Minted")
        window.status_expiry.setInterval(20)  # restarts it: shorter, for the test
        qtbot.waitUntil(lambda: status.text() == "")


def test_the_actions_get_their_keys_once_the_window_is_complete(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                              settings: QSettings, dialogs: FakeDialogs) -> None:
    from PySide6.QtGui import QKeySequence

    window = MainWindow(Services(store=store, keys=keys, settings=settings, env={}), dialogs)
    qtbot.addWidget(window)
    actions = window.window_actions
    assert actions.save.shortcuts() == []  # the first frame names no QKeySequence
    window.finish_everything()
    assert actions.save.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Save)
    assert [key.toString() for key in actions.mint.shortcuts()] == ["Ctrl+Return", "Ctrl+Enter"]
    assert actions.quick_switch.shortcut() == QKeySequence("Ctrl+K")


def test_start_up_ends_even_if_completing_the_window_fails(qtbot: Any, store: ConfigStore, keys: ApiKeys,
                                                          settings: QSettings, dialogs: FakeDialogs,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from realtime_gui.ui.window.workbench import Workbench

    def broken(self: Workbench) -> None:
        raise RuntimeError("completing failed")

    monkeypatch.setattr(Workbench, "complete", broken)
    gc.disable()
    try:
        window = MainWindow(Services(store=store, keys=keys, settings=settings, env={}), dialogs)
        qtbot.addWidget(window)
        with qtbot.captureExceptions() as raised:
            window.show()
            qtbot.waitUntil(gc.isenabled, timeout=5000)
        assert [str(error) for _, error, _ in raised] == ["completing failed"]
    finally:
        gc.enable()
        gc.unfreeze()
