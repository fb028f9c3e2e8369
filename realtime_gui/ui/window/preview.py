"""The request preview: what Mint would send, as it would send it, key masked.

The window hands over a function that prepares the request; the preview
calls it at most every 150 ms, and only while it is on screen, so typing in
a large configuration never waits for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.records import record
from realtime_gui.core.service.providers import prepare_request, service_summary
from realtime_gui.core.service.request import Credentials, PreparedRequest
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.style.enums import set_enum
from realtime_gui.ui.style.style import monospace, muted

__all__ = ["DEBOUNCE_MS", "NO_KEY_PLACEHOLDER", "PreviewContent", "RequestPreview", "preview_content", "render"]

DEBOUNCE_MS = 150
NO_KEY_PLACEHOLDER = "sk-…(no key)"


@record
class PreviewContent:
    """A prepared request (secrets masked) and what to say beside it."""

    request: PreparedRequest
    summary: str  # which service, how the key is sent, where it comes from
    note: str = ""  # e.g. that a placeholder key stands in for a missing one
    masked: bool = True  # False when the headers hold only a placeholder key


def preview_content(config: Configuration, key_name: str, found: Credentials | None, *,
                    env: Mapping[str, str], lookup: Callable[[str], str | None] | None) -> PreviewContent:
    """The request Mint would send for ``config``, secrets masked.

    Without a key (``found`` is None) a placeholder stands in, and the note says so.
    """
    credentials = found or Credentials(NO_KEY_PLACEHOLDER, "none")
    request = prepare_request(config, credentials, env=env, secret_mode="mask", lookup=lookup)
    summary = f"{service_summary(config, env)} · key “{key_name}”"
    if found is not None:
        return PreviewContent(request, f"{summary} from {found.source}")
    note = (f"No API key “{key_name}” is available, so the preview shows a placeholder key. "
            "Add one with Tools › Keys…")
    return PreviewContent(request, summary, note, masked=False)


def render(request: PreparedRequest, *, masked: bool = True) -> str:
    """The request as text: request line, headers, blank line, JSON body."""
    headers = request.masked_headers() if masked else dict(request.headers)
    lines = [f"{request.method} {request.url}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    body = json.dumps(request.body, indent=2, ensure_ascii=False)
    return "\n".join(lines) + "\n\n" + body + "\n"


class RequestPreview(QWidget):
    """Shows :class:`PreviewContent` from a source function, debounced."""

    def __init__(self, source: Callable[[], PreviewContent], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._stale = True
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)

        self._summary = muted()
        self._summary.setObjectName("preview_summary")
        self._note = QLabel()
        self._note.setObjectName("preview_note")
        self._note.setProperty("role", "problem")
        self._note.setWordWrap(True)
        self._note.hide()
        copy = QPushButton("Copy")
        copy.setObjectName("copy_request")
        copy.setToolTip("Copy the request as shown, with the key masked")
        copy.clicked.connect(self._copy)
        top = self._top = QHBoxLayout()
        top.addWidget(self._summary, 1)
        top.addWidget(copy)

        self._text = QPlainTextEdit(readOnly=True)
        self._text.setObjectName("request_preview")
        self._text.setAccessibleName("Request preview")
        self._text.setFont(monospace())
        self._text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._note)
        layout.addWidget(self._text, 1)

    def offer_copy_as(self, menu: QMenu) -> QToolButton:
        """A *Copy as* button beside *Copy* that opens ``menu`` (the request as code, one item per language)."""
        button = QToolButton()
        button.setObjectName("copy_request_as")
        button.setText("Copy as")
        button.setToolTip("Copy code that mints with this configuration, the API key read from the environment")
        button.setMenu(menu)
        set_enum(button, "popupMode", "InstantPopup")
        self._top.addWidget(button)
        return button

    def schedule(self) -> None:
        """Something changed: refresh soon if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        self._stale = False
        try:
            content = self._source()
        except Exception as exc:  # an unfinished edit must not break the preview
            self._summary.setText("")
            self._show_note(f"The request can't be built yet: {exc}")
            self._text.setPlainText("")
            return
        self._summary.setText(content.summary)
        self._show_note(content.note)
        text = render(content.request, masked=content.masked)
        if text != self._text.toPlainText():  # keeps the scroll position when nothing changed
            bar = self._text.verticalScrollBar()
            position = bar.value()
            self._text.setPlainText(text)
            bar.setValue(position)

    def text(self) -> str:
        return self._text.toPlainText()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _show_note(self, note: str) -> None:
        self._note.setText(note)
        self._note.setVisible(bool(note))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
