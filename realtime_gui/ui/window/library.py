"""What one does with saved configurations: New, Duplicate, Rename, Delete,
Import, Export and Convert to GA.

:class:`Library` carries each out with the store and hands the result to the
configuration open in the window (a :class:`CurrentConfiguration`), which
shows it; the list of names is a :class:`~.config_list.ConfigList`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.catalog.endpoints import DEFAULT_ENDPOINT
from realtime_gui.core.library.atomic import atomic_write_text
from realtime_gui.core.library.configurations import conversion_target, export_document
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secrets import stash_secrets
from realtime_gui.core.library.store import ConfigStore, ConfigStoreError
from realtime_gui.core.wire.body import build_body
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.convert import convert
from realtime_gui.core.wire.importing import Imported, read_import
from realtime_gui.ui.dialogs.importing import ImportDialog
from realtime_gui.ui.dialogs.standard import Destructive, Dialogs
from realtime_gui.ui.window.config_list import ConfigList

__all__ = ["NEW_NAME", "CurrentConfiguration", "Library"]


class CurrentConfiguration(Protocol):
    """What :class:`Library` needs of the configuration open in the window
    (:class:`~.editing.OpenConfiguration` fits)."""

    def current_name(self) -> str: ...
    def current_configuration(self) -> Configuration: ...
    def settle_changes(self, *, revert: bool = True) -> bool: ...
    def open_configuration(self, config: Configuration) -> None: ...
    def load_configuration(self, name: str) -> bool: ...
    def renamed(self, name: str) -> None: ...


NEW_NAME = "New configuration"


class Library:
    """New, Duplicate, Rename, Delete, Import, Export and Convert to GA."""

    def __init__(self, *, current: CurrentConfiguration, names: ConfigList, store: ConfigStore, keys: ApiKeys,
                 dialogs: Dialogs, show_status: Callable[[str], None]) -> None:
        self._current, self._view, self._store, self._keys = current, names, store, keys
        self._dialogs, self._show_status = dialogs, show_status

    def unique_name(self, base: str) -> str:
        taken = {n.casefold() for n in self._store.list()}
        candidates = (base if n == 1 else f"{base} {n}" for n in range(1, 100_000))
        return next(c for c in candidates if c.casefold() not in taken)

    def add(self, config: Configuration) -> None:
        """Save a new configuration (its secrets to the keyring) and open it."""
        config = stash_secrets(config, self._keys)
        self._store.create(config.name, config.to_data())
        self._view.set_names(self._store.list())
        self._current.open_configuration(config)

    def new(self) -> None:
        if self._current.settle_changes(revert=False):
            self.add(Configuration.new(self.unique_name(NEW_NAME)))
            self._show_status(f"Created “{self._current.current_name()}” for {endpoint(DEFAULT_ENDPOINT).label}.")

    def duplicate(self) -> None:
        if not self._current.settle_changes():
            return
        copy_name = self._store.duplicate(self._current.current_name())
        self._view.set_names(self._store.list())
        self._current.load_configuration(copy_name)

    def rename(self) -> None:
        old = self._current.current_name()
        new = self._dialogs.ask_text("Rename configuration", "New name:", old)
        if not new or new.strip() == old:
            return
        try:
            new = self._store.rename(old, new)
        except (ConfigStoreError, ValueError) as exc:
            self._dialogs.tell("Could not rename", str(exc))
            return
        self._view.set_names(self._store.list())
        self._current.renamed(new)

    def delete(self) -> None:
        name = self._current.current_name()
        question = f"Move “{name}” to {self._store.root / 'trash'}? It can be restored from there."
        if self._dialogs.ask("Delete configuration", question, (Destructive("Delete"), "Cancel")) != "Delete":
            return
        names = self._store.list()
        self._store.delete(name)
        rest = [n for n in names if n != name]
        if not rest:  # there is always a configuration to edit
            self.add(Configuration.new(self.unique_name(NEW_NAME)))
        else:
            self._view.set_names(rest)
            self._current.load_configuration(rest[min(names.index(name), len(rest) - 1)])
        self._show_status(f"Moved “{name}” to the trash folder.")

    def import_dialog(self, parent: QWidget | None = None) -> None:
        dialog = ImportDialog(self.unique_name("Imported"), lambda: self._dialogs.open_path("Import"), parent)
        if dialog.exec() and dialog.imported is not None:
            self.import_text(dialog.imported, dialog.name())

    def import_text(self, source: str | Imported, name: str) -> Imported | None:
        """Import a configuration file or a raw request body as ``name`` and open it.

        Tells the user, by wire path, what could not be imported.
        """
        if not self._current.settle_changes(revert=False):
            return None
        try:
            imported = read_import(source, name) if isinstance(source, str) else source
        except ValueError as exc:
            self._dialogs.tell("Could not import", str(exc))
            return None
        imported.configuration.name = self.unique_name(name.strip() or "Imported")
        self.add(imported.configuration)
        left_out = [f"• {path}: not a field realtime-gui knows" for path in imported.unknown]
        left_out += [f"• {problem}" for problem in imported.problems]
        summary = f"Imported “{imported.configuration.name}” from {imported.kind}."
        self._show_status(summary)
        if left_out:
            self._dialogs.tell("Imported with omissions",
                             f"{summary} These parts were not imported:\n" + "\n".join(left_out))
        return imported

    def export_body(self) -> None:
        config = self._current.current_configuration()
        # build_body's default encoding writes placeholders in place of secrets.
        self._export("Export request body", f"{config.name}.body.json", build_body(config))

    def export_configuration(self) -> None:
        config = self._current.current_configuration()
        # Keyring references only; an unsaved secret is left out, and nothing is written to the keyring.
        self._export("Export configuration", f"{config.name}.json", export_document(config))

    def _export(self, title: str, suggested: str, document: Any) -> None:
        path = self._dialogs.save_path(title, suggested)
        if path is None:
            return
        try:
            atomic_write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        except OSError as exc:
            self._dialogs.tell("Could not export", f"{path}: {exc.strerror or exc}")
            return
        self._show_status(f"Exported to {path}.")

    def convert_to_ga(self, *, replace: bool = False) -> Configuration | None:
        """Convert the configuration to its GA endpoint: as a copy named “NAME (GA)”,
        keeping the original, or in place when ``replace``. Tells the user which
        fields did not carry over."""
        target = conversion_target(self._current.current_configuration())
        if target is None or not self._current.settle_changes():
            return None
        original = self._current.current_name()
        name = original if replace else self.unique_name(f"{original} (GA)")
        conversion = convert(self._current.current_configuration(), target.id, name)
        new = conversion.configuration
        if replace:
            new = stash_secrets(new, self._keys)
            self._store.save(new.name, new.to_data())
            self._current.open_configuration(new)
            done = f"“{original}” now targets {target.label}"
        else:
            self.add(new)
            done = f"“{new.name}” is a copy of “{original}” for {target.label}"
        dropped = "\n".join(f"• {label}: {why}" for label, why in conversion.dropped)
        self._show_status(f"Converted “{original}” for {target.label}.")
        self._dialogs.tell("Converted to GA", f"{done}; " + (
            f"these fields did not carry over:\n{dropped}" if dropped else "everything carried over."))
        return new
