"""`verbatim kwic QUERY [--in FILE] [--width N] [--limit N] [--sort S] [--json]`: keyword in
context over the library or one file."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.commands.redaction_options import add_redaction_arguments, redaction_from_args
from desktop.commands.search import EPILOG
from desktop.core.kwic import (
    DEFAULT_LIMIT,
    DEFAULT_WIDTH,
    KwicResult,
    SortKey,
    kwic_library,
    kwic_transcript,
    sorted_lines,
)
from desktop.core.redaction import redact_value
from desktop.core.user_library import has_library, open_user_workspace
from desktop.core.workspace import read_transcript

HELP = "every occurrence of a word or query with its context (keyword in context)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument("--in", dest="file", metavar="FILE",
                        help="only this transcript (imported on the fly if not in the library)")
    parser.add_argument("--width", type=_positive, default=DEFAULT_WIDTH, metavar="N",
                        help=f"characters of context on each side (default {DEFAULT_WIDTH})")
    parser.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                        help=f"library: list at most N lines (default {DEFAULT_LIMIT}); the "
                        "total counts all")
    parser.add_argument("--sort", choices=[k.value for k in SortKey], default="source",
                        help="order: as found (default), or by the word left / right of the match")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    add_redaction_arguments(parser)  # fmt: skip


def run(args: argparse.Namespace) -> int:
    result = _kwic(args.query, args.file, args.width, args.limit)
    lines = sorted_lines(result.lines, SortKey(args.sort))
    result = KwicResult(result.query, result.total, tuple(lines))
    redaction = redaction_from_args(args)
    if redaction is not None:
        result = redact_value(result, redaction)
    if args.json:
        json.dump(result.to_json_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(result, args.width))
    return 0


def _kwic(query: str, file: str | None, width: int, limit: int) -> KwicResult:
    if not has_library():
        if file is None:
            return _empty(query)
        return kwic_transcript(read_transcript(file), query, width=width)
    with open_user_workspace() as ws:
        entry = ws.entry_for(file) if file is not None else None
        if file is not None and entry is None:
            return kwic_transcript(read_transcript(file), query, width=width)
        if entry is not None:
            return kwic_transcript(ws.transcript(entry.id), query, width=width)
        if not ws.entries():
            return _empty(query)
        opened = ws.open_index()
        if opened.rebuilt and opened.reason != "missing":
            print(f"verbatim: the search index was {opened.reason}; rebuilt it from the library",
                  file=sys.stderr)
        return kwic_library(opened.engine, query, ws.transcript, width=width, limit=limit)


def _empty(query: str) -> KwicResult:
    print(
        "verbatim: the library is empty; add transcripts with `verbatim index PATH...` "
        "or look in one file with --in FILE",
        file=sys.stderr,
    )
    return KwicResult(query, 0, ())


def format_text(result: KwicResult, width: int) -> str:
    """Aligned rows: right-aligned left context, the match, the right context, then where."""
    counted = "" if result.complete else f" (counted in the best turns; {result.turns} match)"
    out = [f"{len(result.lines)} of {result.total} occurrences{counted}"]
    for line in result.lines:
        match = " ".join(line.match.split())
        where = f"{line.speaker or '(no speaker)'}, turn {line.turn + 1}, {line.title}"
        out.append(f"{line.left:>{width}} [{match}] {line.right:<{width}}  {where}")
    return "\n".join(out) + "\n"


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number
