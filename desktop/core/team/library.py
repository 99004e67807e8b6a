"""The team library: the laptop `Library` over PostgreSQL, with the rules a shared archive needs.

The catalogue's rules (imports, corrections re-applied, forced formats, the change outbox)
are the laptop library's own, run over `dbapi.SqliteStyleConnection`. What differs:
- **Importing runs on the laptop**; the server stores the parsed transcript, its SHA-256 and
  the path it was added from (`added_by` says whose laptop). The file itself stays there: a
  newsroom's recordings and drafts are not copied to a server behind the reporter's back, and
  the parsed copy is all that search, quotes and citations need.
- **One entry per file**: a file whose bytes the team already has is that entry, whoever added
  it and wherever it lives ("unchanged"); two people adding it at once get one entry (an
  advisory lock on its hash).
- **Refresh checks only your own files**: another laptop's paths are not "missing" here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.importers import import_file
from desktop.core.isolated_import import in_process
from desktop.core.library import Library, LibraryEntry
from desktop.core.model import Transcript
from desktop.core.team.dbapi import SqliteStyleConnection


class TeamLibrary(Library):
    """A `Library` whose tables live in a team database (see the module docstring)."""

    def __init__(self, connection: SqliteStyleConnection, where: str) -> None:
        # not Library.__init__: the tables exist (schema.migrate), there is no file to open
        import threading

        self.path = Path(where)
        self._conn = connection  # type: ignore[assignment]
        self.connection = connection
        self._lock = threading.RLock()
        self._changes: dict[int, Transcript | None] = {}
        self.where = where
        self._import = in_process  # how a file is parsed (the window may pass its own)

    def add_parsed(
        self,
        path: str | Path,
        transcript: Transcript,
        *,
        format: str | None = None,
        encoding: str | None = None,
        mtime: float | None = None,
    ) -> tuple[str, LibraryEntry]:
        sha = transcript.source.sha256
        raw = self._conn.raw  # type: ignore[attr-defined]
        with self._lock:
            raw.execute("SELECT pg_advisory_lock(hashtext(%s))", (sha,))
            try:
                if self.find(path) is None:
                    same = self._conn.execute(
                        "SELECT id FROM transcripts WHERE sha256 = ? ORDER BY id LIMIT 1", (sha,)
                    ).fetchone()
                    if same is not None:
                        return "unchanged", self.entry(int(same["id"]))
                return super().add_parsed(path, transcript, format=format, encoding=encoding,
                                          mtime=mtime)
            finally:
                raw.execute("SELECT pg_advisory_unlock(hashtext(%s))", (sha,))

    def _add_one(self, file: Path) -> tuple[str, LibraryEntry, Transcript | None]:
        """`verbatim index`/Add Files: a new file goes through `add_parsed` (one entry per
        file content across the team)."""
        if self.find(file) is not None:
            return super()._add_one(file)
        transcript = import_file(file)
        outcome, entry = self.add_parsed(file, transcript)
        fresh = None if outcome == "unchanged" else self._corrected(entry.id, transcript)
        return outcome, entry, fresh

    def _moved_entry(self, sha256: str) -> int | None:
        """Only this user's entries can have moved on this laptop."""
        with self._lock:
            same = self._conn.execute(
                "SELECT id, path FROM transcripts WHERE sha256 = ? AND added_by = current_user",
                (sha256,),
            ).fetchall()
        moved = next((r for r in same if not Path(r["path"]).exists()), None)
        return int(moved["id"]) if moved is not None else None

    def _refreshable(self) -> list[Any]:
        with self._lock:
            return list(self._conn.execute(
                "SELECT * FROM transcripts WHERE added_by = current_user ORDER BY id"
            ).fetchall())
