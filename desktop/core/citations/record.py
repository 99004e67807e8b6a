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

from desktop.core.errors import VerbatimError
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


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


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
        names = [p.name for p in self.interviewees]
        names += [n for n in (self.interviewer, self.byline, self.outlet, self.place) if n]
        return frozenset(w.strip(",.") for n in names for w in n.split() if w[:1].isupper())

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
        """Which of the `needed` fields are empty."""
        return tuple(name for name in needed if not getattr(self, name))


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
            if is_date and PartialDate.parse(value) is None:
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
    """What the import already tells us: interviewees are speakers with role interviewee/guest
    (their affiliation as role), the interviewer the first interviewer/host, the outlet the
    source's outlet or else the interviewer's affiliation ("Efi Koutsokosta, euronews")."""
    meta = transcript.metadata
    interviewees = tuple(
        Person(s.name, s.affiliation)
        for s in transcript.speakers
        if s.role in (Role.INTERVIEWEE, Role.GUEST)
    )
    askers = [s for s in transcript.speakers if s.role in (Role.INTERVIEWER, Role.HOST)]
    interviewer = askers[0] if askers else None
    outlet = meta.outlet or (interviewer.affiliation if interviewer else None)
    date = PartialDate.parse(meta.date)
    return CitationRecord(
        title=meta.title,
        interviewees=interviewees,
        interviewer=interviewer.name if interviewer else None,
        outlet=outlet,
        published=date.iso() if date else None,
        place=meta.place,
        url=meta.url,
        medium=None,  # a timed transcript may come from audio or video: not guessed
        language=meta.language,
    )
