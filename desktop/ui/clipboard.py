"""Copy with citation: verified quotes and their citations as one text/html + text/plain pair.

The citation strings and their layout come from the core (`Workspace.copy` verifies the
quotes and cites them with the options a run of quotes needs: AP names a person in full the
first time, Chicago gives a source's full note once, IEEE numbers sources in order of use);
this module puts both flavours on the clipboard in one QMimeData, so a word processor gets
italics and a plain-text editor the same words without them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from desktop.core.citations import CitationRecord, CiteOptions
from desktop.core.quotes import Quote
from desktop.core.redaction import Redaction
from desktop.core.workspace import cited_texts


@dataclass(frozen=True, slots=True)
class CitedText:
    """What goes on the clipboard: the same paragraphs as plain text and as HTML (every
    transcript-derived character escaped by the core's `Styled.html`)."""

    plain: str
    html: str
    count: int = 0


def compose(
    style: str,
    quotes: Sequence[Quote],
    records: Mapping[str, CitationRecord],
    options: CiteOptions | None = None,
    redaction: Redaction | None = None,
) -> CitedText:
    """The clipboard texts for `quotes` (already verified against their sources): the core's
    `cited_texts`, which `Workspace.copy` uses after verifying (with the library's
    redaction list, taken out on the way out)."""
    plain, html = cited_texts(style, quotes, records, options, redaction=redaction)
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


def clear_clipboard() -> None:
    """Empty the clipboard: after a refused copy, a paste must not bring back an old copy the
    user takes for the quote they just asked for."""
    QGuiApplication.clipboard().clear()
