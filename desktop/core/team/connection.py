"""Connecting to a team library: the URL, the one-line errors, the team-membership check.

Every failure a user can meet (server down, wrong password, not in the team, psycopg not
installed) becomes a `TeamLibraryError` whose message is one sentence naming the server, so
the CLI prints one line and the window one message, never a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from desktop.core.errors import VerbatimError

if TYPE_CHECKING:
    import psycopg

#: The variable that switches the whole app to a team library.
URL_VARIABLE = "VERBATIM_LIBRARY_URL"
#: The PostgreSQL role whose members may use the team library (created by the administrator).
TEAM_ROLE = os.environ.get("VERBATIM_TEAM_ROLE", "verbatim_team")
#: Seconds to wait for the server before saying it cannot be reached.
CONNECT_TIMEOUT = 3
INSTALL_HINT = "pip install 'verbatim[team]'"


class TeamLibraryError(VerbatimError):
    """The team library cannot be used; the message is one sentence for the user."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"the team library at {where} {reason}")


class TeamLibraryUnreachableError(TeamLibraryError):
    """The server is down, unreachable, or refused the login."""


class NotATeamMemberError(TeamLibraryError):
    """The user logged in but is not a member of the team role."""


class TeamLibraryNotReadyError(TeamLibraryError):
    """The database has no Verbatim tables and this user may not create them."""


@dataclass(frozen=True, slots=True)
class TeamUrl:
    """A `postgresql://` URL and the part of it safe to show (no password)."""

    url: str

    @property
    def display(self) -> str:
        parts = urlsplit(self.url)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
        user = f"{parts.username}@" if parts.username else ""
        return f"{user}{host}{port}{parts.path or ''}"

    @property
    def user(self) -> str | None:
        return urlsplit(self.url).username


def is_team_url(value: str | None) -> bool:
    """True for a PostgreSQL URL (the only kind of team library)."""
    return bool(value) and str(value).startswith(("postgresql://", "postgres://"))


def configured_url() -> str | None:
    """The team library the environment asks for, if any."""
    value = os.environ.get(URL_VARIABLE, "").strip()
    return value or None


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise TeamLibraryError(
            "this computer", f"needs the team extra: {INSTALL_HINT}") from None
    return psycopg


def connect(url: str, *, password: str | None = None) -> psycopg.Connection[Any]:
    """Open a connection (autocommit off) and check the user belongs to the team."""
    pg = _psycopg()
    where = TeamUrl(url).display
    kwargs: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT,
                              "application_name": "verbatim"}
    if password is not None:
        kwargs["password"] = password
    try:
        conn: psycopg.Connection[Any] = pg.connect(url, **kwargs)
    except pg.OperationalError as exc:
        raise TeamLibraryUnreachableError(where, _reason(exc)) from None
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s),"
                " pg_has_role(current_user, (SELECT oid FROM pg_roles WHERE rolname = %s),"
                " 'MEMBER') OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)",
                (TEAM_ROLE, TEAM_ROLE),
            )
            row = cur.fetchone()
        conn.commit()
    except pg.Error as exc:
        conn.close()
        raise TeamLibraryUnreachableError(where, _reason(exc)) from None
    exists, member = (bool(row[0]), bool(row[1])) if row else (False, False)
    if not exists or not member:
        user = TeamUrl(url).user or "this user"
        conn.close()
        raise NotATeamMemberError(
            where, f"refused {user}: not a member of the team library ({TEAM_ROLE})")
    return conn


def _reason(exc: BaseException) -> str:
    """One short clause from a psycopg error (its first line, without libpq's prefixes)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return "refused the login (wrong user name or password)"
    if any(sign in lowered for sign in (
            "connection refused", "could not connect", "timeout expired", "connection failed",
            "server closed the connection", "connection is lost", "connection is closed",
            "terminating connection", "consuming input failed", "no connection to the server")):
        return "cannot be reached (is the server running?)"
    if "does not exist" in lowered and "database" in lowered:
        return "has no such database"
    if "permission denied" in lowered:
        return "refused this user (permission denied)"
    return f"failed: {text}"


def translate(exc: BaseException, url: str) -> TeamLibraryError:
    """A psycopg error met mid-session, as the one-line error the user sees."""
    where = TeamUrl(url).display
    reason = _reason(exc)
    if "permission denied" in str(exc).lower():
        return NotATeamMemberError(where, reason)
    return TeamLibraryUnreachableError(where, reason)
