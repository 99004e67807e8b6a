"""The reader: the transcript as rows of *speaker | words*, selectable across turns.

Design (why not a QTextTable): selecting across the cells of a table, or across two tables,
makes Qt select whole cells, so a sentence spanning two turns could not be selected. Instead
the document holds only words (headings, then each turn's text as plain blocks indented by a
gutter) and the speaker column is painted in that gutter, like line numbers in a code editor.
Selection is therefore plain, linear text; the speaker column is never part of it.

Each turn's text is inserted with `QTextCursor.insertText` (plain text, never HTML) exactly as
it is in `turn.text` ("\\n" becomes a block separator, one position each), so a document
position maps to a character offset by subtraction. Qt counts UTF-16 code units; turns with
characters outside the BMP (emoji) are converted explicitly.

Big transcripts (a 20 MB hearing has 32,000 turns) are built and laid out a slice at a time
from a timer, so the window never freezes: the first screens appear at once, a thin bar at the
top shows progress, and calls about turns not built yet (`scroll_to_turn`, `scroll_to_span`,
`select_span`) wait for the build to reach them; highlights apply as their turns arrive.
Qt lays a QTextDocument out from the top and cannot place a block without laying out
everything above it, so the reader also keeps layout caught up with the build, in slices.
"""

from __future__ import annotations

import bisect
import html
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QToolTip, QWidget

from desktop.core.model import Speaker, Transcript, Turn
from desktop.ui import theme
from desktop.ui.models.transcript_model import TranscriptModel, format_time

#: Extra points over the application font for comfortable reading.
READING_BOOST: Final = 1.5
MIN_POINT_SIZE: Final = 6.0
#: Questions up to this many words are set in bold.
BOLD_QUESTION_WORDS: Final = 80
_DOC_MARGIN: Final = 28.0
#: Characters Qt's insertText would turn into structure; replaced 1:1 so offsets stay exact.
_QT_SPECIAL: Final = str.maketrans({"\r": "\n", "\ufdd0": "\ufffd", "\ufdd1": "\ufffd"})
_ASTRAL: Final = re.compile("[\U00010000-\U0010FFFF]")
#: Characters built before the document is shown: a few screens; small transcripts entirely.
FIRST_CHUNK_CHARS: Final = 100_000
#: Characters Qt may lay out synchronously for a jump (about 50 ms); further jumps wait.
SYNC_LAYOUT_CHARS: Final = 150_000
#: Work per timer tick while building or laying out, in seconds (the event loop runs between).
TICK_SECONDS: Final = 0.02
#: Most characters laid out in one slice (about 20 ms; small steps over laid-out text are cheap).
_MAX_LAYOUT_STEP: Final = 60_000
#: How often highlights are re-applied while their turns are still arriving, in seconds.
_HIGHLIGHT_REFRESH: Final = 0.5

Span = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class _TurnPlace:
    """Where one turn's text sits in the document."""

    start: int  # document position of the first character
    end: int  # document position just after the last character
    text: str
    astral: bool  # contains characters outside the BMP (two UTF-16 units each)

    def doc_pos(self, offset: int) -> int:
        """Document position of a character offset into `text`."""
        offset = max(0, min(len(self.text), offset))
        if not self.astral:
            return self.start + offset
        return self.start + _utf16_len(self.text[:offset])

    def text_offset(self, pos: int) -> int:
        """Character offset into `text` of a document position inside the turn."""
        units = max(0, min(self.end, pos) - self.start)
        if not self.astral:
            return units
        count = 0
        for i, ch in enumerate(self.text):
            if count >= units:
                return i
            count += 2 if ord(ch) > 0xFFFF else 1
        return len(self.text)


