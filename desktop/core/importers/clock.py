"""Clock times written in transcripts (`0:49`, `12:03`, `01:02:03`, `00:03:40.5`, `[00:01:23]`).

Our own small parser: subtitle libraries parse whole cue files, not a time standing in a
line of prose, and they reject the hour-less forms transcripts use.
"""

from __future__ import annotations

import re

#: A clock time, optionally bracketed; hours optional; fraction after `.` or `,`; a mission
#: clock puts days first (`[00:01:15:22]`, NASA air-to-ground transcripts), and counts down
#: before liftoff inside its brackets (`[-00:00:00:04]`).
CLOCK = (
    r"(?:[\[(]-?)?(?:\d{1,3}:(?=\d{1,2}:\d{1,2}:))?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
    r"[\])]?"
)
_CLOCK_RE = re.compile(
    r"(?:[\[(](?P<neg>-)?)?(?:(?P<d>\d{1,3}):(?=\d{1,2}:\d{1,2}:))?(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):"
    r"(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?[\])]?"
)


def parse_clock(text: str) -> float | None:
    """Seconds for a clock time such as `1:02:03.5` or `[0:49]`; None when it is not one."""
    match = _CLOCK_RE.fullmatch(text.strip())
    if match is None:
        return None
    if match.group("neg"):
        return 0.0  # a countdown (`[-00:00:00:04]`) comes before the recording's zero
    hours = int(match.group("h") or 0)
    minutes = int(match.group("m"))
    seconds = int(match.group("s"))
    if seconds >= 60 or (match.group("h") is not None and minutes >= 60):
        return None
    fraction = match.group("f")
    if match.group("d") is not None and hours >= 24:
        return None
    value = int(match.group("d") or 0) * 86400 + hours * 3600 + minutes * 60 + seconds
    if fraction:
        value += int(fraction) / 10 ** len(fraction)
    return float(value)
