"""YouTube's "Show transcript" panel, copied and pasted: a time alone on a line, the words below.

    Transcript
    Search in video
    0:00
    so today we're building a tiny house
    0:04
    4 seconds
    [Music]

The panel's own lines (`Transcript`, `Search in video`) and the spoken-duration labels that
screen readers get (`4 seconds`, `1 hour, 2 minutes, 45 seconds`) are removed and reported;
each time starts a segment that runs to the next time, and segments are grouped into
paragraphs as for any unattributed captions.
"""

from __future__ import annotations

import re

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.clock import CLOCK, parse_clock
from desktop.core.importers.subtitles import Cue, build_turns, language_of
from desktop.core.model import Metadata

_CLOCK_ALONE = re.compile(rf"^\s*{CLOCK}\s*$")
_UNIT = r"\d+\s+(?:hours?|minutes?|seconds?)"
_DURATION = re.compile(rf"^{_UNIT}(?:,?\s+(?:and\s+)?{_UNIT})*$", re.IGNORECASE)
_PANEL_LINES = frozenset(["transcript", "search in video", "search transcript", "show transcript"])


class YouTubeTranscriptImporter:
    """A pasted YouTube transcript panel: `0:04` alone on a line, the words on the lines below."""

    format = "youtube-transcript"
    label = "YouTube transcript (copied from the panel)"
    extensions = (".txt",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        head = doc.text[:20_000].strip("\n")
        if "\n\n" in head or "-->" in head:
            return 0.0  # blank lines make paragraphs (Otter without names): not this panel
        lines = [line for line in head.split("\n") if line.strip()][:200]
        times = sum(1 for line in lines if _CLOCK_ALONE.match(line))
        return 0.55 if times >= 3 and times * 4 >= len(lines) else 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        if doc.text is None:
            raise ValueError("not text")
        removed: list[str] = []
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
                removed.append(
                    line if line.casefold() in _PANEL_LINES else f"before the first time: {line}"
                )
                continue
            if not pieces[-1][1] and _DURATION.match(line):
                durations += 1  # `4 seconds`: the time again, spelled out for screen readers
                continue
            pieces[-1][1].append(line)
        if durations:
            removed.append(f"{durations} spoken-duration labels (“4 seconds”)")
        cues: list[Cue] = []
        for index, (start, lines) in enumerate(pieces):
            text = " ".join(" ".join(lines).split())
            if not text:
                continue
            following = pieces[index + 1][0] if index + 1 < len(pieces) else start
            cues.append(Cue(start, max(start, following), text))
        turns, speakers = build_turns(cues)
        return Parsed(
            turns=turns,
            speakers=speakers,
            removed=removed,
            metadata=Metadata(language=language_of(turns)),
        )


IMPORTERS = (YouTubeTranscriptImporter(),)
