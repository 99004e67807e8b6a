"""`verbatim stats FILE... [--json] [--csv]`: who talked how much, per speaker."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from desktop.commands.redaction_options import add_redaction_arguments, redaction_from_args
from desktop.core.redaction import redact_value
from desktop.core.stats import Statistics, csv_rows, statistics
from desktop.core.workspace import read_transcript

HELP = "speaker statistics: turns, words (README's rule), talk time, questions, balance"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print the result as JSON")
    form.add_argument("--csv", action="store_true", help="print one CSV row per speaker")
    add_redaction_arguments(parser)


def run(args: argparse.Namespace) -> int:
    result = statistics(read_transcript(path) for path in args.files)
    redaction = redaction_from_args(args)
    if redaction is not None:  # speaker names, titles and paths on the way out
        result = redact_value(result, redaction)
    if args.json:
        json.dump(result.to_json_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows(csv_rows(result))
    else:
        sys.stdout.write(format_text(result))
    return 0


def format_text(result: Statistics) -> str:
    """A table: one row per speaker, then each transcript's question/answer balance."""
    out = [f"{'Speaker':<28} {'Role':<12} {'Turns':>5} {'Words':>7} {'Share':>6} "
           f"{'Time':>8} {'Quest.':>6} {'Longest':>7}"]  # fmt: skip
    for s in result.speakers:
        time = "" if s.seconds is None else _clock(s.seconds)
        out.append(f"{s.name[:28]:<28} {s.role:<12} {s.turns:>5} {s.words:>7} "
                   f"{s.share:>6.1%} {time:>8} {s.questions:>6} {s.longest_turn:>7}")
    out.append(f"{'Total':<28} {'':<12} {result.turns:>5} {result.words:>7}")
    for t in result.transcripts:
        other = f", speakers of unknown role {t.other_words} words" if t.other_words else ""
        out.append(f"{t.title}: questions {t.asking_words} words ({t.asking_share:.0%}), "
                   f"answers {t.answering_words} words{other}")
    return "\n".join(out) + "\n"


def _clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
