"""The saved configurations: a filterable list, and the Import dialog.

The list shows names only (``ConfigStore.list`` opens no files), so it fills
at once even with hundreds of configurations. It does not decide anything:
selecting a row emits ``selection_requested`` and the window, which may ask
about unsaved changes first, answers with :meth:`ConfigList.select`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from ..core.body import detect_endpoint, import_body
from ..core.config import Configuration
from ..core.declaration import endpoint
from ..core.types import parse_json_text
from .style import monospace, muted

__all__ = ["ConfigList", "ImportDialog", "Imported", "read_import"]

_NAME_ROLE = Qt.ItemDataRole.UserRole
_UNSAVED_MARK = " •"


class ConfigList(QWidget):
    """Names, a filter and the buttons of the given actions."""

    selection_requested = Signal(str)

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("config_panel")
        self._filter = QLineEdit()
        self._filter.setObjectName("config_filter")
        self._filter.setPlaceholderText("Filter configurations")
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._apply_filter)
        self._list = QListWidget()
        self._list.setObjectName("config_list")
        self._list.setUniformItemSizes(True)  # keeps 500 rows as cheap as 5
        self._list.currentItemChanged.connect(self._current_changed)
        self._list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._list.addActions(list(actions))
        self._dirty: str | None = None

        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setObjectName(action.objectName().removeprefix("action_") + "_button")
            button.setAutoRaise(True)
            buttons.addWidget(button)
        buttons.addStretch(1)

        title = QLabel("Configurations")
        title.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(title)
        layout.addWidget(self._filter)
        layout.addWidget(self._list, 1)
        layout.addLayout(buttons)

    def set_names(self, names: Sequence[str], select: str | None = None) -> None:
        """Replace the rows; selects ``select`` without emitting anything."""
        with QSignalBlocker(self._list):
            self._list.clear()
            for name in names:
                item = QListWidgetItem(name)
                item.setData(_NAME_ROLE, name)
                self._list.addItem(item)
        self._apply_filter(self._filter.text())
        if select is not None:
            self.select(select)
        if self._dirty is not None:
            self.set_unsaved(self._dirty, True)

    def names(self) -> list[str]:
        return [self._list.item(i).data(_NAME_ROLE) for i in range(self._list.count())]

    def select(self, name: str | None) -> None:
        """Make ``name`` the current row without emitting ``selection_requested``."""
        with QSignalBlocker(self._list):
            item = self._item(name) if name is not None else None
            self._list.setCurrentItem(item)
            if item is not None:
                self._list.scrollToItem(item)

    def current_name(self) -> str | None:
        item = self._list.currentItem()
        return item.data(_NAME_ROLE) if item is not None else None

    def set_unsaved(self, name: str, unsaved: bool) -> None:
        """Mark ``name`` as having unsaved changes (only one row ever is)."""
        if self._dirty is not None and (item := self._item(self._dirty)):
            self._decorate(item, False)
        self._dirty = name if unsaved else None
        if unsaved and (item := self._item(name)):
            self._decorate(item, True)

    def focus_filter(self) -> None:
        self._filter.setFocus()
        self._filter.selectAll()

    def _item(self, name: str) -> QListWidgetItem | None:
        found = self._list.findItems(name, Qt.MatchFlag.MatchExactly)
        found += self._list.findItems(name + _UNSAVED_MARK, Qt.MatchFlag.MatchExactly)
        return next((i for i in found if i.data(_NAME_ROLE) == name), None)

    @staticmethod
    def _decorate(item: QListWidgetItem, unsaved: bool) -> None:
        name = item.data(_NAME_ROLE)
        item.setText(name + _UNSAVED_MARK if unsaved else name)
        font = QFont(item.font())
        font.setItalic(unsaved)
        item.setFont(font)
        item.setToolTip("Unsaved changes (Ctrl+S saves)" if unsaved else "")

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self._list.count()):
            item = self._list.item(i)
            item.setHidden(bool(needle) and needle not in item.data(_NAME_ROLE).casefold())

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.selection_requested.emit(current.data(_NAME_ROLE))


# --- import -----------------------------------------------------------------------

@dataclass
class Imported:
    """A configuration read from pasted or loaded text, and what was left out."""

    configuration: Configuration
    kind: str  # what the text was, in words
    unknown: list[str] = field(default_factory=list)  # wire paths no field declares
    problems: list[str] = field(default_factory=list)  # values that could not be read


def read_import(text: str, name: str) -> Imported:
    """A configuration from an exported configuration file or a raw request body.

    Raises ``ValueError`` saying what is wrong with the text.
    """
    document = parse_json_text(text)
    if isinstance(document, dict) and "values" in document and "format" in document:
        return Imported(Configuration.from_document(document, name), "a realtime-gui configuration file")
    endpoint_id = detect_endpoint(document)
    result = import_body(document, endpoint_id)
    return Imported(result.configuration(name), f"a request body for {endpoint(endpoint_id).label}",
                    result.unknown, result.problems)


class ImportDialog(QDialog):
    """Paste or open a configuration file or a raw JSON request body."""

    def __init__(self, suggested_name: str, open_path: Callable[[], Path | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import configuration")
        self.setObjectName("import_dialog")
        self.resize(640, 520)
        self._open_path = open_path
        self.imported: Imported | None = None

        self._name = QLineEdit(suggested_name)
        self._name.setObjectName("import_name")
        self._text = QPlainTextEdit()
        self._text.setObjectName("import_text")
        self._text.setFont(monospace())
        self._text.setPlaceholderText('{"session": {"type": "realtime", "model": "gpt-realtime", ...}}')
        self._text.textChanged.connect(self._check)
        self._verdict = muted()
        self._verdict.setObjectName("import_verdict")
        open_file = QPushButton("Open file…")
        open_file.clicked.connect(self._load_file)
        top = QHBoxLayout()
        top.addWidget(muted("Paste a raw request body (as you would send it with curl) or an "
                            "exported configuration, or open a file."), 1)
        top.addWidget(open_file)
        form = QFormLayout()
        form.addRow("Name:", self._name)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                         | QDialogButtonBox.StandardButton.Cancel)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._verdict)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        self._check()

    def set_text(self, text: str) -> None:
        self._text.setPlainText(text)

    def name(self) -> str:
        return self._name.text().strip()

    def _load_file(self) -> None:
        path = self._open_path()
        if path is None:
            return
        try:
            self._text.setPlainText(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            self._verdict.setText(f"Could not read {path}: {exc}")
            return
        if self._name.text().strip() in ("", "Imported"):
            self._name.setText(path.stem)

    def _check(self) -> None:
        self.imported = None
        text = self._text.toPlainText()
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not text.strip():
            self._verdict.setText("")
            ok.setEnabled(False)
            return
        try:
            self.imported = read_import(text, self.name() or "Imported")
        except ValueError as exc:
            self._verdict.setText(f"Can't import this: {exc}")
            ok.setEnabled(False)
            return
        left_out = len(self.imported.unknown) + len(self.imported.problems)
        note = f"; {left_out} part(s) will be left out" if left_out else ""
        self._verdict.setText(f"This is {self.imported.kind}{note}.")
        ok.setEnabled(True)
