"""The guide shown while no key is known: what Mint needs before it can work.

A new user would otherwise meet an error at the first Mint. While the open
configuration's key is found neither in this run, nor in the keyring, nor
(for the key named ``default``) in ``OPENAI_API_KEY``, a short panel above
the list of configurations offers to store a key, explains the variable, and offers to
create a configuration. It sits at the top of the side bar, so the form
keeps all its room, follows :class:`~.key_source.KeySource`'s answers, and
goes away as soon as a key is known.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from realtime_gui.core.library.keys import DEFAULT_KEY, ENV_VAR
from realtime_gui.ui.form.key_lookup import KeyAnswer
from realtime_gui.ui.style.style import heading, muted
from realtime_gui.ui.window.action_icons import app_icon

__all__ = ["FirstRunPanel", "guide_text"]

_ICON_SIZE = 32


def guide_text(name: str, answer: KeyAnswer) -> tuple[str, str]:
    """What the panel says for key ``name`` not found: why, and the variable's part (or "")."""
    if answer.keyring_down:
        why = (f"Minting needs an OpenAI API key, and the system keyring can't be reached to read "
               f"“{name}”. You can still keep one for this run.")
    elif name == DEFAULT_KEY:
        why = "Minting needs an OpenAI API key, and none is stored yet."
    else:
        why = (f"Minting needs an OpenAI API key. This configuration signs with the key “{name}”, "
               "and none is stored under that name.")
    env = (f"Or set {ENV_VAR} where you start realtime-gui: it is used for the key “{DEFAULT_KEY}” "
           "whenever the keyring holds none." if name == DEFAULT_KEY else "")
    return why, env


class FirstRunPanel(QFrame):
    """Three ways forward while no key is known; :meth:`follow` shows or hides it.

    ``store_key`` opens the Keys dialog, ``create`` makes a new configuration.
    Hidden until a lookup says there is no key; hidden for the rest of the run
    once the user closes it.
    """

    def __init__(self, store_key: Callable[[], object], create: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.setAccessibleName("Getting started")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self._dismissed = False
        self._after: QWidget | None = None  # what Tab reaches after the last button

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(_ICON_SIZE, _ICON_SIZE))
        title = heading("Getting started")
        title.setWordWrap(True)
        self._why = QLabel()
        self._why.setObjectName("first_run_why")
        self._why.setWordWrap(True)
        self._env = muted()
        self._env.setObjectName("first_run_env")
        self._env.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.store_button = QPushButton("Store an API key…")
        self.store_button.setObjectName("first_run_store")
        self.store_button.setToolTip("Keep a key in the system keyring, or for this run only; never in a file")
        self.store_button.clicked.connect(store_key)
        self.create_button = QPushButton("New configuration")
        self.create_button.setObjectName("first_run_create")
        self.create_button.setToolTip("Create a first configuration, from your preferred model and defaults")
        self.create_button.clicked.connect(create)
        self.hide_button = QToolButton()
        self.hide_button.setObjectName("first_run_hide")
        self.hide_button.setText("✕")
        self.hide_button.setAutoRaise(True)
        self.hide_button.setAccessibleName("Hide the getting started guide")
        self.hide_button.setToolTip("Hide this guide until the next start")
        self.hide_button.clicked.connect(self._dismiss)

        # Narrow and tall, for the side bar: one column, the two ways forward full width.
        # Never wider than the side bar is anyway (160 pixels in an 800 wide window): the form keeps its room.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(icon)
        top.addWidget(title, 1)
        top.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self._why)
        layout.addWidget(self.store_button)
        layout.addWidget(self._env)
        layout.addWidget(self.create_button)
        self.hide()

    def follow(self, name: str, answer: KeyAnswer | None) -> None:
        """The open configuration's key ``name`` was looked up: ``answer`` (None: still looking)."""
        if answer is None:
            return  # keep what is shown until the answer comes: no flicker on every lookup
        if answer.credentials is not None or self._dismissed:
            self.hide()
            return
        why, env = guide_text(name, answer)
        self._why.setText(why)
        self._env.setText(env)
        self._env.setVisible(bool(env))
        self.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._order_focus()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab from the last button goes on to what follows the panel on screen.
        if next and self.hide_button.hasFocus() and self._after is not None:
            self._after.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().focusNextPrevChild(next)

    def _order_focus(self) -> None:
        """Tab reaches the buttons just before the first widget after the panel in its parent.

        Done when shown, not when made: the form builds rows after the window is usable, and
        each joins the end of the focus chain, which is where the panel's buttons go.
        """
        container = self.parentWidget()
        if container is None:
            return
        after = self._next_focusable(container, container.isAncestorOf)
        if after is container:
            return
        # Qt orders only after a widget that takes focus, and after its focus children:
        # follow the one Tab reaches just before ``after``, which is not its parent.
        before = self._next_focusable(after, lambda w: not w.isAncestorOf(after), backwards=True)
        if before is after:
            return
        self._after = after
        QWidget.setTabOrder(before, self.store_button)
        QWidget.setTabOrder(self.store_button, self.create_button)
        QWidget.setTabOrder(self.create_button, self.hide_button)

    def _next_focusable(self, start: QWidget, fits: Callable[[QWidget], bool], backwards: bool = False) -> QWidget:
        """The next widget from ``start`` in the focus chain that Tab reaches, is not ours and ``fits``
        (``start`` itself if none)."""
        widget = start
        while True:
            found = widget.previousInFocusChain() if backwards else widget.nextInFocusChain()
            if found is None or found is start:
                return start
            widget = found
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not self.isAncestorOf(widget)
                    and fits(widget)):
                return widget

    def _dismiss(self) -> None:
        self._dismissed = True
        self.hide()
