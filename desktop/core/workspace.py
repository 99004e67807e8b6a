"""The one door to the user's data: the library, the quote board, citation details and the
search index of one data folder, and the use cases the window and the command line share.

Why one object (the pattern of Anki's `Collection`): every use case touches several stores at
once (opening a file adds it to the library, applies the user's speaker corrections and
re-indexes it; copying a quote re-reads its source, verifies the words and looks up the
citation details). Putting that here keeps the rules in the core, tested without a display,
and leaves the UI with views and actions.

    ws = Workspace.open(data_dir)            # the library file (fast); no index yet
    ws.open_index(progress=..., cancelled=...)  # the search index (may rebuild; run it in a worker)
    opened = ws.open_file(path)              # ONE import; stored; corrections applied
    ws.correct_speaker(opened.entry_id, "s1", CorrectionKind.RENAME, "Ana")
    items = ws.add_quotes(opened.transcript, [(turn, start, end)])
    statuses = ws.check_quotes().statuses    # QuoteStatus per board quote
    cited = ws.copy([i.id for i in items], "apa")   # verified first; QuotesRefusedError if not
    ws.export(None, "md", out_path, style="apa")     # verified, written atomically

Operations return what changed (entries, quotes), so a view refreshes from that. Changes to a
library entry reach the index here ("entry changed -> re-index"): the library does not know
the index. The stores are reached through the `Catalogue` and `SearchEngine` protocols, the
seams a second backend (a team library on PostgreSQL) fills.

Thread-safety: the stores lock their own connections and the engine admits one writer at a
time, so a workspace may be used from several worker threads; it never calls back into a UI.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core import importers  # its entry points load on first use (`import_file`)
from desktop.core.backends import LibraryBackend, QuoteBackend
from desktop.core.citations.record import CitationRecord
from desktop.core.errors import TranscriptImportError, VerbatimError
from desktop.core.identity import same_source, source_key
from desktop.core.import_fixes import ImportFix, apply_fixes
from desktop.core.isolated_import import in_process
from desktop.core.library import (
    DB_NAME,
    AddResult,
    CorrectionKind,
    Importer,
    Library,
    LibraryEntry,
    NotInLibraryError,
    RefreshResult,
    SpeakerCorrection,
    SpeakerCorrectionError,
    Status,
    apply_corrections,
)
from desktop.core.media import MEDIA_DB_NAME, MediaStore
from desktop.core.model import Role, Transcript
from desktop.core.outcomes import (
    Changes,
    Checked,
    Cited,
    Corrected,
    Opened,
    QuotesRefusedError,
    QuoteStatus,
)
from desktop.core.quote_store import BoardQuote, QuoteNotStoredError, QuoteStore, SourceRef
from desktop.core.quotes import (
    Quote,
    QuoteAnchorError,
    QuoteFailure,
    Verification,
    quote_from_span,
    reanchor,
    verify,
)
from desktop.core.search import (
    Cancelled,
    Hit,
    IndexUnavailableError,
    OpenedIndex,
    Progress,
    SearchEngine,
    SearchResult,
    open_index,
    search_transcript,
)

if TYPE_CHECKING:  # imported when used: the quote check loads rapidfuzz; the redaction
    # list is read when something is redacted, not by the launch that opens the library
    from desktop.core.citations.base import CiteOptions
    from desktop.core.export import ExportItem
    from desktop.core.quotecheck import AuditItem, CheckResult, DraftItem, Scope
    from desktop.core.redaction import Redaction

__all__ = [
    "DB_NAME",
    "INDEX_DIR",
    "AddResult",
    "BoardQuote",
    "Changes",
    "Checked",
    "Cited",
    "Corrected",
    "CorrectionKind",
    "IndexUnavailableError",
    "LibraryBackend",
    "LibraryEntry",
    "MediaStore",
    "NotInLibraryError",
    "Opened",
    "QuoteBackend",
    "QuoteNotStoredError",
    "QuoteStatus",
    "QuoteStore",
    "QuotesRefusedError",
    "RefreshResult",
    "SourceRef",
    "SpeakerCorrectionError",
    "Status",
    "TranscriptImportError",
    "Workspace",
    "cited_texts",
    "existing",
    "media_store",
    "read_transcript",
    "same_source",
    "source_key",
]

#: The index folder inside the data folder.
INDEX_DIR = "index"
#: How many hits a library search returns (the total still counts every matching turn).
SEARCH_LIMIT = 100

Span = tuple[int, int, int]  # (turn index, start, end) in the turn's text


def read_transcript(
    path: str | Path, *, format: str | None = None, encoding: str | None = None
) -> Transcript:
    """Import a file without any library (a window whose library is unavailable)."""
    return importers.import_file(path, format=format, encoding=encoding)


def cited_texts(
    style: str,
    quotes: Sequence[Quote],
    records: Mapping[str, CitationRecord],
    options: CiteOptions | None = None,
    *,
    redaction: Redaction | None = None,
) -> tuple[str, str]:
    """Quotes (already verified) with their citations as (plain, html) clipboard texts; the
    run's rules (AP first references, Chicago short notes, IEEE numbers) are `cite_all`'s.
    `records` maps a quote's `source_path` to its details. A redaction is applied on the way
    out: to the details before citing, to every part of the citations after."""
    from desktop.core.citations import cite_all, clipboard  # the styles load on first use
    from desktop.core.redaction import redact_citations, redact_records

    if redaction:
        records = redact_records(records, redaction)
    cited = cite_all(style, [(q.source_path, q.quoted()) for q in quotes], records, options)
    if redaction:
        cited = redact_citations(cited, redaction)
    return clipboard(cited)


def media_store(data_dir: str | Path) -> MediaStore:
    """The media links of a data folder alone (`verbatim align` stores aligned times there
    without opening the library); the same file as `Workspace.media`."""
    return MediaStore(Path(data_dir) / MEDIA_DB_NAME)


def redaction_list(data_dir: str | Path) -> Redaction:
    """The redaction list of a data folder's library alone (the window reads it for the
    KWIC and statistics exports and the reader's preview); the one `Workspace.redaction`
    reads. Raises when the library file cannot be read."""
    from desktop.core import redaction_store

    return redaction_store.load(Path(data_dir) / DB_NAME)


def save_redaction_list(data_dir: str | Path, redaction: Redaction) -> None:
    """Replace a data folder's redaction list (the Redaction List dialog)."""
    from desktop.core import redaction_store

    redaction_store.save(redaction, Path(data_dir) / DB_NAME)