class _Places:
    """Every built turn's place, kept as plain lists of numbers and strings: tens of thousands
    of small objects kept alive would make Python's full garbage collections (each a stall of
    ~100 ms on a big transcript) run again and again while the document is built."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.texts: list[str] = []
        self.astral: set[int] = set()

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> _TurnPlace:
        return _TurnPlace(self.starts[index], self.ends[index], self.texts[index],
                          index in self.astral)

    def append(self, start: int, end: int, text: str, astral: bool) -> None:
        if astral:
            self.astral.add(len(self.starts))
        self.starts.append(start)
        self.ends.append(end)
        self.texts.append(text)


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Reader(QTextEdit):
    """Read-only view of the model's transcript; see the module docstring for the layout."""

    #: The turn at the top of the view changed (scrolling, jumps).
    currentTurnChanged = Signal(int)
    #: Ctrl+wheel asked to zoom by this many steps (the window applies and remembers it).
    zoomRequested = Signal(int)
    #: Building a big transcript: (turns built, turns in all); (n, n) when it is complete.
    buildProgress = Signal(int, int)

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._zoom = 0
        self._places = _Places()
        self._gutter = 0.0
        self._built_dark: bool | None = None
        self._highlights: dict[str, list[Span]] = {}
        self._context_actions: list[QAction] = []
        self._top_turn = -1
        # Incremental building (see the module docstring).
        self._builder: _Builder | None = None
        self._laid_out_to = 0  # document position up to which the reader made Qt lay out
        self._layout_step = 20_000  # characters per layout slice, adapted to the machine
        self._build_chars = 20_000  # characters built per tick, adapted so a tick stays short
        self._deferred: dict[str, tuple[int, Callable[[], None]]] = {}
        self._highlights_waiting = False  # some highlighted turns are not built yet
        self._highlights_applied = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)
        self._bar = _BuildBar(self)
        self.setObjectName("reader")
        self.setAccessibleName("Transcript")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAcceptDrops(False)  # files dropped here go to the window, which opens them
        self.viewport().setAcceptDrops(False)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setPlaceholderText("Open a transcript (Ctrl+O) or drop a file here.")
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        model.modelReset.connect(self._on_model_reset)
        theme.controller().themeChanged.connect(self._on_theme_changed)
        self.rebuild()

    # -- public API used by the window, search panel and quote board ---------------------------

    def transcript(self) -> Transcript | None:
        return self._model.transcript()

    def scroll_to_turn(self, turn_index: int, *, with_heading: bool = False) -> None:
        """Bring a turn to the top of the view and put the text cursor at its start;
        `with_heading` keeps the section heading just above it in view. A turn not built
        yet is scrolled to when the build reaches it (a later jump replaces it)."""
        if not self._ready(turn_index, "scroll", lambda: self.scroll_to_turn(
                turn_index, with_heading=with_heading)):
            return
        place = self._places[turn_index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(place.start)
        self.setTextCursor(cursor)
        self._scroll_turn_to_top(place, with_heading=with_heading)
        self.viewport().update()
        self._on_scrolled()

    def scroll_to_span(self, turn_index: int, start: int, end: int) -> None:
        """Scroll so the characters [start, end) of a turn are visible, near the top third."""
        if not self._ready(turn_index, "scroll",
                           lambda: self.scroll_to_span(turn_index, start, end)):
            return
        place = self._places[turn_index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(place.doc_pos(start))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)
        self.viewport().update()

    def turn_at_top(self) -> int | None:
        """The turn shown at the top of the view (the one the user is reading)."""
        if not self._places:
            return None
        return self._turn_at_y(self.verticalScrollBar().value() + self._turn_gap() + 4)

    def visible_turns(self) -> range:
        """The turns at least partly on screen (empty before anything is built)."""
        if not self._places:
            return range(0)
        top = self.verticalScrollBar().value()
        first = self._turn_at_y(top)
        last = self._turn_at_y(top + self.viewport().height())
        return range(first, last + 1)

    def _turn_at_y(self, y: float) -> int:
        """The last turn whose text starts at or above document coordinate `y`.

        Bisects block positions instead of hit-testing, so Qt lays out only the blocks up to
        `y` (hit-testing a freshly built 16,000-turn document lays all of it out)."""
        doc = self.document()
        starts = self._places.starts

        def top(i: int) -> float:
            return self._block_text_top(doc.findBlock(starts[i]))

        # Gallop from the start, then bisect: layout never runs past the block sought.
        lo, hi, step = 0, len(self._places), 1
        while lo + step < hi and top(lo + step) <= y:
            lo, step = lo + step, step * 2
        hi = min(hi, lo + step)
        while lo < hi:
            mid = (lo + hi) // 2
            if top(mid) <= y:
                lo = mid + 1
            else:
                hi = mid
        return max(0, lo - 1)

    def turn_at_position(self, pos: int, *, nearest: bool = False) -> int | None:
        """The turn containing a document position; with `nearest`, the one before it."""
        i = bisect.bisect_right(self._places.starts, pos) - 1
        if i < 0:
            return 0 if nearest and self._places else None
        if nearest or pos <= self._places.ends[i]:
            return i
        return None

    def turn_position(self, turn_index: int) -> tuple[int, int] | None:
        """Document positions [start, end) of a turn's text (None while it is not built)."""
        place = self._place(turn_index)
        return (place.start, place.end) if place else None

    def highlight(self, spans: Sequence[Span], kind: str = "search") -> None:
        """Highlight (turn, start, end) character spans; each kind replaces only itself."""
        self._highlights[kind] = [tuple(s) for s in spans]  # type: ignore[misc]
        self._apply_highlights()

    def clear_highlights(self, kind: str) -> None:
        self._highlights.pop(kind, None)
        self._apply_highlights()

    def highlights(self, kind: str) -> list[Span]:
        return list(self._highlights.get(kind, []))

    def hit(self, point: QPoint) -> tuple[int, int | None] | None:
        """What a viewport point is on: (turn, character offset) on a turn's words,
        (turn, None) in the speaker column beside a turn, None elsewhere (header, margins)."""
        if not self._places:
            return None
        if 0 <= point.x() < self._text_left():
            return self._turn_at_y(point.y() + self.verticalScrollBar().value()), None
        pos = self.cursorForPosition(point).position()
        turn = self.turn_at_position(pos)
        if turn is None:
            return None
        return turn, self._places[turn].text_offset(pos)

    def is_building(self) -> bool:
        """True while a big transcript is still being added to the document or laid out."""
        return self._timer.isActive()

    def built_turns(self) -> int:
        """How many turns (from the first) are in the document so far."""
        return len(self._places)

    def selection_spans(self) -> list[Span]:
        """The selection as (turn, start, end) per turn; headings and header excluded
        (only built turns can be selected)."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return []
        lo, hi = cursor.selectionStart(), cursor.selectionEnd()
        spans: list[Span] = []
        first = max(0, bisect.bisect_right(self._places.starts, lo) - 1)
        for i in range(first, len(self._places)):
            place = self._places[i]
            if place.start >= hi:
                break
            start, end = max(lo, place.start), min(hi, place.end)
            if start < end:
                spans.append((i, place.text_offset(start), place.text_offset(end)))
        return spans

    def selected_text(self) -> str:
        """The selected words as plain text (paragraph breaks as newlines)."""
        return self.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def select_span(self, turn_index: int, start: int, end: int) -> None:
        """Select characters of one turn (keyboard users, tests, "show quote in reader")."""
        if not self._ready(turn_index, "select",
                           lambda: self.select_span(turn_index, start, end)):
            return
        place = self._places[turn_index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(place.doc_pos(start))
        cursor.setPosition(place.doc_pos(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def add_context_action(self, action: QAction) -> None:
        """Add an action to the reader's right-click menu (after Copy and Select All)."""
        self._context_actions.append(action)
        self.addAction(action)  # its shortcut works while the reader has focus

    # -- zoom ----------------------------------------------------------------------------------

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Zoom in points from the default reading size; the document is rebuilt."""
        if steps == self._zoom:
            return
        self._zoom = steps
        self.rebuild(keep_position=True)

    def point_size(self) -> float:
        """The reading font size in effect."""
        base = QApplication.font().pointSizeF()
        if base <= 0:
            base = 10.0
        return max(MIN_POINT_SIZE, base + READING_BOOST + self._zoom)

    # -- building the document -----------------------------------------------------------------

    def _on_model_reset(self) -> None:
        self._highlights.clear()
        self.rebuild()

    def rebuild(self, *, keep_position: bool = False) -> None:
        """Lay the transcript out again (new transcript, zoom or theme).

        The first `FIRST_CHUNK_CHARS` are built at once; the rest from a timer (`_work`)."""
        waiting = self._deferred.get("scroll")  # a jump not done yet is where the user is
        top = (waiting[0] if waiting else self.turn_at_top()) if keep_position else None
        old = self.textCursor()
        anchor, position = old.anchor(), old.position()
        cursor_turn = self.turn_at_position(max(anchor, position), nearest=True)
        self._timer.stop()
        self._builder = None
        self._deferred.clear()
        self._built_dark = theme.is_dark()
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        font = QFont(QApplication.font())
        font.setPointSizeF(self.point_size())
        doc.setDefaultFont(font)
        doc.setDocumentMargin(_DOC_MARGIN)
        self.setFont(font)
        transcript = self._model.transcript()
        self._places = _Places()
        self._gutter = self._gutter_width(transcript, font)
        if transcript is not None:
            builder = _Builder(self, doc, transcript, font)
            if not builder.build(max_chars=FIRST_CHUNK_CHARS):
                self._builder = builder
        old_doc = self.document()
        ours = old_doc is not None and old_doc.parent() is self  # else Qt deletes it itself
        self.setDocument(doc)
        if ours:
            old_doc.deleteLater()
        self._laid_out_to = 0
        self._bar.hide()
        if self._builder is not None or doc.characterCount() > SYNC_LAYOUT_CHARS:
            self._timer.start()
        if keep_position:
            # The same transcript again: positions are unchanged, but may not be built yet.
            turn = max(top or 0, cursor_turn or 0)
            if self._ready(turn, "scroll", lambda: self._restore(anchor, position, top)):
                self._restore(anchor, position, top)
        else:
            self.verticalScrollBar().setValue(0)
        self._apply_highlights()
        self._top_turn = -1
        self._on_scrolled()
        self._report_progress()

    def _restore(self, anchor: int, position: int, top: int | None) -> None:
        """Put the cursor and the top turn back after a rebuild (zoom, theme)."""
        cursor = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)
        cursor.setPosition(min(anchor, last))
        cursor.setPosition(min(position, last), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if top is not None:
            place = self._place(top)
            if place is not None:
                self._scroll_turn_to_top(place)

    # -- building big transcripts a slice at a time --------------------------------------------

    def _ready(self, turn_index: int, kind: str, action: Callable[[], None]) -> bool:
        """Whether a turn is built and laid out so it can be shown now. If it will be (the
        build has not reached it, or laying out up to it would stall), `action` is kept and
        run then, replacing an earlier one of the same `kind`; False either way."""
        transcript = self._model.transcript()
        if transcript is None or not 0 <= turn_index < len(transcript.turns):
            return False
        if turn_index < len(self._places):
            place = self._places[turn_index]
            if place.end <= self._laid_out_to or place.end - self._laid_out_to <= SYNC_LAYOUT_CHARS:
                self._deferred.pop(kind, None)
                self._lay_out_to(place.end)
                return True
        self._deferred[kind] = (turn_index, action)
        self._timer.start()
        return False

    def _lay_out_to(self, position: int) -> None:
        """Have Qt lay out the document up to `position` (it lays out from the top)."""
        if position <= self._laid_out_to:
            return
        doc = self.document()
        block = doc.findBlock(min(position, max(0, doc.characterCount() - 1)))
        doc.documentLayout().blockBoundingRect(block)
        self._laid_out_to = max(self._laid_out_to, block.position() + block.length() - 1)

    def _work(self) -> None:
        """One timer tick: either lay out more of what is built (Qt lays out from the top, so
        layout must keep up with the build) or build more turns; then run what was waiting for
        them. Each step is bounded so the event loop keeps running between ticks."""
        began = time.perf_counter()
        doc = self.document()
        end = max(0, doc.characterCount() - 1)
        builder = self._builder
        if self._laid_out_to < end:
            deadline = began + TICK_SECONDS
            while self._laid_out_to < end and time.perf_counter() < deadline:
                slice_began = time.perf_counter()
                self._lay_out_to(min(end, self._laid_out_to + self._layout_step))
                spent = time.perf_counter() - slice_began
                if spent > TICK_SECONDS / 3:
                    self._layout_step = max(2_000, self._layout_step // 2)
                elif spent < TICK_SECONDS / 10:
                    self._layout_step = min(_MAX_LAYOUT_STEP, self._layout_step * 2)
        elif builder is not None:
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()  # one layout update for the whole slice
            done = builder.build(max_chars=self._build_chars, until=began + TICK_SECONDS)
            cursor.endEditBlock()  # Qt lays the new text out here
            if done:
                self._builder = None
            # Building plus Qt's layout of it should take about TICK_SECONDS.
            tick = max(1e-4, time.perf_counter() - began)
            rate = (doc.characterCount() - 1 - end) / tick
            wanted = (self._build_chars + rate * TICK_SECONDS) / 2
            self._build_chars = int(max(2_000, min(400_000, wanted)))
            self._report_progress()
        self._run_deferred()
        if self._highlights_waiting and (
            self._builder is None
            or time.perf_counter() - self._highlights_applied > _HIGHLIGHT_REFRESH
        ):
            self._apply_highlights()
        if self._builder is None and self._laid_out_to >= max(0, doc.characterCount() - 1):
            self._timer.stop()
            self._report_progress()

    def _run_deferred(self) -> None:
        for kind, (turn_index, action) in list(self._deferred.items()):
            if turn_index < len(self._places) and (
                self._places.ends[turn_index] <= self._laid_out_to
            ):
                del self._deferred[kind]
                action()

    def _report_progress(self) -> None:
        transcript = self._model.transcript()
        total = len(transcript.turns) if transcript is not None else 0
        done = len(self._places)
        self._bar.set_fraction(done / total if total and done < total else None)
        self.buildProgress.emit(done, total)

    def changeEvent(self, event: QEvent) -> None:
        """A new font or style (a theme's style sheet) makes Qt lay the document out again
        from the top and can reset the scroll position: keep the turn being read."""
        restyle = event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange)
        top = self.turn_at_top() if restyle else None
        super().changeEvent(event)
        if not restyle:
            return
        self._laid_out_to = 0
        if self.document().characterCount() > SYNC_LAYOUT_CHARS:
            self._timer.start()
        if top is not None and self.turn_at_top() != top:
            self._keep_top(top)

    def _keep_top(self, turn_index: int) -> None:
        """Scroll a turn back to the top without moving the text cursor (or the selection)."""
        if self._ready(turn_index, "scroll", lambda: self._keep_top(turn_index)):
            self._scroll_turn_to_top(self._places[turn_index])

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = self.viewport().width()
        super().resizeEvent(event)
        if self.viewport().width() != width:
            # A new width makes Qt lay the document out again from the top.
            self._laid_out_to = 0
            if self.document().characterCount() > SYNC_LAYOUT_CHARS:
                self._timer.start()
        self._bar.setGeometry(0, 0, self.width(), 3)

    def _scroll_turn_to_top(self, place: _TurnPlace, *, with_heading: bool = False) -> None:
        block = self.document().findBlock(place.start)
        top = self._block_text_top(block) - self._turn_gap()
        previous = block.previous()
        if with_heading and previous.isValid() and self.turn_at_position(
            previous.position()
        ) is None:  # the block before the turn is a heading, not another turn's words
            top = self._block_text_top(previous) - self._turn_gap()
        self.verticalScrollBar().setValue(max(0, int(top)))

    def _gutter_width(self, transcript: Transcript | None, font: QFont) -> float:
        """Width of the speaker column: the widest name (and time), kept between 8 and 16 em."""
        if transcript is None or (not transcript.speakers and not transcript.is_timed):
            return 0.0
        metrics = QFontMetricsF(font)
        em = metrics.horizontalAdvance("M")
        if not transcript.speakers:
            return em * 5
        bold = QFont(font)
        bold.setBold(True)
        widest = max(QFontMetricsF(bold).horizontalAdvance(s.name) for s in transcript.speakers)
        if transcript.is_timed:
            widest += metrics.horizontalAdvance("0:00:00  ")
        return max(em * 8, min(em * 16, widest + em * 2))

    def _register(self, start: int, end: int, text: str, astral: bool) -> None:
        self._places.append(start, end, text, astral)

    def _place(self, turn_index: int) -> _TurnPlace | None:
        if 0 <= turn_index < len(self._places):
            return self._places[turn_index]
        return None

    def _text_left(self) -> float:
        return _DOC_MARGIN + self._gutter

    def _turn_gap(self) -> float:
        return QFontMetricsF(self.document().defaultFont()).height() * 0.9

    def _block_text_top(self, block: QTextBlock) -> float:
        # blockBoundingRect starts below the block's top margin: the first line's top.
        return float(self.document().documentLayout().blockBoundingRect(block).top())

    # -- highlights ----------------------------------------------------------------------------

    def _apply_highlights(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        dark = theme.is_dark()
        built = len(self._places)
        self._highlights_waiting = False
        self._highlights_applied = time.perf_counter()
        # the spoken turn is a backdrop: painted first, so search and quote marks stay on top
        ordered = sorted(self._highlights.items(), key=lambda item: item[0] != "playing")
        for kind, spans in ordered:
            fmt = QTextCharFormat()
            fmt.setBackground(theme.highlight_colour(kind, dark))
            if kind in ("quote", "word"):
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            for turn_index, start, end in spans:
                place = self._place(turn_index)
                if place is None or end <= start:
                    if turn_index >= built and self._builder is not None:
                        self._highlights_waiting = True  # applied when the turn is built
                    continue
                cursor = QTextCursor(self.document())
                cursor.setPosition(place.doc_pos(start))
                cursor.setPosition(place.doc_pos(end), QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
        self.setExtraSelections(selections)

    # -- events --------------------------------------------------------------------------------

    def _on_scrolled(self, *_: object) -> None:
        top = self.turn_at_top()
        if top is not None and top != self._top_turn:
            self._top_turn = top
            self.currentTurnChanged.emit(top)

    def _on_theme_changed(self, dark: bool) -> None:
        if dark != self._built_dark:
            self.rebuild(keep_position=True)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # QTextEdit's own Ctrl+wheel zoom would bypass the gutter and the saved zoom.
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoomRequested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """Hovering the speaker column shows the full name and role (long names are elided)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._gutter_tooltip(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
                return True
        return super().viewportEvent(event)

    def _gutter_tooltip(self, x: float, y: float) -> str:
        transcript = self._model.transcript()
        if transcript is None or not self._places or not 0 <= x < self._text_left():
            return ""
        index = self._turn_at_y(y + self.verticalScrollBar().value())
        speaker = transcript.speaker_of(index)
        if speaker is None:
            return ""
        role = _role_text(speaker) or speaker.role.value
        return f"<p><b>{html.escape(speaker.name)}</b><br>{html.escape(role)}</p>"

    # Copy puts the plain words on the clipboard (QTextEdit's own copy adds HTML with the
    # reader's fonts and colours). Not by overriding createMimeDataFromSelection: a QMimeData
    # made in Python and handed to the clipboard crashes PySide at exit (double delete).

    def copy(self) -> None:
        """Copy the selected words as plain text."""
        text = self.selected_text()
        if text:
            QApplication.clipboard().setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, pos: QPoint) -> QMenu:
        """The right-click menu: Qt's Copy / Select All, then the added actions."""
        menu = self.createStandardContextMenu(pos)
        for action in menu.actions():
            if action.objectName() == "edit-copy":  # Qt's name for the standard Copy entry
                action.triggered.disconnect()
                action.triggered.connect(self.copy)
        if self._context_actions:
            menu.addSeparator()
            for action in self._context_actions:
                menu.addAction(action)
        return menu

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        transcript = self._model.transcript()
        if transcript is None or not self._places or self._gutter <= 0:
            return
        painter = QPainter(self.viewport())
        try:
            self._paint_gutter(painter, transcript, event.rect())
        finally:
            painter.end()

    def _paint_gutter(self, painter: QPainter, transcript: Transcript, clip: QRect) -> None:
        """Beside each visible turn: a colour bar, the speaker's name (with the time for timed
        sources) and, when the turn is tall enough, the role; labels never overlap the next turn."""
        dy = -self.verticalScrollBar().value()
        dx = -self.horizontalScrollBar().value()
        height = self.viewport().height()
        first = max(0, self._turn_at_y(-dy) - 1)
        font = self.document().defaultFont()
        name_font = QFont(font)
        name_font.setBold(True)
        small = QFont(font)
        small.setPointSizeF(max(MIN_POINT_SIZE, font.pointSizeF() * 0.85))
        dark = theme.is_dark()
        muted = theme.muted_colour(dark)
        em = QFontMetricsF(name_font).horizontalAdvance("M")
        column = self._gutter - em * 1.2
        doc = self.document()
        layout = doc.documentLayout()
        previous = transcript.turns[first - 1].speaker if first > 0 else object()
        for i in range(first, len(self._places)):
            place = self._places[i]
            first_block = doc.findBlock(place.start)
            last_block = doc.findBlock(max(place.start, place.end - 1))
            top = self._block_text_top(first_block) + dy
            bottom = layout.blockBoundingRect(last_block).bottom() + dy
            if top > height:
                break
            turn = transcript.turns[i]
            repeated = turn.speaker == previous
            previous = turn.speaker
            if bottom < clip.top():
                continue
            speaker = transcript.speaker(turn.speaker)
            colour = theme.speaker_colour(self._model.speaker_colour_index(turn.speaker), dark)
            x = _DOC_MARGIN + dx
            if speaker is not None:
                bar_x = x + self._gutter - em * 0.6
                painter.fillRect(QRectF(bar_x, top + 3, 3, max(4.0, bottom - top - 6)), colour)
            y = top + self._label_offset(name_font)
            if turn.start is not None:
                stamp = format_time(turn.start) + "  "
                width = self._draw_line(painter, stamp, small, muted, x, y, column,
                                        baseline_font=name_font)
                if speaker is not None and not repeated:
                    self._draw_line(painter, speaker.name, name_font, colour, x + width, y,
                                    column - width)
                continue
            if speaker is None or repeated:
                continue
            y = self._draw_name(painter, speaker.name, name_font, colour, x, y, column,
                                bottom - top)
            role = _role_text(speaker)
            if role and bottom - y >= QFontMetricsF(small).height() * 1.2:
                self._draw_line(painter, role, small, muted, x, y + 2, column)

    def _draw_name(
        self, painter: QPainter, name: str, font: QFont, colour: QColor, x: float, y: float,
        width: float, room: float,
    ) -> float:
        """A long name wraps when the turn is tall enough, else it is elided; returns the y
        below it."""
        metrics = QFontMetricsF(font)
        if metrics.horizontalAdvance(name) > width:
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(
                Qt.TextFlag.TextWordWrap
            )
            bounds = metrics.boundingRect(QRectF(0, 0, width, 10_000), flags, name)
            if bounds.height() <= room:
                painter.setFont(font)
                painter.setPen(colour)
                painter.drawText(QRectF(x, y, width, bounds.height()), flags, name)
                return y + bounds.height()
        self._draw_line(painter, name, font, colour, x, y, width)
        return y + metrics.height()

    def _label_offset(self, name_font: QFont) -> float:
        """Align the label's baseline with the first line of words (proportional line height)."""
        words = QFontMetricsF(self.document().defaultFont())
        return max(0.0, (words.height() * 1.35 - QFontMetricsF(name_font).height()) / 2)

    def _draw_line(
        self, painter: QPainter, text: str, font: QFont, colour: QColor, x: float, y: float,
        width: float, *, baseline_font: QFont | None = None,
    ) -> float:
        """Draw one elided line of plain text; returns the width used."""
        metrics = QFontMetricsF(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))
        if baseline_font is not None:  # sit on the same baseline as the bigger name font
            y += QFontMetricsF(baseline_font).ascent() - metrics.ascent()
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QPointF(x, y + metrics.ascent()), shown)
        return metrics.horizontalAdvance(shown)


