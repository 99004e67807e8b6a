"""The team library behind the same workspace door, on a real PostgreSQL server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.library import CorrectionKind
from desktop.core.team.connection import NotATeamMemberError, TeamLibraryUnreachableError
from desktop.core.team.workspace import open_team_workspace

from .pgserver import PgServer

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"


def test_open_index_search_and_a_private_board(team_db: PgServer, tmp_path: Path) -> None:
    owner = open_team_workspace(team_db.url("owner"))  # creates the tables
    owner.close()
    alice = open_team_workspace(team_db.url("alice"))
    alice.open_index()
    opened = alice.open_file(SAMPLE)
    assert opened.entry_id is not None and opened.outcome == "added"
    result = alice.search('"aggression against Ukraine"')
    assert {h.turn for h in result.hits} == {1, 17}
    items = alice.add_quotes(opened.transcript, [(1, 0, 20)])
    assert len(alice.board()) == 1
    # bob sees the same library and search, but not alice's board
    bob = open_team_workspace(team_db.url("bob"))
    bob.open_index()
    assert [e.id for e in bob.entries()] == [opened.entry_id]
    assert {h.turn for h in bob.search("speaker:kouts sanctions").hits} == {8, 10}
    assert bob.board() == []
    # the same file from another folder on bob's laptop is the team's one entry
    copy = tmp_path / "copy.txt"
    shutil.copy(SAMPLE, copy)
    again = bob.open_file(copy)
    assert again.entry_id == opened.entry_id and len(bob.entries()) == 1
    # corrections are shared
    bob.correct_speaker(opened.entry_id, opened.transcript.turns[1].speaker or "",
                        CorrectionKind.RENAME, "Antony J. Blinken")
    assert any(s.name == "Antony J. Blinken" for s in alice.transcript(opened.entry_id).speakers)
    assert items[0].id in {q.id for q in alice.board()}
    alice.close()
    bob.close()


def test_a_role_outside_the_team_is_refused(team_db: PgServer) -> None:
    open_team_workspace(team_db.url("owner")).close()
    with pytest.raises(NotATeamMemberError) as caught:
        open_team_workspace(team_db.url("mallory"))
    assert "not a member of the team library" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_wrong_password_or_a_stopped_server_is_one_sentence(team_db: PgServer) -> None:
    bad = team_db.url("alice").replace("alice-pw", "nope")
    with pytest.raises(TeamLibraryUnreachableError) as caught:
        open_team_workspace(bad)
    assert "wrong user name or password" in str(caught.value)
    with pytest.raises(TeamLibraryUnreachableError) as caught:
        open_team_workspace("postgresql://alice:x@127.0.0.1:1/newsroom")
    assert "cannot be reached" in str(caught.value)


def test_a_shared_board_is_readable_by_the_team_never_writable(team_db: PgServer) -> None:
    open_team_workspace(team_db.url("owner")).close()
    with open_team_workspace(team_db.url("alice")) as alice, \
            open_team_workspace(team_db.url("bob")) as bob:
        opened = alice.open_file(SAMPLE)
        alice.add_quotes(opened.transcript, [(1, 0, 30)])
        assert bob.shared_boards() == [] and bob.shared_board("alice") == []
        alice.share_board(True)
        assert alice.board_shared()
        assert bob.shared_boards() == ["alice"]
        assert [q.quote.turn for q in bob.shared_board("alice")] == [1]
        assert bob.board() == []  # bob's own board stays his
        quote_id = bob.shared_board("alice")[0].id
        bob.quotes.remove(quote_id)  # row-level security: not bob's to delete
        assert [q.id for q in alice.board()] == [quote_id]
        alice.share_board(False)
        assert bob.shared_board("alice") == []


def test_two_users_adding_the_same_file_at_once_make_one_entry(team_db: PgServer,
                                                             tmp_path: Path) -> None:
    import threading

    open_team_workspace(team_db.url("owner")).close()
    copies = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for copy in copies:
        shutil.copy(SAMPLE, copy)
    users = [open_team_workspace(team_db.url(u)) for u in ("alice", "bob")]
    results: list[object] = []
    start = threading.Barrier(2)

    def add(ws: object, path: Path) -> None:
        start.wait()
        results.append(ws.open_file(path).entry_id)  # type: ignore[attr-defined]

    pairs = zip(users, copies, strict=True)
    threads = [threading.Thread(target=add, args=(ws, p)) for ws, p in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 2 and results[0] == results[1]
    assert len(users[0].entries()) == 1
    for ws in users:
        ws.close()


def test_the_app_creates_and_migrates_the_schema_once(team_db: PgServer) -> None:
    from desktop.core.team.connection import TeamLibraryNotReadyError, connect
    from desktop.core.team.schema import MIGRATIONS, current_version, migrate

    with pytest.raises(TeamLibraryNotReadyError) as caught:  # a member cannot create it
        open_team_workspace(team_db.url("alice"))
    assert "its owner must connect once" in str(caught.value)
    conn = connect(team_db.url("owner"))
    assert current_version(conn) == 0
    assert migrate(conn, "test") == len(MIGRATIONS)
    assert migrate(conn, "test") == len(MIGRATIONS)  # a second time changes nothing
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM verbatim_schema")
        assert cur.fetchone()[0] == len(MIGRATIONS)
    conn.close()
    open_team_workspace(team_db.url("alice")).close()  # now members can work in it