def existing(data_dir: str | Path) -> Workspace | None:
    """The workspace of a data folder if it has a library file (a command that only reads the
    user's data creates none); None otherwise."""
    folder = Path(data_dir)
    return Workspace.open(folder) if (folder / DB_NAME).is_file() else None


class Workspace:
    """The user's data in one data folder; see the module docstring."""

    def __init__(
        self,
        library: LibraryBackend,
        quotes: QuoteStore,
        *,
        index_dir: Path | None = None,
        media_path: Path | None = None,
        importer: Importer = in_process,
        redaction_path: Path | None = None,
    ) -> None:
        self.library = library
        #: Reads and parses one file (`import_file`; the window passes one that runs in a
        #: child process it can kill: `isolated_import.IsolatedImporter`).
        self.importer = importer
        self.quotes = quotes
        self.index_dir = index_dir
        self.media_path = media_path
        #: The library file that keeps the redaction list (None: no list, nothing redacted).
        self.redaction_path = redaction_path
        self._media: MediaStore | None = None
        self._engine: SearchEngine | None = None
        #: Transcripts opened this session that the library does not hold (read-only mode, a
        #: file opened without a library entry), by source key: reused while the bytes match.
        self._loose: dict[str, Transcript] = {}

    @classmethod
    def open(cls, data_dir: str | Path, *, importer: Importer = in_process) -> Workspace:
        """Open (creating, migrating) the library file of a data folder. Fast: the index is
        opened apart, by `open_index`. Raises `storage.StorageError` (a damaged file, a full
        disk, a folder that cannot be made) in one sentence when it cannot."""
        folder = Path(data_dir)
        library = Library(folder / DB_NAME, importer=importer)
        try:
            store = QuoteStore(folder / DB_NAME)
        except BaseException:
            library.close()
            raise
        return cls(library, store, index_dir=folder / INDEX_DIR,
                   media_path=folder / MEDIA_DB_NAME, importer=importer,
                   redaction_path=folder / DB_NAME)

    def close(self) -> None:
        """Close the index and the databases."""
        if self._engine is not None:
            self._engine.close()
            self._engine = None
        if self._media is not None:
            self._media.close()
            self._media = None
        self.quotes.close()
        self.library.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def media(self) -> MediaStore | None:
        """Recordings linked to transcripts, playback positions and aligned times (their own
        small database, opened on first use); None when this workspace keeps none, or the
        file cannot be opened (playback still works, nothing is remembered)."""
        if self._media is None and self.media_path is not None:
            try:
                self._media = MediaStore(self.media_path)
            except (sqlite3.Error, OSError):
                self.media_path = None
        return self._media

    # -- the search index -----------------------------------------------------------------

    def open_index(
        self,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        wait: float = 0.0,
        write: bool = False,
    ) -> OpenedIndex:
        """Open the search index, rebuilding or syncing it from the library as needed (slow:
        run it in a worker). Raises `IndexUnavailableError` when another Verbatim owns an
        index this one cannot read (after waiting up to `wait` seconds for it; see
        `search.open_index`)."""
        opened = open_index(self.library, self.index_dir, progress=progress, cancelled=cancelled,
                            wait=wait, write=write)
        self._engine = opened.engine
        self._reindex()  # what changed while it synced (updating twice is harmless)
        return opened

    def attach_index(self, engine: SearchEngine) -> None:
        """Use an engine opened elsewhere (tests, a second backend)."""
        self._engine = engine

    @property
    def engine(self) -> SearchEngine | None:
        return self._engine

    @property
    def writable(self) -> bool:
        """False when another Verbatim owns the index: searching works, changing does not."""
        return self._engine is None or not self._engine.read_only

    def reindex(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> bool:
        """Bring the index in line with what changed in the library (every operation does this
        itself, except `open_file(defer_index=True)`). False when the index is owned by another
        Verbatim (it catches up when opened next)."""
        return self._reindex(progress, cancelled)

    def _reindex(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> bool:
        engine = self._engine
        if engine is None:
            return True  # no index yet: the outbox waits for it (and opening it syncs)
        if engine.read_only:  # the owner of the index syncs with the library when it opens
            return not self.library.take_changes()
        changes = self.library.take_changes()
        if not changes:
            return True
        updates = [(i, t) for i, t in changes if t is not None]
        for transcript_id, transcript in changes:
            if transcript is None:
                engine.remove(transcript_id)
        if len(updates) == 1:
            engine.update(*updates[0])
        elif updates:
            engine.update_many(updates, progress=progress, cancelled=cancelled)
        return True

    def search(
        self,
        query: str,
        *,
        scope: int | Iterable[int] | None = None,
        limit: int | None = SEARCH_LIMIT,
    ) -> SearchResult:
        """Search the library index (`scope`: one entry id or several; None: everything;
        `limit` None: every hit)."""
        engine = self._engine
        if engine is None:
            raise IndexUnavailableError(str(self.index_dir or INDEX_DIR), "not open yet")
        ids = [scope] if isinstance(scope, int) else scope
        return engine.search(query, transcript_ids=ids, limit=limit)

    @staticmethod
    def search_transcript(
        transcript: Transcript, query: str, *, limit: int | None = None
    ) -> SearchResult:
        """Search one open transcript in memory (same syntax as the library)."""
        return search_transcript(transcript, query, limit=limit)

    # -- the library ----------------------------------------------------------------------

    def entries(self) -> list[LibraryEntry]:
        return self.library.entries()

    def entry_for(self, path: str | Path) -> LibraryEntry | None:
        """The library entry of a file (the identity rule: its resolved path)."""
        return self.library.find(path)

    def open_file(
        self,
        path: str | Path,
        *,
        format: str | None = None,
        encoding: str | None = None,
        cancelled: Cancelled | None = None,
        defer_index: bool = False,
    ) -> Opened:
        """Open a file for reading: ONE import, stored in the library (a forced `format` or
        `encoding` stored with the entry), the user's speaker corrections applied, and the
        index updated (with `defer_index`, left for `reindex()`: a window shows the transcript
        first, and indexing a long one takes far longer than reading it). Raises
        `TranscriptImportError` for a file that cannot be read; in read-only mode the file is
        not stored, but its corrections still show.

        A file the library holds with the same bytes (SHA-256), read the same way, is served
        from the stored parse without importing it again (`Library.unchanged_copy`)."""
        key = source_key(path)
        stored = self.library.unchanged_copy(key, format=format, encoding=encoding)
        if stored is not None:
            known, copy = stored
            keyed = _keyed(copy, key)
            if self.writable:
                self._loose.pop(key, None)
            else:
                self._loose[key] = keyed
            corrections = self.library.corrections(known.id)
            pending = False if defer_index else not self._reindex()
            return Opened(_apply(keyed, corrections), known.id, "unchanged",
                          Changes(index_pending=pending), corrected=bool(corrections))
        try:
            mtime: float | None = Path(path).stat().st_mtime  # before reading (see add_parsed)
        except (OSError, RuntimeError):
            mtime = None  # the import names the problem
        transcript = self.importer(path, format=format, encoding=encoding, cancelled=cancelled)
        key = source_key(path)
        keyed = _keyed(transcript, key)
        if cancelled is not None and cancelled():
            return Opened(keyed, None, "not-stored")
        if not self.writable:
            entry = self.library.find(key)
            self._loose[key] = keyed
            if entry is None or entry.sha256 != transcript.source.sha256:
                return Opened(keyed, None, "not-stored")
            corrections = self.library.corrections(entry.id)
            shown = _apply(apply_fixes(keyed, self.library.fixes(entry.id)), corrections)
            return Opened(shown, entry.id, "unchanged", corrected=bool(corrections))
        try:
            outcome, entry = self.library.add_parsed(key, keyed, format=format,
                                                     encoding=encoding, mtime=mtime)
        except (sqlite3.Error, OSError):
            # The library cannot take it now (locked by another program, a full disk, the
            # file gone since it was read): the file still opens; it is stored next time.
            self._loose[key] = keyed
            return Opened(keyed, None, "not-stored")
        self._loose.pop(key, None)
        corrections = self.library.corrections(entry.id)
        shown = _apply(apply_fixes(keyed, self.library.fixes(entry.id)), corrections)
        pending = False if defer_index else not self._reindex()
        changed = (entry.id,) if outcome != "unchanged" else ()
        return Opened(
            shown,
            entry.id,
            outcome,
            Changes(entries=changed, index_pending=pending),
            corrected=bool(corrections),
        )

    def transcript(self, entry_id: int) -> Transcript:
        """A library transcript, corrected (re-imported first if its file changed)."""
        transcript = self.library.transcript(entry_id)
        self._reindex()
        return transcript

    def add(
        self,
        paths: Iterable[str | Path],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> AddResult:
        """Add files and folders (recursively) to the library and the index."""
        result = self.library.add(paths, progress=progress, cancelled=cancelled)
        result.index_pending = not self._reindex(progress, cancelled)
        self._link_quotes()
        return result

    def refresh(
        self, *, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> RefreshResult:
        """Check every entry against its file (re-import changed ones, flag missing ones)."""
        result = self.library.refresh(progress=progress, cancelled=cancelled)
        result.index_pending = not self._reindex(progress, cancelled)
        return result

    def remove(self, entry_ids: Iterable[int], *, cancelled: Cancelled | None = None) -> Changes:
        """Forget entries (their files are not touched; their quotes stay on the board, kept
        by path)."""
        removed: list[int] = []
        for entry_id in entry_ids:
            if cancelled is not None and cancelled():
                break
            self.library.remove(entry_id)
            removed.append(entry_id)
        return Changes(entries=tuple(removed), index_pending=not self._reindex())

    def _link_quotes(self) -> None:
        """Give quotes and details taken from files that just joined the library their entry."""
        self.quotes.link_entries()

    # -- speaker corrections --------------------------------------------------------------

    def correct_speaker(
        self,
        entry_id: int,
        speaker_id: str,
        kind: CorrectionKind,
        value: str,
    ) -> Corrected:
        """Rename a speaker, merge it into another (`value`: that speaker's id) or set its role
        (`value`: a `Role`). Raises `SpeakerCorrectionError` for an impossible correction."""
        library = self.library
        if kind is CorrectionKind.RENAME:
            transcript = library.rename_speaker(entry_id, speaker_id, value)
        elif kind is CorrectionKind.MERGE:
            transcript = library.merge_speakers(entry_id, speaker_id, value)
        else:
            try:
                role = Role(value)
            except ValueError:
                raise SpeakerCorrectionError(entry_id, speaker_id, "no-role") from None
            transcript = library.set_speaker_role(entry_id, speaker_id, role)
        transcript = _keyed(transcript, library.entry(entry_id).path)
        pending = not self._reindex()
        return Corrected(transcript, entry_id, Changes(entries=(entry_id,), index_pending=pending))

    def clear_corrections(self, entry_id: int, speaker_id: str | None = None) -> Corrected:
        """Undo the corrections of one speaker (or of every speaker of the transcript)."""
        transcript = self.library.clear_corrections(entry_id, speaker_id)
        transcript = _keyed(transcript, self.library.entry(entry_id).path)
        pending = not self._reindex()
        return Corrected(transcript, entry_id, Changes(entries=(entry_id,), index_pending=pending))

    def correct_speaker_of(
        self, transcript: Transcript, speaker_id: str, kind: CorrectionKind, value: str
    ) -> Corrected:
        """A correction for a shown transcript: its file is added to the library first when
        it is not there yet (the correction is stored with the entry)."""
        return self.correct_speaker(self._entry_of_shown(transcript), speaker_id, kind, value)

    def _entry_of_shown(self, transcript: Transcript) -> int:
        """The library entry of a transcript on screen, its file added first when it is not
        there yet (a correction or fix is stored with the entry)."""
        entry = self.library.find(transcript.source.path)
        if entry is not None:
            return entry.id
        if not self.writable:
            raise NotInLibraryError(transcript.source.path)
        opened = self.open_file(transcript.source.path)
        if opened.entry_id is None:
            raise NotInLibraryError(transcript.source.path)
        return opened.entry_id

    def fix_import_of(self, transcript: Transcript, fix: ImportFix) -> Corrected:
        """Keep a fix to the import of a shown transcript (Not a speaker, Split, Join, Not
        speech; see `import_fixes.py`); its file is added to the library first when needed."""
        entry_id = self._entry_of_shown(transcript)
        fixed = _keyed(self.library.fix_import(entry_id, fix), self.library.entry(entry_id).path)
        pending = not self._reindex()
        return Corrected(fixed, entry_id, Changes(entries=(entry_id,), index_pending=pending))

    # -- the quote board ------------------------------------------------------------------

    def board(self, *, text: str | None = None) -> list[BoardQuote]:
        return self.quotes.quotes(text=text)

    def quotes_from_spans(self, transcript: Transcript, spans: Iterable[Span]) -> list[Quote]:
        """Quotes of reader spans (turn, start, end), one per span that holds words; spans of
        only spaces or line breaks are skipped."""
        keyed = _keyed(transcript, source_key(transcript.source.path))
        quotes: list[Quote] = []
        for turn, start, end in spans:
            try:
                quotes.append(quote_from_span(keyed, turn, start, end))
            except QuoteAnchorError:
                continue
        return quotes

    def add_quotes(
        self,
        transcript: Transcript,
        spans: Iterable[Span],
        *,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> list[BoardQuote]:
        """Put the words of `spans` on the board (one quote per turn, committed when this
        returns), tied to the transcript's library entry when it has one."""
        quotes = self.quotes_from_spans(transcript, spans)
        if not quotes:
            return []
        key = quotes[0].source_path
        entry = self.library.find(key)
        if entry is None or entry.sha256 != transcript.source.sha256:
            self._loose[key] = _keyed(transcript, key)
        return self.quotes.add_many(
            quotes, note=note, tags=tags, entry_id=entry.id if entry is not None else None
        )

    def source_of(self, item: BoardQuote | Quote) -> Transcript | None:
        """The transcript a quote's words must be found in, as its file says it NOW (checked by
        the file's SHA-256): its library entry's, else the file at its path. None when the file
        is gone or cannot be read."""
        entry_id = item.entry_id if isinstance(item, BoardQuote) else None
        quote = item.quote if isinstance(item, BoardQuote) else item
        return self._current(SourceRef(quote.source_path, entry_id))

    def _current(self, ref: SourceRef) -> Transcript | None:
        entry_id = ref.entry_id
        if entry_id is None:
            entry = self.library.find(ref.path)
            entry_id = entry.id if entry is not None else None
        if entry_id is not None:
            try:
                transcript = self.library.current(entry_id)
            except NotInLibraryError:
                transcript = None
            else:
                self._reindex()
                return _keyed(transcript, ref.path) if transcript is not None else None
        return self._loose_source(ref.path)

    def _loose_source(self, path: str) -> Transcript | None:
        """A file outside the library, read now (a copy opened this session is reused while
        the bytes match: it may have been read with a forced format)."""
        file = Path(path)
        try:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError:
            return None
        known = self._loose.get(source_key(path))
        if known is not None and known.source.sha256 == digest:
            return _keyed(known, path)
        try:
            return _keyed(importers.import_file(file), path)
        except (VerbatimError, OSError, ValueError):
            return None

    def _sources(
        self, items: Sequence[BoardQuote | Quote], cancelled: Cancelled | None = None
    ) -> dict[str, Transcript | None]:
        """Each quote's source by its `source_path` (read once per source)."""
        sources: dict[str, Transcript | None] = {}
        for item in items:
            quote = item.quote if isinstance(item, BoardQuote) else item
            if quote.source_path in sources:
                continue
            if cancelled is not None and cancelled():
                raise _Stopped
            sources[quote.source_path] = self.source_of(item)
        return sources

    def check_quotes(
        self, ids: Iterable[int] | None = None, *, cancelled: Cancelled | None = None
    ) -> Checked:
        """Verify board quotes (all, or `ids`) against their sources now; flag the ones that
        no longer match as stale (never dropped) and unflag those that match again."""
        items = self._items(ids)
        try:
            sources = self._sources(items, cancelled)
        except _Stopped:
            return Checked({}, {}, Changes())
        statuses: dict[int, QuoteStatus] = {}
        for item in items:
            transcript = sources.get(item.quote.source_path)
            statuses[item.id] = (
                QuoteStatus.NO_SOURCE
                if transcript is None
                else QuoteStatus.of(verify(item.quote, transcript))
            )
        changed = self._flag(items, statuses)
        return Checked(statuses, _titles(sources), Changes(quotes=tuple(changed)))

    def quotes_of(self, transcript: Transcript) -> list[BoardQuote]:
        """The board quotes taken from this transcript (by its entry, or its path)."""
        return self.quotes.quotes(source=self.source_ref(transcript))

    def source_path(self, item: BoardQuote) -> str:
        """Where a quote's source file is now (its entry's path: the file may have moved)."""
        if item.entry_id is not None:
            try:
                return self.library.entry(item.entry_id).path
            except NotInLibraryError:
                pass
        return item.quote.source_path

    def locate(
        self, item: BoardQuote, transcript: Transcript
    ) -> tuple[QuoteStatus, Quote | None]:
        """A quote's status in a transcript on screen (its stale flag kept in step) and the
        words to highlight: at their anchor, or where moved words are now; None when the
        words are not there."""
        status = self.status_in(item, transcript)
        if status is QuoteStatus.EXACT:
            return status, item.quote
        if status is QuoteStatus.MOVED:
            return status, reanchor(item.quote, transcript)
        return status, None

    def status_in(self, item: BoardQuote, transcript: Transcript) -> QuoteStatus:
        """A quote's status against a transcript on screen, with its stale flag kept in step."""
        status = QuoteStatus.of(verify(item.quote, transcript))
        self._flag([item], {item.id: status})
        return status

    def _flag(self, items: Sequence[BoardQuote], statuses: Mapping[int, QuoteStatus]) -> list[int]:
        changed: list[int] = []
        for item in items:
            status = statuses.get(item.id)
            if status is None:
                continue
            stale = status is not QuoteStatus.EXACT
            if item.stale != stale:
                try:
                    self.quotes.mark_stale(item.id, stale)
                except QuoteNotStoredError:  # removed meanwhile
                    continue
                changed.append(item.id)
        return changed

    def reanchor(self, quote_id: int) -> BoardQuote | None:
        """Point a moved quote at the place its exact words are now (the words never change);
        None when they are not in the source any more (the quote stays flagged)."""
        item = self.quotes.get(quote_id)
        transcript = self.source_of(item)
        fresh = reanchor(item.quote, transcript) if transcript is not None else None
        if fresh is None:
            return None
        return self.quotes.replace_anchor(
            quote_id, dataclasses.replace(fresh, source_path=item.quote.source_path)
        )

    def record_for(self, transcript: Transcript) -> CitationRecord:
        """What the import says of a transcript, overridden by the user's stored details."""
        key = source_key(transcript.source.path)
        return self.quotes.record_for(_keyed(transcript, key), self._entry_id(key))

    def source_ref(self, transcript: Transcript) -> SourceRef:
        """Where a transcript's citation details are stored (its entry, its path)."""
        key = source_key(transcript.source.path)
        return SourceRef(key, self._entry_id(key))

    def _entry_id(self, path: str) -> int | None:
        entry = self.library.find(path)
        return entry.id if entry is not None else None

    def copy(
        self,
        quotes: Sequence[int | Quote],
        style: str,
        options: CiteOptions | None = None,
        *,
        cancelled: Cancelled | None = None,
    ) -> Cited:
        """Board quotes (ids) or quotes of a selection, verified against their sources now,
        with their citations in `style`. Raises `QuotesRefusedError` (nothing copied) when any
        does not match; the board quotes among them are flagged."""
        items: list[BoardQuote | Quote] = []
        for q in quotes:
            if isinstance(q, Quote):
                items.append(q)
            else:
                try:
                    items.append(self.quotes.get(q))
                except QuoteNotStoredError:
                    continue
        sources = self._verified(items, cancelled)
        plain_quotes = [i.quote if isinstance(i, BoardQuote) else i for i in items]
        records = {p: self.record_for(t) for p, t in sources.items() if t is not None}
        plain, html = cited_texts(style, plain_quotes, records, options,
                                  redaction=self.redaction())  # fmt: skip
        return Cited(plain, html, len(plain_quotes), _titles(sources))

    def export(
        self,
        ids: Iterable[int] | None,
        format_id: str,
        path: str | Path,
        *,
        style: str = "apa",
        cancelled: Cancelled | None = None,
        redaction: Redaction | None = None,
    ) -> Path:
        """Export board quotes (`ids`, or the whole board in its order) with their notes and
        citations: verified first (`QuotesRefusedError`, nothing written), then written
        atomically, the library's redaction list (and `redaction`'s rules) taken out on the
        way. Returns the path written."""
        from desktop.core.export import ExportRequest, export, items_from_board  # not at launch

        items = self._items(ids)
        sources = self._verified(items, cancelled)
        found = {p: t for p, t in sources.items() if t is not None}
        request = ExportRequest(
            items=items_from_board(items),
            sources=found,
            records={p: self.record_for(t) for p, t in found.items()},
            style=style,
            redaction=self.redaction(redaction),
        )
        return export(request, format_id, path)

    def export_quotes(
        self, quotes: Sequence[ExportItem], format_id: str, path: str | Path, *, style: str,
        redaction: Redaction | None = None,
    ) -> Path:
        """Export quotes not on the board (the command line's `--quote`), verified alike and
        redacted alike."""
        from desktop.core.export import ExportRequest, export

        sources = self._verified([item.quote for item in quotes], None)
        found = {p: t for p, t in sources.items() if t is not None}
        request = ExportRequest(
            items=list(quotes),
            sources=found,
            records={p: self.record_for(t) for p, t in found.items()},
            style=style,
            redaction=self.redaction(redaction),
        )
        return export(request, format_id, path)

    # -- redaction -----------------------------------------------------------------------------

    def redaction(self, extra: Redaction | None = None) -> Redaction:
        """The library's redaction list (plus `extra`'s rules), which copy and export take out
        on the way out. Raises when the list cannot be read: nothing goes out unredacted."""
        from desktop.core import redaction_store
        from desktop.core.redaction import Redaction

        stored = redaction_store.load(self.redaction_path) if self.redaction_path else Redaction()
        if extra is None or not extra:
            return stored
        return Redaction(stored.rules + extra.rules)

    def save_redaction(self, redaction: Redaction) -> None:
        """Replace the library's redaction list (one transaction in the library file)."""
        if self.redaction_path is None:
            raise VerbatimError("this workspace has no library file to keep a redaction list")
        from desktop.core import redaction_store

        redaction_store.save(redaction, self.redaction_path)

    def _items(self, ids: Iterable[int] | None) -> list[BoardQuote]:
        if ids is None:
            return self.quotes.quotes()
        items: list[BoardQuote] = []
        for quote_id in ids:
            try:
                items.append(self.quotes.get(quote_id))
            except QuoteNotStoredError:
                continue
        return items

    def _verified(
        self, items: Sequence[BoardQuote | Quote], cancelled: Cancelled | None
    ) -> dict[str, Transcript | None]:
        """The sources of `items`, once every quote matched its source exactly."""
        try:
            sources = self._sources(items, cancelled)
        except _Stopped:
            raise QuotesRefusedError([], {}) from None
        failures: list[QuoteFailure] = []
        statuses: dict[int, QuoteStatus] = {}
        for item in items:
            quote = item.quote if isinstance(item, BoardQuote) else item
            transcript = sources.get(quote.source_path)
            verification = verify(quote, transcript) if transcript else Verification.MISSING
            if verification is Verification.EXACT:
                continue
            failures.append(QuoteFailure(quote, verification))
            if isinstance(item, BoardQuote):
                statuses[item.id] = (
                    QuoteStatus.NO_SOURCE if transcript is None else QuoteStatus.of(verification)
                )
        if failures:
            board = [i for i in items if isinstance(i, BoardQuote)]
            statuses |= self._board_matches(failures, board)
            self._flag(self._items(statuses), statuses)
            raise QuotesRefusedError(failures, statuses)
        return sources

    def _board_matches(
        self, failures: Sequence[QuoteFailure], known: Sequence[BoardQuote]
    ) -> dict[int, QuoteStatus]:
        """Board quotes holding the same words as failing selection quotes (flag them too)."""
        statuses: dict[int, QuoteStatus] = {}
        seen = {item.id for item in known}
        for failure in failures:
            for item in self.quotes.quotes(source=failure.quote.source_path):
                if item.id not in seen and item.quote == failure.quote:
                    statuses[item.id] = QuoteStatus.of(failure.status)
        return statuses


    # -- quote check (desktop/core/quotecheck) ---------------------------------------------

    def check_scope(
        self, path: str | Path | None = None, *, loaded: dict[str, Transcript] | None = None
    ) -> Scope:
        """Where quotes are checked: one file (its library copy with the user's corrections
        when the library holds it, else the file read now), or, with no `path`, the whole
        library through the index (`open_index` first). `loaded` collects the transcripts a
        library check read, by source path (to show or quote a passage afterwards)."""
        from desktop.core.quotecheck import LibraryScope, TranscriptScope

        if path is not None:
            entry = self.entry_for(path)
            transcript = (self.transcript(entry.id) if entry is not None
                          else importers.import_file(path))
            return TranscriptScope(transcript)
        engine = self._engine
        if engine is None:
            raise IndexUnavailableError(str(self.index_dir or INDEX_DIR), "not open yet")
        read: dict[int, Transcript | None] = {}

        def load(hit: Hit) -> Transcript | None:
            if hit.transcript_id is None:
                return None
            if hit.transcript_id not in read:
                try:
                    read[hit.transcript_id] = self.library.transcript(hit.transcript_id)
                except (VerbatimError, OSError, sqlite3.Error):
                    read[hit.transcript_id] = None
                found = read[hit.transcript_id]
                if loaded is not None and found is not None:
                    loaded[found.source.path] = found
            return read[hit.transcript_id]

        return LibraryScope(engine, load)

    def check_quote(
        self, text: str, speaker: str | None = None, *, path: str | Path | None = None
    ) -> CheckResult:
        """Is this quote what they said? Against one file, or the library (see
        `check_scope`); `speaker` is the name it is attributed to."""
        return self.check_scope(path).check(text, speaker)

    def check_draft(
        self,
        draft: str,
        *,
        path: str | Path | None = None,
        cancelled: Cancelled | None = None,
        progress: Progress | None = None,
    ) -> list[DraftItem]:
        """Every quotation of an article draft's text, with who it is given to, checked in
        the draft's order (read a draft file with `quotecheck.read_draft`)."""
        from desktop.core.quotecheck import check_draft

        return check_draft(draft, self.check_scope(path), cancelled=cancelled,
                           progress=progress)

    @staticmethod
    def audit(transcript: Transcript) -> list[AuditItem]:
        """The quoted words of a transcript's title, headings and lede, checked against it."""
        from desktop.core.quotecheck import audit

        return audit(transcript)


class _Stopped(Exception):
    """A cancelled check (internal)."""


def _keyed(transcript: Transcript, key: str) -> Transcript:
    """The transcript with its source path set to the source's key (quotes taken from it and
    details looked up for it then use the key)."""
    if transcript.source.path == key:
        return transcript
    return dataclasses.replace(transcript, source=dataclasses.replace(transcript.source, path=key))


def _apply(transcript: Transcript, corrections: Sequence[SpeakerCorrection]) -> Transcript:
    return apply_corrections(transcript, corrections)


def _titles(sources: Mapping[str, Transcript | None]) -> dict[str, str]:
    return {path: t.title for path, t in sources.items() if t is not None and t.title}

