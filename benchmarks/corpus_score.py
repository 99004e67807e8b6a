"""Score per shape on the real-world corpus (prints numbers; the test of record is
tests/core/test_corpus.py, which runs the same checks).

    python benchmarks/corpus_score.py            # the table: shape, files, passed, %
    python benchmarks/corpus_score.py --failures # and what is wrong in each failing file

A file passes when every expectation written for it in tests/data/corpus/expected.json holds
(speakers, roles, turn count, first/last words, title, words that must not survive, marked
annotations). Files listed in KNOWN_FAILING count as failing until they pass.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.core.test_corpus import CASES, check, shape_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list what fails in each file")
    args = parser.parse_args()
    started = time.perf_counter()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failing: dict[str, list[str]] = {}
    for case in CASES:
        problems = check(case)
        totals[shape_of(case)][0] += 1
        if problems:
            failing[case] = problems
        else:
            totals[shape_of(case)][1] += 1
    print(f"{'shape':<20} {'files':>5} {'passed':>6} {'%':>5}")
    for shape in sorted(totals):
        files, passed = totals[shape]
        print(f"{shape:<20} {files:>5} {passed:>6} {100 * passed / files:>4.0f}%")
    files = len(CASES)
    passed = files - len(failing)
    print(f"{'all':<20} {files:>5} {passed:>6} {100 * passed / files:>4.0f}%")
    print(f"({time.perf_counter() - started:.1f} s)")
    if args.failures:
        for case, problems in failing.items():
            print(f"\n{case}")
            for problem in problems:
                print(f"  {problem}")


if __name__ == "__main__":
    main()
