"""`verbatim align CLEAN TIMED [--json]`: give a clean transcript the times of a machine
transcript of the same recording, and store them with the clean transcript."""

from __future__ import annotations

import argparse
import json
import sys

from desktop import paths
from desktop.core.align import align
from desktop.core.timeline import with_turn_times
from desktop.core.workspace import media_store, read_transcript

HELP = "carry the times of a machine transcript (Whisper, subtitles) over to a clean transcript"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("clean", metavar="CLEAN", help="the clean transcript (untimed)")
    parser.add_argument("timed", metavar="TIMED", help="a timed transcript of the same recording")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the times without storing them"
    )


def run(args: argparse.Namespace) -> int:
    clean = read_transcript(args.clean)
    timed = read_transcript(args.timed)
    if not timed.is_timed:
        print(f"verbatim: {args.timed}: has no times to carry over", file=sys.stderr)
        return 1
    result = align(clean, timed)
    if not args.dry_run:
        with media_store(paths.user_data_dir()) as store:
            store.set_turn_times(clean.source.path, clean.source.sha256, result.turns)
    if args.json:
        json.dump(result.to_json_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    timed_turns = sum(1 for start, _ in result.turns if start is not None)
    print(
        f"aligned {result.matched:,} of {result.words:,} words ({result.aligned:.0%}); "
        f"{timed_turns} of {len(result.turns)} turns have times"
        + ("" if args.dry_run else " (stored; the window plays this transcript now)")
    )
    shown = with_turn_times(clean, result.turns)
    for index, turn in enumerate(shown.turns):
        when = "  -  " if turn.start is None else _clock(turn.start)
        words = " ".join(turn.text.split()[:8])
        print(f"{index:>4}  {when}  {words}")
    for stretch in result.unmatched:
        if stretch.words >= 5:
            text = clean.turns[stretch.turn].text[stretch.start : stretch.end]
            print(f"unmatched, turn {stretch.turn} ({stretch.words} words): {text[:60]}…")
    return 0


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"
