"""The Qt-free core of realtime-gui: the field declaration, request building,
validation, minting, keys and saved configurations.

Nothing under this package may import PySide6 or ``realtime_gui.ui``;
``tests/test_architecture.py`` enforces it.
"""
