"""Speaker statistics: who talked how much, by words, turns and (for timed sources) time.

The word rule is the app's one word count (README, "Reading tools"): a word is a run of
characters between white space that holds at least one letter or digit. So "de-escalation?"
and "don't" are one word each, and a dash standing alone ("–") or a lone colon is none. The
reader's "short question" rule and every count shown to the user use `count_words`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop.core.model import Role, Transcript, Turn

#: A word: non-space characters holding at least one letter or digit.
WORD = re.compile(r"[^\s\w]*\w\S*")
#: What may follow the question mark of a question: closing quotes and brackets.
_CLOSERS = "\"'”’»)]…"
NO_SPEAKER = "(no speaker)"


def count_words(text: str) -> int:
    """The number of words in `text` by the app's one rule (see the module docstring)."""
    return sum(1 for _ in WORD.finditer(text))


def is_question(text: str) -> bool:
    """True when a turn ends with a question mark (closing quotes or brackets may follow)."""
    return text.rstrip().rstrip(_CLOSERS).rstrip().endswith(("?", "？", "¿"))


def turn_seconds(turns: Sequence[Turn], index: int) -> float | None:
    """How long a timed turn was spoken: the sum of its cues (a pause between cues is not
    talk), else end − start, else until the next turn starts (formats that give only start
    times); None when the turn carries no time."""
    turn = turns[index]
    if turn.segments:
        return sum(max(0.0, s.end - s.start) for s in turn.segments)
    if turn.start is None:
        return None
    end = turn.end
    if end is None and index + 1 < len(turns):
        end = turns[index + 1].start
    if end is None or end < turn.start:
        return None
    return end - turn.start


@dataclass(slots=True)
class SpeakerStats:
    """Totals for one speaker (over one transcript or a selection of them)."""

    name: str
    role: str
    turns: int = 0
    words: int = 0
    share: float = 0.0
    #: Talk time in seconds, None when none of the speaker's turns is timed.
    seconds: float | None = None
    share_seconds: float | None = None
    questions: int = 0
    longest_turn: int = 0
    #: Most words said in consecutive turns with no other speaker between.
    longest_stretch: int = 0

    @property
    def mean_turn(self) -> float:
        """Mean words per turn."""
        return self.words / self.turns if self.turns else 0.0

    def to_json_dict(self) -> dict[str, object]:
        """One speaker of the `verbatim stats --json` contract."""
        return {
            "name": self.name,
            "role": self.role,
            "turns": self.turns,
            "words": self.words,
            "share": round(self.share, 4),
            "seconds": None if self.seconds is None else round(self.seconds, 2),
            "share_seconds": None if self.share_seconds is None else round(self.share_seconds, 4),
            "questions": self.questions,
            "mean_turn": round(self.mean_turn, 1),
            "longest_turn": self.longest_turn,
            "longest_stretch": self.longest_stretch,
        }


@dataclass(frozen=True, slots=True)
class Balance:
    """One transcript's interviewer/interviewee balance: words by those who ask (interviewer,
    host, audience), by those who answer (interviewee, guest), and by speakers of unknown
    role or no speaker (`other_words`)."""

    path: str
    title: str
    turns: int
    words: int
    asking_words: int
    answering_words: int
    other_words: int = 0

    @property
    def asking_share(self) -> float:
        return self.asking_words / self.words if self.words else 0.0

    def to_json_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "turns": self.turns,
            "words": self.words,
            "asking_words": self.asking_words,
            "answering_words": self.answering_words,
            "other_words": self.other_words,
            "asking_share": round(self.asking_share, 4),
        }


@dataclass(frozen=True, slots=True)
class Statistics:
    """Speakers (most words first) and totals over one or more transcripts."""

    speakers: tuple[SpeakerStats, ...]
    words: int
    turns: int
    seconds: float | None
    transcripts: tuple[Balance, ...] = field(default=())

    def to_json_dict(self) -> dict[str, object]:
        """The `verbatim stats --json` contract."""
        return {
            "speakers": [s.to_json_dict() for s in self.speakers],
            "words": self.words,
            "turns": self.turns,
            "seconds": None if self.seconds is None else round(self.seconds, 2),
            "transcripts": [t.to_json_dict() for t in self.transcripts],
        }


def statistics(transcripts: Iterable[Transcript]) -> Statistics:
    """Per-speaker statistics over the transcripts. A person is one row across transcripts
    when name and role agree (case-insensitive name); unattributed text is "(no speaker)"."""
    rows: dict[tuple[str, str], SpeakerStats] = {}
    balances: list[Balance] = []
    for transcript in transcripts:
        balances.append(_add_transcript(transcript, rows))
    speakers = sorted(rows.values(), key=lambda s: (-s.words, s.name.casefold()))
    words = sum(s.words for s in speakers)
    timed = [s.seconds for s in speakers if s.seconds is not None]
    seconds = sum(timed) if timed else None
    for s in speakers:
        s.share = s.words / words if words else 0.0
        if s.seconds is not None and seconds:
            s.share_seconds = s.seconds / seconds
    return Statistics(tuple(speakers), words, sum(s.turns for s in speakers), seconds,
                      tuple(balances))  # fmt: skip


def _add_transcript(transcript: Transcript, rows: dict[tuple[str, str], SpeakerStats]) -> Balance:
    asking = answering = other = 0
    total = 0
    stretch_key: tuple[str, str] | None = None
    stretch = 0
    for index, turn in enumerate(transcript.turns):
        speaker = transcript.speaker(turn.speaker)
        name = speaker.name if speaker else NO_SPEAKER
        role = speaker.role if speaker else Role.UNKNOWN
        key = (name.casefold(), str(role))
        row = rows.get(key)
        if row is None:
            row = rows[key] = SpeakerStats(name=name, role=str(role))
        words = count_words(turn.text)
        row.turns += 1
        row.words += words
        row.longest_turn = max(row.longest_turn, words)
        row.questions += is_question(turn.text)
        seconds = turn_seconds(transcript.turns, index)
        if seconds is not None:
            row.seconds = (row.seconds or 0.0) + seconds
        stretch = stretch + words if key == stretch_key else words
        stretch_key = key
        row.longest_stretch = max(row.longest_stretch, stretch)
        total += words
        if role.asks:
            asking += words
        elif role in (Role.INTERVIEWEE, Role.GUEST):
            answering += words
        else:
            other += words
    return Balance(transcript.source.path, transcript.title, len(transcript.turns), total,
                   asking, answering, other)  # fmt: skip


CSV_COLUMNS = (
    "name", "role", "turns", "words", "share", "seconds", "share_seconds", "questions",
    "mean_turn", "longest_turn", "longest_stretch",
)  # fmt: skip


def csv_rows(stats: Statistics) -> list[list[str]]:
    """The header and one row per speaker, for a CSV export of the statistics (a name a
    spreadsheet would run as a formula is neutralised)."""
    from desktop.core.export.spreadsheet import neutralise

    rows = [list(CSV_COLUMNS)]
    for s in stats.speakers:
        data = s.to_json_dict()
        rows.append([neutralise("" if data[c] is None else str(data[c])) for c in CSV_COLUMNS])
    return rows
