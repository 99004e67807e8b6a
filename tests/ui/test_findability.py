"""Findable features: the Search panel's states (examples, Searching…, stale, No matches with the
other scope) and Help › Keyboard Shortcuts / Search Syntax."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QMenu

from desktop.core import workspace as controller_module
from desktop.core.search import SearchResult, search_transcript
from desktop.ui.help_dialogs import ShortcutsDialog, SyntaxDialog, shortcuts_of, syntax_html
from desktop.ui.main_window import MainWindow
from desktop.ui.models.search_results_model import HitRoles
from desktop.ui.search_controller import SearchController
from desktop.ui.views.search_panel import EXAMPLES, SCOPE_LIBRARY, SCOPE_TRANSCRIPT
from tests.ui.test_library_dock import open_and_wait
from tests.ui.test_search_panel import wait_for_results

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def controller(qtbot: Any, window: MainWindow) -> Any:
    found = window.findChild(SearchController, "searchController")
    assert isinstance(found, SearchController)
    qtbot.waitUntil(lambda: found.session.ready, timeout=10_000)
    yield found
    found.session.wait(10_000)


def test_the_empty_panel_offers_examples_that_run(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    panel = controller.panel
    assert panel.empty_state.isVisible() and not panel.results.isVisible()
    for example in EXAMPLES:
        assert example.replace('"', "&quot;") in panel.empty_state.text()
    panel.empty_state.linkActivated.emit(f"query:{EXAMPLES[2]}")  # Lavrof~
    result = wait_for_results(qtbot, controller, EXAMPLES[2])
    assert result.total > 0
    assert panel.results.isVisible() and not panel.empty_state.isVisible()
    assert panel.box.text() == EXAMPLES[2]


def test_a_running_query_says_searching_and_greys_the_old_answer(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_and_wait(qtbot, window, sample_path)
    controller.search("Lavrov", SCOPE_TRANSCRIPT)
    wait_for_results(qtbot, controller, "Lavrov")
    assert not controller.results.is_stale()
    release, started = threading.Event(), threading.Event()

    def slow(transcript: Any, query: str, **kw: Any) -> SearchResult:
        started.set()
        release.wait(10)
        return search_transcript(transcript, query, **kw)

    monkeypatch.setattr(controller_module, "search_transcript", slow)
    controller.search("sanctions")
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert controller.panel.summary.text() == "Searching this transcript…"
    assert controller.results.is_stale()
    assert controller.results.index(0, 0).data(HitRoles.Stale) is True
    release.set()
    wait_for_results(qtbot, controller, "sanctions")
    assert not controller.results.is_stale()
    assert controller.panel.summary.text().endswith("turns in this transcript")


def test_typing_greys_the_results_until_the_new_query_answers(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    controller.search("Lavrov", SCOPE_TRANSCRIPT)
    wait_for_results(qtbot, controller, "Lavrov")
    qtbot.keyClicks(controller.panel.box, " meeting")
    assert controller.results.is_stale()
    wait_for_results(qtbot, controller, "Lavrov meeting")
    assert not controller.results.is_stale()


def test_no_matches_offers_the_other_scope(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    controller.search("zebra", SCOPE_TRANSCRIPT)
    wait_for_results(qtbot, controller, "zebra")
    panel = controller.panel
    assert panel.summary.text() == "No matches in this transcript"
    assert panel.other_scope.isVisible()
    assert panel.other_scope.text() == "Search the Library instead"
    panel.other_scope.click()
    assert panel.scope() == SCOPE_LIBRARY
    qtbot.waitUntil(lambda: panel.summary.text() == "No matches in the library", timeout=10_000)
    assert panel.other_scope.text() == "Search this transcript instead"


def test_hits_in_a_timed_transcript_give_the_time(
    qtbot: Any, window: MainWindow, controller: SearchController
) -> None:
    from tests.ui.conftest import make_interview

    transcript = make_interview(timed=True)
    window.show_transcript(transcript)
    controller.search("Lavrov", SCOPE_TRANSCRIPT)
    wait_for_results(qtbot, controller, "Lavrov")
    header = controller.results.index(0, 0).data(HitRoles.Header)
    hit = controller.results.hit(0)
    start = transcript.turns[hit.turn].start
    assert start is not None and start >= 60
    minutes, seconds = divmod(int(start), 60)
    assert header == f"Antony Blinken · turn {hit.turn + 1} · {minutes}:{seconds:02d}"


def test_the_shortcut_list_is_built_from_the_actions_and_searchable(
    qtbot: Any, window: MainWindow
) -> None:
    found = {(s.action, s.where): s.keys for s in shortcuts_of(window)}
    assert found[("Open", "File")] == "Ctrl+O"
    assert found[("Find", "Search")].startswith("Ctrl+F")
    assert ("Keyboard Shortcuts", "Help") in found
    # An action added later, anywhere in a menu, is listed without editing any list.
    sub = window.menu("Quotes").addMenu("Extra")
    extra = QAction("Do the Extra Thing", window)
    extra.setShortcut("Ctrl+Alt+X")
    sub.addAction(extra)
    assert {"action": "Do the Extra Thing", "keys": "Ctrl+Alt+X",
            "where": "Quotes › Extra"} in [
        {"action": s.action, "keys": s.keys, "where": s.where} for s in shortcuts_of(window)
    ]
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    everything = dialog.visible_actions()
    dialog.filter.setText("ctrl+shift+f")
    assert dialog.visible_actions() == ["Search the Library"]
    dialog.filter.setText("zoom")
    assert set(dialog.visible_actions()) == {"Zoom In", "Zoom Out"}
    dialog.filter.clear()
    assert dialog.visible_actions() == everything


def test_the_syntax_help_runs_an_example_in_the_search_panel(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    assert "&quot;aggression against Ukraine&quot;" in syntax_html()  # escaped, as data
    dialog = SyntaxDialog(window)
    qtbot.addWidget(dialog)
    assert "speaker:blinken aggression" in dialog.text.toPlainText()
    dialog.run("speaker:blinken aggression")
    assert dialog.result() == QDialog.DialogCode.Accepted
    result = wait_for_results(qtbot, controller, "speaker:blinken aggression")
    assert result.total > 0
    assert all(h.speaker == "Antony Blinken" for h in result.hits)


def test_one_of_many_menus_are_exclusive_groups(window: MainWindow) -> None:
    """Theme and citation style are radio items: exclusive groups of checkable actions."""
    def groups(menu: QMenu) -> list[QActionGroup]:
        found = []
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                found += groups(sub)
            elif action.isCheckable() and action.actionGroup() is not None:
                found.append(action.actionGroup())
        return found

    for menu_name in ("View", "Quotes"):
        found = groups(window.menu(menu_name))
        assert found, menu_name
        assert all(g.isExclusive() for g in found)
