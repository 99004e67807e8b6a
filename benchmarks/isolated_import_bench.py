"""What importing in a child process costs when opening a file (prints numbers; not a test).

    python benchmarks/isolated_import_bench.py            # sample interview, 1 MB, 10 MB
    python benchmarks/isolated_import_bench.py --runs 20

The window opens files with `isolated_import.import_isolated` (a child process it can kill);
the command line uses `import_file` in-process. For each file this prints the median time of
both, and the extra cost of the child (fork from the warm fork server + pickling the result
back). The importers' memo caches are emptied before each run, as a child starts with them
empty. The first isolated import also pays for starting the fork server; the window starts it
while it builds (`warm_up`), so that cost is printed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop import paths  # noqa: E402
from desktop.core.importers import import_file  # noqa: E402
from desktop.core.isolated_import import import_isolated  # noqa: E402

_TURN = (
    "INTERVIEWER: What did the minister say about the sanctions and the negotiations?\n\n"
    "MINISTER: We said that the agreement is the responsibility of every country, and that "
    "the government will answer every question about the election and the economy.\n\n"
)


def _labelled(folder: Path, megabytes: float) -> Path:
    path = folder / f"interview_{megabytes:g}mb.txt"
    count = int(megabytes * 1_000_000 / len(_TURN)) + 1
    path.write_text(_TURN * count, encoding="utf-8")
    return path


def _cold() -> None:
    """Empty the importers' memo caches (a label parse, a text's shape): a child starts with
    them empty, so an in-process run that reuses them would look faster than a first open."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("desktop.core.importers."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _median(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        _cold()
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [paths.sample_interview(), _labelled(folder, 1), _labelled(folder, 10)]
        start = time.perf_counter()
        import_isolated(files[0])
        print(f"first isolated import (starts the fork server): "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        import_file(files[0])  # load the importers in this process too
        print(f"{'file':<34} {'size':>9} {'in-process':>11} {'child':>9} {'extra':>9}")
        for file in files:
            runs = args.runs if file.stat().st_size < 5_000_000 else max(3, args.runs // 3)
            inproc = _median(lambda f=file: import_file(f), runs)
            child = _median(lambda f=file: import_isolated(f), runs)
            print(f"{file.name[:34]:<34} {file.stat().st_size / 1e6:>7.2f}MB "
                  f"{inproc * 1000:>9.0f}ms {child * 1000:>7.0f}ms "
                  f"{(child - inproc) * 1000:>+7.0f}ms")


if __name__ == "__main__":
    main()
