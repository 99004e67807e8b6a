"""Opening a team library: the same `Workspace` door, with PostgreSQL behind it.

    ws = open_team_workspace("postgresql://alice@db.newsroom/interviews")
    ws.open_index()        # the team's search engine; syncs what this laptop changed
    ws.search("speaker:blinken sanctions")

The library, the speaker corrections, the citation details and the user's own quote board all
live in the team database (the laptop's Library and QuoteStore classes over
`dbapi.SqliteStyleConnection`); search is `pg_search.PgSearchEngine`. Two connections: one
for the stores, one for the engine, so a long search never waits behind a write.
"""

from __future__ import annotations

from typing import Any

from desktop.core.quote_store import BoardQuote, QuoteStore
from desktop.core.search import Cancelled, OpenedIndex, Progress
from desktop.core.team.connection import TeamUrl, connect, translate
from desktop.core.team.dbapi import SqliteStyleConnection
from desktop.core.team.library import TeamLibrary
from desktop.core.team.pg_search import PgSearchEngine
from desktop.core.team.schema import migrate
from desktop.core.workspace import Workspace


class TeamWorkspace(Workspace):
    """A workspace whose stores and index are a team database."""

    def __init__(self, url: str, library: TeamLibrary, quotes: QuoteStore,
                 engine_connection: Any) -> None:
        super().__init__(library, quotes, index_dir=None)
        self.team_library = library
        self.url = url
        self.where = TeamUrl(url).display
        self._engine_connection = engine_connection

    def open_index(
        self,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        wait: float = 0.0,
        write: bool = False,
    ) -> OpenedIndex:
        """The team's index is always there; bring it in line with the library (entries
        another laptop added are indexed by that laptop; what is still missing, here)."""
        engine = PgSearchEngine(self._engine_connection)
        self.attach_index(engine)
        indexed = engine.indexed()
        stale = [tid for tid, version in self.library.index_versions().items()
                 if indexed.get(tid) != version]
        synced = 0
        if stale:
            synced = engine.update_many(
                ((tid, self.library.transcript(tid)) for tid in stale),
                progress=progress, cancelled=cancelled)
        self._reindex()
        return OpenedIndex(engine, read_only=False, rebuilt=False, reason=None, synced=synced)

    def close(self) -> None:
        super().close()
        self._engine_connection.close()

    # -- sharing boards ---------------------------------------------------------------------

    def _sql(self, statement: str, params: tuple[Any, ...] = ()) -> list[Any]:
        conn = self.team_library.connection
        with conn:
            return list(conn.execute(statement, params).fetchall())

    def share_board(self, shared: bool) -> None:
        """Let the team read this user's board (never change it), or stop."""
        self._sql("INSERT INTO board_shares (shared) VALUES (?) ON CONFLICT (owner)"
                  " DO UPDATE SET shared = excluded.shared", (shared,))

    def board_shared(self) -> bool:
        rows = self._sql("SELECT shared FROM board_shares WHERE owner = current_user")
        return bool(rows and rows[0][0])

    def shared_boards(self) -> list[str]:
        """The team members whose boards are shared with the team (not this user)."""
        rows = self._sql("SELECT owner FROM board_shares WHERE shared"
                         " AND owner <> current_user ORDER BY owner")
        return [str(r[0]) for r in rows]

    def shared_board(self, owner: str) -> list[BoardQuote]:
        """Another member's shared board, read-only (row-level security decides)."""
        from desktop.core.quote_store import board_quote

        rows = self._sql("SELECT * FROM board_quotes WHERE owner = ? ORDER BY position, id",
                         (owner,))
        return [board_quote(row) for row in rows]


def open_team_workspace(url: str, *, password: str | None = None) -> TeamWorkspace:
    """Connect (as a member of the team role), create or migrate the tables when this user
    may, and open the workspace. Raises `TeamLibraryError` with one sentence."""
    import psycopg

    where = TeamUrl(url).display
    stores = connect(url, password=password)
    try:
        migrate(stores, where)
        engine_connection = connect(url, password=password)
    except BaseException:
        stores.close()
        raise
    adapter = SqliteStyleConnection(stores, url)
    try:
        library = TeamLibrary(adapter, where)
        quotes = QuoteStore.on_connection(adapter)  # type: ignore[arg-type]
    except psycopg.Error as exc:
        stores.close()
        engine_connection.close()
        raise translate(exc, url) from None
    return TeamWorkspace(url, library, quotes, engine_connection)
