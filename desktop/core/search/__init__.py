"""The search port: what the UI and the command line may ask of a full-text index.

Everything here is plain Python (dataclasses, a Protocol, exceptions with fields); the one
implementation lives in `whoosh_engine.py`, the only module of the project that imports Whoosh.

Typical use (`desktop.core.workspace.Workspace` does this, and keeps the index in step with
the library's changes):

    library = Library()                       # desktop.core.library (any `Catalogue`)
    opened = open_index(library)              # built or synced from the library
    if opened.rebuilt: ...                    # tell the user the index was rebuilt (and why)
    if opened.read_only: ...                  # another Verbatim instance owns the index
    result = opened.engine.search('speaker:blinken "aggression against Ukraine"')
    for hit in result.hits:
        turn = library.transcript(hit.transcript_id).turns[hit.turn]
        for start, end in hit.matches:        # character offsets into turn.text
            ...

Search inside one open transcript without touching the library: `search_transcript(t, query)`.
Query syntax (see `query.py`): words (stemmed), "exact phrases", AND / OR / NOT, parentheses,
`prefix*`, `fuzzy~` (edit distance 1; `word~2` for 2), `speaker:name` (any part of a name or
alias, case-insensitive), `role:question` / `role:answer`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, runtime_checkable

from desktop.core.errors import VerbatimError
from desktop.core.model import Transcript

__all__ = [
    "Catalogue",
    "Hit",
    "IndexReadOnlyError",
    "IndexUnavailableError",
    "MergeableIndex",
    "OpenedIndex",
    "Progress",
    "QuerySyntaxError",
    "SearchEngine",
    "SearchResult",
    "TranscriptSource",
    "TurnRole",
    "index_version",
    "open_index",
    "search_transcript",
]

#: progress(done, total, label): called from the thread doing the work.
Progress = Callable[[int, int, str], None]
#: cancelled() -> True asks a long operation to stop at the next transcript.
Cancelled = Callable[[], bool]
#: Yields (transcript id, transcript) pairs: what an index is rebuilt from.
TranscriptSource = Callable[[], Iterator[tuple[int, Transcript]]]


class Catalogue(Protocol):
    """What an index is built and synced from (the library; the search layer never imports it)."""

    def iter_transcripts(self) -> Iterator[tuple[int, Transcript]]:
        """(id, corrected transcript) for every entry."""
        ...

    def index_versions(self) -> dict[int, str]:
        """Id -> `index_version` of its corrected transcript."""
        ...

    def transcript(self, transcript_id: int) -> Transcript:
        """One corrected transcript."""
        ...


class TurnRole(StrEnum):
    """Whether a turn asks (interviewer, host, audience) or answers (everyone else)."""

    QUESTION = "question"
    ANSWER = "answer"


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching turn. Offsets are character offsets; nothing here is markup.

    `matches` index into the turn's text (`turn.text[start:end]` is a matched word or
    phrase); `snippet_matches` index into `snippet`, a plain-text excerpt around the first match.
    """

    transcript_id: int | None
    path: str
    title: str
    turn: int
    speaker: str | None
    role: TurnRole
    score: float
    snippet: str
    snippet_matches: tuple[tuple[int, int], ...]
    matches: tuple[tuple[int, int], ...]

    def to_json_dict(self) -> dict[str, object]:
        """One hit of the `verbatim search --json` contract."""
        return {
            "path": self.path,
            "title": self.title,
            "turn": self.turn,
            "speaker": self.speaker,
            "role": str(self.role),
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "matches": [[start, end] for start, end in self.matches],
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The top hits plus the total number of matching turns (for "3 of 15").

    `recovered` is True when the index turned out to be damaged during this search and was
    rebuilt from the library before answering (the UI may say so). `more` is True when
    counting stopped at a bound: `total` is then a lower bound (shown as "1,000+").
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    recovered: bool = False
    more: bool = False

    @property
    def total_text(self) -> str:
        """The total for people: "1,234", or "1,000+" when counting stopped there."""
        return f"{self.total:,}{'+' if self.more else ''}"

    def to_json_dict(self) -> dict[str, object]:
        """The `verbatim search --json` contract (`"more": true` only when `total` is a
        lower bound)."""
        data: dict[str, object] = {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_json_dict() for hit in self.hits],
        }
        if self.more:
            data["more"] = True
        return data


class QuerySyntaxError(VerbatimError):
    """A query that cannot be understood; `hint` is a short phrase for an inline message.

    `position` is the character offset in the query where the problem is, when known.
    """

    def __init__(self, query: str, hint: str, position: int | None = None) -> None:
        self.query = query
        self.hint = hint
        self.position = position
        super().__init__(f"query {query!r}: {hint}")


