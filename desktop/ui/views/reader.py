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

Memory: every laid-out block keeps a text layout for as long as the document lives, and Qt
(6.11; heaptrack) keeps with each one the shaping buffer of its longest run of same-format
text, about 46 bytes a character: a 5 MB transcript's turns, each one run, held ~230 MB. The
words are therefore inserted in runs of at most `SHAPING_RUN_CHARS` characters, each cut after
a space or CJK clause punctuation (`shaping_runs`), in formats that alternate with an
invisible twin (`_twin`), so Qt shapes short runs (the same line breaks and height). Cutting
only there never splits a word, a ligature, a cluster or a joining script; text with neither
(Thai, a long URL) stays one run.
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
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
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

from desktop.core.citations.people import ResolvedPerson, resolve_people
from desktop.core.model import Speaker, Transcript, Turn
from desktop.core.word_edges import snap_to_words
from desktop.ui import theme
from desktop.ui.italics import italic_suits
from desktop.ui.models.transcript_model import TranscriptModel, format_time

#: Extra points over the application font for comfortable reading.
READING_BOOST: Final = 1.5
MIN_POINT_SIZE: Final = 6.0
#: A question's first sentence is set in bold only when it is at most this many words (bold
#: is for finding questions, not for reading long passages).
BOLD_QUESTION_WORDS: Final = 25
_DOC_MARGIN: Final = 28.0
#: The comfortable measure: in wide windows the words column stops at about this many
#: characters of the reading font (so it follows zoom) and the page is centred.
MEASURE_CHARS: Final = 75
#: The fewest characters a line of words should hold; the window collapses side panels to
#: keep it (see `MainWindow`).
MIN_MEASURE_CHARS: Final = 45
#: The speaker column's width, in ems of the reading font: long names wrap onto two lines.
GUTTER_EM: Final = (8.0, 12.0)
_SENTENCE_END: Final = re.compile(r"[.?!…](?=[\s\u201d\u2019\"')\]]|$)")
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
#: Longest run of words inserted in one format (see "Memory" in the module docstring).
#: HarfBuzz grows a shaping buffer to 32, 80, 152... glyphs: runs that fit in 32 keep the
#: least. A 5 MB transcript laid out in the window (`benchmarks/memory_bench.py`): one run per
#: turn 424 MB; runs of about 64 characters 251 MB; at most 30, 222 MB.
SHAPING_RUN_CHARS: Final = 30
#: The property that makes a format's twin differ from it (and nothing else).
_TWIN_PROPERTY: Final = QTextFormat.Property.UserProperty + 0x7E1

