"""`verbatim index PATH...`: add transcript files and folders to the library and its index."""

from __future__ import annotations

import argparse
import sys

from desktop.core.search import IndexReadOnlyError, Progress
from desktop.core.user_library import open_user_workspace

HELP = "add transcript files or folders (recursively) to the library and its search index"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to add")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")


def run(args: argparse.Namespace) -> int:
    progress = None if args.quiet else _progress_printer()
    with open_user_workspace() as ws:
        opened = ws.open_index(progress=progress)
        if opened.read_only:
            raise IndexReadOnlyError(getattr(opened.engine, "directory", "index"))
        if opened.rebuilt and opened.reason != "missing" and not args.quiet:
            print(f"verbatim: the search index was {opened.reason}; rebuilt it", file=sys.stderr)
        result = ws.add(args.paths, progress=progress)
        for path, reason in result.failed:
            print(f"verbatim: {path}: {reason}", file=sys.stderr)
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
        line = f"[{done + 1}/{total}] {label}"
        if tty:
            sys.stderr.write("\r\x1b[K" + line[:120])
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    return progress
