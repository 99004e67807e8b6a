"""`verbatim export FILE --quote TEXT [--quote TEXT ...] --format F [--style S] [--meta M]
-o OUT`: quotes with citations, or their references, to a file.

`verbatim export --board --format F [--style S] -o OUT`: the user's quote board (the window's,
in its order, with notes and tags and the stored citation details), each quote verified against
its source file first, as the window's export does.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands.cite import add_citation_arguments, find_or_fail, load_record
from desktop.commands.redaction_options import add_redaction_arguments, redaction_from_args
from desktop.core.export import EXPORTERS, ExportItem, ExportRequest, export
from desktop.core.user_library import existing_user_workspace
from desktop.core.workspace import read_transcript

HELP = "export quotes from a transcript, or the quote board, with citations (or references)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", nargs="?", help="the transcript (not with --board)")
    parser.add_argument(
        "--quote", action="append", metavar="TEXT",
        help="words to export (repeat for several); each must be in the transcript",
    )  # fmt: skip
    parser.add_argument(
        "--board", action="store_true",
        help="export the quote board of the window (every quote, in board order)",
    )  # fmt: skip
    parser.add_argument("--format", required=True, choices=list(EXPORTERS))
    add_citation_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="OUT")
    add_redaction_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if args.board:
        if args.file or args.quote or args.meta:
            return _usage("--board exports the board: give no FILE, --quote or --meta")
        return _export_board(args)
    if not args.file or not args.quote:
        return _usage("give FILE and --quote TEXT, or --board")
    transcript = read_transcript(args.file)
    record = load_record(transcript, args.meta)
    items = [ExportItem(find_or_fail(transcript, words)) for words in args.quote]
    request = ExportRequest(
        items=items,
        sources={transcript.source.path: transcript},
        records={transcript.source.path: record},
        style=args.style,
        redaction=redaction_from_args(args),
    )
    written = export(request, args.format, args.output)
    sys.stdout.write(f"{written}\n")
    return 0


def _export_board(args: argparse.Namespace) -> int:
    workspace = existing_user_workspace()
    if workspace is None:
        print("verbatim: the quote board is empty (no library yet)", file=sys.stderr)
        return 1
    with workspace:
        if not workspace.board():
            print("verbatim: the quote board is empty", file=sys.stderr)
            return 1
        written = workspace.export(None, args.format, args.output, style=args.style,
                                   redaction=redaction_from_args(args))  # fmt: skip
    sys.stdout.write(f"{written}\n")
    return 0


def _usage(problem: str) -> int:
    print(f"verbatim export: {problem}", file=sys.stderr)
    return 2
