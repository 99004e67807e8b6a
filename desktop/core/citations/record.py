"""The neutral citation record every style formats, and where its fields come from.

Fields follow the per-transcript citation details of issue 5 and the META.json keys of
`verbatim cite --meta`: title, interviewees (name + role), interviewer, byline, outlet,
published, recorded, place, url, medium, duration, accessed, language. Dates are ISO 8601,
as complete as known (`2021-12-02`, `2021-12`, `2021`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.core.citations.lexicon import is_common
from desktop.core.citations.people import (
    gives_the_briefing,
    is_press_event,
    is_title_word,
    resolve_people,
)
from desktop.core.errors import VerbatimError
from desktop.core.importers.metadata import looks_like_outlet
from desktop.core.lazy_regex import lazy
from desktop.core.model import Role, Transcript

#: The editable fields, in the order an editor shows them.
FIELDS: tuple[str, ...] = (
    "title",
    "interviewees",
    "interviewer",
    "byline",
    "outlet",
    "published",
    "recorded",
    "place",
    "url",
    "medium",
    "duration",
    "accessed",
    "language",
)

_DATE_FIELDS = ("published", "recorded", "accessed")
#: Words that open a place line without being part of the place's name.
_PLACE_LEAD = lazy(r"^(?:aboard|on board|onboard|at|in|from|en route(?: to)?)\s+", re.I)

#: Media the editor offers; video/audio switch styles to their broadcast forms.
MEDIA: tuple[str, ...] = ("print", "web", "video", "audio")


class CitationDetailsError(VerbatimError):
    """Citation details (a META.json, stored details) that cannot be used."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, slots=True)
class Person:
    """A named person. `name` is as written ("Antony Blinken" or "Blinken, Antony")."""

    name: str
    role: str | None = None
    #: Where the import found the name ("from the title"); None when a user typed it.
    source: str | None = field(default=None, compare=False)
    #: The transcript's labels for this person (`SECRETARY BLINKEN`), to match quotes.
    aliases: tuple[str, ...] = field(default=(), compare=False)

    @property
    def family(self) -> str:
        if "," in self.name:
            return self.name.split(",", 1)[0].strip()
        return self.name.split()[-1] if self.name.split() else ""

    @property
    def given(self) -> str:
        if "," in self.name:
            return self.name.split(",", 1)[1].strip()
        return " ".join(self.name.split()[:-1])

    @property
    def full(self) -> str:
        """Given names then family name: "Antony Blinken"."""
        return f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """ "Blinken, Antony" (MLA, Chicago)."""
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def initials(self) -> str:
        """ "A." for Antony, "J.-P." for Jean-Paul, "E. M." for two given names."""
        words = []
        for given in self.given.split():
            parts = [p[:1].upper() + "." for p in given.split("-") if p]
            words.append("-".join(parts))
        return " ".join(words)

    @property
    def family_initials(self) -> str:
        """ "Blinken, A." (APA, Harvard)."""
        return f"{self.family}, {self.initials}" if self.initials else self.family

    @property
    def initials_family(self) -> str:
        """ "A. Blinken" (IEEE, APA contributor)."""
        return f"{self.initials} {self.family}".strip()


_ISO = lazy(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> PartialDate | None:
        """`2021-12-02`, `2021-12`, `2021` (a datetime suffix is ignored); None when unknown."""
        if not value:
            return None
        match = _ISO.match(value.strip())
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None and not 1 <= day <= 31:
            day = None
        return cls(year, month, day if month else None)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True, slots=True)
