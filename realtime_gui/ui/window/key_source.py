"""What the open configuration says about its key: where the key comes from,
which service it goes to, and the request the preview shows with it.

Keys are looked up on a worker thread, once per name, and shown when the
answer comes: a slow D-Bus or a keyring waiting for its unlock prompt never
holds up the window. Until then the connection section says it is looking.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from realtime_gui.core.catalog.connection import KEY_NAME
from realtime_gui.core.library.keys import DEFAULT_KEY, ApiKeys
from realtime_gui.core.service.providers import service_summary
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.connection import ConnectionSection
from realtime_gui.ui.form.key_lookup import KeyAnswer, describe, look_up
from realtime_gui.ui.window.preview import PreviewContent, preview_content
from realtime_gui.ui.window.worker import TaskRunner

__all__ = ["KeySource"]


class KeySource:
    """Keeps the connection section's key source and summary up to date, and
    prepares the preview's request, with each key name looked up once, off the UI thread.

    ``found`` is called on the UI thread whenever an answer arrives (the
    preview uses it to refresh); ``told`` whenever the section is told about
    a key: its name and the answer, None while it is being looked up (the
    first-run guide follows it).
    """

    def __init__(self, keys: ApiKeys, env: Mapping[str, str], connection: ConnectionSection,
                 runner: TaskRunner, found: Callable[[], None] = lambda: None,
                 told: Callable[[str, KeyAnswer | None], object] = lambda name, answer: None) -> None:
        self._keys, self._env, self._connection = keys, env, connection
        self._runner, self._found, self._told = runner, found, told
        self._answers: dict[str, KeyAnswer] = {}
        self._asking: dict[int, str] = {}  # task id -> key name, for answers still to come
        self._shown: Configuration | None = None
        runner.finished.connect(self._answered)

    def show(self, config: Configuration) -> None:
        """Say in the connection section where ``config``'s key comes from (or that it is looking)."""
        self._shown = config
        name = self._key_name(config)
        answer = self._answer(name)
        source = describe(name, answer)
        self._connection.set_key_source(source)
        self._connection.set_summary(f"{service_summary(config, self._env)} · {source}")
        self._told(name, answer)

    def preview(self, config: Configuration) -> PreviewContent:
        """The request Mint would send, from what is known now. Secrets kept in
        the keyring show as such rather than masked: reading them would mean
        asking the keyring on the UI thread."""
        name = self._key_name(config)
        answer = self._answer(name)
        content = preview_content(config, name, answer.credentials if answer else None, env=self._env,
                                  lookup=None)
        if answer is None:
            return PreviewContent(content.request, content.summary,
                                  f"Looking up key “{name}”; the preview shows a placeholder until it is found.",
                                  masked=False)
        return content

    def forget(self) -> None:
        """The keys changed: look them up again (answers still coming are dropped)."""
        self._answers.clear()
        self._asking.clear()

    def pending(self) -> int:
        """How many lookups are still on their way."""
        return len(self._asking)

    def _answer(self, name: str) -> KeyAnswer | None:
        if name in self._answers:
            return self._answers[name]
        if name not in self._asking.values():
            keys, env = self._keys, self._env
            self._asking[self._runner.start(lambda: look_up(keys, name, env))] = name
        return None

    def _answered(self, task_id: int, result: object, error: object) -> None:
        name = self._asking.pop(task_id, None)
        if name is None:
            return  # forgotten, or another runner's task
        self._answers[name] = result if isinstance(result, KeyAnswer) else KeyAnswer(None, keyring_down=True)
        if self._shown is not None and self._key_name(self._shown) == name:
            self.show(self._shown)
        self._found()

    @staticmethod
    def _key_name(config: Configuration) -> str:
        return str(config.setting(KEY_NAME.key) or DEFAULT_KEY)
