"""The citation styles by id, and the runs that use them: `cite` (one quote), `cite_all` (a
run of quotes, with AP first references, Chicago short notes and IEEE numbers), `clipboard`.

What `desktop.core.citations` offers; import it from there.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence

from desktop.core.citations import ap, apa, chicago, harvard, ieee, mla
from desktop.core.citations.base import (
    ELISION,
    Citation,
    CitationStyle,
    CiteOptions,
    Quoted,
    speaker_of,
    surname,
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
    "cite_all",
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


def cite_all(
    style_id: str,
    quotes: Sequence[tuple[str, Quoted]],
    records: Mapping[str, CitationRecord],
    options: CiteOptions | None = None,
    *,
    number_notes: bool = True,
) -> list[Citation]:
    """The citations of a run of quotes, each given as (source key, quote), in order.

    Across the run (citations.md §5): AP names a person in full with their title the first
    time *that person* is quoted and by surname after (AP-2: per person, so a second speaker
    from the same interview still gets a first reference); Chicago's note is the full note the
    first time a source is cited and the short note after (CH-2), naming the short title
    instead of "interview" when two cited sources share the interviewee's surname (AMB-7);
    IEEE numbers sources in order of first use. Notes are numbered 1, 2, … unless the word
    processor numbers them (`number_notes=False`).
    """
    base = options or CiteOptions()
    sources: list[str] = []
    named: set[str] = set()
    shared = _shared_surnames([key for key, _ in quotes], records)
    out: list[Citation] = []
    for number, (key, quote) in enumerate(quotes, start=1):
        first_of_source = key not in sources
        if first_of_source:
            sources.append(key)
        record = records.get(key) or CitationRecord()
        person = speaker_of(record, quote)
        who = person.full.casefold() if person else f"\0{key}"  # unnamed: per source
        opts = dataclasses.replace(
            base,
            first_reference=who not in named and base.first_reference,
            note_number=number if number_notes else base.note_number,
            reference_number=sources.index(key) + 1,
            short_title=surname(record.interviewee).casefold() in shared,
        )
        named.add(who)
        citation = cite(style_id, record, quote, opts)
        if not first_of_source and citation.short_note:
            citation = dataclasses.replace(citation, note=citation.short_note)
        out.append(citation)
    return out


def _shared_surnames(keys: Sequence[str], records: Mapping[str, CitationRecord]) -> set[str]:
    """Interviewee surnames (casefolded) that more than one of the cited sources has."""
    names = Counter(
        surname((records.get(key) or CitationRecord()).interviewee).casefold()
        for key in dict.fromkeys(keys)
    )
    return {name for name, count in names.items() if name and count > 1}


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
