"""The outcome of a mint: the secret with its countdown, or what went wrong.

The clock is injected (a callable returning epoch seconds) so tests can move
time. The panel also keeps the clipboard clean (``secret_clipboard``): once a
secret expires, a clipboard that still holds it is cleared, if the preference
allows; when the window quits, always.
"""

from __future__ import annotations

import json
import shlex
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.ui.style.style import ElidedLabel, heading, monospace, set_role, set_state
from realtime_gui.ui.window.secret_clipboard import SecretClipboard

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from realtime_gui.core.service.errors import MintError
    from realtime_gui.core.service.mint import MintResult

__all__ = ["Clock", "ResultPanel", "countdown_text"]

Clock = Callable[[], float]
Action = tuple[str, Callable[[], None]]  # a button's text and what it does
_MARGINS = (12, 8, 12, 8)  # of each page: left, top, right, bottom
_EMPTY, _RESULT, _ERROR = range(3)  # the pages
_DETAILS_LINES = 6  # the error details, opened, show at least this many lines
# The facts under the secret: (key, label) by column; the long ids on the left.
_FACTS = ((("session", "Session"), ("request", "Request id")),
          (("model", "Model"), ("elapsed", "Elapsed"), ("expires", "Expires at")))


def countdown_text(seconds_left: float) -> str:
    """``expires in 9:58`` (or ``1:02:03``), ``EXPIRED`` once past."""
    if seconds_left <= 0:
        return "EXPIRED"
    total = int(seconds_left)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    return f"expires in {clock}"


def _toggle(text: str, content: QWidget, object_name: str) -> QToolButton:
    """A button that shows or hides ``content``, which starts hidden.

    Put ``content`` in the layout with stretch 1 and end the layout with
    ``addStretch(0)``: the spacer takes the room while ``content`` is hidden.
    """
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setAutoRaise(True)
    button.setObjectName(object_name)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def show(open_: bool) -> None:
        button.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        content.setVisible(open_)

    button.toggled.connect(show)
    show(False)
    return button


def _json_view(object_name: str) -> QPlainTextEdit:
    view = QPlainTextEdit(readOnly=True)
    view.setObjectName(object_name)
    view.setFont(monospace())
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    return view


