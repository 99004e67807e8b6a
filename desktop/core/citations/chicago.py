"""Chicago 17: notes-bibliography and author-date (citations.md §1.3, golden §5.3, §5.4).

Interviewee first, the title in quotation marks in headline style, `interview by …`, the
outlet in italics (AMB-9), `December 2, 2021`, the URL (CH-1, CH-6, CH-7). The short note
uses the word "interview" (CH-2). Only time stamps are given as locators: Chicago cites no
location for unnumbered web paragraphs.
"""

from __future__ import annotations

from desktop.core.citations import dates
from desktop.core.citations.base import (
    CiteOptions,
    NoNotes,
    Quoted,
    headline,
    speaker_surname,
    surname,
    words,
)
from desktop.core.citations.mla import _told
from desktop.core.citations.record import CitationRecord, Locator
from desktop.core.citations.styled import Styled, join
from desktop.core.citations.typography import (
    QuotationStyle,
    close_with,
    drop_final_period,
    end_sentence,
    lower_first,
    quoted,
)


def _outlet_and_date(record: CitationRecord, *, repeat_date: bool = True) -> Styled:
    """`*Euronews*, December 2, 2021` (the date left out when author-date already gave it)."""
    date = record.published_date
    text = dates.month_day_year(date) if date and repeat_date else ""
    if not record.outlet:
        return Styled.of(text)
    return Styled.of(record.outlet, italic=True) + (f", {text}" if text else "")


class ChicagoNotesStyle:
    id: str = "chicago-notes"
    label: str = "Chicago 17 (notes and bibliography)"
    marks: QuotationStyle = QuotationStyle.US
    ellipsis: str = " … "
    needs: tuple[str, ...] = ("interviewees", "title", "interviewer", "outlet", "published", "url")

    def note(self, record: CitationRecord, locator: Locator | None, options: CiteOptions) -> Styled:
        """`1. Antony Blinken, “Title,” interview by Efi Koutsokosta, *Euronews*, December 2,
        2021, URL.`"""
        person, who = record.interviewee, record.interviewer_person
        parts: list[Styled | str] = [person.full if person else ""]
        if record.title:
            parts.append(quoted(headline(record), self.marks))
        parts.append(f"interview by {who.full}" if who else "interview")
        date = record.published_date
        if record.outlet:
            parts.append(Styled.of(record.outlet, italic=True))
        if date:
            parts.append(dates.month_day_year(date))
        else:
            parts.append("n.d.")
            if record.accessed_date:
                parts.append(f"accessed {dates.month_day_year(record.accessed_date)}")
        if record.is_broadcast:
            parts.append((record.medium or "").lower())
            if record.duration:
                parts.append(record.duration)
        if locator is not None and locator.is_time:
            parts.append(f"at {locator.timestamp()}")
        if record.url:
            parts.append(record.url)
        body = _comma_join(parts)
        number = f"{options.note_number}. " if options.note_number is not None else ""
        # one full stop: a note that ends with `n.d.` or an abbreviation keeps its own
        return number + body + ("" if body.plain.endswith(".") else ".")

    def short_note(
        self, record: CitationRecord, locator: Locator | None, options: CiteOptions
    ) -> Styled:
        """`2. Blinken, interview.` (CH-2), `Blinken, interview, at 3:15.` with a time stamp.
        The short title instead of "interview" when asked (two sources by one interviewee:
        `Blinken, “Antony Blinken.”`, AMB-7) or when no interviewee is known (CMOS: a work
        without an author is shortened to its title): `“Antony Blinken.”`."""
        name = surname(record.interviewee)
        short = _short_title(record)
        parts = [name] if name else []
        if short and (options.short_title or not name):
            parts.append(quoted(short, self.marks))
        else:
            parts.append("interview" if name else "Interview")
        if locator is not None and locator.is_time:
            parts.append(f"at {locator.timestamp()}")
        text = parts[0]
        for part in parts[1:]:
            text = f"{close_with(text, ',')} {part}"  # commas inside closing marks (CH-7)
        text = close_with(text, ".")
        number = f"{options.note_number}. " if options.note_number is not None else ""
        return Styled.of(f"{number}{text}")

    def reference(self, record: CitationRecord) -> Styled:
        """`Blinken, Antony. “Title.” Interview by Efi Koutsokosta. *Euronews*, December 2,
        2021. URL.`"""
        return _bibliography(record, self.marks, author_date=False)

    def in_text(self, record: CitationRecord, locator: Locator | None) -> Styled:
        return Styled()  # notes-bibliography cites in notes

    def attribution(self, record: CitationRecord, quote: Quoted, options: CiteOptions) -> Styled:
        text = lower_first(words(quote, self.ellipsis))
        return Styled.of(_told(record, quote, text, self.marks, None))


