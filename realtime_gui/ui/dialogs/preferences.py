"""The Preferences dialog: every declared preference, with the form's editors.

Built from :data:`~realtime_gui.core.library.preferences.PREFERENCES`, one
group per section, each setting's editor picked by its type as the form picks
them. A setting left alone keeps what it was; a blank line, an editor showing
the default, or the setting's Default button means "not set": the file keeps
only what differs. OK checks every setting, names the ones it
refuses beside them, and saves; the window then applies what changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.catalog.nodes import NOT_SET, Field
from realtime_gui.core.library.preferences import PREFERENCES, PreferenceError, Preferences
from realtime_gui.ui.form.all_editors import make_editor
from realtime_gui.ui.form.editors import EditorContext
from realtime_gui.ui.style.style import muted

__all__ = ["PreferencesDialog"]

_NO_ENDPOINT = EditorContext(endpoint_id=None, shape=None)


class _Setting:
    """One preference: its editor, and the line that says what is wrong with it."""

    def __init__(self, pref: Field, parent: QWidget) -> None:
        self.pref = pref
        self.editor = make_editor(pref, _NO_ENDPOINT, parent)
        self.editor.on_edit = self._edited
        self._loaded: Any = NOT_SET
        self._touched = False
        self.focus = self.editor.focus
        self.focus.setObjectName(f"pref.{pref.key}")
        self.focus.setToolTip(f"{pref.help}\nAllowed: {pref.type.describe()}")
        self.line = self.focus if isinstance(self.focus, QLineEdit) else None
        self.problem = QLabel(parent)
        self.problem.setProperty("role", "problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.reset = QToolButton(parent)
        self.reset.setText("Default")
        self.reset.setObjectName(f"pref.{pref.key}.reset")
        self.reset.setToolTip(f"Back to the default: {self._default_text()}")
        self.reset.clicked.connect(lambda: self.load(NOT_SET))
        self.row = QWidget(parent)
        line = QHBoxLayout(self.row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.editor.root, 1)
        line.addWidget(self.reset)

    def _default_text(self) -> str:
        return self.pref.default_note or self.pref.type.show(self.pref.default)

    def _edited(self) -> None:
        self._touched = True

    def load(self, value: Any) -> None:
        self._loaded, self._touched = value, False
        default_text = self._default_text()
        if value is NOT_SET:
            self.editor.show_default(self.pref.default, default_text)
        else:
            self.editor.load(value)
        if self.line is not None:
            self.line.setClearButtonEnabled(True)
            self.line.setPlaceholderText(default_text)

    def value(self) -> Any:
        """The value chosen; ``NOT_SET`` for the default."""
        value = self.editor.value() if self._touched else self._loaded
        if isinstance(value, str):
            value = value.strip()
        return NOT_SET if value in (NOT_SET, "", None) or value == self.pref.default else value

    def show_problem(self, text: str | None) -> None:
        self.problem.setText(f"⚠ {text}" if text else "")
        self.problem.setVisible(bool(text))


class PreferencesDialog(QDialog):
    """Edits ``preferences`` and saves them on OK; ``saved`` follows."""

    saved = Signal()

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(520)  # room for the base URL
        self.preferences = preferences
        self.settings: dict[str, _Setting] = {}
        layout = QVBoxLayout(self)
        groups: dict[str, QFormLayout] = {}
        labels: list[QLabel] = []
        for pref in PREFERENCES:
            if pref.section not in groups:
                box = QGroupBox(pref.section)
                groups[pref.section] = QFormLayout(box)
                layout.addWidget(box)
            form = groups[pref.section]
            setting = self.settings[pref.key] = _Setting(pref, self)
            setting.load(preferences.get(pref.key))
            label = QLabel(pref.label)
            labels.append(label)
            label.setToolTip(pref.help)
            label.setBuddy(setting.focus)
            form.addRow(label, setting.row)
            form.addRow("", setting.problem)
        widest = max(label.sizeHint().width() for label in labels)
        for label in labels:  # one label column across the groups
            label.setMinimumWidth(widest)
        self.where = muted(f"Kept in {preferences.path}")
        self.where.setObjectName("preferences_path")
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.failure = QLabel()
        self.failure.setProperty("role", "problem")
        self.failure.setWordWrap(True)
        self.failure.hide()
        layout.addWidget(self.failure)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Check every setting; save and close only when all are fine."""
        chosen = {key: setting.value() for key, setting in self.settings.items()}
        refused = False
        for key, value in chosen.items():
            problem = None if value is NOT_SET else self.settings[key].pref.type.check(value)
            self.settings[key].show_problem(problem and f"{problem[:1].upper()}{problem[1:]}.")
            refused = refused or problem is not None
        if refused:
            return
        for key, value in chosen.items():
            if value is NOT_SET:
                self.preferences.unset(key)
            else:
                self.preferences.set(key, value)
        try:
            self.preferences.save()
        except PreferenceError as error:
            self.failure.setText(f"⚠ {error}")
            self.failure.show()
            return
        self.saved.emit()
        super().accept()
