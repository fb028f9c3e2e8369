"""The clipboard as a secret passes through it: put there marked as a password,
so clipboard managers that honour the marks keep no history of it, and taken
back when it expires (or sooner, as the preferences say) or the window quits,
if the clipboard still holds it."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

__all__ = ["CONCEALED_HINTS", "SecretClipboard"]

_NO = (0).to_bytes(4, "little")  # a DWORD 0, as Windows reads these formats
# The marks password managers put beside a secret, by platform convention; each
# is harmless where it means nothing. Qt writes an x-qt-windows-mime type as the
# Windows clipboard format it names, and the nspasteboard type as macOS's
# org.nspasteboard.ConcealedType.
CONCEALED_HINTS: dict[str, bytes] = {
    "x-kde-passwordManagerHint": b"secret",  # KDE's Klipper and the Linux managers that follow it
    "application/x-nspasteboard-concealed-type": b"secret",  # macOS managers (nspasteboard.org)
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\x01",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': _NO,  # Win+V history
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': _NO,  # cloud clipboard
}


class SecretClipboard:
    """Copies text holding a secret, and remembers each secret copied with its
    expiry so it can be taken back later, also after a newer one replaced it."""

    def __init__(self, clear_after: Callable[[], float] = lambda: 0,
                 clock: Callable[[], float] = time.time) -> None:
        """``clear_after``: seconds after copying that a secret counts as expired here, 0 for
        its own expiry only (the ``clipboard.clear_after`` preference); ``clock`` gives epoch seconds."""
        self._copied: dict[str, float | None] = {}  # secret -> epoch seconds it expires at, if known
        self._clear_after, self._clock = clear_after, clock

    def copy(self, text: str, secret: str, expires_at: float | None) -> None:
        """Put ``text`` (which holds ``secret``) on the clipboard, marked as a password."""
        after = self._clear_after()
        if after > 0:
            expires_at = min(expires_at if expires_at is not None else float("inf"), self._clock() + after)
        data = QMimeData()
        data.setText(text)
        for kind, value in CONCEALED_HINTS.items():
            data.setData(kind, value)
        QGuiApplication.clipboard().setMimeData(data)
        self._copied[secret] = expires_at

    def waiting_to_expire(self) -> bool:
        """Whether some secret copied has an expiry still to come."""
        return any(expires_at is not None for expires_at in self._copied.values())

    def forget_expired(self, now: float, clear: bool) -> None:
        """Stop remembering secrets expired by ``now``; with ``clear``, take
        each off the clipboard if it is still there."""
        for secret, expires_at in list(self._copied.items()):
            if expires_at is not None and expires_at <= now:
                del self._copied[secret]
                if clear:
                    self._take_back(secret)

    def take_back_all(self) -> None:
        """The window quits: take any secret copied off the clipboard if it is still there."""
        for secret in self._copied:
            self._take_back(secret)
        self._copied.clear()

    @staticmethod
    def _take_back(secret: str) -> None:
        clipboard = QGuiApplication.clipboard()
        if secret in clipboard.text():
            clipboard.clear()
