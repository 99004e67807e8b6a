"""`verbatim parse FILE [--json]`: import a file and print its report or the transcript."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.core.importers import format_labels
from desktop.core.model import Transcript
from desktop.core.workspace import read_transcript

HELP = "import a transcript and print its import report (or the transcript as JSON)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print the transcript as JSON")
    parser.add_argument(
        "--format",
        choices=[fmt for fmt, _ in format_labels()],
        help="parse as this shape instead of detecting it",
    )
    parser.add_argument("--encoding", help="decode with this encoding instead of detecting it")


def run(args: argparse.Namespace) -> int:
    transcript = read_transcript(args.file, format=args.format, encoding=args.encoding)
    if args.json:
        json.dump(transcript.to_json_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report_text(transcript))
    return 0


def report_text(transcript: Transcript) -> str:
    """The import report as readable lines."""
    src, meta, rep = transcript.source, transcript.metadata, transcript.report
    lines = [
        f"file:      {src.path}",
        f"format:    {src.format}",
        f"encoding:  {src.encoding}",
        f"sha256:    {src.sha256}",
        f"title:     {meta.title or '-'}",
    ]
    for label, value in (("date", meta.date), ("outlet", meta.outlet), ("place", meta.place),
                         ("url", meta.url), ("language", meta.language)):
        if value:
            lines.append(f"{label + ':':<10} {value}")
    lines.append(f"speakers:  {len(transcript.speakers)}")
    for speaker in transcript.speakers:
        count = sum(1 for t in transcript.turns if t.speaker == speaker.id)
        extra = f", {speaker.affiliation}" if speaker.affiliation else ""
        lines.append(f"  - {speaker.name} ({speaker.role}{extra}): {count} turns")
    lines.append(f"sections:  {len(transcript.sections)}")
    for section in transcript.sections:
        lines.append(f"  - {section.title} (from turn {section.turn + 1})")
    lines.append(f"turns:     {len(transcript.turns)}")
    for label, items in (("removed", rep.removed), ("repaired", rep.repaired),
                         ("warnings", rep.warnings)):
        lines.append(f"{label + ':':<10} {len(items)}")
        lines.extend(f"  - {item}" for item in items)
    return "\n".join(lines) + "\n"
