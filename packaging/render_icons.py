"""Render the app's SVG icon as the PNG sizes of the hicolor icon theme.

The PNGs are shipped in ``realtime_gui/resources/icons/NxN/``; run this again
after changing ``realtime_gui/resources/realtime-gui.svg``:
``QT_QPA_PLATFORM=offscreen python3 packaging/render_icons.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
RESOURCES = Path(__file__).resolve().parents[1] / "realtime_gui" / "resources"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(RESOURCES / "realtime-gui.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = RESOURCES / "icons" / f"{size}x{size}" / "realtime-gui.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return 1
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
