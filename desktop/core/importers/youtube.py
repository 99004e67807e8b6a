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

Professionally captioned videos name the speaker in capitals where the voice changes, at the
start of a cue or after a sentence inside it (`…Great question. AUDIENCE: What happens…`),
as broadcast captions do after `>>`. When the file's capitalised names come back (each at
least twice, three labels or more), each is a change of speaker; `>>` marks likewise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.clock import CLOCK, parse_clock
from desktop.core.importers.subtitles import Cue, build_turns, language_of, split_chevrons
from desktop.core.model import Metadata, Section, Turn

_CLOCK_ALONE = re.compile(rf"^\s*{CLOCK}\s*$")
_FIRST_CLOCK = re.compile(rf"^[ \t]*{CLOCK}[ \t]*$", re.MULTILINE)
_UNIT = r"\d+\s+(?:hours?|minutes?|seconds?)"
_DURATION = re.compile(rf"^{_UNIT}(?:,?\s+(?:and\s+)?{_UNIT})*$", re.IGNORECASE)
_PANEL_LINES = frozenset([
    "transcript", "search in video", "search transcript", "show transcript", "in this video",
    "chapters",
])
#: `BRIAN YU: ` opening a cue or following a sentence end inside it (captioners' convention).
_CAPTION_NAME = re.compile(
    r"(?:^|(?<=[.?!…\])\"”] ))(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]*){0,3}): (?=\S)"
)
#: The names must be the file's habit: this many labels in all, each name at least twice.
_CAPTION_NAMES_MIN = 3

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
        if times < 3 or times * 4 < len(lines):
            return 0.0
        # a time on (nearly) every other line is the panel's own rhythm, which no labelled
        # transcript has: it outranks the `NAME:` labels professional captions carry
        return 0.8 if times * 5 >= len(lines) * 2 else 0.55

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
                cues[cue_index - 1] = replace(cues[cue_index - 1], turn_ends=True)
        titles = {cues[cue_index].start: title for cue_index, title in starts.items()}
        turns, speakers = build_turns(split_chevrons(_names_as_chevrons(cues)))
        return Parsed(
            turns=turns,
            speakers=speakers,
            sections=_sections(titles, turns),
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


def _names_as_chevrons(cues: list[Cue]) -> list[Cue]:
    """Capitalised speaker names the file keeps using (`DAVID MALAN:`, `AUDIENCE:`) marked
    as the change of speaker they are, `>> NAME:`, for the chevron reading to split."""
    found = Counter(m["name"] for cue in cues for m in _CAPTION_NAME.finditer(cue.text))
    names = {name for name, count in found.items() if count >= 2}
    if sum(found[name] for name in names) < _CAPTION_NAMES_MIN:
        return cues
    return [
        replace(cue, text=_CAPTION_NAME.sub(
            lambda m: f">> {m[0]}" if m["name"] in names else m[0], cue.text))
        for cue in cues
    ]


def _sections(titles: dict[float, str], turns: list[Turn]) -> list[Section]:
    """Sections at the turns that open a chapter: the first turn, in order, that starts at
    the time of the chapter's first cue."""
    sections: list[Section] = []
    index = 0
    for start, title in sorted(titles.items()):
        while index < len(turns) and turns[index].start != start:
            index += 1
        if index < len(turns):
            sections.append(Section(title, index))
            index += 1
    return sections


IMPORTERS = (YouTubeTranscriptImporter(),)
