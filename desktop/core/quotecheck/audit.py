"""Headline audit: are the quoted words of a transcript's title, section headings and lede
the speaker's words? Each is checked against the transcript itself.

Only words inside quotation marks are claims of quotation ("A “very direct conversation”
with Sergey Lavrov" claims three words); a heading without any is not audited. A name before
a colon ("Antony Blinken: “…”") or in "NAME said" is the attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.core.model import Transcript
from desktop.core.quotecheck.check import check_transcript
from desktop.core.quotecheck.draft import draft_quotes
from desktop.core.quotecheck.result import CheckResult

#: Headings quote short phrases ("very direct conversation"); two words is still a claim.
HEADING_MIN_WORDS = 2


class AuditKind(StrEnum):
    TITLE = "title"
    SECTION = "section"
    LEDE = "lede"


@dataclass(frozen=True, slots=True)
class AuditItem:
    """One quoted passage of a heading: `text` is the heading as written, `result.quote` the
    quoted words; `section` indexes `transcript.sections` for section headings."""

    kind: AuditKind
    text: str
    result: CheckResult
    section: int | None = None

    def to_json_dict(self) -> dict[str, Any]:
        """One item of `verbatim audit --json`."""
        data = {"kind": str(self.kind), "text": self.text, "quote": self.result.quote,
                "speaker": self.result.speaker}
        checked = self.result.to_json_dict()
        data["verdict"] = checked["verdict"]
        data["matches"] = checked["matches"]
        return data


def audit(transcript: Transcript) -> list[AuditItem]:
    """The title's, each section heading's and the lede's quoted words, checked, in that
    order (sections in reading order)."""
    items: list[AuditItem] = []
    if transcript.metadata.title:
        items.extend(_items(transcript, AuditKind.TITLE, transcript.metadata.title, None,
                            HEADING_MIN_WORDS))
    for index, section in enumerate(transcript.sections):
        items.extend(_items(transcript, AuditKind.SECTION, section.title, index,
                            HEADING_MIN_WORDS))
    if transcript.metadata.lede:
        items.extend(_items(transcript, AuditKind.LEDE, transcript.metadata.lede, None, 3))
    return items


def _items(transcript: Transcript, kind: AuditKind, text: str, section: int | None,
           min_words: int) -> list[AuditItem]:
    return [
        AuditItem(kind, text, check_transcript(q.text, transcript, q.speaker), section)
        for q in draft_quotes(text, min_words=min_words)
    ]
