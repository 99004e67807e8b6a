"""Exporters: quotes to md, txt, html, docx, csv, json, pdf; references to csl-json, ris, bibtex.

`export(request, format, path)` verifies every quote against its source (nothing is written if
one does not match: `QuotesNotVerifiedError`), renders the format and writes the file
atomically. Adding a format means adding a module with an exporter and listing it here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from desktop.core.errors import VerbatimError
from desktop.core.export.base import (
    Entry,
    ExportDocument,
    Exporter,
    ExportItem,
    ExportRequest,
    ExportWriteError,
    prepare,
    write_atomically,
)
from desktop.core.export.bibtex import BibtexExporter
from desktop.core.export.csl import CslJsonExporter
from desktop.core.export.html import HtmlExporter
from desktop.core.export.json_export import JsonExporter
from desktop.core.export.pdf import PdfExporter, PdfFontMissingError
from desktop.core.export.plaintext import MarkdownExporter, TextExporter
from desktop.core.export.ris import RisExporter
from desktop.core.export.spreadsheet import CsvExporter
from desktop.core.export.word import DocxExporter
from desktop.core.quote_store import BoardQuote

__all__ = [
    "EXPORTERS",
    "Entry",
    "ExportDocument",
    "ExportItem",
    "ExportRequest",
    "ExportWriteError",
    "Exporter",
    "PdfFontMissingError",
    "UnknownFormatError",
    "export",
    "format_labels",
    "get_exporter",
    "items_from_board",
    "prepare",
    "render",
]

#: Format id -> exporter, in the order menus show them.
EXPORTERS: dict[str, Exporter] = {
    exporter.format: exporter
    for exporter in (
        MarkdownExporter(),
        TextExporter(),
        HtmlExporter(),
        DocxExporter(),
        CsvExporter(),
        JsonExporter(),
        PdfExporter(),
        CslJsonExporter(),
        RisExporter(),
        BibtexExporter(),
    )
}


class UnknownFormatError(VerbatimError):
    def __init__(self, format_id: str) -> None:
        self.format = format_id
        super().__init__(f"unknown export format {format_id!r} (known: {', '.join(EXPORTERS)})")


def get_exporter(format_id: str) -> Exporter:
    try:
        return EXPORTERS[format_id]
    except KeyError:
        raise UnknownFormatError(format_id) from None


def format_labels() -> list[tuple[str, str, str]]:
    """(id, label, extension) for save dialogs."""
    return [(e.format, e.label, e.extension) for e in EXPORTERS.values()]


def render(request: ExportRequest, format_id: str) -> bytes:
    """The exported bytes (after verification), without writing a file."""
    exporter = get_exporter(format_id)
    return exporter.render(prepare(request))


def export(request: ExportRequest, format_id: str, path: str | Path) -> Path:
    """Verify, render and write atomically; returns the path written."""
    return write_atomically(path, render(request, format_id))


def items_from_board(quotes: Iterable[BoardQuote]) -> list[ExportItem]:
    """Export items for board quotes (the selected ones, or all), with their notes and tags."""
    return [ExportItem(item.quote, note=item.note, tags=item.tags) for item in quotes]
