"""The team library's password in the system keyring (when the system has one), never in the
settings file. `keyring` is optional (the team extra installs it); without a usable backend
the password is asked for each session instead."""

from __future__ import annotations

import contextlib
import os
from urllib.parse import urlsplit, urlunsplit

from desktop.core.team.connection import URL_VARIABLE

SERVICE = "Verbatim team library"
#: Variables this process set from the settings (a restart into another library drops them).
SET_HERE: list[str] = []


def _keyring() -> object | None:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration: as if there were none
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


def keyring_available() -> bool:
    """True when passwords can be kept in the system keyring here."""
    return _keyring() is not None


def without_password(url: str) -> str:
    """The URL as it may be stored in the settings (any password taken out)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def save_password(url: str, password: str) -> bool:
    """Keep the password for this URL in the keyring; False when there is no keyring."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, without_password(url), password)  # type: ignore[attr-defined]
    except Exception:
        return False
    return True


def load_password(url: str) -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        found = keyring.get_password(SERVICE, without_password(url))  # type: ignore[attr-defined]
    except Exception:
        return None
    return found if isinstance(found, str) else None


def forget_password(url: str) -> None:
    keyring = _keyring()
    if keyring is not None:
        with contextlib.suppress(Exception):
            keyring.delete_password(SERVICE, without_password(url))  # type: ignore[attr-defined]


def apply_team_setting(url: str | None) -> None:
    """At start-up: the remembered team library becomes this process's library, unless the
    environment names one already; its password comes from the keyring (libpq reads
    PGPASSWORD), never from the settings."""
    if not url or os.environ.get(URL_VARIABLE):
        return
    os.environ[URL_VARIABLE] = url
    SET_HERE.append(URL_VARIABLE)
    password = load_password(url)
    if password and urlsplit(url).password is None and "PGPASSWORD" not in os.environ:
        os.environ["PGPASSWORD"] = password
        SET_HERE.append("PGPASSWORD")
