"""Wires the quote board into a window: add (Ctrl+D), copy with citation (Ctrl+Shift+C),
citation details, export (Ctrl+E), jump back to the reader, stale flags and re-anchoring.

Installed by `install(window)` (listed in `main_window.EXTENSIONS`). Quotes are stored at once
in the library database (`QuoteStore`); every copy and export first re-reads each source file
and verifies the quotes against it in the worker helper, so an invented, edited or outdated
quote is never handed out as the source's words.

Paths: quotes and citation details are keyed by the source file's resolved absolute path, so
a transcript opened as `./a.txt` today and `/home/me/a.txt` tomorrow is the same source.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.core import redaction_store
from desktop.core.citations import CitationDetailsError, get_style, style_labels
from desktop.core.errors import VerbatimError
from desktop.core.export import ExportItem, ExportRequest, export
from desktop.core.importers import import_file
from desktop.core.model import Transcript
from desktop.core.quote_store import BoardQuote, QuoteNotStoredError, QuoteStore
from desktop.core.quotes import (
    Quote,
    QuoteAnchorError,
    QuotesNotVerifiedError,
    Verification,
    quote_from_span,
    reanchor,
    verify,
    verify_all,
)
from desktop.ui.clipboard import CitedText, compose, put_on_clipboard
from desktop.ui.dialogs.citation_dialog import CitationDialog
from desktop.ui.dialogs.export_dialog import ExportChoice, ExportDialog
from desktop.ui.dialogs.shorten_dialog import ShortenDialog
from desktop.ui.models.quote_model import QuoteModel
from desktop.ui.views.quote_board import QuoteBoard
from desktop.ui.workers import JobContext

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

_EXPORT_FORMAT_KEY: Final = "quotes/export_format"
_EXPORT_DIR_KEY: Final = "quotes/export_dir"
_STATUS_MS: Final = 6000


def source_key(path: str) -> str:
    """The resolved absolute path quotes and citation details are stored under."""
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):
        return path


def keyed(transcript: Transcript, key: str | None = None) -> Transcript:
    """The transcript with its source path replaced by its key (quotes taken from it, and
    citation details looked up for it, then use the key)."""
    key = key or source_key(transcript.source.path)
    if transcript.source.path == key:
        return transcript
    return dataclasses.replace(transcript, source=dataclasses.replace(transcript.source, path=key))


@dataclass(slots=True)
class LoadedSources:
    """Transcripts read from their files now, and why the others could not be."""

    transcripts: dict[str, Transcript] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def load_sources(
    paths: Iterable[str], cached: Mapping[str, Transcript], ctx: JobContext | None = None
) -> LoadedSources:
    """Read each source file as it is now (runs in a worker).

    A transcript already loaded this session is reused when the file's bytes still have its
    SHA-256 (it may have been opened with a forced format or encoding); otherwise the file is
    imported again. Missing or unreadable files are left out, so their quotes fail
    verification as `missing`.
    """
    loaded = LoadedSources()
    for path in dict.fromkeys(paths):
        if ctx is not None:
            ctx.check()
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError:
            loaded.problems[path] = "no-source"
            continue
        digest = hashlib.sha256(data).hexdigest()
        known = cached.get(path)
        if known is not None and known.source.sha256 == digest:
            loaded.transcripts[path] = known
            continue
        try:
            loaded.transcripts[path] = keyed(import_file(file), path)
        except (VerbatimError, OSError, ValueError):
            loaded.problems[path] = "no-source"
    return loaded


@dataclass(frozen=True, slots=True)
class CheckResult:
    statuses: dict[int, str]
    sources: LoadedSources


@dataclass(frozen=True, slots=True)
class CopyResult:
    text: CitedText
    sources: LoadedSources


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
        super().__init__(window)
        self.setObjectName("quoteController")
        self.window = window
        self.store = QuoteStore()
        self.model = QuoteModel(self.store, self)
        self.board = QuoteBoard(self.model, window)
        self._sources: dict[str, Transcript] = {}
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
        self.destroyed.connect(self.store.close)
        current = window.current_transcript()
        if current is not None:
            self._on_transcript_opened(current)
        self._sync_actions()
        self.check_all()

    # -- actions --------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self.window
        self.add_action = self._make("&Add to Quote Board", self.add_selection, "Ctrl+D",
                                     "Put the selected words on the quote board")
        self.copy_action = self._make("&Copy with Citation", self.copy_with_citation,
                                      "Ctrl+Shift+C",
                                      "Copy the selected words or quotes with their citation")
        self.details_action = self._make("Citation &Details…", self.edit_details, None,
                                         "How the current transcript is cited")
        self.export_action = self._make("&Export…", self.show_export_dialog, "Ctrl+E",
                                        "Export quotes to a file")
        self.show_action = self._make("&Show in Reader", self._show_selected, None,
                                      "Jump to the quote in its transcript")
        self.reanchor_action = self._make("Re-&anchor", self._reanchor_selected, None,
                                          "Point a moved quote at the place its words are now")
        self.shorten_action = self._make("S&horten…", self.shorten_selected, None,
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

        for action, short in ((self.add_action, "Add"), (self.copy_action, "Copy"),
                              (self.shorten_action, "Shorten"),
                              (self.details_action, "Details"), (self.export_action, "Export")):
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
        window.reader.add_context_action(self.add_action)
        window.reader.add_context_action(self.copy_action)

    def _make(self, text: str, slot: object, shortcut: str | None, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        return action

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
            len(ids) == 1 and self.model.status(ids[0]) == "moved"
        )

    # -- adding ---------------------------------------------------------------------------------

    def selection_quotes(self) -> list[Quote]:
        """The reader's selection as quotes, one per turn it covers."""
        current = self.window.current_transcript()
        if current is None:
            return []
        transcript = keyed(current)
        quotes: list[Quote] = []
        for turn, start, end in self.window.reader.selection_spans():
            try:
                quotes.append(quote_from_span(transcript, turn, start, end))
            except QuoteAnchorError:  # only spaces or line breaks of this turn selected
                continue
        return quotes

    def add_selection(self) -> list[BoardQuote]:
        """Put the reader's selection on the board (committed when this returns)."""
        quotes = self.selection_quotes()
        if not quotes:
            self._status("Select words in the transcript first, then add them to the board.")
            return []
        current = self.window.current_transcript()
        if current is not None:
            self._remember(keyed(current))
        items = self.store.add_many(quotes)
        self.model.set_statuses({item.id: "exact" for item in items})
        self.model.reload()
        self.board.select_ids([item.id for item in items])
        if not self.board.isVisible():
            self.board.show()
        self.board.raise_()
        pieces = "1 quote" if len(items) == 1 else f"{len(items)} quotes (one per turn)"
        self._status(f"Added {pieces} to the board.")
        self.quotesAdded.emit([item.id for item in items])
        return items

    # -- board edits ----------------------------------------------------------------------------

    def remove(self, ids: Sequence[int]) -> None:
        self.store.remove(*ids)
        self.model.reload()
        self._status("Removed 1 quote." if len(ids) == 1 else f"Removed {len(ids)} quotes.")

    def _save_note(self, quote_id: int, note: str) -> None:
        try:
            self.model.update_item(self.store.update(quote_id, note=note))
        except QuoteNotStoredError:
            self.model.reload()

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
            self._status(f"Quote not shortened: {exc.reason}.", 10_000)
            return False
        self.model.update_item(updated)
        self.board.select_ids([quote_id])
        gaps = len(updated.quote.elisions)
        self._status("Quote restored to all its words." if not gaps else
                     f"Quote shortened: {gaps} omission{'s' if gaps > 1 else ''} shown as ….")
        return True

    def _save_tags(self, quote_id: int, tags: list[str]) -> None:
        try:
            self.model.update_item(self.store.update(quote_id, tags=tags))
        except QuoteNotStoredError:
            self.model.reload()

    # -- copy with citation ----------------------------------------------------------------------

    def copy_with_citation(self) -> None:
        """Selected board quotes (when the board has focus) or the reader's selection, with
        their citations in the default style, to the clipboard as HTML and plain text."""
        board_ids = self.board.selected_ids()
        quotes: list[Quote] = []
        if board_ids and self.board.has_focus():
            quotes = self._quotes(board_ids)
        if not quotes:
            quotes = self.selection_quotes()
        if not quotes and board_ids:
            quotes = self._quotes(board_ids)
        if not quotes:
            self._status("Select words in the transcript or quotes on the board to copy.")
            return
        self.copy_quotes(quotes)

    def copy_quotes(self, quotes: Sequence[Quote], style: str | None = None) -> None:
        """Verify `quotes` against their files (in the worker), then copy them with citations."""
        style_id = style or self.style()
        quotes = list(quotes)
        cached = dict(self._sources)
        store = self.store

        def job(ctx: JobContext) -> CopyResult:
            sources = load_sources((q.source_path for q in quotes), cached, ctx)
            failures = verify_all(quotes, sources.transcripts)
            if failures:
                raise QuotesNotVerifiedError(failures)
            records = {path: store.record_for(t) for path, t in sources.transcripts.items()}
            redaction = redaction_store.load()  # the library's list, applied on the way out
            return CopyResult(compose(style_id, quotes, records, redaction=redaction), sources)

        task = self.window.workers.submit(job, channel="quotes-copy")
        task.finished.connect(lambda result: self._on_copied(result, style_id))
        task.failed.connect(self._on_copy_failed)

    def _on_copied(self, result: CopyResult, style_id: str) -> None:
        self._remember_all(result.sources)
        put_on_clipboard(result.text)
        count = result.text.count
        what = "1 quote" if count == 1 else f"{count} quotes"
        self._status(f"Copied {what} with {get_style(style_id).label} citation.")
        self.copied.emit(result.text)

    def _on_copy_failed(self, exc: object) -> None:
        if isinstance(exc, QuotesNotVerifiedError):
            self._apply_failures(exc)
            first = exc.failures[0]
            sentence = (
                f"Not copied: “{_short(first.quote.words())}” does not match its source any "
                f"more ({_status_words(first.status.value, first.quote.source_path)})."
            )
        else:
            sentence = f"Not copied: {exc}"
        self._status(sentence, 10_000)
        self.copyRefused.emit(sentence)

    # -- showing a quote in the reader ----------------------------------------------------------

    def show_quote(self, quote_id: int) -> None:
        """Jump to the quote in the reader, highlighted; opens its transcript if needed."""
        try:
            item = self.store.get(quote_id)
        except QuoteNotStoredError:
            self.model.reload()
            return
        path = item.quote.source_path
        current = self.window.current_transcript()
        if current is not None and source_key(current.source.path) == path:
            self._highlight(item, keyed(current, path))
            return
        if not Path(path).is_file():
            self.model.set_statuses({quote_id: "no-source"})
            self._status(f"The source file of this quote cannot be found: {path}", 10_000)
            return
        self._pending_jump = quote_id
        self.window.open_path(path)

    def _highlight(self, item: BoardQuote, transcript: Transcript) -> None:
        quote = item.quote
        reader = self.window.reader
        status = verify(quote, transcript)
        if status is Verification.MOVED:
            found = reanchor(quote, transcript)
            if found is not None:
                quote = found
        if status in (Verification.EXACT, Verification.MOVED):
            spans = _spans(quote)
            reader.highlight(spans, kind="quote")
            reader.scroll_to_span(quote.turn, quote.start, quote.end)
        else:
            reader.clear_highlights("quote")
            reader.scroll_to_turn(min(quote.turn, max(0, len(transcript.turns) - 1)))
        self.model.set_statuses({item.id: status.value})
        self._sync_stale(item, status.value)
        if status is Verification.EXACT:
            self._status("Quote shown in the transcript.")
        else:
            self._status(_status_words(status.value, quote.source_path).capitalize() + ".",
                         10_000)
        self.quoteShown.emit(item.id)

    def _show_selected(self) -> None:
        ids = self.board.selected_ids()
        if ids:
            self.show_quote(ids[0])

    # -- checking and re-anchoring --------------------------------------------------------------

    def check_all(self) -> None:
        """Verify every board quote against its file in the background; flag the stale ones."""
        items = self.store.quotes()
        if not items:
            return
        cached = dict(self._sources)

        def job(ctx: JobContext) -> CheckResult:
            sources = load_sources((i.quote.source_path for i in items), cached, ctx)
            statuses: dict[int, str] = {}
            for item in items:
                transcript = sources.transcripts.get(item.quote.source_path)
                if transcript is None:
                    statuses[item.id] = "no-source"
                else:
                    statuses[item.id] = verify(item.quote, transcript).value
            return CheckResult(statuses, sources)

        task = self.window.workers.submit(job, channel="quotes-check")
        task.finished.connect(self._on_checked)

    def _on_checked(self, result: CheckResult) -> None:
        self._remember_all(result.sources)
        for quote_id, status in result.statuses.items():
            try:
                self._sync_stale(self.store.get(quote_id), status)
            except QuoteNotStoredError:
                continue
        self.model.set_statuses(result.statuses)
        self.model.reload()
        self._sync_actions()
        self.checked.emit()

    def _on_transcript_opened(self, transcript: Transcript) -> None:
        key = source_key(transcript.source.path)
        current = keyed(transcript, key)
        self._remember(current)
        statuses: dict[int, str] = {}
        for item in self.store.quotes(source=key):
            status = verify(item.quote, current).value
            statuses[item.id] = status
            self._sync_stale(item, status)
        if statuses:
            self.model.set_statuses(statuses)
            self.model.reload()
        pending, self._pending_jump = self._pending_jump, None
        if pending is not None:
            try:
                item = self.store.get(pending)
            except QuoteNotStoredError:
                return
            if item.quote.source_path == key:
                self._highlight(item, current)

    def reanchor_quote(self, quote_id: int) -> bool:
        """Point a moved quote at the place its exact words are now (never changes words)."""
        try:
            item = self.store.get(quote_id)
        except QuoteNotStoredError:
            self.model.reload()
            return False
        transcript = self._sources.get(item.quote.source_path)
        fresh = reanchor(item.quote, transcript) if transcript is not None else None
        if fresh is None or transcript is None:
            self._status("The quoted words are not in the source any more; the quote stays "
                         "flagged.", 10_000)
            return False
        updated = self.store.replace_anchor(quote_id, keyed_quote(fresh, transcript))
        self.model.set_statuses({quote_id: "exact"})
        self.model.update_item(updated)
        self.board.editor.show_status("")
        self._sync_actions()
        self._status("Quote re-anchored to the words' new place.")
        return True

    def _reanchor_selected(self) -> None:
        ids = self.board.selected_ids()
        if ids:
            self.reanchor_quote(ids[0])

    def _sync_stale(self, item: BoardQuote, status: str) -> None:
        stale = status != Verification.EXACT.value
        if item.stale != stale:
            with contextlib.suppress(QuoteNotStoredError):  # removed meanwhile
                self.store.mark_stale(item.id, stale)

    def _apply_failures(self, exc: QuotesNotVerifiedError) -> None:
        """Quotes an export or copy found failing are flagged on the board too."""
        statuses: dict[int, str] = {}
        for failure in exc.failures:
            for item in self.store.quotes(source=failure.quote.source_path):
                if item.quote == failure.quote:
                    statuses[item.id] = failure.status.value
                    self._sync_stale(item, failure.status.value)
        if statuses:
            self.model.set_statuses(statuses)
            self.model.reload()

    # -- citation details -----------------------------------------------------------------------

    def details_dialog(self) -> tuple[CitationDialog, str] | None:
        """The citation details editor for the current transcript (or the selected quote's
        source) and the source key it saves under; None when there is no source to describe."""
        transcript: Transcript | None = None
        current = self.window.current_transcript()
        if current is not None:
            transcript = keyed(current)
        else:
            ids = self.board.selected_ids()
            if ids:
                transcript = self._sources.get(self.store.get(ids[0]).quote.source_path)
        if transcript is None:
            return None
        record = self.store.record_for(transcript)
        dialog = CitationDialog(
            record, self.style(), source_name=transcript.title or Path(
                transcript.source.path).name, parent=self.window,
        )
        return dialog, transcript.source.path

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
            self._status(f"Citation details not saved: {exc.reason}.", 10_000)
            return False
        self._status("Citation details saved.")
        return True

    # -- export ---------------------------------------------------------------------------------

    def export_dialog(self) -> ExportDialog:
        settings = self.window.settings
        folder = settings.value(_EXPORT_DIR_KEY) or str(Path.home())
        return ExportDialog(
            selected=len(self.board.selected_ids()),
            total=len(self.store),
            style_id=self.style(),
            format_id=str(settings.value(_EXPORT_FORMAT_KEY) or "md"),
            folder=str(folder),
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
        settings.set_value(_EXPORT_FORMAT_KEY, choice.format)
        settings.set_value(_EXPORT_DIR_KEY, str(choice.path.parent))
        if choice.selected_only:
            items = [self.store.get(i) for i in self.board.selected_ids()]
        else:
            items = self.store.quotes()
        if not items:
            self._status("No quotes to export.")
            return
        export_items = [ExportItem(i.quote, i.note, i.tags) for i in items]
        cached = dict(self._sources)
        store = self.store

        def job(ctx: JobContext) -> tuple[str, LoadedSources]:
            ctx.progress(0, 0, "Checking quotes against their sources…")
            sources = load_sources((i.quote.source_path for i in export_items), cached, ctx)
            records = {path: store.record_for(t) for path, t in sources.transcripts.items()}
            request = ExportRequest(
                items=export_items,
                sources=sources.transcripts,
                records=records,
                style=choice.style,
                redaction=redaction_store.load(),  # the library's list, applied on the way out
            )
            ctx.progress(0, 0, "Writing…")
            return str(export(request, choice.format, choice.path)), sources

        task = self.window.workers.submit(job, channel="quotes-export")
        task.finished.connect(lambda result: self._on_exported(result, len(export_items)))
        task.failed.connect(self._on_export_failed)
        self._status(f"Exporting {len(export_items)} quotes…", 0)

    def _on_exported(self, result: tuple[str, LoadedSources], count: int) -> None:
        path, sources = result
        self._remember_all(sources)
        what = "1 quote" if count == 1 else f"{count} quotes"
        self._status(f"Exported {what} to {path}", 10_000)
        self.exported.emit(Path(path))

    def _on_export_failed(self, exc: object) -> None:
        if isinstance(exc, QuotesNotVerifiedError):
            self._apply_failures(exc)
            title = "Nothing was exported"
            text = (
                "1 quote no longer matches its source:" if len(exc.failures) == 1
                else f"{len(exc.failures)} quotes no longer match their sources:"
            )
            detail = "\n".join(
                f"• “{_short(f.quote.words())}” — "
                f"{_status_words(f.status.value, f.quote.source_path)}"
                for f in exc.failures
            )
            detail += "\n\nShow each one in the reader to re-anchor it, or remove it."
        else:
            title = "Export failed"
            text = "The quotes could not be exported."
            detail = str(exc)
        self._status(f"{title}. {text}", 10_000)
        if self.window.show_errors:
            box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                              QMessageBox.StandardButton.Ok, self.window)
            box.setTextFormat(Qt.TextFormat.PlainText)  # quoted words are data, never markup
            box.setInformativeText(detail)
            box.exec()
        self.exportFailed.emit(exc)

    # -- helpers --------------------------------------------------------------------------------

    def _quotes(self, ids: Iterable[int]) -> list[Quote]:
        quotes: list[Quote] = []
        for quote_id in ids:
            try:
                quotes.append(self.store.get(quote_id).quote)
            except QuoteNotStoredError:
                continue
        return quotes

    def _remember(self, transcript: Transcript) -> None:
        self._sources[transcript.source.path] = transcript
        self.model.set_titles({transcript.source.path: transcript.title})

    def _remember_all(self, sources: LoadedSources) -> None:
        for transcript in sources.transcripts.values():
            self._remember(transcript)

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


def keyed_quote(quote: Quote, transcript: Transcript) -> Quote:
    """A quote pointing at the transcript's keyed path."""
    return dataclasses.replace(quote, source_path=transcript.source.path)


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


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _status_words(status: str, path: str) -> str:
    name = Path(path).name or path
    if status == "missing" and not Path(path).is_file():
        status = "no-source"
    return {
        "moved": f"the words moved within {name}; re-anchor the quote",
        "changed": f"{name} changed: the words there are different now",
        "missing": f"the words are no longer in {name}",
        "no-source": f"{name} cannot be found or read",
    }.get(status, f"{name}: {status}")


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
    except (sqlite3.Error, OSError) as exc:
        stray = controller_of(window)
        if stray is not None:
            stray.setParent(None)
        window.statusBar().showMessage(f"The quote board is unavailable: {exc}", 15_000)
        return None
