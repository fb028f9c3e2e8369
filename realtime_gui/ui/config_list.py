"""The saved configurations: the list, the Import dialog, and what one does with them.

:class:`ConfigList` shows names only (``ConfigStore.list`` opens no files),
so it fills at once even with hundreds of configurations. It decides nothing:
selecting a row emits ``selection_requested`` and the window, which may ask
about unsaved changes first, answers with :meth:`ConfigList.select`.
:class:`Library` carries out New, Duplicate, Rename, Delete, Import, Export
and Convert to GA with the store, and hands the result to the window.

The list paints before the declaration is loaded (see ``main_window``), so
the core's heavier modules are imported inside the functions that use them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMenu, QPlainTextEdit, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from ..core.store import ConfigStoreError, atomic_write_text
from .app import Ask, AskText, OpenPath, SavePath, Tell
from .style import monospace, muted

if TYPE_CHECKING:
    from ..core.config import Configuration
    from ..core.keys import ApiKeys
    from ..core.store import ConfigStore

__all__ = ["ConfigList", "ImportDialog", "Imported", "Library", "Workbench", "read_import"]

_NAME_ROLE = Qt.ItemDataRole.UserRole
_UNSAVED_MARK = " •"


class ConfigList(QWidget):
    """Names, a filter and the buttons of the given actions."""

    selection_requested = Signal(str)

    def __init__(self, buttons: Sequence[QAction], more: Sequence[QAction], parent: QWidget | None = None) -> None:
        """``buttons`` get a button each, ``more`` share a menu; all are in the context menu."""
        super().__init__(parent)
        self.setObjectName("config_panel")
        self._filter = QLineEdit()
        self._filter.setObjectName("config_filter")
        self._filter.setPlaceholderText("Filter configurations")
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._apply_filter)
        self._list = QListWidget()
        self._list.setObjectName("config_list")
        self._list.setUniformItemSizes(True)  # keeps 500 rows as cheap as 5
        self._list.currentItemChanged.connect(self._current_changed)
        self._list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._list.addActions([*buttons, *more])
        self._dirty: str | None = None

        row = QHBoxLayout()
        row.setSpacing(2)
        for action in buttons:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setObjectName(action.objectName().removeprefix("action_") + "_button")
            row.addWidget(button)
        row.addStretch(1)
        menu_button = QToolButton()
        menu_button.setText("More")
        menu_button.setObjectName("config_more")
        menu_button.setToolTip("Duplicate, rename or delete the configuration")
        menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(menu_button)
        menu.addActions(list(more))
        menu_button.setMenu(menu)
        row.addWidget(menu_button)

        title = QLabel("Configurations")
        title.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(title)
        layout.addWidget(self._filter)
        layout.addWidget(self._list, 1)
        layout.addLayout(row)

    def set_names(self, names: Sequence[str], select: str | None = None) -> None:
        """Replace the rows; selects ``select`` without emitting anything."""
        with QSignalBlocker(self._list):
            self._list.clear()
            for name in names:
                item = QListWidgetItem(name)
                item.setData(_NAME_ROLE, name)
                self._list.addItem(item)
        self._apply_filter(self._filter.text())
        if select is not None:
            self.select(select)
        if self._dirty is not None:
            self.set_unsaved(self._dirty, True)

    def select(self, name: str | None) -> None:
        """Make ``name`` the current row without emitting ``selection_requested``."""
        with QSignalBlocker(self._list):
            item = self._item(name) if name is not None else None
            if item is None:
                self._list.setCurrentRow(-1)
            else:
                self._list.setCurrentItem(item)
                self._list.scrollToItem(item)

    def current_name(self) -> str | None:
        item = self._list.currentItem()
        return str(item.data(_NAME_ROLE)) if item is not None else None

    def set_unsaved(self, name: str, unsaved: bool) -> None:
        """Mark ``name`` as having unsaved changes (only one row ever is)."""
        if self._dirty is not None and (item := self._item(self._dirty)):
            self._decorate(item, False)
        self._dirty = name if unsaved else None
        if unsaved and (item := self._item(name)):
            self._decorate(item, True)

    def _item(self, name: str) -> QListWidgetItem | None:
        found = self._list.findItems(name, Qt.MatchFlag.MatchExactly)
        found += self._list.findItems(name + _UNSAVED_MARK, Qt.MatchFlag.MatchExactly)
        return next((i for i in found if i.data(_NAME_ROLE) == name), None)

    @staticmethod
    def _decorate(item: QListWidgetItem, unsaved: bool) -> None:
        name = item.data(_NAME_ROLE)
        item.setText(name + _UNSAVED_MARK if unsaved else name)
        font = QFont(item.font())
        font.setItalic(unsaved)
        item.setFont(font)
        item.setToolTip("Unsaved changes (Ctrl+S saves)" if unsaved else "")

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self._list.count()):
            item = self._list.item(i)
            item.setHidden(bool(needle) and needle not in item.data(_NAME_ROLE).casefold())

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.selection_requested.emit(current.data(_NAME_ROLE))


# --- import -----------------------------------------------------------------------

@dataclass
class Imported:
    """A configuration read from pasted or loaded text, and what was left out."""

    configuration: Configuration
    kind: str  # what the text was, in words
    unknown: list[str] = field(default_factory=list)  # wire paths no field declares
    problems: list[str] = field(default_factory=list)  # values that could not be read


def read_import(text: str, name: str) -> Imported:
    """A configuration from an exported configuration file or a raw request body.

    Raises ``ValueError`` saying what is wrong with the text.
    """
    from ..core.body import detect_endpoint, import_body
    from ..core.config import Configuration
    from ..core.declaration import endpoint
    from ..core.types import parse_json_text

    document = parse_json_text(text)
    if isinstance(document, dict) and "values" in document and "format" in document:
        return Imported(Configuration.from_document(document, name), "a realtime-gui configuration file")
    endpoint_id = detect_endpoint(document)
    result = import_body(document, endpoint_id)
    return Imported(result.configuration(name), f"a request body for {endpoint(endpoint_id).label}",
                    result.unknown, result.problems)


class ImportDialog(QDialog):
    """Paste or open a configuration file or a raw JSON request body."""

    def __init__(self, suggested_name: str, open_path: Callable[[], Path | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import configuration")
        self.setObjectName("import_dialog")
        self.resize(640, 520)
        self._open_path = open_path
        self.imported: Imported | None = None

        self._name = QLineEdit(suggested_name)
        self._name.setObjectName("import_name")
        self._text = QPlainTextEdit()
        self._text.setObjectName("import_text")
        self._text.setFont(monospace())
        self._text.setPlaceholderText('{"session": {"type": "realtime", "model": "gpt-realtime", ...}}')
        self._text.textChanged.connect(self._check)
        self._verdict = muted()
        self._verdict.setObjectName("import_verdict")
        open_file = QPushButton("Open file…")
        open_file.clicked.connect(self._load_file)
        top = QHBoxLayout()
        top.addWidget(muted("Paste a raw request body (as you would send it with curl) or an "
                            "exported configuration, or open a file."), 1)
        top.addWidget(open_file)
        form = QFormLayout()
        form.addRow("Name:", self._name)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                         | QDialogButtonBox.StandardButton.Cancel)
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._verdict)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        self._check()

    def set_text(self, text: str) -> None:
        self._text.setPlainText(text)

    def name(self) -> str:
        return self._name.text().strip()

    def _load_file(self) -> None:
        path = self._open_path()
        if path is None:
            return
        try:
            self._text.setPlainText(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            self._verdict.setText(f"Could not read {path}: {exc}")
            return
        if self._name.text().strip() in ("", "Imported"):
            self._name.setText(path.stem)

    def _check(self) -> None:
        self.imported = None
        text = self._text.toPlainText()
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not text.strip():
            self._verdict.setText("")
            ok.setEnabled(False)
            return
        try:
            self.imported = read_import(text, self.name() or "Imported")
        except ValueError as exc:
            self._verdict.setText(f"Can't import this: {exc}")
            ok.setEnabled(False)
            return
        left_out = len(self.imported.unknown) + len(self.imported.problems)
        note = f"; {left_out} part(s) will be left out" if left_out else ""
        self._verdict.setText(f"This is {self.imported.kind}{note}.")
        ok.setEnabled(True)


# --- operations -------------------------------------------------------------------

class Workbench(Protocol):
    """What :class:`Library` needs of the window that edits configurations."""

    ask: Ask
    ask_text: AskText
    tell: Tell
    open_path: OpenPath
    save_path: SavePath

    def current_name(self) -> str: ...
    def current_configuration(self) -> Configuration: ...
    def settle_changes(self, *, revert: bool = True) -> bool: ...
    def open_configuration(self, config: Configuration) -> None: ...
    def load_configuration(self, name: str) -> bool: ...
    def renamed(self, name: str) -> None: ...
    def show_status(self, text: str) -> None: ...


NEW_NAME = "New configuration"


class Library:
    """New, Duplicate, Rename, Delete, Import, Export and Convert to GA."""

    def __init__(self, bench: Workbench, view: ConfigList, store: ConfigStore, keys: ApiKeys) -> None:
        self._bench, self._view, self._store, self._keys = bench, view, store, keys

    def unique_name(self, base: str) -> str:
        taken = {n.casefold() for n in self._store.list()}
        candidates = (base if n == 1 else f"{base} {n}" for n in range(1, 100_000))
        return next(c for c in candidates if c.casefold() not in taken)

    def add(self, config: Configuration) -> None:
        """Save a new configuration (its secrets to the keyring) and open it."""
        from ..core.service import stash_secrets

        stash_secrets(config, self._keys)
        self._store.create(config.name, config.to_data())
        self._view.set_names(self._store.list())
        self._bench.open_configuration(config)

    def new(self) -> None:
        from ..core.config import Configuration
        from ..core.declaration import endpoint

        if self._bench.settle_changes(revert=False):
            self.add(Configuration.new(self.unique_name(NEW_NAME)))
            self._bench.show_status(f"Created “{self._bench.current_name()}” for {endpoint('ga').label}.")

    def duplicate(self) -> None:
        if not self._bench.settle_changes():
            return
        copy_name = self._store.duplicate(self._bench.current_name())
        self._view.set_names(self._store.list())
        self._bench.load_configuration(copy_name)

    def rename(self) -> None:
        old = self._bench.current_name()
        new = self._bench.ask_text("Rename configuration", "New name:", old)
        if not new or new.strip() == old:
            return
        try:
            new = self._store.rename(old, new)
        except (ConfigStoreError, ValueError) as exc:
            self._bench.tell("Could not rename", str(exc))
            return
        self._view.set_names(self._store.list())
        self._bench.renamed(new)

    def delete(self) -> None:
        name = self._bench.current_name()
        question = f"Move “{name}” to {self._store.root / 'trash'}? It can be restored from there."
        if self._bench.ask("Delete configuration", question, ("Delete", "Cancel")) != "Delete":
            return
        names = self._store.list()
        self._store.delete(name)
        rest = [n for n in names if n != name]
        if not rest:  # there is always a configuration to edit
            from ..core.config import Configuration

            self.add(Configuration.new(self.unique_name(NEW_NAME)))
        else:
            self._view.set_names(rest)
            self._bench.load_configuration(rest[min(names.index(name), len(rest) - 1)])
        self._bench.show_status(f"Moved “{name}” to the trash folder.")

    def import_dialog(self, parent: QWidget | None = None) -> None:
        dialog = ImportDialog(self.unique_name("Imported"), lambda: self._bench.open_path("Import"), parent)
        if dialog.exec() and dialog.imported is not None:
            self.import_text(dialog.imported, dialog.name())

    def import_text(self, source: str | Imported, name: str) -> Imported | None:
        """Import a configuration file or a raw request body as ``name`` and open it.

        Tells the user, by wire path, what could not be imported.
        """
        if not self._bench.settle_changes(revert=False):
            return None
        try:
            imported = read_import(source, name) if isinstance(source, str) else source
        except ValueError as exc:
            self._bench.tell("Could not import", str(exc))
            return None
        imported.configuration.name = self.unique_name(name.strip() or "Imported")
        self.add(imported.configuration)
        left_out = [f"• {path}: not a field realtime-gui knows" for path in imported.unknown]
        left_out += [f"• {problem}" for problem in imported.problems]
        summary = f"Imported “{imported.configuration.name}” from {imported.kind}."
        self._bench.show_status(summary)
        if left_out:
            self._bench.tell("Imported with omissions",
                             f"{summary} These parts were not imported:\n" + "\n".join(left_out))
        return imported

    def export_body(self) -> None:
        from ..core.body import build_body

        config = self._bench.current_configuration()
        # build_body's default encoding writes placeholders in place of secrets.
        self._export("Export request body", f"{config.name}.body.json", build_body(config))

    def export_configuration(self) -> None:
        from ..core.service import stash_secrets

        config = self._bench.current_configuration()
        stash_secrets(config, self._keys)  # exports hold keyring references, never secrets
        self._export("Export configuration", f"{config.name}.json", config.to_document())

    def _export(self, title: str, suggested: str, document: Any) -> None:
        path = self._bench.save_path(title, suggested)
        if path is None:
            return
        try:
            atomic_write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        except OSError as exc:
            self._bench.tell("Could not export", f"{path}: {exc.strerror or exc}")
            return
        self._bench.show_status(f"Exported to {path}.")

    def convert_to_ga(self) -> Configuration | None:
        """Copy the configuration to its GA endpoint as “NAME (GA)”, keeping the original,
        and tell the user which fields did not carry over."""
        from ..core.body import convert
        from ..core.declaration import ENDPOINTS, endpoint

        source = endpoint(self._bench.current_configuration().endpoint)
        target = next((e for e in ENDPOINTS.values() if e.shape == "ga" and e.family == source.family), None)
        if source.shape != "beta" or target is None or not self._bench.settle_changes():
            return None
        original = self._bench.current_name()
        conversion = convert(self._bench.current_configuration(), target.id,
                             self.unique_name(f"{original} (GA)"))
        new = conversion.configuration
        self.add(new)
        dropped = "\n".join(f"• {label}: {why}" for label, why in conversion.dropped)
        self._bench.show_status(f"Converted “{original}” into “{new.name}” for {target.label}.")
        self._bench.tell("Converted to GA", f"“{new.name}” is a copy of “{original}” for {target.label}; " + (
            f"these fields did not carry over:\n{dropped}" if dropped else "everything carried over."))
        return new
