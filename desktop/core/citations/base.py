"""What a citation style is: a small object turning a `CitationRecord` into styled parts."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Protocol

from desktop.core.citations.record import CitationRecord, Locator, Person
from desktop.core.citations.styled import Styled
from desktop.core.citations.typography import QuotationStyle


@dataclass(frozen=True, slots=True)
class CiteOptions:
    """Choices that are not facts about the source."""

    #: "Today", for AP's rule that the current year is omitted; fixed in tests.
    today: _dt.date = field(default_factory=_dt.date.today)
    #: First reference names the person in full with their title (AP-2).
    first_reference: bool = True
    #: Mention the outlet and date in an attribution sentence ("... in an interview with ...").
    mention_source: bool = True
    #: The quote is worked into the sentence ("told Euronews that “a new ...”") (AP-3, APA-7).
    integrated: bool = False
    #: AP: title before the name ("Secretary of State Antony Blinken") or after it
    #: ("Antony Blinken, the U.S. secretary of state"); "auto" puts long titles after (AP-1).
    title_position: str = "auto"
    #: Quotation marks; None = the style's own (Harvard UK, every other style US).
    marks: QuotationStyle | None = None
    #: Number printed before a note ("1. "); None leaves numbering to the word processor.
    note_number: int | None = None
    #: The source's number in a numbered reference list (IEEE's `[n]`).
    reference_number: int = 1
    #: Chicago's short note names the work by its short title (`Blinken, “Antony Blinken.”`)
    #: instead of the word "interview": two cited sources share the interviewee (AMB-7).
    short_title: bool = False


@dataclass(frozen=True, slots=True)
class Quoted:
    """The quoted words as the style needs them: the source's text with each elision marked by
    one `ELISION` character (each style substitutes its own ellipsis, spaces included)."""

    text: str
    speaker: Person | None = None
    locator: Locator | None = None


#: Marks an elision inside `Quoted.text` (a private-use character: never in a transcript's
#: words, unlike "…", which a source may contain).
ELISION = "\ue000"


def words(quote: Quoted, ellipsis: str) -> str:
    """The quoted words with each elision shown as `ellipsis` (" … " or AP's " ... ")."""
    return quote.text.replace(ELISION, ellipsis)


@dataclass(frozen=True, slots=True)
class Citation:
    """Every part one style produces for one quote; empty `Styled` when the style has none."""

    style: str
    quote: Styled
    in_text: Styled
    note: Styled
    short_note: Styled
    reference: Styled
    attribution: Styled
    #: Record fields this style would use but are empty (shown by the details editor).
    missing: tuple[str, ...] = ()


class CitationStyle(Protocol):
    """One style. Formatters are stateless; one instance serves every record."""

    id: str
    label: str
    marks: QuotationStyle
    #: How an elision is shown inside a quote ("…" with spaces; AP: "...").
    ellipsis: str
    #: Record fields the style uses (missing ones are reported to the user).
    needs: tuple[str, ...]

    def reference(self, record: CitationRecord) -> Styled: ...

    def in_text(self, record: CitationRecord, locator: Locator | None) -> Styled: ...

    def note(
        self, record: CitationRecord, locator: Locator | None, options: CiteOptions
    ) -> Styled: ...

    def short_note(
        self, record: CitationRecord, locator: Locator | None, options: CiteOptions
    ) -> Styled: ...

    def attribution(
        self, record: CitationRecord, quote: Quoted, options: CiteOptions
    ) -> Styled: ...


def speaker_of(record: CitationRecord, quote: Quoted) -> Person | None:
    """Who said the words: the quote's speaker (with the role the record knows), else the
    record's first interviewee."""
    if quote.speaker is None:
        return record.interviewee
    for person in record.interviewees:
        if person.name == quote.speaker.name or person.family == quote.speaker.family:
            return person
    return quote.speaker


def surname(person: Person | None) -> str:
    return person.family if person else ""


def speaker_surname(record: CitationRecord, quote: Quoted) -> str:
    """The speaker as a sentence names them ("Blinken said …"), "The interviewee" when the
    record knows no name: one fallback for every style that opens with the speaker."""
    return surname(speaker_of(record, quote)) or "The interviewee"


class NoNotes:
    """For the styles that cite in the text or a reference list, never in notes: their
    `note` and `short_note` are empty (only Chicago notes-bibliography writes notes)."""

    def note(self, record: CitationRecord, locator: Locator | None, options: CiteOptions) -> Styled:
        return Styled()

    def short_note(
        self, record: CitationRecord, locator: Locator | None, options: CiteOptions
    ) -> Styled:
        return Styled()
