"""The user's library: an SQLite catalogue of transcript files and the user's speaker corrections.

The database is `library.sqlite3` in `paths.user_data_dir()` (WAL mode, so a second Verbatim
can read while one writes; every write is one transaction). Other core modules keep their own
tables in the same file: open it with `connect()`, which also creates the tables owned here.

The library stores, per file: path, SHA-256, size, mtime, detected format and encoding,
metadata, import report, status (`ok`, `changed`: the file changed but could not be re-imported,
`missing`: the file is gone; entries are never dropped behind the user's back) and a JSON copy
of the parsed transcript. The copy lets the index be rebuilt and a transcript be opened without
re-parsing every file, and keeps a moved or deleted file readable and searchable.

Speaker corrections (rename, merge into another speaker, set role) are stored apart from the
parse and re-applied each time the transcript is loaded, so re-importing a changed file keeps them.
A format or encoding the user forced ("Reopen As") is stored with the entry, so a re-import of the
changed file reads it the same way.

The library does not know the search index. Every change to what an entry holds (added,
re-imported, corrected, removed) is put in an outbox; `take_changes()` hands it to the one who
keeps an index in step (`desktop.core.workspace.Workspace`).
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.core import storage
from desktop.core.errors import ImportProblem, TranscriptImportError, VerbatimError
from desktop.core.identity import source_key
from desktop.core.import_fixes import FixKind, ImportFix, apply_fixes
from desktop.core.importers import MAX_BYTES, available_importers
from desktop.core.importers.bounded_read import kind_of, sha256_of
from desktop.core.isolated_import import ImportCancelled, in_process
from desktop.core.model import (
    Annotation,
    AnnotationKind,
    ImportReport,
    Metadata,
    Role,
    Section,
    Segment,
    Source,
    Speaker,
    Transcript,
    Turn,
    WordTime,
)
from desktop.core.parser_version import parser_version
from desktop.core.search import index_version

__all__ = [
    "DB_NAME",
    "AddResult",
    "Change",
    "CorrectionKind",
    "Library",
    "LibraryEntry",
    "NotInLibraryError",
    "RefreshResult",
    "SpeakerCorrection",
    "SpeakerCorrectionError",
    "Status",
    "apply_corrections",
    "connect",
    "default_path",
]

DB_NAME = "library.sqlite3"


def _cache_version() -> str:
    """A stored copy is used only if made by this copy format and this parser (app version
    and importer code, `parser_version`): newer rules may parse the same bytes better, so
    their first look at each file re-imports it."""
    return f"1/{parser_version()}"


Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
#: Reads and parses one file: (path, format=, encoding=, cancelled=) -> transcript; raises
#: TranscriptImportError (`isolated_import.in_process` or an `IsolatedImporter`).
Importer = Callable[..., Transcript]

#: Problems that mean "not a transcript at all": silently skipped when walking a folder.
_NOT_TRANSCRIPTS = frozenset(
    {ImportProblem.BINARY, ImportProblem.NO_TRANSCRIPT, ImportProblem.EMPTY,
     ImportProblem.OWN_EXPORT}
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS transcripts (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,
    sha256        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    mtime         REAL NOT NULL,
    format        TEXT NOT NULL,
    encoding      TEXT NOT NULL,
    title         TEXT NOT NULL,
    metadata      TEXT NOT NULL,
    report        TEXT NOT NULL,
    speakers      TEXT NOT NULL,
    turns         INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'changed', 'missing')),
    added_at      TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    parsed        TEXT,
    cache_version TEXT NOT NULL DEFAULT '',
    index_version TEXT NOT NULL DEFAULT '',
    forced_format   TEXT,
    forced_encoding TEXT
);
CREATE INDEX IF NOT EXISTS transcripts_sha256 ON transcripts (sha256);
CREATE TABLE IF NOT EXISTS speaker_corrections (
    id            INTEGER PRIMARY KEY,
    transcript_id INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
    speaker_id    TEXT NOT NULL,
    speaker_name  TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('rename', 'merge', 'role')),
    value         TEXT NOT NULL,
    UNIQUE (transcript_id, speaker_id, kind)
);
CREATE TABLE IF NOT EXISTS import_fixes (
    id            INTEGER PRIMARY KEY,
    transcript_id INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    turn          INTEGER NOT NULL,
    anchor        TEXT NOT NULL,
    char_offset   INTEGER NOT NULL DEFAULT 0
);
"""


def default_path() -> Path:
    """Where the library database lives: `user_data_dir()/library.sqlite3`."""
    return paths.user_data_dir() / DB_NAME


#: `PRAGMA user_version` of the library file this code writes. Before the tables of an older
#: file are changed, the file is backed up (`storage.backup_before_migration`).
SCHEMA_VERSION = 1


