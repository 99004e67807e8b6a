"""What a quote check answers: a verdict and the passages behind it (plain data, JSON-ready)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """How a quote relates to the transcripts (README: "Quote check")."""

    VERBATIM = "verbatim"  # the source's words, as said
    ALTERED = "altered"  # a close passage, with words dropped, added or changed
    STITCHED = "stitched"  # the source's words, joined from two or more places
    WRONG_SPEAKER = "wrong_speaker"  # the words are there, said by someone else
    NOT_FOUND = "not_found"  # nothing close enough (the nearest passages still listed)


class Op(StrEnum):
    """One step of the word diff, from the source to the quote."""

    EQUAL = "equal"
    INSERT = "insert"  # words the quote adds
    DELETE = "delete"  # source words the quote drops
    REPLACE = "replace"  # source words the quote says differently


@dataclass(frozen=True, slots=True)
class DiffOp:
    """`quote` and `source` are the words on each side ("" for the missing side).

    `marked` is True when the quote shows the change itself: an omission mark (`…`) where
    words are dropped, or the writer's words in square brackets (`[NATO]`)."""

    op: Op
    quote: str
    source: str
    marked: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        return {"op": str(self.op), "quote": self.quote, "source": self.source,
                "marked": self.marked}


@dataclass(frozen=True, slots=True)
class Match:
    """A passage of one turn: `text` is `turn.text[start:end]`; `turn` is 0-based.

    `part` is the slice of the quote (its own character offsets) this passage accounts for:
    the whole quote, or one piece of a stitched quote."""

    path: str
    title: str
    turn: int
    speaker: str | None
    start: int
    end: int
    text: str
    similarity: float
    diff: tuple[DiffOp, ...]
    transcript_id: int | None = None
    part: tuple[int, int] = (0, 0)

    @property
    def changes(self) -> tuple[DiffOp, ...]:
        """The diff's steps that are not equal."""
        return tuple(d for d in self.diff if d.op is not Op.EQUAL)

    @property
    def all_marked(self) -> bool:
        """True when every change is marked in the quote (`…`, `[...]`)."""
        changes = self.changes
        return bool(changes) and all(d.marked for d in changes)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "turn": self.turn,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "similarity": round(self.similarity, 3),
            "diff": [d.to_json_dict() for d in self.diff],
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict on one quote. `matches`: best first; for `stitched`, one per part in the
    quote's order; for `not_found`, the nearest passages. `speaker` is who the quote was
    attributed to (None when nobody was named)."""

    quote: str
    verdict: Verdict
    matches: tuple[Match, ...]
    speaker: str | None = None

    @property
    def is_verbatim(self) -> bool:
        return self.verdict is Verdict.VERBATIM

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    def to_json_dict(self) -> dict[str, Any]:
        """The `verbatim check --json` shape."""
        return {
            "quote": self.quote,
            "verdict": str(self.verdict),
            "matches": [m.to_json_dict() for m in self.matches],
        }
