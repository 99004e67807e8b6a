"""Say when unsure: import-report warnings for parses that are probably wrong.

A wrong speaker is a misquote, so a doubtful parse must say so. Each check reads the parsed
turns (and the text they came from) and returns one sentence that names what looks wrong
and what to try; the window shows it in the import bar beside "Reopen as…". The checks are
evidence, not certainty: they never change the parse.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from desktop.core.errors import TranscriptImportError
from desktop.core.importers.base import Importer, Parsed, SourceDocument

#: A line start that looks like a speaker label: `Name:`, `NAME :`, `[Name]`, `**Name**`.
_LABEL_LIKE = re.compile(
    r"^\s*(?:\*\*|__)?(?P<label>[^\W\d_][^:：\n\[\]*]{0,30}?)\s?[:：](?:\*\*|__)?\s+\S"
    r"|^\s*\[(?P<sq>[^\W\d_][^\]\n]{0,30})\]\s+\S"
)
#: A time left inside the words: bracketed (`[00:01:00]`, `(12:03)`, `[18.3s]`) or opening a
#: paragraph (`01:44 words`).
_TIME_IN_WORDS = re.compile(
    r"[\[(](?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]|\[\d+(?:\.\d+)?s\]"
    r"|(?:^|\n\n)(?:\d{1,2}:)?\d{1,2}:\d{2}\s+\S"
)
_SAMPLE = 200_000
#: Evidence thresholds, named so a change is one visible line.
LABEL_LIKE_MIN_LINES = 6
LABEL_LIKE_MIN_KINDS = 2
DOMINANT_SHARE = 0.9
ALTERNATIONS_MIN = 3
TIMES_MIN = 3
MARGIN = 0.1
MARGIN_MIN_SCORE = 0.2
#: Reading a file a second time to compare is done only below this size.
RECHECK_MAX_BYTES = 5_000_000


def doubts(
    doc: SourceDocument,
    chosen: Importer,
    parsed: Parsed,
    candidates: Sequence[tuple[Importer, float]] = (),
) -> list[str]:
    """Warnings for a parse that is probably wrong (empty when nothing looks doubtful)."""
    found: list[str] = []
    if doc.text is not None:
        labels = _label_like_starts(doc.text)
        if len(parsed.speakers) <= 1 and _label_evidence(labels):
            shown = ", ".join(f"“{name}”" for name, _ in labels.most_common(3))
            found.append(
                f"{sum(labels.values())} lines start like speaker labels ({shown}) but "
                f"{len(parsed.speakers) or 'no'} speaker{'' if len(parsed.speakers) == 1 else 's'}"
                " were found: check the speakers, or Reopen as another shape"
            )
    sentence = _one_voice_asks_and_answers(parsed)
    if sentence:
        found.append(sentence)
    times = [
        m.group(0).strip()
        for t in parsed.turns
        if ":" in t.text or "s]" in t.text  # no time without either (the fast path)
        for m in _TIME_IN_WORDS.finditer(t.text)
    ]
    if len(times) >= TIMES_MIN:
        found.append(
            f"{len(times)} times are still inside the words (first: “{times[0]}”): quotes "
            "taken here would carry them"
        )
    close = _close_second(doc, chosen, parsed, candidates)
    if close is not None:
        found.append(
            f"read as {chosen.label}, but it looks almost as much like {close.label}: if the "
            f"speakers or turns look wrong, Reopen as {close.label}"
        )
    return found


def _label_like_starts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in text[:_SAMPLE].split("\n"):
        match = _LABEL_LIKE.match(line)
        if match is not None:
            label = (match.group("label") or match.group("sq") or "").strip()
            if len(label.split()) <= 4 and "http" not in label:
                counts[f"[{label}]" if match.group("sq") else f"{label}:"] += 1
    return counts


def _label_evidence(labels: Counter[str]) -> bool:
    """Several label-like starts, of at least two repeated names (two people talking)."""
    repeated = [name for name, count in labels.items() if count >= 2]
    return sum(labels.values()) >= LABEL_LIKE_MIN_LINES and len(repeated) >= LABEL_LIKE_MIN_KINDS


def _one_voice_asks_and_answers(parsed: Parsed) -> str | None:
    """One speaker has nearly all the words, and inside their turns questions and answers
    alternate: the other voice's labels were probably missed."""
    voices = {turn.speaker for turn in parsed.turns}
    if len(voices) == 1:  # one voice has all the words: no need to count them
        if not any(turn.text.strip() for turn in parsed.turns):
            return None  # no words at all
        speaker, most, total = voices.pop(), 1, 1
    else:
        words: Counter[str | None] = Counter()
        for turn in parsed.turns:
            words[turn.speaker] += len(turn.text.split())
        total = sum(words.values())
        if not total:
            return None
        speaker, most = words.most_common(1)[0]
        if most < total * DOMINANT_SHARE:
            return None
    paragraphs = [p for t in parsed.turns if t.speaker == speaker for p in t.paragraphs]
    asks = [p.rstrip().endswith(("?", "？", "؟")) for p in paragraphs if p.strip()]
    alternations = sum(1 for a, b in pairwise(asks) if a and not b)
    if alternations < ALTERNATIONS_MIN:
        return None
    who = next((s.name for s in parsed.speakers if s.id == speaker), None)
    holder = f"“{who}”" if who else "one unnamed voice"
    share = round(100 * most / total)
    return (
        f"{holder} has {share}% of the words, yet questions and answers alternate inside "
        "those turns: another speaker's labels were probably missed"
    )


def _close_second(
    doc: SourceDocument,
    chosen: Importer,
    parsed: Parsed,
    candidates: Sequence[tuple[Importer, float]],
) -> Importer | None:
    """The runner-up shape when it scored within `MARGIN` of the chosen one and reads the
    file differently (other speakers, or a tenth more or fewer turns): two shapes of one
    family that agree on the parse are no doubt."""
    scores = {importer.format: score for importer, score in candidates}
    top = scores.get(chosen.format)
    if top is None or len(doc.data) > RECHECK_MAX_BYTES:
        return None
    for importer, score in candidates:
        if importer.format == chosen.format or importer.format == "plain":
            continue
        if score >= MARGIN_MIN_SCORE and top - score < MARGIN and _differs(doc, importer, parsed):
            return importer
    return None


def _differs(doc: SourceDocument, other: Importer, parsed: Parsed) -> bool:
    try:
        again = other.parse(doc)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, TranscriptImportError):
        return False
    names = sorted(s.name for s in parsed.speakers)
    if sorted(s.name for s in again.speakers) != names:
        return True
    return abs(len(again.turns) - len(parsed.turns)) > max(1, len(parsed.turns) // 10)
