"""Wires the reading tools into a main window: keyword in context, speaker statistics, the
library's redaction list and the reader's redaction preview.

`install(window)` is listed in `main_window.EXTENSIONS`. It adds:
- the Keyword in Context dock (Search ▸ Keyword in Context…, Ctrl+Shift+K): one transcript is
  searched in a worker of the window, the library in the library session's worker; a newer
  query makes older results stale; a row click shows the passage in the reader;
- the Statistics dock (View ▸ Statistics) with its CSV export;
- Quotes ▸ Redaction List… (the library's list, through the workspace) and View ▸ Preview
  Redactions (marks in the reader what would be taken out; the text itself never changes).
Every copy and export made here goes through the list (`core.redaction.redact_value`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from desktop.core.errors import VerbatimError
from desktop.core.kwic import (
    KwicLine,
    KwicResult,
    csv_rows,
    kwic_library,
    kwic_transcript,
    markdown,
)
from desktop.core.model import Transcript
from desktop.core.redaction import Redaction, redact_value
from desktop.core.search import QuerySyntaxError
from desktop.core.stats import Statistics, statistics
from desktop.core.stats import csv_rows as stats_csv_rows
from desktop.core.workspace import redaction_list, save_redaction_list
from desktop.ui.dialogs.redaction_dialog import RedactionDialog
from desktop.ui.library_session import LibrarySession, shared_session
from desktop.ui.models.kwic_model import KwicModel
from desktop.ui.views.kwic_panel import SCOPE_LIBRARY, KwicDock, KwicPanel
from desktop.ui.views.library_dock import LibraryDock
from desktop.ui.views.stats_panel import StatsDock, StatsPanel
from desktop.ui.workers import JobContext

#: Characters of context on each side in the panel (its columns elide what does not fit).
PANEL_WIDTH = 60

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install(window: MainWindow) -> ReadingController:
    session = shared_session()
    session.acquire()
    controller = ReadingController(window, session)
    window.destroyed.connect(lambda *_: session.release())
    return controller


class ReadingController(QObject):
    """One per window: the KWIC and Statistics docks, the redaction list and its preview."""

    def __init__(self, window: MainWindow, session: LibrarySession) -> None:
        super().__init__(window)
        self.setObjectName("readingController")
        self.window = window
        self.session = session
        self.kwic_model = KwicModel(self)
        self.kwic = KwicPanel(self.kwic_model)
        self.kwic_dock = KwicDock(self.kwic, window)
        self.stats = StatsPanel()
        self.stats_dock = StatsDock(self.stats, window)
        # These panels wait to be asked for; the saved layout (restored after the extensions
        # are installed) shows them again if they were open. Never shown before that, they
        # cannot stretch a restored window to make room for themselves (`add_dock` would).
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        for dock in (self.kwic_dock, self.stats_dock):
            dock.hide()
            window.addDockWidget(bottom, dock)
            window.menu("View").addAction(dock.toggleViewAction())
        window.tabifyDockWidget(self.kwic_dock, self.stats_dock)
        self._redaction: Redaction | None = None
        self._generation = 0  # KWIC requests: only the newest may show its rows
        self._stats_generation = 0
        self._pending: KwicLine | None = None
        #: Where exports go when set (tests); otherwise a save dialog asks.
        self.save_path: Callable[[str, str], str | None] = self._ask_path

        self.kwic.queryRequested.connect(self.run_kwic)
        self.kwic.rowActivated.connect(self.open_row)
        self.kwic.exportRequested.connect(self._on_kwic_export)
        self.stats.refreshRequested.connect(self.run_stats)
        self.stats.exportRequested.connect(lambda: self.export_stats())
        self.stats_dock.visibilityChanged.connect(self._on_stats_visible)
        window.transcriptOpened.connect(self._on_transcript_opened)
        self._build_actions()

    # -- the redaction list --------------------------------------------------------------------

    def redaction(self) -> Redaction:
        """The library's list (read once, then kept in step with the dialog). Raises when the
        library file cannot be read: an output must never go out unredacted by mistake."""
        if self._redaction is None:
            self._redaction = redaction_list(self.session.data_dir)
        return self._redaction

    def _redaction_or_none(self, doing: str) -> Redaction | None:
        """The list, or None after saying in the status bar why `doing` did not happen."""
        try:
            return self.redaction()
        except Exception as exc:  # a damaged or locked library file
            self._status(f"Not {doing}: the redaction list cannot be read ({exc}).")
            return None

    def set_redaction(self, redaction: Redaction) -> None:
        """Save the library's list and refresh the preview."""
        save_redaction_list(self.session.data_dir, redaction)
        self._redaction = redaction
        self._update_preview()

    def edit_redaction(self) -> None:
        current = self._redaction_or_none("opened")
        if current is None:
            return
        dialog = RedactionDialog(current, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.set_redaction(dialog.redaction())
            except Exception as exc:  # the library file could not be written
                self._status(f"The redaction list was not saved: {exc}.")
            else:
                count = len(dialog.redaction().rules)
                self._status(f"Redaction list saved ({count} rule{'s' if count != 1 else ''}).")
        dialog.deleteLater()

    def _update_preview(self) -> None:
        reader = self.window.reader
        transcript = self.window.current_transcript()
        if not self.preview_action.isChecked() or transcript is None:
            current = self.window.workers.current("redaction-preview")
            if current is not None:
                current.cancel()
            reader.clear_highlights("redaction")
            return
        redaction = self._redaction_or_none("previewed")
        if redaction is None:
            reader.clear_highlights("redaction")
            return
        if not redaction:
            reader.clear_highlights("redaction")
            self._status("The redaction list is empty: Quotes ▸ Redaction List… to add names.")
            return

        def job(ctx: JobContext) -> list[tuple[int, int, int]]:
            spans = []
            for i, turn in enumerate(transcript.turns):  # a long hearing takes a moment
                if i % 500 == 0:
                    ctx.check()
                spans += [(i, s.start, s.end) for s in redaction.spans(turn.text)]
            return spans

        task = self.window.workers.submit(job, channel="redaction-preview")
        task.finished.connect(lambda spans: self._show_preview(transcript, spans))

    def _show_preview(self, transcript: Transcript, spans: list[tuple[int, int, int]]) -> None:
        shown = self.window.current_transcript()
        if not self.preview_action.isChecked() or shown is not transcript:
            return  # switched off, or another transcript is on screen by now
        self.window.reader.highlight(spans, "redaction")
        self._status(f"Preview: {len(spans)} passage{'s' if len(spans) != 1 else ''} "
                     "would be redacted in copies and exports.")  # fmt: skip

    # -- keyword in context --------------------------------------------------------------------

    def show_kwic(self, text: str | None = None, scope: str | None = None) -> None:
        """Show the panel (and run `text` when given), as Search ▸ Keyword in Context does."""
        self.kwic_dock.show()
        self.kwic_dock.raise_()
        if scope is not None:
            self.kwic.scope.blockSignals(True)
            self.kwic.set_scope(scope)
            self.kwic.scope.blockSignals(False)
        if text is not None:
            self.kwic.box.setText(text)
            self.run_kwic(text, self.kwic.current_scope())
        else:
            selected = self.window.reader.selected_text().strip()
            if selected and "\n" not in selected and len(selected) < 60:
                self.kwic.box.setText(selected)
            self.kwic.box.setFocus()
            self.kwic.box.selectAll()

    def run_kwic(self, text: str, scope: str) -> None:
        """Run a concordance off the UI thread; an older one still running becomes stale."""
        self._generation += 1
        generation = self._generation
        text = text.strip()
        if not text:
            self._show_kwic(None, scope, generation)
            return
        if scope == SCOPE_LIBRARY:
            if not self.session.ready:
                self._show_kwic(None, scope, generation)
                self.kwic.show_hint("The library is not open yet; try again in a moment.")
                return
            engine = self.session.engine()

            def work(library: Any, ctx: JobContext) -> KwicResult:  # the session's library
                assert engine is not None
                return kwic_library(engine, text, library.transcript, width=PANEL_WIDTH,
                                    cancelled=ctx.cancelled)  # fmt: skip

            self.kwic.show_hint(f"Looking up “{text}” in the library…")
            self.session.run(work, label=f"Looking up “{text}”…",
                             on_done=lambda r: self._show_kwic(r, scope, generation),
                             on_error=lambda exc: self._kwic_failed(exc, generation))  # fmt: skip
            return
        transcript = self.window.current_transcript()
        if transcript is None:
            self._show_kwic(None, scope, generation)
            self.kwic.show_hint("Open a transcript, or look in the Library.")
            return

        def job(ctx: JobContext) -> KwicResult:
            return kwic_transcript(transcript, text, width=PANEL_WIDTH)

        task = self.window.workers.submit(job, channel="kwic")
        task.finished.connect(lambda r: self._show_kwic(r, scope, generation))
        task.failed.connect(lambda exc: self._kwic_failed(exc, generation))

    def _show_kwic(self, result: KwicResult | None, scope: str, generation: int) -> None:
        if generation != self._generation:
            return
        self.kwic.show_hint("")
        self.kwic_model.set_result(result, titles=scope == SCOPE_LIBRARY)
        self.kwic.refresh_speakers()

    def _kwic_failed(self, exc: object, generation: int) -> None:
        if generation != self._generation:
            return
        self.kwic_model.set_result(None)
        self.kwic.refresh_speakers()
        if isinstance(exc, QuerySyntaxError):
            self.kwic.show_hint(f"Check the query: {exc.hint}.")
        else:
            self.kwic.show_hint(f"The search failed: {getattr(exc, 'reason', None) or exc}.")

    def open_row(self, row: int) -> None:
        """Show a row's passage in the reader, the match marked (opening its transcript)."""
        if not 0 <= row < self.kwic_model.rowCount():
            return
        line = self.kwic_model.line(row)
        current = self.window.current_transcript()
        if current is not None and _same_path(current.source.path, line.path):
            self._show_line(line)
            return
        self._pending = line
        if line.transcript_id is not None and self.session.ready:
            self.session.load(line.transcript_id, self.window.show_transcript)
        else:
            self.window.open_path(line.path)

    def _show_line(self, line: KwicLine) -> None:
        reader = self.window.reader
        reader.highlight([(line.turn, line.start, line.end)], "current")
        reader.scroll_to_span(line.turn, line.start, line.end)
        self.window.navigator.show_turn(line.turn)

    def _on_kwic_export(self, kind: str) -> None:
        if kind == "copy":
            self.copy_rows()
        else:
            self.export_rows(kind)

    def copy_rows(self) -> str | None:
        """Copy the rows shown (selected ones, else all) as tab-separated text."""
        redaction = self._redaction_or_none("copied")
        if redaction is None:
            return None
        selected = sorted({i.row() for i in self.kwic.table.selectionModel().selectedRows()})
        lines = self.kwic_model.lines()
        if selected:
            lines = [lines[r] for r in selected]
        lines = redact_value(lines, redaction)
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows(csv_rows(lines))
        text = buffer.getvalue()
        QApplication.clipboard().setText(text)
        self._status(f"Copied {len(lines)} row{'s' if len(lines) != 1 else ''}.")
        return text

    def export_rows(self, kind: str, path: str | None = None) -> Path | None:
        """Write the rows shown as CSV ("csv") or a Markdown table ("md")."""
        result = self.kwic_model.result()
        if result is None or not self.kwic_model.rowCount():
            self._status("No rows to export: look up a word first.")
            return None
        redaction = self._redaction_or_none("exported")
        if redaction is None:
            return None
        target = path or self.save_path(kind, f"kwic-{_slug(result.query)}.{kind}")
        if not target:
            return None
        lines = redact_value(self.kwic_model.lines(), redaction)
        if kind == "csv":
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(lines))
            data = buffer.getvalue().encode("utf-8-sig")
        else:
            data = markdown(lines, redact_value(result.query, redaction)).encode("utf-8")
        return self._write(Path(target), data)

    # -- statistics ----------------------------------------------------------------------------

    def run_stats(self, scope: str | None = None) -> None:
        """Compute statistics for the current transcript or the whole library, off the UI
        thread."""
        scope = scope or self.stats.current_scope()
        self._stats_generation += 1
        generation = self._stats_generation

        def show(result: Statistics | None, label: str) -> None:
            if generation == self._stats_generation:
                self.stats.show_statistics(result, label)

        if scope == SCOPE_LIBRARY:
            if not self.session.ready:
                show(None, "The library is not open yet.")
                return

            chosen = self._library_selection()

            def work(library: Any, ctx: JobContext) -> Statistics:  # the session's library
                def transcripts() -> Any:
                    ids = chosen or [entry.id for entry in library.entries()]
                    for done, entry_id in enumerate(ids):
                        ctx.check()
                        ctx.progress(done, len(ids), "Counting words…")
                        try:
                            yield library.transcript(entry_id)
                        except VerbatimError:  # a file gone with no stored copy: skipped
                            continue

                return statistics(transcripts())

            what = f"{len(chosen)} selected transcripts" if chosen else "Library"
            self.stats.show_message("Counting…")
            self.session.run(
                work,
                label="Counting words…",
                on_done=lambda r: show(r, f"{what}, {len(r.transcripts)} transcripts"
                                       if not chosen else what),
                on_error=lambda exc: show(None, f"Statistics failed: {exc}."),
            )
            return
        transcript = self.window.current_transcript()
        if transcript is None:
            show(None, "Open a transcript to count its speakers.")
            return

        def job(ctx: JobContext) -> Statistics:
            return statistics([transcript])

        task = self.window.workers.submit(job, channel="stats")
        task.finished.connect(lambda r: show(r, transcript.title))
        task.failed.connect(lambda exc: show(None, f"Statistics failed: {exc}."))

    def export_stats(self, path: str | None = None) -> Path | None:
        stats = self.stats.statistics()
        if stats is None:
            self._status("No statistics to export yet.")
            return None
        redaction = self._redaction_or_none("exported")
        if redaction is None:
            return None
        target = path or self.save_path("csv", "speaker-statistics.csv")
        if not target:
            return None
        rows = redact_value(stats_csv_rows(stats), redaction)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return self._write(Path(target), buffer.getvalue().encode("utf-8-sig"))

    def _library_selection(self) -> list[int]:
        """Ids of the entries selected in the Library dock (empty: the whole library)."""
        dock = self.window.findChild(LibraryDock)
        return [entry.id for entry in dock.selected_entries()] if dock is not None else []

    def _on_stats_visible(self, visible: bool) -> None:
        if visible and self.stats.statistics() is None:
            self.run_stats()

    # -- window --------------------------------------------------------------------------------

    def _on_transcript_opened(self, transcript: Transcript) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and _same_path(transcript.source.path, pending.path):
            QTimer.singleShot(0, lambda: self._show_line(pending))
        if self.preview_action.isChecked():
            QTimer.singleShot(0, self._update_preview)
        if self.stats_dock.isVisible() and self.stats.current_scope() != SCOPE_LIBRARY:
            self.run_stats()

    def _build_actions(self) -> None:
        search = self.window.menu("Search")
        kwic = QAction("&Keyword in Context…", self.window)
        kwic.setShortcut(QKeySequence("Ctrl+Shift+K"))
        kwic.triggered.connect(lambda _=False: self.show_kwic())
        search.addAction(kwic)
        view = self.window.menu("View")
        self.preview_action = QAction("Preview &Redactions", self.window)
        self.preview_action.setCheckable(True)
        self.preview_action.toggled.connect(lambda _on: self._update_preview())
        view.addAction(self.preview_action)
        quotes = self.window.menu("Quotes")
        edit = QAction("&Redaction List…", self.window)
        edit.triggered.connect(lambda _=False: self.edit_redaction())
        quotes.addAction(edit)

    def _ask_path(self, kind: str, name: str) -> str | None:
        filters = {"csv": "CSV (*.csv)", "md": "Markdown (*.md)"}
        start = str(Path(self.window.settings.last_opened or Path.home()).parent / name)
        path, _ = QFileDialog.getSaveFileName(self.window, "Export", start, filters[kind])
        return path or None

    def _write(self, path: Path, data: bytes) -> Path | None:
        try:
            from desktop.core.export.base import write_atomically  # not at launch
            written = write_atomically(path, data)
        except Exception as exc:
            self._status(f"Not exported: {exc}.")
            return None
        self._status(f"Exported to {written}")
        return written

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)


def _same_path(a: str, b: str) -> bool:
    return Path(a).expanduser().resolve() == Path(b).expanduser().resolve() if a and b else False


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.casefold()).strip("-")[:40] or "rows"
