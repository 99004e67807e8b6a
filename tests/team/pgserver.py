"""A real PostgreSQL server for the team-library tests and benchmarks: `initdb` and
`pg_ctl` on a free local port in a temporary folder (as the `postgres` user when the tests
run as root, since the server refuses to run as root), password logins only, stopped after.

Roles: `owner` creates the tables (the team administrator), `verbatim_team` is the team,
`alice` and `bob` are members, `mallory` can log in but is not a member.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PASSWORDS = {"owner": "owner-pw", "alice": "alice-pw", "bob": "bob-pw", "mallory": "mallory-pw"}
DATABASE = "newsroom"


def pg_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if found:
        return Path(found[0]).parent
    which = shutil.which("pg_ctl")
    return Path(which).parent if which else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    port: int
    folder: Path
    user: str | None = None
    binaries: Path | None = None

    def stop(self) -> None:
        """Stop the server now (a test of what users see when it goes away)."""
        if self.binaries is not None:
            _run_as(self.user, [str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"),
                                "-m", "immediate", "stop"])

    def url(self, user: str, *, database: str = DATABASE, password: bool = True) -> str:
        secret = f":{PASSWORDS[user]}" if password else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def admin_sql(self, *statements: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url("owner", database=database), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]


def _run_as(user: str | None, args: list[str], **kwargs: object) -> None:
    command = args if user is None else ["runuser", "-u", user, "--", *args]
    subprocess.run(command, check=True, capture_output=True, timeout=120, **kwargs)  # type: ignore[call-overload]


class NoServerError(RuntimeError):
    """PostgreSQL's server programs (or a user to run them as) are not on this machine."""


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """Start a throwaway server with the roles above; stop it and delete it afterwards."""
    binaries = pg_bin()
    if binaries is None:
        raise NoServerError("no PostgreSQL server programs here (Debian: apt-get install "
                            "postgresql)")
    user = None
    folder = Path(tempfile.mkdtemp(prefix="verbatim-pg-"))
    if os.geteuid() == 0:  # the server refuses to run as root
        user = "postgres"
        try:
            entry = pwd.getpwnam(user)
        except KeyError:
            raise NoServerError("running as root and there is no postgres user to run the "
                                "server as") from None
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    data = folder / "data"
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORDS["owner"] + "\n")
    if user is not None:
        os.chown(pwfile, pwd.getpwnam(user).pw_uid, -1)
    port = _free_port()
    try:
        _run_as(user, [str(binaries / "initdb"), "-D", str(data), "-U", "owner",
                       "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                       "--locale=C.UTF-8"])
        _run_as(user, [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                       "-w", "-t", "60", "-o",
                       f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                       "start"])
        server = PgServer(port, folder, user, binaries)
        deadline = time.monotonic() + 30
        while True:
            try:
                server.admin_sql("SELECT 1")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        server.admin_sql(
            "CREATE ROLE verbatim_team NOLOGIN",
            f"CREATE ROLE alice LOGIN PASSWORD '{PASSWORDS['alice']}' IN ROLE verbatim_team",
            f"CREATE ROLE bob LOGIN PASSWORD '{PASSWORDS['bob']}' IN ROLE verbatim_team",
            f"CREATE ROLE mallory LOGIN PASSWORD '{PASSWORDS['mallory']}'",
            f"CREATE DATABASE {DATABASE} OWNER owner",
        )
        yield server
    finally:
        with contextlib.suppress(Exception):
            _run_as(user, [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate",
                           "stop"])
        shutil.rmtree(folder, ignore_errors=True)
