"""The outcome of a mint, one state at a time: empty, busy minting, the
secret's card (``result_card``, live or expired), or what went wrong
(``result_pages``).

The clock is injected (a callable returning epoch seconds) so tests can move
time. The panel also keeps the clipboard clean (``secret_clipboard``): once a
secret expires, a clipboard that still holds it is cleared, if the preference
allows; when the window quits, always.

Every state can be shown without a network, as a screenshot script would:
``show_busy(name, where)``, ``show_result(result, name)`` (expired when the
clock is past ``result.expires_at``), ``show_error(error, action, go_to)``;
``clear()`` leaves an error, ``end_busy()`` a busy state.
"""

from __future__ import annotations

import json
import shlex
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import QFrame, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from realtime_gui.ui.window.countdown import countdown_text
from realtime_gui.ui.window.result_card import ResultCard
from realtime_gui.ui.window.result_pages import Action, BusyPage, EmptyPage, ErrorPage
from realtime_gui.ui.window.secret_clipboard import SecretClipboard

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from realtime_gui.core.service.errors import MintError
    from realtime_gui.core.service.mint import MintResult

__all__ = ["Action", "Clock", "ResultPanel", "countdown_text"]

Clock = Callable[[], float]
_EMPTY, _RESULT, _ERROR, _BUSY = range(4)  # the pages


