"""Dates as each style writes them (APA-4, MLA-3, CH-1, HV-1, IE-4, AP-6)."""

from __future__ import annotations

from desktop.core.citations.record import PartialDate

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
