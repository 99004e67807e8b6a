"""Otter.ai and Descript text exports: a `Name  0:49` header line, the words below it.

Every block is its own turn, even when the label repeats: two `Unknown Speaker` blocks in a
row are often two different people, and a named speaker's sentence is often split across
blocks by the tool, which the user may want to see as it was exported.
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.labelled import Style, build, shape_of
from desktop.core.importers.text import evidence

_STYLE = Style(inline=False, alone=False, otter=True, merge=False)
#: Otter's summary blocks above the transcript: `SUMMARY KEYWORDS` / `SPEAKERS` and a list.
_OTTER_META = re.compile(
    r"^(?P<head>SUMMARY KEYWORDS|KEYWORDS|SPEAKERS)[ \t]*\n(?P<body>[^\n]+\n?)",
    re.MULTILINE,
)


#: Otter's recording line under the title: `Tue, 3/14 10:02AM • 45:12` (US month/day, length).
_OTTER_WHEN = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun)\w*,\s+(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{2,4}))?"
    r"\s+\d{1,2}:\d{2}\s?[ap]m\s*[•·|-]\s*\d{1,2}(?::\d{2}){1,2}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


class OtterTextImporter:
    """Speaker-and-time header lines (`Unknown Speaker  12:03`) with text on the next line."""

    format = "otter"
    label = "Otter / Descript text export"
    extensions = (".txt",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        prefix = constant_time_prefix(doc.text)
        shape = shape_of(_without_prefix(doc.text, prefix) if prefix else doc.text)
        return evidence.OTTER.score(shape)

    def parse(self, doc: SourceDocument) -> Parsed:
        assert doc.text is not None
        removed: list[str] = []
        repaired: list[str] = []
        prefix = constant_time_prefix(doc.text)
        if prefix:
            doc = replace(doc, text=_without_prefix(doc.text, prefix))
            repaired.append(f"took the same time `{prefix.strip()}` off the start of every line")
        assert doc.text is not None

        def _drop(match: re.Match[str]) -> str:
            removed.append(f"{match.group('head')}: {' '.join(match.group('body').split())}")
            return "\n"

        text = _OTTER_META.sub(_drop, doc.text[:20_000]) + doc.text[20_000:]
        when = _OTTER_WHEN.search(text[:2000])
        if when is not None:  # the date goes to the metadata; the line is no heading
            removed.append(f"recording line: {when.group(0).strip()}")
            text = text[: when.start()] + text[when.end() :]
        parsed = build(replace(doc, text=text) if removed else doc, _STYLE)
        if when is not None and parsed.metadata.date is None:
            year = when.group("y")
            day = f"{int(when.group('m')):02d}-{int(when.group('d')):02d}"
            if year and len(year) == 4:
                date = f"{year}-{day}"
            elif year:
                date = f"20{year}-{day}"
            else:
                date = f"--{day}"
            parsed.metadata = replace(parsed.metadata, date=date)
        parsed.removed[:0] = removed
        parsed.repaired[:0] = repaired
        return parsed


_PREFIX = re.compile(r"^(\d{1,2}:\d{2}(?::\d{2})?[ \t]+)")


def constant_time_prefix(text: str) -> str | None:
    """`0:00 ` in front of every line: a broken export stamped one time on all of them."""
    lines = [line for line in text[:20_000].split("\n") if line.strip()]
    if len(lines) < 4:
        return None
    match = next((m for m in map(_PREFIX.match, lines[:3]) if m is not None), None)
    if match is None:
        return None
    prefix = match.group(1)
    same = sum(1 for line in lines if line.startswith(prefix))
    return prefix if same >= max(4, len(lines) - 1) or same * 10 >= len(lines) * 9 else None


def _without_prefix(text: str, prefix: str) -> str:
    return "\n".join(line.removeprefix(prefix) for line in text.split("\n"))


IMPORTERS = (OtterTextImporter(),)
