"""Search benchmark: a reproducible synthetic library, indexed and queried three ways.

    python benchmarks/search_bench.py                 # 2,000 interviews x ~5,000 words
    python benchmarks/search_bench.py --interviews 200 --procs 1

Generates N interviews (fixed seed; Zipf-distributed vocabulary whose head is the real words of
the bundled interview, by frequency, and whose tail is made-up words; alternating
short questions and long answers; section headings), then measures with Verbatim's Whoosh
engine: index build from empty, re-indexing one changed interview, cold open + first query in
a new process, p50/p95 latency per query kind (top 20 hits with snippets and match offsets),
search inside one transcript, peak memory and index size. The same queries are answered with
SQLite FTS5 (porter tokenizer, bm25, snippet()) and with a plain regex scan, and the table
shows the ratios. Prints a Markdown table; not a test.
"""

# ruff: noqa: SIM905  (word lists read better as text)
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.model import (  # noqa: E402
    Metadata,
    Role,
    Section,
    Source,
    Speaker,
    Transcript,
    Turn,
)
from desktop.core.search import search_transcript  # noqa: E402
from desktop.core.search.whoosh_engine import WhooshEngine  # noqa: E402

SEED = 20211202
KINDS = ("term", "AND", "phrase", "prefix", "fuzzy", "speaker")
BUDGET_MS = {"term": 50, "AND": 50, "phrase": 50, "speaker": 50, "prefix": 150, "fuzzy": 150}
SYLLABLES = (
    "ab ac ad al am an ar as at ba be bi bo bu ca ce ci co cu da de di do du el em en er es "
    "fa fe fi fo ga ge gi go ha he hi ho in ir is ka ke ki la le li lo lu ma me mi mo mu na ne "
    "ni no nu on or pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu un ur va ve vi "
    "vo za ze zi tion ment ness ing ed er ly al ous ive ble"
).split()
FIRST = ("Efi Maria John Amira Kenji Olga Pedro Nadia Tom Ines Lars Priya Yusuf Chloe Ivan "
         "Sofia Omar Lea Ravi Hana Jonas Fatima Marek Ana Diego").split()
LAST = ("Koutsokosta Blinken Lopez Tanaka Petrova Alvarez Haddad Becker Novak Singh Okafor "
        "Dubois Rossi Larsen Kowalski Moreau Sato Kaya Silva Jensen Ortiz Weber Nakamura "
        "Fischer Costa Ibrahim Varga Lindqvist Horvat Mendes").split()


# -- the corpus ---------------------------------------------------------------------------


