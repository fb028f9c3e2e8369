"""The guide shown while no key is known: what Mint needs before it can work.

A new user would otherwise meet an error at the first Mint. While the open
configuration's key is found neither in this run, nor in the keyring, nor
(for the key named ``default``) in ``OPENAI_API_KEY``, a short panel above
the editors offers to store a key, explains the variable, and offers to
create a configuration. It follows :class:`~.key_source.KeySource`'s answers
and goes away as soon as a key is known; the form stays usable meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from realtime_gui.core.library.keys import DEFAULT_KEY, ENV_VAR
from realtime_gui.ui.form.key_lookup import KeyAnswer
from realtime_gui.ui.style.style import heading, muted
from realtime_gui.ui.window.action_icons import action_icon, app_icon

__all__ = ["FirstRunPanel", "guide_text"]

_ICON_SIZE = 48


def guide_text(name: str, answer: KeyAnswer) -> tuple[str, str]:
    """What the panel says for key ``name`` not found: why, and the variable's part (or "")."""
    if answer.keyring_down:
        why = (f"Minting needs an OpenAI API key, and the system keyring can't be reached to read "
               f"“{name}”. You can still store one for this run.")
    elif name == DEFAULT_KEY:
        why = "Minting needs an OpenAI API key, and none is stored yet."
    else:
        why = (f"Minting needs an OpenAI API key. This configuration signs with the key “{name}”, "
               "and none is stored under that name.")
    env = (f"Or set {ENV_VAR} in the environment you start realtime-gui from: it is used for the key "
           f"“{DEFAULT_KEY}” whenever the keyring holds none." if name == DEFAULT_KEY else "")
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

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(_ICON_SIZE, _ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = heading("Before your first mint", role="title")
        self._why = QLabel()
        self._why.setObjectName("first_run_why")
        self._why.setWordWrap(True)
        self._env = muted()
        self._env.setObjectName("first_run_env")
        self._env.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.store_button = QPushButton(action_icon("keys"), "Store an API key…")
        self.store_button.setObjectName("first_run_store")
        self.store_button.setToolTip("Keep a key in the system keyring, or for this run only; never in a file")
        self.store_button.clicked.connect(store_key)
        self.create_button = QPushButton(action_icon("new"), "Create a first configuration")
        self.create_button.setObjectName("first_run_create")
        self.create_button.setToolTip("A new configuration with your preferred model and defaults")
        self.create_button.clicked.connect(create)
        self.hide_button = QToolButton()
        self.hide_button.setObjectName("first_run_hide")
        self.hide_button.setText("✕")
        self.hide_button.setAutoRaise(True)
        self.hide_button.setAccessibleName("Hide the getting started guide")
        self.hide_button.setToolTip("Hide this guide until the next start")
        self.hide_button.clicked.connect(self._dismiss)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 4, 0, 0)
        buttons.addWidget(self.store_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(12, 10, 8, 10)
        layout.setHorizontalSpacing(12)
        layout.addWidget(icon, 0, 0, 4, 1)
        layout.addWidget(title, 0, 1)
        layout.addWidget(self.hide_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._why, 1, 1, 1, 2)
        layout.addWidget(self._env, 2, 1, 1, 2)
        layout.addLayout(buttons, 3, 1, 1, 2)
        layout.setColumnStretch(1, 1)
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

    def focus_after(self, widget: QWidget) -> None:
        """Put the panel's buttons next after ``widget`` in the Tab order, as they are on screen."""
        QWidget.setTabOrder(widget, self.store_button)
        QWidget.setTabOrder(self.store_button, self.create_button)
        QWidget.setTabOrder(self.create_button, self.hide_button)

    def _dismiss(self) -> None:
        self._dismissed = True
        self.hide()
