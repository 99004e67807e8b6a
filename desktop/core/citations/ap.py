"""AP-style attribution sentences (citations.md §2, golden §5.7).

`“A new aggression against Ukraine would be a mistake,” Secretary of State Antony Blinken said
in an interview with Euronews on Dec. 2, 2021.` — "said", name then verb unless a long title
follows (AP-1); title capitalised before the name, lower case after it (AP-2); comma and
period inside the marks (AP-3); `...` with spaces for omissions (AP-4); AP dates, the year
left out in the current year, "on" kept only between a proper name and the date (AP-6).
"""

from __future__ import annotations

import re

from desktop.core.citations import dates
from desktop.core.citations.base import (
    CiteOptions,
    NoNotes,
    Quoted,
    speaker_of,
    unnamed_speaker,
    words,
)
from desktop.core.citations.record import CitationRecord, Locator, PartialDate, Person
from desktop.core.citations.styled import Styled
from desktop.core.citations.typography import (
    QuotationStyle,
    _is_special,
    drop_final_period,
    lower_first,
    quoted,
    upper_first,
)

#: Titles longer than this many words go after the name ("said Antony Blinken, the …").
LONG_TITLE_WORDS = 4


def ap_date(date: PartialDate, today_year: int, marks: QuotationStyle) -> str:
    """`Dec. 2, 2021` / `Dec. 2` in the current year; British: `2 December 2021`."""
    if marks is QuotationStyle.UK:
        return dates.day_month_year(date)
    if date.month and date.day:
        text = f"{dates.AP_MONTHS[date.month - 1]} {date.day}"
        return text if date.year == today_year else f"{text}, {date.year}"
    if date.month:  # month and year: spelled out, no comma (AP)
        return f"{dates.MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


def lowercase_title(title: str) -> str:
    """A title after the name is lower case except acronyms: `the U.S. secretary of state`."""
    return " ".join(w if _is_special(w) else w.lower() for w in title.split())


#: What the title says the occasion was, and how an attribution names it.
_OCCASIONS = (
    (re.compile(r"\bgaggle\b", re.I), "at a press gaggle"),
    (
        re.compile(r"\b(?:press|news) conference\b|\bpress availability\b", re.I),
        "at a news conference",
    ),
    (re.compile(r"\bpress briefing\b|\bbriefing by\b", re.I), "at a press briefing"),
    (re.compile(r"\b(?:press|conference) call\b|\bteleconference\b", re.I), "on a press call"),
    (re.compile(r"\btown hall\b", re.I), "at a town hall"),
    (re.compile(r"^\W*remarks\b", re.I), "in remarks"),
)


def occasion(title: str | None) -> str:
    """`in an interview`, or what the title says the words were said at ("Press Gaggle by
    …" -> `at a press gaggle`): a briefing is no interview."""
    if title and not re.search(r"\binterview", title, re.I):
        for pattern, phrase in _OCCASIONS:
            if pattern.search(title):
                return phrase
    return "in an interview"


class ApStyle(NoNotes):
    id: str = "ap"
    label: str = "AP attribution"
    marks: QuotationStyle = QuotationStyle.US
    ellipsis: str = " ... "
    needs: tuple[str, ...] = ("interviewees", "outlet", "published")

    def reference(self, record: CitationRecord) -> Styled:
        return Styled()  # news copy attributes in the sentence; there is no reference list

    def in_text(self, record: CitationRecord, locator: Locator | None) -> Styled:
        return Styled()

    def _source_phrase(self, record: CitationRecord, options: CiteOptions) -> str:
        """` in an interview with Euronews on Dec. 2, 2021` (empty when not mentioned)."""
        if not options.mention_source:
            return ""
        marks = options.marks or self.marks
        date = record.published_date or record.recorded_date
        when = ap_date(date, options.today.year, marks) if date else ""
        event = occasion(record.title)
        if record.outlet:
            phrase = f" {event} with {record.outlet}"
            if when:
                phrase += f" {'in' if date and not date.day else 'on'} {when}"
            return phrase
        if when:
            # "on" reads as AP writes it after a named occasion ("at a press gaggle on
            # March 4"); "in an interview Dec. 2" keeps AP-6's plain form
            on = "on " if event != "in an interview" else ""
            return f" {event} {'in ' if date and not date.day else on}{when}"
        return f" {event}"

    def attribution(self, record: CitationRecord, quote: Quoted, options: CiteOptions) -> Styled:
        marks = options.marks or self.marks
        person = speaker_of(record, quote)
        source = self._source_phrase(record, options)
        text = words(quote, self.ellipsis)
        if options.integrated:
            name = _name(person, options, before=True, quote=quote)
            verb = f"told {record.outlet}" if record.outlet and options.mention_source else "said"
            integrated = drop_final_period(lower_first(text))  # the sentence's period, by `marks`
            return Styled.of(f"{name} {verb} that {quoted(integrated, marks, '.')}")
        opening = quoted(upper_first(text), marks, ",")
        role = person.role if person else None
        after = (
            role is not None
            and options.first_reference
            and (
                options.title_position == "after"
                or (options.title_position == "auto" and len(role.split()) > LONG_TITLE_WORDS)
            )
        )
        if after and person is not None and role is not None:
            article = "" if role.lower().startswith(("the ", "a ", "an ")) else "the "
            who = f"{person.full}, {article}{lowercase_title(role)},"
            return Styled.of(f"{opening} said {who}{source}.")
        name = _name(person, options, before=True, quote=quote)
        return Styled.of(f"{opening} {name} said{source}.")


def _name(
    person: Person | None, options: CiteOptions, *, before: bool, quote: Quoted | None = None
) -> str:
    """Full name with a title before it on first reference (AP-2), else the surname; a
    speaker the transcript names nobody for by role ("a reporter")."""
    if person is None:
        return unnamed_speaker(quote)
    if not options.first_reference:
        return person.family
    if person.role and before:
        return f"{person.role} {person.full}"
    return person.full


STYLE = ApStyle()