def vocabulary(size: int = 40_000) -> list[str]:
    """Real words (most frequent first) followed by made-up ones.

    The real words come from the bundled interview only, so every checkout generates the
    same library (test data grows; the bundled interview does not)."""
    counts: dict[str, int] = {}
    for path in [REPO / "resources" / "sample-interview.txt"]:
        if path.is_file():
            for word in re.findall(r"[A-Za-z]+(?:'[a-z]+)?", path.read_text("utf-8", "replace")):
                counts[word.lower()] = counts.get(word.lower(), 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    seen = set(words)
    rng = random.Random(SEED)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


@dataclass
class Corpus:
    words: list[str]
    cum: list[float]
    interviews: int

    @classmethod
    def make(cls, interviews: int) -> Corpus:
        words = vocabulary()
        total, cum = 0.0, []
        for rank in range(len(words)):
            total += 1.0 / (rank + 1) ** 1.05
            cum.append(total)
        return cls(words, cum, interviews)

    def sentence_words(self, rng: random.Random, n: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=n)

    def text(self, rng: random.Random, n: int, *, question: bool) -> str:
        words = self.sentence_words(rng, n)
        out, i = [], 0
        while i < len(words):
            k = rng.randint(7, 18)
            chunk = words[i:i + k]
            chunk[0] = chunk[0].capitalize()
            out.append(" ".join(chunk) + ("?" if question and i + k >= len(words) else "."))
            i += k
        paragraphs = [" ".join(out[j:j + 5]) for j in range(0, len(out), 5)]
        return "\n\n".join(paragraphs)

    def interview(self, index: int) -> Transcript:
        rng = random.Random(SEED * 100_003 + index)
        host_name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        guest_name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        host = Speaker("host", host_name, Role.INTERVIEWER, aliases=(f"{host_name}, radio",))
        guest = Speaker("guest", guest_name, Role.INTERVIEWEE)
        turns: list[Turn] = []
        sections: list[Section] = []
        count = 0
        while count < 5_000:
            if len(turns) % 10 == 0:
                title = " ".join(self.sentence_words(rng, rng.randint(3, 6))).capitalize()
                sections.append(Section(title, len(turns)))
            n_q, n_a = rng.randint(10, 40), rng.randint(100, 260)
            turns.append(Turn("host", self.text(rng, n_q, question=True)))
            turns.append(Turn("guest", self.text(rng, n_a, question=False)))
            count += n_q + n_a
        return Transcript(
            source=Source(f"/library/interview-{index:04d}.txt", f"{index:064x}", "bench", "utf-8"),
            metadata=Metadata(title=f"Interview {index} with {guest_name}"),
            speakers=(host, guest),
            sections=tuple(sections),
            turns=tuple(turns),
        )

    def __iter__(self) -> Iterator[tuple[int, Transcript]]:
        for i in range(self.interviews):
            yield i + 1, self.interview(i)

    def __len__(self) -> int:
        return self.interviews


# -- queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    kind: str
    whoosh: str
    words: tuple[str, ...]  # plain words (for FTS5 and regex)
    speaker: str | None = None


def make_queries(corpus: Corpus, per_kind: int) -> list[Query]:
    rng = random.Random(SEED + 1)
    mid = [w for w in corpus.words[150:6000] if len(w) >= 4]
    long = [w for w in corpus.words[100:4000] if len(w) >= 6]
    queries: list[Query] = []
    for _ in range(per_kind):
        a, b = rng.sample(mid, 2)
        queries.append(Query("term", a, (a,)))
        queries.append(Query("AND", f"{a} {b}", (a, b)))
    for i in range(per_kind):
        t = corpus.interview(rng.randrange(corpus.interviews))
        words = re.findall(r"\w+", t.turns[rng.randrange(len(t.turns))].text.lower())
        j = rng.randrange(len(words) - 1)
        queries.append(Query("phrase", f'"{words[j]} {words[j + 1]}"', (words[j], words[j + 1])))
        w = rng.choice(long)
        queries.append(Query("prefix", f"{w[:4]}*", (w[:4],)))
        w = rng.choice(mid)
        k = rng.randrange(1, len(w))
        typo = w[:k] + ("e" if w[k] != "e" else "a") + w[k + 1:]
        queries.append(Query("fuzzy", f"{typo}~", (typo,)))
        last = LAST[i % len(LAST)]
        a = rng.choice(mid)
        queries.append(Query("speaker", f"speaker:{last.lower()} {a}", (a,), last.lower()))
    return queries


# -- measurements -------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


COLD = """
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from desktop.core.search.whoosh_engine import WhooshEngine
engine, _ = WhooshEngine.open(sys.argv[2])
result = engine.search(sys.argv[3])
print((time.perf_counter() - t0) * 1000, result.total)
"""


def cold_open(directory: Path, query: str) -> tuple[float, float]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", COLD, str(REPO), str(directory), query],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    return float(out[0]), (time.perf_counter() - start) * 1000


# -- FTS5 and regex -----------------------------------------------------------------------


def fts5_build(corpus: Corpus, path: Path) -> tuple[sqlite3.Connection, float]:
    conn = sqlite3.connect(path)
    start = time.perf_counter()
    conn.execute(
        "CREATE VIRTUAL TABLE turns USING fts5(tid UNINDEXED, turn UNINDEXED, speaker, text,"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    with conn:
        for tid, t in corpus:
            conn.executemany(
                "INSERT INTO turns VALUES (?, ?, ?, ?)",
                [(tid, i, " ".join((t.speaker(turn.speaker).name,  # type: ignore[union-attr]
                                    *t.speaker(turn.speaker).aliases)),  # type: ignore[union-attr]
                  turn.text) for i, turn in enumerate(t.turns)],
            )
    conn.execute("INSERT INTO turns(turns) VALUES ('optimize')")
    conn.commit()
    conn.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(turns, 'row')")
    return conn, time.perf_counter() - start


def within_one(a: str, b: str) -> bool:
    """Edit distance <= 1 (for expanding fuzzy words against a vocabulary)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def fts5_query(conn: sqlite3.Connection, q: Query, vocab: list[str]) -> int:
    if q.kind == "fuzzy":
        word = q.words[0].lower()
        expanded = [v for v in vocab if v[:1] == word[:1] and within_one(v, word)] or [word]
        match = "text: (" + " OR ".join(f'"{v}"' for v in expanded) + ")"
    elif q.kind == "phrase":
        match = f'text: "{" ".join(q.words)}"'
    elif q.kind == "prefix":
        match = f"text: {q.words[0]}*"
    elif q.kind == "speaker":
        match = f'speaker: "{q.speaker}"* AND text: "{q.words[0]}"'
    else:
        match = "text: (" + " AND ".join(f'"{w}"' for w in q.words) + ")"
    total = conn.execute("SELECT count(*) FROM turns WHERE turns MATCH ?", (match,)).fetchone()[0]
    conn.execute(
        "SELECT tid, turn, snippet(turns, 3, '[', ']', '…', 24) FROM turns WHERE turns MATCH ?"
        " ORDER BY rank LIMIT 20", (match,)
    ).fetchall()
    return int(total)


def regex_for(q: Query, vocab: list[str]) -> list[re.Pattern[str]]:
    if q.kind == "fuzzy":
        word = q.words[0].lower()
        expanded = [v for v in vocab if v[:1] == word[:1] and within_one(v, word)] or [word]
        return [re.compile(r"\b(?:" + "|".join(map(re.escape, expanded)) + r")\b", re.I)]
    if q.kind == "phrase":
        return [re.compile(r"\b" + r"\W+".join(map(re.escape, q.words)) + r"\b", re.I)]
    if q.kind == "prefix":
        return [re.compile(r"\b" + re.escape(q.words[0]) + r"\w*", re.I)]
    return [re.compile(r"\b" + re.escape(w) + r"\w{0,3}\b", re.I) for w in q.words]


def regex_query(turns: list[tuple[str, str]], q: Query, vocab: list[str]) -> int:
    patterns = regex_for(q, vocab)
    found = 0
    snippets: list[str] = []
    for speaker, text in turns:
        if q.speaker is not None and q.speaker not in speaker:
            continue
        first = None
        for p in patterns:
            m = p.search(text)
            if m is None:
                break
            first = first or m
        else:
            found += 1
            if len(snippets) < 20 and first is not None:
                snippets.append(text[max(0, first.start() - 70):first.end() + 150])
    return found


# -- main ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=40, help="queries per kind")
    parser.add_argument("--procs", type=int, default=1,
                        help="writer processes for the bulk build (merged to one segment); "
                        "2 was slower than 1 on a busy 2-core machine")
    parser.add_argument("--regex-queries", type=int, default=10,
                        help="queries per kind for the (slow) regex scan")
    parser.add_argument("--limitmb", type=int, default=128,
                        help="Whoosh writer buffer (the app uses 128)")
    parser.add_argument("--keep", type=Path, help="build the index here and keep it")
    parser.add_argument("--skip-baselines", action="store_true", help="no FTS5 / regex")
    args = parser.parse_args()

    load_start = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    corpus = Corpus.make(args.interviews)
    work = Path(tempfile.mkdtemp(prefix="verbatim-bench-"))
    directory = args.keep or work / "index"
    if directory.exists():
        shutil.rmtree(directory)
    rows: list[tuple[str, str, str]] = []
    print(f"# {args.interviews} interviews, procs={args.procs}, limitmb={args.limitmb}",
          file=sys.stderr)

    # 1. Build from empty (the corpus is generated while indexing, never held in memory).
    engine, _ = WhooshEngine.open(directory, procs=args.procs)
    engine.limitmb = args.limitmb
    t0, cpu0 = time.perf_counter(), time.process_time()
    counted = _Counted(corpus)
    engine.update_many(counted, progress=_progress)
    build_s, build_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    words = counted.words
    own_mb, child_mb = peak_mb()
    turns = engine.doc_count()
    size_mb = dir_size(directory) / 1e6
    rows.append(("index build from empty, wall (CPU of this process; includes generating "
                 "the interviews)", f"{build_s:.1f} s ({build_cpu:.0f} s CPU)", "<= 180 s"))
    rows.append(("peak memory (this process / writer children)",
                 f"{own_mb:.0f} MB / {child_mb:.0f} MB", "<= 500 MB"))
    rows.append(("index size", f"{size_mb:.0f} MB", ""))
    rows.append(("segments after build", str(engine.segment_count()), "1"))

    # 2. Re-index one changed interview.
    changed = corpus.interview(7)
    changed = Transcript(changed.source, changed.metadata, changed.speakers, changed.sections,
                         (Turn("host", "A brand new question about zanzibarian tides?"),
                          *changed.turns[1:]))
    reindex_ms = timed(lambda: engine.update(8, changed))
    rows.append(("re-index one changed interview", f"{reindex_ms:.0f} ms", "<= 1000 ms"))
    assert engine.search("zanzibarian").total == 1
    engine.optimize()  # back to one segment for the query timings

    # 3. Queries, warm.
    queries = make_queries(corpus, args.queries)
    engine.search(queries[0].whoosh)
    latency: dict[str, list[float]] = {k: [] for k in KINDS}
    totals: dict[str, list[int]] = {k: [] for k in KINDS}
    for q in queries:
        start = time.perf_counter()
        total = engine.search(q.whoosh).total
        latency[q.kind].append((time.perf_counter() - start) * 1000)
        totals[q.kind].append(total)
    engine.close()

    # 4. Cold open + first query in a new process.
    cold_inside, cold_wall = cold_open(directory, queries[0].whoosh)
    rows.append(("cold open + first query, new process (in-process / wall incl. Python start)",
                 f"{cold_inside:.0f} ms / {cold_wall:.0f} ms", "<= 1000 ms"))

    # 5. Search inside one open transcript.
    one = corpus.interview(3)
    build_one = timed(lambda: search_transcript(one, "warmup"))
    inside: list[float] = []
    for q in queries:
        inside.append(timed(partial(search_transcript, one, q.whoosh)))
    rows.append(("in-transcript search p50 / p95 (all hits in reading order)",
                 f"{pct(inside, .5):.1f} / {pct(inside, .95):.1f} ms", "<= 5 ms"))
    rows.append(("in-transcript preparation (once per opened transcript)",
                 f"{build_one:.0f} ms ({len(one.turns)} turns)", ""))

    # 6. Baselines.
    fts: dict[str, list[float]] = {k: [] for k in KINDS}
    rx: dict[str, list[float]] = {k: [] for k in KINDS}
    fts_build = 0.0
    if not args.skip_baselines:
        conn, fts_build = fts5_build(corpus, work / "fts.sqlite3")
        vocab = [r[0] for r in conn.execute("SELECT term FROM vocab")]
        for q in queries:
            fts[q.kind].append(timed(partial(fts5_query, conn, q, vocab)))
        conn.close()
        plain_vocab = corpus.words
        all_turns = [(_names(tr, t), t.text) for _, tr in corpus for t in tr.turns]
        per_kind: dict[str, int] = {}
        for q in queries:
            if per_kind.get(q.kind, 0) >= args.regex_queries:
                continue
            per_kind[q.kind] = per_kind.get(q.kind, 0) + 1
            rx[q.kind].append(timed(partial(regex_query, all_turns, q, plain_vocab)))

    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{args.interviews} interviews, {turns:,} turns, {words:,} words; {args.queries} "
          f"queries per kind; top 20 hits with snippets; whoosh-reloaded, procs={args.procs}; "
          f"load average at the end {load} on {os.cpu_count()} cores "
          f"(at the start {load_start})\n")
    print("| measure | result | budget |\n|---|---|---|")
    for name, value, budget in rows:
        print(f"| {name} | {value} | {budget} |")
    if fts_build:
        print(f"| SQLite FTS5 build (same turns) | {fts_build:.1f} s | |")
    print("\nLatency in ms, p50 / p95 (warm; Whoosh incl. total count, snippets, offsets)\n")
    print("| query | Whoosh | budget p95 | hits (median) | FTS5 | regex scan "
          "| Whoosh/FTS5 p50 | regex/Whoosh p50 |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in KINDS:
        w = latency[kind]
        f, r = fts[kind], rx[kind]
        fts_cell = f"{pct(f, .5):.1f} / {pct(f, .95):.1f}" if f else "-"
        rx_cell = f"{pct(r, .5):.0f} / {pct(r, .95):.0f}" if r else "-"
        ratio_f = f"{pct(w, .5) / max(pct(f, .5), 1e-3):.1f}x" if f else "-"
        ratio_r = f"{pct(r, .5) / max(pct(w, .5), 1e-3):.0f}x" if r else "-"
        ok = "ok" if pct(w, .95) <= BUDGET_MS[kind] else "OVER"
        print(f"| {kind} | {pct(w, .5):.1f} / {pct(w, .95):.1f} | {BUDGET_MS[kind]} ({ok}) | "
              f"{statistics.median(totals[kind]):.0f} | {fts_cell} | {rx_cell} | {ratio_f} | "
              f"{ratio_r} |")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


class _Counted:
    """The corpus, counting its words as the writer reads it."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.words = 0

    def __len__(self) -> int:
        return len(self.corpus)

    def __iter__(self) -> Iterator[tuple[int, Transcript]]:
        for tid, transcript in self.corpus:
            self.words += sum(len(turn.text.split()) for turn in transcript.turns)
            yield tid, transcript


def _names(transcript: Transcript, turn: Turn) -> str:
    speaker = transcript.speaker(turn.speaker)
    return " ".join((speaker.name, *speaker.aliases)).lower() if speaker else ""


def _progress(done: int, total: int, label: str) -> None:
    if done % 200 == 0 and label:
        print(f"  indexed {done}/{total}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