class Locator:
    """Where in the source a quote is: a paragraph number or a time offset in seconds."""

    paragraph: int | None = None
    seconds: float | None = None

    @property
    def is_time(self) -> bool:
        return self.seconds is not None

    def timestamp(self, *, pad_minutes: bool = False) -> str:
        """`M:SS` / `H:MM:SS`; MLA pads minutes: `03:15`."""
        total = int(self.seconds or 0)
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        if hours:
            return f"{hours}:{minutes:02d}:{seconds:02d}"
        return f"{minutes:02d}:{seconds:02d}" if pad_minutes else f"{minutes}:{seconds:02d}"

    @property
    def text(self) -> str:
        """`para. 7` or `3:15` (APA-6)."""
        if self.is_time:
            return self.timestamp()
        return f"para. {self.paragraph}" if self.paragraph is not None else ""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class CitationRecord:
    """Everything a style may need about one interview; None/empty when unknown."""

    title: str | None = None
    interviewees: tuple[Person, ...] = ()
    interviewer: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: str | None = None
    recorded: str | None = None
    place: str | None = None
    url: str | None = None
    medium: str | None = None
    duration: str | None = None
    accessed: str | None = None
    language: str | None = None
    #: Record key for reference managers ("blinken2021euronews"); derived when empty.
    key: str = field(default="", compare=False)
    #: Where the import found the interviewer's name ("from the title"), None when typed.
    interviewer_source: str | None = field(default=None, compare=False)
    #: Everyone the transcript names (with their labels), for quotes of other speakers.
    people: tuple[Person, ...] = field(default=(), compare=False)
    #: Words the source's own running text capitalises mid-sentence (proper nouns that
    #: sentence case keeps: "White House", "Air Force One").
    names: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def interviewee(self) -> Person | None:
        return self.interviewees[0] if self.interviewees else None

    @property
    def interviewer_person(self) -> Person | None:
        return Person(self.interviewer) if self.interviewer else None

    @property
    def byline_person(self) -> Person | None:
        return Person(self.byline) if self.byline else None

    @property
    def published_date(self) -> PartialDate | None:
        return PartialDate.parse(self.published)

    @property
    def published_month_day(self) -> tuple[int, int] | None:
        """(month, day) of the publication date, also when the source gives no year
        (`--12-02`: Harvard still prints "2 December")."""
        date = self.published_date
        if date is not None:
            return (date.month, date.day) if date.month and date.day else None
        match = _MONTH_DAY.fullmatch((self.published or "").strip())
        return (int(match.group(1)), int(match.group(2))) if match else None

    @property
    def accessed_date(self) -> PartialDate | None:
        return PartialDate.parse(self.accessed)

    @property
    def recorded_date(self) -> PartialDate | None:
        return PartialDate.parse(self.recorded)

    @property
    def is_broadcast(self) -> bool:
        return (self.medium or "").lower() in ("video", "audio")

    @property
    def proper_nouns(self) -> frozenset[str]:
        """Words sentence case must keep capitalised: the names the record itself knows."""
        names = [p.name for p in (*self.interviewees, *self.people)]
        names += [n for n in (self.interviewer, self.byline) if n]
        known = {w.strip(",.") for n in names for w in n.split() if w[:1].isupper()}
        # an outlet's or a place's common words name nothing alone ("Press Briefing Room")
        # but the place as a whole is a name ("Aboard Air Force One" -> "Air Force One")
        for text in (self.outlet, self.place):
            known |= {
                w.strip(",.") for w in (text or "").split() if w[:1].isupper() and not is_common(w)
            }
            phrase = _PLACE_LEAD.sub("", text or "").strip(" ,.")
            if " " in phrase and phrase[:1].isupper():
                known.add(phrase)
        return frozenset(known) | self.names

    @property
    def citation_key(self) -> str:
        """A stable BibTeX/CSL id: family name + year + outlet word ("blinken2021euronews")."""
        if self.key:
            return self.key
        person = self.interviewee or self.interviewer_person
        who = re.sub(r"\W", "", person.family.lower()) if person else "interview"
        date = self.published_date
        outlet = re.sub(r"\W", "", (self.outlet or "").split()[0].lower()) if self.outlet else ""
        return f"{who}{date.year if date else 'nd'}{outlet}"

    def to_mapping(self) -> dict[str, Any]:
        """The META.json form (also how details are stored)."""
        data: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if name == "interviewees":
                data[name] = [{"name": p.name, "role": p.role} for p in value]
            else:
                data[name] = value
        return data

    def merged(self, overrides: Mapping[str, Any]) -> CitationRecord:
        """This record with the fields present (and not None) in `overrides` replaced."""
        return dataclasses.replace(self, **_fields_from_mapping(overrides, "details"))

    def missing(self, needed: tuple[str, ...]) -> tuple[str, ...]:
        """Which of the `needed` fields are empty (a date without its year counts as missing:
        no style can cite `--12-02` as a publication date)."""
        return tuple(
            name
            for name in needed
            if not getattr(self, name)
            or (name in _DATE_FIELDS and PartialDate.parse(getattr(self, name)) is None)
        )


