"""The configuration open in the window: which one, as it was saved, whether
it changed since; opening, switching and saving it.

:class:`OpenConfiguration` works on the editors it is given (the endpoint bar,
the form, the connection section) and the list of names; it tells its
``on_shown`` collaborator whenever what the editors show changed, so the
preview, the key's source and the actions can follow.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from realtime_gui.core.library.configurations import load_configuration, save_configuration
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore, ConfigStoreError
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.dialogs.standard import Ask, Destructive, Tell
from realtime_gui.ui.form.connection import ConnectionSection
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.endpoint_bar import EndpointBar

__all__ = ["FIRST_NAME", "OpenConfiguration"]

FIRST_NAME = "Default"  # of the configuration made on the first run


class OpenConfiguration:
    """Opening, switching, dirty state and saving.

    ``on_shown(config, opened)`` runs after the editors show a configuration
    (``opened``: loaded as saved) or an edit of it; ``show_title(name, dirty)``
    puts the name and the unsaved mark in the window's title.
    """

    def __init__(self, *, store: ConfigStore, keys: ApiKeys, bar: EndpointBar, form: FormView,
                 connection: ConnectionSection, names: ConfigList, ask: Ask, tell: Tell,
                 show_status: Callable[[str], None], show_title: Callable[[str, bool], None],
                 on_shown: Callable[[Configuration, bool], None]) -> None:
        self._store, self._keys = store, keys
        self._bar, self._form, self._connection, self._names = bar, form, connection, names
        self._ask, self._tell = ask, tell
        self._show_status, self._show_title, self._on_shown = show_status, show_title, on_shown
        self._name = ""
        self._saved: Configuration | None = None  # as the editors showed it when loaded or saved
        self._dirty = False

    def current_name(self) -> str:
        return self._name

    def current_configuration(self) -> Configuration:
        """The configuration as the editors show it now (a copy of their values)."""
        return Configuration(self._name, self._bar.endpoint(), self._form.values(), self._connection.connection())

    def is_dirty(self) -> bool:
        return self._dirty

    def open_configuration(self, config: Configuration) -> None:
        """Show ``config`` in the editors as saved (not dirty)."""
        self._name = config.name
        self._bar.set_endpoint(config.endpoint)
        self._form.set_configuration(config)
        self._connection.set_connection(config.connection)
        self._saved = self.current_configuration()
        self._set_dirty(False)
        self._names.select(config.name)
        self._on_shown(self._saved, True)

    def load_configuration(self, name: str) -> bool:
        try:
            config = load_configuration(self._store, name)
        except (ConfigStoreError, ValueError) as exc:
            self._tell("Could not open the configuration", str(exc))
            self._names.set_names(self._store.list(), select=self._name or None)
            return False
        self.open_configuration(config)
        return True

    def select_configuration(self, name: str) -> bool:
        """Switch to ``name``, asking first about unsaved changes."""
        if name == self._name:
            return True
        if not self.settle_changes(revert=False) or not self.load_configuration(name):
            self._names.select(self._name)
            return False
        return True

    def settle_changes(self, *, revert: bool = True) -> bool:
        """Ask about unsaved changes: False if the user cancels.

        ``revert`` puts the saved version back in the editors on Discard;
        not needed when another configuration is loaded next.
        """
        if not self._dirty:
            return True
        choice = self._ask("Unsaved changes", f"“{self._name}” has unsaved changes. Save them?",
                           ("Save", Destructive("Discard"), "Cancel"))
        if choice == "Save":
            return self.save()
        if choice == "Discard":
            if revert and self._saved is not None:
                self.open_configuration(self._saved)
            else:
                self._set_dirty(False)
            return True
        return False

    def save(self) -> bool:
        config = self.current_configuration()
        before = copy.deepcopy(config.values)  # saving moves plain secrets into the keyring
        try:
            config = save_configuration(self._store, self._keys, config)
        except (ConfigStoreError, KeyringUnavailableError, OSError, ValueError) as exc:
            self._tell("Could not save", str(exc))
            return False
        if config.values != before:  # plain secrets became keyring references
            self._form.set_configuration(config)
        self._saved = self.current_configuration()
        self._set_dirty(False)
        self._show_status(f"Saved “{config.name}”.")
        return True

    def renamed(self, name: str) -> None:
        """The current configuration was renamed on disk; unsaved edits stay."""
        self._name = name
        if self._saved is not None:
            self._saved.name = name
        self._names.select(name)
        self._set_dirty(self._dirty)

    def open_initial(self) -> None:
        """Open the configuration the list shows selected, else the first (made on the first run)."""
        names = self._store.list()
        if not names:  # first run: something to edit straight away
            self._store.create(FIRST_NAME, Configuration.new(FIRST_NAME).to_data())
            names = [FIRST_NAME]
            self._names.set_names(names)
        wanted = self._names.current_name() or names[0]
        if not self.load_configuration(wanted) and wanted != names[0]:
            self.load_configuration(names[0])

    def edited(self) -> None:
        """The editors changed: mark or unmark the configuration as unsaved."""
        config = self.current_configuration()
        if (config != self._saved) != self._dirty:
            self._set_dirty(not self._dirty)
        self._on_shown(config, False)

    def endpoint_changed(self, endpoint_id: str) -> None:
        self._form.set_endpoint(endpoint_id)
        self.edited()

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self._names.set_unsaved(self._name, dirty)
        self._show_title(self._name, dirty)
