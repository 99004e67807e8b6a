"""oTranscribe `.otr` files: JSON whose `text` is the editor's HTML.

The HTML is converted to text with the standard library's `html.parser` and is never rendered:
tags only mark paragraph breaks and timestamps; entities become the characters they stand for,
so a typed `<script>` (stored as `&lt;script&gt;`) comes back as those literal characters.
Timestamps are `<span class="timestamp" data-timestamp="65.2">1:05</span>`: the first one in a
paragraph becomes the turn's start, and its visible `1:05` is not part of the words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.cleanup import find_annotations
from desktop.core.importers.subtitles import language_of, parse_clock, speakers_for
from desktop.core.model import Metadata, Turn

_BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"})
_SKIPPED_TAGS = frozenset({"script", "style"})
#: `Name: words` at the start of a paragraph (labels people type in oTranscribe).
_LABEL = re.compile(r"^(?P<name>[^\W\d][\w.'’ -]{0,38}?)\s*:\s+(?P<text>\S.*)$", re.DOTALL)


@dataclass(slots=True)
class _Paragraph:
    text: list[str] = field(default_factory=list)
    start: float | None = None


class _OtrHtml(HTMLParser):
    """Collects paragraphs of text and the first timestamp of each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[_Paragraph] = [_Paragraph()]
        self._in_timestamp = 0
        self._skipping = 0
        self._after_break = False  # only line breaks since the last words
        self.skipped: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
            self.skipped.append(f"<{tag}> element")
        elif tag in _BLOCK_TAGS:
            self._new_paragraph()
        elif tag == "br":
            self._line_break()
        elif tag == "span" and "timestamp" in (attributes.get("class") or "").split():
            if self._after_break:
                self._new_paragraph()  # `…<br /><span class="timestamp">`: a new speaker line
            self._in_timestamp += 1
            self._timestamp(attributes.get("data-timestamp"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._line_break()
        elif tag in _BLOCK_TAGS:
            self._new_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self._skipping:
            self._skipping -= 1
        elif tag in _BLOCK_TAGS:
            self._new_paragraph()
        elif tag == "span" and self._in_timestamp:
            self._in_timestamp -= 1

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._in_timestamp:
            if self.paragraphs[-1].start is None:
                self._timestamp(data)  # no data-timestamp attribute: read the visible 1:05
            return
        self.paragraphs[-1].text.append(data)
        if data.strip():
            self._after_break = False

    def _line_break(self) -> None:
        self.paragraphs[-1].text.append("\n")
        self._after_break = True

    def _timestamp(self, value: str | None) -> None:
        paragraph = self.paragraphs[-1]
        if paragraph.start is not None or not value:
            return
        try:
            paragraph.start = parse_clock(value)
        except ValueError:
            return

    def _new_paragraph(self) -> None:
        self._after_break = False
        if self.paragraphs[-1].text or self.paragraphs[-1].start is not None:
            self.paragraphs.append(_Paragraph())


def html_paragraphs(markup: str) -> tuple[list[tuple[float | None, str]], list[str]]:
    """(start, text) for each non-empty paragraph of oTranscribe HTML, and what was skipped."""
    parser = _OtrHtml()
    parser.feed(markup)
    parser.close()
    result: list[tuple[float | None, str]] = []
    for paragraph in parser.paragraphs:
        start = paragraph.start
        # Two <br> in a row separate paragraphs; one is a line break inside a paragraph.
        for chunk in "".join(paragraph.text).split("\n\n"):
            lines = [" ".join(line.split()) for line in chunk.split("\n")]
            text = " ".join(line for line in lines if line)
            if text:
                result.append((start, text))
                start = None  # the paragraph's timestamp belongs to its first part only
    return result, parser.skipped


_PARTICLES = frozenset(
    ["de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "dos", "del", "bin",
     "al", "el", "y"]
)


def _looks_like_name(label: str) -> bool:
    """`Jane Doe`, `Q`, `INTERVIEWER`, `Ursula von der Leyen`, not `Then I said` (a label
    used once must look like a name; one used twice is a speaker whatever it looks like)."""
    words = label.split()
    return len(words) <= 4 and all(
        word[0].isupper() or word[0].isdigit() or word in _PARTICLES for word in words
    ) and not (len(words) > 1 and words[-1] in _PARTICLES)


class OtrImporter:
    """oTranscribe documents; `Name: text` paragraphs become that speaker's turns."""

    format = "otr"
    label = "oTranscribe (.otr)"
    extensions = (".otr",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        head = doc.text[:65536].lstrip()
        if not head.startswith("{") or '"text"' not in head:
            return 0.0
        if "data-timestamp" in head or '"media-time"' in head:
            return 0.95
        if '"media"' in head or '"media-source"' in head:
            return 0.9  # oTranscribe's other keys, in a file with no timestamps yet
        return 0.8 if doc.suffix == ".otr" else 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        if doc.text is None:
            raise ValueError("not text")
        data = json.loads(doc.text)
        if not isinstance(data, Mapping) or not isinstance(data.get("text"), str):
            raise ValueError("no `text` field")
        paragraphs, skipped = html_paragraphs(data["text"])
        matches = [_LABEL.match(text) for _, text in paragraphs]
        uses = Counter(m["name"].strip() for m in matches if m)
        labelled: list[tuple[float | None, str | None, str]] = []
        for (start, text), match in zip(paragraphs, matches, strict=True):
            name = match["name"].strip() if match else None
            if match and name and (uses[name] > 1 or _looks_like_name(name)):
                labelled.append((start, name, match["text"].strip()))
            else:
                labelled.append((start, None, text))
        any_label = any(name for _, name, _ in labelled)
        speakers = speakers_for(name for _, name, _ in labelled)
        ids = {s.name: s.id for s in speakers}
        turns: list[Turn] = []
        for start, name, text in labelled:
            if name is None and any_label and turns and turns[-1].speaker is not None:
                # An unlabelled paragraph after a labelled one continues that speaker.
                previous = turns[-1]
                turns[-1] = Turn(previous.speaker, previous.text + "\n\n" + text, previous.start)
                continue
            speaker = ids.get(name) if name else None
            if turns and speaker is not None and turns[-1].speaker == speaker:
                previous = turns[-1]
                turns[-1] = Turn(speaker, previous.text + "\n\n" + text, previous.start)
                continue
            turns.append(Turn(speaker, text, start))
        turns = [replace(turn, annotations=find_annotations(turn.text)) for turn in turns]
        removed = [f"{item} (HTML markup, not text)" for item in skipped]
        return Parsed(turns=turns, speakers=speakers, removed=removed,
                      metadata=Metadata(language=language_of(turns)))


IMPORTERS = (OtrImporter(),)
