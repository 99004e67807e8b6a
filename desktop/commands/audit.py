"""`verbatim audit FILE [--json]`: are the title's, headings' and lede's quotes the speaker's
words? Exit codes: 0 every quoted heading verbatim, 3 any not, 1 bad input, 2 usage."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.commands.check import exit_status, format_result
from desktop.core.quotecheck import AuditItem
from desktop.core.workspace import Workspace, read_transcript

HELP = "check the quoted words of a transcript's title, section headings and lede against it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    items = Workspace.audit(read_transcript(args.file))
    if args.json:
        json.dump({"items": [i.to_json_dict() for i in items]}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        if not items:
            sys.stdout.write("no quoted words in the title, headings or lede\n")
        sys.stdout.write("\n".join(_item_text(i) for i in items))
    return exit_status([i.result for i in items])


def _item_text(item: AuditItem) -> str:
    label = {"title": "Title", "section": f"Heading {(item.section or 0) + 1}",
             "lede": "Lede"}[str(item.kind)]
    return f"{label}: {item.text}\n" + format_result(item.result)
