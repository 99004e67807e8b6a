"""Scan a whole collection of real transcripts for systematic misparses (prints a summary).

    python benchmarks/scan_collection.py /work/.mirror/bitcointranscripts+bitcointranscripts/repo \\
        --glob '*.md' --exclude '*.??.md' [--limit N] [--show flag] [--list]

Reads every matching file of a bare git repository (`HEAD`) or of a folder, imports it with
`import_bytes` (the app's entry point) and flags what a careful reader would call wrong,
without knowing the file:

- `labels_unread`: at least 6 lines start label-like (`Name:`, `Q - `, `[Name]`, `**Name**`)
  with at least 2 distinct heads that repeat, yet 0-1 speakers were found;
- `wordy_speaker`: a speaker whose name reads as words (more than 5 words, a sentence's
  punctuation, a time, or mostly lower-case words);
- `time_in_words` / `markup_in_words` / `entity_in_words`: a time mark, Markdown/HTML markup
  or an HTML entity left in a turn's words;
- `label_in_words`: a turn's paragraph that still opens with a label of a known speaker
  (`Q - `, `Name: `), so two voices are glued in one turn;
- `one_long_turn`: one turn holds over 70% of the words of a file of 3,000 words or more
  while the file has label-like line starts;
- `doubts`: the import report's own warning (counted, not part of plausibility).

A file is *plausible* when it raises none of the flags above except `doubts`. A file with no
label-like line starts at all (a talk with one voice) is plausible unless its words keep times,
markup or entities. The numbers are evidence for where the rules fail, not a pass mark.
"""

from __future__ import annotations

import argparse
import fnmatch
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop.core.errors import TranscriptImportError  # noqa: E402
from desktop.core.importers import import_bytes  # noqa: E402
from desktop.core.model import Transcript  # noqa: E402

_HEAD = r"(?:[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}|Q|A)"
#: Label-like line starts, as a reader sees them (independent of the importers' grammar).
LABEL_LIKE = re.compile(
    rf"^[ \t>]*(?:\*\*|__)?(?P<a>{_HEAD})(?:\*\*|__)?\s?[:：](?:\*\*|__)?\s+\S"
    rf"|^[ \t>]*(?P<b>{_HEAD})\s+[-–—]\s+\S"
    r"|^[ \t>]*\[(?P<c>[A-Z][^\]\n]{0,30})\]\s+\S"
    r"|^[ \t>]*\*\*(?P<d>[A-Z][^*\n]{0,30})\*\*\s+\S",
    re.MULTILINE,
)
_TIME = re.compile(
    r"[\[(](?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]|\[\d+(?:\.\d+)?s\]"
    r"|(?:^|\n)(?:\d{1,2}:)?\d{2}:\d{2}\s+\S"
)
_MARKUP = re.compile(
    r"\*\*[^*\s][^*\n]{0,80}\*\*|^#{1,6}\s|\]\(http"
    r"|</?(?:a|p|br|div|span|em|strong|b|i|u|img|sup|sub|ul|ol|li|h[1-6]|iframe|blockquote)"
    r"(?:\s[^<>]*)?/?>",
    re.MULTILINE,
)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_SENTENCE_MARK = re.compile(r"[?!]|[a-z]{3,}\.\s+\S|,\s*\S+\s+\S+\s+\S+")
_CLOCK_NAME = re.compile(r"\d{1,2}:\d{2}")


def label_heads(text: str) -> Counter[str]:
    """Label-like line starts and how often each head repeats."""
    heads: Counter[str] = Counter()
    for match in LABEL_LIKE.finditer(text):
        head = next(g for g in match.groups() if g is not None)
        if head.casefold() in {"note", "http", "https", "source", "title", "date", "tags"}:
            continue
        heads[head.strip()] += 1
    return heads


def wordy(name: str) -> bool:
    """A speaker name that reads as words, not a person or a role."""
    words = name.split()
    if len(words) > 5 or _CLOCK_NAME.search(name) or _SENTENCE_MARK.search(name):
        return True
    lower = [w for w in words if w[:1].islower() and w not in {"de", "van", "von", "da", "of"}]
    return len(words) >= 2 and len(lower) * 2 > len(words)


