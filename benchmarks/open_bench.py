"""Opening a transcript the way the window does: parses per open and wall time (prints numbers;
not a test).

    python benchmarks/open_bench.py               # a generated 0.5 MB interview, 5 runs each
    python benchmarks/open_bench.py --mb 10 --runs 3

"before" is what the window did until issue 13: import the file to show it, then
`Library.add` imported it again to store and index it. "workspace" is `Workspace.open_file`:
one import, stored and indexed from that parse. "window" is what the window does now: the
transcript shows once it is read and stored (`defer_index`), the index follows. Each run uses
a fresh data folder, so every open is a first open (the index is built for the one transcript).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core import library as library_module
from desktop.core import workspace as workspace_module
from desktop.core.importers import import_file
from desktop.core.model import Transcript
from desktop.core.workspace import Workspace

_VOCABULARY = (
    "the of and to in a is that for it as was with be by on not we this are or from at which "
    "but have they you were there been one all their has would when so no will them more about "
    "people government policy sanctions minister election economy country question answer"
)
_WORDS = _VOCABULARY.split()


def interview(path: Path, megabytes: float) -> Path:
    rng = random.Random(13)
    lines: list[str] = []
    size = 0
    speakers = ("HOST", "MARIA LOPEZ")
    turn = 0
    while size < megabytes * 1_000_000:
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(20, 120)))
        line = f"{speakers[turn % 2]}: {words.capitalize()}.\n\n"
        lines.append(line)
        size += len(line)
        turn += 1
    path.write_text("".join(lines), encoding="utf-8")
    return path


def counted(parses: list[str]) -> Callable[..., Transcript]:
    def wrapper(path: Any, *args: Any, **kwargs: Any) -> Transcript:
        parses.append(str(path))
        return import_file(path, *args, **kwargs)

    return wrapper


def before(file: Path, data: Path) -> None:
    workspace_module.import_file(file)  # the window's import, to show it (counted too)
    with Workspace.open(data) as ws:  # the library's own import, to store and index it
        ws.open_index()
        ws.add([file])


def after(file: Path, data: Path) -> None:
    with Workspace.open(data) as ws:
        ws.open_index()
        ws.open_file(file)


def shown_first(file: Path, data: Path) -> None:
    with Workspace.open(data) as ws:
        ws.open_index()
        started = time.perf_counter()
        ws.open_file(file, defer_index=True)  # what the window waits for before showing
        SHOW_TIMES.append(time.perf_counter() - started)
        ws.reindex()  # then the library's queue indexes it


SHOW_TIMES: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=0.5, help="size of the interview (MB)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        file = interview(root / "interview.txt", args.mb)
        print(f"interview: {file.stat().st_size / 1e6:.1f} MB, runs: {args.runs}")
        parse_times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            import_file(file)
            parse_times.append(time.perf_counter() - started)
        print(f"    parse: median {statistics.median(parse_times) * 1000:.0f} ms (one import_file)")
        for name, way in (("before", before), ("workspace", after), ("window", shown_first)):
            times: list[float] = []
            parses: list[str] = []
            for run in range(args.runs):
                for module in (workspace_module, library_module):
                    module.import_file = counted(parses)  # type: ignore[attr-defined]
                started = time.perf_counter()
                way(file, root / f"{name}-{run}")
                times.append(time.perf_counter() - started)
            per_open = len(parses) / args.runs
            print(f"{name:>9}: {per_open:.0f} parse(s) per open, "
                  f"median {statistics.median(times) * 1000:.0f} ms "
                  f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
        print(f"   window: shown after median {statistics.median(SHOW_TIMES) * 1000:.0f} ms "
              "(open_file with defer_index; indexing follows in the library's queue)")


if __name__ == "__main__":
    main()
