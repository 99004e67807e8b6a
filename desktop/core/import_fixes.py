"""The user's fixes to what an importer got wrong, re-applied after every import.

Four fixes, each made by a right-click in the reader:
- *Not a speaker*: a speaker's label is words (`Argentina: There are reports…` on a wrapped
  line); each of that speaker's turns goes back, label and all, into the turn before it;
- *Split turn here*: a new turn starts at this word, with nobody named for it (naming the
  wrong person would be a misquote; the user can then merge or rename);
- *Join with previous turn*: this turn continues the one before it (same speaker as that one);
- *Not speech*: this paragraph is a note (a stage direction, a caption, page furniture), kept
  in the text as an annotation and never quoted as words.

A fix names its turn by index and by the turn's first words (`anchor`): after a re-import that
moved the turn, the words find it again; a fix whose turn is gone is skipped. Fixes are kept
by the library beside the speaker corrections (`Library.fix_import`), stored in order, and
applied before them, so a rename still finds its speaker. Quotes anchored in a fixed turn are
re-checked like quotes of a changed file (moved words are re-anchored, never silently lost).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.importers.cleanup import find_annotations
from desktop.core.model import Annotation, AnnotationKind, Transcript, Turn

__all__ = ["FixKind", "ImportFix", "apply_fixes", "make_fix"]

#: How many of a turn's first characters find it again after a re-import.
ANCHOR_CHARS = 80


class FixKind(StrEnum):
    NOT_A_SPEAKER = "not-a-speaker"
    SPLIT = "split"
    JOIN = "join"
    NOT_SPEECH = "not-speech"


@dataclass(frozen=True, slots=True)
class ImportFix:
    """One fix: its kind, the turn (index and first words) and, for a split or a note, the
    character offset in the turn's text (the split point, or the paragraph's start)."""

    kind: FixKind
    turn: int
    anchor: str
    offset: int = 0


def make_fix(transcript: Transcript, kind: FixKind, turn: int, offset: int = 0) -> ImportFix:
    """A fix of turn `turn` of the transcript as shown; ValueError when it cannot apply."""
    if not 0 <= turn < len(transcript.turns):
        raise ValueError(f"there is no turn {turn + 1}")
    text = transcript.turns[turn].text
    if kind is FixKind.JOIN and turn == 0:
        raise ValueError("the first turn has no turn before it to join")
    if kind is FixKind.NOT_A_SPEAKER and transcript.turns[turn].speaker is None:
        raise ValueError("this turn has no speaker")
    if kind is FixKind.SPLIT and not 0 < offset < len(text.rstrip()):
        raise ValueError("a turn is split inside its words, not at its start or end")
    if kind is FixKind.NOT_SPEECH:
        offset = _paragraph_span(text, offset)[0]
    return ImportFix(kind, turn, text[:ANCHOR_CHARS], offset)


def apply_fixes(transcript: Transcript, fixes: Sequence[ImportFix]) -> Transcript:
    """The transcript with the fixes applied in order (fixes whose turn is gone are skipped)."""
    for fix in fixes:
        index = _find(transcript.turns, fix)
        if index is None:
            continue
        transcript = _APPLY[fix.kind](transcript, index, fix)
    return transcript


def _find(turns: Sequence[Turn], fix: ImportFix) -> int | None:
    if 0 <= fix.turn < len(turns) and turns[fix.turn].text.startswith(fix.anchor):
        return fix.turn
    found = [i for i, t in enumerate(turns) if t.text.startswith(fix.anchor)]
    return min(found, key=lambda i: abs(i - fix.turn)) if found else None


def _paragraph_span(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the paragraph of the turn's text that holds `offset`."""
    before = text.rfind("\n\n", 0, max(0, offset))
    start = 0 if before < 0 else before + 2
    end = text.find("\n\n", offset)
    return start, len(text) if end < 0 else end


def _joined(first: Turn, second: Turn, second_text: str) -> Turn:
    """`second` (as `second_text`) continuing `first` as a new paragraph."""
    text = f"{first.text}\n\n{second_text}"
    shift = len(first.text) + 2
    kept = (*_notes(first), *(_shifted(a, shift) for a in _notes(second)))
    return dataclasses.replace(
        first,
        text=text,
        end=second.end if second.end is not None else first.end,
        segments=first.segments + second.segments,
        annotations=_annotations(text, kept),
    )


