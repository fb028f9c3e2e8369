"""The Keys dialog: add, replace and delete named API keys.

Keys go to the OS keyring through the injected ``ApiKeys``; when the keyring
can't be used the dialog says why and offers to keep a key for this run only.
A key's value is never shown back: the list shows names and where each comes
from, and the entry is masked unless the user reveals what they are typing.
Enter saves what was typed and never deletes; replacing or deleting a key
asks first, with the harmless answer as the default.

Every question to the keyring (is it there, which keys, store, delete) runs
on a worker: a slow D-Bus or a collection waiting to be unlocked never
freezes the window. Meanwhile the dialog says what it waits for and its
buttons are disabled; what was typed stays until the keyring took it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from realtime_gui.core.library.keys import ApiKeys, KeyInfo, KeyNameError
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.ui.dialogs.standard import Ask, Destructive
from realtime_gui.ui.style.style import muted
from realtime_gui.ui.window.worker import Pool, TaskRunner

__all__ = ["KeysDialog"]


class KeysDialog(QDialog):
    keys_changed = Signal()

    def __init__(self, keys: ApiKeys, ask: Ask, *, env: Mapping[str, str] | None = None,
                 pool: Pool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("API keys")
        self.setObjectName("keys_dialog")
        self.resize(560, 460)
        self._keys, self._ask, self._env = keys, ask, env
        self._unavailable: str | None = None
        self._runner = TaskRunner(pool, self)
        self._runner.finished.connect(self._answered)
        self._task: int | None = None  # the keyring work under way
        self._then: Callable[[Any], None] = lambda _: None  # what to do with its answer

        intro = muted("Keys live in the OS keyring. A configuration names the key it uses; "
                      "the key named “default” falls back to OPENAI_API_KEY.")
        self._banner = QLabel(wordWrap=True)
        self._banner.setObjectName("keyring_unavailable")
        self._banner.setProperty("role", "problem")
        self._banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._banner.setVisible(False)

        self._list = QTreeWidget()
        self._list.setObjectName("key_list")
        self._list.setHeaderLabels(["Name", "Comes from"])
        self._list.setRootIsDecorated(False)
        self._list.setColumnWidth(0, 180)
        self._list.currentItemChanged.connect(self._selected)
        self._delete = QPushButton("Delete")
        self._delete.setObjectName("delete_key")
        self._delete.setAutoDefault(False)  # focused or not, Enter must never press it
        self._delete.clicked.connect(self._delete_selected)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._delete)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._banner)
        layout.addWidget(self._list, 1)
        layout.addLayout(row)
        layout.addWidget(self._build_entry())
        self._status = QLabel(wordWrap=True)
        self._status.setObjectName("key_status")
        layout.addWidget(self._status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # Enter belongs to Save
        layout.addWidget(close)
        self.reload()

    def _build_entry(self) -> QGroupBox:
        box = QGroupBox("Add or replace a key")
        self._name = QLineEdit("default")
        self._name.setObjectName("key_name")
        self._name.setPlaceholderText("default")
        self._name.textChanged.connect(self._update_save)
        self._value = QLineEdit()
        self._value.setObjectName("key_value")
        self._value.setEchoMode(QLineEdit.EchoMode.Password)
        self._value.setPlaceholderText("sk-…")
        self._value.textChanged.connect(self._update_save)
        self._reveal = QAction("Show", self._value)
        self._reveal.setObjectName("reveal_key")
        self._reveal.setCheckable(True)
        self._reveal.setToolTip("Show or hide the key as you type it")
        self._reveal.toggled.connect(self._set_revealed)
        self._value.addAction(self._reveal, QLineEdit.ActionPosition.TrailingPosition)
        self._this_run = QCheckBox("Keep for this run only (not saved in the keyring)")
        self._this_run.setObjectName("this_run_only")
        self._save = QPushButton("Add")
        self._save.setObjectName("save_key")
        self._save.setDefault(True)
        self._save.clicked.connect(self._save_key)
        form = QFormLayout(box)
        form.addRow("Name:", self._name)
        form.addRow("Key:", self._value)
        last = QHBoxLayout()  # the button at the end of its row, as wide as its text
        last.addWidget(self._this_run, 1)
        last.addWidget(self._save)
        form.addRow("", last)
        return box

    # -- list ---------------------------------------------------------------------

    def reload(self) -> None:
        """Ask the keyring again whether it works and which keys it holds (on a worker)."""
        keys, env = self._keys, self._env
        self._ask_keyring(lambda: (keys.unavailable_reason(), keys.list(env)), "Looking in the keyring…",
                          self._show_keyring)

    def busy(self) -> bool:
        """Whether the dialog waits for the keyring."""
        return self._task is not None

    def _show_keyring(self, answer: tuple[str | None, list[KeyInfo]]) -> None:
        self._unavailable, infos = answer
        self._banner.setText(f"The keyring can't be used, so keys can be kept for this run only.\n"
                             f"{self._unavailable}" if self._unavailable else "")
        self._banner.setVisible(bool(self._unavailable))
        if self._unavailable:
            self._this_run.setChecked(True)
        self._this_run.setEnabled(not self._unavailable)
        self._show_list(infos)

    def _show_list(self, infos: list[KeyInfo]) -> None:
        current = self._name.text().strip()
        self._list.clear()
        for info in infos:
            item = QTreeWidgetItem([info.name, info.source])
            item.setData(0, Qt.ItemDataRole.UserRole, info.name)
            item.setData(1, Qt.ItemDataRole.UserRole, info.deletable)
            if not info.deletable:
                item.setToolTip(1, "Set outside realtime-gui; change or unset it in your environment.")
            self._list.addTopLevelItem(item)
            if info.name == current:
                self._list.setCurrentItem(item)
        self._update_save()
        self._delete.setEnabled(self._deletable(self._list.currentItem()))

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        self._delete.setEnabled(not self.busy() and self._deletable(item))
        if item is not None:
            self._name.setText(item.data(0, Qt.ItemDataRole.UserRole))

    @staticmethod
    def _deletable(item: QTreeWidgetItem | None) -> bool:
        # OPENAI_API_KEY belongs to the environment, not to us.
        return item is not None and bool(item.data(1, Qt.ItemDataRole.UserRole))

    def _names(self) -> set[str]:
        items = (self._list.topLevelItem(i) for i in range(self._list.topLevelItemCount()))
        return {item.text(0) for item in items if item is not None}

    # -- actions ------------------------------------------------------------------

    def _update_save(self) -> None:
        replacing = self._name.text().strip() in self._names()
        self._save.setText("Replace" if replacing else "Add")
        self._save.setEnabled(not self.busy() and bool(self._name.text().strip() and self._value.text().strip()))

    def _ask_keyring(self, work: Callable[[], Any], waiting: str, then: Callable[[Any], None]) -> None:
        """Run ``work`` on a worker, the buttons disabled meanwhile; ``then`` gets its answer.
        What it raises is shown in the status line."""
        self._then = then
        self._task = self._runner.start(work)
        self._status.setText(waiting)
        for widget in (self._save, self._delete, self._this_run):
            widget.setEnabled(False)

    def _answered(self, task_id: int, result: object, error: object) -> None:
        if task_id != self._task:
            return
        self._task = None
        self._this_run.setEnabled(not self._unavailable)
        self._update_save()
        self._delete.setEnabled(self._deletable(self._list.currentItem()))
        self._status.setText("")
        if isinstance(error, (KeyNameError, ValueError, KeyringUnavailableError)):
            self._status.setText(str(error))
        elif isinstance(error, BaseException):
            self._status.setText(f"The keyring failed unexpectedly ({type(error).__name__}).")
        else:
            self._then(result)

    def _set_revealed(self, revealed: bool) -> None:
        self._value.setEchoMode(QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password)
        self._reveal.setText("Hide" if revealed else "Show")

    def _save_key(self) -> None:
        name = self._name.text().strip()
        if self.busy() or not (name and self._value.text().strip()):
            return
        this_run = self._this_run.isChecked()
        if name in self._names() and self._ask(
                "Replace key", f"Replace the key “{name}”? The key stored now is lost; configurations "
                "that use it will use the new one.", (Destructive("Replace"), "Cancel")) != "Replace":
            self._status.setText(f"Kept the key “{name}” as it was.")
            return
        keys, env, value = self._keys, self._env, self._value.text()

        def save() -> list[KeyInfo]:
            keys.set(name, value, this_run_only=this_run)
            return keys.list(env)

        def saved(infos: list[KeyInfo]) -> None:
            if self._value.text() == value:  # typed again meanwhile: that is kept
                self._value.clear()
                self._reveal.setChecked(False)
            where = "for this run only" if this_run else "in the keyring"
            self._status.setText(f"Saved the key “{name}” {where}.")
            self._show_list(infos)
            self.keys_changed.emit()

        where = "this run's keys" if this_run else "the keyring (it may ask to be unlocked)"
        self._ask_keyring(save, f"Saving the key “{name}” in {where}…", saved)

    def _delete_selected(self) -> None:
        item = self._list.currentItem()
        if self.busy() or item is None or not self._deletable(item):
            return
        name = str(item.data(0, Qt.ItemDataRole.UserRole))
        choice = self._ask("Delete key", f"Delete the key “{name}”? Configurations that use it "
                           "will need another key.", (Destructive("Delete"), "Cancel"))
        if choice != "Delete":
            return
        keys, env = self._keys, self._env

        def delete() -> list[KeyInfo]:
            keys.delete(name)
            return keys.list(env)

        def deleted(infos: list[KeyInfo]) -> None:
            self._status.setText(f"Deleted the key “{name}”.")
            self._show_list(infos)
            self.keys_changed.emit()

        self._ask_keyring(delete, f"Deleting the key “{name}” (the keyring may ask to be unlocked)…", deleted)
