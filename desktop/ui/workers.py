"""Background work: the ONE helper every slow job goes through (import, indexing, search, export).

How to use it::

    workers = Workers(parent=window)

    def job(ctx: JobContext) -> MyResult:          # runs in a pool thread
        for i, item in enumerate(items):
            if ctx.cancelled():                     # the user pressed Cancel, or a newer
                raise JobCancelled                  # request on the same channel arrived
            ctx.progress(i, len(items), f"indexing {item}")
            ...
        return MyResult(...)                        # a plain dataclass, never a widget

    task = workers.submit(job, channel="search")    # a newer "search" makes this one stale
    task.progress.connect(on_progress)              # (done, total, message)
    task.finished.connect(on_result)                # (result)
    task.failed.connect(on_error)                   # (exception)
    task.cancel()                                   # optional

Rules that keep the UI correct:
- A job gets plain arguments (close over them) and returns a value; it never touches a widget.
- Signals of a task are delivered on the UI thread, and only while the task is current: once it
  is cancelled, or a newer task was submitted on the same channel, nothing more is emitted,
  so a slow old search can never overwrite the results of a newer one.
- `failed` carries the exception object; turn it into a sentence in the UI.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")


class JobCancelled(Exception):
    """Raise from a job to stop early after `ctx.cancelled()` returned True."""


class JobContext:
    """What a running job may use: report progress and ask whether to stop."""

    def __init__(self, emitter: _Emitter, cancel_event: threading.Event) -> None:
        self._emitter = emitter
        self._cancel = cancel_event

    def cancelled(self) -> bool:
        """True once the task was cancelled or made stale; the job should stop soon."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise JobCancelled if the job should stop (a shortcut for loops)."""
        if self._cancel.is_set():
            raise JobCancelled

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress; `total` 0 means "unknown" (a busy indicator)."""
        try:
            self._emitter.progress.emit(int(done), int(total), message)
        except RuntimeError:  # the receiver is gone; the job will be dropped anyway
            self._cancel.set()


class _Emitter(QObject):
    """Carries results from the pool thread to the UI thread (queued signal delivery)."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[JobContext], Any], ctx: JobContext, emitter: _Emitter) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._ctx = ctx
        self._emitter = emitter

    def run(self) -> None:
        try:
            if self._ctx.cancelled():
                raise JobCancelled
            result = self._fn(self._ctx)
        except JobCancelled:
            self._emit(self._emitter.cancelled)
        except Exception as exc:  # every failure is reported; none may kill the pool thread
            self._emit(self._emitter.failed, exc)
        else:
            self._emit(self._emitter.finished, result)

    @staticmethod
    def _emit(signal: Any, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the asking window is gone: nobody listens
            signal.emit(*args)


class Task(QObject, Generic[T]):
    """A submitted job as the UI sees it; its signals fire on the UI thread while it is current."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    #: Emitted once when the job ends after being cancelled (not when it was made stale).
    cancelled = Signal()
    #: Emitted once whatever the outcome (finished, failed, cancelled or stale); for clean-up.
    done = Signal()

    def __init__(self, channel: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self._cancel_event = threading.Event()
        self._stale = False
        self._user_cancelled = False
        self._settled = False
        self._forget_slot: Callable[[], None] | None = None
        self._emitter = _Emitter()
        self._emitter.progress.connect(self._on_progress)
        self._emitter.finished.connect(self._on_finished)
        self._emitter.failed.connect(self._on_failed)
        self._emitter.cancelled.connect(self._on_cancelled)

    @property
    def is_stale(self) -> bool:
        """True once a newer task on the same channel was submitted."""
        return self._stale

    @property
    def is_cancelled(self) -> bool:
        return self._user_cancelled

    @property
    def is_done(self) -> bool:
        """True once the job has returned (whatever its outcome)."""
        return self._settled

    def cancel(self) -> None:
        """Ask the job to stop; its result, if any, is dropped."""
        self._user_cancelled = True
        self._cancel_event.set()

    def _make_stale(self) -> None:
        self._stale = True
        self._cancel_event.set()  # let the job stop early: nobody wants its result

    def _current(self) -> bool:
        return not (self._stale or self._user_cancelled)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self._current():
            self.progress.emit(done, total, message)

    def _on_finished(self, result: object) -> None:
        if self._current():
            self.finished.emit(result)
        elif self._user_cancelled and not self._stale:
            self.cancelled.emit()
        self._settle()

    def _on_failed(self, exc: object) -> None:
        if self._current():
            self.failed.emit(exc)
        elif self._user_cancelled and not self._stale:
            self.cancelled.emit()
        self._settle()

    def _on_cancelled(self) -> None:
        if not self._stale:
            self.cancelled.emit()
        self._settle()

    def _settle(self) -> None:
        self._settled = True
        self.done.emit()


class Workers(QObject):
    """Runs jobs on a thread pool; one `Workers` per window is enough."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, max_threads))
        self._latest: dict[str, Task[Any]] = {}
        self._running: set[Task[Any]] = set()

    def submit(self, fn: Callable[[JobContext], T], *, channel: str | None = None) -> Task[T]:
        """Run `fn(ctx)` in the pool; a newer submit on `channel` makes this one stale."""
        task: Task[T] = Task(channel, self)
        if channel is not None:
            previous = self._latest.get(channel)
            if previous is not None:
                previous._make_stale()
            self._latest[channel] = task
        self._running.add(task)
        task._forget_slot = lambda: self._forget(task)
        task.done.connect(task._forget_slot)
        ctx = JobContext(task._emitter, task._cancel_event)
        self._pool.start(_Runnable(fn, ctx, task._emitter))
        return task

    def current(self, channel: str) -> Task[Any] | None:
        """The newest task on a channel while it runs."""
        task = self._latest.get(channel)
        return task if task is not None and not task.is_done else None

    def cancel_all(self) -> None:
        """Cancel every running task (window closing)."""
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job returned (tests, shutdown); True when all finished."""
        return bool(self._pool.waitForDone(msecs))

    @property
    def active(self) -> int:
        """Tasks whose jobs have not returned yet."""
        return len(self._running)

    def _forget(self, task: Task[Any]) -> None:
        # Break the task -> connection -> lambda -> task cycle, which Python's GC cannot see
        # through Qt, so a finished task is freed once its caller lets go of it.
        task.done.disconnect(task._forget_slot)
        task._forget_slot = None
        self._running.discard(task)
        if task.channel is not None and self._latest.get(task.channel) is task:
            del self._latest[task.channel]
        task.setParent(None)  # let Python free it once the caller drops its reference
