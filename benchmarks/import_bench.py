"""Import throughput and peak memory for large generated transcripts (prints numbers; not a test).

    python benchmarks/import_bench.py             # 10/100 MB text, 2 h Whisper JSON, 20 MB SRT
    python benchmarks/import_bench.py --sizes 10  # skip the 100 MB file
    python benchmarks/import_bench.py --sizes 20 --repeat 5   # issue 16's 20 MB goal

Each file is imported by `import_file` in a fresh subprocess, so the peak resident memory
(VmHWM, or `ru_maxrss` where /proc is missing) belongs to that one import; the baseline
(interpreter + Verbatim imported) is printed beside it. With `--repeat N` each import runs
N times: the median wall-clock seconds, their range, and the median CPU seconds of the
import are printed (on a shared machine the CPU time is the steadier number).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

_VOCABULARY = (
    "the of and to in a is that for it as was with be by on not he I this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "no will them more out my up about into some could what said do people new government "
    "policy Ukraine sanctions minister election economy because country question answer "
    "interview president security agreement negotiations responsibility"
)
_WORDS = _VOCABULARY.split()

_CHILD = r"""
import json, resource, sys, time
from desktop.core.importers import import_file, available_importers

def peak_kb():
    # VmHWM is this process's own high-water mark; ru_maxrss can carry the parent's over.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

available_importers()
base = peak_kb()
started = time.perf_counter()
cpu = time.process_time()
transcript = import_file(sys.argv[1])
elapsed = time.perf_counter() - started
cpu = time.process_time() - cpu
print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_kb": peak_kb(), "base_kb": base,
                  "format": transcript.source.format, "turns": len(transcript.turns),
                  "speakers": len(transcript.speakers)}))
"""


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(6, 24))
    return " ".join(words).capitalize() + rng.choice(".?.!.")


def labelled_text(target_bytes: int, seed: int = 1) -> str:
    """`NAME: text` turns, interviewer and two guests, paragraphs of a few sentences."""
    rng = random.Random(seed)
    speakers = ["INTERVIEWER", "JANE DOE", "JOHN SMITH"]
    parts = ["Interview: a generated transcript for the import benchmark\n\n"]
    size = len(parts[0])
    turn = 0
    while size < target_bytes:
        speaker = speakers[0] if turn % 2 == 0 else rng.choice(speakers[1:])
        text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 8)))
        block = f"{speaker}:  {text}\n\n"
        parts.append(block)
        size += len(block.encode("utf-8"))
        turn += 1
    return "".join(parts)


def whisper_json(hours: float = 2.0, seed: int = 2) -> str:
    """whisper-timestamped output: segments with word timings and confidences."""
    rng = random.Random(seed)
    segments: list[dict[str, Any]] = []
    now = 0.0
    while now < hours * 3600:
        words = []
        t = now
        for word in rng.choices(_WORDS, k=rng.randint(4, 18)):
            length = rng.uniform(0.15, 0.5)
            words.append({"text": word, "start": round(t, 2), "end": round(t + length, 2),
                          "confidence": round(rng.uniform(0.4, 1.0), 3)})
            t += length + rng.uniform(0.0, 0.2)
        text = " " + " ".join(str(w["text"]) for w in words).capitalize() + "."
        segments.append({"id": len(segments), "seek": int(now * 100), "start": round(now, 2),
                         "end": round(t, 2), "text": text,
                         "tokens": [rng.randint(50257, 51000) for _ in range(len(words) + 2)],
                         "temperature": 0.0, "avg_logprob": round(rng.uniform(-0.6, -0.1), 4),
                         "compression_ratio": 1.4, "no_speech_prob": 0.01,
                         "confidence": round(rng.uniform(0.5, 0.95), 3), "words": words})
        now = t + rng.uniform(0.1, 2.5)
    return json.dumps({"text": "".join(s["text"] for s in segments), "segments": segments,
                       "language": "en"}, indent=2, ensure_ascii=False)


def srt(target_bytes: int, seed: int = 3) -> str:
    """Whisper-style SRT: one sentence a cue, short pauses, no speakers."""
    rng = random.Random(seed)

    def stamp(seconds: float) -> str:
        ms = round(seconds * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    parts: list[str] = []
    size, now, number = 0, 0.0, 1
    while size < target_bytes:
        end = now + rng.uniform(1.0, 4.0)
        block = f"{number}\n{stamp(now)} --> {stamp(end)}\n{_sentence(rng)}\n\n"
        parts.append(block)
        size += len(block.encode("utf-8"))
        now, number = end + rng.uniform(0.0, 2.5), number + 1
    return "".join(parts)


def run_one(path: Path) -> dict[str, float | int | str]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], cwd=REPO, capture_output=True, text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"import of {path} failed:\n{result.stderr}")
    data: dict[str, float | int | str] = json.loads(result.stdout)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100],
                        help="sizes in MB of the labelled-text files (default: 10 100)")
    parser.add_argument("--hours", type=float, default=2.0, help="length of the Whisper JSON")
    parser.add_argument("--srt-mb", type=int, default=20, help="size of the SRT file (0: none)")
    parser.add_argument("--repeat", type=int, default=1, help="imports of each file (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cases = []
        for size in args.sizes:
            path = Path(folder) / f"labelled-{size}mb.txt"
            path.write_text(labelled_text(size * 1_000_000), encoding="utf-8")
            cases.append((f"labelled text {size} MB", path))
        path = Path(folder) / "whisper-2h.json"
        path.write_text(whisper_json(args.hours), encoding="utf-8")
        cases.append((f"Whisper JSON {args.hours:g} h", path))
        if args.srt_mb:
            path = Path(folder) / f"subtitles-{args.srt_mb}mb.srt"
            path.write_text(srt(args.srt_mb * 1_000_000), encoding="utf-8")
            cases.append((f"SRT {args.srt_mb} MB", path))
        print(f"{'case':<24} {'MB':>7} {'seconds':>8} {'range':>11} {'CPU s':>6} {'MB/s':>7} "
              f"{'peak MB':>8} {'base MB':>8} {'turns':>7}  format")
        for label, path in cases:
            megabytes = path.stat().st_size / 1e6
            runs = [run_one(path) for _ in range(max(1, args.repeat))]
            walls = sorted(float(r["seconds"]) for r in runs)
            seconds = statistics.median(walls)
            cpu = statistics.median(float(r["cpu"]) for r in runs)
            spread = f"{walls[0]:.2f}-{walls[-1]:.2f}"
            r = runs[0]
            print(f"{label:<24} {megabytes:7.1f} {seconds:8.2f} {spread:>11} {cpu:6.2f} "
                  f"{megabytes / seconds:7.1f} {int(r['peak_kb']) / 1024:8.0f} "
                  f"{int(r['base_kb']) / 1024:8.0f} {r['turns']:>7}  {r['format']}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