class ResultPanel(QFrame):
    """Empty, minting, a minted secret, or an error: one at a time.

    Only the page shown counts towards the panel's minimum height, so the panel
    can be as small as nothing while empty and grows to what a secret or an
    error needs. ``cancel_requested`` and ``mint_again_requested`` are its
    Cancel (while busy) and Mint again (once the secret expired).
    """

    cancel_requested = Signal()
    mint_again_requested = Signal()

    def __init__(self, copy_action: QAction, clock: Clock = time.time,
                 clear_clipboard: Callable[[], bool] = lambda: True, parent: QWidget | None = None,
                 clear_after: Callable[[], float] = lambda: 0) -> None:
        """``copy_action`` copies the secret (the window's, in its Edit menu): the
        panel gives it a button and enables it while a live secret is shown."""
        super().__init__(parent)
        self.setObjectName("result_panel")
        self._clock = clock
        self._clear_clipboard = clear_clipboard
        self._result: MintResult | None = None
        self._lifetime = 0.0  # of the secret shown, from when it was shown
        self._source_name = ""
        self._error: MintError | None = None
        self._before_busy = _EMPTY  # the page a cancelled mint goes back to
        # Secrets copied, with their expiry: each is checked even after a newer result replaced it.
        self._clipboard = SecretClipboard(clear_after, clock)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.tick)

        self.copy_action = copy_action
        self.copy_action.setEnabled(False)

        self._empty = EmptyPage()
        # Empty, the panel takes no room, so its hint lives where the window
        # puts ``empty_hint`` (the status bar), shown while there is nothing here.
        self.empty_hint = self._empty.status_hint
        self.card = ResultCard(copy_action, self.copy)
        self.card.mint_again_requested.connect(self.mint_again_requested)
        self.error_page = ErrorPage()
        self.busy_page = BusyPage()
        self.busy_page.cancel_requested.connect(self.cancel_requested)

        line = QFrame(frameShape=QFrame.Shape.HLine, frameShadow=QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(line)
        self._stack = QStackedLayout()
        layout.addLayout(self._stack, 1)
        self._pages: list[QWidget] = [self._empty, self.card, self.error_page, self.busy_page]
        for page in self._pages:
            self._stack.addWidget(page)
        self._show_page(_EMPTY)

    # -- showing outcomes ---------------------------------------------------------

    def _show_page(self, shown: int) -> None:
        """Show a page; the others, and the empty one's hint, don't count towards
        the panel's size: empty, it asks for no room, which the form uses."""
        for index, page in enumerate(self._pages):
            counts = index == shown and shown != _EMPTY
            height = QSizePolicy.Policy.Preferred if counts else QSizePolicy.Policy.Ignored
            page.setSizePolicy(QSizePolicy.Policy.Preferred, height)
        self._stack.setCurrentIndex(shown)
        if self.empty_hint.parentWidget() is not None:  # placed: never a window of its own
            self.empty_hint.setVisible(shown == _EMPTY)
        self.updateGeometry()
        parent = self.parentWidget()
        if parent is not None and shown != _EMPTY:
            # Take the room now rather than on the event loop's next pass: the
            # panel may have had none, and what it shows can be used at once.
            QCoreApplication.sendPostedEvents(parent, QEvent.Type.LayoutRequest)

    def state(self) -> str:
        """``empty``, ``busy``, ``result``, ``expired`` or ``error``: what the panel shows."""
        shown = self._stack.currentIndex()
        if shown == _RESULT and self.card.is_expired():
            return "expired"
        return ("empty", "result", "error", "busy")[shown]

    def show_busy(self, name: str, where: str = "") -> None:
        """A mint of the configuration ``name`` is on its way to ``where`` (``POST https://…``)."""
        if self._stack.currentIndex() != _BUSY:
            self._before_busy = self._stack.currentIndex()
        self.busy_page.start(name, where)
        self._show_page(_BUSY)
        self.copy_action.setEnabled(False)

    def busy_for(self, seconds: float) -> None:
        """The mint in flight has taken ``seconds`` so far."""
        self.busy_page.show_elapsed(seconds)

    def end_busy(self) -> None:
        """The mint ended without an outcome to show (cancelled): back to what was shown before."""
        if self._stack.currentIndex() == _BUSY:
            self._show_page(self._before_busy)
            self._restart()

    def show_result(self, result: MintResult, source: str = "") -> None:
        """Show ``result``, minted with the configuration named ``source``."""
        self._result, self._error, self._source_name = result, None, source
        now = self._clock()
        self._lifetime = max(result.expires_at - now, 1.0) if result.expires_at is not None else 0.0
        self.card.show_result(result, source)
        self._show_page(_RESULT)
        self._restart()

    def show_error(self, error: MintError, action: Action | None = None, go_to: Action | None = None) -> None:
        """Show ``error`` with its remedy ``action`` and ``go_to``, the label of the
        field it names and what focuses that field's editor (its button reads “Go to …”)."""
        self._error = error
        self.error_page.show_error(error, action, go_to)
        self._show_page(_ERROR)
        self.copy_action.setEnabled(False)

    def clear(self) -> None:
        """Leave an error shown: back to the last secret, or to the empty page."""
        self._error = None
        back = _EMPTY if self._result is None else _RESULT
        if self._stack.currentIndex() == _BUSY:  # the mint goes on; a cancel goes back there
            self._before_busy = back
            return
        self._show_page(back)
        self._restart()

    def _restart(self) -> None:
        self.tick()
        if self._result is not None:
            self._ticker.start()

    def current_result(self) -> MintResult | None:
        return self._result

    def current_source(self) -> str:
        """The name of the configuration the result shown was minted with."""
        return self._source_name

    def current_error(self) -> MintError | None:
        return self._error if self._stack.currentIndex() == _ERROR else None

    # -- copying and expiry -------------------------------------------------------

    def copy(self, what: str = "secret") -> None:
        """Copy the secret: ``secret`` alone, an ``export`` line, or the ``json`` response."""
        result = self._result
        if result is None:
            return
        text = {
            "secret": result.value,
            "export": f"export OPENAI_CLIENT_SECRET={shlex.quote(result.value)}",
            "json": json.dumps(result.response, indent=2, ensure_ascii=False),
        }[what]
        self._clipboard.copy(text, result.value, result.expires_at)
        if self._clipboard.waiting_to_expire():
            self._ticker.start()

    def take_back_clipboard(self) -> None:
        """The window quits: a clipboard that still holds a secret copied from here is cleared."""
        self._clipboard.take_back_all()

    def tick(self) -> None:
        """Update the countdown and clear the clipboard of expired secrets."""
        now = self._clock()
        result = self._result
        if result is not None:
            left = None if result.expires_at is None else result.expires_at - now
            self.card.show_time(left, self._lifetime)
        self.copy_action.setEnabled(self._showing_live_secret())
        self._clipboard.forget_expired(now, clear=self._clear_clipboard())
        if not self._clipboard.waiting_to_expire() and not self._showing_live_secret():
            self._ticker.stop()

    def _showing_live_secret(self) -> bool:
        result = self._result
        if result is None or self._stack.currentIndex() != _RESULT:
            return False
        return result.expires_at is None or result.expires_at > self._clock()
