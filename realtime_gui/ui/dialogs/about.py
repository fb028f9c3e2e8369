"""The About box: the app's, Qt's and Python's versions, and where its files are.

The icon large at the left, the name as a title, the versions in a small
grid, then the places on disk, each a link that opens its folder and text
that can be selected. "Copy details" puts all of it on the clipboard as
plain text, for a bug report.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from realtime_gui.core.library.folders import app_folder
from realtime_gui.core.library.history import HISTORY_FILE
from realtime_gui.core.library.preferences import settings_path
from realtime_gui.ui.style.style import heading, muted
from realtime_gui.versions import version_text

__all__ = ["AboutBox", "about_details", "about_places", "open_about"]

_ICON_SIZE = 96
_TAGLINE = "Mint OpenAI Realtime API client secrets from a window or the command line."
OpenFolder = Callable[[Path], object]


def about_places() -> list[tuple[str, Path]]:
    """Where the app keeps its files: (what, path), each as it is on disk."""
    folder = app_folder()
    return [("Configurations", folder / "configs"), ("History", folder / HISTORY_FILE),
            ("Settings", settings_path(folder))]


def _versions() -> list[tuple[str, str]]:
    """``version_text``'s lines as (label, value): the app's version first."""
    rows = []
    for index, line in enumerate(version_text().splitlines()):
        name, _, value = line.partition(" ")
        rows.append(("Version" if index == 0 else name, value))
    return rows


def about_details() -> str:
    """Everything the box says, as plain text for the clipboard."""
    places = "\n".join(f"{name}: {path}" for name, path in about_places())
    return f"{version_text()}\n{places}\n"


def _open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _folder_of(path: Path) -> Path:
    """The folder to open for ``path``: itself if a folder, else the nearest one that exists."""
    target = path if path.is_dir() else path.parent
    while not target.is_dir() and target != target.parent:
        target = target.parent
    return target


class AboutBox(QDialog):
    """The About dialog; ``open_folder`` opens a folder in the file manager (tests replace it)."""

    def __init__(self, parent: QWidget | None = None, open_folder: OpenFolder = _open_folder) -> None:
        super().__init__(parent)
        self.setObjectName("about_box")
        self.setWindowTitle("About realtime-gui")
        self._open_folder = open_folder

        icon = QLabel()
        icon.setObjectName("about_icon")
        app_icon = QGuiApplication.windowIcon()
        if not app_icon.isNull():
            icon.setPixmap(app_icon.pixmap(_ICON_SIZE, _ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName("realtime-gui icon")

        title = heading("realtime-gui", role="title")
        title.setObjectName("about_title")
        tagline = QLabel(_TAGLINE)
        tagline.setWordWrap(True)

        # One grid for the versions and the places, so their values line up.
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        for name, value in _versions():
            row = grid.rowCount()
            grid.addWidget(muted(name), row, 0)
            grid.addWidget(self._selectable(value, f"about_version_{name.lower()}"), row, 1)
        grid.addWidget(heading("Where things live"), grid.rowCount(), 0, 1, 2,
                       Qt.AlignmentFlag.AlignBottom)
        grid.setRowMinimumHeight(grid.rowCount() - 1, 32)
        for name, path in about_places():
            link = self._selectable(f"<a href='{html.escape(str(path), quote=True)}'>{html.escape(str(path))}</a>",
                                    f"about_place_{name.lower()}")
            link.setTextFormat(Qt.TextFormat.RichText)
            link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            link.setToolTip("Open the folder" if name == "Configurations" else f"Open the folder of {path.name}")
            link.setAccessibleName(f"{name}: {path}")
            link.linkActivated.connect(lambda _href, p=path: self._open_folder(_folder_of(p)))
            row = grid.rowCount()
            grid.addWidget(muted(name), row, 0)
            grid.addWidget(link, row, 1)
        grid.setColumnStretch(1, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("about_copy")
        self.copy_button.setToolTip("Copy the versions and the places above, for a bug report")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)

        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(title)
        text.addWidget(tagline)
        text.addSpacing(8)
        text.addLayout(grid)
        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 12)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        close.setFocus()
        self.setMinimumWidth(520)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(about_details())
        self.copy_button.setText("Copied")

    @staticmethod
    def _selectable(text: str, object_name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(object_name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


def open_about(parent: QWidget, open_folder: OpenFolder = _open_folder) -> AboutBox:
    """Show the About box, window-modal; it deletes itself once closed."""
    box = AboutBox(parent, open_folder)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
