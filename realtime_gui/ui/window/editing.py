"""The configuration open in the window: which one, as it was saved, whether
it changed since; opening, switching and saving it; and what it says about
its key and its request.

:class:`Editing` is a part of :class:`~.main_window.MainWindow`, which brings
the editors (``endpoint_bar``, ``form``, ``connection``), the list and the
dialogs. Since the window's first frame imports this module, the core is
imported inside the methods (see ``first_paint``).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow

    from realtime_gui.core.wire.configuration import Configuration
    from realtime_gui.ui.shell.app import Ask, Services, Tell
    from realtime_gui.ui.window.config_list import ConfigList
    from realtime_gui.ui.form.connection import ConnectionSection
    from realtime_gui.ui.form.key_lookup import KeyLookup
    from realtime_gui.ui.window.endpoint_bar import EndpointBar
    from realtime_gui.ui.form.form import FormView
    from realtime_gui.ui.window.preview import PreviewContent, RequestPreview
    from realtime_gui.ui.window.result_panel import ResultPanel

    _Window = QMainWindow  # checked as the window it is part of; a plain mixin when run
else:
    _Window = object

__all__ = ["FIRST_NAME", "Editing"]

FIRST_NAME = "Default"  # of the configuration made on the first run


class Editing(_Window):
    """Opening, switching, dirty state and saving, for :class:`~.main_window.MainWindow`."""

    if TYPE_CHECKING:  # what this part uses of the rest of the window
        services: Services
        ask: Ask
        tell: Tell
        config_list: ConfigList
        endpoint_bar: EndpointBar
        form: FormView
        connection: ConnectionSection
        preview: RequestPreview
        result_panel: ResultPanel
        key_lookup: KeyLookup
        convert_action: QAction
        convert_replace_action: QAction

        def finish_start(self) -> None: ...
        def show_status(self, text: str) -> None: ...

    _name = ""
    _saved: Configuration | None = None  # as the editors showed it when loaded or saved
    _dirty = False

    def current_name(self) -> str:
        return self._name

    def current_configuration(self) -> Configuration:
        """The configuration as the editors show it now (a copy of their values)."""
        from realtime_gui.core.wire.configuration import Configuration

        return Configuration(self._name, self.endpoint_bar.endpoint(), self.form.values(),
                             self.connection.connection())

    def is_dirty(self) -> bool:
        return self._dirty

    def open_configuration(self, config: Configuration) -> None:
        """Show ``config`` in the editors as saved (not dirty)."""
        self._name = config.name
        self.endpoint_bar.set_endpoint(config.endpoint)
        self.form.set_configuration(config)
        self.connection.set_connection(config.connection)
        self._saved = self.current_configuration()
        self._set_dirty(False)
        self.config_list.select(config.name)
        self._endpoint_shown(config.endpoint)
        self.preview.schedule()
        self._refresh_key_source(self._saved)
        self.result_panel.clear()  # an error was about what was open before; a secret stays valid

    def load_configuration(self, name: str) -> bool:
        from realtime_gui.core.library.workflows import load_configuration
        from realtime_gui.core.library.store import ConfigStoreError

        try:
            config = load_configuration(self.services.store, name)
        except (ConfigStoreError, ValueError) as exc:
            self.tell("Could not open the configuration", str(exc))
            self.config_list.set_names(self.services.store.list(), select=self._name or None)
            return False
        self.open_configuration(config)
        return True

    def select_configuration(self, name: str) -> bool:
        """Switch to ``name``, asking first about unsaved changes."""
        self.finish_start()
        if name == self._name:
            return True
        if not self.settle_changes(revert=False) or not self.load_configuration(name):
            self.config_list.select(self._name)
            return False
        return True

    def settle_changes(self, *, revert: bool = True) -> bool:
        """Ask about unsaved changes: False if the user cancels.

        ``revert`` puts the saved version back in the editors on Discard;
        not needed when another configuration is loaded next.
        """
        if not self._dirty:
            return True
        choice = self.ask("Unsaved changes", f"“{self._name}” has unsaved changes. Save them?",
                          ("Save", "Discard", "Cancel"))
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
        from realtime_gui.core.service.errors import KeyringUnavailableError
        from realtime_gui.core.library.workflows import save_configuration
        from realtime_gui.core.library.store import ConfigStoreError

        config = self.current_configuration()
        before = copy.deepcopy(config.values)  # saving moves plain secrets into the keyring
        try:
            save_configuration(self.services.store, self.services.keys, config)
        except (ConfigStoreError, KeyringUnavailableError, OSError, ValueError) as exc:
            self.tell("Could not save", str(exc))
            return False
        if config.values != before:  # plain secrets became keyring references
            self.form.set_configuration(config)
        self._saved = self.current_configuration()
        self._set_dirty(False)
        self.show_status(f"Saved “{config.name}”.")
        return True

    def renamed(self, name: str) -> None:
        """The current configuration was renamed on disk; unsaved edits stay."""
        self._name = name
        if self._saved is not None:
            self._saved.name = name
        self.config_list.select(name)
        self._set_dirty(self._dirty)

    def _open_initial(self) -> None:
        """Open the configuration the list shows selected, else the first (made on the first run)."""
        from realtime_gui.core.wire.configuration import Configuration

        store = self.services.store
        names = store.list()
        if not names:  # first run: something to edit straight away
            store.create(FIRST_NAME, Configuration.new(FIRST_NAME).to_data())
            names = [FIRST_NAME]
            self.config_list.set_names(names)
        wanted = self.config_list.current_name() or names[0]
        if not self.load_configuration(wanted) and wanted != names[0]:
            self.load_configuration(names[0])

    def _edited(self) -> None:
        config = self.current_configuration()
        if (config != self._saved) != self._dirty:
            self._set_dirty(not self._dirty)
        self.preview.schedule()
        self._refresh_key_source(config)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.config_list.set_unsaved(self._name, dirty)
        self.setWindowTitle(f"{self._name}[*] — realtime-gui")
        self.setWindowModified(dirty)

    def _endpoint_changed(self, endpoint_id: str) -> None:
        self.form.set_endpoint(endpoint_id)
        self._endpoint_shown(endpoint_id)
        self._edited()

    def _endpoint_shown(self, endpoint_id: str) -> None:
        from realtime_gui.core.catalog.declaration import endpoint

        for action in (self.convert_action, self.convert_replace_action):
            action.setEnabled(endpoint(endpoint_id).shape == "beta")

    # -- its key and its request --------------------------------------------------------

    @staticmethod
    def _key_name(config: Configuration) -> str:
        return str(config.setting("key_name") or "default")

    def _refresh_key_source(self, config: Configuration) -> None:
        from realtime_gui.core.service.providers import service_summary

        source = self.key_lookup.describe(self._key_name(config))
        self.connection.set_key_source(source)
        self.connection.set_summary(f"{service_summary(config, self.services.env)} · {source}")

    def _preview(self) -> PreviewContent:
        from realtime_gui.ui.window.preview import preview_content

        config = self.current_configuration()
        name = self._key_name(config)
        return preview_content(config, name, self.key_lookup.credentials(name),
                               env=self.services.env, lookup=self.services.keys.load_secret)

    def _keys_changed(self) -> None:
        self.key_lookup.forget()
        self._refresh_key_source(self.current_configuration())
        self.preview.schedule()
