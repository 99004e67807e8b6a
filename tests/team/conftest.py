"""Fixtures for the team-library tests: one real PostgreSQL server per test session
(`pgserver.running_server`), and an empty team database per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .pgserver import DATABASE, NoServerError, PgServer, running_server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    pytest.importorskip("psycopg", reason="the team extra is not installed (pip install "
                        "'verbatim[team]')")
    try:
        with running_server() as server:
            yield server
    except NoServerError as exc:
        pytest.skip(str(exc))


@pytest.fixture()
def team_db(pg_server: PgServer) -> Iterator[PgServer]:
    """An empty team database for one test (dropped and made again)."""
    pg_server.admin_sql(
        f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {DATABASE} OWNER owner",
    )
    yield pg_server
