"""The window on a team library: it connects in the background, searches the team's
transcripts and keeps a private board; File › Connect to Team Library… remembers a working
address (never its password in the settings)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.team.workspace import open_team_workspace
from desktop.ui.views.search_panel import SCOPE_LIBRARY

from .pgserver import PgServer

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"


@pytest.fixture()
def bob_window(qtbot: Any, team_db: PgServer, tmp_path: Path,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from desktop.ui import library_session
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    with open_team_workspace(team_db.url("owner")) as owner:  # the team's archive
        owner.open_index()
        owner.open_file(SAMPLE)
    monkeypatch.setenv("VERBATIM_LIBRARY_URL", team_db.url("bob"))
    window = MainWindow(Settings(tmp_path / "settings.ini"), show_errors=False)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.workers.cancel_all()
    window.workers.wait(5000)
    library_session.close_all()


def test_window_connects_searches_and_keeps_a_private_board(
    qtbot: Any, bob_window: Any, team_db: PgServer
) -> None:
    from desktop.ui.quote_controller import controller_of as quotes_of
    from desktop.ui.search_controller import SearchController
    from desktop.ui.team_controller import controller_of as team_of

    window = bob_window
    search = window.findChild(SearchController, "searchController")
    qtbot.waitUntil(lambda: search.session.ready, timeout=20_000)
    assert search.session.team_url is not None
    note = team_of(window).note.text()
    assert note.startswith("Team library: bob@127.0.0.1") and "bob-pw" not in note
    assert len(search.session.entries()) == 1  # the owner's transcript, indexed on the server
    search.search("speaker:kouts sanctions", SCOPE_LIBRARY)
    qtbot.waitUntil(lambda: search.results.result() is not None
                    and search.results.result().query == "speaker:kouts sanctions",
                    timeout=20_000)
    assert sorted(h.turn for h in search.results.result().hits) == [8, 10]
    with qtbot.waitSignal(window.transcriptOpened, timeout=20_000):
        search.open_row(0)
    window.reader.select_span(8, 0, 30)
    quotes = quotes_of(window)
    quotes.add_selection()
    qtbot.waitUntil(lambda: quotes.model.rowCount() == 1, timeout=20_000)
    # stored in the team library, on bob's board only
    with open_team_workspace(team_db.url("alice")) as alice:
        assert alice.board() == []
    with open_team_workspace(team_db.url("bob")) as bob:
        assert [q.quote.turn for q in bob.board()] == [8]
    # Quotes › Share My Board with the Team
    team = team_of(window)
    assert team.share_action.isVisible() and not team.share_action.isChecked()
    team.share_action.setChecked(True)
    search.session.wait(20_000)
    with open_team_workspace(team_db.url("alice")) as alice:
        assert alice.shared_boards() == ["bob"]
        assert [q.quote.turn for q in alice.shared_board("bob")] == [8]


def test_connect_dialog_remembers_a_working_address_not_its_password(
    qtbot: Any, team_db: PgServer, tmp_path: Path
) -> None:
    from desktop.ui.dialogs.team_dialog import TeamLibraryDialog
    from desktop.ui.settings import Settings

    open_team_workspace(team_db.url("owner")).close()
    settings = Settings(tmp_path / "settings.ini")
    dialog = TeamLibraryDialog(settings)
    qtbot.addWidget(dialog)
    dialog.url.setText(team_db.url("alice", password=False))
    dialog.password.setText("wrong")
    dialog.try_connect()
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled(), timeout=20_000)
    assert "wrong user name or password" in dialog.status.text()
    assert settings.team_library_url is None
    dialog.password.setText("alice-pw")
    with qtbot.waitSignal(dialog.libraryChosen, timeout=20_000):
        dialog.try_connect()
    assert settings.team_library_url == team_db.url("alice", password=False)
    assert "alice-pw" not in (tmp_path / "settings.ini").read_text() if (
        tmp_path / "settings.ini").exists() else True
    settings.sync()
    assert "alice-pw" not in (tmp_path / "settings.ini").read_text()
    assert "Connected to alice@127.0.0.1" in dialog.status.text()
    dialog.use_laptop()
    assert settings.team_library_url is None


def test_a_server_that_is_down_leaves_the_window_working(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_server: PgServer
) -> None:
    from desktop.ui import library_session
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    monkeypatch.setenv("VERBATIM_LIBRARY_URL", "postgresql://bob:x@127.0.0.1:1/newsroom")
    messages: list[str] = []
    window = MainWindow(Settings(tmp_path / "settings.ini"), show_errors=False)
    qtbot.addWidget(window)
    window.statusBar().messageChanged.connect(messages.append)
    try:
        assert window.session.state == "unavailable"
        assert "cannot be reached" in (window.session.reason or "")
        with qtbot.waitSignal(window.transcriptOpened, timeout=20_000):
            window.open_path(SAMPLE)  # reading still works, from the file itself
        assert len(window.current_transcript().turns) == 18
    finally:
        library_session.close_all()


def test_a_quote_added_while_the_server_is_down_is_refused_with_a_message(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_server: PgServer
) -> None:
    """The chosen behaviour: refused with one sentence (nothing half-written), the selection
    kept so it can be added again; quotes already on the board stay on the server."""
    from desktop.ui import library_session
    from desktop.ui.main_window import MainWindow
    from desktop.ui.quote_controller import controller_of as quotes_of
    from desktop.ui.settings import Settings

    from .pgserver import running_server

    with running_server() as server:
        open_team_workspace(server.url("owner")).close()
        monkeypatch.setenv("VERBATIM_LIBRARY_URL", server.url("bob"))
        window = MainWindow(Settings(tmp_path / "settings.ini"), show_errors=False)
        qtbot.addWidget(window)
        quotes = quotes_of(window)
        with qtbot.waitSignal(window.transcriptOpened, timeout=20_000):
            window.open_path(SAMPLE)
        window.reader.select_span(1, 0, 25)
        assert len(quotes.add_selection()) == 1
        server.stop()
        window.reader.select_span(3, 0, 25)
        messages: list[str] = []
        window.statusBar().messageChanged.connect(messages.append)
        assert quotes.add_selection() == []
        assert any("Not added" in m and "cannot be reached" in m for m in messages)
        assert window.reader.selection_spans() == [(3, 0, 25)]
        library_session.close_all()