Span = tuple[int, int, int]
#: A context action with this property set works on the selected words: the reader's menu
#: shows it disabled when nothing is selected.
NEEDS_SELECTION: Final = "verbatimNeedsSelection"


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
        self.setViewport(_viewport())
        self._model = model
        self._people_cache: tuple[Transcript, dict[str, ResolvedPerson]] | None = None
        self._zoom = 0
        self._places = _Places()
        self._gutter = 0.0
        self._reading_font = QFont(QApplication.font())
        self._side = 0.0  # extra left and right margin that centres the page in wide windows
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
        self._scroll_target: int | None = None  # see `_scroll_to`
        self._highlights_waiting = False  # some highlighted turns are not built yet
        self._highlights_applied = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)
        self._own_doc: QTextDocument | None = None  # the document `rebuild` made and shows
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
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setPlaceholderText("Open a transcript (Ctrl+O) or drop a file here.")
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().rangeChanged.connect(self._on_range)
        self.verticalScrollBar().actionTriggered.connect(self._forget_scroll_target)  # the user
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
        self._forget_scroll_target()  # an earlier jump still on its way gives way to this one
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            self._scroll_to(bar.value() + rect.top() - self.viewport().height() // 3)
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

    def snap_selection_to_words(self) -> bool:
        """Widen the selection so it neither starts nor ends inside a word (a quote is whole
        words: `Well, first, A|ndrea` becomes `… Andrea`); True when it changed. The anchor
        stays on the side the user started from."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self._places:
            return False
        lo, hi = cursor.selectionStart(), cursor.selectionEnd()
        new_lo, new_hi = self._snapped(lo, start=True), self._snapped(hi, start=False)
        if (new_lo, new_hi) == (lo, hi):
            return False
        forward = cursor.anchor() <= cursor.position()
        snapped = QTextCursor(self.document())
        snapped.setPosition(new_lo if forward else new_hi)
        snapped.setPosition(new_hi if forward else new_lo, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(snapped)
        return True

    def _snapped(self, pos: int, *, start: bool) -> int:
        index = bisect.bisect_right(self._places.starts, pos) - 1
        if index < 0:
            return pos
        place = self._places[index]
        if not place.start <= pos <= place.end:
            return pos  # in a heading or between turns
        offset = place.text_offset(pos)
        lo, hi = snap_to_words(place.text, offset, offset)
        return place.doc_pos(lo if start else hi)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.snap_selection_to_words()

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
        self._forget_scroll_target()
        self._built_dark = theme.is_dark()
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        font = QFont(QApplication.font())
        font.setPointSizeF(self.point_size())
        doc.setDefaultFont(font)
        doc.setDocumentMargin(_DOC_MARGIN)
        self._reading_font = font  # the new document's, while the old one is still shown
        self.setFont(font)
        transcript = self._model.transcript()
        self._places = _Places()
        self._gutter = self._gutter_width(transcript, font)
        self._side = self._side_margin(font)
        _set_side_margins(doc, self._side)
        if transcript is not None:
            builder = _Builder(self, doc, transcript, font)
            if not builder.build(max_chars=FIRST_CHUNK_CHARS):
                self._builder = builder
        # The document shown before is deleted when it is one of ours (the first, Qt's own, is
        # deleted by Qt). Kept track of here rather than asked of Qt: the first document's
        # parent is Qt's private text control, and handing that to Python makes PySide create
        # the enums of every QtWidgets class at once (~25 ms of a launch).
        old_doc, self._own_doc = self._own_doc, doc
        self.setDocument(doc)
        if old_doc is not None:
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
        from the top and can reset the scroll position: keep the place being read."""
        restyle = event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange)
        place = self._reading_place() if restyle else None
        super().changeEvent(event)
        if restyle:
            self._relaid_out(place)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width makes Qt lay the document out again (the page stays centred at its
        measure): keep the place being read, as Qt keeps only the pixel offset."""
        # Qt has already resized the viewport; QTextEdit re-wraps the document to its width in
        # `super().resizeEvent`. The place is worth finding only when that width changes.
        rewrap = self.document().textWidth() != self.viewport().width()
        place = self._reading_place() if rewrap else None
        super().resizeEvent(event)
        side = self._side_margin(self.document().defaultFont())
        if side != self._side:
            self._side = side
            _set_side_margins(self.document(), side)
        if rewrap:
            self._relaid_out(place)
        self._bar.setGeometry(0, 0, self.width(), 3)

    def _reading_place(self) -> tuple[int, float] | None:
        """The turn at the top and how far into it the view is (0 at its top, towards 1 at
        its bottom); None at the very top, or when a jump not done yet decides the place."""
        if "scroll" in self._deferred or self.verticalScrollBar().value() <= 0:
            return None
        turn = self.turn_at_top()
        if turn is None:
            return None
        top, height = self._turn_extent(turn)
        into = self.verticalScrollBar().value() - top
        fraction = max(0.0, min(0.99, into / height)) if height > 0 else 0.0
        return turn, fraction

    def _turn_extent(self, turn_index: int) -> tuple[float, float]:
        """Where a turn starts (its gap above included) and how tall it is, in pixels."""
        doc, layout = self.document(), self.document().documentLayout()
        gap = self._turn_gap()
        top = self._block_text_top(doc.findBlock(self._places.starts[turn_index])) - gap
        last = doc.findBlock(max(0, self._places.ends[turn_index] - 1))
        return top, float(layout.blockBoundingRect(last).bottom()) - top

    def _relaid_out(self, place: tuple[int, float] | None) -> None:
        """Qt will lay the document out again from the top: follow it, and scroll back to
        `place` once it is laid out again."""
        self._laid_out_to = 0
        if self.document().characterCount() > SYNC_LAYOUT_CHARS:
            self._timer.start()
        if place is not None:
            self._keep_place(*place)

    def _keep_place(self, turn_index: int, fraction: float) -> None:
        """Scroll back to a place in a turn without moving the text cursor (or selection)."""
        if self._ready(turn_index, "scroll", lambda: self._keep_place(turn_index, fraction)):
            top, height = self._turn_extent(turn_index)
            self._scroll_to(round(top + fraction * height))

    def _scroll_turn_to_top(self, place: _TurnPlace, *, with_heading: bool = False) -> None:
        block = self.document().findBlock(place.start)
        top = self._block_text_top(block) - self._turn_gap()
        previous = block.previous()
        if with_heading and previous.isValid() and self.turn_at_position(
            previous.position()
        ) is None:  # the block before the turn is a heading, not another turn's words
            top = self._block_text_top(previous) - self._turn_gap()
        self._scroll_to(int(top))

    def _scroll_to(self, value: int) -> None:
        """Scroll the view's top to `value`. Qt widens the scroll bar's range only as it lays
        the document out, so just after a turn is laid out the bar may not reach it yet (it
        would stop short, on an earlier turn): the rest of the way is gone when the range
        grows (`_on_range`), unless the user scrolled meanwhile."""
        bar = self.verticalScrollBar()
        value = max(0, value)
        self._scroll_target = value if value > bar.maximum() else None
        bar.setValue(value)

    def _forget_scroll_target(self, *_: object) -> None:
        """The user scrolled, jumped or a rebuild began: a scroll still waiting gives way."""
        self._scroll_target = None

    def _on_range(self, _low: int, high: int) -> None:
        target = self._scroll_target
        if target is not None:
            if target <= high:
                self._scroll_target = None
            self.verticalScrollBar().setValue(min(target, high))

    def _gutter_width(self, transcript: Transcript | None, font: QFont) -> float:
        """Width of the speaker column: the widest name (and time), kept between 8 and 12 em
        (a longer name wraps onto two lines)."""
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
        return max(em * GUTTER_EM[0], min(em * GUTTER_EM[1], widest + em * 2))

    def _register(self, start: int, end: int, text: str, astral: bool) -> None:
        self._places.append(start, end, text, astral)

    def _place(self, turn_index: int) -> _TurnPlace | None:
        if 0 <= turn_index < len(self._places):
            return self._places[turn_index]
        return None

    def _text_left(self) -> float:
        return _DOC_MARGIN + self._side + self._gutter

    # -- the measure ---------------------------------------------------------------------------

    def char_width(self) -> float:
        """The average width of a character of the reading font (it follows zoom)."""
        return _char_width(self.document().defaultFont())

    def words_width(self) -> float:
        """The width of the words column now, in pixels."""
        return max(0.0, self.viewport().width() - 2 * (_DOC_MARGIN + self._side) - self._gutter)

    def measure_chars(self) -> float:
        """About how many characters a line of words holds now."""
        return self.words_width() / max(1.0, self.char_width())

    def width_for(self, chars: int) -> int:
        """The reader width (frame and scroll bar included) at which a line holds `chars`."""
        scroll = self.verticalScrollBar().sizeHint().width()
        return int(2 * _DOC_MARGIN + self._gutter + chars * self.char_width() + scroll + 2)

    def _side_margin(self, font: QFont) -> float:
        """The extra side margin that keeps the words at `MEASURE_CHARS` in a wide window."""
        measure = _char_width(font) * MEASURE_CHARS
        spare = self.viewport().width() - 2 * _DOC_MARGIN - self._gutter - measure
        return float(int(max(0.0, spare / 2)))

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
            elif kind == "redaction":  # a preview: what copies and exports will take out
                fmt.setFontStrikeOut(True)
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
        person = self.people(transcript).get(speaker.id)
        cited = ""
        if person is not None and person.name != speaker.name:
            who = person.name or "nobody named"
            cited = f"<br>Cited as {html.escape(who)} ({html.escape(person.source)})"
        return f"<p><b>{html.escape(speaker.name)}</b><br>{html.escape(role)}{cited}</p>"

    def people(self, transcript: Transcript) -> dict[str, ResolvedPerson]:
        """Who citations name for each speaker of the shown transcript (worked out once)."""
        cached = self._people_cache
        if cached is None or cached[0] is not transcript:
            cached = (transcript, resolve_people(transcript))
            self._people_cache = cached
        return cached[1]

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
        self._forget_scroll_target()  # keys that scroll move the view themselves
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
            selected = self.textCursor().hasSelection()
            for action in self._context_actions:
                menu.addAction(action)
                if action.property(NEEDS_SELECTION) and not selected and action.isEnabled():
                    # Off while this menu is up (the action also serves other panels).
                    action.setEnabled(False)
                    menu.aboutToHide.connect(lambda a=action: a.setEnabled(True))
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

    def _gutter_fonts(self) -> tuple[QFont, QFont]:
        """(name font, small font) of the speaker column, from the reading font."""
        font = self._reading_font
        name_font = QFont(font)
        name_font.setBold(True)
        small = QFont(font)
        small.setPointSizeF(max(MIN_POINT_SIZE, font.pointSizeF() * 0.85))
        return name_font, small

    def _column_width(self) -> float:
        """The width labels may use in the speaker column (the colour bar keeps the rest)."""
        name_font, _ = self._gutter_fonts()
        return self._gutter - QFontMetricsF(name_font).horizontalAdvance("M") * 1.2

    def label_lines(self, speaker: Speaker, room: float | None = None) -> tuple[list[str],
                                                                                list[str]]:
        """The lines of a speaker's label: the name (wrapped onto at most two lines) and the
        role or affiliation (at most two), fitted to `room` pixels of height when given: the
        role gives up its second line first, then the name; the role always stays."""
        name_font, small = self._gutter_fonts()
        names, smalls = QFontMetricsF(name_font), QFontMetricsF(small)
        width = self._column_width()
        role = _role_text(speaker)
        name_lines = _wrap(speaker.name, names, width, 2)
        role_lines = _wrap(role, smalls, width, 2) if role else []

        def height() -> float:
            return len(name_lines) * names.height() + len(role_lines) * smalls.height() + 2

        if room is not None and height() > room and len(role_lines) > 1:
            role_lines = _wrap(role, smalls, width, 1)
        if room is not None and height() > room and len(name_lines) > 1:
            name_lines = _wrap(speaker.name, names, width, 1)
        return name_lines, role_lines

    def label_height(self, speaker: Speaker) -> float:
        """The height of a speaker's full label (name and role, unfitted)."""
        name_font, small = self._gutter_fonts()
        name_lines, role_lines = self.label_lines(speaker)
        return (len(name_lines) * QFontMetricsF(name_font).height()
                + len(role_lines) * QFontMetricsF(small).height() + 2)

    def _paint_gutter(self, painter: QPainter, transcript: Transcript, clip: QRect) -> None:
        """Beside each visible turn: a colour bar, the speaker's name (with the time for timed
        sources) wrapped onto two lines if long, and the role or affiliation under it; labels
        never overlap the next label."""
        dy = -self.verticalScrollBar().value()
        dx = -self.horizontalScrollBar().value()
        height = self.viewport().height()
        first = max(0, self._turn_at_y(-dy) - 1)
        name_font, small = self._gutter_fonts()
        dark = theme.is_dark()
        muted = theme.muted_colour(dark)
        column = self._column_width()
        em = QFontMetricsF(name_font).horizontalAdvance("M")
        name_height = QFontMetricsF(name_font).height()
        small_height = QFontMetricsF(small).height()
        doc = self.document()
        layout = doc.documentLayout()
        turns = transcript.turns

        def labelled(i: int) -> bool:  # a turn whose label is painted
            return turns[i].start is not None or i == 0 or turns[i].speaker != turns[i - 1].speaker

        def next_label_top(i: int) -> float:
            """Where the label below turn i's must stop: the next label or heading."""
            block = doc.findBlock(max(self._places.starts[i], self._places.ends[i] - 1)).next()
            for _ in range(256):
                if not block.isValid():
                    return float("inf")
                turn = self.turn_at_position(block.position())
                if turn is None or (turn > i and block.position() == self._places.starts[turn]
                                    and labelled(turn)):
                    return self._block_text_top(block) + dy  # a heading, or a labelled turn
                block = block.next()
            return float("inf")

        for i in range(first, len(self._places)):
            place = self._places[i]
            first_block = doc.findBlock(place.start)
            last_block = doc.findBlock(max(place.start, place.end - 1))
            top = self._block_text_top(first_block) + dy
            bottom = layout.blockBoundingRect(last_block).bottom() + dy
            if top > height:
                break
            turn = turns[i]
            if bottom < clip.top():
                continue
            speaker = transcript.speaker(turn.speaker)
            colour = theme.speaker_colour(self._model.speaker_colour_index(turn.speaker), dark)
            x = _DOC_MARGIN + self._side + dx
            if speaker is not None:
                bar_x = x + self._gutter - em * 0.6
                painter.fillRect(QRectF(bar_x, top + 3, 3, max(4.0, bottom - top - 6)), colour)
            if not labelled(i):
                continue
            y = top + self._label_offset(name_font)
            room = next_label_top(i) - y - 2
            repeated = i > 0 and turns[i - 1].speaker == turn.speaker
            if turn.start is not None:
                stamp = format_time(turn.start) + "  "
                width = self._draw_line(painter, stamp, small, muted, x, y, column,
                                        baseline_font=name_font)
                if speaker is None or repeated:
                    continue
                name_lines, role_lines = self.label_lines(speaker, room)
                self._draw_line(painter, " ".join(name_lines), name_font, colour, x + width, y,
                                column - width)
                name_lines = name_lines[:1]
            elif speaker is None:
                continue
            else:
                name_lines, role_lines = self.label_lines(speaker, room)
                for line in name_lines:
                    self._draw_line(painter, line, name_font, colour, x, y, column)
                    y += name_height
                name_lines = []
            y += len(name_lines) * name_height
            for line in role_lines:
                self._draw_line(painter, line, small, muted, x, y + 2, column)
                y += small_height

    def _label_offset(self, name_font: QFont) -> float:
        """Align the label's baseline with the first line of words (proportional line height)."""
        words = QFontMetricsF(self._reading_font)
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


