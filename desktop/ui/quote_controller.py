"""Wires the quote board into a window: add (Ctrl+D), copy with citation (Ctrl+Shift+C),
citation details, export (Ctrl+E), jump back to the reader, stale flags and re-anchoring.

Views and actions only: every use case is the core's `Workspace` (add, check, copy and export
verify each quote against its source file as it is now, so an invented, edited or outdated
quote is never handed out as the source's words). The slow ones run in the window's worker
helper; sentences come from `desktop.ui.messages`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.core.citations import CitationDetailsError, get_style, style_labels
from desktop.core.citations.people import resolve_people
from desktop.core.errors import VerbatimError
from desktop.core.model import Transcript
from desktop.core.quotes import Quote, QuoteAnchorError
from desktop.core.workspace import (
    BoardQuote,
    Checked,
    Cited,
    QuoteNotStoredError,
    QuotesRefusedError,
    QuoteStatus,
    QuoteStore,
    Workspace,
    same_source,
    source_key,
)
from desktop.ui import messages
from desktop.ui.actions import make_action
from desktop.ui.board_history import BoardHistory
from desktop.ui.clipboard import CitedText, clear_clipboard, put_on_clipboard
from desktop.ui.dialogs.citation_dialog import CitationDialog
from desktop.ui.dialogs.shorten_dialog import ShortenDialog
from desktop.ui.models.quote_model import QuoteModel
from desktop.ui.views.quote_board import QuoteBoard
from desktop.ui.views.reader import NEEDS_SELECTION
from desktop.ui.workers import JobContext

if TYPE_CHECKING:
    from desktop.ui.dialogs.export_dialog import ExportChoice, ExportDialog
    from desktop.ui.main_window import MainWindow

_STATUS_MS: Final = 6000


class BoardUnavailableError(Exception):
    """The window has no workspace (the library file cannot be opened)."""


class QuoteController(QObject):
    """The quote feature of one window (see the module docstring)."""

    #: Quotes were put on the board (their ids).
    quotesAdded = Signal(list)
    #: The clipboard now holds quotes with citations (the CitedText).
    copied = Signal(object)
    #: A copy was refused (the sentence shown to the user).
    copyRefused = Signal(str)
    #: An export was written (its Path).
    exported = Signal(object)
    #: An export failed (the exception).
    exportFailed = Signal(object)
    #: Board quotes were checked against their sources.
    checked = Signal()
    #: A quote was shown in the reader (its id).
    quoteShown = Signal(int)

    def __init__(self, window: MainWindow) -> None:
        workspace = window.workspace
        if workspace is None:
            raise BoardUnavailableError(window.session.reason or "the library cannot be opened")
        super().__init__(window)
        self.setObjectName("quoteController")
        self.window = window
        self.workspace: Workspace = workspace
        self.model = QuoteModel(self.store, self)
        self.board = QuoteBoard(self.model, window)
        self.history = BoardHistory(self.store, self._after_history, self)
        self.model.orderChanged.connect(self.history.reordered)
        self._pending_jump: int | None = None
        self._build_actions()
        window.add_dock(self.board, Qt.DockWidgetArea.RightDockWidgetArea)
        self.board.quoteActivated.connect(self.show_quote)
        self.board.removeRequested.connect(self.remove)
        self.board.editor.noteEdited.connect(self._save_note)
        self.board.editor.tagsEdited.connect(self._save_tags)
        self.board.editor.reanchorRequested.connect(self.reanchor_quote)
        self.board.selectionChanged.connect(self._sync_actions)
        window.transcriptOpened.connect(self._on_transcript_opened)
        window.installEventFilter(self)
        current = window.current_transcript()
        if current is not None:
            self._on_transcript_opened(current)
        self._sync_actions()
        self.check_all()

    @property
    def store(self) -> QuoteStore:
        """The board's store (the workspace's; read it, change it through the controller)."""
        return self.workspace.quotes

    # -- actions --------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self.window
        self.add_action = make_action(window, "&Add to Quote Board", self.add_selection,
                                      ["Ctrl+D"], "Put the selected words on the quote board")
        self.copy_action = make_action(window, "&Copy with Citation", self.copy_with_citation,
                                       ["Ctrl+Shift+C"],
                                       "Copy the selected words or quotes with their citation")
        self.details_action = make_action(window, "Citation &Details…", self.edit_details, [],
                                          "How the current transcript is cited")
        self.export_action = make_action(window, "&Export…", self.show_export_dialog,
                                         ["Ctrl+E"], "Export quotes to a file")
        self.show_action = make_action(window, "&Show in Reader", self._show_selected, [],
                                       "Jump to the quote in its transcript")
        self.reanchor_action = make_action(window, "Re-&anchor", self._reanchor_selected, [],
                                           "Point a moved quote at the place its words are now")
        self.shorten_action = make_action(window, "S&horten…", self.shorten_selected, [],
                                          "Leave words out of the selected quote (shown as …)")

        menu = window.menu("Quotes")
        menu.addAction(self.add_action)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        self.style_menu = menu.addMenu("Citation &Style")
        self.style_group = QActionGroup(self)
        self.style_group.setExclusive(True)
        self.style_actions: dict[str, QAction] = {}
        for sid, label in style_labels():
            action = QAction(label, self.style_group)
            action.setCheckable(True)
            action.setChecked(sid == window.settings.citation_style)
            action.triggered.connect(lambda _=False, s=sid: self.set_style(s))
            self.style_menu.addAction(action)
            self.style_actions[sid] = action
        menu.addAction(self.details_action)
        menu.addSeparator()
        menu.addAction(self.export_action)

        # Edit › Undo / Redo for the board (a focused text field keeps its own Ctrl+Z)
        self.undo_action = self.history.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.history.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        edit = window.menu("Edit")
        if edit.actions():
            first = edit.actions()[0]
            edit.insertActions(first, [self.undo_action, self.redo_action])
            edit.insertSeparator(first)
        else:
            edit.addActions([self.undo_action, self.redo_action])

        for action, short in ((self.add_action, "Add"), (self.copy_action, "Copy"),
                              (self.shorten_action, "Shorten"),
                              (self.details_action, "Citation"), (self.export_action, "Export")):
            action.setIconText(short)  # the board's toolbar is narrow
        bar = self.board.toolbar
        bar.addAction(self.add_action)
        bar.addAction(self.copy_action)
        bar.addAction(self.shorten_action)
        bar.addAction(self.details_action)
        bar.addAction(self.export_action)
        self.board.add_context_action(self.show_action)
        self.board.add_context_action(self.copy_action)
        self.board.add_context_action(self.shorten_action)
        self.board.add_context_action(self.reanchor_action)
        for action in (self.add_action, self.copy_action):
            action.setProperty(NEEDS_SELECTION, True)
            window.reader.add_context_action(action)

    def style(self) -> str:
        """The citation style used by Copy with Citation (a setting)."""
        return self.window.settings.citation_style

    def set_style(self, style_id: str) -> None:
        self.window.settings.citation_style = style_id
        action = self.style_actions.get(style_id)
        if action is not None:
            action.setChecked(True)
        self._status(f"Citation style: {get_style(style_id).label}.")

    def _sync_actions(self, *_: object) -> None:
        ids = self.board.selected_ids()
        self.show_action.setEnabled(len(ids) == 1)
        self.shorten_action.setEnabled(len(ids) == 1)
        self.reanchor_action.setEnabled(
            len(ids) == 1 and self.model.status(ids[0]) == QuoteStatus.MOVED
        )

    # -- adding ---------------------------------------------------------------------------------

    def selection_quotes(self) -> list[Quote]:
        """The reader's selection as quotes, one per turn it covers."""
        current = self.window.current_transcript()
        if current is None:
            return []
        return self.workspace.quotes_from_spans(current, self.window.reader.selection_spans())

    def add_selection(self) -> list[BoardQuote]:
        """Put the reader's selection on the board (committed when this returns)."""
        current = self.window.current_transcript()
        try:
            items = (
                self.workspace.add_quotes(current, self.window.reader.selection_spans())
                if current is not None else []
            )
        except (VerbatimError, sqlite3.Error, OSError) as exc:  # a full disk, a lost server
            sentence = (f"Not added: {messages.reason(exc)}. The words are still selected: "
                        "add them again when the library is back.")
            self._status(sentence)
            return []
        if not items:
            self._status("Select words in the transcript first, then add them to the board.")
            return []
        self.model.set_titles({items[0].quote.source_path: current.title} if current else {})
        self.model.set_statuses({item.id: QuoteStatus.EXACT for item in items})
        self.model.reload()
        self.board.select_ids([item.id for item in items])
        if not self.board.isVisible():
            self.board.show()
        self.board.raise_()
        pieces = messages.quotes_count(len(items)) + ("" if len(items) == 1 else " (one per turn)")
        self._status(f"Added {pieces} to the board.")
        self.quotesAdded.emit([item.id for item in items])
        return items

    # -- board edits ----------------------------------------------------------------------------

    def remove(self, ids: Sequence[int]) -> None:
        """Take quotes off the board; undoable (Ctrl+Z, or Undo in the board's message)."""
        count = self.history.remove(ids)
        if not count:
            return
        sentence = f"Removed {messages.quotes_count(count)}."
        self._status(sentence)
        self.board.message.show_message(
            sentence, action="Undo", callback=self.history.stack.undo, timeout_ms=15_000
        )

    def _after_history(self) -> None:
        """An undo or redo changed the store: show it."""
        self.model.reload()
        self.board.refresh_editor()
        self._sync_actions()

    def _save_note(self, quote_id: int, note: str) -> None:
        updated = self.history.edit_note(quote_id, note)
        if updated is None:
            self.model.reload()
        else:
            self.model.update_item(updated)

    def shorten_dialog(self, quote_id: int) -> ShortenDialog | None:
        """The Shorten dialog for a board quote (None when it was removed meanwhile)."""
        try:
            item = self.store.get(quote_id)
        except QuoteNotStoredError:
            self.model.reload()
            return None
        return ShortenDialog(item.quote, self.window)

    def shorten_selected(self) -> None:
        ids = self.board.selected_ids()
        if len(ids) != 1:
            self._status("Select one quote on the board to shorten it.")
            return
        dialog = self.shorten_dialog(ids[0])
        if dialog is None:
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_shortened(ids[0], dialog)
        dialog.deleteLater()

    def save_shortened(self, quote_id: int, dialog: ShortenDialog) -> bool:
        """Store the omissions chosen in the dialog (the words themselves never change)."""
        try:
            updated = self.store.set_elisions(quote_id, dialog.elisions())
        except QuoteNotStoredError:
            self.model.reload()
            return False
        except QuoteAnchorError as exc:  # the core refuses; the dialog should not offer it
            self._status(f"Quote not shortened: {messages.reason(exc)}.", 10_000)
            return False
        self.model.update_item(updated)
        self.board.select_ids([quote_id])
        gaps = len(updated.quote.elisions)
        self._status("Quote restored to all its words." if not gaps else
                     f"Quote shortened: {gaps} omission{'s' if gaps > 1 else ''} shown as ….")
        return True

    def _save_tags(self, quote_id: int, tags: list[str]) -> None:
        updated = self.history.edit_tags(quote_id, tags)
        if updated is None:
            self.model.reload()
        else:
            self.model.update_item(updated)

    # -- copy with citation ----------------------------------------------------------------------

    def copy_with_citation(self) -> None:
        """Selected board quotes (when the board has focus) or the reader's selection, with
        their citations in the default style, to the clipboard as HTML and plain text."""
        board_ids = self.board.selected_ids()
        quotes: list[Quote | int] = []
        if board_ids and self.board.has_focus():
            quotes = list(board_ids)
        if not quotes:
            quotes = list(self.selection_quotes())
        if not quotes and board_ids:
            quotes = list(board_ids)
        if not quotes:
            self._status("Select words in the transcript or quotes on the board to copy.")
            return
        self.copy_quotes(quotes)

    def copy_quotes(self, quotes: Sequence[Quote | int], style: str | None = None) -> None:
        """Verify quotes (or board quote ids) against their files in the worker, then copy them
        with citations (`Workspace.copy`)."""
        style_id = style or self.style()
        wanted = list(quotes)
        workspace = self.workspace

        def job(ctx: JobContext) -> Cited:
            return workspace.copy(wanted, style_id, cancelled=ctx.cancelled)

        task = self.window.workers.submit(job, channel="quotes-copy")
        task.finished.connect(lambda cited: self._on_copied(cited, style_id))
        task.failed.connect(self._on_copy_failed)

    def _on_copied(self, cited: Cited, style_id: str) -> None:
        self.model.set_titles(cited.titles)
        text = CitedText(cited.plain, cited.html, cited.count)
        put_on_clipboard(text)
        self._status(f"Copied {messages.quotes_count(cited.count)} with "
                     f"{get_style(style_id).label} citation.")
        self.copied.emit(text)

    def _on_copy_failed(self, exc: object) -> None:
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self._apply_refusal(error)
        sentence = messages.copy_refused(error)
        # said where the user looks, and nothing old is left on the clipboard to be pasted
        clear_clipboard()
        self._status(sentence, 10_000)
        self.board.message.show_message(sentence + " The clipboard was emptied.", warning=True)
        self._flash_refused(error)
        self.copyRefused.emit(sentence)

    # -- showing a quote in the reader ----------------------------------------------------------

    def show_quote(self, quote_id: int) -> None:
        """Jump to the quote in the reader, highlighted; opens its transcript if needed."""
        try:
            item = self.store.get(quote_id)
        except QuoteNotStoredError:
            self.model.reload()
            return
        path = self.workspace.source_path(item)
        current = self.window.current_transcript()
        if current is not None and same_source(current.source.path, path):
            self._highlight(item, current)
            return
        if not Path(path).is_file():
            self.model.set_statuses({quote_id: QuoteStatus.NO_SOURCE})
            self._status(f"The source file of this quote cannot be found: {path}", 10_000)
            return
        self._pending_jump = quote_id
        self.window.open_path(path)

    def _highlight(self, item: BoardQuote, transcript: Transcript) -> None:
        reader = self.window.reader
        status, found = self.workspace.locate(item, transcript)
        quote = found or item.quote
        if found is not None:
            spans = _spans(quote)
            reader.highlight(spans, kind="quote")
            reader.scroll_to_span(quote.turn, quote.start, quote.end)
        else:
            reader.clear_highlights("quote")
            reader.scroll_to_turn(min(quote.turn, max(0, len(transcript.turns) - 1)))
        self.model.set_statuses({item.id: status})
        if status is QuoteStatus.EXACT:
            self._status("Quote shown in the transcript.")
        else:
            self._status(messages.status_words(status, quote.source_path).capitalize() + ".",
                         10_000)
        self.quoteShown.emit(item.id)

    def _show_selected(self) -> None:
        ids = self.board.selected_ids()
        if ids:
            self.show_quote(ids[0])

    # -- checking and re-anchoring --------------------------------------------------------------

    def check_all(self) -> None:
        """Verify every board quote against its file in the background; flag the stale ones."""
        if len(self.store) == 0:
            return
        workspace = self.workspace

        def job(ctx: JobContext) -> Checked:
            return workspace.check_quotes(cancelled=ctx.cancelled)

        task = self.window.workers.submit(job, channel="quotes-check")
        task.finished.connect(self._on_checked)

    def _on_checked(self, checked: Checked) -> None:
        self.model.set_titles(checked.titles)
        self.model.set_statuses(checked.statuses)
        self.model.reload()
        self._sync_actions()
        self.checked.emit()

    def _on_transcript_opened(self, transcript: Transcript) -> None:
        key = source_key(transcript.source.path)
        self.model.set_titles({key: transcript.title})
        people = resolve_people(transcript)  # rows name people, as citations do
        self.model.set_people(
            {key: {s.name: people[s.id].name or s.name for s in transcript.speakers}}
        )
        statuses = {
            item.id: self.workspace.status_in(item, transcript)
            for item in self.workspace.quotes_of(transcript)
        }
        if statuses:
            self.model.set_statuses(statuses)
            self.model.reload()
        pending, self._pending_jump = self._pending_jump, None
        if pending is not None:
            try:
                item = self.store.get(pending)
            except QuoteNotStoredError:
                return
            if same_source(self.workspace.source_path(item), key):
                self._highlight(item, transcript)

    def reanchor_quote(self, quote_id: int) -> bool:
        """Point a moved quote at the place its exact words are now (never changes words)."""
        try:
            updated = self.workspace.reanchor(quote_id)
        except QuoteNotStoredError:
            self.model.reload()
            return False
        if updated is None:
            self._status("The quoted words are not in the source any more; the quote stays "
                         "flagged.", 10_000)
            return False
        self.model.set_statuses({quote_id: QuoteStatus.EXACT})
        self.model.update_item(updated)
        self.board.editor.show_status("")
        self._sync_actions()
        self._status("Quote re-anchored to the words' new place.")
        return True

    def _reanchor_selected(self) -> None:
        ids = self.board.selected_ids()
        if ids:
            self.reanchor_quote(ids[0])

    def _flash_refused(self, exc: BaseException) -> None:
        """The board rows of the quotes a copy or export refused flash."""
        if isinstance(exc, QuotesRefusedError) and exc.statuses:
            self.board.flash(list(exc.statuses))

    def _apply_refusal(self, exc: BaseException) -> None:
        """Quotes a copy or export refused are shown flagged on the board too."""
        if isinstance(exc, QuotesRefusedError) and exc.statuses:
            self.model.set_statuses(exc.statuses)
            self.model.reload()

    # -- citation details -----------------------------------------------------------------------

    def details_dialog(self) -> tuple[CitationDialog, str] | None:
        """The citation details editor for the current transcript (or the selected quote's
        source) and the source key it saves under; None when there is no source to describe."""
        transcript = self.window.current_transcript()
        if transcript is None:
            ids = self.board.selected_ids()
            if ids:
                try:
                    transcript = self.workspace.source_of(self.store.get(ids[0]))
                except QuoteNotStoredError:
                    transcript = None
        if transcript is None:
            return None
        key = source_key(transcript.source.path)
        record = self.workspace.record_for(transcript)
        dialog = CitationDialog(
            record, self.style(), source_name=transcript.title or Path(key).name,
            parent=self.window,
        )
        return dialog, key

    def edit_details(self) -> None:
        made = self.details_dialog()
        if made is None:
            self._status("Open a transcript first: citation details belong to a transcript.")
            return
        dialog, key = made
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_details(dialog, key)
        dialog.deleteLater()

    def save_details(self, dialog: CitationDialog, key: str) -> bool:
        """Store what the dialog holds (or forget the user's details after "Reset")."""
        if dialog.reset_requested:
            self.store.clear_details(key)
            self._status("Citation details reset to what the import found.")
            return True
        try:
            dialog.record()  # validates the whole form (a bad date raises)
            self.store.edit_details(key, dialog.changes())
        except CitationDetailsError as exc:
            self._status(f"Citation details not saved: {messages.reason(exc)}.", 10_000)
            return False
        self._status("Citation details saved.")
        return True

    # -- export ---------------------------------------------------------------------------------

    def export_dialog(self) -> ExportDialog:
        from desktop.ui.dialogs.export_dialog import ExportDialog  # not before a launch's paint

        settings = self.window.settings
        return ExportDialog(
            selected=len(self.board.selected_ids()),
            total=len(self.store),
            style_id=self.style(),
            format_id=settings.export_format,
            folder=settings.export_dir or str(Path.home()),
            parent=self.window,
        )

    def show_export_dialog(self) -> None:
        if len(self.store) == 0:
            self._status("The quote board is empty: add quotes with Ctrl+D first.")
            return
        dialog = self.export_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.run_export(dialog.choice())
        dialog.deleteLater()

    def run_export(self, choice: ExportChoice) -> None:
        """Verify and export in the worker; `exported` or `exportFailed` tells the outcome."""
        settings = self.window.settings
        settings.export_format = choice.format
        settings.export_dir = str(choice.path.parent)
        ids = self.board.selected_ids() if choice.selected_only else [
            item.id for item in self.store.quotes()
        ]
        if not ids:
            self._status("No quotes to export.")
            return
        workspace = self.workspace

        def job(ctx: JobContext) -> Path:
            ctx.progress(0, 0, "Checking quotes against their sources…")
            return workspace.export(ids, choice.format, choice.path, style=choice.style,
                                    cancelled=ctx.cancelled)

        task = self.window.workers.submit(job, channel="quotes-export")
        task.finished.connect(lambda path: self._on_exported(path, len(ids)))
        task.failed.connect(self._on_export_failed)
        self._status(f"Exporting {messages.quotes_count(len(ids))}…", 0)

    def _on_exported(self, path: Path, count: int) -> None:
        self._status(f"Exported {messages.quotes_count(count)} to {path}", 10_000)
        self.exported.emit(Path(path))

    def _on_export_failed(self, exc: object) -> None:
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self._apply_refusal(error)
        title, text, detail = messages.export_refused(error)
        self._status(f"{title}. {text}", 10_000)
        self.board.message.show_message(f"{title}. {text}", warning=True)
        self._flash_refused(error)
        if self.window.show_errors:
            box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                              QMessageBox.StandardButton.Ok, self.window)
            box.setTextFormat(Qt.TextFormat.PlainText)  # quoted words are data, never markup
            box.setInformativeText(detail)
            box.exec()
        self.exportFailed.emit(error)

    # -- helpers --------------------------------------------------------------------------------

    def _status(self, message: str, msecs: int = _STATUS_MS) -> None:
        self.window.statusBar().showMessage(message, msecs)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.Close:
                self.board.editor.flush()  # a note typed just before closing is kept
            elif event.type() == QEvent.Type.WindowActivate:
                self._sync_from_store()
        return super().eventFilter(watched, event)

    def _sync_from_store(self) -> None:
        """Show edits another window made to the same board (only when something changed)."""
        def sig(items: Iterable[BoardQuote]) -> list[object]:
            return [(i.id, i.note, i.tags, i.stale, i.quote.start) for i in items]

        if sig(self.store.quotes(text=self.model.filter_text() or None)) != sig(
            self.model.items()
        ):
            self.model.reload()


def _spans(quote: Quote) -> list[tuple[int, int, int]]:
    """The quote's characters as reader spans, elided stretches left out."""
    spans: list[tuple[int, int, int]] = []
    pos = quote.start
    for gap_start, gap_end in sorted(quote.elisions):
        if gap_start > pos:
            spans.append((quote.turn, pos, gap_start))
        pos = gap_end
    if quote.end > pos:
        spans.append((quote.turn, pos, quote.end))
    return spans


def controller_of(window: QObject) -> QuoteController | None:
    """The window's quote controller (tests, other features)."""
    found = window.findChild(QuoteController, "quoteController")
    return found if isinstance(found, QuoteController) else None


def install(window: MainWindow) -> QuoteController | None:
    """Add the quote board, the Quotes menu and their shortcuts to a window.

    A library database that cannot be opened (a read-only or full disk) leaves the window
    usable without the board, with a status message saying why.
    """
    try:
        return QuoteController(window)
    except (BoardUnavailableError, sqlite3.Error, OSError) as exc:
        stray = controller_of(window)
        if stray is not None:
            stray.setParent(None)
        window.statusBar().showMessage(f"The quote board is unavailable: {exc}", 15_000)
        return None
