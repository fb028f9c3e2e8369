"""The window and the preferences: applies them at start and after the dialog, and
keeps the Edit menu's clipboard switch and the ``clipboard.clear`` preference one.

What the window takes from the preferences: the theme, the clipboard clearing,
and the connect timeout of its mint client. New configurations read them
through the core (:func:`~realtime_gui.core.library.configurations.new_configuration`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from realtime_gui.core.library.preferences import (
    CLIPBOARD_CLEAR,
    CLIPBOARD_CLEAR_AFTER,
    CONNECT_TIMEOUT,
    THEME,
    PreferenceError,
)
from realtime_gui.core.records import replace
from realtime_gui.ui.dialogs.preferences import PreferencesDialog
from realtime_gui.ui.style.theme import apply_theme
from realtime_gui.ui.window.actions import WindowActions
from realtime_gui.ui.window.services import Services

__all__ = ["PreferencesLink"]


class PreferencesLink:
    """Applies ``services.preferences`` to the window; ``tell`` shows a problem with the file."""

    def __init__(self, services: Services, actions: WindowActions, window: QWidget,
                 tell: Callable[[str], None]) -> None:
        self._services, self._actions, self._window, self._tell = services, actions, window, tell
        problems = services.preferences.problems
        if problems:  # once the first configuration is open, whose opening clears the status line
            note = problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
            QTimer.singleShot(0, window, lambda: tell(note))
        self.apply()

    def clear_after(self) -> float:
        """Seconds after copying to take a secret off the clipboard; 0: at its expiry."""
        return float(self._services.preferences.get(CLIPBOARD_CLEAR_AFTER.key))

    def apply(self) -> None:
        prefs = self._services.preferences
        apply_theme(prefs.get(THEME.key))
        self._actions.clear_clipboard.setChecked(bool(prefs.get(CLIPBOARD_CLEAR.key)))
        self._services.client = replace(self._services.client,
                                        connect_timeout=float(prefs.get(CONNECT_TIMEOUT.key)))

    def clear_clipboard_switched(self) -> None:
        """The Edit menu's switch was flipped: the preference follows, saved at once."""
        prefs = self._services.preferences
        try:
            prefs.set(CLIPBOARD_CLEAR.key, self._actions.clear_clipboard.isChecked())
            prefs.save()
        except PreferenceError as error:
            self._tell(str(error))

    def open_dialog(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self._services.preferences, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.apply)
        dialog.open()
        return dialog
