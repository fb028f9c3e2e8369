"""The configuration open in the window: which one, as it was saved, whether
it changed since; opening, switching and saving it, and following what other
programs do to the saved files meanwhile.

:class:`OpenConfiguration` works on the editors it is given (the endpoint bar,
the form, the connection section) and the list of names; it tells its
``on_shown`` collaborator whenever what the editors show changed, so the
preview, the key's source and the actions can follow.

The window never overwrites a change made outside it: the folder is watched
(:class:`~.folder_watch.FolderWatch`); the list follows added, removed and
renamed files; the open configuration, changed on disk, is reloaded when it
has no unsaved edits, and otherwise Save asks which version to keep, the one
replaced going to ``trash/`` first.

Loading moves secret values an older file still holds itself (MCP headers)
into the keyring, and saving moves the secrets typed here (MCP tokens and
headers). Both reach the keyring only through a :class:`~.keyring_wait.KeyringWait`,
off the UI thread; when the keyring fails, or the user stops waiting for it,
nothing is saved and the edits stay in the editors. A connection the user set up here -- the service, base URL
or key name edited in this window -- is their own choice: saving it records
it as confirmed (:func:`~realtime_gui.core.library.trust.trust_connection`),
so Mint doesn't ask about it. One opened from a file and saved untouched stays
unconfirmed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

from realtime_gui.core.catalog.connection import BASE_URL, KEY_NAME, SERVICE
from realtime_gui.core.library.configurations import (
    create_configuration,
    load_configuration,
    new_configuration,
    save_configuration,
    unique_name,
)
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secrets import holds_plain_secrets, move_plain_secrets, without_plain_secrets
from realtime_gui.core.library.store import ConfigStore, ConfigStoreError
from realtime_gui.core.library.trust import trust_connection
from realtime_gui.core.redact import scrub
from realtime_gui.core.service.errors import KeyringUnavailableError
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.dialogs.standard import Ask, Destructive, Tell
from realtime_gui.ui.form.connection import ConnectionSection
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.endpoint_bar import EndpointBar
from realtime_gui.ui.window.folder_watch import FileMark, FolderWatch
from realtime_gui.ui.window.keyring_wait import KeyringWait, StoppedWaiting

__all__ = ["FIRST_NAME", "KEEP_BOTH", "KEEP_MINE", "TAKE_THEIRS", "OpenConfiguration"]

FIRST_NAME = "Default"  # of the configuration made on the first run
# The answers when Save meets a change made outside the window; the first, the default, loses nothing.
KEEP_BOTH, KEEP_MINE, TAKE_THEIRS = "Save as New", "Keep Mine", "Take Theirs"
# The settings that say where the API key goes: edited here, they are the user's own choice.
_WHERE_THE_KEY_GOES = frozenset({SERVICE.key, BASE_URL.key, KEY_NAME.key})


class OpenConfiguration:
    """Opening, switching, dirty state and saving.

    ``on_shown(config, opened)`` runs after the editors show a configuration
    (``opened``: loaded as saved) or an edit of it; ``show_title(name, dirty)``
    puts the name and the unsaved mark in the window's title; ``keyring``
    waits for the keyring off the UI thread (by default on the global pool).
    """

    def __init__(self, *, store: ConfigStore, keys: ApiKeys, bar: EndpointBar, form: FormView,
                 connection: ConnectionSection, names: ConfigList, ask: Ask, tell: Tell,
                 show_status: Callable[[str], None], show_title: Callable[[str, bool], None],
                 on_shown: Callable[[Configuration, bool], None], keyring: KeyringWait | None = None) -> None:
        self._store, self._keys = store, keys
        self.keyring = keyring or KeyringWait(None, None, show_status)
        self._bar, self._form, self._connection, self._names = bar, form, connection, names
        self._ask, self._tell = ask, tell
        self._show_status, self._show_title, self._on_shown = show_status, show_title, on_shown
        self._name = ""
        self._saved: Configuration | None = None  # as the editors showed it when loaded or saved
        self._dirty = False
        self._mark: FileMark | None = None  # the file as last read or written here
        self.watch = FolderWatch(parent=names)  # goes with the window, never outlives its widgets
        self.watch.changed.connect(self.outside_changes)

    def current_name(self) -> str:
        return self._name

    def current_configuration(self) -> Configuration:
        """The configuration as the editors show it now (a copy of their values)."""
        return Configuration(self._name, self._bar.endpoint(), self._form.values(), self._connection.connection())

    def is_dirty(self) -> bool:
        return self._dirty

    def open_configuration(self, config: Configuration, mark: FileMark | None = None) -> None:
        """Show ``config``, as saved just now (or when ``mark`` was taken), in the editors."""
        self._show_saved(config)
        self._remember_file(mark)

    def _show_saved(self, config: Configuration) -> None:
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
            mark = FileMark(self._store.path_of(name))  # before reading: a change meanwhile counts
            config = self._move_plain_secrets(load_configuration(self._store, name))
        except (ConfigStoreError, ValueError) as exc:
            self._tell("Could not open the configuration", str(exc))
            self._names.set_names(self._store.list(), select=self._name or None)
            return False
        self.open_configuration(config, mark)
        return True

    def _move_plain_secrets(self, config: Configuration) -> Configuration:
        """``config``, just loaded, with the secret values its file holds itself moved into the keyring."""
        if not holds_plain_secrets(config):
            return config  # the keyring isn't asked
        store, keys = self._store, self._keys
        try:
            moved, note = self.keyring.call(
                lambda: move_plain_secrets(config, keys, lambda stashed: store.save(stashed.name, stashed.to_data())),
                f"Opening “{config.name}”")
        except StoppedWaiting:
            moved, note = config, (f"The secret values “{config.name}” keeps in its file were not moved to the "
                                   "keyring (it did not answer); the file was left as it is.")
        if note:
            self._show_status(note)
        return moved

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
                self._show_saved(self._saved)  # as read then: the file may hold another version by now
                self.outside_changes()
            else:
                self._set_dirty(False)
            return True
        return False

    def save(self) -> bool:
        """Save the editors' configuration; asks first if another program changed its file since."""
        if self._mark is not None and self._mark.changed() and self._store.exists(self._name):
            return self._save_over_outside_change()
        return self._save()

    def _save(self) -> bool:
        config = self.current_configuration()
        before = copy.deepcopy(config.values)  # saving moves plain secrets into the keyring
        try:
            store, keys, unsaved = self._store, self._keys, config
            config = self.keyring.saving(unsaved, lambda: save_configuration(store, keys, unsaved),
                                         f"Saving “{unsaved.name}”")
        except (ConfigStoreError, KeyringUnavailableError, OSError, ValueError) as exc:
            self._tell("Could not save", str(exc))
            return False
        if config.values != before:  # plain secrets became keyring references
            self._form.set_configuration(config)
        self._saved = self.current_configuration()
        self._remember_file()
        self._set_dirty(False)
        self._show_status(f"Saved “{config.name}”." + self._confirm_chosen_connection(config))
        return True

    def _confirm_chosen_connection(self, config: Configuration) -> str:
        """Record ``config``'s connection as confirmed when the user set where the
        key goes in this window; a note for the status when that failed."""
        if not self._connection.changed_here() & _WHERE_THE_KEY_GOES:
            return ""
        try:
            trust_connection(config)
        except (OSError, ValueError) as exc:
            return f" The connection could not be recorded as confirmed ({scrub(str(exc))}); Mint will ask."
        return ""

    def renamed(self, name: str) -> None:
        """The current configuration was renamed on disk; unsaved edits stay."""
        before = self._mark
        self._name = name
        if self._saved is not None:
            self._saved.name = name
        self._remember_file()
        if before is not None and self._mark is not None and (
                _without_name(before.content) != _without_name(self._mark.content)):
            self._mark.forget()  # changed outside before the rename: Save still asks
        self._names.select(name)
        self._set_dirty(self._dirty)

    def open_initial(self) -> None:
        """Open the configuration the list shows selected, else the first (made on the first run)."""
        names = self._store.list()
        if not names:  # first run: something to edit straight away
            new_configuration(self._store, FIRST_NAME)  # from the preferences, as New does
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

    # -- changes made outside the window ------------------------------------------------

    def _remember_file(self, mark: FileMark | None = None) -> None:
        """What the open configuration's file holds now (or held when ``mark`` was taken)."""
        self._mark = mark or FileMark(self._store.path_of(self._name))
        self.watch.follow(self._store.root, self._mark.path)

    def outside_changes(self) -> None:
        """Follow what other programs did to the folder: the list of names, and
        the open configuration (reloaded unless it has unsaved edits)."""
        if self.keyring.busy():  # a save is waiting for the keyring: look once it is done
            self.keyring.after(self.outside_changes)
            return
        names = self._store.list()
        if self._name and self._name not in names:
            self._vanished(names)
            return
        if names != self._names.names():
            self._names.set_names(names, select=self._name or None)
        if self._mark is None or not self._mark.changed():
            return
        if self._dirty:
            self._show_status(f"“{self._name}” was changed outside this window; Save will ask which "
                              "version to keep.")
        elif self.load_configuration(self._name):
            self._show_status(f"“{self._name}” was changed outside this window; reloaded.")

    def _vanished(self, names: list[str]) -> None:
        """The open configuration's file is gone: renamed (followed) or deleted."""
        old = self._name
        renamed_to = self._renamed_to([n for n in names if n not in self._names.names()])
        self._names.set_names(names, select=renamed_to)
        if renamed_to is not None:
            self.renamed(renamed_to)
            self._show_status(f"“{old}” was renamed to “{renamed_to}” outside this window.")
        elif self._dirty:  # the edits stay; Save writes them under the old name again
            self._show_status(f"“{old}” was deleted outside this window; Save keeps your version.")
        elif names and self.load_configuration(names[0]):
            self._show_status(f"“{old}” was deleted outside this window; opened “{self._name}”.")
        elif not names:
            self.open_initial()
            self._show_status(f"“{old}” was deleted outside this window.")

    def _renamed_to(self, new_names: list[str]) -> str | None:
        """Which of ``new_names`` holds what the open configuration's file held."""
        if self._mark is None or self._mark.content is None:
            return None
        gone = _without_name(self._mark.content)
        for name in new_names:
            mark = FileMark(self._store.path_of(name))
            if gone is not None and _without_name(mark.content) == gone:
                return name
        return None

    def _save_over_outside_change(self) -> bool:
        name = self._name
        choice = self._ask(
            "Changed outside this window",
            f"“{name}” was changed by another program or window since it was opened here.\n\n"
            f"{KEEP_BOTH} saves your version under a new name and leaves theirs as it is. {KEEP_MINE} "
            f"saves over theirs; {TAKE_THEIRS} drops your changes. What is replaced is kept in "
            f"{self._store.root / 'trash'}.",
            (KEEP_BOTH, KEEP_MINE, TAKE_THEIRS, "Cancel"))
        try:
            if choice == KEEP_MINE:
                self._store.keep_in_trash(name)
                return self._save()
            if choice == TAKE_THEIRS:
                # Never a plain secret in a file: one typed and not yet saved is left out.
                self._store.trash_version(name, without_plain_secrets(self.current_configuration()).to_data())
                if self.load_configuration(name):
                    self._show_status(f"Reloaded “{name}”; your version is in the trash folder.")
                    return True
                return False
            if choice == KEEP_BOTH:
                mine = self.current_configuration()
                mine.name = unique_name(self._store, f"{name} (mine)")
                store, keys = self._store, self._keys
                saved = self.keyring.saving(mine, lambda: create_configuration(store, keys, mine),
                                            f"Saving “{mine.name}”")
                self._confirm_chosen_connection(saved)
                self._set_dirty(False)  # the edits are saved; the old name's row loses its mark
                self._names.set_names(self._store.list(), select=saved.name)
                self.open_configuration(saved)
                self._show_status(f"Saved your version as “{saved.name}”; “{name}” is as the other program left it.")
                return True
        except (ConfigStoreError, KeyringUnavailableError, OSError, ValueError) as exc:
            self._tell("Could not save", str(exc))
        return False


def _without_name(content: bytes | None) -> object:
    """A configuration file's JSON without its name (renaming rewrites the name inside)."""
    if content is None:
        return None
    try:
        document = json.loads(content)
    except ValueError:
        return None
    return {k: v for k, v in document.items() if k != "name"} if isinstance(document, dict) else None
