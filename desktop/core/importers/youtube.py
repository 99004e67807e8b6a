"""YouTube's "Show transcript" panel, copied and pasted: a time alone on a line, the words below.

    Transcript
    Search in video
    Introduction
    0:00
    so today we're building a tiny house
    0:04
    4 seconds
    [Music]
    Framing the walls
    0:07
    ...

The panel's own lines (`Transcript`, `Search in video`) and the spoken-duration labels that
screen readers get (`4 seconds`, `1 hour, 2 minutes, 45 seconds`) are removed and reported;
each time starts a segment that runs to the next time, and segments are grouped into
paragraphs as for any unattributed captions.

A video with chapters puts each chapter's title on a line of its own just above the chapter's
first time, i.e. after the previous cue's words. The panel writes every cue on one line, so in
a file of ten cues or more where no cue runs over two lines and two-line cues are few (a
chapter spans several cues), a short second line under a cue is the next chapter's title: it
becomes a section heading (and starts a new turn) instead of being glued into the quote.
The panel's header may hold blank lines (`Transcript` / blank / `Search in video`); only
blank lines among the cues mean another shape.
"""

from __future__ import annotations

import re

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.clock import CLOCK, parse_clock
from desktop.core.importers.subtitles import Cue, build_turns, language_of
from desktop.core.model import Metadata, Section, Turn

_CLOCK_ALONE = re.compile(rf"^\s*{CLOCK}\s*$")
_FIRST_CLOCK = re.compile(rf"^[ \t]*{CLOCK}[ \t]*$", re.MULTILINE)
_UNIT = r"\d+\s+(?:hours?|minutes?|seconds?)"
_DURATION = re.compile(rf"^{_UNIT}(?:,?\s+(?:and\s+)?{_UNIT})*$", re.IGNORECASE)
_PANEL_LINES = frozenset([
    "transcript", "search in video", "search transcript", "show transcript", "in this video",
    "chapters",
])
#: From this many cues on, with no cue over two lines and at most this share of two-line cues
#: (a chapter spans several cues), the file writes one line a cue and a second is a title.
_CHAPTER_MIN_CUES = 10
_TWO_LINE_SHARE = 0.25
#: Chapter titles are short; a longer second line is words, kept where they are.
_CHAPTER_MAX_WORDS = 12


def _is_chapter_title(line: str) -> bool:
    """A short line that is not a sound cue (`[Music]`) can be a chapter's title."""
    return len(line.split()) <= _CHAPTER_MAX_WORDS and line[:1] not in "[(♪"


class YouTubeTranscriptImporter:
    """A pasted YouTube transcript panel: `0:04` alone on a line, the words on the lines below."""

    format = "youtube-transcript"
    label = "YouTube transcript (copied from the panel)"
    extensions = (".txt",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        head = doc.text[:20_000]
        first = _FIRST_CLOCK.search(head)
        if first is None or "-->" in head:
            return 0.0
        body = head[first.start():].strip("\n")
        if "\n\n" in body:
            return 0.0  # blank lines among the cues make paragraphs (Otter without names)
        lines = [line for line in body.split("\n") if line.strip()][:200]
        times = sum(1 for line in lines if _CLOCK_ALONE.match(line))
        return 0.55 if times >= 3 and times * 4 >= len(lines) else 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        if doc.text is None:
            raise ValueError("not text")
        removed: list[str] = []
        header: list[str] = []
        durations = 0
        pieces: list[tuple[float, list[str]]] = []
        for raw in doc.text.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if _CLOCK_ALONE.match(line):
                start = parse_clock(line)
                if start is not None:
                    pieces.append((start, []))
                    continue
            if not pieces:
                header.append(line)
                continue
            if not pieces[-1][1] and _DURATION.match(line):
                durations += 1  # `4 seconds`: the time again, spelled out for screen readers
                continue
            pieces[-1][1].append(line)
        chapters = _chapters(pieces, header)
        for line in header:
            if line.casefold() in _PANEL_LINES:
                removed.append(line)
            elif 0 not in chapters or line != header[-1]:
                removed.append(f"before the first time: {line}")
        if durations:
            removed.append(f"{durations} spoken-duration labels (“4 seconds”)")
        cues: list[Cue] = []
        first_cue: dict[int, int] = {}  # piece index -> index of the cue it or a later piece has
        for index, (start, lines) in enumerate(pieces):
            first_cue[index] = len(cues)
            text = " ".join(" ".join(lines).split())
            if not text:
                continue
            following = pieces[index + 1][0] if index + 1 < len(pieces) else start
            cues.append(Cue(start, max(start, following), text))
        starts = {first_cue[piece]: title for piece, title in chapters.items()
                  if first_cue[piece] < len(cues)}
        for cue_index in starts:
            if cue_index > 0:  # a chapter starts a new turn
                before = cues[cue_index - 1]
                cues[cue_index - 1] = Cue(before.start, before.end, before.text, turn_ends=True)
        turns, speakers = build_turns(cues)
        return Parsed(
            turns=turns,
            speakers=speakers,
            sections=_sections(starts, turns),
            removed=removed,
            metadata=Metadata(language=language_of(turns)),
        )


def _chapters(pieces: list[tuple[float, list[str]]], header: list[str]) -> dict[int, str]:
    """Chapter titles by the index of the piece they head; each is taken out of the words
    of the piece before it. Only in a file whose cues are one line each."""
    texted = [lines for _, lines in pieces if lines]
    double = sum(1 for lines in texted if len(lines) == 2)
    if len(texted) < _CHAPTER_MIN_CUES or any(len(lines) > 2 for lines in texted):
        return {}
    if double > _TWO_LINE_SHARE * len(texted):
        return {}
    chapters: dict[int, str] = {}
    for index, (_, lines) in enumerate(pieces[:-1]):
        if len(lines) == 2 and _is_chapter_title(lines[1]):
            chapters[index + 1] = lines.pop()
    first = header[-1] if header else ""
    if chapters and first.casefold() not in _PANEL_LINES and _is_chapter_title(first):
        chapters[0] = first  # the first chapter's title, just above the first time
    return chapters


def _sections(starts: dict[int, str], turns: list[Turn]) -> list[Section]:
    """Sections at the turns whose first cue opens a chapter."""
    turn_of: dict[int, int] = {}
    cue_index = 0
    for turn_index, turn in enumerate(turns):
        turn_of[cue_index] = turn_index
        cue_index += len(turn.segments)
    return [Section(title, turn_of[cue]) for cue, title in sorted(starts.items())
            if cue in turn_of]


IMPORTERS = (YouTubeTranscriptImporter(),)
