"""The versions of the app, Qt and Python, for ``--version`` and About.

Neither command line nor window: both ask for them. Qt's is read from
QtCore alone, and only when asked.
"""

from __future__ import annotations

import sys

__all__ = ["version_text"]


def version_text() -> str:
    """``realtime-gui X``, ``Qt X (PySide6 X)``, ``Python X``, a line each."""
    from realtime_gui import __version__

    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"Qt {qVersion()} (PySide6 {PySide6.__version__})"
    except ImportError as error:  # the command line works without Qt; say so rather than fail
        qt = f"Qt not available ({error})"
    return f"realtime-gui {__version__}\n{qt}\nPython {sys.version.split()[0]}"
