"""Which library the user works in: the laptop's (the data folder: SQLite + Whoosh, the
default) or a team library on PostgreSQL, when `VERBATIM_LIBRARY_URL` (or `--library URL`)
names one. The command line and the window open their workspace here, so both honour it."""

from __future__ import annotations

from desktop import paths
from desktop.core.team.connection import configured_url
from desktop.core.workspace import DB_NAME, Workspace, existing


def team_url() -> str | None:
    """The team library asked for, if any."""
    return configured_url()


def open_user_workspace() -> Workspace:
    """The user's workspace, created when missing (the team library: connected)."""
    url = configured_url()
    if url:
        from desktop.core.team.workspace import open_team_workspace

        team = open_team_workspace(url)
        team.redaction_path = paths.user_data_dir() / DB_NAME  # the list stays on this computer
        return team
    return Workspace.open(paths.user_data_dir())


def existing_user_workspace() -> Workspace | None:
    """The user's workspace if there is one already (a command that only reads creates no
    laptop library); a configured team library always exists (or raises with one sentence)."""
    if configured_url():
        return open_user_workspace()
    return existing(paths.user_data_dir())


def has_library() -> bool:
    """True when there is a library to search (a team library, or a laptop library file)."""
    return bool(configured_url()) or (paths.user_data_dir() / DB_NAME).exists()