def flags(transcript: Transcript, text: str) -> list[str]:
    """What looks wrong in one parse (see the module docstring)."""
    found: list[str] = []
    heads = label_heads(text)
    repeated = [h for h, n in heads.items() if n >= 2]
    labelled = sum(heads.values()) >= 6 and len(repeated) >= 2
    if labelled and len(transcript.speakers) <= 1:
        found.append("labels_unread")
    if any(wordy(s.name) for s in transcript.speakers):
        found.append("wordy_speaker")
    words = "\n\n".join(t.text for t in transcript.turns)
    if _TIME.search(words):
        found.append("time_in_words")
    if _MARKUP.search(words):
        found.append("markup_in_words")
    if _ENTITY.search(words):
        found.append("entity_in_words")
    names = {re.escape(s.name) for s in transcript.speakers if len(transcript.speakers) >= 2}
    if names:
        glued = re.compile(rf"(?:^|\n)\s*(?:{'|'.join(names)})\s?(?:[:：]|\s[-–—])\s+\S")
        if glued.search(words):
            found.append("label_in_words")
    total = sum(len(t.text.split()) for t in transcript.turns)
    longest = max((len(t.text.split()) for t in transcript.turns), default=0)
    if labelled and total >= 3000 and longest > 0.7 * total:
        found.append("one_long_turn")
    if transcript.report.warnings:
        found.append("doubts")
    return found


def files_of(
    root: Path, patterns: list[str], excludes: list[str], under: str = ""
) -> list[tuple[str, bytes]]:
    """(path, bytes) of every matching file of a bare git repository's HEAD or a folder."""
    def wanted(name: str) -> bool:
        base = name.rsplit("/", 1)[-1]
        if not name.startswith(under) or any(fnmatch.fnmatch(base, x) for x in excludes):
            return False
        return any(fnmatch.fnmatch(base, p) for p in patterns)

    if (root / "HEAD").exists() and (root / "objects").exists():
        listing = subprocess.run(
            ["git", f"--git-dir={root}", "ls-tree", "-r", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.splitlines()
        entries = [(line.split("\t", 1)[1], line.split()[2]) for line in listing if "\t" in line]
        entries = [(path, sha) for path, sha in entries if wanted(path)]
        batch = subprocess.run(
            ["git", f"--git-dir={root}", "cat-file", "--batch"],
            input="".join(f"{sha}\n" for _, sha in entries).encode(),
            capture_output=True, check=True,
        ).stdout
        out: list[tuple[str, bytes]] = []
        at = 0
        for path, _ in entries:
            header_end = batch.index(b"\n", at)
            size = int(batch[at:header_end].split()[2])
            out.append((path, batch[header_end + 1 : header_end + 1 + size]))
            at = header_end + 1 + size + 1
        return out
    return [
        (str(p.relative_to(root)), p.read_bytes())
        for p in sorted(root.rglob("*")) if p.is_file() and wanted(str(p))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a bare git repository or a folder")
    parser.add_argument("--glob", action="append", default=[], help="file name pattern")
    parser.add_argument("--exclude", action="append", default=[], help="file name to skip")
    parser.add_argument("--under", default="", help="only paths starting with this")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show", action="append", default=[], help="list files with a flag")
    parser.add_argument("--list", action="store_true", help="every file with its flags")
    args = parser.parse_args()
    files = files_of(args.root, args.glob or ["*.txt", "*.md"], args.exclude, args.under)
    if args.limit:
        files = files[: args.limit]
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    flagged: dict[str, list[str]] = {}
    plausible = refused = 0
    for path, data in files:
        try:
            transcript = import_bytes(data, path)
        except TranscriptImportError:
            refused += 1
            flagged[path] = ["refused"]
            continue
        text = data.decode("utf-8", errors="replace")
        found = flags(transcript, text)
        counts.update(found)
        flagged[path] = found
        if not [f for f in found if f != "doubts"]:
            plausible += 1
        if args.list or set(found) & set(args.show):
            names = ", ".join(s.name for s in transcript.speakers[:6])
            print(f"{path}: {' '.join(found) or 'ok'} | {len(transcript.turns)} turns | {names}")
    seconds = time.perf_counter() - started
    name = args.root.parent.name if args.root.name == "repo" else args.root.name
    print(f"{name}: {len(files)} files, {plausible} plausible "
          f"({100 * plausible / max(1, len(files)):.0f}%), {refused} refused, {seconds:.0f} s")
    for flag, count in counts.most_common():
        print(f"  {flag:<16} {count}")


if __name__ == "__main__":
    main()
