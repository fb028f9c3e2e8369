"""The *Serve* panel: the port, the allowed origins (checked as they are typed)
and the rate; the address with Copy and Open in browser; what is served; the
request log, bounded. What it does is :mod:`~realtime_gui.ui.window.serving`'s."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from realtime_gui.core.serve.rules import DEFAULT_RATE, Rate, parse_origin, parse_rate
from realtime_gui.ui.style.style import monospace, muted, set_role

__all__ = ["LOG_LINES", "ServePanel"]

LOG_LINES = 500  # the log keeps the newest lines; a page in a loop must not grow it without end
_LOG_ROWS = 5  # the lines the log asks room for


class ServePanel(QWidget):
    """The port, the allowed origins and the rate; the address with Copy and
    Open in browser; a line saying what is served; the log."""

    def __init__(self, serve: QAction) -> None:
        super().__init__()
        self.toggle = QToolButton()
        self.toggle.setObjectName("serve_toggle")
        self.toggle.setDefaultAction(serve)
        self.port = QSpinBox()
        self.port.setObjectName("serve_port")
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("any free")
        self.port.setToolTip("The port on 127.0.0.1; 0 takes any free one")
        self.origins = QLineEdit()
        self.origins.setObjectName("serve_origins")
        self.origins.setPlaceholderText("none besides its own page, such as http://localhost:5173")
        self.origins.setToolTip("Origins of pages that may take tokens, separated by spaces or commas; "
                                "a request from any other origin is refused")
        self.rate = QLineEdit(str(DEFAULT_RATE))
        self.rate.setObjectName("serve_rate")
        self.rate.setMaximumWidth(90)
        self.rate.setToolTip("At most this many tokens: N/min, N/s or N/h")
        self.url = QLineEdit()
        self.url.setObjectName("serve_url")
        self.url.setReadOnly(True)
        self.url.setPlaceholderText("not serving")
        self.copy = QPushButton("Copy")
        self.copy.setObjectName("serve_copy")
        self.open = QPushButton("Open in browser")
        self.open.setObjectName("serve_open")
        self.open.setToolTip("The test page: a token, then the model over WebRTC, microphone in")
        self.note = muted()
        self.note.setObjectName("serve_note")
        self.problem = QLabel()
        self.problem.setObjectName("serve_problem")
        self.problem.setWordWrap(True)
        set_role(self.problem, "problem")
        self.problem.hide()
        self.log = _Log()
        self.log.setObjectName("serve_log")
        self.log.setAccessibleName("Request log")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(LOG_LINES)
        self.log.setFont(monospace())
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log.setPlaceholderText("Each request is listed here: time, origin, status, the service's request id "
                                    "and how long it took; never a key or a secret.")

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        settings = QHBoxLayout()
        for label, widget, stretch in (("Port", self.port, 0), ("Allowed origins", self.origins, 1),
                                       ("Rate", self.rate, 0)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            settings.addWidget(caption)
            settings.addWidget(widget, stretch)
        grid.addWidget(self.toggle, 0, 0)
        grid.addLayout(settings, 0, 1)
        address = QHBoxLayout()
        address.addWidget(self.url, 1)
        address.addWidget(self.copy)
        address.addWidget(self.open)
        caption = QLabel("Address")
        caption.setBuddy(self.url)
        grid.addWidget(caption, 1, 0)
        grid.addLayout(address, 1, 1)
        grid.addWidget(self.problem, 2, 0, 1, 2)
        grid.addWidget(self.note, 3, 0, 1, 2)
        grid.addWidget(self.log, 4, 0, 1, 2)
        grid.setRowStretch(4, 1)
        grid.setColumnStretch(1, 1)
        for edit in (self.origins, self.rate):
            edit.textChanged.connect(self.check_settings)
        self.show_url("")

    def settings_problem(self) -> str:
        """What is wrong with the origins or the rate as typed, else ``""``."""
        try:
            self.allowed_origins()
            self.chosen_rate()
        except ValueError as error:  # OriginFormatError is a ValueError too
            return str(error)
        return ""

    def check_settings(self) -> str:
        """Show the first problem with the settings (or none); returns it."""
        problem = self.settings_problem()
        self.show_problem(problem)
        return problem

    def allowed_origins(self) -> tuple[str, ...]:
        """The origins typed, as a browser writes them; raises :class:`OriginFormatError`."""
        return tuple(dict.fromkeys(parse_origin(o) for o in re.split(r"[\s,]+", self.origins.text()) if o))

    def chosen_rate(self) -> Rate:
        return parse_rate(self.rate.text()) if self.rate.text().strip() else DEFAULT_RATE

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def show_url(self, url: str) -> None:
        self.url.setText(url)
        for button in (self.copy, self.open):
            button.setEnabled(bool(url))

    def set_editable(self, editable: bool) -> None:
        """The settings apply when serving starts: they can be changed only while stopped."""
        for widget in (self.port, self.origins, self.rate):
            widget.setEnabled(editable)

    def add_line(self, text: str) -> None:
        self.log.appendPlainText(text)


class _Log(QPlainTextEdit):
    """The request log, asking for a few lines of room: the form above needs the height more."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * _LOG_ROWS + 2 * self.frameWidth() + 8)
