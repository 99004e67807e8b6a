"""Every subcommand honours VERBATIM_LIBRARY_URL / --library: `verbatim index` into the team
library from one laptop and `verbatim search` from another answer like a laptop library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .pgserver import PgServer, running_server

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"
QUERIES = ['"aggression against Ukraine"', "speaker:kouts sanctions", "Lavrof~",
           "NATO NOT Russia", "Russia NOT NATO", "negotiat* OR diplomac*"]


def verbatim(data: Path, *args: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "VERBATIM_LIBRARY_URL"}
    env["VERBATIM_DATA_DIR"] = str(data)
    if url is not None:
        env["VERBATIM_LIBRARY_URL"] = url
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def _turns(done: subprocess.CompletedProcess[str]) -> list[int]:
    assert done.returncode == 0, done.stderr
    return sorted(hit["turn"] for hit in json.loads(done.stdout)["hits"])


def test_index_on_one_laptop_search_from_another(team_db: PgServer, tmp_path: Path) -> None:
    owner = verbatim(tmp_path / "owner", "index", str(SAMPLE), "--quiet",
                     url=team_db.url("owner"))
    assert owner.returncode == 0, owner.stderr
    laptop = verbatim(tmp_path / "laptop", "index", str(SAMPLE), "--quiet")
    assert laptop.returncode == 0, laptop.stderr
    for query in QUERIES:
        local = _turns(verbatim(tmp_path / "laptop", "search", query, "--json", "--limit", "50"))
        # bob's laptop has an empty data folder: everything comes from the team library
        team = _turns(verbatim(tmp_path / "bob", "search", query, "--json", "--limit", "50",
                               "--library", team_db.url("bob")))
        assert team == local, query
    assert not (tmp_path / "bob" / "library.sqlite3").exists()


def test_a_role_outside_the_team_gets_one_line(team_db: PgServer, tmp_path: Path) -> None:
    verbatim(tmp_path / "o", "index", str(SAMPLE), "--quiet", url=team_db.url("owner"))
    done = verbatim(tmp_path / "m", "search", "NATO", url=team_db.url("mallory"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "not a member of the team library" in done.stderr


def test_a_stopped_server_gets_one_line(tmp_path: Path) -> None:
    with running_server() as server:
        url = server.url("owner")
        assert verbatim(tmp_path / "o", "index", str(SAMPLE), "--quiet", url=url).returncode == 0
    done = verbatim(tmp_path / "o", "search", "NATO", url=url)  # the server is gone now
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "cannot be reached" in done.stderr


def test_without_the_variable_the_laptop_library_is_used(tmp_path: Path) -> None:
    done = verbatim(tmp_path / "d", "index", str(SAMPLE), "--quiet")
    assert done.returncode == 0 and (tmp_path / "d" / "library.sqlite3").exists()


@pytest.fixture(autouse=True)
def _needs_server(pg_server: PgServer) -> None:
    """Every test here needs PostgreSQL (skipped, with the reason, where it is missing)."""
