"""Wires the quote check into a window: the Check dock (Ctrl+K), headline audit badges in the
reader and the navigator, jumps to passages, and "Add Source Words to Board".

Installed by `install(window)` (listed in `main_window.EXTENSIONS`). Every check runs off the
UI thread: against the shown transcript on the window's `Workers` channel "quotecheck" (a
newer check makes an older one stale), against the library through the shared library
session's queue, through its `Workspace` (used only there). Results are plain core objects
(`CheckResult`); the panel shows them as text.

Adding to the board takes the SOURCE's words at the matched passage (never the quote's
altered words), anchored like any quote taken in the reader, with a note recording the quote
as it was written and the verdict.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog

from desktop.core.errors import VerbatimError
from desktop.core.model import Transcript
from desktop.core.outcomes import QuoteStatus
from desktop.core.quotecheck import (
    AuditItem,
    CheckResult,
    Match,
    Scope,
    TranscriptScope,
    Verdict,
    audit,
    check_draft,
    read_draft,
)
from desktop.ui.library_session import LibrarySession
from desktop.ui.views.audit_badges import NavigatorBadges, ReaderBadges, badges_for
from desktop.ui.views.check_panel import (
    SCOPE_LIBRARY,
    SCOPE_TRANSCRIPT,
    CheckDock,
    CheckPanel,
    draft_name,
)
from desktop.ui.workers import JobContext, Task

if TYPE_CHECKING:
    from desktop.core.workspace import Workspace
    from desktop.ui.main_window import MainWindow

_STATUS_MS: Final = 6000
#: A check to run in a worker against a scope: (verdicts, a label for each).
Work = Callable[[Scope, JobContext], tuple[list[CheckResult], list[str]]]
_AUDIT_LABELS: Final = {"title": "Title", "lede": "Lede"}


@dataclass(frozen=True, slots=True)
class Checked:
    """What a check job returns: the verdicts, a label for each, and the transcripts their
    passages are in (so a passage can be shown or put on the board without reading again)."""

    results: list[CheckResult]
    labels: list[str]
    transcripts: dict[str, Transcript] = field(default_factory=dict)


class CheckController(QObject):
    """The quote check of one window (see the module docstring)."""

    def __init__(self, window: MainWindow, session: LibrarySession | None = None) -> None:
        super().__init__(window)
        self.setObjectName("checkController")
        self.window = window
        self.session = session
        self._pending_play: Match | None = None
        self.panel = CheckPanel()
        self.dock = CheckDock(self.panel, window)
        window.add_dock(self.dock, Qt.DockWidgetArea.RightDockWidgetArea)
        neighbour = window.findChild(QDockWidget, "libraryDock") or window.findChild(
            QDockWidget, "searchDock")
        if isinstance(neighbour, QDockWidget):  # a tab beside Search and Library (a saved
            window.tabifyDockWidget(neighbour, self.dock)  # layout, restored later, wins)
        self.reader_badges = ReaderBadges(window.reader)
        self.navigator_badges = NavigatorBadges(window.navigator, window.model)
        self.checked: Checked | None = None
        self.audit_items: list[AuditItem] = []
        self._task: Task[Checked] | None = None
        self._library_task: Task[object] | None = None
        self._request = 0
        self._pending_jump: Match | None = None

        self.panel.checkRequested.connect(self.check_text)
        self.panel.playRequested.connect(self.play_match)
        self.panel.draftRequested.connect(self.check_draft_file)
        self.panel.openDraftRequested.connect(self.choose_draft)
        self.panel.auditRequested.connect(self.show_audit)
        self.panel.matchActivated.connect(self.show_match)
        self.panel.addRequested.connect(self.add_to_board)
        self.panel.cancelRequested.connect(self.cancel)
        window.transcriptOpened.connect(self._on_transcript_opened)

        self.check_action = QAction("&Check a Quote…", window)
        self.check_action.setShortcut(QKeySequence("Ctrl+K"))
        self.check_action.setStatusTip("Is this quote what they said? Paste it or drop a draft")
        self.check_action.triggered.connect(lambda _=False: self.focus())
        window.addAction(self.check_action)
        window.menu("Quotes").addSeparator()
        window.menu("Quotes").addAction(self.check_action)
        current = window.current_transcript()
        if current is not None:
            self._on_transcript_opened(current)

    # -- asking ----------------------------------------------------------------------------------

    def focus(self) -> None:
        """Ctrl+K: show the panel with the cursor in the quote box."""
        self.dock.show()
        self.dock.raise_()
        self.panel.box.setFocus()
        self.panel.box.selectAll()

    def check_text(self, text: str, speaker: str = "", scope: str | None = None) -> None:
        """Check one quote in the background."""
        who = speaker.strip() or None
        label = f"said by {who}" if who else ""

        def work(check: Scope, ctx: JobContext) -> tuple[list[CheckResult], list[str]]:
            ctx.check()
            return [check.check(text, who)], [label]

        self._run(work, scope or self.panel.scope(), "Checking the quote…")

    def check_draft_file(self, path: str, scope: str | None = None) -> None:
        """Check every quote of a draft file in the background, in the draft's order."""

        def work(check: Scope, ctx: JobContext) -> tuple[list[CheckResult], list[str]]:
            items = check_draft(read_draft(path), check, cancelled=ctx.cancelled,
                                progress=lambda n, total, _q: ctx.progress(n, total, ""))
            ctx.check()
            labels = [f"said by {i.quote.speaker}" if i.quote.speaker else "" for i in items]
            return [i.result for i in items], labels

        self._run(work, scope or self.panel.scope(),
                  f"Checking the quotes of {draft_name(path)}…", draft=path)

    def choose_draft(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Check a Draft", str(Path.home()),
            "Drafts (*.txt *.md *.markdown *.docx);;All files (*)")
        if path:
            self.check_draft_file(path)

    def cancel(self) -> None:
        for task in (self._task, self._library_task):
            if task is not None and not task.is_done:
                task.cancel()
        self._request += 1
        self.panel.set_busy(False, "Check cancelled.")

    def _run(self, work: Work, scope: str, message: str, *, draft: str | None = None) -> None:
        self._request += 1
        request = self._request
        self.panel.set_busy(True, message)
        if scope == SCOPE_LIBRARY:
            self._run_library(work, request, draft)
            return
        transcript = self.window.current_transcript()
        if transcript is None:
            self.panel.set_busy(False, "Open a transcript to check against it, or choose "
                                       "Library.")
            return

        def job(ctx: JobContext) -> Checked:
            results, labels = work(TranscriptScope(transcript), ctx)
            return Checked(results, labels, {transcript.source.path: transcript})

        task = self.window.workers.submit(job, channel="quotecheck")
        self._task = task
        task.progress.connect(lambda done, total, _m: self._progress(done, total, request))
        task.finished.connect(lambda checked: self._show(checked, request))
        task.failed.connect(lambda exc: self._failed(exc, request, draft))

    def _run_library(self, work: Work, request: int, draft: str | None) -> None:
        session = self.session
        if session is None or not session.ready or session.engine() is None:
            reason = "still opening" if session is not None and session.state == "opening" \
                else (session.reason if session is not None and session.reason else "unavailable")
            self.panel.set_busy(False, f"The library cannot be checked yet: {reason}.")
            return

        def job(workspace: Workspace, ctx: JobContext) -> Checked:
            loaded: dict[str, Transcript] = {}
            results, labels = work(workspace.check_scope(loaded=loaded), ctx)
            return Checked(results, labels, loaded)

        task = session.run(
            job,
            on_done=lambda checked: self._show(checked, request),
            on_error=lambda exc: self._failed(exc, request, draft),
        )
        task.progress.connect(lambda done, total, _m: self._progress(done, total, request))
        self._library_task = task

    def _progress(self, done: int, total: int, request: int) -> None:
        if request == self._request and total > 1:
            self.panel.show_hint(f"Checking quote {done + 1} of {total}…")

    def _show(self, checked: Checked, request: int) -> None:
        if request != self._request:
            return  # a newer check was asked for
        self.checked = checked
        self.panel.set_busy(False)
        self.panel.set_results(checked.results, checked.labels)
        self._sync_play_button()  # the player may have come since the transcript opened
        count = len(checked.results)
        if count == 0:
            self.panel.show_hint("No quotations of three words or more were found.")
        elif count > 1:
            exact = sum(r.is_verbatim for r in checked.results)
            self.panel.show_hint(f"{exact} of {count} quotes are verbatim.")

    def _failed(self, exc: object, request: int, draft: str | None) -> None:
        if request != self._request:
            return
        path, reason = getattr(exc, "path", None), getattr(exc, "reason", None)
        if path and reason:  # a draft or transcript that cannot be read
            sentence = f"“{Path(str(path)).name}” {reason}."
        else:
            detail = reason or str(exc) or exc.__class__.__name__
            where = f" ({draft_name(draft)})" if draft is not None else ""
            sentence = f"The check failed{where}: {detail}."
        self.panel.set_busy(False, sentence)

    # -- headline audit ----------------------------------------------------------------------------

    def _on_transcript_opened(self, transcript: Transcript) -> None:
        self.audit_items = []
        self.reader_badges.set_badges([])
        self.navigator_badges.set_badges([])
        path = transcript.source.path

        def job(ctx: JobContext) -> list[AuditItem]:
            return audit(transcript)

        task = self.window.workers.submit(job, channel="audit")
        task.finished.connect(lambda items: self._audited(items, path))

    def _audited(self, items: list[AuditItem], path: str) -> None:
        current = self.window.current_transcript()
        if current is None or current.source.path != path:
            return
        self.audit_items = items
        badges = badges_for(items)
        self.reader_badges.set_badges(badges)
        self.navigator_badges.set_badges(badges)

    def show_audit(self) -> None:
        """The audit of the shown transcript in the results list."""
        transcript = self.window.current_transcript()
        if transcript is None:
            self.panel.show_hint("Open a transcript to audit its headings.")
            return
        if not self.audit_items:
            self.panel.show_hint("The title and headings quote no words of the transcript.")
            return
        labels = [
            _AUDIT_LABELS.get(str(i.kind), f"Heading {(i.section or 0) + 1}")
            for i in self.audit_items
        ]
        self._request += 1
        self._show(Checked([i.result for i in self.audit_items], labels,
                           {transcript.source.path: transcript}), self._request)
        self.dock.show()
        self.dock.raise_()

    # -- going to passages -----------------------------------------------------------------------

    def match(self, row: int, index: int) -> Match | None:
        result = self.panel.result(row)
        if result is None or not 0 <= index < len(result.matches):
            return None
        return result.matches[index]

    def show_match(self, row: int, index: int) -> None:
        """Show a passage in the reader, opening its transcript first when needed."""
        match = self.match(row, index)
        if match is None:
            return
        current = self.window.current_transcript()
        if current is not None and current.source.path == match.path:
            self._highlight(match)
            return
        known = self.checked.transcripts.get(match.path) if self.checked else None
        self._pending_jump = match
        if known is not None:
            self.window.show_transcript(known)
        else:
            self.window.open_path(match.path)

    def _highlight(self, match: Match) -> None:
        reader = self.window.reader
        reader.clear_highlights("current")
        reader.highlight([(match.turn, match.start, match.end)], "current")
        reader.scroll_to_span(match.turn, match.start, match.end)
        self.window.navigator.show_turn(match.turn)

    def _jump_after_open(self, transcript: Transcript) -> None:
        pending, self._pending_jump = self._pending_jump, None
        if pending is not None and transcript.source.path == pending.path:
            QTimer.singleShot(0, lambda: self._highlight(pending))
        play, self._pending_play = self._pending_play, None
        if play is not None and transcript.source.path == play.path:
            QTimer.singleShot(0, lambda: self._play(play))
        self._sync_play_button()

    # -- hearing a passage -----------------------------------------------------------------------

    def play_match(self, row: int, index: int) -> None:
        """Play a passage from the recording (its transcript shown first when needed)."""
        match = self.match(row, index)
        if match is None:
            return
        current = self.window.current_transcript()
        if current is not None and current.source.path == match.path:
            self._highlight(match)
            self._play(match)
            return
        self._pending_play = match
        self.show_match(row, index)

    def _play(self, match: Match) -> None:
        from desktop.ui.media_controller import controller_of as media_of

        media = media_of(self.window)
        if media is not None:
            media.play_span(match.turn, match.start, match.end)  # says why when it cannot

    def _sync_play_button(self) -> None:
        # Not imported yet means not installed yet (a launch installs it after the first
        # paint): no player, and no import of the media modules before the file shows.
        media_module = sys.modules.get("desktop.ui.media_controller")
        media = media_module.controller_of(self.window) if media_module is not None else None
        self.panel.play_button.setVisible(media is not None and media.can_play())

    # -- the board -------------------------------------------------------------------------------

    def add_to_board(self, row: int, index: int) -> list[int]:
        """Put the source's words of a passage (every part, for a stitched quote) on the board,
        with a note recording the quote as written. Returns the new board ids."""
        from desktop.ui.quote_controller import controller_of

        result = self.panel.result(row)
        board = controller_of(self.window)
        if result is None or board is None or result.verdict is Verdict.NOT_FOUND:
            self._status("Nothing to add: the quote's words were not found.")
            return []
        matches = list(result.matches) if result.verdict is Verdict.STITCHED else \
            [result.matches[index]]
        items = []
        for match in matches:
            transcript = self._transcript_of(match)
            if transcript is None:
                self._status(f"“{Path(match.path).name}” is not loaded; show it first.")
                return []
            try:
                items.extend(board.workspace.add_quotes(
                    transcript, [(match.turn, match.start, match.end)], note=_note(result)))
            except (VerbatimError, sqlite3.Error, OSError) as exc:
                self._status(f"Not added: {exc}.")
                return []
        if not items:
            return []
        board.model.set_statuses({item.id: QuoteStatus.EXACT for item in items})
        board.model.reload()
        board.board.select_ids([item.id for item in items])
        board.board.show()
        board.board.raise_()
        self._status("Added the transcript's words to the board (the note keeps the quote as "
                     "written).")
        return [item.id for item in items]

    def _transcript_of(self, match: Match) -> Transcript | None:
        current = self.window.current_transcript()
        if current is not None and current.source.path == match.path:
            return current
        return self.checked.transcripts.get(match.path) if self.checked else None

    def _status(self, message: str) -> None:
        with contextlib.suppress(RuntimeError):
            self.window.statusBar().showMessage(message, _STATUS_MS)


def _note(result: CheckResult) -> str:
    """The board note: the verdict and the quote as it was written."""
    verdict = str(result.verdict).replace("_", " ")
    if result.is_verbatim:
        return f"Quote check: verbatim. Checked wording: “{result.quote}”"
    return (f"Quote check: {verdict}. The words on the board are the transcript's; the "
            f"quote as written was: “{result.quote}”")


def install(window: MainWindow) -> CheckController:
    """Add the Check dock, Ctrl+K and the headline audit badges to a window."""
    controller = CheckController(window, window.session)
    window.transcriptOpened.connect(controller._jump_after_open)
    return controller


def controller_of(window: QObject) -> CheckController | None:
    """The window's check controller (tests, other features)."""
    found = window.findChild(CheckController, "checkController")
    return found if isinstance(found, CheckController) else None


__all__ = ["SCOPE_LIBRARY", "SCOPE_TRANSCRIPT", "CheckController", "Checked", "install"]
