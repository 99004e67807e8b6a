"""`verbatim cite FILE --quote TEXT [--style S] [--meta META.json] [--json]`.

The citation details are the user's, as stored in the window (Quotes ▸ Citation Details…) for
that file, when the library holds any; a META.json given with --meta overrides them key by key.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.commands.redaction_options import add_redaction_arguments, redaction_from_args
from desktop.core.citations import (
    STYLES,
    Citation,
    CitationDetailsError,
    CitationRecord,
    CiteOptions,
    cite,
    record_from_transcript,
)
from desktop.core.citations.base import speaker_of
from desktop.core.model import Transcript
from desktop.core.quotes import Quote, QuoteNotFoundError, find_quote
from desktop.core.redaction import redact_record, redact_value
from desktop.core.user_library import existing_user_workspace
from desktop.core.workspace import read_transcript

HELP = "find words in a transcript and print them with their citation"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument(
        "--quote",
        required=True,
        metavar="TEXT",
        help="the words to cite; whitespace, the kind of quotation marks and the case of the "
        "first letter may differ from the transcript, nothing else",
    )
    add_citation_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print every part as JSON")
    parser.add_argument(
        "--note-number", type=int, metavar="N", help='number the Chicago note ("1. …")'
    )
    add_redaction_arguments(parser)


def add_citation_arguments(parser: argparse.ArgumentParser) -> None:
    """--style and --meta, shared with `verbatim export`."""
    parser.add_argument("--style", choices=list(STYLES), default="apa", help="default: apa")
    parser.add_argument(
        "--meta",
        metavar="META.json",
        help="citation details (title, interviewees [{name, role}], interviewer, byline, "
        "outlet, published, recorded, place, url, medium, accessed, language; ISO dates); "
        "missing keys come from the details stored in the window, then from the import",
    )


def stored_record(transcript: Transcript) -> CitationRecord:
    """The import's record, overridden by the details the user stored for this file (none
    when there is no library yet: nothing is created)."""
    workspace = existing_user_workspace()
    if workspace is None:
        return record_from_transcript(transcript)
    with workspace:
        return workspace.record_for(transcript)


def load_record(transcript: Transcript, meta: str | None) -> CitationRecord:
    """The stored record (`stored_record`), overridden by the keys a META.json gives."""
    record = stored_record(transcript)
    if not meta:
        return record
    try:
        data = json.loads(Path(meta).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CitationDetailsError(meta, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CitationDetailsError(meta, f"cannot be read ({exc.__class__.__name__})") from None
    except json.JSONDecodeError as exc:
        raise CitationDetailsError(meta, f"is not valid JSON (line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise CitationDetailsError(meta, "must hold a JSON object")
    return _merge(record, data, meta)


def _merge(record: CitationRecord, data: dict[str, Any], where: str) -> CitationRecord:
    try:
        return record.merged(data)
    except CitationDetailsError as exc:
        raise CitationDetailsError(where, exc.reason) from None


def find_or_fail(transcript: Transcript, words: str) -> Quote:
    quote = find_quote(transcript, words)
    if quote is None:
        raise QuoteNotFoundError(transcript.source.path, words)
    return quote


def citation_json(
    citation: Citation, quote: Quote, record: CitationRecord | None = None
) -> dict[str, Any]:
    parts = ("quote", "in_text", "note", "reference", "attribution")
    data: dict[str, Any] = {"style": citation.style}
    data.update({name: getattr(citation, name).plain or None for name in parts})
    data["html"] = {name: getattr(citation, name).html or None for name in parts}
    data["locator"] = quote.locator.text if quote.locator else None
    data["speaker"] = quote.speaker
    # the person the citation names for the speaker label (None: the transcript names nobody)
    person = speaker_of(record, quote.quoted()) if record is not None else None
    data["person"] = person.full if person else None
    data["source"] = {"path": quote.source_path, "sha256": quote.source_sha256}
    data["words"] = quote.text
    data["missing"] = list(citation.missing)
    return data


def run(args: argparse.Namespace) -> int:
    transcript = read_transcript(args.file)
    record = load_record(transcript, args.meta)
    quote = find_or_fail(transcript, args.quote)
    redaction = redaction_from_args(args)
    if redaction is not None:  # details before citing (names in references), the rest after
        record = redact_record(record, redaction)
    citation = cite(args.style, record, quote.quoted(), CiteOptions(note_number=args.note_number))
    if redaction is not None:
        citation = redact_value(citation, redaction, quoted=True)
        quote = redact_value(quote, redaction)
    if args.json:
        data = citation_json(citation, quote, record)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    labels = (
        ("quote", "Quote"),
        ("in_text", "In-text"),
        ("note", "Note"),
        ("attribution", "Attribution"),
        ("reference", "Reference"),
    )
    for name, label in labels:
        text = getattr(citation, name).plain
        if text:
            sys.stdout.write(f"{label + ':':<13}{text}\n")
    if citation.missing:
        sys.stdout.write(f"{'Missing:':<13}{', '.join(citation.missing)}\n")
    return 0
