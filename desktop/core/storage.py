"""The library database file on disk: opening it safely, read-only mode, damage, backups.

Why a module of its own: the library and the quote board share one SQLite file, and what can
go wrong with that file (a damaged or truncated copy from a sync client, a read-only data
folder, a full disk, another Verbatim writing) must end in one sentence with a way out, the
same way for every table. `open_database` returns a `GuardedConnection`, whose statements turn
SQLite's low-level errors into `StorageError`s naming the file.

Read-only mode: when the data folder (or the database file) cannot be written, the database
is opened read-only (`mode=ro`, and `immutable=1` when not even SQLite's WAL side files can be
created); reading and searching work, writes raise `ReadOnlyLibraryError`.

Backups: `backup_before_migration` copies the database (SQLite's online backup, consistent
even while another process writes) to `backups/` next to it before a schema change, keeping
the newest `KEEP_BACKUPS`.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.core.errors import FileError, shown

#: How many database backups to keep (oldest removed first).
KEEP_BACKUPS = 3
BACKUP_DIR = "backups"


class StorageError(FileError):
    """A file Verbatim keeps (database, index) cannot be used; `reason` says why and what to do."""


class LibraryDamagedError(StorageError):
    """The database file is not a database any more, or its pages are damaged."""


class ReadOnlyLibraryError(StorageError):
    """A write to a library opened read-only (the data folder cannot be written)."""


class LibraryBusyError(StorageError):
    """Another process held the database past the busy timeout, or committed while this one
    read (SQLite then refuses the write at once: SQLITE_BUSY_SNAPSHOT). Trying the operation
    again is the remedy SQLite documents."""


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR


def damaged_reason(db_path: Path, detail: str) -> str:
    """The sentence for a damaged database, with the way out (a backup, if there is one)."""
    backups = sorted(backup_dir(db_path).glob(f"{db_path.stem}-*.sqlite3"))
    way_out = (
        f"quit Verbatim and copy the newest backup ({shown(backups[-1])}) over it, or move it "
        "aside to start a new library" if backups
        else "quit Verbatim and move it aside to start a new library"
    )
    return (
        f"the library database is damaged ({detail}); {way_out}. Your transcript files are "
        "not touched"
    )


READ_ONLY_REASON = (
    "the library is read-only (its folder cannot be written): searching and reading work, "
    "adding and changing do not"
)


def os_reason(exc: OSError) -> str:
    """A short phrase for an OSError met while writing Verbatim's own files."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and try again (nothing saved was lost)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "cannot be written (permission denied or a read-only disk)"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return "is a file where a folder is needed; move it aside"
    return f"cannot be written ({exc.strerror or exc.__class__.__name__})"


