"""CSV export: one row per quote; formula-looking cells neutralised for spreadsheets."""

from __future__ import annotations

import csv
import io

from desktop.core.export.base import ExportDocument

COLUMNS = (
    "number", "quote", "speaker", "locator", "source", "sha256", "note", "tags",
    "citation", "reference", "exported_by", "exported_at",
)  # fmt: skip

#: What makes a spreadsheet read a cell as a formula (OWASP's list: tab and CR too, since
#: some programs skip leading white space before looking for `=`).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


class CsvExporter:
    format = "csv"
    label = "CSV (spreadsheet)"
    extension = ".csv"
    kind = "quotes"

    def render(self, document: ExportDocument) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for e in document.entries:
            row = [
                str(e.number), e.words, e.speaker, e.locator, e.source.name, e.source.sha256,
                e.item.note, "; ".join(e.item.tags), e.cite_line.plain, e.citation.reference.plain,
                f"{document.app} {document.version}", document.exported_at,
            ]  # fmt: skip
            writer.writerow([neutralise(cell) for cell in row])
        # The BOM makes spreadsheet programs read the file as UTF-8 (curly quotes, accents).
        return buffer.getvalue().encode("utf-8-sig")
