"""Where realtime-gui keeps its files: ``$REALTIME_GUI_HOME``, else the platform's folder for settings."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["app_folder"]


def app_folder() -> Path:
    """The folder holding ``configs/`` and the keys' lock file."""
    home = os.environ.get("REALTIME_GUI_HOME")
    if home:
        return Path(home)
    import platformdirs  # imported late: only needed when no folder is given

    return platformdirs.user_config_path("realtime-gui")
