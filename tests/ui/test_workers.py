"""The background-work helper: results on the UI thread, stale results dropped, cancel."""

from __future__ import annotations

import threading

import pytest

from desktop.ui.workers import JobCancelled, JobContext, Workers


@pytest.fixture
def workers(qapp) -> Workers:  # type: ignore[no-untyped-def]
    pool = Workers(max_threads=2)
    yield pool
    pool.cancel_all()
    pool.wait(5000)


def test_result_arrives_on_the_ui_thread(qtbot, workers: Workers) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def job(ctx: JobContext) -> int:
        seen["job_thread"] = threading.current_thread()
        return 6 * 7

    task = workers.submit(job)
    task.finished.connect(lambda r: seen.update(result=r, slot_thread=threading.current_thread()))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["slot_thread"] is threading.main_thread()
    assert seen["job_thread"] is not threading.main_thread()


def test_progress_is_delivered(qtbot, workers: Workers) -> None:  # type: ignore[no-untyped-def]
    reports: list[tuple[int, int, str]] = []

    def job(ctx: JobContext) -> str:
        for i in range(3):
            ctx.progress(i + 1, 3, f"step {i + 1}")
        return "done"

    task = workers.submit(job)
    task.progress.connect(lambda d, t, m: reports.append((d, t, m)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert reports == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


def test_a_newer_request_on_the_channel_makes_the_older_stale(qtbot, workers: Workers) -> None:  # type: ignore[no-untyped-def]
    started, release = threading.Event(), threading.Event()
    results: list[str] = []

    def old_job(ctx: JobContext) -> str:
        started.set()
        release.wait(5)  # returns only after the newer job has been submitted and finished
        return "old"

    old = workers.submit(old_job, channel="search")
    old.finished.connect(results.append)
    assert started.wait(5)
    new = workers.submit(lambda ctx: "new", channel="search")
    new.finished.connect(results.append)
    with qtbot.waitSignal(new.finished, timeout=5000):
        pass
    release.set()
    qtbot.waitUntil(lambda: old.is_done, timeout=5000)
    assert results == ["new"]
    assert old.is_stale and not new.is_stale


def test_other_channels_are_independent(qtbot, workers: Workers) -> None:  # type: ignore[no-untyped-def]
    results: list[str] = []
    a = workers.submit(lambda ctx: "a", channel="search")
    b = workers.submit(lambda ctx: "b", channel="index")
    a.finished.connect(results.append)
    b.finished.connect(results.append)
    with qtbot.waitSignals([a.done, b.done], timeout=5000):
        pass
    assert sorted(results) == ["a", "b"]


def test_cancel_stops_the_job_and_drops_its_result(qtbot, workers: Workers) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()
    steps: list[int] = []

    def job(ctx: JobContext) -> str:
        started.set()
        for i in range(10_000):
            if ctx.cancelled():
                raise JobCancelled
            steps.append(i)
            threading.Event().wait(0.001)
        return "finished"

    task = workers.submit(job)
    finished: list[object] = []
    task.finished.connect(finished.append)
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert finished == []
    assert task.is_cancelled
    assert len(steps) < 10_000


def test_a_result_that_arrives_after_cancel_is_dropped(qtbot, workers: Workers) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    task = workers.submit(lambda ctx: release.wait(5) and "ignored")
    finished: list[object] = []
    task.finished.connect(finished.append)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: task.is_done, timeout=5000)
    assert finished == []


def test_failure_carries_the_exception(qtbot, workers: Workers) -> None:  # type: ignore[no-untyped-def]
    def job(ctx: JobContext) -> None:
        raise ValueError("bad input")

    task = workers.submit(job)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    (error,) = blocker.args
    assert isinstance(error, ValueError) and str(error) == "bad input"
    workers.wait(5000)
    qtbot.waitUntil(lambda: workers.active == 0, timeout=5000)


def test_finished_tasks_are_freed(qtbot, workers: Workers) -> None:  # type: ignore[no-untyped-def]
    import gc
    import weakref

    refs = []
    for i in range(20):
        task = workers.submit(lambda ctx, i=i: i, channel="search")
        refs.append(weakref.ref(task))
        del task
    workers.wait(5000)
    qtbot.waitUntil(lambda: workers.active == 0, timeout=5000)
    gc.collect()
    assert sum(1 for r in refs if r() is not None) == 0