def _page(object_name: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A page of the panel, with the margins they share."""
    page = QFrame()
    page.setObjectName(object_name)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(*_MARGINS)
    return page, layout


class ResultPanel(QFrame):
    """Empty, a minted secret, or an error: one at a time.

    Only the page shown counts towards the panel's minimum height, so the panel
    can be as small as nothing while empty and grows to what a secret or an
    error needs.
    """

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
        self._source_name = ""
        self._error: MintError | None = None
        self._action: Callable[[], None] | None = None
        # Secrets copied, with their expiry: each is checked even after a newer result replaced it.
        self._clipboard = SecretClipboard(clear_after, clock)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.tick)

        self.copy_action = copy_action
        self.copy_action.setEnabled(False)

        line = QFrame(frameShape=QFrame.Shape.HLine, frameShadow=QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(line)
        self._stack = QStackedLayout()
        layout.addLayout(self._stack, 1)
        self._pages = [self._build_empty(), self._build_result(), self._build_error()]
        for page in self._pages:
            self._stack.addWidget(page)
        self._show_page(_EMPTY)

    # -- pages -----------------------------------------------------------------

    def _build_empty(self) -> QWidget:
        # Empty, the panel takes no room, so its hint lives where the window
        # puts ``empty_hint`` (the status bar), shown while there is nothing here.
        self.empty_hint = ElidedLabel("No client secret yet: Mint (Ctrl+Enter) makes one from the open "
                                      "configuration.", role="muted")
        self.empty_hint.setObjectName("result_empty")
        self.empty_hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.empty_hint.setMinimumWidth(16)  # all of it where there is room, elided where not
        return _page()[0]

    def _build_result(self) -> QWidget:
        page, layout = _page("result_view")
        self._countdown = QLabel()
        self._countdown.setObjectName("expires_countdown")
        # Which configuration minted it: the secret stays shown when another is opened.
        self._source = ElidedLabel(role="muted")
        self._source.setObjectName("result_source")
        top = QHBoxLayout()
        top.addWidget(heading("Client secret"))
        top.addWidget(self._source, 1)
        top.addWidget(self._countdown)

        self._secret = QLineEdit(readOnly=True)
        self._secret.setObjectName("secret_value")
        self._secret.setAccessibleName("Client secret")
        self._secret.setFont(monospace())
        copy = QToolButton()
        copy.setObjectName("copy_secret")
        copy.setDefaultAction(self.copy_action)
        copy.setText("Copy")
        copy.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(copy)
        for text, what in (("The secret alone", "secret"),
                           ("As a shell line: export OPENAI_CLIENT_SECRET=…", "export"),
                           ("The whole JSON response", "json")):
            menu.addAction(text, partial(self.copy, what))
        copy.setMenu(menu)
        secret_row = QHBoxLayout()
        secret_row.addWidget(self._secret, 1)
        secret_row.addWidget(copy)

        # Labels on one line each; values on one line too, ending in “…” (the
        # tooltip and Copy have it all) when the panel is narrow.
        self._facts: dict[str, QLabel] = {}
        facts = QGridLayout()
        facts.setContentsMargins(0, 4, 0, 4)
        facts.setHorizontalSpacing(8)
        facts.setVerticalSpacing(2)
        for column, pairs in enumerate(_FACTS):
            for row, (key, text) in enumerate(pairs):
                label = QLabel(text + ":")
                set_role(label, "muted")
                value = ElidedLabel(role="", copyable=True)
                value.setObjectName(f"result_{key}")
                # As wide as its text when there is room, narrower (with “…”) when not.
                value.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
                value.setMinimumWidth(24)
                self._facts[key] = value
                facts.addWidget(label, row, column * 3)
                facts.addWidget(value, row, column * 3 + 1)
        facts.setColumnMinimumWidth(2, 16)  # between the two columns of facts
        facts.setColumnStretch(5, 1)  # the room left over goes after them

        self._response = _json_view("response_json")
        self._response.setAccessibleName("Response")
        self._response_toggle = _toggle("Response JSON", self._response, "toggle_response")

        layout.addLayout(top)
        layout.addLayout(secret_row)
        layout.addLayout(facts)
        layout.addWidget(self._response_toggle)
        layout.addWidget(self._response, 1)
        layout.addStretch(0)
        return page

    def _build_error(self) -> QWidget:
        page, layout = _page("error_panel")
        self._error_title = heading("", "title")
        self._error_title.setObjectName("error_title")
        self._error_message = QLabel(wordWrap=True)
        self._error_message.setObjectName("error_message")
        self._error_advice = QLabel(wordWrap=True)
        self._error_advice.setObjectName("error_advice")
        for label in (self._error_title, self._error_message, self._error_advice):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._action_button = QPushButton()
        self._action_button.setObjectName("error_action")
        self._action_button.hide()  # until an error offers an action: a button without a name is not offered
        self._action_button.clicked.connect(self._run_action)
        self._details = _json_view("error_details")
        self._details.setAccessibleName("Error details")
        self._details.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Read in one scroll, up and down: long reasons and URLs wrap rather than
        # add a second scroll bar; opened, it asks for room for a few lines.
        self._details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._details.setMinimumHeight(_DETAILS_LINES * self._details.fontMetrics().lineSpacing()
                                       + 2 * self._details.frameWidth() + 8)
        self._details_toggle = _toggle("Details", self._details, "toggle_details")
        buttons = QHBoxLayout()
        buttons.addWidget(self._action_button)
        buttons.addWidget(self._details_toggle)
        buttons.addStretch(1)
        self._error_icon = QLabel()  # its pixmap is loaded on the first error
        title_row = QHBoxLayout()
        title_row.addWidget(self._error_icon)
        title_row.addWidget(self._error_title, 1)

        layout.addLayout(title_row)
        layout.addWidget(self._error_message)
        layout.addWidget(self._error_advice)
        layout.addLayout(buttons)
        layout.addWidget(self._details, 1)
        layout.addStretch(0)
        return page

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

    def show_result(self, result: MintResult, source: str = "") -> None:
        """Show ``result``, minted with the configuration named ``source``."""
        self._result, self._error, self._source_name = result, None, source
        self._source.setText(f"from “{source}”" if source else "")
        self._secret.setText(result.value)
        self._secret.setCursorPosition(0)
        session = result.session or {}
        self._facts["session"].setText(str(session.get("id") or "—"))
        self._facts["model"].setText(str(session.get("model") or "—"))
        self._facts["request"].setText(result.request_id or "—")
        self._facts["elapsed"].setText(f"{result.elapsed_ms:.0f} ms")
        expires = (datetime.fromtimestamp(result.expires_at).strftime("%H:%M:%S")
                   if result.expires_at is not None else "not given")
        self._facts["expires"].setText(expires)
        self._response.setPlainText(json.dumps(result.response, indent=2, ensure_ascii=False))
        self._show_page(_RESULT)
        self.tick()
        self._ticker.start()

    def show_error(self, error: MintError, action: Action | None = None) -> None:
        self._error = error
        if self._error_icon.pixmap().isNull():
            size = self.style().pixelMetric(QStyle.PixelMetric.PM_LargeIconSize)
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self._error_icon.setPixmap(icon.pixmap(size, size))
        self._error_title.setText(error.title)
        self._error_message.setText(error.message)
        self._error_advice.setText(f"What to do: {error.advice}")
        self._error_advice.setVisible(bool(error.advice))
        self._details.setPlainText(_details_text(error))
        self._details_toggle.setChecked(False)
        self._action = action[1] if action else None
        self._action_button.setText(action[0] if action else "")
        self._action_button.setVisible(action is not None)
        self._show_page(_ERROR)
        self.copy_action.setEnabled(False)

    def clear(self) -> None:
        """Leave an error shown: back to the last secret, or to the empty page."""
        self._error = None
        self._show_page(_EMPTY if self._result is None else _RESULT)
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
            if result.expires_at is None:
                self._countdown.setText("no expiry given")
                set_state(self._countdown, "")
            else:
                left = result.expires_at - now
                self._countdown.setText(countdown_text(left))
                set_state(self._countdown, "expired" if left <= 0 else "")
                self._secret.setEnabled(left > 0)
        self.copy_action.setEnabled(self._showing_live_secret())
        self._clipboard.forget_expired(now, clear=self._clear_clipboard())
        if not self._clipboard.waiting_to_expire() and not self._showing_live_secret():
            self._ticker.stop()

    def _showing_live_secret(self) -> bool:
        result = self._result
        if result is None or self._stack.currentIndex() != _RESULT:
            return False
        return result.expires_at is None or result.expires_at > self._clock()

    def _run_action(self) -> None:
        if self._action is not None:
            self._action()


def _details_text(error: MintError) -> str:
    lines = [f"error: {type(error).__name__}"]
    for key, value in error.details.items():
        lines += [f"{key}:", *(f"  - {item}" for item in value)] if isinstance(value, list) else [
            f"{key}: {_one_line(value)}"]
    return "\n".join(lines)


def _one_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
