"""The search panel in the window (offscreen): typing, stale results, jumps, F3, hints."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core import workspace as controller_module  # searches an open transcript
from desktop.core.importers import import_file
from desktop.core.search import SearchResult, search_transcript
from desktop.ui.main_window import MainWindow
from desktop.ui.models.search_results_model import HitRoles, SearchResultsModel, snippet_html
from desktop.ui.search_controller import SearchController
from desktop.ui.views.search_panel import SCOPE_LIBRARY, SCOPE_TRANSCRIPT
from tests.ui.test_library_dock import HARBOUR, open_and_wait

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def controller(qtbot: Any, window: MainWindow) -> Any:
    found = window.findChild(SearchController, "searchController")
    assert isinstance(found, SearchController)
    qtbot.waitUntil(lambda: found.session.ready, timeout=10_000)
    yield found
    found.session.wait(10_000)

@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def shown_turns(controller: SearchController) -> list[int]:
    model = controller.results
    return [model.index(r, 0).data(HitRoles.TurnIndex) for r in range(model.rowCount())]


def type_query(qtbot: Any, controller: SearchController, text: str) -> None:
    controller.panel.box.clear()
    qtbot.keyClicks(controller.panel.box, text)


def wait_for_results(qtbot: Any, controller: SearchController, query: str) -> SearchResult:
    def arrived() -> bool:
        result = controller.results.result()
        return result is not None and result.query.strip() == query

    try:
        qtbot.waitUntil(arrived, timeout=10_000)
    except Exception as exc:
        shown = controller.results.result()
        raise AssertionError(
            f"no results for {query!r}; hint {controller.panel.hint.text()!r}, shown "
            f"{shown.query if shown else None!r}, session {controller.session.state}"
        ) from exc
    result = controller.results.result()
    assert result is not None
    return result


def test_typing_shows_results_of_the_open_transcript(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    type_query(qtbot, controller, "sanctions")
    wait_for_results(qtbot, controller, "sanctions")
    transcript = window.current_transcript()
    assert transcript is not None
    expected = search_transcript(transcript, "sanctions")
    assert expected.total > 0
    assert shown_turns(controller) == [hit.turn for hit in expected.hits]
    for row in range(controller.results.rowCount()):
        index = controller.results.index(row, 0)
        snippet = index.data(HitRoles.Snippet)
        for start, end in index.data(HitRoles.SnippetMatches):
            assert snippet[start:end].lower().startswith("sanction")
        assert "turn " in index.data(HitRoles.Header)
    assert controller.panel.summary.text() == f"{expected.total} turns in this transcript"
    assert not controller.panel.hint.isVisible()


def test_keystrokes_are_debounced_into_one_query(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_and_wait(qtbot, window, sample_path)
    asked: list[str] = []

    def counting(transcript: Any, query: str, **kw: Any) -> SearchResult:
        asked.append(query)
        return search_transcript(transcript, query, **kw)

    monkeypatch.setattr(controller_module, "search_transcript", counting)
    type_query(qtbot, controller, "Lavrov")
    wait_for_results(qtbot, controller, "Lavrov")
    assert asked == ["Lavrov"]


def test_stale_results_are_dropped(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An older query that answers last never replaces the newer query's results."""
    open_and_wait(qtbot, window, sample_path)
    release = threading.Event()
    slow_started = threading.Event()

    def slow_first(transcript: Any, query: str, **kw: Any) -> SearchResult:
        if query == "sanctions":
            slow_started.set()
            release.wait(10)
        return search_transcript(transcript, query, **kw)

    monkeypatch.setattr(controller_module, "search_transcript", slow_first)
    shown: list[str] = []
    controller.results.modelReset.connect(
        lambda: shown.append(r.query if (r := controller.results.result()) else "")
    )
    controller.search("sanctions", SCOPE_TRANSCRIPT)
    qtbot.waitUntil(slow_started.is_set, timeout=5000)
    controller.search("Lavrov")
    wait_for_results(qtbot, controller, "Lavrov")
    lavrov_turns = shown_turns(controller)
    release.set()
    window.workers.wait(5000)
    qtbot.wait(50)  # deliver anything the old job emitted
    QApplication.processEvents()
    assert "sanctions" not in shown
    assert controller.results.result() is not None
    assert controller.results.result().query == "Lavrov"  # type: ignore[union-attr]
    assert shown_turns(controller) == lavrov_turns


