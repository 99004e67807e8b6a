"""Citation styles: metadata + a quote → citation strings, as plain text and HTML.

One neutral `CitationRecord`, one small formatter module per style (citations.md decisions
box); `cite()` runs a style and returns every part it has. No Qt, no network.
"""

from __future__ import annotations

from desktop.core.citations import ap, apa, chicago, harvard, ieee, mla
from desktop.core.citations.base import (
    ELISION,
    Citation,
    CitationStyle,
    CiteOptions,
    Quoted,
    words,
)
from desktop.core.citations.record import (
    FIELDS,
    MEDIA,
    CitationDetailsError,
    CitationRecord,
    Locator,
    PartialDate,
    Person,
    record_from_mapping,
    record_from_transcript,
)
from desktop.core.citations.styled import Run, Styled, join
from desktop.core.citations.typography import QuotationStyle, period_after_citation, quoted
from desktop.core.errors import VerbatimError

__all__ = [
    "ELISION",
    "FIELDS",
    "MEDIA",
    "STYLES",
    "Citation",
    "CitationDetailsError",
    "CitationRecord",
    "CitationStyle",
    "CiteOptions",
    "Locator",
    "PartialDate",
    "Person",
    "QuotationStyle",
    "Quoted",
    "Run",
    "Styled",
    "UnknownStyleError",
    "cite",
    "clipboard",
    "get_style",
    "missing_fields",
    "record_from_mapping",
    "record_from_transcript",
    "style_labels",
]

#: Style id -> formatter, in the order menus show them.
STYLES: dict[str, CitationStyle] = {
    style.id: style
    for style in (
        apa.STYLE,
        mla.STYLE,
        chicago.NOTES,
        chicago.AUTHOR_DATE,
        harvard.STYLE,
        ieee.STYLE,
        ap.STYLE,
    )
}

DEFAULT_STYLE = "apa"


class UnknownStyleError(VerbatimError):
    """A style id no formatter has."""

    def __init__(self, style: str) -> None:
        self.style = style
        super().__init__(f"unknown citation style {style!r} (known: {', '.join(STYLES)})")


def get_style(style_id: str) -> CitationStyle:
    try:
        return STYLES[style_id]
    except KeyError:
        raise UnknownStyleError(style_id) from None


def style_labels() -> list[tuple[str, str]]:
    """(id, human label) for menus."""
    return [(style.id, style.label) for style in STYLES.values()]


def missing_fields(style_id: str, record: CitationRecord) -> tuple[str, ...]:
    """The fields this style uses that the record lacks (the details editor highlights them)."""
    return record.missing(get_style(style_id).needs)


def cite(
    style_id: str,
    record: CitationRecord,
    quote: Quoted | None = None,
    options: CiteOptions | None = None,
) -> Citation:
    """Every part of the citation of `quote` (or of the source alone) in one style."""
    style = get_style(style_id)
    options = options or CiteOptions()
    if isinstance(style, ieee.IeeeStyle) and style.number != options.reference_number:
        style = ieee.IeeeStyle(options.reference_number)  # numbered styles carry their [n]
    locator = quote.locator if quote else None
    marks = options.marks or style.marks
    return Citation(
        style=style.id,
        quote=Styled.of(quoted(words(quote, style.ellipsis), marks)) if quote else Styled(),
        in_text=style.in_text(record, locator),
        note=style.note(record, locator, options),
        short_note=style.short_note(record, locator, options),
        reference=style.reference(record),
        attribution=style.attribution(record, quote, options) if quote else Styled(),
        missing=record.missing(style.needs),
    )


def clipboard(citations: list[Citation]) -> tuple[str, str]:
    """(text/plain, text/html) for "copy with citation": each quote with its citation (the
    in-text citation; a note for Chicago notes; AP's attribution sentence), then each
    reference once. Paragraphs are blank-line separated in plain text, `<p>` in HTML."""
    blocks: list[Styled] = []
    references: dict[str, Styled] = {}
    for citation in citations:
        if citation.style == "ap":
            blocks.append(citation.attribution)
        elif citation.note:
            blocks.append(citation.quote)
            blocks.append(citation.note)
        elif citation.in_text:
            # a closing full stop moves after the citation: `“No, not publicly” (Blinken).`
            words_part, stop = period_after_citation(citation.quote.plain)
            blocks.append(join([Styled.of(words_part), citation.in_text]) + stop)
        else:
            blocks.append(citation.quote)
        if citation.reference:
            references.setdefault(citation.reference.plain, citation.reference)
    blocks += references.values()
    plain = "\n\n".join(block.plain for block in blocks if block)
    html = "".join(f"<p>{block.html}</p>" for block in blocks if block)
    return plain, html