class IndexReadOnlyError(VerbatimError):
    """Another running Verbatim owns the index: this one may search but not change it."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = str(directory)
        super().__init__(f"{self.directory}: the search index is in use by another Verbatim")


class IndexUnavailableError(VerbatimError):
    """The index cannot be read and this instance may not rebuild it (another Verbatim owns
    it and is probably rebuilding it right now). `reason`: "missing", "damaged", "outdated"."""

    def __init__(self, directory: str | Path, reason: str) -> None:
        self.directory = str(directory)
        self.reason = reason
        super().__init__(f"{self.directory}: the search index is {reason}")


class SearchEngine(Protocol):
    """A full-text index of turns, one document per turn. Thread-safe: one writer at a time,
    searches may run while another thread writes (they see the last committed state)."""

    #: True when another process owns the index; writes then raise IndexReadOnlyError.
    read_only: bool

    def search(
        self,
        query: str,
        *,
        transcript_ids: Iterable[int] | None = None,
        limit: int | None = 20,
    ) -> SearchResult:
        """Best hits first. `transcript_ids` limits the scope (None: everything indexed).

        Raises QuerySyntaxError for a malformed query."""
        ...

    def update(self, transcript_id: int, transcript: Transcript) -> None:
        """Index (or re-index) one transcript, replacing its previous turns; commits."""
        ...

    def update_many(
        self,
        items: Iterable[tuple[int, Transcript]],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        """Index many transcripts in one batch (merging only small segments). Returns the
        count indexed (fewer when cancelled; what was indexed before cancelling is kept)."""
        ...

    def remove(self, transcript_id: int) -> None:
        """Drop one transcript's turns; commits."""
        ...

    def indexed(self) -> dict[int, str]:
        """Transcript id -> SHA-256 of the version indexed (to sync with the library)."""
        ...

    def doc_count(self) -> int:
        """Number of turns indexed."""
        ...


    def close(self) -> None:
        """Release files and the instance lock."""
        ...


@runtime_checkable
class MergeableIndex(Protocol):
    """An index whose segments are merged in idle time (the local Whoosh index; a team
    library's server merges its own)."""

    def merge_wanted(self) -> bool:
        """True when a full merge would make searches faster (after a bulk import)."""
        ...

    def optimize_in_subprocess(self, cancelled: Cancelled | None = None) -> bool:
        """Merge the index in a child process (False when cancelled; nothing is lost)."""
        ...


@dataclass(frozen=True, slots=True)
class OpenedIndex:
    """What `open_index` found. `rebuilt` with `reason` ("missing", "damaged", "outdated")
    says the index was (re)built from the library; `synced` counts transcripts brought up to
    date; `read_only` means another Verbatim instance owns the index."""

    engine: SearchEngine
    read_only: bool
    rebuilt: bool
    reason: str | None
    synced: int


def index_version(transcript: Transcript) -> str:
    """What the index must know to be up to date: the file's bytes and the speakers as
    corrected (names, roles, aliases). The library stores it to find stale index entries."""
    digest = hashlib.sha256()
    for s in transcript.speakers:
        digest.update(f"{s.id}\0{s.name}\0{s.role}\0{chr(1).join(s.aliases)}\n".encode())
    return f"{transcript.source.sha256[:16]}-{digest.hexdigest()[:12]}"


def open_index(
    library: Catalogue,
    directory: str | Path | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    wait: float = 0.0,
    write: bool = False,
) -> OpenedIndex:
    """Open the library's index (default `user_data_dir()/index`), creating or rebuilding it
    when it is missing or damaged, and bring it in line with the library (transcripts added,
    changed or removed while it was closed). Keeping it in step afterwards is the caller's
    job (`Workspace` does it).

    When another process owns the index, wait up to `wait` seconds for it (for a rebuild to
    finish; with `write`, for it to let go) before opening it read-only. A read-only data
    folder without a usable index is searched through a copy built in memory."""
    from desktop.core.search import whoosh_engine

    return whoosh_engine.open_library_index(
        library, directory, progress=progress, cancelled=cancelled, wait=wait, write=write
    )


def search_transcript(
    transcript: Transcript, query: str, *, limit: int | None = None
) -> SearchResult:
    """Search one transcript in memory (no library needed), with the library's query syntax.

    The small in-memory index is cached per transcript, so typing in the search box of an
    open transcript costs only the query."""
    from desktop.core.search import whoosh_engine

    return whoosh_engine.search_transcript(transcript, query, limit=limit)
