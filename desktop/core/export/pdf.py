"""PDF export with fpdf2, in a Unicode TrueType font so curly quotes, accents and `…` print.

fpdf2 ships no Unicode font and its core fonts are Latin-1 only, so a system TTF is embedded:
DejaVu Sans (most Linux systems), else Arial/Segoe UI (Windows) or Arial (macOS). Without any,
the export refuses with `PdfFontMissingError` rather than print wrong characters.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.core.citations import Styled
from desktop.core.errors import VerbatimError
from desktop.core.export.base import ExportDocument


class PdfFontMissingError(VerbatimError):
    """No Unicode TrueType font was found to embed."""

    def __init__(self, searched: list[str]) -> None:
        self.searched = searched
        super().__init__("no Unicode TrueType font found for the PDF (looked for "
                         + ", ".join(searched) + ")")  # fmt: skip


_DEJAVU_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu
    "/usr/share/fonts/TTF",  # Arch
    "/usr/share/fonts/dejavu-sans-fonts",  # Fedora
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
)


def _candidates() -> list[tuple[Path, Path | None]]:
    """(regular, italic) font files to try, for this platform first."""
    pairs: list[tuple[str, str | None]] = []
    override = os.environ.get("VERBATIM_PDF_FONT")
    if override:
        pairs.append((override, None))
    for folder in _DEJAVU_DIRS:
        pairs.append((f"{folder}/DejaVuSans.ttf", f"{folder}/DejaVuSans-Oblique.ttf"))
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        pairs.append((rf"{windir}\Fonts\arial.ttf", rf"{windir}\Fonts\ariali.ttf"))
        pairs.append((rf"{windir}\Fonts\segoeui.ttf", rf"{windir}\Fonts\segoeuii.ttf"))
    pairs.append(("/System/Library/Fonts/Supplemental/Arial.ttf",
                  "/System/Library/Fonts/Supplemental/Arial Italic.ttf"))  # fmt: skip
    pairs.append(("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Italic.ttf"))
    pairs.append(("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                  "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf"))  # fmt: skip
    return [(Path(a), Path(b) if b else None) for a, b in pairs]


def find_font() -> tuple[Path, Path | None]:
    """The first available (regular, italic-or-None) TTF pair."""
    for regular, italic in _candidates():
        if regular.is_file():
            return regular, italic if italic is not None and italic.is_file() else None
    raise PdfFontMissingError([str(regular) for regular, _ in _candidates()])


class PdfExporter:
    format = "pdf"
    label = "PDF"
    extension = ".pdf"
    kind = "quotes"

    def render(self, document: ExportDocument) -> bytes:
        from fpdf import FPDF  # imported when used: fpdf2 costs ~0.7 s at startup

        class _Pdf(FPDF):
            def footer(self) -> None:
                self.set_y(-12)
                self.set_font("body", size=8)
                self.cell(0, 8, str(self.page_no()), align="C")

        regular, italic = find_font()
        pdf = _Pdf(format="A4")
        pdf.set_title("Quotes")
        pdf.set_creator(f"{document.app} {document.version}")
        pdf.add_font("body", "", str(regular))
        pdf.add_font("body", "I", str(italic or regular))
        pdf.set_auto_page_break(True, margin=18)
        pdf.add_page()

        def para(text: str, size: float = 11, style: str = "", gap: float = 2) -> None:
            pdf.set_font("body", style, size)
            pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(gap)

        def styled(value: Styled, size: float = 10) -> None:
            for run in value.runs:
                pdf.set_font("body", "I" if run.italic else "", size)
                pdf.write(size * 0.5, run.text)
            pdf.ln(size * 0.5 + 3)

        para("Quotes", 18, gap=4)
        for entry in document.entries:
            para(f"{entry.number}. {entry.words}", 12, gap=1)
            where = ", ".join(p for p in (entry.speaker, entry.locator, entry.source.name) if p)
            para(where, 9)
            if entry.cite_line:
                styled(entry.cite_line)
            if entry.item.note:
                para(f"Note: {entry.item.note}", 10)
            if entry.item.tags:
                para(f"Tags: {', '.join(entry.item.tags)}", 10)
            pdf.ln(2)
        if document.references:
            para("References", 14, gap=3)
            for ref in document.references:
                styled(ref)
        para("Provenance", 14, gap=3)
        for line in document.provenance_lines():
            para(line, 8, gap=1)
        return bytes(pdf.output())
