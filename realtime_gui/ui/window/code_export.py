"""*Copy Request As*: the open configuration as code that mints it, one action per language.

The same actions sit in the Edit menu and behind the preview's *Copy as* button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication

from realtime_gui.core.export.languages import LANGUAGES
from realtime_gui.core.export.snippets import snippet
from realtime_gui.core.redact import scrub_error
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import validate

__all__ = ["CodeExport"]


class CodeExport:
    """Copies ``current()`` as a snippet to the clipboard and says so with ``show_status``."""

    def __init__(self, current: Callable[[], Configuration], show_status: Callable[[str], None],
                 parent: QObject) -> None:
        self._current, self._show_status = current, show_status
        self.actions: list[QAction] = []
        for language in LANGUAGES.values():
            action = QAction(language.label, parent)
            action.setObjectName(f"copy_as_{language.id}")
            action.setToolTip(f"Copy {language.label} code that mints with this configuration; "
                              "it reads the API key from the environment")
            action.triggered.connect(lambda _checked=False, lid=language.id: self.copy(lid))
            self.actions.append(action)

    def copy(self, language_id: str) -> bool:
        """Copy the snippet; False (and a word in the status bar) when the configuration can't be sent yet."""
        config = self._current()
        problems = validate(config)
        if problems:
            self._show_status(f"Not copied: {scrub_error(str(problems[0]))} Correct it first.")
            return False
        QGuiApplication.clipboard().setText(snippet(config, language_id))
        self._show_status(f"Copied the request as {LANGUAGES[language_id].label}: it reads the API key from "
                          "the environment.")
        return True
