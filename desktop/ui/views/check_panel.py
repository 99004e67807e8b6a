"""The Check panel: paste a quote (or drop a draft), see each verdict and the word diff.

A view only: it says what the user asked through signals and shows what the check
controller gives it. Verdicts are a symbol and a word (✓ Verbatim, ≈ Altered, ✂ Stitched,
⚠ Wrong speaker, ✗ Not found), coloured as well but never by colour alone. The quote and the
source are shown side by side as rich text built by `diff_html`: every word is escaped, so
transcript text is never taken as markup. Words the quote adds are underlined, source words
it drops or changes are struck through, and changes the quote marks itself (`[NATO]`, `…`)
are italic inside their marks.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Final

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quotecheck import CheckResult, Match, Op, Verdict
from desktop.ui import theme

SCOPE_TRANSCRIPT: Final = "transcript"
SCOPE_LIBRARY: Final = "library"

#: Verdict -> (symbol, label): the badge's shape and word.
BADGES: Final = {
    Verdict.VERBATIM: ("✓", "Verbatim"),
    Verdict.ALTERED: ("≈", "Altered"),
    Verdict.STITCHED: ("✂", "Stitched"),
    Verdict.WRONG_SPEAKER: ("⚠", "Wrong speaker"),
    Verdict.NOT_FOUND: ("✗", "Not found"),
}
_COLOURS: Final = {  # (light, dark): readable on the theme's window background
    Verdict.VERBATIM: ("#1e7d32", "#81c995"),
    Verdict.ALTERED: ("#a14f00", "#fdd663"),
    Verdict.STITCHED: ("#7b1fa2", "#d7aefb"),
    Verdict.WRONG_SPEAKER: ("#c5221f", "#f28b82"),
    Verdict.NOT_FOUND: ("#c5221f", "#f28b82"),
}


def badge_text(verdict: Verdict) -> str:
    symbol, label = BADGES[verdict]
    return f"{symbol} {label}"


def verdict_colour(verdict: Verdict, dark: bool | None = None) -> QColor:
    dark = theme.is_dark() if dark is None else dark
    light_hex, dark_hex = _COLOURS[verdict]
    return QColor(dark_hex if dark else light_hex)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff_html(match: Match, side: str, dark: bool | None = None) -> str:
    """One side ("quote" or "source") of a match's diff as escaped rich text."""
    dark = theme.is_dark() if dark is None else dark
    tint = theme.highlight_colour("search", dark).name()
    fg = "#ffffff" if dark else "#000000"
    out: list[str] = []
    for step in match.diff:
        words = step.quote if side == "quote" else step.source
        if step.op is Op.EQUAL:
            out.append(html.escape(words))
            continue
        style = f"background-color:{tint}; color:{fg};"
        if side == "quote":
            if step.op is Op.DELETE:
                mark = "…" if step.marked else "‸"
                out.append(f'<span style="{style}" title="left out">{mark}</span>')
                continue
            text = html.escape(words)
            decoration = "font-style:italic;" if step.marked else "text-decoration:underline;"
            out.append(f'<span style="{style}{decoration}">{text}</span>')
        else:
            if step.op is Op.INSERT:
                out.append(f'<span style="{style}">‸</span>')
                continue
            out.append(f'<span style="{style}text-decoration:line-through;">'
                       f"{html.escape(words)}</span>")
    return " ".join(out)


