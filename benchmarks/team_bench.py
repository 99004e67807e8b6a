"""Team library benchmark: the search benchmark's library indexed into PostgreSQL, and the same
queries answered by the team engine and by the laptop engine (Whoosh), on this machine.

    python benchmarks/team_bench.py                    # 2,000 interviews x ~5,000 words
    python benchmarks/team_bench.py --interviews 100 --queries 10

Starts a throwaway PostgreSQL server (tests/team/pgserver.py; needs Debian's postgresql and
the team extra), builds both indexes from empty, then prints build time and p50/p95 per
query kind for each engine (top 20 hits with snippets and match offsets). Prints numbers;
not a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from search_bench import KINDS, Corpus, make_queries, pct  # noqa: E402

from desktop.core.search.whoosh_engine import WhooshEngine  # noqa: E402
from desktop.core.team.connection import connect  # noqa: E402
from desktop.core.team.pg_search import PgSearchEngine  # noqa: E402
from desktop.core.team.schema import migrate  # noqa: E402
from tests.team.pgserver import running_server  # noqa: E402


def _entries(conn: object, corpus: Corpus) -> None:
    with conn.cursor() as cur:  # type: ignore[attr-defined]
        for tid, transcript in corpus:
            cur.execute(  # the catalogue row only: the bench measures the search index
                "INSERT INTO transcripts (id, path, sha256, size, mtime, format, encoding,"
                " title, metadata, report, speakers, turns, added_at, updated_at)"
                " VALUES (%s, %s, %s, 0, 0, 'bench', 'utf-8', %s, '{}', '{}', '[]', %s, '', '')",
                (tid, transcript.source.path, transcript.source.sha256, transcript.title,
                 len(transcript.turns)),
            )
    conn.commit()  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=40, help="queries per kind")
    parser.add_argument("--skip-whoosh", action="store_true", help="team engine only")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    corpus = Corpus.make(args.interviews)
    queries = make_queries(corpus, args.queries)
    results: dict[str, dict[str, object]] = {}
    with running_server() as server:
        conn = connect(server.url("owner"))
        migrate(conn, "bench")
        engine = PgSearchEngine(conn)
        _entries(conn, corpus)
        start, cpu = time.perf_counter(), time.process_time()
        engine.update_many(iter(corpus))
        with conn.cursor() as cur:
            cur.execute("ANALYZE turns")
            cur.execute("SELECT pg_total_relation_size('turns') + pg_total_relation_size('words')")
            size = int(cur.fetchone()[0])  # type: ignore[index]
        conn.commit()
        results["postgresql"] = {
            "build_s": round(time.perf_counter() - start, 1),
            "client_cpu_s": round(time.process_time() - cpu, 1),
            "size_mb": round(size / 2**20),
            **_latencies(lambda q: engine.search(q, limit=20), queries),
        }
        conn.close()
    if not args.skip_whoosh:
        folder = Path(tempfile.mkdtemp(prefix="verbatim-team-bench-"))
        try:
            whoosh, _ = WhooshEngine.open(folder / "index")
            start, cpu = time.perf_counter(), time.process_time()
            whoosh.update_many(iter(corpus))
            results["whoosh"] = {
                "build_s": round(time.perf_counter() - start, 1),
                "client_cpu_s": round(time.process_time() - cpu, 1),
                **_latencies(lambda q: whoosh.search(q, limit=20), queries),
            }
            whoosh.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    words = "about 5,000 words each"
    print(f"# {args.interviews} interviews ({words}), {args.queries} queries per kind")
    engines = list(results)
    print("| measure | " + " | ".join(engines) + " |")
    print("|---|" + "---|" * len(engines))
    for key in ("build_s", "client_cpu_s", "size_mb"):
        print(f"| {key} | " + " | ".join(str(results[e].get(key, "-")) for e in engines) + " |")
    for kind in KINDS:
        cells = []
        for engine_name in engines:
            p50 = results[engine_name]["p50"][kind]  # type: ignore[index]
            p95 = results[engine_name]["p95"][kind]  # type: ignore[index]
            cells.append(f"{p50} / {p95}")
        print(f"| {kind} p50 / p95 ms | " + " | ".join(cells) + " |")
    return 0


def _latencies(search: object, queries: list[object]) -> dict[str, dict[str, float]]:
    per_kind: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for query in queries:
        start = time.perf_counter()
        search(query.whoosh)  # type: ignore[attr-defined, operator]
        per_kind[query.kind].append((time.perf_counter() - start) * 1000)  # type: ignore[attr-defined]
    return {
        "p50": {k: round(statistics.median(v), 1) for k, v in per_kind.items() if v},
        "p95": {k: round(pct(v, 0.95), 1) for k, v in per_kind.items() if v},
    }


if __name__ == "__main__":
    sys.exit(main())
