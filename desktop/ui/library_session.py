"""The user's library and its search index as the windows of one process share them.

Why a shared session: the Whoosh index admits one writer per data folder, so two windows of
the same process must use one `Library` and one engine (a second *process* gets read-only mode).
Every slow library operation (opening or rebuilding the index, adding, refreshing, removing,
speaker corrections) runs through `Workers` on a single pool thread, so they run one after the
other in the order asked, never touching a widget. Searches do not queue here: the engine is
thread-safe and each window searches through its own `Workers` (stale results dropped there).
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.core.errors import VerbatimError
from desktop.core.library import (
    DB_NAME,
    AddResult,
    CorrectionKind,
    Library,
    LibraryEntry,
    RefreshResult,
)
from desktop.core.model import Role, Transcript
from desktop.core.search import (
    IndexUnavailableError,
    OpenedIndex,
    SearchEngine,
    SearchResult,
    open_index,
)
from desktop.ui.workers import JobCancelled, JobContext, Task, Workers

T = TypeVar("T")

#: The index folder inside the data folder (the core's default, `whoosh_engine.INDEX_DIR_NAME`).
INDEX_DIR = "index"

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


@dataclass(frozen=True, slots=True)
class Registered:
    """What `ensure` found for a shown transcript: its library id, the library's copy with
    the user's corrections applied, and whether there are any corrections."""

    entry_id: int
    transcript: Transcript
    corrected: bool


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
        self._library: Library | None = None
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
        # One thread: library jobs run in the order they were asked for.
        self.workers = Workers(self, max_threads=1)
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

    def library(self) -> Library | None:
        """The core library (use it only from jobs run through `run`)."""
        return self._library

    # -- jobs ----------------------------------------------------------------------------------

    def run(
        self,
        work: Callable[[Library, JobContext], T],
        *,
        label: str = "",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        list_changes: bool = False,
        writes: bool = False,
    ) -> Task[Any]:
        """Queue `work(library, ctx)` after the jobs already queued; results come back on the
        UI thread. With `list_changes`, the entries are re-read afterwards; `writes` refuses
        to run in read-only mode. An idle-time index merge in progress is stopped first."""
        self._stop_merge()

        def job(ctx: JobContext) -> tuple[T, list[LibraryEntry] | None]:
            library = self._library
            if library is None:
                raise LibraryUnavailableError(self.reason or "the library could not be opened")
            if writes and not self._can_write:
                raise LibraryUnavailableError(_READ_ONLY)
            if label:
                ctx.progress(0, 0, label)
            value = work(library, ctx)
            return value, library.entries() if list_changes else None

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
        self.run(lambda library, _ctx: None, list_changes=True)

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

        def work(library: Library, ctx: JobContext) -> AddResult:
            return library.add(targets, progress=ctx.progress, cancelled=ctx.cancelled)

        def done(result: AddResult) -> None:
            self.message.emit(_add_sentence(result))
            if on_done is not None:
                on_done(result)

        return self.run(work, label="Adding to the library…", on_done=done, list_changes=True,
                        writes=True)

    def refresh(self) -> Task[Any] | None:
        """Check every entry against its file: re-import changed ones, flag missing ones."""
        if not self.writable:
            return None

        def work(library: Library, ctx: JobContext) -> RefreshResult:
            return library.refresh(progress=ctx.progress, cancelled=ctx.cancelled)

        def done(result: RefreshResult) -> None:
            sentence = _refresh_sentence(result)
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

        def work(library: Library, ctx: JobContext) -> None:
            for entry_id in ids:
                ctx.check()
                library.remove(entry_id)

        count = len(ids)
        return self.run(work, list_changes=True, writes=True, on_done=lambda _: self.message.emit(
            f"Removed {count} transcript{'s' if count != 1 else ''} from the library."))

    def load(self, entry_id: int, on_done: Callable[[Transcript], None]) -> Task[Any]:
        """The corrected transcript of an entry (re-imported if its file changed)."""
        return self.run(lambda library, _ctx: library.transcript(entry_id), on_done=on_done)

    def ensure(
        self, transcript: Transcript, on_done: Callable[[Registered | None], None]
    ) -> Task[Any]:
        """Make sure a shown transcript is in the library (added in the background when this
        process may write), and return it as the library has it, corrections applied."""
        path = transcript.source.path

        def work(library: Library, ctx: JobContext) -> Registered | None:
            entry = library.find(path)
            if entry is None:
                if not self._can_write or not Path(path).is_file():
                    return None
                result = library.add([path], cancelled=ctx.cancelled)
                found = [*result.added, *result.updated, *result.moved, *result.unchanged]
                if not found:
                    return None
                entry = found[0]
            return Registered(entry.id, library.transcript(entry.id),
                              bool(library.corrections(entry.id)))

        return self.run(work, on_done=on_done, list_changes=True)

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
        path = transcript.source.path

        def work(library: Library, ctx: JobContext) -> Transcript:
            entry = library.find(path)
            if entry is None:
                result = library.add([path], cancelled=ctx.cancelled)
                if result.failed:
                    raise LibraryUnavailableError(result.failed[0][1])
                found = [*result.added, *result.updated, *result.moved, *result.unchanged]
                if not found:
                    raise LibraryUnavailableError("the file could not be added to the library")
                entry = found[0]
            if kind is CorrectionKind.RENAME:
                return library.rename_speaker(entry.id, speaker_id, value)
            if kind is CorrectionKind.MERGE:
                return library.merge_speakers(entry.id, speaker_id, value)
            return library.set_speaker_role(entry.id, speaker_id, Role(value))

        return self.run(work, on_done=on_done, on_error=on_error, list_changes=True)

    def search(self, query: str, ids: Sequence[int] | None = None) -> SearchResult:
        """Search the index (called from a window's search job, on a pool thread)."""
        engine = self._engine
        if engine is None:
            raise LibraryUnavailableError(self.reason or "the search index is not open yet")
        return engine.search(query, transcript_ids=ids, limit=LIBRARY_LIMIT)

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
        _SESSIONS.pop(self.data_dir, None)
        self._stop_merge()
        self.cancel()
        self.workers.cancel_all()
        self.workers.wait(10_000)
        if self._library is not None:
            self._library.close()
            self._library = None
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
            library = Library(self.data_dir / DB_NAME)
            self._library = library  # jobs queued behind this one find it (one pool thread)
            try:  # the folder is the core's default; named here so a test's data dir is fixed
                opened = open_index(library, self.data_dir / INDEX_DIR, progress=ctx.progress,
                                    cancelled=ctx.cancelled)
            except IndexUnavailableError as exc:
                return None, exc.reason, library.entries()
            self._engine = opened.engine
            self._can_write = not opened.read_only
            return opened, None, library.entries()

        task = self.workers.submit(job)
        self._track(task)
        task.finished.connect(self._opened)
        task.failed.connect(lambda exc: self._open_failed(exc))

    def _opened(self, result: tuple[OpenedIndex | None, str | None, list[LibraryEntry]]) -> None:
        opened, reason, entries = result
        if opened is None:
            self.state, self.reason = "unavailable", f"the search index is {reason}"
            self.message.emit(
                f"The library's search index is {reason} and another Verbatim is using it; "
                "search the open transcript, or close the other window and try again."
            )
        else:
            self._engine = opened.engine
            self.state = "read-only" if opened.read_only else "ready"
            if opened.read_only:
                self.message.emit(self._read_only_sentence())
            elif opened.rebuilt and (opened.reason != "missing" or entries):
                self.message.emit(
                    f"The search index was {opened.reason}; it was rebuilt from the library "
                    f"({len(entries)} transcript{'s' if len(entries) != 1 else ''})."
                )
        self._set_entries(entries)
        self.stateChanged.emit()
        if self.writable and entries:
            self.refresh()  # on launch: re-import changed files, flag missing ones

    def _open_failed(self, exc: object) -> None:
        self.state = "unavailable"
        self.reason = str(exc)
        self.message.emit(f"The library could not be opened: {exc}")
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
        if self._tasks or self._merge_task is not None or engine is None or not self._can_write:
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
            self.message.emit(f"Library: {_reason(error)}")


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason) if reason else str(exc) or exc.__class__.__name__


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _add_sentence(result: AddResult) -> str:
    parts = []
    if result.added:
        parts.append(f"added {_plural(len(result.added), 'transcript')}")
    if result.updated:
        parts.append(f"updated {len(result.updated)}")
    if result.moved:
        parts.append(f"found {len(result.moved)} moved")
    if result.unchanged:
        parts.append(f"{len(result.unchanged)} already there")
    if result.failed:
        first = Path(result.failed[0][0]).name
        parts.append(f"{len(result.failed)} could not be read (“{first}” {result.failed[0][1]})")
    if result.cancelled:
        parts.append("stopped before the end")
    if result.index_pending:
        parts.append("search will include them once the other Verbatim closes")
    if not parts:
        return "No transcripts found there."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def _refresh_sentence(result: RefreshResult) -> str:
    parts = []
    if result.updated:
        parts.append(f"{_plural(len(result.updated), 'changed file')} re-imported")
    if result.missing:
        parts.append(f"{_plural(len(result.missing), 'file')} missing (kept, flagged)")
    if result.changed:
        parts.append(f"{_plural(len(result.changed), 'file')} no longer readable")
    if not parts:
        return ""
    sentence = "Library: " + "; ".join(parts)
    return sentence + "."


#: One session per data folder in this process.
_SESSIONS: dict[Path, LibrarySession] = {}
_AT_EXIT = False


def shared_session() -> LibrarySession:
    """The session for the current data folder (`VERBATIM_DATA_DIR` or the platform's)."""
    data_dir = paths.user_data_dir()
    session = _SESSIONS.get(data_dir)
    if session is None:
        global _AT_EXIT
        if not _AT_EXIT:
            # A job still running when the interpreter exits (no event loop ran, as with
            # --screenshot) would report to deleted Qt objects: let it finish first.
            atexit.register(close_all)
            _AT_EXIT = True
        session = LibrarySession(data_dir, QApplication.instance())
        _SESSIONS[data_dir] = session
    return session


def close_all() -> None:
    """Close every session (at exit; idempotent)."""
    for session in list(_SESSIONS.values()):
        session.close()
