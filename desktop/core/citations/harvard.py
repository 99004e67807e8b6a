"""Harvard, Cite Them Right 12th ed. (citations.md §1.4, golden §5.5).

`Blinken, A. (2021) ‘Title’. Interview with Antony Blinken. Interviewed by Efi Koutsokosta
for *Euronews*, 2 December. Available at: URL (Accessed: 15 January 2025).` British marks:
single outside, double inside, punctuation outside (HV-3). The redundant "Interview with"
follows CTR's template (AMB-5).
"""

from __future__ import annotations

from desktop.core.citations import dates
from desktop.core.citations.base import (
    CiteOptions,
    NoNotes,
    Quoted,
    speaker_surname,
    surname,
    words,
)
from desktop.core.citations.record import CitationRecord, Locator, PartialDate
from desktop.core.citations.styled import Styled, join
from desktop.core.citations.typography import (
    QuotationStyle,
    close_with,
    drop_final_period,
    lower_first,
    quoted,
    unshout,
)


class HarvardStyle(NoNotes):
    id: str = "harvard"
    label: str = "Harvard (Cite Them Right)"
    marks: QuotationStyle = QuotationStyle.UK
    ellipsis: str = " … "
    needs: tuple[str, ...] = (
        "interviewees",
        "title",
        "interviewer",
        "outlet",
        "published",
        "url",
        "accessed",
    )

    def _year(self, record: CitationRecord) -> str:
        date = record.published_date
        return str(date.year) if date else "no date"

    def reference(self, record: CitationRecord) -> Styled:
        person, who = record.interviewee, record.interviewer_person
        parts: list[Styled | str] = [person.family_initials if person else ""]
        parts.append(f"({self._year(record)})")
        if record.title:
            parts.append(quoted(unshout(record.title, record.proper_nouns), self.marks, "."))
            if person:
                parts.append(f"Interview with {person.full}.")
        month_day = record.published_month_day  # known even when the source gives no year
        when = dates.day_month(PartialDate(2000, *month_day)) if month_day else ""
        outlet = Styled.of(record.outlet, italic=True) if record.outlet else Styled()
        if who:
            lead = f"Interviewed by {who.full}"
            source = Styled.of(lead + " for ") + outlet if outlet else Styled.of(lead)
        else:
            source = outlet
        if when:
            source = source + f", {when}" if source else Styled.of(when)
        parts.append(source + "." if source else "")
        if record.url:
            accessed = record.accessed_date
            if accessed:
                parts.append(
                    f"Available at: {record.url} (Accessed: {dates.day_month_year(accessed)})."
                )
            else:
                parts.append(f"Available at: {record.url}.")
        return join(parts)

    def in_text(self, record: CitationRecord, locator: Locator | None) -> Styled:
        """`(Blinken, 2021)`; a time stamp as `(Blinken, 2021, 3:15)`."""
        items = [surname(record.interviewee) or record.title or "", self._year(record)]
        if locator is not None and locator.is_time:
            items.append(locator.timestamp())
        return Styled.of("(" + ", ".join(i for i in items if i) + ")")

    def attribution(self, record: CitationRecord, quote: Quoted, options: CiteOptions) -> Styled:
        """`Blinken (2021) said that ‘a new aggression against Ukraine would be a mistake’.`"""
        speaker = speaker_surname(record, quote)
        year = self._year(record)
        if quote.locator is not None and quote.locator.is_time:
            year += f", {quote.locator.timestamp()}"
        # worked into the sentence: the sentence's full stop, outside the marks (HV-3)
        text = drop_final_period(lower_first(words(quote, self.ellipsis)))
        return Styled.of(
            f"{speaker} ({year}) said that " + close_with(quoted(text, self.marks), ".", self.marks)
        )


STYLE = HarvardStyle()
