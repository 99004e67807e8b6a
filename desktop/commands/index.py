"""`verbatim index PATH...`: add transcript files and folders to the library and its index."""

from __future__ import annotations

import argparse
import sys
import time

from desktop.core.errors import shown
from desktop.core.importers import own_exports
from desktop.core.search import IndexReadOnlyError, MergeableIndex, Progress
from desktop.core.storage import LibraryBusyError
from desktop.core.user_library import open_user_workspace

#: How long to wait for another Verbatim that owns the index (a second `verbatim index`).
_WAIT_SECONDS = 120.0
#: Pause before starting again after the library was busy.
_RETRY_PAUSE = 0.5

HELP = "add transcript files or folders (recursively) to the library and its search index"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to add")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")


def run(args: argparse.Namespace) -> int:
    """Index the paths; when another Verbatim writing the same library makes SQLite refuse a
    write (`LibraryBusyError`), start again (what was added is found unchanged) until
    `_WAIT_SECONDS` have passed."""
    deadline = time.monotonic() + _WAIT_SECONDS
    while True:
        try:
            return _run_once(args)
        except LibraryBusyError:
            if time.monotonic() + _RETRY_PAUSE > deadline:
                raise
            time.sleep(_RETRY_PAUSE)


def _run_once(args: argparse.Namespace) -> int:
    progress = None if args.quiet else _progress_printer()
    with open_user_workspace() as ws:
        # A second `verbatim index` waits for the first to finish instead of failing.
        opened = ws.open_index(progress=progress, wait=_WAIT_SECONDS, write=True)
        if opened.read_only:
            raise IndexReadOnlyError(getattr(opened.engine, "directory", "index"))
        if opened.rebuilt and opened.reason != "missing" and not args.quiet:
            print(f"verbatim: the search index was {opened.reason}; rebuilt it", file=sys.stderr)
        result = ws.add(args.paths, progress=progress)
        engine = opened.engine
        if isinstance(engine, MergeableIndex) and engine.merge_wanted():
            engine.optimize_in_subprocess()  # a batch command: merge now (the window waits)
        for path, reason in result.failed:
            print(f"verbatim: {shown(path)}: {reason}", file=sys.stderr)
        for path, reason in result.special:
            print(f"verbatim: {shown(path)}: {reason}; skipped", file=sys.stderr)
        for path, reason in result.skipped:
            if reason == own_exports.REASON:  # say why a file that reads as text was left out
                print(f"verbatim: skipped {shown(path)}: {reason}", file=sys.stderr)
        turns = opened.engine.doc_count()
        print(
            f"added {len(result.added)}, updated {len(result.updated)}, "
            f"moved {len(result.moved)}, unchanged {len(result.unchanged)}, "
            f"failed {len(result.failed)}, not transcripts {len(result.skipped)}; "
            f"library: {len(ws.entries())} transcripts, {turns} turns indexed"
        )
    return 1 if result.failed else 0


def _progress_printer() -> Progress:
    """progress(done, total, label) writing one line per step to stderr."""
    tty = sys.stderr.isatty()

    def progress(done: int, total: int, label: str) -> None:
        if not label:
            return
        line = f"[{done + 1}/{total}] {shown(label)}"
        if tty:
            sys.stderr.write("\r\x1b[K" + line[:120])
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    return progress
