"""Copy with citation: verified quotes and their citations as one text/html + text/plain pair.

The citation strings and their layout come from the core (`desktop.core.citations.cite` and
`clipboard`); this module computes each quote's citation with the options a run of quotes
needs (AP names a person in full the first time they are quoted, by surname after; Chicago
gives a source's full note once, then short notes; IEEE numbers sources [1], [2]… in order
of use), and puts both flavours on the clipboard in one QMimeData, so a word processor gets
italics and a plain-text editor the same words without them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from desktop.core.citations import Citation, CitationRecord, CiteOptions, cite
from desktop.core.citations import clipboard as clipboard_texts
from desktop.core.citations.base import speaker_of, surname
from desktop.core.quotes import Quote


@dataclass(frozen=True, slots=True)
class CitedText:
    """What goes on the clipboard: the same paragraphs as plain text and as HTML (every
    transcript-derived character escaped by the core's `Styled.html`)."""

    plain: str
    html: str
    count: int = 0


def citations(
    style: str,
    quotes: Sequence[Quote],
    records: Mapping[str, CitationRecord],
    options: CiteOptions | None = None,
) -> list[Citation]:
    """Each quote's citation in `style`; `records` maps a quote's `source_path` to its details.

    Across the run (citations.md §5): AP names a person in full with their title the first
    time *that person* is quoted and by surname after (AP-2: per person, so a second speaker
    from the same interview still gets a first reference); Chicago gives a source's full note
    the first time it is cited and the short note after (CH-2), with the short title instead
    of "interview" when two cited sources share the interviewee's surname (AMB-7), else
    `Blinken, interview.` would not say which interview; IEEE numbers sources in order of use.
    """
    base = options or CiteOptions()
    sources: list[str] = []
    named: set[str] = set()
    shared = _shared_surnames(quotes, records)
    out: list[Citation] = []
    for number, quote in enumerate(quotes, start=1):
        path = quote.source_path
        first_of_source = path not in sources
        if first_of_source:
            sources.append(path)
        record = records.get(path) or CitationRecord()
        quoted = quote.quoted()
        person = speaker_of(record, quoted)
        who = person.full.casefold() if person else f"\0{path}"  # unnamed: per source
        opts = dataclasses.replace(
            base,
            first_reference=who not in named and base.first_reference,
            note_number=number,
            reference_number=sources.index(path) + 1,
            short_title=surname(record.interviewee).casefold() in shared,
        )
        named.add(who)
        citation = cite(style, record, quoted, opts)
        if not first_of_source and citation.short_note:
            citation = dataclasses.replace(citation, note=citation.short_note)
        out.append(citation)
    return out


def _shared_surnames(quotes: Sequence[Quote], records: Mapping[str, CitationRecord]) -> set[str]:
    """Interviewee surnames (casefolded) that more than one of the quoted sources has."""
    paths = dict.fromkeys(q.source_path for q in quotes)
    names = Counter(
        surname((records.get(path) or CitationRecord()).interviewee).casefold() for path in paths
    )
    return {name for name, count in names.items() if name and count > 1}


def compose(
    style: str,
    quotes: Sequence[Quote],
    records: Mapping[str, CitationRecord],
    options: CiteOptions | None = None,
) -> CitedText:
    """The clipboard texts for `quotes` (already verified against their sources)."""
    plain, html = clipboard_texts(citations(style, quotes, records, options))
    return CitedText(plain, html, len(quotes))


def mime_data(text: CitedText) -> QMimeData:
    """Both clipboard flavours in one object (pasting picks the richest it understands)."""
    data = QMimeData()
    data.setText(text.plain)
    data.setHtml(text.html)
    return data


def put_on_clipboard(text: CitedText) -> None:
    """Replace the clipboard's contents with `text` (text/html and text/plain)."""
    QGuiApplication.clipboard().setMimeData(mime_data(text))
