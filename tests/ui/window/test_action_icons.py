"""The actions' icons: the theme's where it has one, our own drawings otherwise, set once the window is usable."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QIcon, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QToolBar, QToolButton
from ui_support import FakeDialogs, WindowFactory, child

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.ui.shell.frame import MainWindow
from realtime_gui.ui.window.action_icons import ACTIONS_FOLDER, THEME_NAMES, action_icon
from realtime_gui.ui.window.services import Services

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

_DRAWINGS = sorted(ACTIONS_FOLDER.glob("*.svg"))


@pytest.fixture
def icon_theme(qapp: Any) -> Iterator[None]:
    """Puts the icon theme back as it was after a test that changes it."""
    name, paths, fallback = QIcon.themeName(), QIcon.themeSearchPaths(), QIcon.fallbackThemeName()
    yield
    QIcon.setThemeSearchPaths(paths)
    QIcon.setFallbackThemeName(fallback)
    QIcon.setThemeName(name)


def _image(icon: QIcon) -> QImage:
    return icon.pixmap(24, 24).toImage()


def test_every_action_has_an_icon_once_the_window_is_complete(make_window: WindowFactory) -> None:
    window = make_window()
    actions = window.window_actions.named()
    assert len(actions) > 20
    missing = [name for name, action in actions.items() if action.icon().isNull()]
    assert missing == []
    assert not window.window_actions.copy_as.menuAction().icon().isNull()
    assert not window.windowIcon().isNull()


def test_every_action_has_a_drawing_of_ours_and_a_line_in_the_theme_table(make_window: WindowFactory) -> None:
    names = set(make_window().window_actions.named()) | {"copy_as"}
    assert set(THEME_NAMES) == names
    assert {path.stem for path in _DRAWINGS} == names


@pytest.mark.parametrize("drawing", _DRAWINGS, ids=lambda path: path.stem)
def test_each_drawing_is_valid_svg_that_draws_something(qapp: Any, drawing: Path) -> None:
    renderer = QSvgRenderer(str(drawing))
    assert renderer.isValid()
    assert renderer.viewBox().width() == renderer.viewBox().height() == 24
    image = _image(QIcon(str(drawing)))
    assert not image.isNull()
    painted = sum(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24))
    assert 20 < painted < 24 * 24 / 2, "a line drawing: some pixels, mostly empty"


def test_our_drawing_stands_in_when_the_theme_has_none(icon_theme: None) -> None:
    QIcon.setThemeSearchPaths([])
    QIcon.setFallbackThemeName("")
    QIcon.setThemeName("")
    for name in ("new", "save", "mint", "keys"):
        icon = action_icon(name)
        assert icon.name() == ""  # not one of a theme's
        assert _image(icon) == _image(QIcon(str(ACTIONS_FOLDER / f"{name}.svg"))), name


def test_the_theme_icon_wins_where_the_theme_has_one(tmp_path: Path, icon_theme: None) -> None:
    theme = tmp_path / "testtheme"
    (theme / "24x24" / "actions").mkdir(parents=True)
    (theme / "index.theme").write_text("[Icon Theme]\nName=testtheme\nDirectories=24x24/actions\n\n"
                                       "[24x24/actions]\nSize=24\nType=Fixed\n")
    square = QImage(24, 24, QImage.Format.Format_ARGB32)
    square.fill(Qt.GlobalColor.red)
    assert square.save(str(theme / "24x24" / "actions" / "document-new.png"))
    QIcon.setThemeSearchPaths([str(tmp_path)])
    QIcon.setThemeName("testtheme")
    assert action_icon("new").name() == "document-new"
    assert action_icon("save").name() == ""  # the theme has no document-save: ours


def test_the_toolbar_shows_text_beside_icons_and_keeps_its_height(
        qtbot: Any, store: ConfigStore, keys: ApiKeys, settings: QSettings, dialogs: FakeDialogs) -> None:
    window = MainWindow(Services(store=store, keys=keys, settings=settings, env={}), dialogs)
    qtbot.addWidget(window)
    toolbar = child(window, QToolBar, "main_toolbar")
    first_frame = toolbar.sizeHint().height()
    window.finish_everything()
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert toolbar.sizeHint().height() == first_frame  # the blank icons held the room
    new = toolbar.widgetForAction(window.window_actions.new)
    assert isinstance(new, QToolButton) and new.text() == "New" and not new.icon().isNull()
    # The list's own buttons keep their words alone: the side bar keeps its width.
    listed = child(window, QToolButton, "new_button")
    assert listed.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly


_SVG_PROBE = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["realtime-gui"])
from realtime_gui.ui.shell.app import default_services
from realtime_gui.ui.shell.frame import MainWindow
def svg_loaded():
    return "libQt6Svg" in Path("/proc/self/maps").read_text()
window = MainWindow(default_services())
early = []
class AtFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if not early and event.type() == QEvent.Type.Paint:
            early.append(svg_loaded())
        return False
watcher = AtFirstPaint()
window.installEventFilter(watcher)
window.show()
waited = []
def done():
    waited.append(1)
    if not window.is_ready() and len(waited) < 400:
        QTimer.singleShot(50, done)
        return
    print(early[0], svg_loaded())
    app.quit()
QTimer.singleShot(50, done)
app.exec()
"""


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="reads the loaded libraries from /proc")
def test_no_svg_is_read_before_the_first_paint(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REALTIME_GUI_HOME": str(tmp_path)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    found = subprocess.run([sys.executable, "-c", _SVG_PROBE], env=env, capture_output=True, text=True,
                           timeout=60, cwd=Path(__file__).resolve().parents[3])
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == ["False", "True"]  # loaded, but only once the window was complete
