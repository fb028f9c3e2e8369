"""Run plain functions off the main thread and get their outcome back on it.

A task is any callable taking no arguments. :class:`TaskRunner` starts it on a
pool and later emits ``finished(task_id, result, error)`` on the main thread:
``error`` is the exception the function raised, else ``None``. Callers that
lose interest in a task (a cancelled mint) forget its id and ignore its late
signal; nothing is killed, but a :class:`CancellableJob` sets its task's
cancel switch, which a mint honours by cutting its connection, so the pool's
thread is free again at once. Tests pass a pool that runs each task at once.

The runnable and the signal emitter are separate objects on purpose: a class
inheriting both QRunnable and QObject fights over who owns and deletes it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QElapsedTimer, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

from realtime_gui.core.service.client import CancelSwitch

__all__ = ["CancellableJob", "Pool", "TaskRunner"]


class Pool(Protocol):
    """What :class:`TaskRunner` needs of a thread pool (QThreadPool fits)."""

    def start(self, runnable: QRunnable) -> None: ...


class _Emitter(QObject):
    done = Signal(int, object, object)


class _Task(QRunnable):
    def __init__(self, task_id: int, function: Callable[[], Any], emitter: _Emitter) -> None:
        super().__init__()
        self._task_id = task_id
        self._function = function
        self._emitter = emitter

    def run(self) -> None:
        try:
            result, error = self._function(), None
        except Exception as exc:  # every failure goes back to the main thread, typed
            result, error = None, exc
        try:
            self._emitter.done.emit(self._task_id, result, error)
        except RuntimeError:
            pass  # the runner is gone (the window closed): nobody is waiting for this outcome


class TaskRunner(QObject):
    """Starts tasks on a pool; ``finished`` fires on the thread that owns the runner."""

    finished = Signal(int, object, object)  # task id, result, error

    def __init__(self, pool: Pool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: Pool = pool if pool is not None else QThreadPool.globalInstance()
        self._ids = itertools.count(1)
        # Emitters stay referenced until their signal is delivered: the queued
        # signal must outlive the runnable, which the pool deletes after run().
        self._emitters: dict[int, _Emitter] = {}

    def start(self, function: Callable[[], Any]) -> int:
        """Run ``function`` on the pool; returns the id ``finished`` will carry."""
        task_id = next(self._ids)
        emitter = _Emitter()
        # Queued even when the pool runs the task on this thread, so the id is
        # known to the caller before the outcome arrives.
        emitter.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._emitters[task_id] = emitter
        self._pool.start(_Task(task_id, function, emitter))
        return task_id

    def pending(self) -> int:
        """How many started tasks have not delivered their outcome yet."""
        return len(self._emitters)

    def _deliver(self, task_id: int, result: object, error: object) -> None:
        self._emitters.pop(task_id, None)
        self.finished.emit(task_id, result, error)


class CancellableJob(QObject):
    """One background job at a time (a mint), cancellable, with its elapsed time.

    The function gets a :class:`CancelSwitch` to honour while it can (a mint
    cuts its connection when it is set); after :meth:`cancel` its outcome,
    whenever it comes, is dropped unseen.
    """

    progress = Signal(float)  # seconds since start, a few times a second
    finished = Signal(object, object)  # result, error; never after cancel()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._task_id: int | None = None
        self._cancel: CancelSwitch | None = None
        self._elapsed = QElapsedTimer()
        self._ticker = QTimer(self, interval=100)
        self._ticker.timeout.connect(lambda: self.progress.emit(self.elapsed()))
        runner.finished.connect(self._done)

    def start(self, function: Callable[[CancelSwitch], Any]) -> None:
        if self.busy():
            raise RuntimeError("a job is already running")
        cancel = CancelSwitch()
        self._cancel = cancel
        self._elapsed.start()
        self._ticker.start()
        self._task_id = self._runner.start(lambda: function(cancel))

    def cancel(self) -> bool:
        """Stop waiting for the job; returns whether one was running."""
        cancel = self._cancel
        if cancel is None:
            return False
        self._stop()
        cancel.set()  # last: it runs the hooks that cut a connection in flight
        return True

    def busy(self) -> bool:
        return self._task_id is not None

    def elapsed(self) -> float:
        return self._elapsed.elapsed() / 1000.0 if self.busy() else 0.0

    def _done(self, task_id: int, result: object, error: object) -> None:
        if task_id != self._task_id:
            return  # a job that was cancelled: nobody is waiting for it
        self._stop()
        self.finished.emit(result, error)

    def _stop(self) -> None:
        self._ticker.stop()
        self._task_id = None
        self._cancel = None