def _viewport() -> QWidget:
    """The reader's viewport, made in Python as Qt makes its own (the name, the Base
    background, the I-beam cursor), and refusing drops (the window opens dropped files).

    Why not Qt's own: Python's first look at a widget Qt made (`viewport()`, called here and
    by every paint of the gutter) makes PySide resolve every QtWidgets class derived from
    QWidget, with all their enums: ~10 ms of a launch. A widget made in Python is known."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    viewport.setCursor(Qt.CursorShape.IBeamCursor)
    viewport.setAcceptDrops(False)
    return viewport


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


def _speaker_entry(speaker: Speaker, person: ResolvedPerson | None) -> str:
    """A speaker in the header's list, with the person citations name for the label and
    where the name was found: `QUESTION → Andrea Mitchell, from the title (Interviewer)`;
    a label nobody is named for says so (right-click › Rename corrects either)."""
    role = _role_text(speaker)
    text = speaker.name
    if person is not None and person.name is None and speaker.name:
        text = f"{speaker.name}: {person.source}"
    elif person is not None and person.name != speaker.name:
        text = f"{speaker.name} → {person.name}, {person.source}"
    return f"{text} ({role})" if role else text


#: Running text to measure a font's typical character by (letters, spaces and punctuation in
#: the proportions of prose; a font's own "average character width" is nearer to an "x").
_PROSE: Final = ("We have been very clear that a new aggression against Ukraine would be a "
                 "mistake, and that there would be serious consequences for it.")


def _char_width(font: QFont) -> float:
    return QFontMetricsF(font).horizontalAdvance(_PROSE) / len(_PROSE)


def _first_sentence_end(text: str) -> int:
    """Where a question's first sentence ends (its bold part): after the first ., ?, ! or …
    that ends a sentence, within `BOLD_QUESTION_WORDS` words; 0 when it runs on longer."""
    match = _SENTENCE_END.search(text)
    end = match.end() if match else len(text)
    return end if text[:end].count(" ") < BOLD_QUESTION_WORDS else 0


def _wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """`text` broken at spaces into at most `max_lines` lines of `width`; the last is elided."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines:
        if len(lines) == max_lines - 1:
            rest = " ".join(words)
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, max(0.0, width)))
            break
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    return lines


