"""The questions the window asks, as the standard Qt dialogs, and their shapes.

Controllers take the shapes (plain callables), so tests pass plain functions
or a :class:`Dialogs` subclass that answers from a script. A button that
destroys something is marked :class:`Destructive` by the one who asks; such a
button is never the default, so Enter can't destroy anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtWidgets import QWidget

__all__ = ["Ask", "AskText", "Destructive", "Dialogs", "OpenPath", "SavePath", "Tell"]

Ask = Callable[[str, str, tuple[str, ...]], str]  # title, text, buttons -> the button chosen
AskText = Callable[[str, str, str], str | None]  # title, label, initial text -> text, None if cancelled
Tell = Callable[[str, str], None]  # title, text
OpenPath = Callable[[str], Path | None]  # title -> a file to read
SavePath = Callable[[str, str], Path | None]  # title, suggested name -> a file to write


class Destructive(str):
    """A button's text, marking the button as one that deletes, replaces or
    throws away; it equals the plain text, so callers compare answers as usual."""

    __slots__ = ()


class Dialogs:
    """The standard dialogs, parented to the window.

    ``ask(title, text, buttons)`` returns the button chosen; the last button
    is the "no" one (Escape picks it). Enter picks ``default`` when given and
    not :class:`Destructive`, else the first button that is not
    :class:`Destructive`: the "no" one when the first would destroy.

    The dialog classes are reached through ``QtWidgets`` when a dialog is
    shown: PySide6 builds a class (its enums included) the first time it is
    named, and the window is made before any dialog is needed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask(self, title: str, text: str, buttons: tuple[str, ...], default: str | None = None) -> str:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, title, text, parent=self.parent)
        made = [box.addButton(label, _role(label, index, len(buttons))) for index, label in enumerate(buttons)]
        safe = [button for label, button in zip(buttons, made, strict=True)
                if not isinstance(label, Destructive) or button is made[-1]]
        chosen = [button for label, button in zip(buttons, made, strict=True)
                  if label == default and button in safe]
        box.setDefaultButton((chosen or safe)[0])
        box.setEscapeButton(made[-1])
        box.exec()
        clicked = box.clickedButton()
        return buttons[made.index(clicked)] if clicked in made else buttons[-1]

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QtWidgets.QInputDialog.getText(self.parent, title, label, text=text)
        return value if ok else None

    def tell(self, title: str, text: str) -> None:
        QtWidgets.QMessageBox.information(self.parent, title, text)

    def open_path(self, title: str) -> Path | None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.parent, title, "", "JSON files (*.json);;All files (*)")
        return Path(path) if path else None

    def save_path(self, title: str, suggested: str) -> Path | None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self.parent, title, suggested, "JSON files (*.json)")
        return Path(path) if path else None


def _role(label: str, index: int, count: int) -> QtWidgets.QMessageBox.ButtonRole:
    """The first button says yes, the last no, those between are other ways;
    a :class:`Destructive` one says so wherever it is."""
    if index == count - 1:
        return QtWidgets.QMessageBox.ButtonRole.RejectRole
    if isinstance(label, Destructive):
        return QtWidgets.QMessageBox.ButtonRole.DestructiveRole
    return QtWidgets.QMessageBox.ButtonRole.AcceptRole if index == 0 else QtWidgets.QMessageBox.ButtonRole.ActionRole
