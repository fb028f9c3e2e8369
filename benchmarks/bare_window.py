"""The floor for start-up benchmarks: a bare PySide6 window holding a
60-row form (20 line edits, 20 combo boxes, 20 spin boxes) in a scroll area,
which ends the process once its first paint is done (``os._exit``, as the
app's start-up probes do): a usable form, at the least it can cost."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QSpinBox,
    QWidget,
)


class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: os._exit(0))  # once the paint, children included, is done
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    form = QWidget()
    layout = QFormLayout(form)
    for row in range(60):
        editor: QWidget
        if row % 3 == 0:
            editor = QLineEdit("text")
        elif row % 3 == 1:
            editor = QSpinBox()
        else:
            editor = QComboBox()
            editor.addItems(["one", "two", "three"])
        layout.addRow(f"Field {row}", editor)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(form)
    window.setCentralWidget(scroll)
    window.resize(1280, 820)
    watcher = QuitOnFirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
