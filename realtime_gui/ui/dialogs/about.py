"""The About box: the app's, Qt's and Python's versions, and where its files are."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from realtime_gui.core.library.folders import app_folder
from realtime_gui.core.library.preferences import settings_path
from realtime_gui.versions import version_text

__all__ = ["HISTORY_FILE", "about_text", "open_about"]

HISTORY_FILE = "history.sqlite3"  # the mint history's database, in the app folder


def about_text() -> str:
    """The box's rich text: versions, then the folders and files, each path as it is on disk."""
    app, *others = version_text().splitlines()
    folder = app_folder()
    places = (("Configurations", folder / "configs"), ("History", folder / HISTORY_FILE),
              ("Settings", settings_path(folder)))
    cell = "<td style='white-space: nowrap'>"  # a path broken over lines can't be copied whole
    rows = "".join(f"<tr><td>{name}&nbsp;</td>{cell}<code>{html.escape(str(path))}</code></td></tr>"
                   for name, path in places)
    return (f"<b>{html.escape(app)}</b><p>Mint OpenAI Realtime API client secrets from a window or the command "
            f"line.</p><p>{'<br>'.join(html.escape(line) for line in others)}</p><table>{rows}</table>")


def open_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, "About realtime-gui", about_text(), parent=parent)
    box.setObjectName("about_box")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    icon = QGuiApplication.windowIcon()
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(64, 64))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
