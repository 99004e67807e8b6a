"""The reader on a big transcript: time to build and lay out all of it, the longest pause of
the event loop meanwhile, and the memory it then holds.

    python benchmarks/reader_bench.py               # a 20 MB transcript
    python benchmarks/reader_bench.py --mb 5 --json
    python benchmarks/reader_bench.py --mb 2 --cjk    # Chinese: no spaces, clause punctuation

Offscreen, a 1280x800 window. The transcript is the search benchmark's interviews joined
(`search_bench.big_transcript`), or with `--cjk` two speakers alternating turns of Chinese
sentences (written without spaces, with clause punctuation). A 10 ms timer runs while the
reader builds the document a slice at a time; the longest gap between its ticks is the
longest time the window could not answer. Prints numbers; not a test.
"""

from __future__ import annotations

import argparse
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="transcript size in MB")
    parser.add_argument("--cjk", action="store_true", help="a Chinese transcript instead")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ["VERBATIM_DATA_DIR"] = str(Path(tempfile.mkdtemp(prefix="verbatim-reader-")))

    from memory_bench import report, rss_mb
    from PySide6.QtCore import QTimer
    from search_bench import Corpus, big_transcript

    from desktop.ui.app import make_app
    from desktop.ui.library_session import close_all
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = make_app(["verbatim"])
    transcript = chinese_transcript(args.mb) if args.cjk else \
        big_transcript(Corpus.make(2000), args.mb)
    window = MainWindow(Settings(Path(os.environ["VERBATIM_DATA_DIR"]) / "settings.ini"),
                        show_errors=False)
    window.resize(1280, 800)
    window.show()
    for _ in range(20):
        app.processEvents()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    started = time.perf_counter()
    window.show_transcript(transcript)
    first_screen = time.perf_counter() - started
    while window.reader.is_building() and time.perf_counter() - started < 300:
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - started
    heartbeat.stop()
    result = {"transcript_mb": round(sum(len(t.text) for t in transcript.turns) / 1e6, 1),
              "turns": len(transcript.turns), "first_screen_s": round(first_screen, 2),
              "built_and_laid_out_s": round(seconds, 2),
              "longest_pause_ms": round(max(gaps, default=0.0) * 1000),
              "rss_mb": round(rss_mb())}
    report(result, as_json=args.json)
    window.close()
    close_all()
    return 0


def chinese_transcript(mb: float) -> Any:
    """Turns of Chinese sentences (6-14 sentences each) until about `mb` million characters."""
    from desktop.core.model import Source, Speaker, Transcript, Turn

    sentences = ("我们今天讨论了很多问题，包括经济、外交和安全。", "我认为这是非常重要的！",
                 "您能具体谈谈这个计划吗？", "当然，我们已经和各方进行了沟通；结果令人满意。")
    turns: list[Turn] = []
    total = 0
    while total < mb * 1e6:
        i = len(turns)
        text = "".join(sentences[(i + k) % len(sentences)] for k in range(6 + i % 9))
        turns.append(Turn("a" if i % 2 else "b", text))
        total += len(text)
    return Transcript(source=Source(path="/tmp/chinese.txt", sha256="0" * 64, format="plain",
                                    encoding="utf-8", size=total),
                      speakers=(Speaker("a", "记者"), Speaker("b", "部长")), turns=tuple(turns))


if __name__ == "__main__":
    sys.exit(main())
