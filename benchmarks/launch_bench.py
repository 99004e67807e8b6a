"""Launch benchmark: time from starting the process to the first painted frame of the sample.

    python benchmarks/launch_bench.py            # 10 paired launches, medians and the ratio
    python benchmarks/launch_bench.py -n 20 --json
    python benchmarks/launch_bench.py -n 20 --probe paint   # no event filter in either child

Each round launches, one after the other, (a) Verbatim on the bundled sample, as `verbatim`
does, and (b) a bare PySide6 window with a label, both offscreen, and measures from `Popen`
to the moment the child reports its first paint: for Verbatim, the first paint of the reader
with the sample's turns in it (the transcript is imported in the background and shown when
ready); for the bare window, the label's first paint. Pairing the two in each round makes the
ratio robust to a busy machine. Verbatim starts with fresh settings each time (so it opens
the bundled sample); its data folder (library, index, and the cache of the theme's generated
style sheet) is kept between rounds, as on a user's second launch, and the first round (the
very first launch, which creates them) is reported apart. Bytecode is compiled first (`compileall`),
as an installed app has it; a child run with `PYTHONDONTWRITEBYTECODE` would recompile every
module at each launch. Prints numbers; not a test.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: The child for Verbatim: the real entry point, with an event filter that reports the first
#: paint of the reader once a transcript is shown (installed when the app is created).
VERBATIM = r"""
import os, sys
sys.argv = ["verbatim"]
import desktop.ui.app as app_module
from PySide6.QtCore import QEvent, QObject

_make_app = app_module.make_app


class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.objectName() == "qt_scrollarea_viewport":
            window = obj.window()
            reader = getattr(window, "reader", None)
            current = getattr(window, "current_transcript", None)
            if reader is not None and obj is reader.viewport() and current() is not None:
                print("painted", flush=True)
                os._exit(0)
        return False


def make_app(argv=None):
    app = _make_app(argv)
    probe = Probe(app)
    app.installEventFilter(probe)
    return app


app_module.make_app = make_app
from desktop.cli import main
sys.exit(main([]))
"""

#: The same launch, with the first paint caught in the reader's own paintEvent (`--probe
#: paint`): no application-wide event filter, which hands every object that gets an event to
#: Python. That filter makes PySide create the Python classes of every object it sees,
#: Qt's private ones included, and then every QtWidgets class (~22 ms the app itself no
#: longer spends), and it costs the bare window ~28 ms of its own.
VERBATIM_PAINT = r"""
import os, sys
sys.argv = ["verbatim"]
from desktop.ui.views.reader import Reader

_paint = Reader.paintEvent


def paintEvent(self, event):
    _paint(self, event)
    window = self.window()
    if getattr(window, "current_transcript", None) is not None and window.current_transcript():
        print("painted", flush=True)
        os._exit(0)


Reader.paintEvent = paintEvent
from desktop.cli import main
sys.exit(main([]))
"""

#: The bare window for `--probe paint`: the label reports its own first paint.
BARE_PAINT = r"""
import os, sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Label(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        print("painted", flush=True)
        os._exit(0)


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(Label("Hello"))
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""

#: The child for the bare window: the smallest PySide6 program that paints something.
BARE = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is label:
            print("painted", flush=True)
            os._exit(0)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
label = QLabel("Hello")
window.setCentralWidget(label)
app.installEventFilter(Probe(app))
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""


def launch(code: str, env: dict[str, str], timeout: float = 60.0) -> float:
    """Milliseconds from starting the child to its "painted" line."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, cwd=REPO, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    child.wait(timeout)
    if line.strip() != "painted":
        raise RuntimeError(f"the child did not report a paint (exit {child.returncode})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="paired launches (default 10)")
    parser.add_argument("--json", action="store_true",
                        help='print {"verbatim_ms", "bare_ms", "ratio"} (medians)')
    parser.add_argument("--probe", choices=("filter", "paint"), default="filter",
                        help="how the first paint is caught: an application-wide event filter "
                             "(default, as measured since the issue was filed) or each "
                             "child's own paintEvent (no filter perturbing either process)")
    args = parser.parse_args()
    verbatim_code, bare_code = (VERBATIM, BARE) if args.probe == "filter" else \
        (VERBATIM_PAINT, BARE_PAINT)

    compileall.compile_dir(str(REPO / "desktop"), quiet=1)
    work = Path(tempfile.mkdtemp(prefix="verbatim-launch-"))
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base.update({"QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(work / "cache"),
                 "PYTHONPATH": str(REPO)})
    verbatim: list[float] = []
    bare: list[float] = []
    for i in range(args.n + 1):
        env = dict(base)
        env.update({"XDG_CONFIG_HOME": str(work / f"config{i}"),
                    "VERBATIM_DATA_DIR": str(work / "data")})
        verbatim.append(launch(verbatim_code, env))
        bare.append(launch(bare_code, env))
    first, verbatim, bare = verbatim[0], verbatim[1:], bare[1:]
    v_ms, b_ms = statistics.median(verbatim), statistics.median(bare)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    if args.json:
        print(json.dumps({"verbatim_ms": round(v_ms), "bare_ms": round(b_ms),
                          "ratio": round(v_ms / b_ms, 2), "first_launch_ms": round(first),
                          "n": args.n, "probe": args.probe, "load": load}))
        return 0
    print(f"{args.n} paired launches, offscreen, probe: {args.probe}, load average {load} on "
          f"{os.cpu_count()} cores")
    print(f"Verbatim, launch to the painted sample: median {v_ms:.0f} ms "
          f"(min {min(verbatim):.0f}, max {max(verbatim):.0f}); first launch (empty cache) "
          f"{first:.0f} ms")
    print(f"bare PySide6 window with a label:      median {b_ms:.0f} ms "
          f"(min {min(bare):.0f}, max {max(bare):.0f})")
    print(f"ratio: {v_ms / b_ms:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
