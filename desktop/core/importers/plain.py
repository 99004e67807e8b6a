"""Plain paragraphs with no speaker labels: the fallback that reads any prose.

Still cleaned like every text shape: junk lines removed and reported, a headline line taken
as the title, hard-wrapped lines joined, a leading time (`[00:01:23] …`, `0:49 …`) kept as
the paragraph's start time, and annotations marked.
"""

from __future__ import annotations

import json
import re

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.cleanup import (
    drop_page_chrome,
    find_annotations,
    first_content_line,
    is_html_page,
    remove_junk,
    strip_html,
)
from desktop.core.importers.clock import CLOCK, parse_clock
from desktop.core.importers.labelled import Block, Kind, is_title_line, join_lines, paragraphs
from desktop.core.importers.metadata import HeaderInfo, build_metadata, split_front_matter
from desktop.core.importers.text.classify import atx_title
from desktop.core.model import Section, Turn

_CLOCK_ALONE = re.compile(rf"^\s*{CLOCK}\s*$")
#: `0h00m44s` alone on its line (a time column of a saved page).
_HMS_ALONE = re.compile(r"^\s*(?P<h>\d{1,2})h(?P<m>[0-5]?\d)m(?P<s>[0-5]?\d)s\s*$")
_LEADING_CLOCK = re.compile(rf"^\s*(?P<ts>{CLOCK})\s*(?:[-–—|:]\s*)?(?=\S)")
#: A section heading with its time range (`第 1 段（00:00:00 → 00:05:01）`, `Part 2 (05:01 -
#: 10:06)`): a heading over the words below it, which start and end at those times.
_TIMED_HEADING = re.compile(
    r"^\s*(?P<title>[^\s:：].{0,60}?)\s*[(（\[]\s*(?P<start>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)"
    r"\s*(?:-->|->|→|–|—|-|~|～|to)\s*(?P<end>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\s*[)）\]]\s*$"
)


class PlainTextImporter:
    """Each blank-line-separated paragraph (or each timestamped line) is an unattributed turn."""

    format = "plain"
    label = "Plain text"
    extensions = (".txt", ".text", ".md")

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None or not doc.text.strip():
            return 0.0
        if is_json_text(doc.text):
            return 0.0  # structured data no importer recognised (`{}`, `[1, 2]`): not prose
        return 0.01  # fits anything textual, so it only wins when nothing else does

    def parse(self, doc: SourceDocument) -> Parsed:
        assert doc.text is not None
        # YAML front matter is the file's metadata in every text shape, never its words
        front = split_front_matter(doc.text)
        text = front.body
        chrome: list[str] = []
        if is_html_page(text):  # a saved page: its text, without the markup and chrome
            text, chrome = drop_page_chrome(text)
            text = strip_html(text, page=True)[0]
        cleaned = remove_junk(text, title=first_content_line(text))
        paras = paragraphs(cleaned.text)
        info = HeaderInfo()
        if len(paras) >= 3 and len(paras[0]) == 1 and "title" not in front.fields:
            first = Block(Kind.TEXT, [atx_title(paras[0]) or paras[0][0]])
            if (is_title_line(first) and len(first.text) <= 120
                    and not _TIMED_HEADING.match(first.text)  # a section's heading
                    and _time_alone(first.text) is None):
                info.title = first.text
                paras = paras[1:]
        turns: list[Turn] = []
        sections: list[Section] = []
        heading: tuple[float | None, float | None] | None = None
        for para in paras:
            if len(para) == 1 and (alone := _time_alone(para[0])) is not None:
                heading = (alone, None)  # a time alone: the words below start at it
                continue
            if (title := atx_title(para)) is not None:
                sections.append(Section(title, len(turns)))  # `## Mempool`: a section
                continue
            for start, text in _timed_pieces(para):
                timed = _TIMED_HEADING.match(text)
                if timed is not None:
                    sections.append(Section(timed.group("title"), len(turns)))
                    heading = (parse_clock(timed.group("start")), parse_clock(timed.group("end")))
                    continue
                if text:
                    end = None
                    if heading is not None:
                        start = heading[0] if start is None else start
                        end = heading[1]
                        heading = None
                    turns.append(Turn(None, text, start=start, end=end,
                                      annotations=find_annotations(text)))
        sections = [s for s in sections if s.turn < len(turns)]
        metadata = build_metadata(info, front.fields, "\n".join(t.text for t in turns))
        return Parsed(turns=turns, sections=sections, metadata=metadata,
                      removed=chrome + list(cleaned.removed))


def is_json_text(text: str) -> bool:
    """The whole text is one JSON object or array."""
    stripped = text.strip()
    if not (stripped[:1] in "{[" and stripped[-1:] in "}]"):
        return False
    if len(stripped) > 5_000_000:
        return True  # too big to check cheaply; braces at both ends are enough
    try:
        json.loads(stripped)
    except ValueError:
        return False
    return True


def _time_alone(line: str) -> float | None:
    """Seconds for a line that is only a time (`0:15`, `[00:01:02]`, `0h00m44s`), or None."""
    if _CLOCK_ALONE.match(line):
        return parse_clock(line)
    hms = _HMS_ALONE.match(line)
    if hms is not None:
        return float(int(hms["h"]) * 3600 + int(hms["m"]) * 60 + int(hms["s"]))
    return None


def _timed_pieces(lines: list[str]) -> list[tuple[float | None, str]]:
    """A paragraph as (start, text) pieces: a new piece at every line that opens with a time."""
    pieces: list[tuple[float | None, list[str]]] = []
    pending: float | None = None
    for line in lines:
        alone = _time_alone(line)
        if alone is not None:  # Otter without names: `0:15` alone, the words below it
            pending = alone
            continue
        match = _LEADING_CLOCK.match(line)
        if _TIMED_HEADING.match(line):
            pieces.append((None, [line]))  # a piece of its own: the parser makes it a heading
            pieces.append((None, []))
            continue
        if pending is not None:
            pieces.append((pending, [line]))
            pending = None
        elif match is not None:
            pieces.append((parse_clock(match.group("ts")), [line[match.end() :]]))
        elif pieces:
            pieces[-1][1].append(line)
        else:
            pieces.append((None, [line]))
    return [(start, join_lines(parts)) for start, parts in pieces]


IMPORTERS = (PlainTextImporter(),)
