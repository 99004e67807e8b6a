"""Reading-tools benchmark: keyword in context over a synthetic library, speaker statistics,
and what redaction adds to an export.

    python benchmarks/reading_bench.py                 # 100 interviews x ~5,000 words
    python benchmarks/reading_bench.py --interviews 20

The library is search_bench's (fixed seed, Zipf vocabulary headed by the bundled interview's
words), indexed in memory with Verbatim's Whoosh engine. Prints a Markdown table; not a test.
"""

from __future__ import annotations

import argparse
import statistics as stats_module
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from search_bench import Corpus  # noqa: E402

from desktop.core.export import ExportItem, ExportRequest, render  # noqa: E402
from desktop.core.kwic import kwic_library, kwic_transcript  # noqa: E402
from desktop.core.quotes import quote_from_span  # noqa: E402
from desktop.core.redaction import Redaction  # noqa: E402
from desktop.core.search.whoosh_engine import WhooshEngine  # noqa: E402
from desktop.core.stats import statistics  # noqa: E402


def best_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return stats_module.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100)
    args = parser.parse_args()
    corpus = Corpus.make(args.interviews)
    transcripts = dict(iter(corpus))
    words = sum(len(t.text.split()) for tr in transcripts.values() for t in tr.turns)
    engine = WhooshEngine.in_memory()
    start = time.perf_counter()
    engine.update_many(transcripts.items())
    build = time.perf_counter() - start
    print(f"{args.interviews} interviews, {words:,} words; index built in {build:.1f} s\n")
    print("| measure | occurrences (matching turns) | rows | median ms |")
    print("|---|---:|---:|---:|")
    ranks = {"rare word (rank 2,000)": corpus.words[2000],
             "common word (rank 60)": corpus.words[60],
             "frequent word (rank 25)": corpus.words[25]}  # fmt: skip
    for label, word in ranks.items():
        result = kwic_library(engine, word, transcripts.__getitem__, limit=200)
        ms = best_ms(lambda w=word: kwic_library(engine, w, transcripts.__getitem__, limit=200))
        counted = "" if result.complete else " counted in the best 2,000"
        print(f"| library KWIC, {label} `{word}` | {result.total:,}{counted} ({result.turns:,}) "
              f"| {len(result.lines)} | {ms:.0f} |")
    phrase = f'"{corpus.words[60]} {corpus.words[61]}"'
    result = kwic_library(engine, phrase, transcripts.__getitem__, limit=200)
    ms = best_ms(lambda: kwic_library(engine, phrase, transcripts.__getitem__, limit=200))
    print(f"| library KWIC, phrase `{phrase}` | {result.total:,} | {len(result.lines)} "
          f"| {ms:.0f} |")
    one = transcripts[1]
    word = corpus.words[25]
    result = kwic_transcript(one, word)
    ms = best_ms(lambda: kwic_transcript(one, word))
    print(f"| one transcript (~5,000 words), `{word}` | {result.total} | {len(result.lines)} "
          f"| {ms:.1f} |")
    ms = best_ms(lambda: statistics(transcripts.values()), repeat=3)
    print(f"| statistics over the whole library | | | {ms:.0f} |")
    items = []
    for i in range(200):
        turn = one.turns[(2 * i + 1) % len(one.turns)]
        items.append(ExportItem(quote_from_span(one, (2 * i + 1) % len(one.turns), 0,
                                                     min(120, len(turn.text)))))  # fmt: skip
    redaction = Redaction.of([one.speakers[1].name, "email", "phone", corpus.words[30]])
    plain = ExportRequest(items, {one.source.path: one})
    redacted = ExportRequest(items, {one.source.path: one}, redaction=redaction)
    for fmt in ("md", "json"):
        a = best_ms(lambda f=fmt: render(plain, f), repeat=3)
        b = best_ms(lambda f=fmt: render(redacted, f), repeat=3)
        print(f"| export 200 quotes as {fmt}: plain / redacted (4 rules) | | | {a:.0f} / {b:.0f} |")
    engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
