"""Waiting for the keyring without freezing the window.

Saving a configuration whose MCP token was just typed moves the token into
the keyring before the file is written, and the caller (Save, a switch that
saves first, closing) needs the outcome before it goes on. The keyring may
take long: a slow D-Bus, a locked collection waiting for its unlock prompt.
So :meth:`KeyringWait.call` runs the work on a worker and waits with the event
loop running: the window keeps painting and its timers and other workers go
on, while the user's clicks and keys are held back so nothing starts twice.
Should the wait last, a dialog says what it waits for and offers to stop
waiting; the caller then hears :class:`StoppedWaiting` and keeps the edits.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from realtime_gui.core.library.secrets import holds_plain_secrets
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.core.wire.configuration import Configuration

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

    from realtime_gui.ui.window.worker import Pool, TaskRunner

__all__ = ["KeyringWait", "StoppedWaiting"]

_T = TypeVar("_T")
_PROMPT_AFTER_MS = 400  # a keyring that answers at once never shows the dialog


class StoppedWaiting(KeyringUnavailableError):
    """The user stopped waiting for a keyring that did not answer; nothing was saved."""

    def __init__(self) -> None:
        super().__init__("it did not answer and you stopped waiting",
                         advice="Your edits are kept. Unlock the keyring if it asks, then save again.")


def _hold_input(allowed: Callable[[], QWidget | None]) -> QObject:
    """A filter that drops the user's input to every window but ``allowed()`` while a wait lasts."""
    return _hold_input_type()(allowed)


@functools.cache
def _hold_input_type() -> Callable[[Callable[[], QWidget | None]], QObject]:
    """The filter's class, made on first use: the window's first frame never pays for Qt's event enums."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QWidget

    held = frozenset({
        QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
        QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.Drop, QEvent.Type.Close,
    })

    class HoldInput(QObject):
        def __init__(self, allowed: Callable[[], QWidget | None]) -> None:
            super().__init__()
            self._allowed = allowed

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() not in held:
                return False
            allowed = self._allowed()
            if allowed is not None:
                if isinstance(watched, QWidget) and watched.window() is allowed:
                    return False
                if isinstance(watched, QWindow) and watched is allowed.windowHandle():
                    return False
            if event.type() == QEvent.Type.Close:
                if not isinstance(watched, (QWidget, QWindow)) or not event.spontaneous():
                    return False  # the program's own closes (a dialog) go on
                event.ignore()
            return True

    return HoldInput


class KeyringWait:
    """Runs keyring work off the UI thread, one piece at a time, and waits for it.

    ``window`` parents the dialog shown when a wait lasts; ``show_status`` says what is waited for.
    """

    def __init__(self, pool: Pool | None, window: QWidget | None, show_status: Callable[[str], None]) -> None:
        self._pool, self._window, self._show_status = pool, window, show_status
        self._runner: TaskRunner | None = None
        self._busy = False
        self._after: list[Callable[[], object]] = []

    def busy(self) -> bool:
        """Whether a wait is under way (the window must not start another piece of work meanwhile)."""
        return self._busy

    def after(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the wait under way has ended (at once when there is none)."""
        if self._busy:
            self._after.append(then)
        else:
            then()

    def saving(self, config: Configuration, function: Callable[[], _T], doing: str) -> _T:
        """``function()`` that saves ``config``: through :meth:`call` when ``config`` holds
        secrets it moves into the keyring, else at once (the keyring isn't asked)."""
        if not holds_plain_secrets(config):
            return function()
        return self.call(function, doing)

    def call(self, function: Callable[[], _T], doing: str) -> _T:
        """``function()``, run on a worker; returns what it returns or raises what it raised,
        or :class:`StoppedWaiting`. ``doing`` says what for: "Saving “Docs”"."""
        if self._busy:
            raise RuntimeError("a keyring wait is already under way")
        from PySide6.QtCore import QEventLoop, Qt, QTimer
        from PySide6.QtWidgets import QApplication, QProgressDialog

        from realtime_gui.ui.window.worker import TaskRunner

        if self._runner is None:
            self._runner = TaskRunner(self._pool, self._window)
        runner = self._runner
        loop = QEventLoop()
        outcome: list[Any] = []
        task_id = -1

        def done(finished_id: int, result: object, error: object) -> None:
            if finished_id == task_id and not outcome:
                outcome.extend((result, error))
                loop.quit()

        def stop() -> None:
            if not outcome:
                outcome.extend((None, StoppedWaiting()))
                loop.quit()

        prompt: list[QProgressDialog] = []
        hold = _hold_input(lambda: prompt[0] if prompt else None)

        def show_prompt() -> None:
            if outcome:
                return
            dialog = QProgressDialog(f"{doing}: waiting for the keyring. If it asks to be unlocked, "
                                     "answer it; or stop waiting and keep your edits.", "Stop Waiting", 0, 0,
                                     self._window)
            dialog.setObjectName("keyring_wait")
            dialog.setWindowTitle("Waiting for the keyring")
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(stop)
            prompt.append(dialog)
            dialog.show()

        app = QApplication.instance()
        self._busy = True
        runner.finished.connect(done)
        if app is not None:
            app.installEventFilter(hold)
        timer = QTimer(singleShot=True, interval=_PROMPT_AFTER_MS)
        timer.timeout.connect(show_prompt)
        try:
            self._show_status(f"{doing}: waiting for the keyring…")
            task_id = runner.start(function)
            timer.start()
            if not outcome:
                loop.exec()
        finally:
            timer.stop()
            runner.finished.disconnect(done)
            if app is not None:
                app.removeEventFilter(hold)
            for dialog in prompt:
                dialog.close()
                dialog.deleteLater()
            self._busy = False
            self._show_status("")
            after, self._after = self._after, []
            for then in after:
                QTimer.singleShot(0, then)
        result, error = outcome
        if isinstance(error, BaseException):
            raise error
        return result  # type: ignore[no-any-return]
