"""What people-aware citations cost (prints numbers; nothing is asserted here).

    python benchmarks/citation_bench.py

- loading the word lists sentence case and the person model use (once per process);
- building the citation record of a big transcript (people, proper nouns, header date): the
  State Department excerpt repeated to about 4.7 MB and 10,000 turns;
- citing one quote of it in every style.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SAMPLE = REPO / "tests" / "data" / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt"
STYLES = ("apa", "mla", "chicago-notes", "chicago-author-date", "harvard", "ieee", "ap")


def main() -> None:
    started = time.perf_counter()
    from desktop.core.citations.lexicon import is_common

    is_common("word")
    print(f"word lists loaded (with the citation package): {time.perf_counter() - started:.3f} s")

    from desktop.core.citations import cite, record_from_transcript
    from desktop.core.importers import import_file
    from desktop.core.quotes import find_quote

    text = SAMPLE.read_text(encoding="utf-8")
    head, body = text.split("FEBRUARY 1, 2021", 1)
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        big.write_text(head + "FEBRUARY 1, 2021" + body * 2500, encoding="utf-8")
        transcript = import_file(big)
    size = len(body) * 2500 / 1e6
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        record = record_from_transcript(transcript)
        runs.append(time.perf_counter() - t0)
    print(
        f"citation record of {size:.1f} MB, {len(transcript.turns)} turns: "
        f"median {statistics.median(runs) * 1000:.0f} ms, max {max(runs) * 1000:.0f} ms "
        f"({record.interviewees[0].name}; interviewer {record.interviewer})"
    )
    quote = find_quote(transcript, "the Russian Government makes a big mistake")
    assert quote is not None
    t0 = time.perf_counter()
    for style in STYLES:
        cite(style, record, quote.quoted())
    print(f"one quote in {len(STYLES)} styles: {(time.perf_counter() - t0) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
