#!/usr/bin/env bash
# Build the one-folder desktop bundle: packaging/dist/realtime-gui/realtime-gui.
#
# One command, from anywhere: packaging/build.sh. It makes a clean virtual
# environment (packaging/build/venv) holding only the app, its dependencies and
# PyInstaller, so nothing else installed on the machine ends up in the bundle.
# Only the Qt modules the app imports are collected (QtCore, QtGui, QtWidgets,
# and QtSvg so the SVG icons load); Qt plugins for embedded displays and
# Qt's translations (the app speaks English only) are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
out=packaging/dist
work=packaging/build
venv=$work/venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade . "pyinstaller>=6.10"
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN --onedir --name realtime-gui \
    --distpath "$out" --workpath "$work" --specpath "$work" \
    --collect-data realtime_gui \
    --collect-submodules uvicorn \
    --hidden-import PySide6.QtSvg \
    --exclude-module tkinter \
    packaging/launch.py
qt="$out/realtime-gui/_internal/PySide6/Qt"
rm -rf "$qt/translations" "$qt/plugins/egldeviceintegrations" "$qt/plugins/generic" \
    "$qt/plugins/platforms/"lib{qeglfs,qlinuxfb,qvnc,qvkkhrdisplay,qminimalegl}.so \
    "$qt/lib/"libQt6EglFs*.so.6 "$qt/lib/"libQt6EglFSDeviceIntegration.so.6
echo "$out/realtime-gui/realtime-gui"
