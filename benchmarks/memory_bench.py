"""Memory with one big transcript open in the window, and growth per open/close cycle.

    python benchmarks/memory_bench.py                 # a 5 MB transcript, 5 cycles
    python benchmarks/memory_bench.py --mb 20 --cycles 3 --json

Offscreen. Generates one long transcript (the search benchmark's interviews joined), opens a
window showing it, waits until the reader has built and laid out all of it, and reads the
process's resident memory (VmRSS).
Then each cycle closes the window and opens a new one showing the transcript again (as a
user closing and reopening it), searches it once, and reads VmRSS again; the growth per
cycle is the slope after the first cycle. Prints numbers; not a test.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="transcript size in MB")
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="verbatim-memory-"))
    os.environ["VERBATIM_DATA_DIR"] = str(work / "data")

    from PySide6.QtCore import QEvent
    from search_bench import Corpus, big_transcript

    from desktop.core.search import search_transcript
    from desktop.ui.app import make_app
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = make_app(["verbatim"])
    base = rss_mb()
    transcript = big_transcript(Corpus.make(2000), args.mb)
    megabytes = sum(len(t.text) for t in transcript.turns) / 1e6
    with_text = rss_mb()

    def show() -> MainWindow:
        window = MainWindow(Settings(work / "settings.ini"), show_errors=False)
        window.show()
        window.show_transcript(transcript)
        settle_reader(app, window)
        search_transcript(transcript, "the")
        return window

    started = time.perf_counter()
    window = show()
    first = rss_mb()
    seconds = time.perf_counter() - started
    small = big_transcript(Corpus.make(2000), 0.01)
    reopened: list[float] = []
    for _ in range(args.cycles):  # another file in the same window, then this one again
        window.show_transcript(small)
        settle(app, 0.3)
        window.show_transcript(transcript)
        settle_reader(app, window)
        search_transcript(transcript, "the")
        gc.collect()
        reopened.append(rss_mb())
    windows: list[float] = []
    for _ in range(args.cycles):  # the window closed and a new one opened on the file
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        settle(app, 0.3)
        gc.collect()
        window = show()
        windows.append(rss_mb())

    def slope(values: list[float]) -> float:
        return (values[-1] - values[0]) / (len(values) - 1) if len(values) > 1 else 0.0

    result = {"transcript_mb": round(megabytes, 1), "turns": len(transcript.turns),
              "rss_empty_window_process_mb": round(base), "rss_transcript_in_memory_mb":
              round(with_text), "rss_open_mb": round(first), "open_s": round(seconds, 2),
              "rss_reopened_in_window_mb": [round(x) for x in reopened],
              "growth_per_reopen_mb": round(slope(reopened), 1),
              "rss_new_windows_mb": [round(x) for x in windows],
              "growth_per_window_mb": round(slope(windows), 1)}
    report(result, as_json=args.json)
    window.close()
    from desktop.ui.library_session import close_all

    close_all()
    return 0


def report(result: dict[str, Any], *, as_json: bool) -> None:
    """Print a benchmark's numbers: one JSON object, or a `key: value` line each."""
    if as_json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


def settle_reader(app: Any, window: Any, limit: float = 120.0) -> None:
    """Settle until the reader has built and laid out the whole transcript (a big one takes
    seconds, a slice at a time), then a little more."""
    end = time.perf_counter() + limit
    while window.reader.is_building() and time.perf_counter() < end:
        settle(app, 0.05)
    settle(app)


def settle(app: Any, seconds: float = 1.0) -> None:
    """Let the reader lay out (it builds big documents a slice at a time), and delete what
    was deleted later (outside `exec()`, `processEvents` alone never does)."""
    from PySide6.QtCore import QEvent

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