def _not_a_speaker(transcript: Transcript, index: int, fix: ImportFix) -> Transcript:
    speaker_id = transcript.turns[index].speaker
    speaker = transcript.speaker(speaker_id) if speaker_id else None
    if speaker is None:
        return transcript
    label = speaker.aliases[0] if speaker.aliases else speaker.name
    turns: list[Turn] = []
    for turn in transcript.turns:
        if turn.speaker != speaker_id:
            turns.append(turn)
            continue
        words = f"{label}: {turn.text}"
        if turns:  # the label was words of the turn before it
            turns[-1] = _joined(turns[-1], turn, words)
        else:
            turns.append(dataclasses.replace(turn, speaker=None, text=words,
                                             annotations=find_annotations(words)))
    speakers = tuple(s for s in transcript.speakers if s.id != speaker_id)
    return dataclasses.replace(transcript, speakers=speakers, turns=tuple(turns))


def _split(transcript: Transcript, index: int, fix: ImportFix) -> Transcript:
    turn = transcript.turns[index]
    head, tail = turn.text[: fix.offset].rstrip(), turn.text[fix.offset :].lstrip()
    if not head or not tail:
        return transcript
    cut = len(turn.text) - len(tail)
    first_segments = tuple(s for s in turn.segments if s.text.strip() in head)
    later = tuple(s for s in turn.segments if s not in first_segments)
    first = dataclasses.replace(
        turn, text=head, segments=first_segments,
        annotations=_annotations(head, tuple(a for a in _notes(turn) if a.end <= len(head))),
    )
    second = Turn(
        speaker=None,
        text=tail,
        start=later[0].start if later else None,
        end=turn.end,
        segments=later,
        annotations=_annotations(tail, tuple(_shifted(a, -cut) for a in _notes(turn)
                                             if a.start >= cut)),
    )
    turns = (*transcript.turns[:index], first, second, *transcript.turns[index + 1 :])
    return dataclasses.replace(transcript, turns=turns)


def _join(transcript: Transcript, index: int, fix: ImportFix) -> Transcript:
    if index == 0:
        return transcript
    turns = list(transcript.turns)
    turns[index - 1] = _joined(turns[index - 1], turns[index], turns[index].text)
    del turns[index]
    used = {t.speaker for t in turns}
    speakers = tuple(s for s in transcript.speakers if s.id in used)
    return dataclasses.replace(transcript, speakers=speakers, turns=tuple(turns))


def _not_speech(transcript: Transcript, index: int, fix: ImportFix) -> Transcript:
    turn = transcript.turns[index]
    start, end = _paragraph_span(turn.text, fix.offset)
    if start >= end:
        return transcript
    note = Annotation(start, end, AnnotationKind.EDITORIAL)
    kept = tuple(a for a in turn.annotations if a.end <= start or a.start >= end)
    fixed = dataclasses.replace(turn, annotations=tuple(sorted((*kept, note),
                                                               key=lambda a: a.start)))
    turns = (*transcript.turns[:index], fixed, *transcript.turns[index + 1 :])
    return dataclasses.replace(transcript, turns=turns)


_APPLY = {
    FixKind.NOT_A_SPEAKER: _not_a_speaker,
    FixKind.SPLIT: _split,
    FixKind.JOIN: _join,
    FixKind.NOT_SPEECH: _not_speech,
}


def _notes(turn: Turn) -> tuple[Annotation, ...]:
    """The turn's annotations that its words alone would not give (the user's notes)."""
    found = {(a.start, a.end) for a in find_annotations(turn.text)}
    return tuple(a for a in turn.annotations if (a.start, a.end) not in found)


def _shifted(annotation: Annotation, by: int) -> Annotation:
    return dataclasses.replace(annotation, start=annotation.start + by, end=annotation.end + by)


def _annotations(text: str, kept: Sequence[Annotation]) -> tuple[Annotation, ...]:
    """The annotations of `text`: those its words give, and the kept notes (no overlaps)."""
    found = list(find_annotations(text))
    for note in kept:
        if 0 <= note.start < note.end <= len(text):
            found = [a for a in found if a.end <= note.start or a.start >= note.end]
            found.append(note)
    return tuple(sorted(found, key=lambda a: a.start))
