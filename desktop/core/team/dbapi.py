"""A psycopg connection that speaks the small SQL dialect the laptop stores are written in.

The library (`desktop.core.library.Library`) and the quote board (`quote_store.QuoteStore`)
keep their rules in Python over plain SQL with `?` parameters, `with conn:` transactions,
`cursor.lastrowid` and rows read by name or position (sqlite3's API). Serving the same classes
over PostgreSQL through this adapter keeps one implementation of every rule (corrections,
re-anchoring, citation details) for both libraries, instead of a second copy to drift apart.

What it translates: `?` -> `%s` (and a literal `%` -> `%%`), `IFNULL` -> `COALESCE`, an
`INSERT` into a table with an id gets `RETURNING id` (for `lastrowid`), `PRAGMA` statements do
nothing (PostgreSQL has no such settings per connection). Rows answer `row["name"]` and
`row[0]`. Outside `with conn:` every statement commits by itself (autocommit), so a reader
never holds a transaction open on the server.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

from desktop.core.team.connection import translate as translate_error

_PLACEHOLDER = re.compile(r"\?")
_IFNULL = re.compile(r"\bIFNULL\s*\(", re.IGNORECASE)
_INSERT_WITH_ID = re.compile(r"^\s*INSERT\s+INTO\s+(transcripts|quotes)\b", re.IGNORECASE)


class Row(tuple[Any, ...]):
    """A row readable by position and by column name, like sqlite3.Row."""

    _names: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    row_class = type("Row", (Row,), {"_names": names})
    return lambda values: row_class(values)


def translate(sql: str) -> str:
    """The statement in PostgreSQL's dialect (see the module docstring)."""
    sql = sql.replace("%", "%%")
    sql = _PLACEHOLDER.sub("%s", sql)
    sql = _IFNULL.sub("COALESCE(", sql)
    if _INSERT_WITH_ID.match(sql) and "RETURNING" not in sql.upper():
        sql += " RETURNING id"
    return sql


class Cursor:
    """The result of one `execute`: fetchone/fetchall/iteration and `lastrowid`."""

    def __init__(self, cursor: Any, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self._rows: list[Any] | None = None
        self.lastrowid = lastrowid

    def _all(self) -> list[Any]:
        if self._rows is None:
            self._rows = list(self._cursor.fetchall()) if self._cursor.description else []
        return self._rows

    def fetchone(self) -> Any:
        rows = self._all()
        return rows.pop(0) if rows else None

    def fetchall(self) -> list[Any]:
        rows, self._rows = self._all(), []
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class SqliteStyleConnection:
    """Wraps one psycopg connection (opened with autocommit) for the laptop stores."""

    def __init__(self, connection: Any, url: str = "") -> None:
        connection.autocommit = True
        self.url = url
        connection.row_factory = _row_factory
        self.raw = connection
        self._depth = 0
        self._lock = threading.RLock()
        self._transactions: list[Any] = []

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        if sql.lstrip().upper().startswith("PRAGMA"):
            return Cursor(_Empty())
        statement = translate(sql)
        with self._lock, self._lost():
            cursor = self.raw.cursor()
            cursor.execute(statement, tuple(params) if not isinstance(params, dict) else params)
            lastrowid = None
            if _INSERT_WITH_ID.match(sql) and "RETURNING" not in sql.upper():
                row = cursor.fetchone()  # the id this adapter asked for (sqlite's lastrowid)
                lastrowid = int(row[0]) if row else None
            return Cursor(cursor, lastrowid)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        statement = translate(sql)
        with self._lock, self._lost(), self.raw.cursor() as cursor:
            cursor.executemany(statement, [tuple(r) for r in rows])

    @contextlib.contextmanager
    def _lost(self) -> Iterator[None]:
        """A server that went away mid-session: the one-line error the user sees (nothing
        was written: the statement's transaction is rolled back by the server)."""
        import psycopg

        try:
            yield
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise translate_error(exc, self.url) from None

    def commit(self) -> None:
        """Nothing to do: outside `with conn:` each statement has committed already."""

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> SqliteStyleConnection:
        self._lock.acquire()
        transaction = self.raw.transaction()
        transaction.__enter__()
        self._transactions.append(transaction)
        return self

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        transaction = self._transactions.pop()
        try:
            transaction.__exit__(kind, value, traceback)
        finally:
            self._lock.release()


class _Empty:
    description = None

    def fetchall(self) -> list[Any]:
        return []
