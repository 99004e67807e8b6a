"""The transcript model: frozen dataclasses shared by importers, search, quotes and the UI.

A `Transcript` is immutable; user corrections (speaker renames, metadata edits) produce a new
one with `dataclasses.replace`, so views never see a half-changed object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """What a speaker does in the conversation (the `role` of the JSON contract)."""

    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"
    HOST = "host"
    GUEST = "guest"
    AUDIENCE = "audience"
    UNKNOWN = "unknown"

    @property
    def asks(self) -> bool:
        """True for roles whose turns read as questions (interviewer, host, audience)."""
        return self in (Role.INTERVIEWER, Role.HOST, Role.AUDIENCE)


class AnnotationKind(StrEnum):
    """Non-speech marks kept inside a turn's text."""

    EDITORIAL = "editorial"  # [ndlr : en Suède], [sic], (as translated)
    STAGE = "stage"  # (Laughter.), [applause], \[rire\]
    INAUDIBLE = "inaudible"  # (inaudible), [inaudible 4:55], [crosstalk]


@dataclass(frozen=True, slots=True)
class Annotation:
    """A span of a turn's text that is not speech: shown as editorial, never quoted as words."""

    start: int
    end: int
    kind: AnnotationKind


@dataclass(frozen=True, slots=True)
class WordTime:
    """One word's time inside a segment (Whisper word timestamps), in seconds."""

    start: float
    end: float
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """One timed cue of a timed source (SRT cue, Whisper segment), in seconds."""

    start: float
    end: float
    text: str
    #: Word timings where the source has them (Whisper JSON `words`), in order; else empty.
    words: tuple[WordTime, ...] = ()


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person in the transcript; `aliases` are the labels that named them in the source."""

    id: str
    name: str
    role: Role = Role.UNKNOWN
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's contribution. Paragraphs inside a turn are separated by a blank line."""

    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    segments: tuple[Segment, ...] = ()
    annotations: tuple[Annotation, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        """The turn's paragraphs, in order."""
        return self.text.split("\n\n")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading; `turn` is the index of the first turn under it."""

    title: str
    turn: int


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the source says about itself. Dates are ISO 8601, as complete as the source allows
    (`2021-12-02`, `2021-12`, `--12-02` when the year is missing)."""

    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    place: str | None = None
    url: str | None = None
    language: str | None = None
    #: Introductory paragraph(s) before the first turn (a news lede); not speech.
    lede: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """The file a transcript came from; `sha256` is of its bytes as read."""

    path: str
    sha256: str
    format: str
    encoding: str
    size: int = 0


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What the importer did: removed junk, repaired text, and what the user should check."""

    removed: tuple[str, ...] = ()
    repaired: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Transcript:
    """A parsed transcript: the single object the library, search, quotes and UI work on."""

    source: Source
    metadata: Metadata = field(default_factory=Metadata)
    speakers: tuple[Speaker, ...] = ()
    sections: tuple[Section, ...] = ()
    turns: tuple[Turn, ...] = ()
    report: ImportReport = field(default_factory=ImportReport)

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        """The speaker with this id, or None."""
        if speaker_id is None:
            return None
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker
        return None

    def speaker_of(self, turn_index: int) -> Speaker | None:
        """The speaker of one turn, or None for unattributed text."""
        return self.speaker(self.turns[turn_index].speaker)

    def is_question(self, turn_index: int) -> bool:
        """True when the turn's speaker asks (interviewer, host, audience)."""
        speaker = self.speaker_of(turn_index)
        return speaker is not None and speaker.role.asks

    def section_of(self, turn_index: int) -> Section | None:
        """The section heading a turn sits under, or None before the first heading."""
        current: Section | None = None
        for section in self.sections:
            if section.turn <= turn_index:
                current = section
            else:
                break
        return current

    @property
    def is_timed(self) -> bool:
        """True when turns carry start times (subtitles, Whisper, timestamped exports)."""
        return any(turn.start is not None for turn in self.turns)

    @property
    def title(self) -> str:
        """A title to show: the source's title, else the file name."""
        if self.metadata.title:
            return self.metadata.title
        return self.source.path.replace("\\", "/").rsplit("/", 1)[-1]

    def to_json_dict(self) -> dict[str, Any]:
        """The `verbatim parse --json` contract (README: "The parse JSON contract")."""
        return {
            "source": {
                "path": self.source.path,
                "sha256": self.source.sha256,
                "format": self.source.format,
                "encoding": self.source.encoding,
            },
            "metadata": {
                "title": self.metadata.title,
                "date": self.metadata.date,
                "outlet": self.metadata.outlet,
                "place": self.metadata.place,
                "url": self.metadata.url,
                "language": self.metadata.language,
            },
            "speakers": [
                {
                    "id": s.id,
                    "name": s.name,
                    "role": str(s.role),
                    "affiliation": s.affiliation,
                    "aliases": list(s.aliases),
                }
                for s in self.speakers
            ],
            "sections": [{"title": s.title, "turn": s.turn} for s in self.sections],
            "turns": [_turn_json(t) for t in self.turns],
            "report": {
                "removed": list(self.report.removed),
                "repaired": list(self.report.repaired),
                "warnings": list(self.report.warnings),
            },
        }


def _turn_json(turn: Turn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "speaker": turn.speaker,
        "text": turn.text,
        "start": turn.start,
        "end": turn.end,
    }
    if turn.segments:
        data["segments"] = [
            {"start": s.start, "end": s.end, "text": s.text} for s in turn.segments
        ]
    return data
