"""What the workspace's operations return: a quote's status, what changed, and the results of
opening, correcting, checking and copying (plain frozen dataclasses, no behaviour).

Apart from `workspace.py` so a view or a second backend can name them without the use cases,
and so the door itself reads as the list of use cases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.core.model import Transcript
from desktop.core.quotes import QuoteFailure, QuotesNotVerifiedError, Verification

__all__ = [
    "Changes",
    "Checked",
    "Cited",
    "Corrected",
    "Opened",
    "QuoteStatus",
    "QuotesRefusedError",
]


class QuoteStatus(StrEnum):
    """How a board quote stands against its source now (the core's `Verification`, plus
    `NO_SOURCE`: the source file is gone or can no longer be read)."""

    EXACT = "exact"
    MOVED = "moved"
    CHANGED = "changed"
    MISSING = "missing"
    NO_SOURCE = "no-source"

    @classmethod
    def of(cls, verification: Verification) -> QuoteStatus:
        return cls(verification.value)


@dataclass(frozen=True, slots=True)
class Changes:
    """What an operation changed, so views refresh only that (Anki's `OpChanges`)."""

    #: Library entries added, updated or removed: the library list changed.
    entries: tuple[int, ...] = ()
    #: Board quotes whose status, anchor or flag changed.
    quotes: tuple[int, ...] = ()
    #: True when the index could not follow (another Verbatim owns it).
    index_pending: bool = False


@dataclass(frozen=True, slots=True)
class Opened:
    """A file opened through the workspace: the transcript to show (the user's corrections
    applied), its library entry (None when it could not be stored) and what changed."""

    transcript: Transcript
    entry_id: int | None
    outcome: str  # "added", "updated", "moved", "unchanged" or "not-stored"
    changes: Changes = Changes()
    #: Whether the user has corrected speakers of this transcript.
    corrected: bool = False


@dataclass(frozen=True, slots=True)
class Corrected:
    """A speaker correction made: the corrected transcript and what changed."""

    transcript: Transcript
    entry_id: int
    changes: Changes


@dataclass(frozen=True, slots=True)
class Checked:
    """Board quotes checked against their sources now."""

    statuses: dict[int, QuoteStatus]
    #: Source path of a quote -> that transcript's title (for the board's source column).
    titles: dict[str, str]
    changes: Changes


@dataclass(frozen=True, slots=True)
class Cited:
    """Verified quotes with their citations, as plain text and HTML (every character taken
    from a transcript escaped by the core), ready for a clipboard."""

    plain: str
    html: str
    count: int
    titles: dict[str, str] = field(default_factory=dict)


class QuotesRefusedError(QuotesNotVerifiedError):
    """Quotes a copy or export refused (nothing copied or written). `statuses`: the board
    quotes among them, flagged stale, with their status now."""

    def __init__(
        self, failures: Sequence[QuoteFailure], statuses: Mapping[int, QuoteStatus]
    ) -> None:
        super().__init__(failures)
        self.statuses = dict(statuses)
