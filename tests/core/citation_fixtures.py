"""The golden record of citations.md (§0, §5) shared by the citation tests."""

from __future__ import annotations

import html
import re

from desktop.core.citations import CitationRecord, Person

URL = "https://www.euronews.com/EXAMPLE-PATH"
TITLE = "Antony Blinken: “In case of Russian aggression in Ukraine, we will respond”"
QUOTE = "a new aggression against Ukraine would be a mistake"  # as the sample has it

GOLDEN = CitationRecord(
    title=TITLE,
    interviewees=(Person("Antony Blinken", "Secretary of State"),),
    interviewer="Efi Koutsokosta",
    byline="Efi Koutsokosta",
    outlet="Euronews",
    published="2021-12-02",
    url=URL,
    accessed="2025-01-15",
    language="en",
)


def plain(golden: str) -> str:
    """A golden string of citations.md with its `*italics*` marks dropped."""
    return golden.replace("*", "")


def as_html(golden: str) -> str:
    """The same golden string as the HTML a style must produce (`<i>` for `*…*`)."""
    parts = re.split(r"\*([^*]+)\*", golden)
    return "".join(
        f"<i>{html.escape(p, quote=False)}</i>" if i % 2 else html.escape(p, quote=False)
        for i, p in enumerate(parts)
    )
