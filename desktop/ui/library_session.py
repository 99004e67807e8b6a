"""The user's workspace (library, quote board, search index) as the windows of one process
share it.

Why a shared session: the Whoosh index admits one writer per data folder, so two windows of
the same process must use one `Workspace` and one engine (a second *process* gets read-only
mode).
Every slow library operation (opening or rebuilding the index, adding, refreshing, removing,
speaker corrections) runs through `Workers` on a single pool thread, so they run one after the
other in the order asked, never touching a widget. Searches do not queue here: the engine is
thread-safe and each window searches through its own `Workers` (stale results dropped there).
"""

from __future__ import annotations

import atexit
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.core.errors import VerbatimError
from desktop.core.isolated_import import ImportCancelled, IsolatedImporter
from desktop.core.model import Transcript
from desktop.core.search import MergeableIndex, OpenedIndex, SearchEngine, SearchResult
from desktop.core.user_library import open_user_workspace, team_url
from desktop.core.workspace import (
    AddResult,
    CorrectionKind,
    IndexUnavailableError,
    LibraryEntry,
    RefreshResult,
    Workspace,
)
from desktop.ui import messages
from desktop.ui.workers import JobCancelled, JobContext, Task, Workers

T = TypeVar("T")

_READ_ONLY = ("another Verbatim is using the library: this window can search it but cannot "
              "add, refresh or remove transcripts")

#: How many library hits a search shows (the count still says how many turns match).
LIBRARY_LIMIT = 100

#: Quiet time (ms) after the last library job before a full index merge may start.
MERGE_WHEN_IDLE_MS = 20_000
#: Longest a held start (`hold_start`) waits before opening the library anyway (s).
HELD_START_S = 5.0
_start_gate: threading.Event | None = None


def hold_start() -> threading.Event:
    """Sessions created from now on open the library only once the returned event is set (or
    after HELD_START_S): the launch sets it after the first paint, so opening the library,
    and maybe re-indexing, does not compete with showing the file. Jobs queue meanwhile."""
    global _start_gate
    _start_gate = threading.Event()
    return _start_gate