def test_click_highlights_the_hits_words_in_the_reader(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    type_query(qtbot, controller, "Lavrof~")
    wait_for_results(qtbot, controller, "Lavrof~")
    assert controller.results.rowCount() >= 2
    row = 1
    hit = controller.results.hit(row)
    view = controller.panel.results
    rect = view.visualRect(controller.results.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = window.reader
    assert reader.highlights("search") == [(hit.turn, s, e) for s, e in hit.matches]
    assert reader.highlights("current") == [(hit.turn, *hit.matches[0])]
    transcript = window.current_transcript()
    assert transcript is not None
    for _, start, end in reader.highlights("search"):
        assert transcript.turns[hit.turn].text[start:end] == "Lavrov"
    assert controller.panel.count.text() == f"{controller.results.first_match_of_row(row) + 1}" \
        f" of {controller.results.match_count()}"


def test_f3_steps_through_matches_and_the_count_follows(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    type_query(qtbot, controller, "Russia")
    result = wait_for_results(qtbot, controller, "Russia")
    matches = [(hit.turn, s, e) for hit in result.hits for s, e in hit.matches]
    assert len(matches) >= 3
    total = len(matches)
    assert controller.panel.count.text() == f"{total} matches"
    window.activateWindow()
    qtbot.waitActive(window)
    window.reader.setFocus()
    seen = []
    for expected_position in (1, 2, 3):
        qtbot.keyClick(window.reader, Qt.Key.Key_F3)
        assert controller.panel.count.text() == f"{expected_position} of {total}"
        seen.append(window.reader.highlights("current")[0])
    assert seen == matches[:3]
    qtbot.keyClick(window.reader, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert controller.panel.count.text() == f"2 of {total}"
    assert window.reader.highlights("current") == [matches[1]]
    turn = matches[1][0]
    assert window.reader.highlights("search") == [m for m in matches if m[0] == turn]
    for _ in range(2):  # back past the first match: wraps to the last
        controller.previous_action.trigger()
    assert controller.panel.count.text() == f"{total} of {total}"
    assert window.reader.highlights("current") == [matches[-1]]


def test_enter_in_the_box_opens_the_first_hit(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    type_query(qtbot, controller, "sanctions")
    qtbot.keyClick(controller.panel.box, Qt.Key.Key_Return)
    result = wait_for_results(qtbot, controller, "sanctions")
    first = result.hits[0]
    qtbot.waitUntil(lambda: window.reader.highlights("current") == [(first.turn,
                                                                      *first.matches[0])])
    assert controller.panel.count.text().startswith("1 of ")


def test_malformed_query_shows_an_inline_hint_not_a_dialog(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path,
    no_dialogs: list[str],
) -> None:
    open_and_wait(qtbot, window, sample_path)
    type_query(qtbot, controller, '"aggression against')
    qtbot.waitUntil(controller.panel.hint.isVisible, timeout=5000)
    assert "phrase" in controller.panel.hint.text() or "quote" in controller.panel.hint.text()
    assert no_dialogs == []
    type_query(qtbot, controller, '"aggression against Ukraine"')
    result = wait_for_results(qtbot, controller, '"aggression against Ukraine"')
    assert result.total > 0
    assert not controller.panel.hint.isVisible()


def test_nothing_open_says_so(qtbot: Any, controller: SearchController) -> None:
    controller.search("anything", SCOPE_TRANSCRIPT)
    assert controller.panel.hint.isVisible()
    assert "Open a transcript" in controller.panel.hint.text()
    assert controller.results.rowCount() == 0


def test_ctrl_f_focuses_the_search_box(
    qtbot: Any, window: MainWindow, controller: SearchController
) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(controller.panel.box.hasFocus, timeout=2000)
    assert controller.dock.isVisible()


def test_library_scope_finds_another_transcript_and_opens_it(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path,
    tmp_path: Path,
) -> None:
    other = tmp_path / "harbour.txt"
    other.write_text(HARBOUR, encoding="utf-8")
    added: list[Any] = []
    controller.session.add([other], on_done=added.append)
    qtbot.waitUntil(lambda: bool(added), timeout=10_000)
    open_and_wait(qtbot, window, sample_path)  # the sample is shown, and indexed too
    qtbot.waitUntil(lambda: len(controller.session.entries()) == 2, timeout=10_000)
    controller.search("lantern", SCOPE_LIBRARY)
    result = wait_for_results(qtbot, controller, "lantern")
    expected = search_transcript(import_file(other), "lantern")
    assert sorted(h.turn for h in result.hits) == [h.turn for h in expected.hits]
    assert {h.title for h in result.hits} == {"Harbour Council Interview"}
    first = controller.results.index(0, 0)
    # Who said it first (M2 of the window review), the transcript's title on its own line.
    assert first.data(HitRoles.Header).startswith(f"{result.hits[0].speaker} · turn ")
    assert first.data(HitRoles.Title) == "Harbour Council Interview"
    assert controller.results.shows_titles()
    assert controller.panel.summary.text().endswith("in the library")
    hit = controller.results.hit(0)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        controller.open_row(0)
    assert window.current_transcript().title == "Harbour Council Interview"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.reader.highlights("search") ==
                    [(hit.turn, s, e) for s, e in hit.matches])
    # the library's results stay while the other transcript is shown
    assert controller.results.result() is result


def test_library_scope_waits_for_the_library(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    qtbot.waitUntil(lambda: len(controller.session.entries()) == 1, timeout=10_000)
    controller.search("Lavrov", SCOPE_LIBRARY)
    result = wait_for_results(qtbot, controller, "Lavrov")
    transcript = window.current_transcript()
    assert transcript is not None
    assert sorted(h.turn for h in result.hits) == \
        [h.turn for h in search_transcript(transcript, "Lavrov").hits]


def test_clearing_the_box_clears_results_and_highlights(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    controller.search("sanctions", SCOPE_TRANSCRIPT)
    wait_for_results(qtbot, controller, "sanctions")
    controller.open_row(0)
    assert window.reader.highlights("search")
    controller.search("")
    assert controller.results.rowCount() == 0
    assert window.reader.highlights("search") == []
    assert controller.panel.count.text() == ""


def test_results_model_passes_the_qt_model_tester(
    qtmodeltester: Any, sample_path: Path
) -> None:
    transcript = import_file(sample_path)
    model = SearchResultsModel()
    model.set_result(search_transcript(transcript, "Russia"))
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    model.set_result(None)
    qtmodeltester.check(model, force_py=True)


def test_results_model_steps_and_wraps(sample_path: Path) -> None:
    transcript = import_file(sample_path)
    result = search_transcript(transcript, "Russia")
    model = SearchResultsModel()
    model.set_result(result)
    flat = [(h.turn, m) for h in result.hits for m in h.matches]
    assert model.match_count() == len(flat)
    assert model.step(-1) == len(flat) - 1
    assert model.step(1) == 0
    hit, i = model.match_at(model.step(1))
    assert (hit.turn, hit.matches[i]) == flat[1]
    assert model.index(model.row_of_match(1), 0).data(HitRoles.IsCurrent) is True


def test_snippet_html_escapes_transcript_text() -> None:
    text = 'He said <b>"no"</b> & left'
    start = text.index("no")
    marked = snippet_html(text, [(start, start + 2)], "#ffe066", "#000000")
    assert "<b>" not in marked
    assert "&lt;b&gt;" in marked and "&amp;" in marked
    assert '<span style="background-color:#ffe066; color:#000000;">no</span>' in marked
    assert snippet_html("<script>", [], "#fff", "#000") == "&lt;script&gt;"


def test_a_malformed_query_in_the_other_scope_clears_old_results(
    qtbot: Any, window: MainWindow, controller: SearchController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    qtbot.waitUntil(lambda: len(controller.session.entries()) == 1, timeout=10_000)
    controller.search("Russia", SCOPE_LIBRARY)
    wait_for_results(qtbot, controller, "Russia")
    controller.search('"Russia', SCOPE_TRANSCRIPT)
    qtbot.waitUntil(controller.panel.hint.isVisible, timeout=5000)
    assert controller.results.rowCount() == 0
    controller.search('"Russia"')
    wait_for_results(qtbot, controller, '"Russia"')
    controller.search('"Russia')  # same scope: the last results stay under the hint
    qtbot.waitUntil(controller.panel.hint.isVisible, timeout=5000)
    assert controller.results.rowCount() > 0


def test_the_results_model_passes_the_qt_model_tester(
    qtmodeltester: Any, qapp: Any, tmp_path: Path
) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(HARBOUR, encoding="utf-8")
    transcript = import_file(path)
    model = SearchResultsModel()
    model.set_result(search_transcript(transcript, "lighthouse OR fishermen"), titles=True)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)  # stays connected: checks the resets below
    model.set_result(search_transcript(transcript, "zebra"))
    model.set_result(None)
    assert model.rowCount() == 0
