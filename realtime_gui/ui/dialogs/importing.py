"""The Import dialog: paste or open a configuration file or a raw JSON request body.

The dialog only reads and judges the text, with the core's ``read_import``
(the command line's ``configs import`` reads it the same way); adding the
configuration is ``Library.import_text``'s job. Typing is judged once the
text settles, not at every keystroke: reading a large body takes a while.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.wire.importing import Imported, read_import
from realtime_gui.ui.style.style import monospace, muted, set_role

__all__ = ["SETTLE_MS", "ImportDialog"]

SETTLE_MS = 250  # typing pauses this long before the text is judged


class ImportDialog(QDialog):
    """Paste or open a configuration file or a raw JSON request body.

    Once the text is judged, :attr:`imported` holds what it would give if
    it can be imported (else ``None``), and a line under the text says what
    it is. Text set or opened at once is judged at once; typed text once it
    settles, or on Import.
    """

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
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._check)
        self._text.textChanged.connect(self._settle.start)
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
        self._check()

    def accept(self) -> None:
        if self._settle.isActive():  # Enter pressed while typing: judge what was typed first
            self._check()
        if self.imported is not None:
            super().accept()

    def name(self) -> str:
        return self._name.text().strip()

    def _load_file(self) -> None:
        path = self._open_path()
        if path is None:
            return
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self._say(f"Could not read {path}: {exc}", trouble=True)
            return
        if self._name.text().strip() in ("", "Imported"):
            self._name.setText(path.stem)
        self.set_text(text)

    def _check(self) -> None:
        self._settle.stop()
        self.imported = None
        text = self._text.toPlainText()
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not text.strip():
            self._say("")
            ok.setEnabled(False)
            return
        try:
            self.imported = read_import(text, self.name() or "Imported")
        except ValueError as exc:
            self._say(f"Can't import this: {exc}", trouble=True)
            ok.setEnabled(False)
            return
        left_out = len(self.imported.unknown) + len(self.imported.problems)
        note = f"; {left_out} part(s) will be left out" if left_out else ""
        self._say(f"This is {self.imported.kind}{note}.")
        ok.setEnabled(True)

    def _say(self, text: str, trouble: bool = False) -> None:
        self._verdict.setText(text)
        set_role(self._verdict, "problem" if trouble else "muted")