class LibraryUnavailableError(VerbatimError):
    """The library could not be opened (the reason is in `reason`)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class LibrarySession(QObject):
    """One `Library` plus its index for a data folder; see the module docstring.

    States: "opening" (the index is being opened, maybe rebuilt), "ready", "read-only" (another
    Verbatim owns the index: search works, changes do not), "unavailable" (no index at all).
    """

    #: The state or the busy flag changed.
    stateChanged = Signal()
    #: The list of entries changed (list[LibraryEntry]).
    entriesChanged = Signal(object)
    #: Progress of the running job: (done, total, label); total 0 means unknown.
    progress = Signal(int, int, str)
    #: A sentence for the status bar.
    message = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.state = "opening"
        self.reason: str | None = None
        self._workspace: Workspace | None = None
        self._engine: SearchEngine | None = None
        # Set by the opening job itself, so jobs queued behind it see it without waiting for
        # the UI thread to hear about the opening.
        self._can_write = False
        self._entries: list[LibraryEntry] = []
        self._tasks: list[Task[Any]] = []
        self._merge_task: Task[Any] | None = None
        self._merge_timer = QTimer(self)
        self._merge_timer.setSingleShot(True)
        self._merge_timer.setInterval(MERGE_WHEN_IDLE_MS)
        self._merge_timer.timeout.connect(self._merge_if_idle)
        self._users = 0
        self._had_entries = False
        # One thread: library jobs run in the order they were asked for.
        self.workers = Workers(self, max_threads=1)
        self.team_url = team_url()
        #: Files are parsed in a child process that Cancel (or closing) kills at once.
        self._importer = IsolatedImporter()
        try:  # the database itself opens at once (fast); the index in the background
            # (a team library: one connection, at most CONNECT_TIMEOUT when the server is
            # down; the window then works without the library and says why)
            self._workspace = (open_user_workspace() if self.team_url
                               else Workspace.open(data_dir, importer=self._importer))
            self._workspace.importer = self._importer  # the files a window opens, too
            # A missing index is news only for a library that had transcripts before this
            # session (a window may store the file it opens while the index is being built).
            self._had_entries = bool(self._workspace.entries())
        except (sqlite3.Error, OSError, VerbatimError) as exc:  # damaged, full disk: a sentence
            self.state, self.reason = "unavailable", str(exc)
            return
        self._start()

    # -- state ---------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True once the index can be searched."""
        return self.state in ("ready", "read-only")

    @property
    def writable(self) -> bool:
        """True when this process may add, refresh and remove transcripts (while the library
        opens, requests queue up and find out when they run)."""
        return self.state in ("opening", "ready")

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    def engine(self) -> SearchEngine | None:
        return self._engine

    def workspace(self) -> Workspace | None:
        """The core workspace (use it only from jobs run through `run`)."""
        return self._workspace

    # -- jobs ----------------------------------------------------------------------------------

    def run(
        self,
        work: Callable[[Workspace, JobContext], T],
        *,
        label: str = "",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        list_changes: bool = False,
        writes: bool = False,
    ) -> Task[Any]:
        """Queue `work(workspace, ctx)` after the jobs already queued; results come back on the
        UI thread. With `list_changes`, the entries are re-read afterwards; `writes` refuses
        to run in read-only mode. An idle-time index merge in progress is stopped first."""
        self._stop_merge()

        def job(ctx: JobContext) -> tuple[T, list[LibraryEntry] | None]:
            workspace = self._workspace
            if workspace is None:
                raise LibraryUnavailableError(self.reason or "the library could not be opened")
            if writes and not self._can_write:
                raise LibraryUnavailableError(_READ_ONLY)
            if label:
                ctx.progress(0, 0, label)
            self._importer.cancelled = ctx.cancelled  # jobs run one at a time
            try:
                value = work(workspace, ctx)
            except ImportCancelled:
                raise JobCancelled from None
            return value, workspace.entries() if list_changes else None

        task = self.workers.submit(job)
        self._track(task)

        def finished(result: tuple[T, list[LibraryEntry] | None]) -> None:
            value, entries = result
            if entries is not None:
                self._set_entries(entries)
            if on_done is not None:
                on_done(value)

        task.finished.connect(finished)
        task.failed.connect(lambda exc: self._failed(exc, on_error))
        if list_changes:  # a cancelled job keeps what it did: show that too
            task.cancelled.connect(self._reload_entries)
        return task

    def _reload_entries(self) -> None:
        self.run(lambda _workspace, _ctx: None, list_changes=True)

    def cancel(self) -> None:
        """Stop the running job between two files (what it did so far is kept)."""
        for task in list(self._tasks):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every queued job returned (tests, shutdown)."""
        return self.workers.wait(msecs)

    # -- the library operations the UI asks for ------------------------------------------------

    def add(self, items: Sequence[str | Path],
            on_done: Callable[[AddResult], None] | None = None) -> Task[Any] | None:
        """Add files and folders (recursively) in the background."""
        if not self.writable:
            self.message.emit(self._read_only_sentence())
            return None
        targets = [str(p) for p in items]

        def work(workspace: Workspace, ctx: JobContext) -> AddResult:
            return workspace.add(targets, progress=ctx.progress, cancelled=ctx.cancelled)

        def done(result: AddResult) -> None:
            self.message.emit(messages.added(result))
            if on_done is not None:
                on_done(result)

        return self.run(work, label="Adding to the library…", on_done=done, list_changes=True,
                        writes=True)

    def refresh(self) -> Task[Any] | None:
        """Check every entry against its file: re-import changed ones, flag missing ones."""
        if not self.writable:
            return None

        def work(workspace: Workspace, ctx: JobContext) -> RefreshResult:
            return workspace.refresh(progress=ctx.progress, cancelled=ctx.cancelled)

        def done(result: RefreshResult) -> None:
            sentence = messages.refreshed(result)
            if sentence:
                self.message.emit(sentence)

        return self.run(work, label="Checking the library's files…", on_done=done,
                        list_changes=True, writes=True)

    def remove(self, entry_ids: Sequence[int]) -> Task[Any] | None:
        """Forget entries (the files themselves are never touched)."""
        if not self.writable:
            self.message.emit(self._read_only_sentence())
            return None
        ids = list(entry_ids)

        def work(workspace: Workspace, ctx: JobContext) -> None:
            workspace.remove(ids, cancelled=ctx.cancelled)

        count = len(ids)
        return self.run(work, list_changes=True, writes=True, on_done=lambda _: self.message.emit(
            f"Removed {count} transcript{'s' if count != 1 else ''} from the library."))

    def index_later(self) -> Task[Any]:
        """Index what a window stored without indexing it (`open_file(defer_index=True)`), in
        the queue with the other library jobs; the library list is re-read afterwards."""
        return self.run(lambda workspace, ctx: workspace.reindex(cancelled=ctx.cancelled),
                        list_changes=True)

    def load(self, entry_id: int, on_done: Callable[[Transcript], None]) -> Task[Any]:
        """The corrected transcript of an entry (re-imported if its file changed)."""
        return self.run(lambda workspace, _ctx: workspace.transcript(entry_id), on_done=on_done)

    def correct(
        self,
        transcript: Transcript,
        speaker_id: str,
        kind: CorrectionKind,
        value: str,
        on_done: Callable[[Transcript], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Task[Any]:
        """Rename, merge or set the role of a speaker of a shown transcript; the corrected
        transcript comes back (the file is added to the library first when needed)."""

        def work(workspace: Workspace, ctx: JobContext) -> Transcript:
            return workspace.correct_speaker_of(transcript, speaker_id, kind, value).transcript

        return self.run(work, on_done=on_done, on_error=on_error, list_changes=True)

    def search(self, query: str, ids: Sequence[int] | None = None) -> SearchResult:
        """Search the index (called from a window's search job, on a pool thread)."""
        workspace = self._workspace
        if workspace is None or self._engine is None:
            raise LibraryUnavailableError(self.reason or "the search index is not open yet")
        return workspace.search(query, scope=ids, limit=LIBRARY_LIMIT)

    # -- who uses it ---------------------------------------------------------------------------

    def acquire(self) -> None:
        self._users += 1

    def release(self) -> None:
        """A window is gone; the last one closes the library."""
        self._users -= 1
        if self._users <= 0:
            self.close()

    def close(self) -> None:
        """Stop queued jobs, wait for the running one, close the database and the index."""
        _SESSIONS.pop(Path(self.team_url or self.data_dir), None)
        self._stop_merge()
        self.cancel()
        self.workers.cancel_all()
        self.workers.wait(10_000)
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None
        self._engine = None
        self._can_write = False
        self.state = "closed"

    # -- internals -----------------------------------------------------------------------------

    def _start(self) -> None:
        gate = _start_gate

        def job(ctx: JobContext) -> tuple[OpenedIndex | None, str | None, list[LibraryEntry]]:
            if gate is not None:
                gate.wait(HELD_START_S)
            ctx.progress(0, 0, "Opening the library…")
            workspace = self._workspace
            if workspace is None:
                raise LibraryUnavailableError(self.reason or "the library is closed")
            try:  # wait=10: another Verbatim may be rebuilding the index right now
                opened = workspace.open_index(progress=ctx.progress, cancelled=ctx.cancelled,
                                              wait=10.0)
            except IndexUnavailableError as exc:
                return None, exc.reason, workspace.entries()
            self._engine = opened.engine
            self._can_write = not opened.read_only
            return opened, None, workspace.entries()

        task = self.workers.submit(job)
        self._track(task)
        task.finished.connect(self._opened)
        task.failed.connect(lambda exc: self._open_failed(exc))

    def _opened(self, result: tuple[OpenedIndex | None, str | None, list[LibraryEntry]]) -> None:
        opened, reason, entries = result
        if opened is None:
            self.state, self.reason = "unavailable", f"the search index is {reason}"
            self.message.emit(messages.index_unavailable(reason or "unavailable"))
        else:
            self._engine = opened.engine
            self.state = "read-only" if opened.read_only else "ready"
            if opened.read_only:
                self.message.emit(self._read_only_sentence())
            elif opened.rebuilt and (opened.reason != "missing" or self._had_entries):
                self.message.emit(messages.index_rebuilt(opened.reason or "", len(entries)))
        self._set_entries(entries)
        self.stateChanged.emit()
        if self.writable and entries:
            self.refresh()  # on launch: re-import changed files, flag missing ones

    def _open_failed(self, exc: object) -> None:
        self.state = "unavailable"
        self.reason = str(exc)
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self.message.emit(f"The library could not be opened: {messages.reason(error)}")
        self.stateChanged.emit()

    def _read_only_sentence(self) -> str:
        return _READ_ONLY[0].upper() + _READ_ONLY[1:] + "."

    def _track(self, task: Task[Any]) -> None:
        self._tasks.append(task)
        task.progress.connect(self.progress)
        task.done.connect(lambda: self._untrack(task))
        task.cancelled.connect(lambda: self.message.emit("Stopped; what was done is kept."))
        self.stateChanged.emit()

    def _untrack(self, task: Task[Any]) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        self.stateChanged.emit()
        if not self._tasks and self.state == "ready":
            self._merge_timer.start()  # (re)start the quiet-time countdown

    # -- idle-time index merge -----------------------------------------------------------------

    def _merge_if_idle(self) -> None:
        """After a bulk import the index holds several big segments (ordinary adds never
        merge them): merge them into one in a child process, so the window keeps the GIL.
        Not shown as busy; any library job stops it (and it is tried again later)."""
        engine = self._engine
        if self._tasks or self._merge_task is not None or not self._can_write:
            return
        if not isinstance(engine, MergeableIndex):
            return
        try:
            wanted = engine.merge_wanted()
        except Exception:  # a damaged index is found, and rebuilt, by the next search
            return
        if not wanted:
            return

        def job(ctx: JobContext) -> bool:
            return engine.optimize_in_subprocess(cancelled=ctx.cancelled)

        task = self.workers.submit(job)
        self._merge_task = task
        task.done.connect(self._merge_done)

    def _merge_done(self) -> None:
        self._merge_task = None

    def _stop_merge(self) -> None:
        self._merge_timer.stop()
        if self._merge_task is not None:
            self._merge_task.cancel()

    def _set_entries(self, entries: list[LibraryEntry]) -> None:
        self._entries = list(entries)
        self.entriesChanged.emit(self.entries())

    def _failed(self, exc: object, on_error: Callable[[BaseException], None] | None) -> None:
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        if isinstance(error, JobCancelled):
            return
        if on_error is not None:
            on_error(error)
        else:
            self.message.emit(f"Library: {messages.reason(error)}")


#: One session per data folder in this process.
_SESSIONS: dict[Path, LibrarySession] = {}
_AT_EXIT = False


def shared_session() -> LibrarySession:
    """The session for the current data folder (`VERBATIM_DATA_DIR` or the platform's)."""
    data_dir = paths.user_data_dir()
    key = Path(team_url() or data_dir)
    session = _SESSIONS.get(key)
    if session is None:
        global _AT_EXIT
        if not _AT_EXIT:
            # A job still running when the interpreter exits (no event loop ran, as with
            # --screenshot) would report to deleted Qt objects: let it finish first.
            atexit.register(close_all)
            _AT_EXIT = True
        session = LibrarySession(data_dir, QApplication.instance())
        _SESSIONS[key] = session
    return session


def close_all() -> None:
    """Close every session (at exit; idempotent)."""
    for session in list(_SESSIONS.values()):
        session.close()
