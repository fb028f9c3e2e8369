"""Plain functions run off the main thread, their outcome delivered back on it."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from ui_support import ImmediatePool

from realtime_gui.ui.window.worker import CancellableJob, TaskRunner

pytestmark = pytest.mark.gui


def test_the_outcome_comes_through_the_event_loop_even_from_an_immediate_pool(qtbot: Any) -> None:
    runner = TaskRunner(ImmediatePool())
    seen: list[tuple[int, object, object]] = []
    runner.finished.connect(lambda *outcome: seen.append(outcome))
    task_id = runner.start(lambda: 42)
    assert seen == [] and runner.pending() == 1  # the id is known before the outcome arrives
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(task_id, 42, None)] and runner.pending() == 0


def test_an_exception_is_the_error_of_the_outcome(qtbot: Any) -> None:
    runner = TaskRunner(ImmediatePool())
    with qtbot.waitSignal(runner.finished) as blocker:
        runner.start(lambda: 1 / 0)
    _, result, error = blocker.args
    assert result is None and isinstance(error, ZeroDivisionError)


def test_a_cancelled_job_never_reports(qtbot: Any) -> None:
    job = CancellableJob(TaskRunner(ImmediatePool()))
    reported: list[Any] = []
    job.finished.connect(lambda *outcome: reported.append(outcome))
    asked: list[bool] = []

    def work(cancel: threading.Event) -> str:
        asked.append(cancel.is_set())
        return "late"

    job.start(work)
    assert job.busy()
    with pytest.raises(RuntimeError):
        job.start(work)
    assert job.cancel() and not job.busy()
    qtbot.wait(20)
    assert reported == [] and asked == [False]
    assert not job.cancel()  # nothing left to cancel
