"""What one does with saved configurations: New, Duplicate, Rename, Delete,
Import, Export and Convert to GA.

:class:`Library` carries each out with the core's workflows (the command
line's too: ``core/library/configurations.py`` and the store) and hands the
result to the configuration open in the window (a :class:`CurrentConfiguration`),
which shows it; the list of names is a :class:`~.config_list.ConfigList`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.library.configurations import (
    conversion_name,
    conversion_target,
    convert_configuration,
    create_configuration,
    export_body,
    export_document,
    new_configuration,
    unique_name,
    write_export,
)
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore, ConfigStoreError
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.importing import Imported, read_import
from realtime_gui.ui.dialogs.importing import ImportDialog
from realtime_gui.ui.dialogs.standard import Destructive, Dialogs
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.keyring_wait import KeyringWait

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
                 dialogs: Dialogs, show_status: Callable[[str], None], keyring: KeyringWait | None = None) -> None:
        self._current, self._view, self._store, self._keys = current, names, store, keys
        self._dialogs, self._show_status = dialogs, show_status
        # Secrets move into the keyring off the UI thread (by default on the global pool).
        self._keyring = keyring or KeyringWait(None, None, show_status)

    def unique_name(self, base: str) -> str:
        return unique_name(self._store, base)

    def add(self, config: Configuration) -> bool:
        """Save a new configuration (its secrets to the keyring) and open it."""
        try:
            store, keys = self._store, self._keys
            saved = self._keyring.saving(config, lambda: create_configuration(store, keys, config),
                                         f"Saving “{config.name}”")
        except (ConfigStoreError, KeyringUnavailableError, ValueError) as exc:
            self._dialogs.tell("Could not create the configuration", str(exc))
            return False
        self._show(saved)
        return True

    def new(self) -> None:
        if self._current.settle_changes(revert=False) and (config := self._new()) is not None:
            self._show_status(f"Created “{config.name}” for {endpoint(config.endpoint).label}.")

    def _new(self) -> Configuration | None:
        try:
            config = new_configuration(self._store, self.unique_name(NEW_NAME))
        except (ConfigStoreError, ValueError) as exc:  # the name taken meanwhile by another program
            self._dialogs.tell("Could not create the configuration", str(exc))
            return None
        self._show(config)
        return config

    def duplicate(self) -> None:
        if not self._current.settle_changes():
            return
        try:
            copy_name = self._store.duplicate(self._current.current_name())
        except (ConfigStoreError, ValueError) as exc:
            self._dialogs.tell("Could not duplicate", str(exc))
            return
        self._view.set_names(self._store.list(), select=self._current.current_name())
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
        self._view.set_names(self._store.list(), select=new)
        self._current.renamed(new)

    def delete(self) -> None:
        """Move the open configuration to ``trash/``, once the user agreed
        (Enter keeps it), and open its neighbour."""
        name = self._current.current_name()
        question = f"Move “{name}” to {self._store.root / 'trash'}? It can be restored from there."
        if self._dialogs.ask("Delete configuration", question, (Destructive("Delete"), "Cancel"),
                             default="Cancel") != "Delete":
            return
        names = self._store.list()
        try:
            self._store.delete(name)
        except (ConfigStoreError, OSError) as exc:
            self._dialogs.tell("Could not delete", str(exc))
            return
        rest = [n for n in names if n != name]
        if not rest:  # there is always a configuration to edit
            self._new()
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
        if not self.add(imported.configuration):
            return None
        left_out = [f"• {path}: not a field realtime-gui knows" for path in imported.unknown]
        left_out += [f"• {problem}" for problem in imported.problems]
        summary = f"Imported “{self._current.current_name()}” from {imported.kind}."
        self._show_status(summary)
        if left_out:
            self._dialogs.tell("Imported with omissions",
                               f"{summary} These parts were not imported:\n" + "\n".join(left_out))
        return imported

    def export_body(self) -> None:
        config = self._current.current_configuration()
        # A placeholder in place of every secret: the window never exports secrets.
        self._export("Export request body", f"{config.name}.body.json", export_body(config))

    def export_configuration(self) -> None:
        config = self._current.current_configuration()
        # Keyring references only; an unsaved secret is left out, and nothing is written to the keyring.
        self._export("Export configuration", f"{config.name}.json", export_document(config))

    def _export(self, title: str, suggested: str, document: Any) -> None:
        path = self._dialogs.save_path(title, suggested)
        if path is None:
            return
        try:
            write_export(path, document)
        except OSError as exc:
            self._dialogs.tell("Could not export", f"{path}: {exc.strerror or exc}")
            return
        self._show_status(f"Exported to {path}.")

    def convert_to_ga(self, *, replace: bool = False) -> Configuration | None:
        """Convert the configuration to its GA endpoint: as a copy named “NAME (GA)”,
        keeping the original, or in place when ``replace`` (the original kept in
        ``trash/``). Tells the user which fields did not carry over."""
        target = conversion_target(self._current.current_configuration())
        if target is None or not self._current.settle_changes():
            return None
        original = self._current.current_name()
        name = original if replace else self.unique_name(conversion_name(original, target.id))
        try:
            store, keys, config = self._store, self._keys, self._current.current_configuration()
            conversion = self._keyring.saving(
                config, lambda: convert_configuration(store, keys, config, target.id, name, replace_original=replace),
                f"Converting “{original}”")
        except (ConfigStoreError, KeyringUnavailableError, OSError, ValueError) as exc:
            self._dialogs.tell("Could not convert", str(exc))
            return None
        new = conversion.configuration
        self._show(new)
        done = (f"“{original}” now targets {target.label}" if replace
                else f"“{new.name}” is a copy of “{original}” for {target.label}")
        dropped = "\n".join(f"• {label}: {why}" for label, why in conversion.dropped)
        self._show_status(f"Converted “{original}” for {target.label}.")
        self._dialogs.tell("Converted to GA", f"{done}; " + (
            f"these fields did not carry over:\n{dropped}" if dropped else "everything carried over."))
        return new

    def _show(self, config: Configuration) -> None:
        """List the names again and open ``config``, just saved."""
        self._view.set_names(self._store.list(), select=config.name)
        self._current.open_configuration(config)
