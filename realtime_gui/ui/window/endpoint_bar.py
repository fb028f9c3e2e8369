"""The bar above the form: which endpoint, its method and path, Cancel, Check and Mint.

It is part of the first frame, so it imports neither the core nor ``Qt``: the
window hands it the declared endpoints and their selector just after the
first paint (:meth:`EndpointBar.offer`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from realtime_gui.ui.style.style import ElidedLabel, set_role

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
    """The endpoint selector, the endpoint's method and path, Mint and Cancel."""

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
        self._row = QHBoxLayout(self)
        self._row.addWidget(self._label)
        self._row.addWidget(self.selector)
        self._row.addWidget(self._path, 1)
        self._row.addWidget(_button_for(cancel, "cancel_mint"))
        if check is not None:
            # Check asks for no room of its own, so the window's minimum width stays; it narrows
            # in a narrow window (the Mint menu still has it).
            check_button = _button_for(check, "check")
            check_button.setMinimumWidth(1)
            self._row.addWidget(check_button)
        mint_button = _button_for(mint, "mint")
        set_role(mint_button, "heading")  # the one thing this window is for
        mint_button.setMinimumWidth(mint_button.sizeHint().width() + 24)
        self._row.addWidget(mint_button)

    def offer(self, endpoints: Iterable[Endpoint], selector: QComboBox) -> None:
        """Put up ``selector``, which lists ``endpoints`` (its data their ids); the
        first is shown until :meth:`set_endpoint`. Emits nothing."""
        self._endpoints = {ep.id: ep for ep in endpoints}
        selector.setObjectName("endpoint_selector")
        selector.currentIndexChanged.connect(lambda _index: self._changed())
        stand_in, self.selector = self.selector, selector
        self._row.replaceWidget(stand_in, selector)
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
