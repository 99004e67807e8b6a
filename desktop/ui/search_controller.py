"""Wires search, the library dock and speaker corrections into a main window.

`install(window)` is listed in `main_window.EXTENSIONS`. It adds:
- the Search dock (Ctrl+F focuses it; F3 / Shift+F3 step through matches) and its controller,
  which runs each query on the window's `Workers` channel "search" after a short pause in
  typing, so an older, slower query can never show its results after a newer one;
- the Library dock (File ▸ Add to Library…, drops, refresh, open, remove, show in folder);
- "Rename / Merge / Set Role" for the speaker under the mouse in the reader and the navigator;
- indexing of every transcript the window shows (added to the library in the background, and
  shown again with the user's speaker corrections when the library has some).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QMessageBox

from desktop.core.library import CorrectionKind
from desktop.core.model import Transcript
from desktop.core.search import Hit, QuerySyntaxError, SearchResult, search_transcript
from desktop.ui.dialogs.speaker_dialog import SpeakerActions
from desktop.ui.library_session import LibrarySession, Registered, shared_session
from desktop.ui.models.library_model import LibraryModel
from desktop.ui.models.search_results_model import SearchResultsModel
from desktop.ui.models.transcript_model import Roles
from desktop.ui.views.library_dock import LibraryDock
from desktop.ui.views.search_panel import (
    SCOPE_LIBRARY,
    SCOPE_TRANSCRIPT,
    SearchDock,
    SearchPanel,
)
from desktop.ui.workers import JobContext, Task

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

#: Pause in typing before a query runs (ms): fast enough to feel instant, slow enough to
#: skip the intermediate keystrokes of a word.
DEBOUNCE_MS: Final = 150


@dataclass(frozen=True, slots=True)
class _Jump:
    """A hit to show once its transcript is on screen."""

    hit: Hit
    match: int  # index into hit.matches, -1 for the turn only


def install(window: MainWindow) -> SearchController:
    """Add search, the library dock and speaker corrections to a window."""
    session = shared_session()
    session.acquire()
    controller = SearchController(window, session)
    window.destroyed.connect(lambda *_: session.release())
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(session.close)
    return controller


class SearchController(QObject):
    """One per window: the search panel, the library dock and the speaker actions."""

    def __init__(self, window: MainWindow, session: LibrarySession) -> None:
        super().__init__(window)
        self.setObjectName("searchController")
        self.window = window
        self.session = session
        self.results = SearchResultsModel(self)
        self.panel = SearchPanel(self.results)
        self.dock = SearchDock(self.panel, window)
        self.library_model = LibraryModel(self)
        self.library = LibraryDock(self.library_model)
        self.library_dock = QDockWidget("Library", window)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library)
        window.add_dock(self.dock, Qt.DockWidgetArea.RightDockWidgetArea)
        window.add_dock(self.library_dock, Qt.DockWidgetArea.RightDockWidgetArea)
        window.tabifyDockWidget(self.dock, self.library_dock)
        self.dock.raise_()

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

        self.panel.queryChanged.connect(lambda _text: self._timer.start())
        self.panel.scopeChanged.connect(lambda _scope: self.run_query())
        self.panel.hitActivated.connect(self.open_row)
        self.panel.submitted.connect(self._on_submitted)
        self.panel.stepRequested.connect(self.step)
        window.transcriptOpened.connect(self._on_transcript_opened)
        window.folder_handler = self.add_to_library

        self._connect_library()
        self._build_actions()
        self._install_speaker_actions()
        self._on_session_state()
        self.library.set_entries(session.entries())

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
                return search_transcript(transcript, text)
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

            def job(ctx: JobContext) -> SearchResult:
                return session.search(text)

        task = self.window.workers.submit(job, channel="search")
        self._task = task
        task.finished.connect(lambda result: self._show(result, scope, source))
        task.failed.connect(lambda exc: self._on_search_failed(exc, scope))

    def _cancel_search(self) -> None:
        if self._task is not None and not self._task.is_done:
            self._task.cancel()
        self._task = None

    def _show(self, result: SearchResult | None, scope: str, source: str | None) -> None:
        self._result_scope = scope
        self._result_source = source
        self.results.set_result(result, titles=scope == SCOPE_LIBRARY)
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
            self.panel.show_hint(f"Check the query: {exc.hint}.")
        else:
            reason = getattr(exc, "reason", None) or str(exc) or exc.__class__.__name__
            self.panel.show_hint(f"The search failed: {reason}.")
        self._open_first = False

    def _update_counts(self) -> None:
        result = self.results.result()
        if result is None:
            self.panel.set_counts("", "")
            return
        shown, total = self.results.rowCount(), result.total
        if total == 0:
            summary = "No matches"
        elif shown < total:
            summary = f"Best {shown} of {result.total_text} turns"
        else:
            summary = f"{total} turn{'s' if total != 1 else ''}"
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
        if pending is not None and _paths_equal(transcript.source.path, pending.hit.path):
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
        if self.session.state not in ("closed", "unavailable"):
            self.session.ensure(transcript, self._on_registered)
        if pending is not None and _same_source(transcript, pending.hit):
            QTimer.singleShot(0, lambda: self._show_in_reader(pending.hit, pending.match))
        elif self.panel.scope() == SCOPE_TRANSCRIPT and self.panel.query().strip():
            self.run_query()

    def _on_registered(self, registered: Registered | None) -> None:
        """The shown transcript is in the library: show the user's corrections if it has any."""
        if registered is None or not registered.corrected:
            return
        current = self.window.current_transcript()
        corrected = registered.transcript
        if current is None or not _paths_equal(current.source.path, corrected.source.path):
            return
        if current.source.sha256 != corrected.source.sha256:
            return  # the file changed since it was opened; the window shows what it read
        if current.source.format != corrected.source.format:
            return  # the user reopened it as another shape: keep what they asked for
        if _attribution(current) != _attribution(corrected):
            self._replace(corrected)

    def _replace(self, transcript: Transcript) -> None:
        """Show a corrected copy of the same transcript, staying at the same place."""
        reader = self.window.reader
        top = reader.turn_at_top()
        self.window.show_transcript(transcript)
        if top is not None:
            reader.scroll_to_turn(top)

    # -- the library dock ----------------------------------------------------------------------

    def _connect_library(self) -> None:
        session, panel = self.session, self.library
        session.entriesChanged.connect(panel.set_entries)
        session.progress.connect(panel.show_progress)
        session.stateChanged.connect(self._on_session_state)
        session.message.connect(self._status)
        panel.addRequested.connect(self.add_to_library)
        panel.removeRequested.connect(self._remove)
        panel.refreshRequested.connect(session.refresh)
        panel.cancelRequested.connect(session.cancel)
        panel.openRequested.connect(self.open_entry)

    def add_to_library(self, items: list[str]) -> None:
        """Add files and folders in the background; the Library panel shows the progress."""
        if self.session.add(items) is not None:
            self.library_dock.show()
            self.library_dock.raise_()

    def open_entry(self, entry_id: int) -> None:
        """Show a library transcript (from its stored copy if the file is gone)."""
        self.session.load(entry_id, self.window.show_transcript)

    def _remove(self, ids: list[int]) -> None:
        entries = [e for e in self.session.entries() if e.id in ids]
        if not entries:
            return
        what = f"“{entries[0].title}”" if len(entries) == 1 else f"{len(entries)} transcripts"
        box = QMessageBox(QMessageBox.Icon.Question, "Remove from Library",
                          f"Remove {what} from the library?",
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("The files stay where they are; only the library forgets them "
                               "(and their speaker corrections).")
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        if box.clickedButton() is remove:
            self.session.remove(ids)

    def _on_session_state(self) -> None:
        session = self.session
        banner = ""
        if session.state == "read-only":
            banner = ("Read-only: another Verbatim is using this library. You can search it; "
                      "to add or remove transcripts, close the other one and reopen this window.")
        elif session.state == "unavailable":
            banner = f"The library is unavailable: {session.reason or 'unknown reason'}."
        self.library.set_writable(session.writable, banner)
        self._add_action.setEnabled(session.writable)
        self._add_folder_action.setEnabled(session.writable)
        self.library.set_busy(session.busy and self.library.is_busy_shown())
        self.panel.set_scope_enabled(SCOPE_LIBRARY, session.state != "unavailable")
        if self._waiting_for_library and session.ready:
            self.run_query()

    def _status(self, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the window may already be gone
            self.window.statusBar().showMessage(message, 8000)

    # -- menus ---------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self.window
        search_menu = window.menu("Search")
        self.find_action = _action(window, "&Find…", self.focus_search,
                                   [QKeySequence.StandardKey.Find])
        self.find_library_action = _action(window, "Search the &Library…",
                                           lambda: self.focus_search(SCOPE_LIBRARY),
                                           [QKeySequence("Ctrl+Shift+F")])
        self.next_action = _action(window, "Find &Next", lambda: self.step(1),
                                   [QKeySequence("F3"), QKeySequence.StandardKey.FindNext])
        self.previous_action = _action(window, "Find &Previous", lambda: self.step(-1),
                                       [QKeySequence("Shift+F3"),
                                        QKeySequence.StandardKey.FindPrevious])
        for action in (self.find_action, self.find_library_action, self.next_action,
                       self.previous_action):
            search_menu.addAction(action)

        self._add_action = _action(window, "Add to &Library…", self.library.choose_files,
                                   [QKeySequence("Ctrl+Shift+O")])
        self._add_folder_action = _action(window, "Add &Folder to Library…",
                                          self.library.choose_folder)
        refresh = _action(window, "Refresh Library", self.session.refresh)
        file_menu = window.menu("File")
        quit_action = next(
            (a for a in file_menu.actions() if a.menuRole() == QAction.MenuRole.QuitRole), None
        )
        before = quit_action
        actions = file_menu.actions()
        if quit_action is not None:
            at = actions.index(quit_action)
            if at > 0 and actions[at - 1].isSeparator():
                before = actions[at - 1]
        ours = [self._add_action, self._add_folder_action, refresh]
        if before is None:
            file_menu.addSeparator()
            file_menu.addActions(ours)
        else:
            file_menu.insertSeparator(before)
            file_menu.insertActions(before, ours)

    def focus_search(self, scope: str | None = None) -> None:
        """Ctrl+F: show the search panel and put the cursor in the box."""
        if scope is not None:
            self.panel.set_scope(scope)
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_box()

    # -- speaker corrections -------------------------------------------------------------------

    def _install_speaker_actions(self) -> None:
        window = self.window
        self.reader_speaker = SpeakerActions(window, self.correct)
        for action in self.reader_speaker.actions():
            window.reader.add_context_action(action)
        self._reader_probe = _ContextProbe(self)
        window.reader.viewport().installEventFilter(self._reader_probe)
        window.reader.installEventFilter(self._reader_probe)
        self.navigator_speaker = SpeakerActions(window, self.correct)
        navigator = window.navigator
        navigator.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        navigator.customContextMenuRequested.connect(self._navigator_menu)

    def aim_reader_actions(self, turn_index: int | None) -> None:
        """Point the reader's speaker entries at the speaker of a turn."""
        transcript = self.window.current_transcript()
        speaker_id = None
        if transcript is not None and turn_index is not None \
                and 0 <= turn_index < len(transcript.turns):
            speaker_id = transcript.turns[turn_index].speaker
        self.reader_speaker.set_speaker(transcript, speaker_id)

    def _navigator_menu(self, pos: QPoint) -> None:
        navigator = self.window.navigator
        index = navigator.indexAt(pos)
        speaker_id = index.data(Roles.SpeakerId) if index.isValid() else None
        transcript = self.window.current_transcript()
        if transcript is None or not isinstance(speaker_id, str):
            return
        self.navigator_speaker.set_speaker(transcript, speaker_id)
        menu = QMenu(navigator)
        for action in self.navigator_speaker.actions():
            menu.addAction(action)
        menu.exec(navigator.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def correct(self, speaker_id: str, kind: CorrectionKind, value: str) -> None:
        """Store a speaker correction in the library and show the corrected transcript."""
        transcript = self.window.current_transcript()
        if transcript is None:
            return
        path = transcript.source.path
        name = (transcript.speaker(speaker_id) or transcript.speakers[0]).name

        def done(corrected: Transcript) -> None:
            current = self.window.current_transcript()
            if current is not None and _paths_equal(current.source.path, path):
                self._replace(corrected)
            self._status(_correction_sentence(kind, name, value, corrected))

        def failed(exc: BaseException) -> None:
            reason = getattr(exc, "reason", None) or str(exc)
            self._status(f"The speaker could not be changed: {reason}.")

        self.session.correct(transcript, speaker_id, kind, value, done, failed)


class _ContextProbe(QObject):
    """Sees right-clicks on the reader before its menu opens, to aim the speaker entries."""

    def __init__(self, controller: SearchController) -> None:
        super().__init__(controller)
        self._controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            reader = self._controller.window.reader
            if event.reason() == QContextMenuEvent.Reason.Keyboard:
                position = reader.textCursor().position()
            else:
                point = event.pos()
                if watched is reader:
                    point = reader.viewport().mapFrom(reader, point)
                position = reader.cursorForPosition(point).position()
            self._controller.aim_reader_actions(reader.turn_at_position(position, nearest=True))
        return False


def _action(window: MainWindow, text: str, slot: object,
            shortcuts: list[QKeySequence | QKeySequence.StandardKey] | None = None) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        unique: list[QKeySequence] = []
        for shortcut in shortcuts:
            for key in _sequences(shortcut):
                if not key.isEmpty() and key not in unique:
                    unique.append(key)
        action.setShortcuts(unique)
    action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def _sequences(shortcut: QKeySequence | QKeySequence.StandardKey) -> list[QKeySequence]:
    if isinstance(shortcut, QKeySequence):
        return [shortcut]
    return list(QKeySequence.keyBindings(shortcut))


def _paths_equal(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _same_source(transcript: Transcript, hit: Hit) -> bool:
    return _paths_equal(transcript.source.path, hit.path)


def _attribution(transcript: Transcript) -> tuple[object, ...]:
    """What a speaker correction changes: the speakers and who says each turn."""
    return (transcript.speakers, tuple(t.speaker for t in transcript.turns))


def _correction_sentence(kind: CorrectionKind, name: str, value: str,
                         corrected: Transcript) -> str:
    if kind is CorrectionKind.RENAME:
        return f"“{name}” is now “{value}” in this transcript."
    if kind is CorrectionKind.MERGE:
        into = corrected.speaker(value)
        return f"“{name}” merged into “{into.name if into else value}”."
    return f"“{name}” is now {value}."
