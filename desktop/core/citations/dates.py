"""Dates as each style writes them (APA-4, MLA-3, CH-1, HV-1, IE-4, AP-6)."""

from __future__ import annotations

import re

from desktop.core.citations.record import PartialDate
from desktop.core.importers.metadata import parse_date

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
#: MLA 9 abbreviations (MLA-3).
MLA_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
#: IEEE Reference Guide abbreviations (IE-4).
IEEE_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.",
    "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
#: AP: abbreviate Jan., Feb., Aug., Sept., Oct., Nov., Dec. with a day; March-July never (AP-6).
AP_MONTHS = (
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip


def apa(date: PartialDate | None) -> str:
    """`2021, December 2` / `2021, December` / `2021` / `n.d.`"""
    if date is None:
        return "n.d."
    if date.month is None:
        return str(date.year)
    day = f" {date.day}" if date.day else ""
    return f"{date.year}, {MONTHS[date.month - 1]}{day}"


def day_month_year(date: PartialDate, months: tuple[str, ...] = MONTHS) -> str:
    """`2 Dec. 2021` (MLA) / `15 January 2025` (Harvard, UK)."""
    parts = [str(date.day)] if date.day and date.month else []
    if date.month:
        parts.append(months[date.month - 1])
    parts.append(str(date.year))
    return " ".join(parts)


def month_day_year(date: PartialDate, months: tuple[str, ...] = MONTHS) -> str:
    """`December 2, 2021` (Chicago) / `Dec. 2, 2021` (IEEE, AP)."""
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{months[date.month - 1]} {date.year}"
    return f"{months[date.month - 1]} {date.day}, {date.year}"


def day_month(date: PartialDate) -> str:
    """`2 December` (Harvard's "Interviewed by … for Outlet, 2 December"); "" without a day."""
    if date.month is None or date.day is None:
        return ""
    return f"{date.day} {MONTHS[date.month - 1]}"


_ISO_TEXT = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?")
_NO_YEAR = re.compile(r"--(\d{2})-(\d{2})")
_SLASHED = re.compile(r"([01]?\d)/([0-3]?\d)/((?:19|20)\d{2})")


def to_iso(text: str, *, month_first: bool = True) -> str | None:
    """A date as typed (`2 Dec 2021`, `December 2, 2021`, `Dec 2021`, `2021-12-02`, `2021`,
    `2 December`) as ISO 8601, as complete as given (`2021-12-02`, `2021-12`, `2021`; a date
    without a year as `--12-02`); None when it is no date. `12/2/2021` is read month first
    unless `month_first` is False (a day over 12 decides either way)."""
    value = " ".join(text.split()).strip(" .")
    if not value:
        return None
    if _ISO_TEXT.fullmatch(value):
        date = PartialDate.parse(value)
        return date.iso() if date else None
    if _NO_YEAR.fullmatch(value):
        month, day = (int(g) for g in _NO_YEAR.fullmatch(value).groups())  # type: ignore[union-attr]
        return value if 1 <= month <= 12 and 1 <= day <= 31 else None
    slashed = _SLASHED.fullmatch(value)
    if slashed:
        a, b, year = (int(g) for g in slashed.groups())
        month, day = (a, b) if (month_first and a <= 12) or b > 12 else (b, a)
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return None
    found = parse_date(value)
    if found is None or len(value) > 40:
        return None
    return found


def natural(iso: str | None) -> str:
    """How the details editor shows a stored date: ISO as it is, a date without a year as
    "2 December"."""
    if not iso:
        return ""
    match = _NO_YEAR.fullmatch(iso)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        return f"{day} {MONTHS[month - 1]}"
    return iso