def _fields_from_mapping(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise CitationDetailsError(where, "citation details must be a JSON object")
    fields: dict[str, Any] = {}
    for name in FIELDS:
        if name not in data or data[name] is None:
            continue
        value = data[name]
        if name == "interviewees":
            fields[name] = _people(value, where)
        elif isinstance(value, str):
            is_date = name in ("published", "recorded", "accessed") and value.strip()
            if (
                is_date
                and PartialDate.parse(value) is None
                and not _MONTH_DAY.fullmatch(value.strip())
            ):
                raise CitationDetailsError(where, f"{name} is not an ISO 8601 date: {value!r}")
            fields[name] = value.strip() or None
        else:
            raise CitationDetailsError(where, f"{name} must be text")
    return fields


def _people(value: Any, where: str) -> tuple[Person, ...]:
    if isinstance(value, str):
        return (Person(value),) if value.strip() else ()
    if not isinstance(value, list):
        raise CitationDetailsError(where, "interviewees must be a list of {name, role}")
    people: list[Person] = []
    for item in value:
        if isinstance(item, str):
            people.append(Person(item))
        elif isinstance(item, Mapping) and isinstance(item.get("name"), str):
            role = item.get("role")
            people.append(Person(item["name"], role if isinstance(role, str) and role else None))
        else:
            raise CitationDetailsError(where, "interviewees must be a list of {name, role}")
    return tuple(people)


def record_from_mapping(data: Mapping[str, Any], where: str = "details") -> CitationRecord:
    """A record from META.json-style data; unknown keys are ignored."""
    return CitationRecord(**_fields_from_mapping(data, where))


def record_from_transcript(transcript: Transcript) -> CitationRecord:
    """What the import already tells us, with people instead of labels (`people.py`):
    interviewees are the named speakers with role interviewee/guest (their affiliation, else
    the office their label or the title gives, as role), the interviewer the first named
    interviewer/host (none when the transcript names nobody: citations.md §1.6), the outlet
    the source's outlet or else the interviewer's affiliation ("Efi Koutsokosta, euronews"),
    written with a capital when the source writes it all in lower case (A7: "Euronews")."""
    meta = transcript.metadata
    resolved = resolve_people(transcript)
    people: list[Person] = []
    interviewees: list[Person] = []
    interviewer: Person | None = None
    host: Person | None = None
    for speaker in transcript.speakers:
        found = resolved[speaker.id]
        if found.name is None:
            continue
        affiliation = speaker.affiliation if not _is_outlet(speaker.affiliation) else None
        person = Person(
            found.name,
            affiliation or found.office,
            source=found.source,
            aliases=(speaker.name, *speaker.aliases),
        )
        people.append(person)
        if speaker.role in (Role.INTERVIEWEE, Role.GUEST) or gives_the_briefing(
            found.name, meta.title
        ):
            interviewees.append(person)
        elif speaker.role is Role.INTERVIEWER and interviewer is None:
            interviewer = person
        elif speaker.role is Role.HOST and host is None:
            host = person
    if interviewer is None and host is not None and not is_press_event(meta.title):
        interviewer = host  # a show's host interviews; a briefing's moderator does not
    askers = [s for s in transcript.speakers if s.role in (Role.INTERVIEWER, Role.HOST)]
    outlet = meta.outlet or next((s.affiliation for s in askers if _is_outlet(s.affiliation)), None)
    return CitationRecord(
        title=meta.title,
        interviewees=tuple(interviewees),
        interviewer=interviewer.name if interviewer else None,
        interviewer_source=interviewer.source if interviewer else None,
        outlet=outlet_name(outlet) if outlet else None,
        published=header_date(transcript),
        place=meta.place,
        url=meta.url,
        medium=None,  # a timed transcript may come from audio or video: not guessed
        language=meta.language,
        people=tuple(people),
        names=running_text_names(transcript),
    )


def _is_outlet(affiliation: str | None) -> bool:
    return bool(affiliation) and looks_like_outlet(affiliation or "")


def outlet_name(outlet: str) -> str:
    """An outlet the source writes all in lower case (a logo: "euronews") with capitals, the
    way its own running text and citations.md A7 write it ("Euronews"); others as written."""
    if outlet != outlet.lower() or not any(c.isalpha() for c in outlet):
        return outlet
    return " ".join(w[:1].upper() + w[1:] for w in outlet.split())


#: Signs of a U.S. source, where `1/10/2017` is January 10 (month first).
_US_SOURCE = lazy(
    r"White House|Press Secretary|Air Force One|State Department|Department of|U\.S\.|"
    r"United States|Pentagon|Congress|Senate|\b[ECMP][SD]T\b|\.gov\b|\b(?:D\.C\.|DC)\b",
)
_SLASHED = lazy(r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d{2})\b")


def header_date(transcript: Transcript) -> str | None:
    """The date the import read (ISO, or `--MM-DD` without a year), else a slashed date of
    the title or lede that only the month-first (U.S.) order explains or that a U.S. source
    writes (`1/10/2017` in a White House header is January 10)."""
    meta = transcript.metadata
    if meta.date:
        date = PartialDate.parse(meta.date)
        if date is not None:
            return date.iso()
        if _MONTH_DAY.fullmatch(meta.date):
            return meta.date
    header = " ".join(t for t in (meta.title, meta.lede, meta.place) if t)
    for match in _SLASHED.finditer(header):
        month, day, year = (int(match.group(g)) for g in ("m", "d", "y"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if day > 12 or _US_SOURCE.search(header):
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


_MONTH_DAY = lazy(r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
_CAPITALISED = lazy(r"(?<=[a-z,;’'\)] )[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_LOWER_WORD = lazy(r"\b[a-z][a-z]+(?:-[a-z]+)?\b")
#: Two to four capitalised words in mid-sentence, "of"/"the"/"for"/"and" allowed between
#: them: a name made of common words ("Air Force One", "Department of Defense").
_PHRASE = lazy(
    r"(?<=[a-z,;’'\)] )[A-Z][\w’'-]+(?: (?:(?:of|the|for|and|de) )?[A-Z][\w’'-]+){1,3}\b"
)
_NAMES_SCAN = 200_000


def running_text_names(transcript: Transcript) -> frozenset[str]:
    """Words the transcript's running text capitalises in mid-sentence and never writes in
    lower case: its proper nouns ("the White House", "Air Force One"), which sentence case
    must keep although a lexicon knows "white" and "house" as common words."""
    seen: set[str] = set()
    lower: set[str] = set()
    phrases: set[str] = set()
    budget = _NAMES_SCAN
    for turn in transcript.turns:
        text = turn.text[:budget]
        seen.update(_CAPITALISED.findall(text))
        lower.update(_LOWER_WORD.findall(text))
        phrases.update(_PHRASE.findall(text))
        budget -= len(text)
        if budget <= 0:
            break
    # a title before a name ("Secretary Blinken") is no name by itself
    singles = {w for w in seen if w.lower() not in lower and not is_title_word(w)}
    return frozenset(singles | phrases)
