"""`verbatim export FILE --quote TEXT [--quote TEXT ...] --format F [--style S] [--meta M]
-o OUT`: quotes with citations, or their references, to a file."""

from __future__ import annotations

import argparse
import sys

from desktop.commands.cite import add_citation_arguments, find_or_fail, load_record
from desktop.commands.redaction_options import add_redaction_arguments, redaction_from_args
from desktop.core.export import EXPORTERS, ExportItem, ExportRequest, export
from desktop.core.importers import import_file

HELP = "export quotes from a transcript with citations (or their references)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument(
        "--quote", action="append", required=True, metavar="TEXT",
        help="words to export (repeat for several); each must be in the transcript",
    )  # fmt: skip
    parser.add_argument("--format", required=True, choices=list(EXPORTERS))
    add_citation_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="OUT")
    add_redaction_arguments(parser)


def run(args: argparse.Namespace) -> int:
    transcript = import_file(args.file)
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
