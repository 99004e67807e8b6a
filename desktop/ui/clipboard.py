"""Copy with citation: verified quotes and their citations as one text/html + text/plain pair.

The citation strings and their layout come from the core (`desktop.core.citations.cite` and
`clipboard`); this module computes each quote's citation with the options a run of quotes
needs (the first quote from a source is a first reference with the full note; later ones get
the short note; IEEE numbers sources [1], [2]… in order of use), and puts both flavours on the
clipboard in one QMimeData, so a word processor gets italics and a plain-text editor the same
words without them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from desktop.core.citations import Citation, CitationRecord, CiteOptions, cite
from desktop.core.citations import clipboard as clipboard_texts
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
    """Each quote's citation in `style`; `records` maps a quote's `source_path` to its details."""
    base = options or CiteOptions()
    sources: list[str] = []
    out: list[Citation] = []
    for number, quote in enumerate(quotes, start=1):
        path = quote.source_path
        first = path not in sources
        if first:
            sources.append(path)
        opts = dataclasses.replace(
            base,
            first_reference=first and base.first_reference,
            note_number=number,
            reference_number=sources.index(path) + 1,
        )
        citation = cite(style, records.get(path) or CitationRecord(), quote.quoted(), opts)
        if not first and citation.short_note:
            citation = dataclasses.replace(citation, note=citation.short_note)
        out.append(citation)
    return out


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
