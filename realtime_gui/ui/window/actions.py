"""The window's actions: their names, texts, shortcuts and tips, apart from
what they do, and the menus and toolbar that show them.

Part of the first frame, so nothing here knows the core. What an action does
is handed in later with :meth:`WindowActions.handle`; until then a trigger
first calls ``before`` (the shell's way to finish starting) and then the handler.
Their icons come later too (``action_icons``): the toolbar starts with blank
ones of the same size, so it keeps its height when they arrive.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QMainWindow, QMenu

from realtime_gui.ui.style.enums import set_enum

__all__ = ["WindowActions"]



class Standard(str):
    """The name of a platform's standard key (``QKeySequence.StandardKey``): ``Standard("Save")``."""

    __slots__ = ()


Shortcut = str | list[str] | None  # a key ("Ctrl+K"), a Standard one, or several keys
TOOLBAR_ICON = 16  # pixels: beside the text, no taller than a line of it (the form keeps its rows)


class WindowActions:
    """Every action of the main window, an attribute each (``actions.mint``)."""

    def __init__(self, window: QMainWindow, before: Callable[[], None]) -> None:
        self._window = window
        self._before = before
        self._handlers: dict[str, Callable[[], object]] = {}
        self._named: dict[str, QAction] = {}
        self._shortcuts: dict[str, Shortcut] = {}  # installed by install_shortcuts()
        std, a = Standard, self._make
        self.new = a("new", "New", std("New"), "New configuration (Ctrl+N)")
        self.duplicate = a("duplicate", "Duplicate")
        self.rename = a("rename", "Rename…", "F2")
        self.delete = a("delete", "Delete…", std("Delete"), "Move the configuration to the trash folder (Del)")
        # Del deletes a configuration only where the list has the focus: in an editor it deletes text.
        set_enum(self.delete, "shortcutContext", "WidgetShortcut")
        self.find = a("find", "Find Field", std("Find"), "Show only the fields whose label, wire path or help "
                      "holds what you type (Ctrl+F)")
        self.filter_configs = a("filter_configs", "Filter Configurations", "Ctrl+Shift+F",
                                "Filter the configurations by name (Ctrl+Shift+F)")
        self.quick_switch = a("quick_switch", "Go to…", "Ctrl+K",
                              "Jump to a configuration or a field by typing part of its name (Ctrl+K)")
        self.import_file = a("import", "Import…", std("Open"), "Import a configuration file or a raw JSON request body")
        self.export_body = a("export_body", "Export body…")
        self.export_config = a("export_config", "Export configuration…")
        self.save = a("save", "Save", std("Save"), "Save the configuration (Ctrl+S)")
        self.quit = a("quit", "Quit", std("Quit"))
        self.copy = a("copy", "Copy secret", "Ctrl+Shift+C", "Copy the client secret (Ctrl+Shift+C)")
        self.copy.setEnabled(False)  # the result panel enables it while a live secret is shown
        self.copy_as = QMenu("Copy Request As", window)  # the workbench adds one action per language
        self.copy_as.setObjectName("menu_copy_as")
        self.mint = a("mint", "Mint", ["Ctrl+Return", "Ctrl+Enter"],
                      "Mint a client secret with this configuration (Ctrl+Enter)")
        self.check = a("check", "Check", "Ctrl+Shift+K",
                       "Mint a secret, open the Realtime socket with it and compare the session applied (Ctrl+Shift+K)")
        self.cancel = a("cancel", "Cancel", "Escape", "Cancel the mint in flight (Esc)")
        self.cancel.setEnabled(False)
        self.serve = a("serve", "Serve", None, "Serve tokens from the saved configuration to pages on this computer")
        self.serve.setCheckable(True)
        self.serve_panel = a("serve_panel", "Serving Panel", None, "Show the port, origins, address and log of Serve")
        self.serve_panel.setCheckable(True)
        self.keys = a("keys", "Keys…", None, "Manage API keys in the OS keyring")
        self.convert = a("convert", "Convert to GA", None, "Copy this beta configuration to the GA endpoint")
        self.convert.setEnabled(False)  # until a beta configuration is open
        self.convert_replace = a(
            "convert_replace", "Convert to GA, Replacing It", None,
            "Turn this beta configuration into a GA one in place; what has no GA counterpart is listed")
        self.convert_replace.setEnabled(False)
        self.about = a("about", "About realtime-gui")
        self.clear_clipboard = a("clear_clipboard", "Clear clipboard when the secret expires")
        self.clear_clipboard.setCheckable(True)
        self.preferences = a("preferences", "Preferences…", "Ctrl+,", "Defaults, timeouts, clipboard and theme")

    def install_shortcuts(self) -> None:
        """Give the actions their keys; the window does it once its form is usable
        (``QKeySequence`` is reached then: naming it builds its class and enums, milliseconds of start-up)."""
        keys = QtGui.QKeySequence
        for name, shortcut in self._shortcuts.items():
            action = self._named[name]
            if isinstance(shortcut, Standard):
                action.setShortcuts(keys.StandardKey[shortcut])
            elif isinstance(shortcut, list):
                action.setShortcuts([keys(each) for each in shortcut])
            elif shortcut is not None:
                action.setShortcuts([keys(shortcut)])
        self._shortcuts.clear()

    def named(self) -> dict[str, QAction]:
        """Every action by its name (its object name without ``action_``)."""
        return dict(self._named)

    def handle(self, name: str, handler: Callable[[], object]) -> None:
        """What the action ``name`` (its object name without ``action_``) does."""
        self._handlers[name] = handler

    def build_menus(self) -> None:
        """The menu bar and the toolbar."""
        window = self._window
        for title, actions in (
            ("&File", [self.new, self.import_file, None, self.export_body, self.export_config, None,
                       self.save, None, self.quit]),
            ("&Edit", [self.copy, self.copy_as.menuAction(), None, self.find, self.filter_configs,
                       self.quick_switch, None, self.clear_clipboard, None,
                       self.preferences]),
            ("&Mint", [self.mint, self.check, self.cancel, None, self.serve, self.serve_panel]),
            ("&Tools", [self.keys, None, self.convert, self.convert_replace]),
            ("&Help", [self.about]),
        ):
            menu = window.menuBar().addMenu(title)
            for action in actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        tools = window.addToolBar("Main")
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        set_enum(tools, "toolButtonStyle", "ToolButtonTextBesideIcon")
        tools.setIconSize(QSize(TOOLBAR_ICON, TOOLBAR_ICON))
        blank = QPixmap(TOOLBAR_ICON, TOOLBAR_ICON)
        blank.fill(QColor(0, 0, 0, 0))
        for action in (self.new, self.import_file, self.save, None, self.keys, self.convert, None, self.serve):
            if action is None:
                tools.addSeparator()
            else:
                action.setIcon(QIcon(blank))  # until action_icons gives the real one
                tools.addAction(action)

    def _make(self, name: str, text: str, shortcut: Shortcut = None, tip: str = "") -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(f"action_{name}")
        self._shortcuts[name] = shortcut
        action.setToolTip(tip or text.rstrip("…"))
        action.triggered.connect(lambda: self._run(name))
        self._window.addAction(action)
        self._named[name] = action
        return action

    def _run(self, name: str) -> None:
        self._before()  # an action can come before the handlers are given
        handler = self._handlers.get(name)
        if handler is not None:
            handler()
