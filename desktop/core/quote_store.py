"""The quote board and per-transcript citation details, stored in the library database.

Same SQLite file as the library (`library.sqlite3` in the user data folder, opened with
`library.connect`), own tables
`quotes` and `citation_details`. Every write is one transaction committed before the method
returns, so a crash or a kill right after `add()` loses nothing that was added. Stale quotes
(their source changed) are flagged, never dropped.

Identity: a quote and a transcript's citation details belong to a library entry (`entry_id`),
so a file that moves keeps them; the source's resolved path and SHA-256 are kept beside it, to
verify the words and for sources that were never added to the library. Files made before the
entry id existed are migrated when opened (every quote kept; ids filled in by path).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core import library, storage
from desktop.core.citations.record import (
    FIELDS,
    CitationRecord,
    Locator,
    record_from_mapping,
    record_from_transcript,
)
from desktop.core.errors import VerbatimError
from desktop.core.model import Transcript
from desktop.core.quotes import Quote, Verification, reanchor, verify, with_elisions

_SCHEMA = """
CREATE TABLE IF NOT EXISTS quotes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    position      INTEGER NOT NULL,
    source_path   TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    turn          INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    before        TEXT NOT NULL DEFAULT '',
    after         TEXT NOT NULL DEFAULT '',
    elisions      TEXT NOT NULL DEFAULT '[]',
    speaker       TEXT,
    para          INTEGER,
    seconds       REAL,
    note          TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '[]',
    stale         INTEGER NOT NULL DEFAULT 0,
    created       TEXT NOT NULL,
    entry_id      INTEGER REFERENCES transcripts (id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS quotes_position ON quotes (position);
CREATE INDEX IF NOT EXISTS quotes_source ON quotes (source_path);
CREATE TABLE IF NOT EXISTS citation_details (
    source_path TEXT PRIMARY KEY,
    details     TEXT NOT NULL,
    updated     TEXT NOT NULL,
    entry_id    INTEGER REFERENCES transcripts (id) ON DELETE SET NULL
);
"""

#: Run after `_SCHEMA` on every open: columns older files lack, then entry ids filled in for
#: rows whose path is (now) in the library. Nothing is dropped or rewritten.
_ENTRY_COLUMN = "entry_id INTEGER REFERENCES transcripts (id) ON DELETE SET NULL"
_UNLINKED = (
    "entry_id IS NULL AND source_path IN (SELECT path FROM transcripts)"
)
_BACKFILL = (
    "UPDATE {table} SET entry_id = (SELECT t.id FROM transcripts t"
    " WHERE t.path = {table}.source_path) WHERE " + _UNLINKED
)


def _link(conn: sqlite3.Connection, table: str) -> None:
    """Fill in entry ids by path; writes only when some row needs it (a file opened read-only
    stays untouched)."""
    if conn.execute(f"SELECT 1 FROM {table} WHERE {_UNLINKED} LIMIT 1").fetchone():
        conn.execute(_BACKFILL.format(table=table))


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Which transcript a quote or citation details belong to: the library entry when there is
    one, and the source's resolved path (the key for files never added to the library)."""

    path: str
    entry_id: int | None = None



class QuoteNotStoredError(VerbatimError):
    """A quote id that is not on the board (removed meanwhile, say)."""

    def __init__(self, quote_id: int) -> None:
        self.quote_id = quote_id
        super().__init__(f"quote {quote_id} is not on the board")


@dataclass(frozen=True, slots=True)
class BoardQuote:
    """A quote on the board: the anchored words plus the user's note, tags and order."""

    id: int
    quote: Quote
    position: int
    note: str = ""
    tags: tuple[str, ...] = ()
    #: The source changed and the words are no longer at their anchor.
    stale: bool = False
    created: str = ""
    #: The library entry the words were taken from (None: a file not in the library).
    entry_id: int | None = None

    @property
    def source(self) -> SourceRef:
        return SourceRef(self.quote.source_path, self.entry_id)


def connect(path: str | Path | None = None) -> sqlite3.Connection:
    """Open the library database (the library's `connect`: WAL, busy timeout, its tables)
    and create the quote tables."""
    conn = library.connect(path)
    assert isinstance(conn, storage.GuardedConnection)
    if conn.read_only:
        storage.create_tables(conn, _SCHEMA)  # tables it lacks: empty, in memory
        return conn
    if _needs_migration(conn):  # a schema change: back the file up first
        storage.backup_before_migration(conn, conn.db_path, "quotes")
    with conn:
        conn.executescript(_SCHEMA)
        migrate(conn)
    return conn


def _needs_migration(conn: sqlite3.Connection) -> bool:
    """True when a quote table made by an older release lacks the entry id."""
    for table in ("quotes", "citation_details"):
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if columns and "entry_id" not in columns:
            return True
    return False


def migrate(conn: sqlite3.Connection) -> None:
    """Add the entry id to quote tables made by an older release and fill it in by path (call
    inside a transaction). Idempotent; keeps every row."""
    for table in ("quotes", "citation_details"):
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if "entry_id" not in columns:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {_ENTRY_COLUMN}")
        _link(conn, table)
    conn.execute("CREATE INDEX IF NOT EXISTS quotes_entry ON quotes (entry_id)")


#: The columns that say where a quote stands and what it says, in `_anchor_values` order:
#: written when a quote is added and again when it is re-anchored.
_ANCHOR_COLUMNS = (
    "source_path", "source_sha256", "turn", "start", '"end"',
    "text", "before", "after", "elisions", "speaker", "para", "seconds",
)
_INSERT_QUOTE = (
    f"INSERT INTO quotes (position, {', '.join(_ANCHOR_COLUMNS)}, note, tags, created, entry_id)"
    f" VALUES ({', '.join('?' * (len(_ANCHOR_COLUMNS) + 5))})"
)
_UPDATE_ANCHOR = (
    f"UPDATE quotes SET {', '.join(c + ' = ?' for c in _ANCHOR_COLUMNS)}, stale = 0 WHERE id = ?"
)


def _anchor_values(quote: Quote) -> tuple[Any, ...]:
    """`quote`'s values for `_ANCHOR_COLUMNS`."""
    locator = quote.locator or Locator()
    return (
        quote.source_path,
        quote.source_sha256,
        quote.turn,
        quote.start,
        quote.end,
        quote.text,
        quote.before,
        quote.after,
        json.dumps([list(gap) for gap in quote.elisions]),
        quote.speaker,
        locator.paragraph,
        locator.seconds,
    )


def _tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, de-duplicated, in the order given."""
    seen: dict[str, None] = {}
    for tag in tags:
        tag = tag.strip()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


class QuoteStore:
    """The board. Methods are thread-safe (one lock around the one connection)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._conn = connect(path)
        self._lock = threading.RLock()

    @classmethod
    def on_connection(cls, connection: sqlite3.Connection) -> QuoteStore:
        """A board over a connection whose tables exist already (a team library's, through
        `desktop.core.team.dbapi`, which speaks this module's SQL)."""
        store = cls.__new__(cls)
        store._conn = connection
        store._lock = threading.RLock()
        return store

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> QuoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------------

    def get(self, quote_id: int) -> BoardQuote:
        with self._lock:
            row = self._conn.execute("SELECT * FROM quotes WHERE id = ?", (quote_id,)).fetchone()
        if row is None:
            raise QuoteNotStoredError(quote_id)
        return _board_quote(row)

    def quotes(
        self,
        *,
        text: str | None = None,
        tag: str | None = None,
        source: str | SourceRef | None = None,
        stale: bool | None = None,
    ) -> list[BoardQuote]:
        """Quotes in board order; `text` matches words, note, speaker or tags (any case);
        `source` a path, or a `SourceRef` (its entry's quotes, and those stored by its path)."""
        where: list[str] = []
        args: list[Any] = []
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                "(text LIKE ? ESCAPE '\\' OR note LIKE ? ESCAPE '\\' "
                "OR IFNULL(speaker, '') LIKE ? ESCAPE '\\' OR tags LIKE ? ESCAPE '\\')"
            )
            args += [pattern] * 4
        if isinstance(source, SourceRef) and source.entry_id is not None:
            where.append("(entry_id = ? OR source_path = ?)")
            args += [source.entry_id, source.path]
        elif source is not None:
            where.append("source_path = ?")
            args.append(source.path if isinstance(source, SourceRef) else source)
        if stale is not None:
            where.append("stale = ?")
            args.append(int(stale))
        sql = "SELECT * FROM quotes"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY position, id"
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        items = [_board_quote(row) for row in rows]
        if tag is not None:
            items = [item for item in items if tag in item.tags]
        return items

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0])

    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        with self._lock:
            rows = self._conn.execute("SELECT tags FROM quotes").fetchall()
        return sorted({tag for row in rows for tag in json.loads(row["tags"])}, key=str.casefold)

    # -- writing (each method: one committed transaction) --------------------------------

    def add(
        self,
        quote: Quote,
        *,
        note: str = "",
        tags: Iterable[str] = (),
        entry_id: int | None = None,
    ) -> BoardQuote:
        """Put a quote at the end of the board; committed when this returns."""
        return self.add_many([quote], note=note, tags=tags, entry_id=entry_id)[0]

    def add_many(
        self,
        quotes: Sequence[Quote],
        *,
        note: str = "",
        tags: Iterable[str] = (),
        entry_id: int | None = None,
    ) -> list[BoardQuote]:
        """Several quotes (the pieces of a multi-turn selection) in one transaction.
        `entry_id`: the library entry they were taken from (None: found by path, if any)."""
        tag_json = json.dumps(list(_tags(tags)), ensure_ascii=False)
        ids: list[int] = []
        with self._lock, self._conn:
            top = self._conn.execute("SELECT IFNULL(MAX(position), -1) FROM quotes").fetchone()[0]
            for offset, quote in enumerate(quotes):
                cursor = self._conn.execute(
                    _INSERT_QUOTE,
                    (
                        int(top) + 1 + offset,
                        *_anchor_values(quote),
                        note,
                        tag_json,
                        library.timestamp(),
                        entry_id if entry_id is not None else self._entry_of(quote.source_path),
                    ),
                )
                ids.append(int(cursor.lastrowid or 0))
        return [self.get(quote_id) for quote_id in ids]

    def update(
        self, quote_id: int, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> BoardQuote:
        """Change the note and/or tags (the words themselves are never editable)."""
        with self._lock, self._conn:
            self._require(quote_id)
            if note is not None:
                self._conn.execute("UPDATE quotes SET note = ? WHERE id = ?", (note, quote_id))
            if tags is not None:
                self._conn.execute(
                    "UPDATE quotes SET tags = ? WHERE id = ?",
                    (json.dumps(list(_tags(tags)), ensure_ascii=False), quote_id),
                )
        return self.get(quote_id)

    def remove(self, *quote_ids: int) -> None:
        """Take quotes off the board (unknown ids are ignored)."""
        with self._lock, self._conn:
            self._conn.executemany("DELETE FROM quotes WHERE id = ?", [(i,) for i in quote_ids])

    def move(self, quote_id: int, index: int) -> None:
        """Move one quote to `index` in board order (drag and drop)."""
        with self._lock, self._conn:
            self._require(quote_id)
            order = [
                row[0] for row in self._conn.execute("SELECT id FROM quotes ORDER BY position, id")
            ]
            order.remove(quote_id)
            order.insert(max(0, min(index, len(order))), quote_id)
            self._write_order(order)

    def reorder(self, quote_ids: Sequence[int]) -> None:
        """Set the board order: `quote_ids` first, in that order, then any others as they were."""
        with self._lock, self._conn:
            current = [
                row[0] for row in self._conn.execute("SELECT id FROM quotes ORDER BY position, id")
            ]
            wanted = [i for i in dict.fromkeys(quote_ids) if i in set(current)]
            rest = [i for i in current if i not in set(wanted)]
            self._write_order(wanted + rest)

    def set_elisions(self, quote_id: int, elisions: Iterable[tuple[int, int]]) -> BoardQuote:
        """Shorten a quote (or restore it with `()`): which of its words are left out as `…`.
        The words themselves never change; each omission must lie strictly inside the quote
        (`QuoteAnchorError` otherwise, nothing stored)."""
        with self._lock, self._conn:
            row = self._conn.execute("SELECT * FROM quotes WHERE id = ?", (quote_id,)).fetchone()
            if row is None:
                raise QuoteNotStoredError(quote_id)
            shortened = with_elisions(_board_quote(row).quote, elisions)
            self._conn.execute(
                "UPDATE quotes SET elisions = ? WHERE id = ?",
                (json.dumps([list(gap) for gap in shortened.elisions]), quote_id),
            )
        return self.get(quote_id)

    def mark_stale(self, quote_id: int, stale: bool = True) -> None:
        with self._lock, self._conn:
            self._require(quote_id)
            self._conn.execute("UPDATE quotes SET stale = ? WHERE id = ?", (int(stale), quote_id))

    def replace_anchor(self, quote_id: int, quote: Quote) -> BoardQuote:
        """Store a re-anchored quote (same words, new place); clears the stale flag."""
        with self._lock, self._conn:
            self._require(quote_id)
            self._conn.execute(_UPDATE_ANCHOR, (*_anchor_values(quote), quote_id))
        return self.get(quote_id)

    def refresh(self, transcript: Transcript) -> list[BoardQuote]:
        """Check this transcript's quotes against it: moved words are re-anchored, changed or
        missing ones flagged stale, exact ones unflagged. Returns the quotes that changed."""
        changed: list[BoardQuote] = []
        for item in self.quotes(source=transcript.source.path):
            status = verify(item.quote, transcript)
            if status is Verification.EXACT:
                if item.stale:
                    self.mark_stale(item.id, False)
                    changed.append(self.get(item.id))
                continue
            fresh = reanchor(item.quote, transcript) if status is Verification.MOVED else None
            if fresh is not None:
                changed.append(self.replace_anchor(item.id, fresh))
            elif not item.stale:
                self.mark_stale(item.id, True)
                changed.append(self.get(item.id))
        return changed

    # -- citation details per transcript ------------------------------------------------

    def details(self, source: str | SourceRef) -> dict[str, Any] | None:
        """The user's citation details for a transcript (META.json form), or None: those of
        its library entry first, else those stored under its path."""
        ref = _ref(source)
        with self._lock:
            row = None
            if ref.entry_id is None:
                ref = SourceRef(ref.path, self._entry_of(ref.path))
            if ref.entry_id is not None:
                row = self._conn.execute(
                    "SELECT details FROM citation_details WHERE entry_id = ?"
                    " ORDER BY updated DESC LIMIT 1",
                    (ref.entry_id,),
                ).fetchone()
            if row is None:
                row = self._conn.execute(
                    "SELECT details FROM citation_details WHERE source_path = ?", (ref.path,)
                ).fetchone()
        return dict(json.loads(row["details"])) if row else None

    def set_details(
        self, source_path: str | SourceRef, details: CitationRecord | Mapping[str, Any]
    ) -> None:
        """Save citation details (validated: a bad date raises `CitationDetailsError`).

        In a mapping, "" (or [] for interviewees) is a field the user cleared: it stays empty
        whatever the import says. A missing key or None is a field the user never set: the
        import's value shows. A `CitationRecord`'s empty fields are "never set".
        """
        data = {name: None for name in FIELDS} | _stored_form(details)
        with self._lock, self._conn:
            self._write_details(_ref(source_path), data)

    def edit_details(self, source_path: str | SourceRef, changes: Mapping[str, Any]) -> None:
        """Apply the fields the user changed ("" / [] = cleared) on top of the stored details;
        fields not in `changes` (or None there: not edited) keep their stored state."""
        update = {k: v for k, v in _stored_form(changes).items() if v is not None}
        with self._lock, self._conn:
            current = self.details(source_path) or {name: None for name in FIELDS}
            self._write_details(_ref(source_path), current | update)

    def _write_details(self, ref: SourceRef, data: Mapping[str, Any]) -> None:
        """One row per source: the entry's row (under its current path) or the path's."""
        entry_id = ref.entry_id if ref.entry_id is not None else self._entry_of(ref.path)
        if entry_id is not None:
            self._conn.execute(
                "DELETE FROM citation_details WHERE entry_id = ? AND source_path != ?",
                (entry_id, ref.path),
            )
        self._conn.execute(
            "INSERT INTO citation_details (source_path, details, updated, entry_id)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (source_path) DO UPDATE SET"
            " details = excluded.details, updated = excluded.updated,"
            " entry_id = excluded.entry_id",
            (ref.path, json.dumps(data, ensure_ascii=False), library.timestamp(), entry_id),
        )

    def clear_details(self, source_path: str | SourceRef) -> None:
        ref = _ref(source_path)
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM citation_details WHERE source_path = ?", (ref.path,))
            if ref.entry_id is not None:
                self._conn.execute(
                    "DELETE FROM citation_details WHERE entry_id = ?", (ref.entry_id,)
                )

    def record_for(self, transcript: Transcript, entry_id: int | None = None) -> CitationRecord:
        """What the import says, overridden by the user's stored details (a cleared field stays
        empty; "Reset to Import" is `clear_details`)."""
        record = record_from_transcript(transcript)
        stored = self.details(SourceRef(transcript.source.path, entry_id))
        return record.merged(stored) if stored else record

    # -- helpers -------------------------------------------------------------------------

    def link_entries(self) -> None:
        """Tie quotes and details stored by path to the library entry now holding that path
        (a file added to the library after its words were quoted)."""
        with self._lock, self._conn:
            for table in ("quotes", "citation_details"):
                _link(self._conn, table)

    def _entry_of(self, path: str) -> int | None:
        """The library entry stored under this path, if any."""
        row = self._conn.execute("SELECT id FROM transcripts WHERE path = ?", (path,)).fetchone()
        return int(row[0]) if row is not None else None

    def _require(self, quote_id: int) -> None:
        row = self._conn.execute("SELECT 1 FROM quotes WHERE id = ?", (quote_id,)).fetchone()
        if row is None:
            raise QuoteNotStoredError(quote_id)

    def _write_order(self, order: Sequence[int]) -> None:
        self._conn.executemany(
            "UPDATE quotes SET position = ? WHERE id = ?",
            [(pos, qid) for pos, qid in enumerate(order)],
        )


def _ref(source: str | SourceRef) -> SourceRef:
    return source if isinstance(source, SourceRef) else SourceRef(source)


def _is_cleared(name: str, value: Any) -> bool:
    """An emptied field: blank text, or no interviewees at all."""
    if isinstance(value, str):
        return not value.strip()
    return name == "interviewees" and isinstance(value, list | tuple) and not value


def _stored_form(details: CitationRecord | Mapping[str, Any]) -> dict[str, Any]:
    """Validated details in the stored (META.json) form, keeping "cleared" apart from "never
    set": only the fields present in a mapping, cleared ones as "" / []."""
    if isinstance(details, CitationRecord):
        return details.to_mapping()
    normal = record_from_mapping(details).to_mapping()  # validates (dates, people)
    out: dict[str, Any] = {}
    for name in FIELDS:
        if name not in details:
            continue
        value = details[name]
        if value is None:
            out[name] = None
        elif _is_cleared(name, value):
            out[name] = [] if name == "interviewees" else ""
        else:
            out[name] = normal[name]
    return out


def board_quote(row: sqlite3.Row) -> BoardQuote:
    """A stored row as a BoardQuote (also read by a team library's shared boards)."""
    return _board_quote(row)


def _board_quote(row: sqlite3.Row) -> BoardQuote:
    para, seconds = row["para"], row["seconds"]
    locator = (
        Locator(paragraph=para, seconds=seconds)
        if para is not None or seconds is not None
        else None
    )
    quote = Quote(
        source_path=row["source_path"],
        source_sha256=row["source_sha256"],
        turn=row["turn"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        before=row["before"],
        after=row["after"],
        elisions=tuple((int(a), int(b)) for a, b in json.loads(row["elisions"])),
        speaker=row["speaker"],
        locator=locator,
    )
    return BoardQuote(
        id=row["id"],
        quote=quote,
        position=row["position"],
        note=row["note"],
        tags=tuple(json.loads(row["tags"])),
        stale=bool(row["stale"]),
        created=row["created"],
        entry_id=row["entry_id"],
    )