def translate(exc: sqlite3.Error, db_path: Path) -> Exception:
    """The StorageError for an SQLite error about the file itself; `exc` for anything else."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    message = str(exc)
    if code in (11, 26) or "malformed" in message or "not a database" in message:
        return LibraryDamagedError(db_path, damaged_reason(db_path, message))
    if code == 13 or "disk is full" in message:
        return StorageError(db_path, "the disk is full; free some space and try again "
                                     "(nothing saved was lost)")
    if code == 8 or "readonly" in message:
        return ReadOnlyLibraryError(db_path, READ_ONLY_REASON)
    if code in (5, 6) or "database is locked" in message:
        return LibraryBusyError(db_path, "the library is busy in another Verbatim; try again")
    if code in (10, 14):
        return StorageError(db_path, f"the library database cannot be used ({message})")
    return exc


class GuardedConnection(sqlite3.Connection):
    """A connection whose statements raise StorageError for a damaged, full or read-only file."""

    db_path: Path = Path()
    read_only: bool = False

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().execute(*args, **kwargs)
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from None

    def executemany(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().executemany(*args, **kwargs)
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from None

    def executescript(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        if self.read_only:
            raise ReadOnlyLibraryError(self.db_path, READ_ONLY_REASON)
        try:
            return super().executescript(*args, **kwargs)
        except sqlite3.Error as exc:
            raise translate(exc, self.db_path) from None

    def __exit__(self, *exc_info: Any) -> Any:
        try:
            return super().__exit__(*exc_info)
        except sqlite3.Error as exc:  # the commit itself failed (disk full, say)
            raise translate(exc, self.db_path) from None


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def open_database(db_path: Path) -> GuardedConnection:
    """Open (or create) the database file: read-write when its folder can be written, else
    read-only; a file that is not a readable SQLite database raises LibraryDamagedError."""
    folder = db_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(folder, os_reason(exc)) from None
    if not folder.is_dir():
        raise StorageError(folder, "is a file where a folder is needed; move it aside")
    folder_ok = _writable(folder)
    exists = db_path.exists()
    read_only = not folder_ok or (exists and not _writable(db_path))
    if read_only and not exists:
        raise ReadOnlyLibraryError(
            folder, "the data folder cannot be written and holds no library yet"
        )
    if exists and not db_path.is_file():
        raise StorageError(db_path, "is not a file; move it aside to start a new library")
    try:
        if read_only:
            flags = "mode=ro" + ("&immutable=1" if not folder_ok else "")
            uri = f"{db_path.resolve().as_uri()}?{flags}"
            conn = sqlite3.connect(uri, uri=True, timeout=10.0, check_same_thread=False,
                                   factory=GuardedConnection)
        else:
            conn = sqlite3.connect(db_path, timeout=10.0, check_same_thread=False,
                                   factory=GuardedConnection)
    except sqlite3.Error as exc:
        raise translate(exc, db_path) from None
    assert isinstance(conn, GuardedConnection)
    conn.db_path = db_path
    conn.read_only = read_only
    conn.row_factory = sqlite3.Row
    try:
        # Reading the schema reads the header and the first page: a file that is not an
        # SQLite database (garbled, truncated to a few bytes) fails here, not mid-search.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if read_only:
            conn.execute("PRAGMA query_only=ON")
        else:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, db_path) from None
    except StorageError:
        conn.close()
        raise
    return conn


def backup_before_migration(conn: sqlite3.Connection, db_path: Path, label: str) -> Path | None:
    """Copy the database to `backups/library-<time>-<label>.sqlite3` before a schema change,
    keeping the newest KEEP_BACKUPS. Returns the copy (None for a new, empty database)."""
    if not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        return None  # nothing to lose yet
    folder = backup_dir(db_path)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{label}.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(target)
        try:
            conn.backup(copy)
        finally:
            copy.close()
    except OSError as exc:
        raise StorageError(folder, os_reason(exc)) from None
    except sqlite3.Error as exc:
        raise translate(exc, target) from None
    backups = sorted(folder.glob(f"{db_path.stem}-*.sqlite3"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return target


def is_read_only(conn: sqlite3.Connection) -> bool:
    """True for a connection `open_database` opened read-only."""
    return bool(getattr(conn, "read_only", False))


_TABLE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) (\(.*?\n\));", re.DOTALL)


def create_tables(conn: GuardedConnection, script: str) -> None:
    """Run a module's `CREATE TABLE IF NOT EXISTS` script. On a read-only file, the tables
    it lacks are made empty in memory instead (TEMP), so reading them finds nothing rather
    than failing: a library made before the quote board has no board to show."""
    if not conn.read_only:
        with conn:
            conn.executescript(script)
        return
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    missing = [(name, body) for name, body in _TABLE.findall(script) if name not in present]
    if not missing:
        return
    conn.execute("PRAGMA query_only=OFF")  # TEMP tables live in memory, not in the file
    try:
        for name, body in missing:
            sqlite3.Connection.execute(conn, f"CREATE TEMP TABLE {name} {body}")
    finally:
        conn.execute("PRAGMA query_only=ON")
