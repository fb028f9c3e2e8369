"""The bar above the form: the configuration's name, Cancel, Check and Mint on
one line; which endpoint, with its method and path, on the next.

What the window is about reads first: the name in the largest face, Mint in
the accent colour. The path has a line of its own beside the selector, so it
shows whole down to the smallest window (800x600).

It is part of the first frame, so it imports neither the core nor ``Qt``: the
window hands it the declared endpoints and their selector just after the
first paint (:meth:`EndpointBar.offer`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from realtime_gui.ui.style.style import ElidedLabel, muted, set_role

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from realtime_gui.core.catalog.nodes import Endpoint

__all__ = ["EndpointBar"]

_LABEL_ROOM = 24  # characters


def _button_for(action: QAction, object_name: str) -> QPushButton:
    """A push button that triggers ``action`` and follows its enabled state."""
    button = QPushButton(action.text())
    button.setObjectName(object_name)
    button.setToolTip(action.toolTip())
    button.setEnabled(action.isEnabled())
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    return button


class EndpointBar(QFrame):
    """The configuration's name, the endpoint selector with the endpoint's method
    and path, Mint, Check and Cancel."""

    endpoint_changed = Signal(str)

    def __init__(self, mint: QAction, cancel: QAction, check: QAction | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "header")
        self._endpoints: dict[str, Endpoint] = {}
        # An empty stand-in until offer(), about as wide as the real one will be. Filling
        # this one instead would leave it as narrow as Qt measured it empty: a combo box
        # measures its minimum size once.
        self.selector = QComboBox()
        self.selector.setMinimumContentsLength(_LABEL_ROOM)
        # Elided from the left: the end of the path is what tells endpoints apart.
        self._path = ElidedLabel(elide="ElideLeft")
        self._path.setObjectName("endpoint_path")
        self._label = QLabel("E&ndpoint:")  # Alt+E is the Edit menu
        self._label.setBuddy(self.selector)
        self._title = ElidedLabel(role="title")
        self._title.setObjectName("configuration_title")
        self._edited = muted("unsaved changes")
        self._edited.setWordWrap(False)
        self._edited.hide()
        top = QHBoxLayout()
        top.addWidget(self._title, 1)
        top.addWidget(self._edited)
        top.addWidget(_button_for(cancel, "cancel_mint"))
        if check is not None:
            # Check asks for no room of its own, so the window's minimum width stays; it narrows
            # in a narrow window (the Mint menu still has it).
            check_button = _button_for(check, "check")
            check_button.setMinimumWidth(1)
            top.addWidget(check_button)
        mint_button = _button_for(mint, "mint")
        set_role(mint_button, "primary")  # the one thing this window is for
        mint_button.setMinimumWidth(mint_button.sizeHint().width() + 24)
        top.addWidget(mint_button)
        self._row = QHBoxLayout()
        self._row.addWidget(self._label)
        self._row.addWidget(self.selector)
        self._row.addWidget(self._path, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(9, 2, 9, 3)  # the form needs the height more
        column.setSpacing(0)
        for line in (top, self._row):
            line.setSpacing(6)  # a line's own: a nested layout would take the column's
        column.addLayout(top)
        column.addLayout(self._row)

    def show_name(self, name: str, modified: bool) -> None:
        """Name the configuration being edited, and say whether it has unsaved changes."""
        self._title.setText(name)
        self._edited.setVisible(modified)

    def offer(self, endpoints: Iterable[Endpoint], selector: QComboBox) -> None:
        """Put up ``selector``, which lists ``endpoints`` (its data their ids); the
        first is shown until :meth:`set_endpoint`. Emits nothing."""
        self._endpoints = {ep.id: ep for ep in endpoints}
        selector.setObjectName("endpoint_selector")
        selector.currentIndexChanged.connect(lambda _index: self._changed())
        stand_in, self.selector = self.selector, selector
        self._row.replaceWidget(stand_in, selector)
        stand_in.hide()  # at once: deleted later, it would take Tab until then
        stand_in.deleteLater()
        selector.show()  # a child added to a visible window is shown only when asked
        self._label.setBuddy(selector)
        self._describe()

    def endpoint(self) -> str:
        return str(self.selector.currentData())

    def set_endpoint(self, endpoint_id: str) -> None:
        """Show ``endpoint_id`` without emitting ``endpoint_changed``."""
        with QSignalBlocker(self.selector):
            self.selector.setCurrentIndex(self.selector.findData(endpoint_id))
        self._describe()

    def _changed(self) -> None:
        self._describe()
        self.endpoint_changed.emit(self.endpoint())

    def _describe(self) -> None:
        ep = self._endpoints.get(self.endpoint())
        self._path.setText(ep.schema_key if ep else "")
        self.selector.setToolTip(ep.help if ep else "")
