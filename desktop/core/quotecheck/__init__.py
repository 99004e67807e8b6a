"""Quote check: is this quote really what they said? (pure core, no Qt)

    result = check_transcript("A new aggression against Ukraine would be a mistake", t)
    result.verdict           # Verdict.VERBATIM
    result.matches[0].turn   # 1 (0-based), with speaker, character span, similarity, diff

Against a library, the search index picks the candidate turns:
`LibraryScope(engine, load).check(text, speaker)`. Whole drafts: `check_draft(text, scope)`.
Headings of a transcript: `audit(transcript)`. Verdicts are explained in `check.py` and in
the README's "Quote check" section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.core.model import Transcript
from desktop.core.quotecheck.audit import AuditItem, AuditKind, audit
from desktop.core.quotecheck.candidates import Loader, check_library
from desktop.core.quotecheck.check import check_places, check_transcript, places_of
from desktop.core.quotecheck.draft import DraftError, DraftQuote, draft_quotes, read_draft
from desktop.core.quotecheck.result import CheckResult, DiffOp, Match, Op, Verdict
from desktop.core.search import SearchEngine

__all__ = [
    "AuditItem",
    "AuditKind",
    "CheckResult",
    "DiffOp",
    "DraftError",
    "DraftItem",
    "DraftQuote",
    "LibraryScope",
    "Match",
    "Op",
    "Scope",
    "TranscriptScope",
    "Verdict",
    "audit",
    "check_draft",
    "check_library",
    "check_places",
    "check_transcript",
    "draft_quotes",
    "places_of",
    "read_draft",
]


class Scope(Protocol):
    """Where quotes are looked for: one transcript, or a whole library."""

    def check(self, text: str, speaker: str | None = None) -> CheckResult:
        """The verdict on one quote (attributed to `speaker`, if named)."""
        ...


@dataclass(frozen=True, slots=True)
class TranscriptScope:
    """Every turn of one transcript."""

    transcript: Transcript

    def check(self, text: str, speaker: str | None = None) -> CheckResult:
        return check_transcript(text, self.transcript, speaker)


@dataclass(frozen=True, slots=True)
class LibraryScope:
    """A library through its search index; `load` reads the transcript of a hit."""

    engine: SearchEngine
    load: Loader

    def check(self, text: str, speaker: str | None = None) -> CheckResult:
        return check_library(text, self.engine, self.load, speaker)


@dataclass(frozen=True, slots=True)
class DraftItem:
    """A quote of a draft and its verdict."""

    quote: DraftQuote
    result: CheckResult

    def to_json_dict(self) -> dict[str, Any]:
        """One item of `verbatim check --draft --json`."""
        checked = self.result.to_json_dict()
        return {"quote": self.quote.text, "speaker": self.quote.speaker,
                "verdict": checked["verdict"], "matches": checked["matches"]}


def check_draft(
    text: str,
    scope: Scope,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[DraftItem]:
    """Every quote of a draft checked, in the draft's order (stops early when `cancelled`)."""
    quotes = draft_quotes(text)
    items: list[DraftItem] = []
    for n, quote in enumerate(quotes):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(n, len(quotes), quote.text)
        items.append(DraftItem(quote, scope.check(quote.text, quote.speaker)))
    return items
