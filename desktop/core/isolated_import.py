"""Imports in a child process, so that Cancel stops them at once and no file can hurt the caller.

Why a process and not a thread: a thread cannot be stopped from outside (an importer in the
middle of a regex or a C parser checks no flag), and it shares the window's memory and GIL,
so a hostile file could freeze or kill the window. A child process is killed on Cancel, gets a
memory ceiling (`RLIMIT_AS`) so a runaway parse ends in MemoryError there, and a crash of the
child becomes one sentence here.

Cost: children come from a `forkserver` (Linux, macOS) that has the importers loaded already,
so each import pays a fork and the pickling of the result, not a Python start-up; Windows
uses `spawn` (a fresh interpreter per import). `python benchmarks/isolated_import_bench.py`
prints both costs. The command line imports in-process (Ctrl-C already stops it).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import ImportProblem, TranscriptImportError, VerbatimError
from desktop.core.importers.registry import _IMPORTER_MODULES
from desktop.core.model import Transcript

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext

#: Modules the fork server loads once, so a child starts with every importer ready.
_PRELOAD = ["desktop.core.importers", "desktop.core.importers.entry", *_IMPORTER_MODULES, "docx",
            "desktop.core.isolated_import"]


class ImportCancelled(VerbatimError):
    """The caller cancelled the import; the child process was killed."""


def memory_ceiling() -> int:
    """Bytes of address space a child may use: 3/4 of the machine's memory, at most 8 GB
    (a 128 MB file needs about 1.3 GB at the worst, see `importers`)."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return 8 << 30
    return int(min(8 << 30, max(1 << 30, physical * 3 // 4)))


@cache
def _context() -> BaseContext:
    import multiprocessing  # ~15 ms: when the first import runs, not when a window starts

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def warm_up() -> None:
    """Start the fork server now (in the background) so the first import does not wait."""

    def start() -> None:
        context = _context()
        if context.get_start_method() == "forkserver":
            from multiprocessing import forkserver

            forkserver.ensure_running()

    threading.Thread(target=start, name="verbatim-forkserver", daemon=True).start()


def _child(conn: Connection, path: str, format: str | None, encoding: str | None) -> None:
    """Runs in the child: import, send back ("ok", transcript) or ("error", fields)."""
    try:
        import resource

        ceiling = memory_ceiling()
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    except (ImportError, ValueError, OSError):
        pass  # no resource module (Windows) or not allowed: run without a ceiling
    from desktop.core.importers import import_file

    message: tuple[str, Any]
    try:
        message = ("ok", import_file(path, format=format, encoding=encoding))
    except TranscriptImportError as exc:
        message = ("error", (exc.path, str(exc.problem), exc.reason, exc.line))
    except MemoryError:
        message = ("error", (path, str(ImportProblem.TOO_LARGE),
                             "needs more memory to read than is available", None))
    except BaseException as exc:  # never a traceback: the parent turns it into a sentence
        detail = str(exc) or exc.__class__.__name__
        message = ("error", (path, str(ImportProblem.MALFORMED), f"cannot be read ({detail})",
                             None))
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("error", (path, str(ImportProblem.TOO_LARGE),
                             "is too large to hand over to the window", None)))
    finally:
        conn.close()


def import_isolated(
    path: str | Path,
    *,
    format: str | None = None,
    encoding: str | None = None,
    cancelled: Callable[[], bool] | None = None,
    poll: float = 0.05,
) -> Transcript:
    """`import_file` in a child process. Raises TranscriptImportError like it, and
    ImportCancelled (after killing the child) as soon as `cancelled()` returns True."""
    path = Path(path)
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sender, str(path), format, encoding), daemon=True
    )
    process.start()
    sender.close()
    try:
        while True:
            if receiver.poll(poll):
                try:
                    kind, payload = receiver.recv()
                except (EOFError, OSError):
                    kind, payload = "died", None
                break
            if cancelled is not None and cancelled():
                raise ImportCancelled(f"{path}: import cancelled")
            if not process.is_alive() and not receiver.poll(0):
                kind, payload = "died", None
                break
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
        code = _reap(process)
    if kind == "ok":
        assert isinstance(payload, Transcript)
        return payload
    if kind == "error":
        where, problem, reason, line = payload
        raise TranscriptImportError(where, ImportProblem(problem), reason, line=line)
    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    raise TranscriptImportError(
        path, ImportProblem.UNREADABLE, f"stopped the import process ({how}); it was not opened"
    )


def _reap(process: Any) -> int | None:
    """Release the process object's resources (a killed child must not linger as a zombie);
    returns its exit code."""
    deadline = time.monotonic() + 1
    while process.exitcode is None and time.monotonic() < deadline:
        process.join(0.05)
    code: int | None = process.exitcode
    if code is not None:
        process.close()
    return code


class IsolatedImporter:
    """An `import_file` stand-in for `Library(importer=...)`: each file in a child process.

    `cancelled` is the running job's question "should I stop?" (set before each job);
    cancelling kills the child and raises ImportCancelled out of the library call.
    """

    def __init__(self) -> None:
        self.cancelled: Callable[[], bool] | None = None

    def __call__(
        self,
        path: str | Path,
        *,
        format: str | None = None,
        encoding: str | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Transcript:
        return import_isolated(path, format=format, encoding=encoding,
                               cancelled=cancelled if cancelled is not None else self.cancelled)


def in_process(
    path: str | Path,
    *,
    format: str | None = None,
    encoding: str | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Transcript:
    """`import_file` with the importer signature `IsolatedImporter` has (`cancelled` is not
    asked: an import in this process cannot be stopped midway). The command line's choice."""
    from desktop.core.importers import import_file

    return import_file(path, format=format, encoding=encoding)
