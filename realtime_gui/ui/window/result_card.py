"""The card of a minted secret: the secret large and fixed-width, one Copy
button, the countdown bar, and the ids and model as quiet details.

The panel (``result_panel``) owns the clock and the clipboard; the card only
shows what it is given, and says when its secret expired (greyed, the bar
reading EXPIRED, Mint again offered in Copy's place).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
)

from realtime_gui.ui.style.style import ElidedLabel, heading, monospace, set_role
from realtime_gui.ui.window.countdown import CountdownBar
from realtime_gui.ui.window.result_pages import json_view, page_layout, toggle

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from realtime_gui.core.service.mint import MintResult

__all__ = ["SECRET_SCALE", "ResultCard"]

SECRET_SCALE = 1.4  # the secret's size, against the fixed-width font's
# The facts under the secret: (key, label) by column; the long ids on the left.
_FACTS = ((("session", "Session"), ("request", "Request id")),
          (("model", "Model"), ("elapsed", "Elapsed"), ("expires", "Expires at")))
_COPY_WAYS = (("The secret alone", "secret"),
              ("As a shell line: export OPENAI_CLIENT_SECRET=…", "export"),
              ("The whole JSON response", "json"))


def secret_font() -> QFont:
    font = monospace()
    font.setPointSizeF(font.pointSizeF() * SECRET_SCALE)
    return font


class ResultCard(QFrame):
    """A minted secret, as a card. ``copy(what)`` copies (see ``ResultPanel.copy``);
    ``copy_action`` is the window's Copy, which the card's Copy button triggers and follows."""

    mint_again_requested = Signal()

    def __init__(self, copy_action: QAction, copy: Callable[[str], None]) -> None:
        super().__init__()
        layout = page_layout(self, "result_view")
        # Which configuration minted it: the secret stays shown when another is opened.
        self.source = ElidedLabel(role="heading")
        self.source.setObjectName("result_source")
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(heading("Client secret"))
        top.addWidget(self.source, 1)

        self.secret = QLineEdit(readOnly=True)
        self.secret.setObjectName("secret_value")
        self.secret.setAccessibleName("Client secret")
        self.secret.setFont(secret_font())
        self.copy_button = QPushButton("Copy")
        self.copy_button.setObjectName("copy_secret")
        self.copy_button.setAccessibleName("Copy secret")
        self.copy_button.setToolTip(copy_action.toolTip())
        self.copy_button.setDefault(True)  # the card's one prominent action
        set_role(self.copy_button, "heading")
        self.copy_button.clicked.connect(copy_action.trigger)
        copy_action.changed.connect(lambda: self.copy_button.setEnabled(copy_action.isEnabled()))
        self.copy_button.setEnabled(copy_action.isEnabled())
        ways = QToolButton()
        ways.setObjectName("copy_options")
        ways.setAccessibleName("More ways to copy")
        ways.setToolTip("Copy the secret as a shell line, or the whole response")
        ways.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        ways.setArrowType(Qt.ArrowType.DownArrow)
        menu = QMenu(ways)
        for text, what in _COPY_WAYS:
            menu.addAction(text, partial(copy, what))
        ways.setMenu(menu)
        ways.setEnabled(self.copy_button.isEnabled())
        copy_action.changed.connect(lambda: ways.setEnabled(copy_action.isEnabled()))
        secret_row = QHBoxLayout()
        secret_row.addWidget(self.secret, 1)
        secret_row.addWidget(self.copy_button)
        secret_row.addWidget(ways)

        self.countdown = CountdownBar()
        self.mint_again = QPushButton("Mint again")
        self.mint_again.setObjectName("mint_again")
        self.mint_again.setAccessibleName("Mint again")
        self.mint_again.setToolTip("Mint a new secret with the configuration this one came from")
        self.mint_again.clicked.connect(self.mint_again_requested)
        self.mint_again.hide()  # until the secret expires
        bar_row = QHBoxLayout()
        bar_row.addWidget(self.countdown, 1)
        bar_row.addWidget(self.mint_again)

        self.facts = self._facts_grid()
        self.response = json_view("response_json", "Response")
        self.response_toggle = toggle("Response JSON", self.response, "toggle_response")

        layout.addLayout(top)
        layout.addLayout(secret_row)
        layout.addLayout(bar_row)
        layout.addLayout(self.facts)
        layout.addWidget(self.response_toggle)
        layout.addWidget(self.response, 1)
        layout.addStretch(0)

    def _facts_grid(self) -> QGridLayout:
        """The quiet details: labels and values on one line each, values ending in
        “…” (the tooltip and their menu have it all) when the panel is narrow."""
        self.values: dict[str, QLabel] = {}
        facts = QGridLayout()
        facts.setContentsMargins(0, 2, 0, 2)
        facts.setHorizontalSpacing(8)
        facts.setVerticalSpacing(0)
        for column, pairs in enumerate(_FACTS):
            for row, (key, text) in enumerate(pairs):
                label = QLabel(text + ":")
                set_role(label, "detail")
                value = ElidedLabel(role="detail", copyable=True)
                value.setObjectName(f"result_{key}")
                value.setAccessibleName(text)
                # As wide as its text when there is room, narrower (with “…”) when not.
                value.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
                value.setMinimumWidth(24)
                self.values[key] = value
                facts.addWidget(label, row, column * 3)
                facts.addWidget(value, row, column * 3 + 1)
        facts.setColumnMinimumWidth(2, 16)  # between the two columns of facts
        facts.setColumnStretch(5, 1)  # the room left over goes after them
        return facts

    def show_result(self, result: MintResult, source: str) -> None:
        self.source.setText(f"from “{source}”" if source else "")
        self.secret.setText(result.value)
        self.secret.setCursorPosition(0)
        session = result.session or {}
        self.values["session"].setText(str(session.get("id") or "—"))
        self.values["model"].setText(str(session.get("model") or "—"))
        self.values["request"].setText(result.request_id or "—")
        self.values["elapsed"].setText(f"{result.elapsed_ms:.0f} ms")
        expires = (datetime.fromtimestamp(result.expires_at).strftime("%H:%M:%S")
                   if result.expires_at is not None else "not given")
        self.values["expires"].setText(expires)
        self.response.setPlainText(json.dumps(result.response, indent=2, ensure_ascii=False))

    def show_time(self, left: float | None, lifetime: float) -> None:
        """``left`` seconds of ``lifetime`` to go (``None``: no expiry given); expired at 0."""
        self.countdown.show_time(left, lifetime)
        expired = left is not None and left <= 0
        self.secret.setEnabled(not expired)
        self.mint_again.setVisible(expired)
        self.copy_button.setDefault(not expired)
        self.mint_again.setDefault(expired)

    def is_expired(self) -> bool:
        return self.countdown.level() == "expired"
