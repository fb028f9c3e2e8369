"""The floor for start-up benchmarks: a bare PySide6 window holding a
20-row form, which quits after its first paint."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QSpinBox,
    QWidget,
)


class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            QApplication.quit()
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    form = QWidget()
    layout = QFormLayout(form)
    for row in range(20):
        editor: QWidget
        if row % 4 == 0:
            editor = QLineEdit("text")
        elif row % 4 == 1:
            editor = QSpinBox()
        elif row % 4 == 2:
            editor = QDoubleSpinBox()
        else:
            editor = QComboBox()
            editor.addItems(["one", "two", "three"])
        layout.addRow(f"Field {row}", editor)
    window.setCentralWidget(form)
    window.resize(1280, 820)
    watcher = QuitOnFirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
