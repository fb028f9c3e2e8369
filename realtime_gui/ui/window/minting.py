"""Minting the open configuration: checks first, the request on a pool with
its progress and Cancel, then the outcome in the result panel with the one
button that helps most, and the problems marked in the editors.

:class:`Minting` is a part of :class:`~.main_window.MainWindow`. Since the
window's first frame imports this module, the core and the worker are
imported inside the methods (see ``first_paint``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, cast

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QProgressBar, QTabWidget

    from realtime_gui.core.wire.configuration import Configuration
    from realtime_gui.core.service.errors import MintError
    from realtime_gui.core.wire.validate import Problem
    from realtime_gui.ui.shell.app import Services
    from realtime_gui.ui.form.connection import ConnectionSection
    from realtime_gui.ui.window.endpoint_bar import EndpointBar
    from realtime_gui.ui.form.form import FormView
    from realtime_gui.ui.dialogs.keys_dialog import KeysDialog
    from realtime_gui.ui.window.library import Library
    from realtime_gui.ui.window.result_panel import ResultPanel
    from realtime_gui.ui.window.worker import CancellableJob, TaskRunner

    _Window = QMainWindow  # checked as the window it is part of; a plain mixin when run
else:
    _Window = object

__all__ = ["Minting"]


class Minting(_Window):
    """Mint, Cancel and the outcome, for :class:`~.main_window.MainWindow`."""

    job: CancellableJob  # runs the mint; built with the editors, after the first paint
    _runner: TaskRunner

    if TYPE_CHECKING:  # what this part uses of the rest of the window
        services: Services
        form: FormView
        connection: ConnectionSection
        endpoint_bar: EndpointBar
        tabs: QTabWidget
        result_panel: ResultPanel
        library: Library
        mint_action: QAction
        cancel_action: QAction
        _progress: QProgressBar

        def is_ready(self) -> bool: ...
        def show_status(self, text: str) -> None: ...
        def current_configuration(self) -> Configuration: ...
        def open_keys(self) -> KeysDialog: ...

    def _start_minting(self) -> None:
        """Make the runner and the job; after the first paint, with the editors."""
        from realtime_gui.ui.window.worker import CancellableJob, TaskRunner

        self._runner = TaskRunner(self.services.pool, self)
        self.job = CancellableJob(self._runner, self)
        self.job.progress.connect(lambda seconds: self.show_status(f"Minting… {seconds:.1f} s"))
        self.job.finished.connect(self._mint_finished)

    def work_in_flight(self) -> bool:
        """Whether a mint, even a cancelled one, still holds a worker thread."""
        return self.is_ready() and self._runner.pending() > 0

    def mint(self) -> None:
        from realtime_gui.core.service.errors import ConfigurationInvalidError
        from realtime_gui.core.library.minting import mint_configuration
        from realtime_gui.core.wire.validate import validate

        if self.job.busy():
            return
        config = self.current_configuration()
        problems = self.form.editor_problems() + validate(config)
        self._show_problems(problems)
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            self.show_status(f"Not minted: {len(problems)} {noun} in the configuration.")
            error = ConfigurationInvalidError(problems)
            self.result_panel.show_error(error, self._remedy(error))
            return
        s = self.services

        def work(cancel: Any) -> Any:
            return mint_configuration(config, s.keys, s.client.cancellable(cancel), env=s.env)

        self.job.start(work)
        self._set_busy(True)

    def cancel_mint(self) -> None:
        if self.job.cancel():
            self._set_busy(False)
            self.show_status("Cancelled; any late answer will be ignored.")

    def _set_busy(self, busy: bool) -> None:
        self.mint_action.setEnabled(not busy)
        self.cancel_action.setEnabled(busy)
        self._progress.setVisible(busy)
        if busy:
            self.show_status("Minting… 0.0 s")

    def _mint_finished(self, result: Any, error: BaseException | None) -> None:
        from realtime_gui.core.redact import scrub
        from realtime_gui.core.service.errors import InvalidRequestError, MintError

        self._set_busy(False)
        if error is None:
            self._show_problems([])
            self.result_panel.show_result(result)
            self.show_status(f"Minted in {result.elapsed_ms:.0f} ms.")
            return
        if not isinstance(error, MintError):  # a bug, not a failure the core foresaw
            error = MintError(scrub(f"Unexpected {type(error).__name__}: {error}"),
                              title="Unexpected error", advice="Please report this, with the details.")
        self.result_panel.show_error(error, self._remedy(error))
        self.show_status(f"{error.title}.")
        if isinstance(error, InvalidRequestError) and error.field_path:
            self._focus_rejected(error.field_path, error.service_message or error.param or "")

    def _focus_rejected(self, path: str, said: str) -> None:
        from realtime_gui.core.catalog.declaration import field_for_path
        from realtime_gui.core.wire.validate import Problem

        spot = field_for_path(self.endpoint_bar.endpoint(), path)
        if spot is not None:
            self._focus_problem(Problem(spot.node.id, path, spot.node.label, f"was rejected by the service: {said}"))

    def _remedy(self, error: MintError) -> tuple[str, Callable[[], Any]] | None:
        """The one button that helps most with ``error``, if any."""
        from realtime_gui.core.service.errors import (
            AuthenticationError, BetaShapeDisabledError, ConfigurationInvalidError, KeyringUnavailableError,
            NoApiKeyError, PermissionDeniedError,
        )

        if isinstance(error, BetaShapeDisabledError):
            return ("Convert to GA", self.library.convert_to_ga)
        if isinstance(error, (NoApiKeyError, KeyringUnavailableError, AuthenticationError, PermissionDeniedError)):
            return ("Open Keys…", self.open_keys)
        if isinstance(error, ConfigurationInvalidError) and error.problems:
            first = cast("Problem", error.problems[0])
            return ("Show the first problem", lambda: self._focus_problem(first))
        return None

    def _show_problems(self, problems: list[Problem]) -> None:
        self.form.show_problems([p for p in problems if not p.field_id.startswith("connection.")])
        self.connection.show_problems(problems)

    def _focus_problem(self, problem: Problem) -> bool:
        self.tabs.setCurrentIndex(0)
        self._show_problems([problem])
        if self.connection.focus_setting(problem.field_id):
            return True
        return self.form.focus_field(problem.path)