class ChicagoAuthorDateStyle(NoNotes):
    id: str = "chicago-author-date"
    label: str = "Chicago 17 (author-date)"
    marks: QuotationStyle = QuotationStyle.US
    ellipsis: str = " … "
    needs: tuple[str, ...] = ("interviewees", "title", "interviewer", "outlet", "published", "url")

    def reference(self, record: CitationRecord) -> Styled:
        """`Blinken, Antony. 2021. “Title.” Interview by Efi Koutsokosta. *Euronews*,
        December 2, 2021. URL.`"""
        return _bibliography(record, self.marks, author_date=True)

    def in_text(self, record: CitationRecord, locator: Locator | None) -> Styled:
        """`(Blinken 2021)`, `(Blinken 2021, 3:15)` (CH-4)."""
        date = record.published_date
        name = surname(record.interviewee) or quoted(headline(record), self.marks)
        text = f"{name} {date.year if date else 'n.d.'}"
        if locator is not None and locator.is_time:
            text += f", {locator.timestamp()}"
        return Styled.of(f"({text})")

    def attribution(self, record: CitationRecord, quote: Quoted, options: CiteOptions) -> Styled:
        """`Blinken told Euronews that “…” (Blinken 2021).`"""
        text = drop_final_period(lower_first(words(quote, self.ellipsis)))
        speaker = speaker_surname(record, quote)
        verb = f"told {record.outlet}" if record.outlet else "said"
        return (
            Styled.of(f"{speaker} {verb} that {quoted(text, self.marks)} ")
            + self.in_text(record, quote.locator)
            + "."
        )


def _short_title(record: CitationRecord) -> str:
    """CMOS 14.32: the main title (before a colon) in headline style, at most four words."""
    title = headline(record).split(":")[0].strip()
    words_ = title.split()
    return " ".join(words_[:4]).rstrip(",;") if words_ else ""


def _bibliography(record: CitationRecord, marks: QuotationStyle, *, author_date: bool) -> Styled:
    person, who = record.interviewee, record.interviewer_person
    date = record.published_date
    parts: list[Styled | str] = [end_sentence(person.inverted) if person else ""]
    if author_date:
        parts.append(f"{date.year}." if date else "n.d.")
    if record.title:
        parts.append(quoted(headline(record), marks, "."))
    parts.append(f"Interview by {who.full}." if who else "Interview.")
    repeat = date is not None and (not author_date or date.month is not None)
    source = _outlet_and_date(record, repeat_date=repeat)
    if not author_date and date is None and record.outlet:
        source = source + ", n.d."
    elif not author_date and date is None:
        source = Styled.of("n.d.")
    if record.is_broadcast:
        extra = ", ".join(x for x in ((record.medium or "").lower(), record.duration or "") if x)
        source = source + (f", {extra}" if source else extra)
    if source:
        parts.append(source if source.plain.endswith(".") else source + ".")
    if date is None and record.accessed_date:
        parts.append(f"Accessed {dates.month_day_year(record.accessed_date)}.")
    if record.url:
        parts.append(f"{record.url}.")
    return join(parts)


def _comma_join(parts: list[Styled | str]) -> Styled:
    """Join note elements with commas, the comma inside closing quotation marks (CH-7)."""
    present = [Styled.of(p) if isinstance(p, str) else p for p in parts]
    present = [p for p in present if p]
    out = Styled()
    for index, part in enumerate(present):
        if index + 1 < len(present):
            if part.runs[-1].italic:
                part = part + ","
            else:
                last = part.runs[-1]
                part = Styled(part.runs[:-1]) + close_with(last.text, ",")
        out = out + (" " if index else "") + part
    return out


NOTES = ChicagoNotesStyle()
AUTHOR_DATE = ChicagoAuthorDateStyle()
