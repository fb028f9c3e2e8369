"""The result area's other states: empty before a first mint, busy while
minting, and an error with what to do and the field it names one click away.

Each page is a plain widget the panel (``result_panel``) stacks; the card
of a minted secret is ``result_card``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.ui.style.style import ElidedLabel, heading, monospace, muted

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from realtime_gui.core.service.errors import MintError

__all__ = ["EMPTY_HINT", "Action", "BusyPage", "EmptyPage", "ErrorPage", "json_view", "page_layout", "toggle"]

Action = tuple[str, Callable[[], Any]]  # a button's text and what it does
_MARGINS = (12, 8, 12, 8)  # of each page: left, top, right, bottom
_DETAILS_LINES = 6  # the error details, opened, show at least this many lines
EMPTY_HINT = "No client secret yet: Mint (Ctrl+Enter) makes one from the open configuration."


def toggle(text: str, content: QWidget, object_name: str) -> QToolButton:
    """A button that shows or hides ``content``, which starts hidden.

    Put ``content`` in the layout with stretch 1 and end the layout with
    ``addStretch(0)``: the spacer takes the room while ``content`` is hidden.
    """
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(text)
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


def json_view(object_name: str, accessible_name: str) -> QPlainTextEdit:
    view = QPlainTextEdit(readOnly=True)
    view.setObjectName(object_name)
    view.setAccessibleName(accessible_name)
    view.setFont(monospace())
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    return view


def page_layout(page: QFrame, object_name: str = "") -> QVBoxLayout:
    """Give ``page`` the name and margins the pages share; its layout."""
    page.setObjectName(object_name)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(*_MARGINS)
    return layout


class EmptyPage(QFrame):
    """Nothing minted yet. The panel then takes no room, so its hint is in
    ``status_hint``, which the window puts in its status bar; this page says it
    again, calmly, to anyone who drags the panel open."""

    def __init__(self) -> None:
        super().__init__()
        layout = page_layout(self, "result_empty_page")
        self.status_hint = ElidedLabel(EMPTY_HINT, role="muted")
        self.status_hint.setObjectName("result_empty")
        self.status_hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.status_hint.setMinimumWidth(16)  # all of it where there is room, elided where not
        self.hint = muted(EMPTY_HINT)
        self.hint.setObjectName("result_empty_hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        layout.addStretch(1)


class BusyPage(QFrame):
    """A mint in flight: what is sent where, for how long so far, and Cancel."""

    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = page_layout(self, "result_busy")
        self.title = heading("Minting a client secret…")
        self.title.setObjectName("busy_title")
        self.what = ElidedLabel(role="muted", elide="ElideMiddle", copyable=True)
        self.what.setObjectName("busy_what")
        self.where = ElidedLabel(role="muted", elide="ElideMiddle", copyable=True)
        self.where.setObjectName("busy_where")
        self.progress = QProgressBar()
        self.progress.setObjectName("mint_progress")
        self.progress.setAccessibleName("Minting")
        self.progress.setRange(0, 0)  # indeterminate: a mint has no known length
        self.progress.setTextVisible(False)
        self.elapsed = QLabel()
        self.elapsed.setObjectName("busy_elapsed")
        self.cancel = QPushButton("Cancel")
        self.cancel.setObjectName("result_cancel")
        self.cancel.setAccessibleName("Cancel the mint")
        self.cancel.setToolTip("Cancel the mint in flight (Esc); a late answer is ignored")
        self.cancel.clicked.connect(self.cancel_requested)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.elapsed)
        row.addWidget(self.cancel)
        layout.addWidget(self.title)
        layout.addWidget(self.what)
        layout.addWidget(self.where)
        layout.addLayout(row)
        layout.addStretch(1)

    def start(self, name: str, where: str) -> None:
        self.what.setText(f"Sending “{name}”" if name else "Sending the open configuration")
        self.where.setText(where)
        self.where.setVisible(bool(where))
        self.show_elapsed(0.0)

    def show_elapsed(self, seconds: float) -> None:
        self.elapsed.setText(f"{seconds:.1f} s")


class ErrorPage(QFrame):
    """What went wrong, what to do, the one button that helps most, a way to
    the field the error names, and the details behind a toggle."""

    def __init__(self) -> None:
        super().__init__()
        layout = page_layout(self, "error_panel")
        self.title = heading("", "title")
        self.title.setObjectName("error_title")
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("error_message")
        self.advice = QLabel(wordWrap=True)
        self.advice.setObjectName("error_advice")
        for label in (self.title, self.message, self.advice):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._action: Callable[[], Any] | None = None
        self._go_to: Callable[[], Any] | None = None
        self.action_button = QPushButton()
        self.action_button.setObjectName("error_action")
        self.action_button.hide()  # until an error offers an action: a button without a name is not offered
        self.action_button.clicked.connect(lambda: self._action() if self._action else None)
        self.go_to_button = QPushButton()
        self.go_to_button.setObjectName("error_go_to_field")
        self.go_to_button.hide()  # until an error names a field
        self.go_to_button.clicked.connect(lambda: self._go_to() if self._go_to else None)
        self.details = json_view("error_details", "Error details")
        self.details.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Read in one scroll, up and down: long reasons and URLs wrap rather than
        # add a second scroll bar; opened, it asks for room for a few lines.
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setMinimumHeight(_DETAILS_LINES * self.details.fontMetrics().lineSpacing()
                                      + 2 * self.details.frameWidth() + 8)
        self.details_toggle = toggle("Details", self.details, "toggle_details")
        buttons = QHBoxLayout()
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.go_to_button)
        buttons.addWidget(self.details_toggle)
        buttons.addStretch(1)
        self.icon = QLabel()  # its pixmap is loaded on the first error
        title_row = QHBoxLayout()
        title_row.addWidget(self.icon)
        title_row.addWidget(self.title, 1)

        layout.addLayout(title_row)
        layout.addWidget(self.message)
        layout.addWidget(self.advice)
        layout.addLayout(buttons)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)

    def show_error(self, error: MintError, action: Action | None, go_to: Action | None) -> None:
        """Show ``error``; ``action`` is the remedy, ``go_to`` the field's label and how to focus it."""
        if self.icon.pixmap().isNull():
            size = self.style().pixelMetric(QStyle.PixelMetric.PM_LargeIconSize)
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.icon.setPixmap(icon.pixmap(size, size))
        self.title.setText(error.title)
        self.message.setText(error.message)
        self.advice.setText(f"What to do: {error.advice}")
        self.advice.setVisible(bool(error.advice))
        self.details.setPlainText(_details_text(error))
        self.details_toggle.setChecked(False)
        _offer(self.action_button, action[0] if action else None)
        _offer(self.go_to_button, f"Go to {go_to[0]}" if go_to else None)
        self._action = action[1] if action else None
        self._go_to = go_to[1] if go_to else None
        if go_to is not None:
            self.go_to_button.setToolTip(f"Show the field “{go_to[0]}” in the form")
        self._fit_text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        # A splitter sizes the panel from its minimum, which for wrapped text is
        # worked out at some width of Qt's choosing; ask for the lines the text
        # takes at the width it has, so no line of a message is cut off.
        for label in (self.message, self.advice):
            height = label.heightForWidth(label.width()) if label.width() > 0 else -1
            label.setMinimumHeight(max(height, 0))  # -1: no text, nothing to ask for


def _offer(button: QPushButton, text: str | None) -> None:
    """Show ``button`` as ``text``, or hide it: a button without a name is not offered."""
    button.setText(text or "")
    button.setAccessibleName(text or "")
    button.setVisible(text is not None)


def _details_text(error: MintError) -> str:
    lines = [f"error: {type(error).__name__}"]
    for key, value in error.details.items():
        lines += [f"{key}:", *(f"  - {item}" for item in value)] if isinstance(value, list) else [
            f"{key}: {_one_line(value)}"]
    return "\n".join(lines)


def _one_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
