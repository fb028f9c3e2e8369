"""The Import dialog: paste or open a configuration file or a raw JSON request body.

The dialog only reads and judges the text, with the core's ``read_import``
(the command line's ``configs import`` reads it the same way); adding the
configuration is ``Library.import_text``'s job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from realtime_gui.core.wire.importing import Imported, read_import
from realtime_gui.ui.style.style import monospace, muted, set_role

__all__ = ["ImportDialog"]


class ImportDialog(QDialog):
    """Paste or open a configuration file or a raw JSON request body.

    While the text can be imported, :attr:`imported` holds what it would
    give (else ``None``), and a line under the text says what it is.
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
            self._say(f"Could not read {path}: {exc}", trouble=True)
            return
        if self._name.text().strip() in ("", "Imported"):
            self._name.setText(path.stem)

    def _check(self) -> None:
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
