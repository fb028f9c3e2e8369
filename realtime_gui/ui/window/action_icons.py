"""The icons of the window's actions and of the app.

An action shows the desktop theme's icon where the theme has one of the
freedesktop names listed for it, so the window looks at home on each desktop;
otherwise our own line drawing, ``resources/icons/actions/<action>.svg``, in a
neutral grey that reads on light and dark. Every action has one of ours, so
no platform is left with gaps.

Drawing SVG loads Qt's SVG plugin, which the first frame does without: the
workbench calls :func:`show_icons` once the window is usable.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton, QWidget

from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.window.actions import WindowActions

__all__ = ["ACTIONS_FOLDER", "APP_ICON", "THEME_NAMES", "action_icon", "app_icon", "show_icons"]

_RESOURCES = Path(__file__).resolve().parents[2] / "resources"
ACTIONS_FOLDER = _RESOURCES / "icons" / "actions"
APP_ICON = _RESOURCES / "realtime-gui.svg"

# Each action's freedesktop icon names, the first the theme has wins; none: always ours.
# A name a theme might draw as something else (Adwaita's system-run is a gear) is left out.
THEME_NAMES: dict[str, tuple[str, ...]] = {
    "new": ("document-new",),
    "duplicate": ("edit-duplicate",),
    "rename": ("edit-rename",),
    "delete": ("edit-delete",),
    "find": ("edit-find",),
    "filter_configs": ("view-filter",),
    "quick_switch": ("go-jump",),
    "import": ("document-import", "document-open"),
    "export_body": ("document-export",),
    "export_config": ("document-save-as",),
    "save": ("document-save",),
    "quit": ("application-exit",),
    "copy": ("edit-copy",),
    "copy_as": (),
    "mint": (),
    "check": (),
    "cancel": ("process-stop",),
    "serve": ("network-server",),
    "serve_panel": (),
    "keys": ("dialog-password",),
    "convert": (),
    "convert_replace": (),
    "about": ("help-about",),
    "clear_clipboard": ("edit-clear",),
    "preferences": ("preferences-system",),
}


def action_icon(name: str) -> QIcon:
    """The icon of the action ``name``: the theme's, else ours."""
    for theme_name in THEME_NAMES.get(name, ()):
        if QIcon.hasThemeIcon(theme_name):
            return QIcon.fromTheme(theme_name)
    return QIcon(str(ACTIONS_FOLDER / f"{name}.svg"))


def app_icon() -> QIcon:
    """The app's own icon, as the launcher shows it."""
    return QIcon(str(APP_ICON))


def show_icons(actions: WindowActions, window: QWidget) -> None:
    """Give every action of ``actions`` its icon and the application its own
    (the title bar, the dialogs, About); tool buttons outside the toolbar that
    show one of the actions keep their text alone."""
    if QApplication.windowIcon().isNull():
        QApplication.setWindowIcon(app_icon())
    named = actions.named()
    for name, action in named.items():
        action.setIcon(action_icon(name))
    actions.copy_as.menuAction().setIcon(action_icon("copy_as"))
    _keep_text(window.findChildren(QToolButton), set(named.values()))


def _keep_text(buttons: Iterable[QToolButton], ours: set[QAction]) -> None:
    # A tool button shows only the icon once its action has one. Those outside the
    # toolbar (the list's New and Import) were made to be read, and narrow: they keep
    # their text alone, so the side bar keeps its width and the form its room at 800x600.
    for button in buttons:
        if button.defaultAction() in ours and not isinstance(button.parentWidget(), QToolBar):
            set_enum(button, "toolButtonStyle", "ToolButtonTextOnly")
