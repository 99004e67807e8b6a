"""Copy with citation: verified quotes and their citations as one text/html + text/plain pair.

The citation strings and their layout come from the core (`desktop.core.citations.cite` and
`clipboard`); this module computes each quote's citation with the options a run of quotes
needs (AP names a person in full the first time they are quoted, by surname after; Chicago
gives a source's full note once, then short notes; IEEE numbers sources [1], [2]… in order
of use), and puts both flavours on the clipboard in one QMimeData, so a word processor gets
italics and a plain-text editor the same words without them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from desktop.core.citations import Citation, CitationRecord, CiteOptions, cite_all
from desktop.core.citations import clipboard as clipboard_texts
from desktop.core.quotes import Quote
from desktop.core.redaction import Redaction, redact_citations, redact_records


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
    The run's rules (AP first references per person, Chicago short notes, IEEE numbers) are
    the core's `cite_all`, shared with exports."""
    return cite_all(style, [(q.source_path, q.quoted()) for q in quotes], records, options)


def compose(
    style: str,
    quotes: Sequence[Quote],
    records: Mapping[str, CitationRecord],
    options: CiteOptions | None = None,
    redaction: Redaction | None = None,
) -> CitedText:
    """The clipboard texts for `quotes` (already verified against their sources), with the
    library's redaction applied on the way out (details before citing, every part after)."""
    if not redaction:
        plain, html = clipboard_texts(citations(style, quotes, records, options))
        return CitedText(plain, html, len(quotes))
    cited = citations(style, quotes, redact_records(records, redaction), options)
    plain, html = clipboard_texts(redact_citations(cited, redaction))
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
