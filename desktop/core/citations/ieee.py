"""IEEE (citations.md §1.5, golden §5.6): no interview template, so the news article is cited.

`[1] E. Koutsokosta, “Title,” *Euronews*, Dec. 2, 2021. Accessed: Jan. 15, 2025. [Online].
Available: URL` — byline as initials + surname, sentence-case title, comma inside the closing
marks (IE-2, IE-3, IE-4).
"""

from __future__ import annotations

from desktop.core.citations import dates
from desktop.core.citations.ap import occasion
from desktop.core.citations.base import (
    CiteOptions,
    NoNotes,
    Quoted,
    sentence,
    speaker_surname,
    words,
)
from desktop.core.citations.record import CitationRecord, Locator
from desktop.core.citations.styled import Styled, join
from desktop.core.citations.typography import QuotationStyle, lower_first, quoted


class IeeeStyle(NoNotes):
    id: str = "ieee"
    label: str = "IEEE"
    marks: QuotationStyle = QuotationStyle.US
    ellipsis: str = " … "
    needs: tuple[str, ...] = ("byline", "title", "outlet", "published", "url", "accessed")

    def __init__(self, number: int = 1) -> None:
        #: The source's number in the reference list: `[1]`, `[2]`…
        self.number = number

    def reference(self, record: CitationRecord) -> Styled:
        byline = record.byline_person
        items: list[Styled | str] = []
        if byline:
            items.append(byline.initials_family + ",")
        if record.title:
            items.append(quoted(sentence(record), self.marks, ","))
        date = record.published_date
        date_text = dates.month_day_year(date, dates.IEEE_MONTHS) if date else ""
        if record.outlet:
            items.append(
                Styled.of(record.outlet, italic=True) + (f", {date_text}." if date_text else ".")
            )
        elif date_text:
            items.append(date_text + ".")
        if record.url:
            if record.accessed_date:
                items.append(
                    f"Accessed: {dates.month_day_year(record.accessed_date, dates.IEEE_MONTHS)}."
                )
            items.append(f"[Online]. Available: {record.url}")
        body = join(items)
        if body.plain.endswith(","):  # the title was the last element
            body = Styled(body.runs[:-1]) + body.runs[-1].text[:-1] + "."
        return f"[{self.number}] " + body

    def in_text(self, record: CitationRecord, locator: Locator | None) -> Styled:
        """`[1]`, `[1, 3:15]`, `[1, para. 7]` (IE-3)."""
        if locator is not None and locator.text:
            return Styled.of(f"[{self.number}, {locator.text}]")
        return Styled.of(f"[{self.number}]")

    def attribution(self, record: CitationRecord, quote: Quoted, options: CiteOptions) -> Styled:
        """`Blinken said in an interview [1] that “…”` (§5.6)."""
        speaker = speaker_surname(record, quote)
        text = quoted(lower_first(words(quote, self.ellipsis)), self.marks, ".")
        return (
            Styled.of(f"{speaker} said {occasion(record.title)} ")
            + self.in_text(record, quote.locator)
            + f" that {text}"
        )


STYLE = IeeeStyle()
