"""What a citation style is: a small object turning a `CitationRecord` into styled parts."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Protocol

from desktop.core.citations.people import (
    label_names,
    proper_name,
    resolves_to_nobody,
    role_phrase,
    strip_titles,
)
from desktop.core.citations.record import CitationRecord, Locator, Person
from desktop.core.citations.styled import Styled
from desktop.core.citations.typography import (
    QuotationStyle,
    sentence_case,
    title_case,
    unshout,
    upper_first,
)


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
    """Who said the words, as a person: the quote's speaker label (`SECRETARY BLINKEN`)
    matched to the person the record names for it (by label, then by surname, case and
    titles ignored; an interviewee first, with the role the record knows), else the record's
    first interviewee. A role label nobody is named for (`Q`) gives None: never a label."""
    if quote.speaker is None:
        return record.interviewee
    label = quote.speaker.name
    keys = label_names([label])
    named = [p for p in record.people if keys & label_names((p.name, *p.aliases))]
    for person in record.interviewees:
        if keys & label_names((person.name, *person.aliases)) or any(
            person.full.casefold() == p.full.casefold() for p in named
        ):
            return person
    if named:
        return named[0]
    _, words = strip_titles(label)
    family = words[-1].casefold() if words else ""
    for person in (*record.interviewees, *record.people):
        if family and person.family.casefold() == family:
            return person
    if resolves_to_nobody(label):
        return None
    return Person(proper_name(" ".join(words)) if words else label)


def surname(person: Person | None) -> str:
    return person.family if person else ""


def unnamed_speaker(quote: Quoted | None) -> str:
    """How a sentence names a speaker the transcript does not name: "a reporter" for `Q`,
    "the moderator", else "the interviewee"."""
    return role_phrase(quote.speaker.name if quote and quote.speaker else None)


def speaker_surname(record: CitationRecord, quote: Quoted) -> str:
    """The speaker as a sentence names them ("Blinken said …"); for a speaker the record
    knows no name for, the role ("A reporter", "The interviewee"): one fallback for every
    style that opens with the speaker."""
    name = surname(speaker_of(record, quote))
    return name or upper_first(unnamed_speaker(quote))


class NoNotes:
    """For the styles that cite in the text or a reference list, never in notes: their
    `note` and `short_note` are empty (only Chicago notes-bibliography writes notes)."""

    def note(self, record: CitationRecord, locator: Locator | None, options: CiteOptions) -> Styled:
        return Styled()

    def short_note(
        self, record: CitationRecord, locator: Locator | None, options: CiteOptions
    ) -> Styled:
        return Styled()


def _english(record: CitationRecord) -> bool:
    """Headline and sentence case are English rules (CMOS 8.159, APA 6.17): a title in
    another language keeps its own capitals (`La Nuit des Idées`)."""
    return not record.language or record.language.lower().split("-")[0] == "en"


def headline(record: CitationRecord) -> str:
    """The title in headline style (MLA, Chicago), as written when it is not English."""
    title = record.title or ""
    if not _english(record):
        return unshout(title, record.proper_nouns)
    return title_case(title, record.proper_nouns)


def sentence(record: CitationRecord) -> str:
    """The title in sentence style (APA, IEEE), as written when it is not English."""
    title = record.title or ""
    if not _english(record):
        return unshout(title, record.proper_nouns)
    return sentence_case(title, record.proper_nouns)
