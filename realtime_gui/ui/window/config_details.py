"""What the configuration list shows besides names: each one's endpoint and
when it last minted, looked up off the main thread once the window is usable.

The list is part of the first frame and holds names only. :class:`ConfigDetails`
is made after the editors were painted: it reads the one ``endpoint`` field of
each file it does not know yet and asks the mint history for the last mint of
each configuration, on the pool, and hands both to the list. The configuration
open in the window tells its endpoint itself, as shown in the editors.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from realtime_gui.core.catalog.endpoints import DEFAULT_ENDPOINT, ENDPOINTS
from realtime_gui.core.library.config_names import SUFFIX, stem
from realtime_gui.core.library.history import MintHistory
from realtime_gui.ui.window.config_list import ConfigList
from realtime_gui.ui.window.config_rows import ConfigRowDelegate
from realtime_gui.ui.window.worker import TaskRunner

__all__ = ["ConfigDetails", "read_endpoint"]

_TICK_MS = 30_000  # "minted 5 min ago" moves on: the rows are painted again this often


def read_endpoint(path: Path) -> str | None:
    """The endpoint id the configuration file at ``path`` names (the default
    endpoint when it names none); ``None`` when it can't be read or names an
    unknown one. Only reads: a broken file is the loader's to set aside."""
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict):
        return None
    endpoint_id = document.get("endpoint", DEFAULT_ENDPOINT)
    return endpoint_id if isinstance(endpoint_id, str) and endpoint_id in ENDPOINTS else None


def _endpoints(root: Path, names: Sequence[str]) -> dict[str, str]:
    found = {}
    for name in names:  # names as listed are the stored ones: no listing per name
        endpoint_id = read_endpoint(root / (stem(name) + SUFFIX))
        if endpoint_id is not None:
            found[name] = endpoint_id
    return found


class ConfigDetails(QObject):
    """Keeps the list's endpoints and last mints up to date."""

    def __init__(self, names: ConfigList, root: Path, history: Callable[[], MintHistory], runner: TaskRunner,
                 clock: Callable[[], float]) -> None:
        super().__init__(names)
        self._names, self._root, self._history, self._runner = names, root, history, runner
        self._tasks: set[int] = set()
        self._asked: set[str] = set()  # names whose file was read (or is being read)
        self._open = ""  # the configuration the editors show: its endpoint is theirs, not its file's
        runner.finished.connect(self._done)
        names.set_delegate(ConfigRowDelegate(clock, names))
        names.names_changed.connect(self._look_up_new)
        self._ticker = QTimer(self, interval=_TICK_MS)
        self._ticker.timeout.connect(names.repaint_rows)
        self._ticker.start()

    def refresh(self) -> None:
        """Look up every configuration's endpoint and the last mints again."""
        self._asked.clear()
        self._start(self._names.names(), with_mints=True)

    def minted(self) -> None:
        """A mint ended: the last mints again (the history may have a new one)."""
        self._start([], with_mints=True)

    def show_endpoint(self, name: str, endpoint_id: str) -> None:
        """The open configuration's endpoint, as the editors show it."""
        self._open = name
        if name and self._names.endpoint_of(name) != endpoint_id:
            self._names.set_details(endpoints={name: endpoint_id})
        self._asked.add(name)

    def busy(self) -> bool:
        return bool(self._tasks)

    def _look_up_new(self) -> None:
        new = [name for name in self._names.names() if name not in self._asked]
        if new:
            self._start(new, with_mints=False)

    def _start(self, names: list[str], *, with_mints: bool) -> None:
        self._asked.update(names)
        root, history = self._root, self._history

        def look_up() -> tuple[dict[str, str], dict[str, float] | None]:
            return _endpoints(root, names), history().last_mints() if with_mints else None

        self._tasks.add(self._runner.start(look_up))

    def _done(self, task_id: int, result: Any, error: object) -> None:
        if task_id not in self._tasks:
            return
        self._tasks.discard(task_id)
        if error is not None or result is None:
            return  # nothing shown is wrong, only less is shown
        endpoints, mints = result
        endpoints.pop(self._open, None)
        self._names.set_details(endpoints=endpoints, minted=mints)
