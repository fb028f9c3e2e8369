"""Whether there is a screen to open the window on, asked before Qt is, whose own answer misleads."""

from __future__ import annotations

import sys
from collections.abc import Mapping

__all__ = ["no_display_reason"]

_SCREENLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}


def no_display_reason(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window can't open here, in one line, or ``None`` when a display may be there.

    Without one, Qt's xcb plugin aborts with advice about a missing xcb-cursor library, which is
    not the problem.
    """
    if platform in ("win32", "darwin"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if chosen in _SCREENLESS_PLATFORMS or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return ("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); start it from a "
            "desktop session, or use the command line, which needs none: realtime-gui --help")
