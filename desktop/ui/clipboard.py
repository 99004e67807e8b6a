"""Copy with citation: verified quotes and their citations as one text/html + text/plain pair.

The citation strings come from the core (`desktop.core.citations.cite`); this module only lays
them out as pasteable paragraphs and puts both flavours on the clipboard in one QMimeData, so
a word processor gets italics and a plain-text editor gets the same words without them.

Layout, one paragraph per line of the plain text, separated by a blank line:
- per quote, the style's attribution sentence (it already holds the quote and the in-text
  citation: `In an interview with Euronews, Blinken said that “…” (Koutsokosta, 2021, para. 2).`),
  or else the quote followed by the in-text citation;
- Chicago notes: a numbered note per quote (full note first, short note after for the same
  source);
- then each source's reference entry once, in order of first use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from desktop.core.citations import CitationRecord, CiteOptions, Styled, cite
from desktop.core.quotes import Quote


@dataclass(frozen=True, slots=True)
class CitedText:
    """What goes on the clipboard: the same paragraphs as plain text and as HTML."""

    paragraphs: tuple[Styled, ...] = field(default_factory=tuple)

    @property
    def plain(self) -> str:
        return "\n\n".join(p.plain for p in self.paragraphs)

    @property
    def html(self) -> str:
        """An HTML fragment; every transcript-derived character is escaped by `Styled.html`."""
        return "".join(f"<p>{p.html}</p>" for p in self.paragraphs)


def compose(
    style: str,
    quotes: Sequence[Quote],
    records: Mapping[str, CitationRecord],
    options: CiteOptions | None = None,
) -> CitedText:
    """Lay out `quotes` (already verified) with their citations in `style`.

    `records` maps each quote's `source_path` to its citation details. The first quote from a
    source is a first reference (full name and title in AP, full note in Chicago); later ones
    from the same source are not.
    """
    base = options or CiteOptions()
    leads: list[Styled] = []
    notes: list[Styled] = []
    references: dict[str, Styled] = {}
    seen: set[str] = set()
    for number, quote in enumerate(quotes, start=1):
        path = quote.source_path
        record = records.get(path) or CitationRecord()
        first = path not in seen
        seen.add(path)
        opts = dataclasses.replace(
            base, first_reference=first and base.first_reference, note_number=number
        )
        citation = cite(style, record, quote.quoted(), opts)
        if citation.attribution:
            leads.append(citation.attribution)
        else:
            lead = citation.quote
            if citation.in_text:
                lead = lead + " " + citation.in_text
            leads.append(lead)
        note = citation.note if first else (citation.short_note or citation.note)
        if note:
            notes.append(note)
        if citation.reference and path not in references:
            references[path] = citation.reference
    return CitedText(tuple(leads + notes + list(references.values())))


def mime_data(text: CitedText) -> QMimeData:
    """Both clipboard flavours in one object (pasting picks the richest it understands)."""
    data = QMimeData()
    data.setText(text.plain)
    data.setHtml(text.html)
    return data


def put_on_clipboard(text: CitedText) -> None:
    """Replace the clipboard's contents with `text` (text/html and text/plain)."""
    QGuiApplication.clipboard().setMimeData(mime_data(text))
