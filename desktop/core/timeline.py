"""Where in the words a moment of the recording is, and when a span of words was said.

The player asks two questions many times a second: "which turn (and word) is being spoken at
t?" and, for a click or a quote, "from when to when were these characters said?". Both are
answered from the turn's segments (subtitle cues, Whisper segments) located in the turn's
text, and from word timings where the source has them. Without word timings the answer is the
enclosing segment, never an interpolated guess inside it: a quote is played from the start of
its first cue to the end of its last, so the user always hears all of its words.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import Transcript, Turn


@dataclass(frozen=True, slots=True)
class TimedPiece:
    """A stretch of one turn's text (`start`-`end` characters) said from `t0` to `t1` seconds."""

    turn: int
    start: int
    end: int
    t0: float
    t1: float


def _locate(text: str, needle: str, cursor: int) -> tuple[int, int] | None:
    """Where `needle` stands in `text` at or after `cursor` (exact, then whitespace-folded)."""
    needle = needle.strip()
    if not needle:
        return None
    found = text.find(needle, cursor)
    if found >= 0:
        return found, found + len(needle)
    first = needle.split()[0]
    found = text.find(first, cursor)
    if found >= 0:
        return found, min(len(text), found + len(needle))
    return None


def _pieces_of(index: int, turn: Turn, following_start: float | None) -> tuple[
    list[TimedPiece], list[TimedPiece]
]:
    """A turn's timed segment pieces and word pieces, in order of the text."""
    segments: list[TimedPiece] = []
    words: list[TimedPiece] = []
    cursor = 0
    for segment in turn.segments:
        span = _locate(turn.text, segment.text, cursor)
        if span is None:
            continue
        segments.append(TimedPiece(index, span[0], span[1], segment.start, segment.end))
        word_cursor = span[0]
        for word in segment.words:
            token = word.text.strip(" \"'“”‘’,.;:!?¿¡()[]")  # Whisper keeps punctuation on words
            where = _locate(turn.text[: span[1]], token or word.text, word_cursor)
            if where is None:
                continue
            words.append(TimedPiece(index, where[0], where[1], word.start, word.end))
            word_cursor = where[1]
        cursor = span[1]
    if not segments and turn.start is not None:
        end = turn.end if turn.end is not None else following_start
        segments.append(
            TimedPiece(index, 0, len(turn.text), turn.start, end if end is not None else turn.start)
        )
    return segments, words


class Timeline:
    """Times of a transcript's turns, segments and words, for playback and quotes."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        starts = [t.start for t in transcript.turns]
        self._segments: list[list[TimedPiece]] = []
        self._turn_words: list[list[TimedPiece]] = []
        self._words: list[TimedPiece] = []
        following: float | None = None
        followers: list[float | None] = []
        for start in reversed(starts):  # the next timed turn's start, for untimed ends
            followers.append(following)
            if start is not None:
                following = start
        followers.reverse()
        for index, turn in enumerate(transcript.turns):
            segments, words = _pieces_of(index, turn, followers[index])
            self._segments.append(segments)
            self._turn_words.append(words)
            self._words.extend(words)
        self._words.sort(key=lambda p: p.t0)
        self._word_starts = [p.t0 for p in self._words]
        timed = [(t.start, i) for i, t in enumerate(transcript.turns) if t.start is not None]
        timed.sort()
        self._turn_starts = [start for start, _ in timed]
        self._turn_order = [index for _, index in timed]

    @property
    def has_times(self) -> bool:
        """True when at least one turn has a time (the recording can be followed)."""
        return bool(self._turn_starts)

    @property
    def has_words(self) -> bool:
        """True when the source has word timings (the current word can be marked)."""
        return bool(self._words)

    def turn_start(self, turn: int) -> float | None:
        """When a turn starts, in seconds, or None for an untimed turn."""
        if 0 <= turn < len(self.transcript.turns):
            return self.transcript.turns[turn].start
        return None

    def turn_at(self, seconds: float) -> int | None:
        """The turn being spoken at `seconds`: the last turn started by then (a turn stays
        current through the pause after it, until the next one starts)."""
        place = bisect.bisect_right(self._turn_starts, seconds + 1e-6) - 1
        if place < 0:
            return None
        return self._turn_order[place]

    def word_at(self, seconds: float) -> TimedPiece | None:
        """The word being said at `seconds` (word timings only), else None."""
        place = bisect.bisect_right(self._word_starts, seconds + 1e-6) - 1
        if place < 0:
            return None
        word = self._words[place]
        following = self._words[place + 1].t0 if place + 1 < len(self._words) else word.t1
        return word if seconds < max(word.t1, following) + 1e-6 else None

    def _piece_at(self, turn: int, offset: int) -> TimedPiece | None:
        """The word (if timed) or else the segment holding character `offset` of `turn`."""
        if not 0 <= turn < len(self._segments):
            return None
        for pieces in (self._turn_words[turn], self._segments[turn]):
            if not pieces:
                continue
            # pieces are in text order: the last one starting at or before the offset holds
            # it, or (in a gap between pieces) is the one just before it
            place = bisect.bisect_right(pieces, offset, key=lambda p: p.start) - 1
            return pieces[max(place, 0)]
        return None

    def time_at(self, turn: int, offset: int) -> float | None:
        """When the words at character `offset` of `turn` start being said (to play from a
        click): the word's time with word timings, else its segment's start."""
        piece = self._piece_at(turn, offset)
        return piece.t0 if piece is not None else self.turn_start(turn)

    def span_times(
        self, turn: int, start: int, end: int, *, end_turn: int | None = None
    ) -> tuple[float, float] | None:
        """From when to when the characters `start`..`end` were said (a quote's span; `end`
        in `end_turn` for a quote across turns). None when the turn has no times."""
        first = self._piece_at(turn, start)
        last = self._piece_at(turn if end_turn is None else end_turn, max(start, end - 1))
        if first is None or last is None:
            return None
        return first.t0, max(first.t0, last.t1)


def with_turn_times(
    transcript: Transcript, times: Sequence[tuple[float | None, float | None]]
) -> Transcript:
    """The transcript with turn times carried over (by `verbatim align`); a turn keeps its own
    times where it has them, and turns with no time found stay untimed."""
    turns = list(transcript.turns)
    for index, (start, end) in enumerate(times[: len(turns)]):
        turn = turns[index]
        if start is None or turn.start is not None:
            continue
        turns[index] = dataclasses.replace(turn, start=start, end=end)
    return dataclasses.replace(transcript, turns=tuple(turns))
