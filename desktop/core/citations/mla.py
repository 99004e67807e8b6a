"""MLA 9 (citations.md §1.2, golden strings §5.2).

Interviewee as author, the title in quotation marks in title case, `Interview by …`, the
container in italics, `2 Dec. 2021`, the URL without its scheme (MLA-1, MLA-3, AMB-4).
In-text `(Blinken)`; only time stamps are cited as locators (`(Blinken 03:15)`, MLA-2),
because MLA cites no location for unnumbered web paragraphs.
"""

from __future__ import annotations

import re

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
from desktop.core.citations.record import CitationRecord, Locator
from desktop.core.citations.styled import Styled, join
from desktop.core.citations.typography import (
    QuotationStyle,
    drop_final_period,
    end_sentence,
    lower_first,
    quoted,
)


def bare_url(url: str) -> str:
    """MLA 9 common practice: the URL without `https://` (AMB-4)."""
    return re.sub(r"^https?://", "", url)


class MlaStyle(NoNotes):
    id: str = "mla"
    label: str = "MLA 9"
    marks: QuotationStyle = QuotationStyle.US
    ellipsis: str = " … "
    needs: tuple[str, ...] = ("interviewees", "title", "interviewer", "outlet", "published", "url")

    def reference(self, record: CitationRecord) -> Styled:
        person = record.interviewee
        author = end_sentence(person.inverted) if person else ""
        title = quoted(headline(record), self.marks, ".") if record.title else ""
        who = record.interviewer_person
        by = f"Interview by {who.full}." if who else "Interview."
        date = record.published_date
        tail = [dates.day_month_year(date, dates.MLA_MONTHS) if date else ""]
        tail.append(bare_url(record.url) if record.url else "")
        tail_text = ", ".join(t for t in tail if t)
        container: Styled
        if record.outlet:
            container = Styled.of(record.outlet, italic=True) + (
                f", {tail_text}." if tail_text else "."
            )
        else:
            container = Styled.of(f"{tail_text}." if tail_text else "")
        accessed = ""
        if date is None and record.accessed_date:
            accessed = f"Accessed {dates.day_month_year(record.accessed_date, dates.MLA_MONTHS)}."
        return join([author, title, by, container, accessed])

    def in_text(self, record: CitationRecord, locator: Locator | None) -> Styled:
        name = surname(record.interviewee) or _short_title(record)
        if locator is not None and locator.is_time:
            return Styled.of(f"({name} {locator.timestamp(pad_minutes=True)})".replace("( ", "("))
        return Styled.of(f"({name})")

    def attribution(self, record: CitationRecord, quote: Quoted, options: CiteOptions) -> Styled:
        """`Blinken told Euronews that “a new … mistake.”` (the name in the sentence makes the
        parenthetical unnecessary, MLA-2); a time stamp is still given."""
        text = lower_first(words(quote, self.ellipsis))
        return Styled.of(_told(record, quote, text, self.marks, quote.locator))


def _told(
    record: CitationRecord,
    quote: Quoted,
    text: str,
    marks: QuotationStyle,
    locator: Locator | None,
    *,
    who: str | None = None,
) -> str:
    """`Blinken told Euronews that “…”` with the period placed by the quotation style."""
    speaker = who or speaker_surname(record, quote)
    verb = f"told {record.outlet}" if record.outlet else "said"
    text = drop_final_period(text)  # the sentence's own period is placed below
    if locator is not None and locator.is_time:
        stamp = locator.timestamp(pad_minutes=True)
        return f"{speaker} {verb} that {quoted(text, marks)} ({stamp})."
    return f"{speaker} {verb} that {quoted(text, marks, '.')}"


def _short_title(record: CitationRecord) -> str:
    title = headline(record)
    return quoted(" ".join(title.split()[:3]), QuotationStyle.US) if title else ""


STYLE = MlaStyle()
