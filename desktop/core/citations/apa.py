"""APA 7 (citations.md §1.1, golden strings §5.1).

A published interview is cited as what it was published as, with the byline author (APA-1,
APA-4): `Koutsokosta, E. (2021, December 2). *Title.* Euronews. URL`. Without a byline the
outlet is a group author (A5). Video/audio: uploader as author, `[Video]` (APA-5). Without a
title, or with neither byline nor outlet, the interviewee is the author with an `[Interview]`
description (APA-2, APA-8).
"""

from __future__ import annotations

from desktop.core.citations import dates
from desktop.core.citations.base import (
    CiteOptions,
    NoNotes,
    Quoted,
    sentence,
    speaker_surname,
    words,
)
from desktop.core.citations.record import CitationRecord, Locator, Person
from desktop.core.citations.styled import Styled, join
from desktop.core.citations.typography import (
    QuotationStyle,
    drop_final_period,
    end_sentence,
    lower_first,
    quoted,
    upper_first,
)


class ApaStyle(NoNotes):
    id: str = "apa"
    label: str = "APA 7"
    marks: QuotationStyle = QuotationStyle.US
    ellipsis: str = " … "
    needs: tuple[str, ...] = ("title", "byline", "outlet", "published", "url")

    def _form(self, record: CitationRecord) -> str:
        """ "broadcast", "published" (APA-1) or "interview" (APA-2)."""
        if record.is_broadcast and (record.outlet or record.byline):
            return "broadcast"
        if record.title and (record.byline or record.outlet):
            return "published"
        return "interview"

    def _author(self, record: CitationRecord) -> tuple[str, str]:
        """(reference author, in-text author): the first of the form's candidates that the
        record has. The outlet stands as a group author (A5, APA-5)."""
        byline = record.byline_person
        interviewee = record.interviewee
        candidates = {
            "broadcast": ("outlet", byline, interviewee),
            "published": (byline, "outlet", interviewee),
            "interview": (interviewee, byline, "outlet"),
        }[self._form(record)]
        for candidate in candidates:
            if candidate == "outlet":
                if record.outlet:
                    return record.outlet, record.outlet
            elif isinstance(candidate, Person):
                return candidate.family_initials, candidate.family
        return "", ""

    def _title(self, record: CitationRecord) -> str:
        return sentence(record)

    def reference(self, record: CitationRecord) -> Styled:
        form = self._form(record)
        author, _ = self._author(record)
        date = f"({dates.apa(record.published_date)})."
        title = self._title(record)
        if form == "broadcast":
            kind = "[Video]" if (record.medium or "").lower() == "video" else "[Audio]"
            work = Styled.of(title, italic=True) + f" {kind}." if title else Styled.of(f"{kind}.")
        elif form == "published":
            work = Styled.of(end_sentence(title), italic=True)
        else:
            who = record.interviewer_person
            description = f"[Interview by {who.initials_family}]" if who else "[Interview]"
            if title:
                work = Styled.of(title, italic=True) + f" {description}."
            else:
                work = Styled.of(f"{description}.")
        site = record.outlet if record.outlet and record.outlet != author else ""
        if not author:  # APA-8: no author, the title moves to the author position
            return join([work, date, end_sentence(site) if site else "", record.url or ""])
        # an entry opens with a capital even when the outlet writes itself "euronews" (AP-7)
        opening = end_sentence(upper_first(author))
        return join([opening, date, work, end_sentence(site) if site else "", record.url or ""])

    def in_text(self, record: CitationRecord, locator: Locator | None) -> Styled:
        _, author = self._author(record)
        date = record.published_date
        parts = [author or _short_title(record), str(date.year) if date else "n.d."]
        if locator is not None and locator.text:
            parts.append(locator.text)
        return Styled.of("(" + ", ".join(p for p in parts if p) + ")")

    def attribution(self, record: CitationRecord, quote: Quoted, options: CiteOptions) -> Styled:
        """Narrative form that names the speaker (APA-1): `In an interview with Euronews,
        Blinken said that “a new …” (Koutsokosta, 2021, para. N).`"""
        who = speaker_surname(record, quote)
        # the citation, then the sentence's period, follow the words (APA-7: end punctuation)
        text = quoted(drop_final_period(lower_first(words(quote, self.ellipsis))), self.marks)
        lead = f"In an interview with {record.outlet}, {who}" if record.outlet else who
        citation = self.in_text(record, quote.locator)
        return Styled.of(f"{lead} said that {text} ") + citation + "."


def _short_title(record: CitationRecord) -> str:
    return " ".join((record.title or "").split()[:4])


STYLE = ApaStyle()
