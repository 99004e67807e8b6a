"""The storage seams of the workspace: what it asks of a library and of a quote board store.

The SQLite `Library` and `QuoteStore` fill them today (mypy checks it, below); a team library
on a server fills them with its own classes and hands them to `Workspace(...)`. The search
index has its own seam, `desktop.core.search.SearchEngine`, and is built from any
`desktop.core.search.Catalogue`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from desktop.core.citations.record import CitationRecord
from desktop.core.import_fixes import ImportFix
from desktop.core.library import (
    AddResult,
    Change,
    Library,
    LibraryEntry,
    RefreshResult,
    SpeakerCorrection,
)
from desktop.core.model import Role, Transcript
from desktop.core.quote_store import BoardQuote, QuoteStore, SourceRef
from desktop.core.quotes import Quote
from desktop.core.search import Cancelled, Catalogue, Progress

__all__ = ["LibraryBackend", "QuoteBackend"]


class LibraryBackend(Catalogue, Protocol):
    """Everything the workspace asks of a library (`desktop.core.library.Library`, SQLite,
    today; a team library on a server later). See `Library` for what each method promises."""

    def entries(self) -> list[LibraryEntry]: ...
    def entry(self, transcript_id: int) -> LibraryEntry: ...
    def find(self, path: str | Path) -> LibraryEntry | None: ...
    def current(self, transcript_id: int) -> Transcript | None: ...
    def unchanged_copy(
        self, path: str | Path, *, format: str | None = None, encoding: str | None = None
    ) -> tuple[LibraryEntry, Transcript] | None: ...
    def corrections(self, transcript_id: int) -> list[SpeakerCorrection]: ...
    def fixes(self, transcript_id: int) -> list[ImportFix]: ...
    def fix_import(self, transcript_id: int, fix: ImportFix) -> Transcript: ...
    def add(
        self,
        paths_: Iterable[str | Path],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> AddResult: ...
    def add_parsed(
        self,
        path: str | Path,
        transcript: Transcript,
        *,
        format: str | None = None,
        encoding: str | None = None,
        mtime: float | None = None,
    ) -> tuple[str, LibraryEntry]: ...
    def refresh(
        self, *, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> RefreshResult: ...
    def remove(self, transcript_id: int) -> None: ...
    def rename_speaker(self, transcript_id: int, speaker_id: str, name: str) -> Transcript: ...
    def merge_speakers(self, transcript_id: int, speaker_id: str, into_id: str) -> Transcript: ...
    def set_speaker_role(self, transcript_id: int, speaker_id: str, role: Role) -> Transcript: ...
    def clear_corrections(
        self, transcript_id: int, speaker_id: str | None = None
    ) -> Transcript: ...
    def take_changes(self) -> list[Change]: ...
    def close(self) -> None: ...


class QuoteBackend(Protocol):
    """What the workspace asks of a quote board store (`desktop.core.quote_store.QuoteStore`,
    SQLite, today). See `QuoteStore` for what each method promises."""

    def get(self, quote_id: int) -> BoardQuote: ...
    def quotes(
        self,
        *,
        text: str | None = None,
        tag: str | None = None,
        source: str | SourceRef | None = None,
        stale: bool | None = None,
    ) -> list[BoardQuote]: ...
    def add_many(
        self,
        quotes: Sequence[Quote],
        *,
        note: str = "",
        tags: Iterable[str] = (),
        entry_id: int | None = None,
    ) -> list[BoardQuote]: ...
    def mark_stale(self, quote_id: int, stale: bool = True) -> None: ...
    def replace_anchor(self, quote_id: int, quote: Quote) -> BoardQuote: ...
    def record_for(self, transcript: Transcript, entry_id: int | None = None) -> CitationRecord: ...
    def link_entries(self) -> None: ...
    def close(self) -> None: ...


def _library_is_a_backend(library: Library) -> LibraryBackend:
    return library  # mypy checks that the SQLite library fills the protocol


def _quote_store_is_a_backend(store: QuoteStore) -> QuoteBackend:
    return store  # mypy checks that the SQLite quote store fills the protocol