def _set_side_margins(doc: QTextDocument, side: float) -> None:
    """Centre the page: the document's left and right margins grow by `side`."""
    frame = doc.rootFrame()
    fmt = frame.frameFormat()
    if fmt.leftMargin() == _DOC_MARGIN + side and fmt.rightMargin() == _DOC_MARGIN + side:
        return
    fmt.setLeftMargin(_DOC_MARGIN + side)
    fmt.setRightMargin(_DOC_MARGIN + side)
    frame.setFrameFormat(fmt)


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
        self.editorial_upright = self._char(colour=theme.muted_colour(self.dark))
        self.turn_format = QTextBlockFormat()
        self.turn_format.setLeftMargin(reader._gutter)
        self.turn_format.setTopMargin(self.line * 0.9)
        self.turn_format.setLineHeight(
            135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        self.question_format = QTextBlockFormat(self.turn_format)
        self.question_format.setBackground(theme.question_tint(self.dark))
        self._twins: dict[int, tuple[QTextCharFormat, QTextCharFormat]] = {}

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

    def _insert(self, text: str, fmt: QTextCharFormat) -> None:
        """Insert `text` in the runs `shaping_runs` cuts it into, alternating `fmt` and its
        twin so that Qt shapes (and keeps) short runs."""
        if len(text) <= SHAPING_RUN_CHARS:
            self.cursor.insertText(text, fmt)
            return
        twin = self._twin(fmt)
        insert = self.cursor.insertText
        at, odd = 0, False
        for cut in shaping_runs(text):
            insert(text[at:cut], twin if odd else fmt)
            at, odd = cut, not odd

    def _twin(self, fmt: QTextCharFormat) -> QTextCharFormat:
        """`fmt` with the invisible twin property: it looks the same but is another format."""
        entry = self._twins.get(id(fmt))  # the entry keeps `fmt` alive: its id stays its own
        if entry is None:
            twin = QTextCharFormat(fmt)
            twin.setProperty(_TWIN_PROPERTY, True)
            entry = self._twins[id(fmt)] = (fmt, twin)
        return entry[1]

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
            people = self.reader.people(self.t)  # who citations name for each label
            names = " · ".join(_speaker_entry(s, people.get(s.id)) for s in self.t.speakers)
            self._block(QTextBlockFormat(), self._char(colour=muted))
            self.cursor.insertText(_clean(names), self._char(colour=muted))
        if meta.lede:
            lede = QTextBlockFormat()
            lede.setTopMargin(self.line * 0.6)
            lede.setRightMargin(self.reader._gutter)  # prose: the words' measure, not the page's
            lede.setLineHeight(130, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            lede_char = self._char(italic=italic_suits(meta.lede), colour=muted)
            self._block(lede, lede_char)
            self._insert(_clean(meta.lede), lede_char)
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
        words = self.answer_words
        editorial = self.editorial
        self._block(fmt, words)
        start = self.cursor.position()
        text = turn.text.translate(_QT_SPECIAL)
        # Questions are marked by their tint and the speaker's colour bar; bold is only for
        # a short question's first sentence, so a host's monologue is never a wall of bold.
        bold_end = _first_sentence_end(text) if asks else 0
        at = 0
        for note in sorted(turn.annotations, key=lambda a: a.start):
            lo, hi = max(at, note.start), min(len(text), note.end)
            if lo >= hi:
                continue
            if lo > at:
                self._words(text, at, lo, bold_end)
            note_text = text[lo:hi]
            self._insert(note_text, editorial if italic_suits(note_text) else
                         self.editorial_upright)
            at = hi
        if at < len(text):
            self._words(text, at, len(text), bold_end)
        end = self.cursor.position()
        self._space_paragraphs(start, end, fmt)
        self._room_for_label(index, turn, text)
        astral = not text.isascii() and _ASTRAL.search(text) is not None
        self.reader._register(start, end, turn.text, astral)

    def _words(self, text: str, lo: int, hi: int, bold_end: int) -> None:
        """Insert text[lo:hi], the part before `bold_end` in the question's bold."""
        cut = max(lo, min(hi, bold_end))
        if cut > lo:
            self._insert(text[lo:cut], self.question_words)
        if hi > cut:
            self._insert(text[cut:hi], self.answer_words)

    def _room_for_label(self, index: int, turn: Turn, text: str) -> None:
        """A one-line turn whose speaker label (a long name on two lines and the role) is
        taller than the line and the gap below it gets the missing room under it, so the
        label is shown whole instead of elided."""
        if turn.start is not None or len(text) > MEASURE_CHARS or "\n" in text:
            return  # longer turns have lines enough beside the label
        if index > 0 and self.t.turns[index - 1].speaker == turn.speaker:
            return
        speaker = self.t.speaker(turn.speaker)
        if speaker is None:
            return
        name_font, _ = self.reader._gutter_fonts()
        needed = self.reader.label_height(speaker) + self.reader._label_offset(name_font) + 4
        # Below the line, the gap to the next turn is the larger of this block's bottom margin
        # and the next one's top margin (Qt collapses them, as CSS does).
        gap = needed - self.line * 1.35
        if gap > self.line * 0.9:
            fmt = self.cursor.blockFormat()
            fmt.setBottomMargin(gap)
            self.cursor.setBlockFormat(fmt)

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


#: Where a shaping run may end besides after a space: after the ideographic space and the
#: CJK and full-width punctuation that ends a clause in text written without spaces (nothing
#: shapes across them). Thai, Lao, Khmer and the like have neither: their text is one run.
_CJK_BREAKS: Final = "\u3000\u3001\u3002\uff01\uff0c\uff0e\uff1a\uff1b\uff1f"
_CJK_BREAK: Final = re.compile(f"[{_CJK_BREAKS}]")
#: Matches up to and including the last CJK break of the text it is given.
_LAST_CJK_BREAK: Final = re.compile(f"(?s:.*)[{_CJK_BREAKS}]")


def shaping_runs(text: str, limit: int = SHAPING_RUN_CHARS) -> list[int]:
    """The end of each run `text` is inserted in (the last is len(text)): each run is cut
    after the last break (a space, or CJK clause punctuation) that keeps it within `limit`
    characters, or after the first break beyond it when a word is longer; never inside a word
    or a cluster."""
    n = len(text)
    ends: list[int] = []
    find, rfind = text.find, text.rfind
    cjk = not text.isascii() and _CJK_BREAK.search(text) is not None
    at = 0
    while n - at > limit:
        cut = rfind(" ", at, at + limit) + 1  # 0: no space within the limit
        if cjk:
            last = _LAST_CJK_BREAK.match(text, at, at + limit)
            if last is not None:
                cut = max(cut, last.end())
        if cut <= at:  # a word longer than the limit: the run ends at the next break
            space = find(" ", at + limit)
            beyond = [space + 1] if space >= 0 else []
            if cjk and (found := _CJK_BREAK.search(text, at + limit)) is not None:
                beyond.append(found.end())
            if not beyond:
                break
            cut = min(beyond)
        at = cut
        ends.append(at)
    if not ends or ends[-1] != n:
        ends.append(n)
    return ends


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
