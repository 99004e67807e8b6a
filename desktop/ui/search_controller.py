"""The Search dock of one window: Ctrl+F focuses it, F3 / Shift+F3 step through matches,
Enter opens the first hit; hits in other transcripts open them.

Views and actions only: each query runs on the window's `Workers` channel "search" after a short
pause in typing (the open transcript in memory, or the library through the workspace), so an
older, slower query can never show its results after a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence

from desktop.core.model import Transcript
from desktop.core.search import Hit, QuerySyntaxError, SearchResult
from desktop.core.workspace import Workspace, same_source
from desktop.ui import messages
from desktop.ui.actions import make_action
from desktop.ui.library_session import LibrarySession
from desktop.ui.models.search_results_model import SearchResultsModel
from desktop.ui.views.search_panel import (
    SCOPE_LIBRARY,
    SCOPE_TRANSCRIPT,
    SearchDock,
    SearchPanel,
)
from desktop.ui.workers import JobContext, Task

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

#: How the summary names each scope ("3 turns in the library").
_SCOPE_WORDS: Final = {SCOPE_TRANSCRIPT: "this transcript", SCOPE_LIBRARY: "the library"}
#: Pause in typing before a query runs (ms): fast enough to feel instant, slow enough to
#: skip the intermediate keystrokes of a word.
DEBOUNCE_MS: Final = 150


@dataclass(frozen=True, slots=True)
class _Jump:
    """A hit to show once its transcript is on screen."""

    hit: Hit
    match: int  # index into hit.matches, -1 for the turn only


def install(window: MainWindow) -> SearchController:
    """Add the Search dock and the Search menu to a window."""
    return SearchController(window, window.session)


class SearchController(QObject):
    """One per window: the search panel, its results and the Search menu."""

    def __init__(self, window: MainWindow, session: LibrarySession) -> None:
        super().__init__(window)
        self.setObjectName("searchController")
        self.window = window
        self.session = session
        self.results = SearchResultsModel(self)
        self.panel = SearchPanel(self.results)
        self.dock = SearchDock(self.panel, window)
        window.add_dock(self.dock, Qt.DockWidgetArea.RightDockWidgetArea)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_query)
        self._task: Task[SearchResult] | None = None
        self._result_scope = SCOPE_TRANSCRIPT
        self._result_source: str | None = None  # path searched in transcript scope
        self._pending: _Jump | None = None
        self._open_first = False
        self._waiting_for_library = False

        self.panel.queryChanged.connect(self._on_typed)
        self.panel.exampleChosen.connect(self._run_example)
        self.panel.otherScopeRequested.connect(self.panel.set_scope)
        self.panel.syntaxRequested.connect(self._show_syntax)
        self.panel.scopeChanged.connect(lambda _scope: self.run_query())
        self.panel.hitActivated.connect(self.open_row)
        self.panel.submitted.connect(self._on_submitted)
        self.panel.stepRequested.connect(self.step)
        window.transcriptOpened.connect(self._on_transcript_opened)
        session.stateChanged.connect(self._on_session_state)

        self._build_actions()
        self._on_session_state()

    # -- searching -----------------------------------------------------------------------------

    def search(self, text: str, scope: str | None = None) -> None:
        """Type a query (and pick a scope) as the user would, then run it without waiting."""
        if scope is not None:
            self.panel.set_scope(scope)
        self.panel.box.setText(text)
        self.run_query()

    def run_query(self) -> None:
        """Run the query in the box now, in the background; older queries become stale."""
        self._timer.stop()
        text = self.panel.query().strip()
        scope = self.panel.scope()
        self._waiting_for_library = False
        if not text:
            self._cancel_search()
            self._show(None, scope, None)
            self.panel.show_hint("")
            self.window.reader.clear_highlights("current")
            self.window.reader.clear_highlights("search")
            return
        if scope == SCOPE_TRANSCRIPT:
            transcript = self.window.current_transcript()
            if transcript is None:
                self._cancel_search()
                self._show(None, scope, None)
                self.panel.show_hint("Open a transcript to search it, or search the Library.")
                return
            source: str | None = transcript.source.path

            def job(ctx: JobContext) -> SearchResult:
                return Workspace.search_transcript(transcript, text)
        else:
            if not self.session.ready:
                self._cancel_search()
                self._waiting_for_library = self.session.state == "opening"
                self.panel.show_hint(
                    "The library is still opening; the search runs as soon as it is ready."
                    if self._waiting_for_library
                    else f"The library cannot be searched: {self.session.reason or 'unknown'}."
                )
                return
            source = None
            session = self.session
            from desktop.ui import people_controller  # a LATER feature: not at launch

            people = people_controller.controller_of(self.window)
            query = people.expand(text) if people is not None else text  # a person's names

            def job(ctx: JobContext) -> SearchResult:
                return replace(session.search(query), query=text)

        task = self.window.workers.submit(job, channel="search")
        self._task = task
        # Until the answer comes: say so, and grey the older answer still on screen.
        self.results.set_stale(True)
        self.panel.set_counts(f"Searching {_SCOPE_WORDS[scope]}…", "")
        self.panel.set_state(empty=False, offer_other=False)
        task.finished.connect(lambda result: self._show(result, scope, source))
        task.failed.connect(lambda exc: self._on_search_failed(exc, scope))

    def _cancel_search(self) -> None:
        if self._task is not None and not self._task.is_done:
            self._task.cancel()
        self._task = None

    def _show(self, result: SearchResult | None, scope: str, source: str | None) -> None:
        self._result_scope = scope
        self._result_source = source
        transcript = self.window.current_transcript() if scope == SCOPE_TRANSCRIPT else None
        starts = None
        if transcript is not None and transcript.is_timed:
            turns = transcript.turns

            def starts(turn: int) -> float | None:
                return turns[turn].start if 0 <= turn < len(turns) else None

        self.results.set_result(result, titles=scope == SCOPE_LIBRARY, starts=starts)
        self.panel.set_state(empty=result is None,
                             offer_other=result is not None and result.total == 0)
        self.panel.show_hint("")
        if result is not None and result.recovered:
            self.window.statusBar().showMessage(
                "The search index was damaged; it was rebuilt from the library.", 8000
            )
        self._update_counts()
        if self._open_first:
            self._open_first = False
            if self.results.rowCount() and self._window_active():
                self.open_row(0)

    def _on_search_failed(self, exc: object, scope: str) -> None:
        if scope != self._result_scope:  # results of the other scope would mislead
            self._show(None, scope, None)
        if isinstance(exc, QuerySyntaxError):
            self.panel.show_hint(f"Check the query: {messages.reason(exc)}.")
        else:
            error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
            self.panel.show_hint(f"The search failed: {messages.reason(error)}.")
        self._open_first = False
        self._update_counts()  # no longer "Searching…"; the older answer stays greyed

    def _update_counts(self) -> None:
        result = self.results.result()
        if result is None:
            self.panel.set_counts("", "")
            return
        shown, total = self.results.rowCount(), result.total
        where = _SCOPE_WORDS[self._result_scope]
        if total == 0:
            summary = f"No matches in {where}"
        elif shown < total:
            summary = f"Best {shown} of {result.total_text} turns in {where}"
        else:
            summary = f"{total} turn{'s' if total != 1 else ''} in {where}"
        matches = self.results.match_count()
        current = self.results.current_match()
        if matches == 0:
            count = ""
        elif current < 0:
            count = f"{matches} match{'es' if matches != 1 else ''}"
        else:
            count = f"{current + 1} of {matches}"
        self.panel.set_counts(summary, count)

    def _window_active(self) -> bool:
        try:
            return self.window.isVisible()
        except RuntimeError:
            return False

    def _on_typed(self, _text: str) -> None:
        """The box no longer says what the results answer: grey them until the new ones."""
        self.results.set_stale(True)
        self._timer.start()

    def _run_example(self, query: str) -> None:
        self.search(query)
        self.panel.focus_box()

    def _show_syntax(self) -> None:
        from desktop.ui.help_dialogs import SyntaxDialog  # the Help menu's dialog

        SyntaxDialog(self.window).exec()

    # -- going to hits -------------------------------------------------------------------------

    def open_row(self, row: int) -> None:
        """Show a hit in the reader: its first match current, every match of the turn marked."""
        if not 0 <= row < self.results.rowCount():
            return
        position = self.results.first_match_of_row(row)
        if position >= 0:
            self.results.set_current_match(position)
            hit, match = self.results.match_at(position)
        else:
            hit, match = self.results.hit(row), -1
        self.panel.select_row(row)
        self._update_counts()
        self._go_to(hit, match)

    def step(self, delta: int) -> None:
        """F3 (+1) / Shift+F3 (-1): the next or previous match across all results."""
        if self.results.match_count() == 0:
            return
        position = self.results.step(delta)
        hit, match = self.results.match_at(position)
        self.panel.select_row(self.results.row_of_match(position))
        self._update_counts()
        self._go_to(hit, match)

    def _on_submitted(self) -> None:
        """Enter in the box: run a pending query and open its first hit, or go to the next."""
        if self._timer.isActive() or (self._task is not None and not self._task.is_done):
            self._open_first = True
            if self._timer.isActive():
                self.run_query()
        elif self.results.match_count():
            self.step(1)
        elif self.results.rowCount():
            self.open_row(0)

    def _go_to(self, hit: Hit, match: int) -> None:
        current = self.window.current_transcript()
        if current is not None and _same_source(current, hit):
            self._show_in_reader(hit, match)
            return
        if self._result_scope == SCOPE_TRANSCRIPT:
            return  # results of a transcript no longer shown; a new search is on its way
        self._pending = _Jump(hit, match)
        if hit.transcript_id is not None:
            self.session.load(hit.transcript_id, self._show_loaded)
        else:
            self.window.open_path(hit.path)

    def _show_loaded(self, transcript: Transcript) -> None:
        pending = self._pending
        if pending is not None and same_source(transcript.source.path, pending.hit.path):
            self.window.show_transcript(transcript)

    def _show_in_reader(self, hit: Hit, match: int) -> None:
        reader = self.window.reader
        reader.clear_highlights("current")
        reader.highlight([(hit.turn, start, end) for start, end in hit.matches], "search")
        if 0 <= match < len(hit.matches):
            start, end = hit.matches[match]
            reader.highlight([(hit.turn, start, end)], "current")
            reader.scroll_to_span(hit.turn, start, end)
        else:
            reader.scroll_to_turn(hit.turn)
        self.window.navigator.show_turn(hit.turn)

    def _on_transcript_opened(self, transcript: Transcript) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and _same_source(transcript, pending.hit):
            QTimer.singleShot(0, lambda: self._show_in_reader(pending.hit, pending.match))
        elif self.panel.scope() == SCOPE_TRANSCRIPT and self.panel.query().strip():
            self.run_query()

    def _on_session_state(self) -> None:
        session = self.session
        self.panel.set_scope_enabled(SCOPE_LIBRARY, session.state != "unavailable")
        if self._waiting_for_library and session.ready:
            self.run_query()

    # -- menus ---------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self.window
        search_menu = window.menu("Search")
        self.find_action = make_action(window, "&Find…", self.focus_search,
                                       [QKeySequence.StandardKey.Find], window_wide=True)
        self.find_library_action = make_action(window, "Search the &Library…",
                                               lambda: self.focus_search(SCOPE_LIBRARY),
                                               ["Ctrl+Shift+F"], window_wide=True)
        self.next_action = make_action(window, "Find &Next", lambda: self.step(1),
                                       ["F3", QKeySequence.StandardKey.FindNext],
                                       window_wide=True)
        self.previous_action = make_action(window, "Find &Previous", lambda: self.step(-1),
                                           ["Shift+F3", QKeySequence.StandardKey.FindPrevious],
                                           window_wide=True)
        for action in (self.find_action, self.find_library_action, self.next_action,
                       self.previous_action):
            search_menu.addAction(action)


    def focus_search(self, scope: str | None = None) -> None:
        """Ctrl+F: show the search panel and put the cursor in the box."""
        if scope is not None:
            self.panel.set_scope(scope)
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_box()


def _same_source(transcript: Transcript, hit: Hit) -> bool:
    return same_source(transcript.source.path, hit.path)