def connect(path: str | Path | None = None) -> sqlite3.Connection:
    """Open the library database (creating it and the library's tables when needed).

    Shared by every core module that keeps tables in the library file (quotes, citation
    details): WAL journal, foreign keys on, rows as `sqlite3.Row`, a 10 s busy timeout for a
    second process. The connection may be used from several threads if the caller serialises
    access (the `Library` does, with a lock). Write with `with conn:` (one transaction).
    Opened through `storage.open_database`: read-only when the data folder cannot be written
    (`storage.is_read_only(conn)`), StorageError for a damaged or unusable file.
    """
    db_path = Path(path) if path is not None else default_path()
    conn = storage.open_database(db_path)
    if conn.read_only:
        return conn
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version < SCHEMA_VERSION or _needs_migration(conn):
            storage.backup_before_migration(conn, db_path, f"v{version}")
        with conn:
            conn.executescript(_SCHEMA)
            _migrate(conn)
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.close()
        raise
    return conn


def _needs_migration(conn: sqlite3.Connection) -> bool:
    """True when the transcripts table of an older release lacks columns `_migrate` adds."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(transcripts)")}
    return bool(columns) and not {"forced_format", "forced_encoding"} <= columns


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a library file made by an older release up to this schema (columns added only;
    nothing is dropped or rewritten)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(transcripts)")}
    for name in ("forced_format", "forced_encoding"):
        if name not in columns:
            conn.execute(f"ALTER TABLE transcripts ADD COLUMN {name} TEXT")


class Status(StrEnum):
    """Whether the file behind an entry is as imported."""

    OK = "ok"
    CHANGED = "changed"  # the file changed on disk and could not be re-imported
    MISSING = "missing"  # the file is gone (moved or deleted); the entry is kept


class CorrectionKind(StrEnum):
    RENAME = "rename"  # value: the new name
    MERGE = "merge"  # value: the id of the speaker this one is merged into
    ROLE = "role"  # value: a Role


@dataclass(frozen=True, slots=True)
class SpeakerCorrection:
    """One user correction, keyed by the speaker's original id and name (the name finds the
    speaker again if a re-import gives it a different id)."""

    speaker_id: str
    speaker_name: str
    kind: CorrectionKind
    value: str


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """A row of the library list (names of speakers are after corrections)."""

    id: int
    path: str
    title: str
    date: str | None
    outlet: str | None
    speakers: tuple[str, ...]
    turns: int
    status: Status
    format: str
    encoding: str
    sha256: str
    size: int
    mtime: float
    added_at: str
    updated_at: str


@dataclass(slots=True)
class AddResult:
    """What `Library.add` did. `failed` and `skipped` hold (path, reason) pairs: failed files
    were named or looked like transcripts; skipped ones, found in a folder, are not transcripts.
    `moved` are entries whose file was found again at a new path (same SHA-256)."""

    added: list[LibraryEntry] = field(default_factory=list)
    updated: list[LibraryEntry] = field(default_factory=list)
    moved: list[LibraryEntry] = field(default_factory=list)
    unchanged: list[LibraryEntry] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: Entries of a folder that are not regular files (pipes, devices, link loops), skipped.
    special: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    #: True when the index could not be updated (another Verbatim owns it); set by the
    #: workspace, which keeps the index.
    index_pending: bool = False


#: One entry of the change outbox: (entry id, its corrected transcript), or (id, None) when
#: the entry was removed.
Change = tuple[int, Transcript | None]


@dataclass(slots=True)
class RefreshResult:
    """What `Library.refresh` found: ids re-imported, missing, or changed but unreadable."""

    updated: list[int] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    changed: list[tuple[int, str]] = field(default_factory=list)
    unchanged: int = 0
    cancelled: bool = False
    index_pending: bool = False


class NotInLibraryError(VerbatimError):
    """No library entry has this id (or path)."""

    def __init__(self, key: int | str) -> None:
        self.key = key
        super().__init__(f"{key}: not in the library")


class SpeakerCorrectionError(VerbatimError, ValueError):
    """A speaker correction that cannot be made. `problem`: "empty-name" (a rename to
    nothing), "self-merge" (a speaker merged into itself), "no-speaker" (`speaker_id` is not
    a speaker of the transcript, as corrected so far)."""

    def __init__(self, transcript_id: int, speaker_id: str, problem: str) -> None:
        self.transcript_id, self.speaker_id, self.problem = transcript_id, speaker_id, problem
        super().__init__(f"transcript {transcript_id}, speaker {speaker_id!r}: {problem}")


class Library:
    """The catalogue of the user's transcripts. Thread-safe (one lock around the connection).

    Long operations (`add`, `refresh`) take `progress(done, total, label)` and `cancelled()`
    callbacks so a UI worker can show progress and stop between files.
    """

    def __init__(self, path: str | Path | None = None, *, importer: Importer = in_process):
        self.path = Path(path) if path is not None else default_path()
        self._conn = connect(self.path)
        self._lock = threading.RLock()
        self._changes: dict[int, Transcript | None] = {}
        #: Reads and parses one file; the window passes one that runs in a child process.
        self._import = importer

    @property
    def read_only(self) -> bool:
        """True when the data folder cannot be written: reading works, writes raise
        `storage.ReadOnlyLibraryError` (one sentence)."""
        return storage.is_read_only(self._conn)

    def _check_writable(self) -> None:
        if self.read_only:
            raise storage.ReadOnlyLibraryError(self.path, storage.READ_ONLY_REASON)

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._conn.close()

    def take_changes(self) -> list[Change]:
        """The entries whose searchable content changed since the last call (each with its
        corrected transcript, or None when removed), oldest first; the outbox is emptied."""
        with self._lock:
            changes, self._changes = list(self._changes.items()), {}
        return changes

    def _changed(self, transcript_id: int, transcript: Transcript | None) -> None:
        with self._lock:
            self._changes.pop(transcript_id, None)
            self._changes[transcript_id] = transcript

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def entries(self) -> list[LibraryEntry]:
        """Every entry, by title."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM transcripts ORDER BY title COLLATE NOCASE, id"
            ).fetchall()
        return [_entry(row) for row in rows]

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM transcripts").fetchone()[0])

    def entry(self, transcript_id: int) -> LibraryEntry:
        """One entry; NotInLibraryError when the id is unknown."""
        return _entry(self._row(transcript_id))

    def find(self, path: str | Path) -> LibraryEntry | None:
        """The entry for a file path (resolved), or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM transcripts WHERE path = ?", (_norm(path),)
            ).fetchone()
        return _entry(row) if row is not None else None

    def transcript(self, transcript_id: int) -> Transcript:
        """The transcript with the user's corrections applied.

        Served from the stored copy while the file's size and mtime are unchanged; otherwise
        the file is re-imported (the entry updated, the change put in the outbox). A missing
        file is served from the stored copy and flagged `missing`.
        """
        row = self._row(transcript_id)
        original = self._load(row)
        return apply_corrections(original, self.corrections(transcript_id))

    def current(self, transcript_id: int) -> Transcript | None:
        """The corrected transcript as its file says it now, checked by the file's bytes
        (SHA-256), not only its size and time: what quotes are verified against. None when the
        file is gone or can no longer be read (the stored copy is then not the source)."""
        row = self._row(transcript_id)
        state, transcript, _ = self._check(row, force_hash=True)
        if state in ("missing", "changed") or transcript is None:
            return None
        corrected = self._corrected(transcript_id, transcript)
        if state == "updated":
            self._changed(transcript_id, corrected)
        return corrected

    def unchanged_copy(
        self, path: str | Path, *, format: str | None = None, encoding: str | None = None
    ) -> tuple[LibraryEntry, Transcript] | None:
        """The entry of `path` and its stored parse (import fixes applied, speaker corrections
        not), when the file's bytes are still those it was parsed from (SHA-256 of the bytes
        now, never size and time alone), it was read as asked (`format`, `encoding`: None means
        detected), and the copy was made by this version of the importers; else None (the
        caller imports the file). Why: opening a file the library knows (every launch reopens
        the last one) then costs one hash and one JSON read, not a parse."""
        existing = self.find(path)
        if existing is None:
            return None
        row = self._row(existing.id)
        if (row["forced_format"], row["forced_encoding"]) != (format, encoding):
            return None
        if row["parsed"] is None or row["cache_version"] != _cache_version():
            return None
        try:
            mtime = Path(row["path"]).stat().st_mtime  # before reading, as `add_parsed` takes it
            digest = sha256_of(row["path"], MAX_BYTES)  # bounded, regular files only
        except (OSError, TranscriptImportError):
            return None  # gone or unreadable: the import names the problem
        if digest != row["sha256"]:
            return None
        cached = _cached(row)
        if cached is None or cached.source.sha256 != digest:
            return None
        if not self.read_only and (row["status"] != Status.OK or row["mtime"] != mtime):
            with self._lock, self._conn:  # touched, same bytes: as `add_parsed` "unchanged"
                self._conn.execute(
                    "UPDATE transcripts SET mtime = ?, status = 'ok' WHERE id = ?",
                    (mtime, existing.id),
                )
            existing = self.entry(existing.id)
        return existing, apply_fixes(cached, self.fixes(existing.id))

    def forced(self, transcript_id: int) -> tuple[str | None, str | None]:
        """The (format, encoding) the entry's file is read with; None where detected."""
        row = self._row(transcript_id)
        return row["forced_format"], row["forced_encoding"]

    def index_versions(self) -> dict[int, str]:
        """Transcript id -> `search.index_version` of its corrected transcript (for syncing
        the index with the library without loading every transcript)."""
        with self._lock:
            rows = self._conn.execute("SELECT id, index_version FROM transcripts").fetchall()
        return {row[0]: row[1] for row in rows}

    def iter_transcripts(self) -> Iterator[tuple[int, Transcript]]:
        """(id, corrected transcript) for every entry, from the stored copies (files that are
        unreadable and have no usable copy are left out). Used to (re)build the index."""
        with self._lock:
            ids = [r[0] for r in self._conn.execute("SELECT id FROM transcripts ORDER BY id")]
        for transcript_id in ids:
            try:
                yield transcript_id, self.transcript(transcript_id)
            except (TranscriptImportError, NotInLibraryError):
                continue

    # -- adding and refreshing -------------------------------------------------------------

    def add(
        self,
        paths_: Iterable[str | Path],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> AddResult:
        """Add files and folders (recursively) to the library.

        Files already in the library are re-imported only if their bytes changed. A file whose
        SHA-256 matches a `missing` entry is that entry, moved: its path is updated. Each
        failure is reported as (path, reason) and never stops the others.
        """
        self._check_writable()
        result = AddResult()
        candidates, result.special = _expand(paths_)
        total = len(candidates)
        for done, (file, explicit) in enumerate(candidates):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            if progress is not None:
                progress(done, total, str(file))
            try:
                outcome, entry, transcript = self._add_one(file)
            except ImportCancelled:  # the import process was killed: keep what was added
                result.cancelled = True
                break
            except TranscriptImportError as exc:
                bucket = result.failed
                if not explicit and exc.problem in _NOT_TRANSCRIPTS:
                    bucket = result.skipped
                bucket.append((str(file), exc.reason))
                continue
            getattr(result, outcome).append(entry)
            if transcript is not None:
                self._changed(entry.id, transcript)
        if progress is not None and not result.cancelled:
            progress(total, total, "")
        return result

    def refresh(
        self,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> RefreshResult:
        """Check every entry against its file: re-import changed files (by hash), flag missing
        ones (and un-flag those that came back). Nothing is removed."""
        self._check_writable()
        result = RefreshResult()
        rows = self._refreshable()
        for done, row in enumerate(rows):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            if progress is not None:
                progress(done, len(rows), row["path"])
            try:
                state, transcript, reason = self._check(row, force_hash=True)
            except ImportCancelled:
                result.cancelled = True
                break
            if state == "missing":
                result.missing.append(row["id"])
            elif state == "changed":
                result.changed.append((row["id"], reason or ""))
            elif state == "updated" and transcript is not None:
                result.updated.append(row["id"])
                self._changed(row["id"], self._corrected(row["id"], transcript))
            else:
                result.unchanged += 1
        if progress is not None and not result.cancelled:
            progress(len(rows), len(rows), "")
        return result

    def _refreshable(self) -> list[Any]:
        """The rows `refresh` checks against their files (a team library: only this user's)."""
        with self._lock:
            return list(self._conn.execute("SELECT * FROM transcripts ORDER BY id").fetchall())

    def remove(self, transcript_id: int) -> None:
        """Forget one transcript (its corrections too); the file itself is not touched."""
        self._row(transcript_id)
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM transcripts WHERE id = ?", (transcript_id,))
        self._changed(transcript_id, None)

    # -- speaker corrections ---------------------------------------------------------------

    def corrections(self, transcript_id: int) -> list[SpeakerCorrection]:
        """The stored corrections of one transcript, in the order they were made."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT speaker_id, speaker_name, kind, value FROM speaker_corrections"
                " WHERE transcript_id = ? ORDER BY id",
                (transcript_id,),
            ).fetchall()
        return [
            SpeakerCorrection(r["speaker_id"], r["speaker_name"], CorrectionKind(r["kind"]),
                              r["value"])
            for r in rows
        ]

    def rename_speaker(self, transcript_id: int, speaker_id: str, name: str) -> Transcript:
        """Show a speaker under another name (the old name stays as an alias for search)."""
        name = name.strip()
        if not name:
            raise SpeakerCorrectionError(transcript_id, speaker_id, "empty-name")
        return self._correct(transcript_id, speaker_id, CorrectionKind.RENAME, name)

    def merge_speakers(self, transcript_id: int, speaker_id: str, into_id: str) -> Transcript:
        """Attribute every turn of `speaker_id` to `into_id` (two labels for one person)."""
        if speaker_id == into_id:
            raise SpeakerCorrectionError(transcript_id, speaker_id, "self-merge")
        return self._correct(transcript_id, speaker_id, CorrectionKind.MERGE, into_id)

    def set_speaker_role(self, transcript_id: int, speaker_id: str, role: Role) -> Transcript:
        """Change a speaker's role (which decides whether their turns count as questions)."""
        return self._correct(transcript_id, speaker_id, CorrectionKind.ROLE, str(Role(role)))

    # -- fixes to the import (import_fixes.py), applied before the speaker corrections ----------

    def fixes(self, transcript_id: int) -> list[ImportFix]:
        """The user's fixes to the import of one transcript, in the order they were made."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT kind, turn, anchor, char_offset FROM import_fixes WHERE transcript_id = ?"
                " ORDER BY id", (transcript_id,)
            ).fetchall()
        return [
            ImportFix(FixKind(r["kind"]), r["turn"], r["anchor"], r["char_offset"]) for r in rows
        ]

    def fix_import(self, transcript_id: int, fix: ImportFix) -> Transcript:
        """Keep one fix (Not a speaker, Split, Join, Not speech); the fixed transcript."""
        self._row(transcript_id)
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO import_fixes (transcript_id, kind, turn, anchor, char_offset)"
                " VALUES (?, ?, ?, ?, ?)",
                (transcript_id, str(fix.kind), fix.turn, fix.anchor, fix.offset),
            )
        return self._after_correction(transcript_id)

    def clear_fixes(self, transcript_id: int) -> Transcript:
        """Forget every fix to the import of one transcript."""
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM import_fixes WHERE transcript_id = ?", (transcript_id,))
        return self._after_correction(transcript_id)

    def clear_corrections(self, transcript_id: int, speaker_id: str | None = None) -> Transcript:
        """Undo the corrections of one speaker (or of every speaker of the transcript)."""
        self._row(transcript_id)
        with self._lock, self._conn:
            if speaker_id is None:
                self._conn.execute(
                    "DELETE FROM speaker_corrections WHERE transcript_id = ?", (transcript_id,)
                )
            else:
                self._conn.execute(
                    "DELETE FROM speaker_corrections WHERE transcript_id = ? AND speaker_id = ?",
                    (transcript_id, speaker_id),
                )
        return self._after_correction(transcript_id)

    # -- internals -------------------------------------------------------------------------

    def _row(self, transcript_id: int) -> sqlite3.Row:
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM transcripts WHERE id = ?", (transcript_id,)
            ).fetchone()
        if row is None:
            raise NotInLibraryError(transcript_id)
        return row  # type: ignore[no-any-return]

    def _correct(
        self, transcript_id: int, speaker_id: str, kind: CorrectionKind, value: str
    ) -> Transcript:
        row = self._row(transcript_id)
        original = self._load(row)
        current = apply_corrections(original, self.corrections(transcript_id))
        speaker = original.speaker(speaker_id)
        if speaker is None or current.speaker(speaker_id) is None:
            raise SpeakerCorrectionError(transcript_id, speaker_id, "no-speaker")
        if kind is CorrectionKind.MERGE and current.speaker(value) is None:
            raise SpeakerCorrectionError(transcript_id, value, "no-speaker")
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO speaker_corrections"
                " (transcript_id, speaker_id, speaker_name, kind, value) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (transcript_id, speaker_id, kind)"
                " DO UPDATE SET value = excluded.value",
                (transcript_id, speaker_id, speaker.name, str(kind), value),
            )
        return self._after_correction(transcript_id)

    def _after_correction(self, transcript_id: int) -> Transcript:
        """Refresh the list columns after the corrections changed (and tell the outbox)."""
        corrected = self.transcript(transcript_id)
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE transcripts SET speakers = ?, index_version = ? WHERE id = ?",
                (
                    json.dumps([s.name for s in corrected.speakers], ensure_ascii=False),
                    index_version(corrected),
                    transcript_id,
                ),
            )
        self._changed(transcript_id, corrected)
        return corrected

    def _load(self, row: sqlite3.Row) -> Transcript:
        """The transcript of a row as imported and fixed (`import_fixes`), before the speaker
        corrections: stored copy if the file is unchanged."""
        state, transcript, _ = self._check(row, force_hash=False)
        if transcript is not None:
            if state == "updated":
                self._changed(row["id"], self._corrected(row["id"], transcript))
            return apply_fixes(transcript, self.fixes(row["id"]))
        cached = _cached(row)
        if cached is None:
            raise TranscriptImportError(
                row["path"], ImportProblem.NOT_FOUND, "is missing and has no stored copy"
            )
        return apply_fixes(cached, self.fixes(row["id"]))

    def _check(
        self, row: sqlite3.Row, *, force_hash: bool
    ) -> tuple[str, Transcript | None, str | None]:
        """Compare a row with its file. Returns (state, transcript, reason): state is
        "unchanged" (transcript from the stored copy, or None if the copy is unusable and
        the re-import failed), "updated" (re-imported), "missing" or "changed"."""
        path = Path(row["path"])
        if self.read_only:  # nothing can be stored: serve the stored copy as it is
            return "unchanged", _cached(row), None
        try:
            stat = path.stat()  # before reading: a file saved again meanwhile is newer
        except OSError:
            if row["status"] != Status.MISSING:
                self._set_status(row["id"], Status.MISSING)
            return "missing", None, None
        same_stat = stat.st_size == row["size"] and stat.st_mtime == row["mtime"]
        cached = _cached(row) if same_stat and not force_hash else None
        if cached is not None:
            if row["status"] != Status.OK:
                self._set_status(row["id"], Status.OK)
            return "unchanged", cached, None
        if force_hash and cached_copy_matches(row, path):
            # Content, not size and time, decides (a same-size edit, a sync client that keeps
            # times): hashing is cheap next to parsing.
            if row["status"] != Status.OK or row["mtime"] != stat.st_mtime:
                with self._lock, self._conn:
                    self._conn.execute(
                        "UPDATE transcripts SET mtime = ?, size = ?, status = 'ok' WHERE id = ?",
                        (stat.st_mtime, stat.st_size, row["id"]),
                    )
            return "unchanged", _cached(row), None
        try:  # read as the user last asked (a forced format or encoding), else detected
            transcript = self._import(
                path, format=row["forced_format"], encoding=row["forced_encoding"]
            )
        except TranscriptImportError as exc:
            self._set_status(row["id"], Status.CHANGED)
            return "changed", None, exc.reason
        if transcript.source.sha256 == row["sha256"] and _cached(row) is not None:
            # Touched but identical bytes: remember the new mtime, keep the copy.
            with self._lock, self._conn:
                self._conn.execute(
                    "UPDATE transcripts SET mtime = ?, status = 'ok' WHERE id = ?",
                    (stat.st_mtime, row["id"]),
                )
            return "unchanged", transcript, None
        self._store(row["id"], transcript, stat.st_mtime, path,
                    forced=(row["forced_format"], row["forced_encoding"]))
        return "updated", transcript, None

    def add_parsed(
        self,
        path: str | Path,
        transcript: Transcript,
        *,
        format: str | None = None,
        encoding: str | None = None,
        mtime: float | None = None,
    ) -> tuple[str, LibraryEntry]:
        """Put a transcript just imported from `path` in the library without importing the
        file again: a new entry ("added"), the entry of a moved file with the same bytes
        ("moved"), a refreshed one ("updated") or one already holding these bytes read the same
        way ("unchanged"). `format`/`encoding` are what the import was forced to (None:
        detected); they are stored, so a later re-import of the changed file reads it alike.
        Returns (outcome, entry); the change goes to the outbox. `mtime`: the file's time
        taken *before* it was read, so a file saved again meanwhile looks newer next time."""
        self._check_writable()
        file = Path(path)
        if mtime is None:
            mtime = file.stat().st_mtime
        forced = (format, encoding)
        existing = self.find(file)
        if existing is not None:
            row = self._row(existing.id)
            same = (
                row["sha256"] == transcript.source.sha256
                and (row["forced_format"], row["forced_encoding"]) == forced
                and _cached(row) is not None
            )
            if same:
                if row["status"] != Status.OK or row["mtime"] != mtime:
                    with self._lock, self._conn:
                        self._conn.execute(
                            "UPDATE transcripts SET mtime = ?, status = 'ok' WHERE id = ?",
                            (mtime, existing.id),
                        )
                return "unchanged", self.entry(existing.id)
            self._store(existing.id, transcript, mtime, file, forced=forced)
            self._changed(existing.id, self._corrected(existing.id, transcript))
            return "updated", self.entry(existing.id)
        moved = self._moved_entry(transcript.source.sha256)
        if moved is not None:
            self._store(moved, transcript, mtime, file, forced=forced)
            self._changed(moved, self._corrected(moved, transcript))
            return "moved", self.entry(moved)
        new_id = self._store(None, transcript, mtime, file, forced=forced)
        self._changed(new_id, transcript)
        return "added", self.entry(new_id)

    def _moved_entry(self, sha256: str) -> int | None:
        """The id of an entry with these bytes whose file is gone (moved here), if any."""
        with self._lock:
            same = self._conn.execute(
                "SELECT id, path FROM transcripts WHERE sha256 = ?", (sha256,)
            ).fetchall()
        moved = next((r for r in same if not Path(r["path"]).exists()), None)
        return int(moved["id"]) if moved is not None else None

    def _add_one(self, file: Path) -> tuple[str, LibraryEntry, Transcript | None]:
        """Returns (AddResult field name, entry, transcript to index or None)."""
        existing = self.find(file)
        if existing is not None:
            state, transcript, reason = self._check(self._row(existing.id), force_hash=True)
            if state == "changed":
                raise TranscriptImportError(file, ImportProblem.MALFORMED, reason or "changed")
            entry = self.entry(existing.id)
            if state == "updated" and transcript is not None:
                return "updated", entry, self._corrected(existing.id, transcript)
            return "unchanged", entry, None
        try:
            mtime = file.stat().st_mtime  # before reading: a file saved again meanwhile is newer
        except (OSError, RuntimeError):
            mtime = 0.0  # the import names the problem
        transcript = self._import(file)
        moved = self._moved_entry(transcript.source.sha256)
        if moved is not None:
            self._store(moved, transcript, mtime, file)
            entry = self.entry(moved)
            return "moved", entry, self._corrected(entry.id, transcript)
        new_id = self._store(None, transcript, mtime, file)
        return "added", self.entry(new_id), transcript

    def _corrected(self, transcript_id: int, transcript: Transcript) -> Transcript:
        fixed = apply_fixes(transcript, self.fixes(transcript_id))
        return apply_corrections(fixed, self.corrections(transcript_id))

    def _store(
        self,
        transcript_id: int | None,
        transcript: Transcript,
        mtime: float,
        path: Path,
        *,
        forced: tuple[str | None, str | None] = (None, None),
    ) -> int:
        """Insert or update one row from a fresh parse (one transaction); `forced` is the
        (format, encoding) the parse was asked for."""
        now = timestamp()
        src = transcript.source
        corrected = (
            self._corrected(transcript_id, transcript)
            if transcript_id is not None
            else transcript
        )
        values: dict[str, Any] = {
            "path": _norm(path),
            "sha256": src.sha256,
            "size": src.size,
            "mtime": mtime,
            "format": src.format,
            "encoding": src.encoding,
            "title": transcript.title,
            "metadata": json.dumps(dataclasses.asdict(transcript.metadata), ensure_ascii=False),
            "report": json.dumps(dataclasses.asdict(transcript.report), ensure_ascii=False),
            "speakers": json.dumps([s.name for s in corrected.speakers], ensure_ascii=False),
            "turns": len(transcript.turns),
            "status": str(Status.OK),
            "updated_at": now,
            "parsed": transcript_to_json(transcript),
            "cache_version": _cache_version(),
            "index_version": index_version(corrected),
            "forced_format": forced[0],
            "forced_encoding": forced[1],
        }
        with self._lock, self._conn:
            if transcript_id is None:
                # Another process (a second `verbatim index`) may have added the same path
                # since `find`: then this parse updates that row instead of failing UNIQUE.
                updates = ", ".join(f"{name} = excluded.{name}" for name in values)
                values["added_at"] = now
                columns = ", ".join(values)
                marks = ", ".join("?" for _ in values)
                cursor = self._conn.execute(
                    f"INSERT INTO transcripts ({columns}) VALUES ({marks})"
                    f" ON CONFLICT (path) DO UPDATE SET {updates} RETURNING id",
                    tuple(values.values()),
                )
                return int(cursor.fetchone()[0])
            assignments = ", ".join(f"{name} = ?" for name in values)
            self._conn.execute(
                f"UPDATE transcripts SET {assignments} WHERE id = ?",
                (*values.values(), transcript_id),
            )
            return transcript_id

    def _set_status(self, transcript_id: int, status: Status) -> None:
        if self.read_only:
            return
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE transcripts SET status = ? WHERE id = ?", (str(status), transcript_id)
            )


# -- corrections --------------------------------------------------------------------------


def apply_corrections(
    transcript: Transcript, corrections: Sequence[SpeakerCorrection]
) -> Transcript:
    """The transcript as the user corrected it. Turn indices never change (quotes anchor on
    them): a merge re-attributes turns, it does not join them."""
    if not corrections:
        return transcript
    speakers = {s.id: s for s in transcript.speakers}

    def resolve(c: SpeakerCorrection) -> str | None:
        if c.speaker_id in speakers:
            return c.speaker_id
        for s in speakers.values():  # the importer gave the speaker a new id: find it by name
            if c.speaker_name == s.name or c.speaker_name in s.aliases:
                return s.id
        return None

    merged_into: dict[str, str] = {}
    for c in corrections:
        sid = resolve(c)
        if sid is None:
            continue
        s = speakers[sid]
        if c.kind is CorrectionKind.RENAME and c.value != s.name:
            aliases = s.aliases if s.name in s.aliases else (*s.aliases, s.name)
            speakers[sid] = dataclasses.replace(s, name=c.value, aliases=aliases)
        elif c.kind is CorrectionKind.ROLE:
            try:
                speakers[sid] = dataclasses.replace(s, role=Role(c.value))
            except ValueError:
                continue
    for c in corrections:
        if c.kind is not CorrectionKind.MERGE:
            continue
        sid = resolve(c)
        target = c.value
        while target in merged_into:
            target = merged_into[target]
        if sid is None or target not in speakers or target == sid:
            continue
        source, into = speakers.pop(sid), speakers[target]
        extra = tuple(a for a in (source.name, *source.aliases) if a not in into.aliases)
        speakers[target] = dataclasses.replace(into, aliases=(*into.aliases, *extra))
        merged_into[sid] = target
        for old, new in list(merged_into.items()):
            if new == sid:
                merged_into[old] = target
    turns = tuple(
        dataclasses.replace(t, speaker=merged_into[t.speaker])
        if t.speaker is not None and t.speaker in merged_into
        else t
        for t in transcript.turns
    )
    ordered = tuple(speakers[s.id] for s in transcript.speakers if s.id in speakers)
    return dataclasses.replace(transcript, speakers=ordered, turns=turns)


# -- the stored copy ----------------------------------------------------------------------


def transcript_to_json(transcript: Transcript) -> str:
    """A lossless JSON copy of a parsed transcript (every field, unlike the parse contract)."""
    return json.dumps(dataclasses.asdict(transcript), ensure_ascii=False, separators=(",", ":"))


def _segment(s: dict[str, Any]) -> Segment:
    words = tuple(WordTime(w["start"], w["end"], w["text"]) for w in s.get("words", ()))
    return Segment(s["start"], s["end"], s["text"], words)


def transcript_from_json(text: str) -> Transcript:
    """Inverse of `transcript_to_json`. Raises KeyError/TypeError/ValueError on a bad copy."""
    d = json.loads(text)
    turns = tuple(
        Turn(
            speaker=t["speaker"],
            text=t["text"],
            start=t["start"],
            end=t["end"],
            segments=tuple(_segment(s) for s in t["segments"]),
            annotations=tuple(
                Annotation(a["start"], a["end"], AnnotationKind(a["kind"]))
                for a in t["annotations"]
            ),
        )
        for t in d["turns"]
    )
    speakers = tuple(
        Speaker(
            id=s["id"],
            name=s["name"],
            role=Role(s["role"]),
            affiliation=s["affiliation"],
            aliases=tuple(s["aliases"]),
        )
        for s in d["speakers"]
    )
    report = d["report"]
    return Transcript(
        source=Source(**d["source"]),
        metadata=Metadata(**d["metadata"]),
        speakers=speakers,
        sections=tuple(Section(**s) for s in d["sections"]),
        turns=turns,
        report=ImportReport(
            removed=tuple(report["removed"]),
            repaired=tuple(report["repaired"]),
            warnings=tuple(report["warnings"]),
        ),
    )


def _cached(row: sqlite3.Row) -> Transcript | None:
    if row["parsed"] is None or row["cache_version"] != _cache_version():
        return None
    try:
        return transcript_from_json(row["parsed"])
    except (KeyError, TypeError, ValueError):
        return None  # an older or damaged copy: the caller re-imports the file


# -- helpers ------------------------------------------------------------------------------


def _entry(row: sqlite3.Row) -> LibraryEntry:
    metadata = json.loads(row["metadata"])
    return LibraryEntry(
        id=row["id"],
        path=row["path"],
        title=row["title"],
        date=metadata.get("date"),
        outlet=metadata.get("outlet"),
        speakers=tuple(json.loads(row["speakers"])),
        turns=row["turns"],
        status=Status(row["status"]),
        format=row["format"],
        encoding=row["encoding"],
        sha256=row["sha256"],
        size=row["size"],
        mtime=row["mtime"],
        added_at=row["added_at"],
        updated_at=row["updated_at"],
    )


def _norm(path: str | Path) -> str:
    return source_key(path)


def cached_copy_matches(row: sqlite3.Row, path: Path) -> bool:
    """True when the file's bytes now have the SHA-256 the row was imported from and the row's
    stored copy is usable (so the file need not be parsed again to know what it says)."""
    if _cached(row) is None:
        return False
    try:  # bounded, regular files only: a pipe put in its place must not hang the check
        digest = sha256_of(path, MAX_BYTES)
    except TranscriptImportError:
        return False
    return bool(digest == row["sha256"])


def timestamp() -> str:
    """Now, as every table in the library file stores it (library rows, quotes, citation
    details): UTC, ISO 8601 to the second, so that text order is time order."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _transcript_suffixes() -> frozenset[str]:
    """Extensions some importer claims: a folder's other files (.svg, .py...) are left alone."""
    return frozenset(ext for imp in available_importers() for ext in imp.extensions)


def _expand(
    items: Iterable[str | Path],
) -> tuple[list[tuple[Path, bool]], list[tuple[str, str]]]:
    """Files to add: (path, named explicitly), and the folder entries skipped because they
    are not regular files (path, reason). Folders are walked, hidden entries skipped, and
    only files with an extension an importer claims are taken from them; a named pipe, a
    device or a symbolic link loop in a folder is never opened (it would hang or never end)."""
    suffixes = _transcript_suffixes()
    found: list[tuple[Path, bool]] = []
    special: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def once(path: Path, explicit: bool) -> None:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):  # a symbolic link loop: import_file names it
            resolved = path.absolute()
        if resolved not in seen:
            seen.add(resolved)
            found.append((path, explicit))

    for item in items:
        path = Path(item).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or (
                        suffixes and not name.lower().endswith(tuple(suffixes))
                    ):
                        continue
                    file = Path(root) / name
                    reason = _not_regular(file)
                    if reason is not None:
                        special.append((str(file), reason))
                        continue
                    once(file, False)
        else:
            once(path, True)
    return found, special


def _not_regular(file: Path) -> str | None:
    """Why a folder entry is not a file to read (following links), or None."""
    try:
        mode = os.stat(file).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop"
        if isinstance(exc, FileNotFoundError):
            return "is a link to nothing"
        return f"cannot be read ({exc.strerror or exc.__class__.__name__})"
    kind = kind_of(mode)
    return None if kind is None else f"is {kind}, not a file"