class _QuoteBox(QPlainTextEdit):
    """Where a quote is pasted; a dropped file is a draft to check, not text to insert."""

    fileDropped = Signal(str)
    submitted = Signal()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_files(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if _dropped_files(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = _dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.fileDropped.emit(files[0])
        else:
            super().dropEvent(event)


def _dropped_files(event: QDropEvent | QDragEnterEvent) -> list[str]:
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [u.toLocalFile() for u in data.urls() if u.isLocalFile() and u.toLocalFile()]


class CheckPanel(QWidget):
    """Quote box, speaker, scope, Check / Open Draft / Audit, results and the diff."""

    #: Check the pasted text: (text, speaker or "", scope).
    checkRequested = Signal(str, str, str)
    #: Check every quote of a draft file: (path, scope).
    draftRequested = Signal(str, str)
    #: Audit the headings of the transcript shown.
    auditRequested = Signal()
    #: Choose a draft file to check.
    openDraftRequested = Signal()
    #: Show a passage in the reader: (result row, match index).
    matchActivated = Signal(int, int)
    #: Put a result's source words on the quote board: (result row, match index).
    addRequested = Signal(int, int)
    #: Play a passage from the recording: (result row, match index).
    playRequested = Signal(int, int)
    #: Stop the running check.
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkPanel")
        self._results: list[CheckResult] = []
        self._labels: list[str] = []

        self.box = _QuoteBox()
        self.box.setObjectName("checkQuoteBox")
        self.box.setPlaceholderText("Paste a quote to check, or drop an article draft here "
                                    "(text, Markdown or DOCX)")
        self.box.setTabChangesFocus(True)
        self.box.setMaximumHeight(80)
        self.box.fileDropped.connect(lambda path: self.draftRequested.emit(path, self.scope()))
        run_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.box)
        run_shortcut.activated.connect(self._on_check)
        self.speaker = QLineEdit()
        self.speaker.setObjectName("checkSpeaker")
        self.speaker.setPlaceholderText("Said by (optional)")
        self.speaker.returnPressed.connect(self._on_check)
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("checkScope")
        self.scope_box.addItem("This transcript", SCOPE_TRANSCRIPT)
        self.scope_box.addItem("Library", SCOPE_LIBRARY)
        self.check_button = QPushButton("Check")
        self.check_button.setObjectName("checkButton")
        self.check_button.setToolTip("Check the quote (Ctrl+Enter)")
        self.check_button.clicked.connect(self._on_check)
        self.draft_button = QPushButton("Draft…")
        self.draft_button.setToolTip("Check every quote of an article draft")
        self.draft_button.clicked.connect(self.openDraftRequested)
        self.audit_button = QPushButton("Headings")
        self.audit_button.setToolTip("Are the quoted words of the title and headings the "
                                     "speaker's?")
        self.audit_button.clicked.connect(self.auditRequested)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.hide()

        row = QHBoxLayout()
        row.addWidget(self.speaker, 1)
        row.addWidget(self.scope_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.audit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        self.hint = QLabel()
        self.hint.setObjectName("checkHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.results = QListWidget()
        self.results.setObjectName("checkResults")
        self.results.setWordWrap(True)
        self.results.currentRowChanged.connect(self._show_result)
        self.results.itemActivated.connect(lambda _item: self._emit_first(self.matchActivated))
        self.passages = QListWidget()
        self.passages.setObjectName("checkPassages")
        self.passages.setMaximumHeight(64)
        self.passages.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.passages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.passages.currentRowChanged.connect(self._show_passage)
        self.passages.itemActivated.connect(self._activate_passage)
        self.passages.itemClicked.connect(self._activate_passage)
        self.quote_view = self._pane("checkQuoteView")
        self.source_view = self._pane("checkSourceView")
        sides = QSplitter(Qt.Orientation.Horizontal)
        for title, view in (("Quote", self.quote_view), ("Source", self.source_view)):
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title)
            label.setStyleSheet("font-weight: bold;")
            layout.addWidget(label)
            layout.addWidget(view)
            sides.addWidget(holder)
        self.legend = QLabel("Underlined: words the quote adds · struck through: the source's "
                             "words it leaves out or changes · ‸ where words are missing · "
                             "italic in [ ] or …: changes the quote marks itself")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.show_button = QPushButton("Show in Reader")
        self.show_button.setObjectName("checkShowButton")
        self.show_button.clicked.connect(lambda: self._emit_for_passage(self.matchActivated))
        self.add_button = QPushButton("Add Source Words to Board")
        self.add_button.setObjectName("checkAddButton")
        self.add_button.setToolTip("Put the transcript's words (not the quote's) on the quote "
                                   "board, with a note recording the quote as written")
        self.add_button.clicked.connect(lambda: self._emit_for_passage(self.addRequested))
        self.play_button = QPushButton("Play")
        self.play_button.setObjectName("checkPlayButton")
        self.play_button.setToolTip("Hear the passage in the recording before you publish it")
        self.play_button.clicked.connect(lambda: self._emit_for_passage(self.playRequested))
        self.play_button.hide()  # shown while a recording is linked (media controller)
        actions = QHBoxLayout()
        actions.addWidget(self.show_button)
        actions.addWidget(self.add_button)
        actions.addWidget(self.play_button)
        actions.addStretch(1)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.passages)
        lower_layout.addWidget(sides, 1)
        lower_layout.addWidget(self.legend)
        lower_layout.addLayout(actions)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.results)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([110, 400])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.box)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        self._sync_buttons()

    @staticmethod
    def _pane(name: str) -> QTextBrowser:
        view = QTextBrowser()
        view.setObjectName(name)
        view.setOpenLinks(False)
        view.setMinimumHeight(60)
        return view

    # -- what the user asked ---------------------------------------------------------------------

    def scope(self) -> str:
        return str(self.scope_box.currentData())

    def set_scope(self, scope: str) -> None:
        at = self.scope_box.findData(scope)
        if at >= 0:
            self.scope_box.setCurrentIndex(at)

    def _on_check(self) -> None:
        text = self.box.toPlainText().strip()
        if not text:
            self.show_hint("Paste or type the quote to check first.")
            return
        self.checkRequested.emit(text, self.speaker.text().strip(), self.scope())

    def _emit_for_passage(self, signal: SignalInstance) -> None:
        row, match = self.results.currentRow(), self.passages.currentRow()
        if row >= 0 and match >= 0:
            signal.emit(row, match)

    def _emit_first(self, signal: SignalInstance) -> None:
        """A result activated (double-click, Enter): its best passage."""
        row = self.results.currentRow()
        result = self.result(row)
        if result is not None and result.matches:
            signal.emit(row, max(0, self.passages.currentRow()))

    def _activate_passage(self, _item: QListWidgetItem) -> None:
        self._emit_for_passage(self.matchActivated)

    # -- showing results -------------------------------------------------------------------------

    def show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.cancel_button.setVisible(busy)
        self.check_button.setEnabled(not busy)
        self.show_hint(message)

    def set_results(self, results: list[CheckResult], labels: list[str] | None = None) -> None:
        """Show verdicts (labels: what each was, e.g. "Heading 2"; default the speaker)."""
        self._results = list(results)
        self._labels = list(labels) if labels is not None else [
            f"said by {r.speaker}" if r.speaker else "" for r in results
        ]
        self.results.clear()
        dark = theme.is_dark()
        for result, label in zip(self._results, self._labels, strict=True):
            extra = f"  ({label})" if label else ""
            item = QListWidgetItem(f"{badge_text(result.verdict)}{extra}\n"
                                   f"“{_short(result.quote)}”")
            item.setForeground(verdict_colour(result.verdict, dark))
            item.setToolTip(result.quote)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{BADGES[result.verdict][1]}: {result.quote}")
            self.results.addItem(item)
        if self._results:
            self.results.setCurrentRow(0)
        else:
            self._show_result(-1)

    def result(self, row: int) -> CheckResult | None:
        return self._results[row] if 0 <= row < len(self._results) else None

    def _show_result(self, row: int) -> None:
        self.passages.clear()
        result = self.result(row)
        if result is None:
            self.quote_view.clear()
            self.source_view.clear()
            self._sync_buttons()
            return
        for match in result.matches:
            speaker = match.speaker or "no speaker"
            self.passages.addItem(f"{speaker} · {_short(match.title, 40)} · turn {match.turn + 1}"
                                  f" · {round(match.similarity * 100)}%")
        if result.matches:
            self.passages.setCurrentRow(0)
        else:
            self.quote_view.setPlainText(result.quote)
            self.source_view.setPlainText("Nothing in the transcripts comes close.")
        self._sync_buttons()

    def _show_passage(self, index: int) -> None:
        result = self.result(self.results.currentRow())
        if result is None or not 0 <= index < len(result.matches):
            self._sync_buttons()
            return
        match = result.matches[index]
        self.quote_view.setHtml(diff_html(match, "quote"))
        self.source_view.setHtml(diff_html(match, "source"))
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        result = self.result(self.results.currentRow())
        has_match = result is not None and self.passages.currentRow() >= 0
        self.show_button.setEnabled(has_match)
        self.play_button.setEnabled(has_match)
        self.add_button.setEnabled(has_match and result is not None
                                   and result.verdict is not Verdict.NOT_FOUND)

    def sizeHint(self) -> QSize:
        return QSize(380, 520)


class CheckDock(QDockWidget):
    """The dock holding the Check panel, in a scroll area: a short window keeps its size (the
    panel scrolls instead of making the dock area, and so the window, taller)."""

    def __init__(self, panel: CheckPanel, parent: QWidget | None = None) -> None:
        super().__init__("Check", parent)
        self.setObjectName("checkDock")
        scroll = QScrollArea()
        scroll.setObjectName("checkScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        self.setWidget(scroll)


def draft_name(path: str) -> str:
    return Path(path).name or path
