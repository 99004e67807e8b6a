"""Times for an untimed transcript, carried over from a machine transcript of the same recording.

Users often have a clean transcript (a news site's text, a Word file) and a Whisper output or
subtitles of the same recording. The two word sequences are aligned text to text (no speech
model): difflib's SequenceMatcher over case-folded words finds the longest common runs, and
every clean word inside a run takes the time of the timed word it matched. A turn's start is
the start of its first matched word's cue (or word, with word timings) and its end the end of
its last, so playing a turn never cuts its first words off. Stretches of the clean transcript
that match nothing (an edited-out passage, a translator's note) are reported, with their share.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from desktop.core.model import Transcript
from desktop.core.timeline import Timeline

_WORD = re.compile(r"\w+(?:['’]\w+)*")

#: Runs shorter than this many words are not trusted as a match (common words align anywhere).
MIN_RUN = 2


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a transcript: its normalised form and where it stands."""

    norm: str
    turn: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A stretch of clean words that matched nothing in the timed transcript."""

    turn: int
    start: int
    end: int
    words: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """The result: share of clean words matched, times per clean turn, what did not match."""

    aligned: float
    turns: list[tuple[float | None, float | None]]
    unmatched: list[Unmatched]
    words: int
    matched: int

    def to_json_dict(self) -> dict[str, object]:
        """The `verbatim align --json` contract."""
        return {
            "aligned": round(self.aligned, 4),
            "turns": [
                {"turn": index, "start": start, "end": end}
                for index, (start, end) in enumerate(self.turns)
            ],
        }


def normalise(word: str) -> str:
    """Case-folded, accents kept, apostrophes unified: `It’s` and `it's` are one word."""
    return unicodedata.normalize("NFC", word).casefold().replace("’", "'")


def tokens(transcript: Transcript) -> list[Token]:
    """Every word of every turn, in reading order."""
    found: list[Token] = []
    for index, turn in enumerate(transcript.turns):
        for match in _WORD.finditer(turn.text):
            found.append(Token(normalise(match.group()), index, match.start(), match.end()))
    return found


def _timed_tokens(timed: Transcript) -> tuple[list[Token], list[tuple[float, float] | None]]:
    """The timed transcript's words with the time of each (its word, else its cue)."""
    timeline = Timeline(timed)
    words = tokens(timed)
    times: list[tuple[float, float] | None] = []
    for token in words:
        times.append(timeline.span_times(token.turn, token.start, token.end))
    return words, times


def align(clean: Transcript, timed: Transcript) -> Alignment:
    """Carry the times of `timed` over to the turns of `clean` (see the module docstring)."""
    clean_tokens = tokens(clean)
    timed_tokens, timed_times = _timed_tokens(timed)
    matcher = SequenceMatcher(
        None, [t.norm for t in clean_tokens], [t.norm for t in timed_tokens], autojunk=False
    )
    word_times: list[tuple[float, float] | None] = [None] * len(clean_tokens)
    for block in matcher.get_matching_blocks():
        if block.size < MIN_RUN:
            continue
        for offset in range(block.size):
            word_times[block.a + offset] = timed_times[block.b + offset]
    turns: list[tuple[float | None, float | None]] = [(None, None)] * len(clean.turns)
    for token, times in zip(clean_tokens, word_times, strict=True):
        if times is None:
            continue
        start, end = turns[token.turn]
        turns[token.turn] = (
            times[0] if start is None else min(start, times[0]),
            times[1] if end is None else max(end, times[1]),
        )
    matched = sum(1 for t in word_times if t is not None)
    return Alignment(
        aligned=matched / len(clean_tokens) if clean_tokens else 0.0,
        turns=turns,
        unmatched=_unmatched(clean_tokens, word_times),
        words=len(clean_tokens),
        matched=matched,
    )


def _unmatched(
    clean_tokens: list[Token], word_times: list[tuple[float, float] | None]
) -> list[Unmatched]:
    """Runs of unmatched clean words, one per turn stretch."""
    runs: list[Unmatched] = []
    current: list[Token] = []

    def close() -> None:
        if current:
            runs.append(
                Unmatched(current[0].turn, current[0].start, current[-1].end, len(current))
            )
            current.clear()

    for token, times in zip(clean_tokens, word_times, strict=True):
        if times is None and (not current or current[-1].turn == token.turn):
            current.append(token)
            continue
        close()
        if times is None:
            current.append(token)
    close()
    return runs
