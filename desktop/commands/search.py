"""`verbatim search QUERY [--in FILE] [--limit N] [--json]`: search the library or one file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.core.search import SearchResult
from desktop.core.user_library import has_library, open_user_workspace
from desktop.core.workspace import Workspace, read_transcript

HELP = "search the library (or one file with --in) and print the matching turns"

EPILOG = """query syntax: words (stemmed: sanction finds sanctions), "exact phrases",
AND / OR / NOT, (parentheses), prefix*, fuzzy~ (fuzzy~2: two letters off),
speaker:name (any part of a name), role:question / role:answer"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument(
        "--in",
        dest="file",
        metavar="FILE",
        help="search only this transcript (imported on the fly if it is not in the library)",
    )
    parser.add_argument("--limit", type=_positive, default=20, metavar="N",
                        help="show at most N hits (default 20)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    result = _search(args.query, args.file, args.limit)
    if args.json:
        json.dump(result.to_json_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(result, color=sys.stdout.isatty()))
    return 0


def _search(query: str, file: str | None, limit: int) -> SearchResult:
    if not has_library():
        if file is None:
            return _empty(query)
        return Workspace.search_transcript(read_transcript(file), query, limit=limit)
    with open_user_workspace() as ws:
        entry = ws.entry_for(file) if file is not None else None
        if file is not None and entry is None:
            return Workspace.search_transcript(read_transcript(file), query, limit=limit)
        if not ws.entries():
            return _empty(query)
        opened = ws.open_index(wait=10.0)  # another Verbatim may be rebuilding it
        if opened.rebuilt and opened.reason != "missing":
            print(f"verbatim: the search index was {opened.reason}; rebuilt it from the library",
                  file=sys.stderr)
        if entry is None:
            return ws.search(query, limit=limit)
        if not opened.read_only:
            ws.transcript(entry.id)  # re-imports and re-indexes it if the file changed
        result = ws.search(query, scope=entry.id, limit=None)
        hits = sorted(result.hits, key=lambda hit: hit.turn)[:limit]  # reading order
        return SearchResult(result.query, result.total, tuple(hits), result.recovered,
                            result.more)


def _empty(query: str) -> SearchResult:
    print(
        "verbatim: the library is empty; add transcripts with `verbatim index PATH...` "
        "or search one file with --in FILE",
        file=sys.stderr,
    )
    return SearchResult(query, 0, ())


def format_text(result: SearchResult, *, color: bool = False) -> str:
    """Hits as readable lines, who said it first, as the window lists them; matched words in
    bold on a terminal, between ** elsewhere (a pipe or a file has no bold)."""
    lines = [f"{len(result.hits)} of {result.total_text} matching turns"]
    for hit in result.hits:
        speaker = hit.speaker or "(no speaker)"
        lines.append(f"{speaker} ({hit.role}) · turn {hit.turn + 1} · {hit.title}")
        lines.append(f"    {_marked(hit.snippet, hit.snippet_matches, color)}")
        lines.append(f"    {Path(hit.path).name}")
    return "\n".join(lines) + "\n"


def _marked(text: str, spans: tuple[tuple[int, int], ...], color: bool) -> str:
    on, off = ("\x1b[1m", "\x1b[0m") if color else ("**", "**")
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start] + on + text[start:end] + off)
        last = end
    out.append(text[last:])
    return "".join(out)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number
