#!/usr/bin/env bash
# Build the one-folder desktop bundle: packaging/dist/realtime-gui/realtime-gui.
# Needs PyInstaller (python3 -m pip install pyinstaller) beside the app's own
# dependencies. Only the Qt modules the app imports are collected (QtCore,
# QtGui, QtWidgets, and QtSvg so the SVG icon loads); unused Qt plugins and
# translations are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
out=packaging/dist
python3 -m PyInstaller --noconfirm --clean --log-level WARN --onedir --name realtime-gui \
    --distpath "$out" --workpath packaging/build --specpath packaging/build \
    --collect-data realtime_gui \
    --collect-submodules uvicorn \
    --hidden-import PySide6.QtSvg \
    --exclude-module tkinter --exclude-module PySide6.QtNetwork --exclude-module PySide6.QtQml \
    --exclude-module PySide6.QtQuick --exclude-module PySide6.QtOpenGL \
    --exclude-module pytest --exclude-module hypothesis --exclude-module mypy --exclude-module playwright \
    packaging/launch.py
# Qt's translations: the app's texts are English only.
rm -rf "$out/realtime-gui/_internal/PySide6/Qt/translations"
echo "$out/realtime-gui/realtime-gui"
