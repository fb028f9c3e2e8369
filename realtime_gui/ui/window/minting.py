"""Minting the open configuration: checks first, the request on a pool with
its progress and Cancel, then the outcome in the result panel with the one
button that helps most, and the problems marked in the editors.

Before anything is sent, a connection the user hasn't confirmed (it came from
someone else's file) is shown for confirmation: the host and the name of the
key that would go there. Cancel is the default, and plain http to another
machine takes a button of its own that says so."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast
from urllib.parse import urlsplit

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from realtime_gui.core.catalog.connection import TIME_LIMIT
from realtime_gui.core.catalog.declaration import endpoint, field_for_path
from realtime_gui.core.library.configurations import conversion_target
from realtime_gui.core.library.trust import TrustProblem, connection_trust, trust_connection
from realtime_gui.core.records import replace
from realtime_gui.core.redact import scrub
from realtime_gui.core.service.errors import (
    AuthenticationError,
    BetaShapeDisabledError,
    ConfigurationInvalidError,
    InvalidRequestError,
    KeyringUnavailableError,
    MintError,
    MintTimeout,
    NoApiKeyError,
    PermissionDeniedError,
    UntrustedConnectionError,
)
from realtime_gui.core.service.providers import provider_for
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.validate import Problem, validate
from realtime_gui.ui.form.connection import ConnectionSection
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.window.result_panel import ResultPanel
from realtime_gui.ui.window.services import Services
from realtime_gui.ui.window.worker import CancellableJob, TaskRunner

__all__ = ["ALLOW_HTTP", "TRUST", "Minting"]

# The answers that confirm a connection; "Cancel", the default, sends nothing.
TRUST, ALLOW_HTTP = "Trust and Mint", "Allow Plain HTTP and Mint"


class Minting:
    """Mint, Cancel and the outcome.

    ``current`` gives the configuration to mint; ``show_editors`` brings the
    form's tab forward (the result area shows the progress of a mint);
    ``convert_to_ga`` and ``open_keys`` are the remedies some errors offer;
    ``ask(title, text, buttons, default=...)`` asks the user to confirm a connection.
    """

    def __init__(self, *, services: Services, current: Callable[[], Configuration], form: FormView,
                 connection: ConnectionSection, result: ResultPanel, mint_action: QAction,
                 cancel_action: QAction, show_editors: Callable[[], None], show_status: Callable[[str], None],
                 convert_to_ga: Callable[[], object],
                 open_keys: Callable[[], object], ask: Callable[..., str],
                 parent: QObject | None = None) -> None:
        self._services, self._current = services, current
        self._form, self._connection, self._result = form, connection, result
        self._mint_action, self._cancel_action = mint_action, cancel_action
        self._show_editors, self._show_status = show_editors, show_status
        self._convert_to_ga, self._open_keys, self._ask = convert_to_ga, open_keys, ask
        self._runner = TaskRunner(services.pool, parent)
        self.job = CancellableJob(self._runner, parent)
        self.job.progress.connect(lambda seconds: show_status(f"Minting… {seconds:.1f} s"))
        self.job.progress.connect(result.busy_for)
        self.job.finished.connect(self._finished)
        result.cancel_requested.connect(self.cancel)
        result.mint_again_requested.connect(self.mint_again)
        self._minting: Configuration | None = None  # what the job in flight mints
        self._minted: Configuration | None = None  # what the secret shown was minted with

    def work_in_flight(self) -> bool:
        """Whether a mint, even a cancelled one, still holds a worker thread."""
        return self._runner.pending() > 0

    def mint(self, given: Configuration | None = None) -> None:
        """Mint the open configuration, or ``given`` (a mint again from the history)."""
        if self.job.busy():
            return
        config = given or self._current()
        problems = (self._form.editor_problems() if given is None else []) + validate(config)
        self._show_problems(problems)
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            self._show_status(f"Not minted: {len(problems)} {noun} in the configuration.")
            error = ConfigurationInvalidError(problems)
            self._result.show_error(error, self._remedy(error), self._go_to(error))
            return
        if not self._confirmed(config):
            return
        s = self._services
        # The configuration's time limit bounds the whole mint, as --timeout does on the command line.
        client = replace(s.client, deadline=float(config.setting(TIME_LIMIT.key)))

        def work(cancel: Any) -> Any:
            # The network stack (httpx) loads with the first mint, on the worker thread: a
            # window that only edits never pays for it. The one deferred import behind the shell.
            from realtime_gui.core.library.minting import mint_configuration

            return mint_configuration(config, s.keys, client.cancellable(cancel), env=s.env)

        self._minting = config
        self.job.start(work)
        self._set_busy(True)
        self._result.show_busy(config.name, _where(config, s.env))

    def mint_again(self) -> None:
        """Mint the configuration the secret shown came from: the open one as
        it is now, if that is it, or else as it was then."""
        minted = self._minted
        self.mint(None if minted is None or minted.name == self._current().name else minted)

    def _confirmed(self, config: Configuration) -> bool:
        """Whether the user trusts ``config``'s host with its key, asking when
        that isn't on record; a yes is recorded (a small file: read and written here)."""
        problem = connection_trust(config)
        if problem is None:
            return True
        confirm = ALLOW_HTTP if problem.plain_http else TRUST
        if self._ask("Send your API key to this host?", _question(problem), (confirm, "Cancel"),
                     default="Cancel") != confirm:
            self._show_status("Not minted: the connection was not confirmed; nothing was sent.")
            return False
        try:
            trust_connection(config, allow_http=problem.plain_http)
        except (OSError, ValueError) as exc:
            error = MintError(scrub(str(exc)), title="Could not confirm the connection",
                              advice="Check that the app's folder can be written, then Mint again.")
            self._result.show_error(error)
            self._show_status(f"{error.title}.")
            return False
        return True

    def cancel(self) -> None:
        if self.job.cancel():
            self._set_busy(False)
            self._result.end_busy()
            self._show_status("Cancelled; any late answer will be ignored.")

    def _set_busy(self, busy: bool) -> None:
        self._mint_action.setEnabled(not busy)
        self._cancel_action.setEnabled(busy)
        if busy:
            self._show_status("Minting… 0.0 s")

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is None:
            self._show_problems([])
            self._minted = self._minting
            self._result.show_result(result, self._minting.name if self._minting else "")
            self._show_status(f"Minted in {result.elapsed_ms:.0f} ms.")
            return
        if not isinstance(error, MintError):  # a bug, not a failure the core foresaw
            error = MintError(scrub(f"Unexpected {type(error).__name__}: {error}"),
                              title="Unexpected error", advice="Please report this, with the details.")
        if isinstance(error, MintTimeout) and error.phase in ("total", "read"):
            now = f" (now {error.seconds:g} s)" if error.seconds is not None else ""
            error.advice = f"{error.advice.rstrip('.')}: the connection's “{TIME_LIMIT.label}” setting{now}."
        self._result.show_error(error, self._remedy(error), self._go_to(error))
        self._show_status(f"{error.title}.")
        if isinstance(error, InvalidRequestError) and error.field_path:
            self._focus_rejected(error.field_path, error.service_message or error.param or "")

    def _focus_rejected(self, path: str, said: str) -> None:
        spot = field_for_path(self._current().endpoint, path)
        if spot is not None:
            self._focus_problem(Problem(spot.node.id, path, spot.node.label, f"was rejected by the service: {said}"))

    def _remedy(self, error: MintError) -> tuple[str, Callable[[], Any]] | None:
        """The one button that helps most with ``error``, if any."""
        if isinstance(error, BetaShapeDisabledError):  # a GA configuration has nothing to convert to
            return ("Convert to GA", self._convert_to_ga) if conversion_target(self._current()) else None
        if isinstance(error, UntrustedConnectionError):  # the record changed since the question
            return ("Confirm and Mint…", self.mint)
        if isinstance(error, (NoApiKeyError, KeyringUnavailableError, AuthenticationError, PermissionDeniedError)):
            return ("Open Keys…", self._open_keys)
        if isinstance(error, MintTimeout) and error.phase in ("total", "read"):
            return (f"Change the {TIME_LIMIT.label.lower()}…",
                    lambda: self._connection.focus_setting(f"connection.{TIME_LIMIT.key}"))
        return None

    def _go_to(self, error: MintError) -> tuple[str, Callable[[], Any]] | None:
        """The label of the field ``error`` names and what focuses its editor, if it names one."""
        if isinstance(error, ConfigurationInvalidError) and error.problems:
            first = cast("Problem", error.problems[0])
            return (first.label, lambda: self._focus_problem(first))
        if isinstance(error, InvalidRequestError) and error.field_path:
            path, said = error.field_path, error.service_message or error.param or ""
            return (error.field_label or path, lambda: self._focus_rejected(path, said))
        return None

    def _show_problems(self, problems: list[Problem]) -> None:
        self._form.show_problems([p for p in problems if not p.field_id.startswith("connection.")])
        self._connection.show_problems(problems)

    def _focus_problem(self, problem: Problem) -> bool:
        self._show_editors()
        self._show_problems([problem])
        if self._connection.focus_setting(problem.field_id):
            return True
        return self._form.focus_field(problem.path)


def _where(config: Configuration, env: Mapping[str, str]) -> str:
    """``POST https://host/path``: where a mint of ``config`` goes, without any user:password of the URL."""
    try:
        provider = provider_for(config)
        url = urlsplit(provider.url(config, endpoint(config.endpoint), env))
    except ValueError:
        return ""
    host = (url.hostname or "") + (f":{url.port}" if url.port else "")
    return scrub(f"POST {url.scheme}://{host}{url.path}")


def _question(problem: TrustProblem) -> str:
    """What the user is asked: the host, the key that would go there, and plain http called out."""
    text = (f"“{problem.config_name}” would send the API key “{problem.key_name}” to\n\n"
            f"    {problem.origin}\n\n")
    if not problem.confirmed:
        text += ("You haven't confirmed this host for this key (the connection came from a file). "
                 "Mint only if you chose this host yourself and trust it with the key.")
    if problem.plain_http:
        text += ("\n\n" if not problem.confirmed else "") + (
            "⚠ This is plain http to another machine: the key would cross the network unencrypted, "
            f"readable by anyone on the way. Only “{ALLOW_HTTP}” sends it like that; https is safer.")
    return text