class _BuildBar(QWidget):
    """The thin line along the reader's top edge that fills while a big transcript builds."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Laying out the transcript")
        self.hide()

    def set_fraction(self, fraction: float | None) -> None:
        """Show `fraction` (0..1) done, or hide the bar (None)."""
        if fraction is None:
            self.hide()
            return
        self._fraction = fraction
        self.setToolTip(f"Laying out the transcript… {fraction:.0%}")
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            colour = self.palette().highlight().color()
            painter.fillRect(QRectF(0, 0, self.width() * self._fraction, self.height()), colour)
        finally:
            painter.end()


def _role_text(speaker: Speaker) -> str:
    """"Interviewer", or the affiliation when the source gives one ("US Secretary of State")."""
    if speaker.affiliation:
        return speaker.affiliation
    if speaker.role.value == "unknown":
        return ""
    return speaker.role.value.capitalize()


class _Builder:
    """Writes the header and the turns into a fresh QTextDocument, all as plain text."""

    def __init__(self, reader: Reader, doc: QTextDocument, transcript: Transcript,
                 font: QFont) -> None:
        self.reader = reader
        self.doc = doc
        self.t = transcript
        self.font = font
        self.cursor = QTextCursor(doc)
        self.dark = theme.is_dark()
        self.line = QFontMetricsF(font).height()
        self.first_block = True
        self.next_row = -1  # -1: the header is still to write
        # Formats made once per document, not per turn (a 16,000-turn hearing is common).
        self.question_words = self._char(weight=QFont.Weight.DemiBold)
        self.answer_words = self._char()
        self.editorial = self._char(italic=True, colour=theme.muted_colour(self.dark))
        self.turn_format = QTextBlockFormat()
        self.turn_format.setLeftMargin(reader._gutter)
        self.turn_format.setTopMargin(self.line * 0.9)
        self.turn_format.setLineHeight(
            135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        self.question_format = QTextBlockFormat(self.turn_format)
        self.question_format.setBackground(theme.question_tint(self.dark))

    def build(self, *, max_chars: int | None = None, until: float | None = None) -> bool:
        """Write the next rows, stopping after about `max_chars` characters or at `until`
        (a `time.perf_counter()` value); True when the whole transcript is written."""
        if self.next_row < 0:
            self._header()
            self.next_row = 0
        model = self.reader._model
        rows = model.rowCount()
        written = 0
        while self.next_row < rows:
            row = model.row(self.next_row)
            self.next_row += 1
            if row.section_title is not None:
                self._heading(row.section_title)
            else:
                turn = self.t.turns[row.turn]
                self._turn(row.turn, turn)
                written += len(turn.text)
            if max_chars is not None and written >= max_chars:
                break
            if until is not None and self.next_row % 8 == 0 and time.perf_counter() >= until:
                break
        return self.next_row >= rows

    # -- pieces --------------------------------------------------------------------------------

    def _block(self, fmt: QTextBlockFormat, char: QTextCharFormat) -> None:
        if self.first_block:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.first_block = False
        else:
            self.cursor.insertBlock(fmt, char)

    def _char(self, *, scale: float = 1.0, bold: bool = False, italic: bool = False,
              colour: QColor | None = None, weight: QFont.Weight | None = None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        font = QFont(self.font)
        font.setPointSizeF(self.font.pointSizeF() * scale)
        if bold:
            font.setBold(True)
        if weight is not None:
            font.setWeight(weight)
        font.setItalic(italic)
        fmt.setFont(font)
        if colour is not None:
            fmt.setForeground(colour)
        return fmt

    def _header(self) -> None:
        meta = self.t.metadata
        muted = theme.muted_colour(self.dark)
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(self.line * 0.4)
        fmt.setLineHeight(115, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        title_char = self._char(scale=1.6, weight=QFont.Weight.Bold)
        self._block(fmt, title_char)
        self.cursor.insertText(_clean(self.t.title), title_char)
        details = [d for d in (_date_text(meta.date), meta.outlet, meta.place) if d]
        if details:
            self._block(QTextBlockFormat(), self._char(colour=muted))
            self.cursor.insertText(_clean(" · ".join(details)), self._char(colour=muted))
        if self.t.speakers:
            names = " · ".join(
                f"{s.name} ({_role_text(s) or s.role.value})" if _role_text(s) else s.name
                for s in self.t.speakers
            )
            self._block(QTextBlockFormat(), self._char(colour=muted))
            self.cursor.insertText(_clean(names), self._char(colour=muted))
        if meta.lede:
            lede = QTextBlockFormat()
            lede.setTopMargin(self.line * 0.6)
            lede.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            lede_char = self._char(italic=True, colour=muted)
            self._block(lede, lede_char)
            self.cursor.insertText(_clean(meta.lede), lede_char)
        rule = QTextBlockFormat()
        rule.setTopMargin(self.line * 0.9)
        rule.setBottomMargin(self.line * 0.1)
        rule.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth, 1)
        self._block(rule, self._char(scale=0.3))

    def _heading(self, title: str) -> None:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(self.line * 1.3)
        fmt.setBottomMargin(self.line * 0.1)
        char = self._char(scale=1.2, weight=QFont.Weight.Bold)
        self._block(fmt, char)
        self.cursor.insertText(_clean(title), char)

    def _turn(self, index: int, turn: Turn) -> None:
        asks = self.t.is_question(index)
        fmt = self.question_format if asks else self.turn_format
        # Questions are bold, as printed interviews set them; a host's long monologue would
        # be a wall of bold, so it keeps only the tint.
        bold = asks and turn.text.count(" ") < BOLD_QUESTION_WORDS
        words = self.question_words if bold else self.answer_words
        editorial = self.editorial
        self._block(fmt, words)
        start = self.cursor.position()
        text = turn.text.translate(_QT_SPECIAL)
        at = 0
        for note in sorted(turn.annotations, key=lambda a: a.start):
            lo, hi = max(at, note.start), min(len(text), note.end)
            if lo >= hi:
                continue
            if lo > at:
                self.cursor.insertText(text[at:lo], words)
            self.cursor.insertText(text[lo:hi], editorial)
            at = hi
        if at < len(text):
            self.cursor.insertText(text[at:], words)
        end = self.cursor.position()
        self._space_paragraphs(start, end, fmt)
        astral = not text.isascii() and _ASTRAL.search(text) is not None
        self.reader._register(start, end, turn.text, astral)

    def _space_paragraphs(self, start: int, end: int, fmt: QTextBlockFormat) -> None:
        """Later blocks of a turn: no turn gap; the empty line between paragraphs is short."""
        block = self.doc.findBlock(start).next()
        inner = QTextBlockFormat(fmt)
        inner.setTopMargin(0)
        blank = QTextBlockFormat(inner)
        blank.setLineHeight(self.line * 0.45, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        while block.isValid() and block.position() <= end:
            cursor = QTextCursor(block)
            cursor.setBlockFormat(blank if block.length() <= 1 else inner)
            block = block.next()


def _clean(text: str) -> str:
    """Header text is one line of plain text."""
    return " ".join(text.split())


_MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")


def _date_text(iso: str | None) -> str | None:
    """"2 December 2021", "December 2021", "2 December" from an ISO (or partial) date."""
    if not iso:
        return None
    try:
        if iso.startswith("--"):  # --MM-DD: the source gives no year
            month, day = int(iso[2:4]), int(iso[5:7])
            return f"{day} {_MONTHS[month - 1]}"
        parts = iso[:10].split("-")
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso
