"""A big transcript is built a slice at a time: the event loop keeps running, and jumps,
selections and highlights still map exactly to (turn, start, end)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor

from desktop.core.model import Transcript, Turn
from desktop.ui import theme
from desktop.ui.main_window import MainWindow
from desktop.ui.views import reader as reader_module
from tests.ui.conftest import make_interview

pytestmark = pytest.mark.timeout(120)

TURNS = 5_000
WORDS = ("ukraine", "sanctions", "minister", "agreement", "we", "the", "of", "consequences")


def big_transcript() -> Transcript:
    """5,000 alternating turns of varied length: several times the first built slice."""
    base = make_interview()
    turns = []
    for i in range(TURNS):
        count = 20 + (i * 7) % 45
        text = " ".join(WORDS[(i + j) % len(WORDS)] for j in range(count))
        turns.append(Turn("efi" if i % 2 == 0 else "blinken", f"Turn {i}: {text}."))
    return replace(base, turns=tuple(turns), sections=())


def test_opening_a_big_transcript_keeps_the_event_loop_running(
    qtbot: Any, window: MainWindow
) -> None:
    big = big_transcript()
    assert sum(len(t.text) for t in big.turns) > 3 * reader_module.FIRST_CHUNK_CHARS
    reader = window.reader
    beats: list[int] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: beats.append(1))
    heartbeat.start()

    window.show_transcript(big)
    first_slice = reader.built_turns()
    assert 0 < first_slice < TURNS  # the first screens at once, the rest later
    assert reader.is_building()
    # Asked before the build reaches them: kept and done when it does.
    last = TURNS - 1
    reader.highlight([(last, 0, 4)], kind="search")
    reader.scroll_to_turn(last)
    qtbot.waitUntil(lambda: not reader.is_building(), timeout=60_000)
    heartbeat.stop()

    assert reader.built_turns() == TURNS
    assert len(beats) >= 3  # the heartbeat ticked while the document was built
    place = reader.turn_position(last)
    assert place is not None
    assert reader.textCursor().position() == place[0]
    rect = reader.cursorRect()
    assert 0 <= rect.top() < reader.viewport().height()
    highlighted = [s.cursor.selectedText() for s in reader.extraSelections()]
    assert big.turns[last].text[:4] in highlighted

    # A selection across the boundary of the first slice maps to both turns exactly.
    before, after = first_slice - 1, first_slice
    lo = reader.turn_position(before)
    hi = reader.turn_position(after)
    assert lo is not None and hi is not None
    cursor = QTextCursor(reader.document())
    cursor.setPosition(lo[0] + 5)
    cursor.setPosition(hi[0] + 7, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    assert reader.selection_spans() == [
        (before, 5, len(big.turns[before].text)),
        (after, 0, 7),
    ]
    assert reader.selected_text() == (
        big.turns[before].text[5:] + "\n" + big.turns[after].text[:7]
    )


def test_a_selection_asked_for_an_unbuilt_turn_is_made_when_it_is_built(
    qtbot: Any, window: MainWindow
) -> None:
    big = big_transcript()
    reader = window.reader
    window.show_transcript(big)
    target = TURNS - 10
    assert reader.built_turns() <= target
    reader.select_span(target, 6, 11)
    assert reader.selection_spans() == []  # not yet
    qtbot.waitUntil(lambda: reader.selection_spans() == [(target, 6, 11)], timeout=60_000)
    assert reader.selected_text() == big.turns[target].text[6:11]


def test_a_new_transcript_stops_the_old_build(qtbot: Any, window: MainWindow) -> None:
    window.show_transcript(big_transcript())
    assert window.reader.is_building()
    small = make_interview()
    window.show_transcript(small)
    assert not window.reader.is_building()
    assert window.reader.built_turns() == len(small.turns)
    window.reader.scroll_to_turn(3)
    place = window.reader.turn_position(3)
    assert place is not None and window.reader.textCursor().position() == place[0]


def test_zoom_and_theme_keep_the_turn_being_read(qtbot: Any, window: MainWindow) -> None:
    reader = window.reader
    window.show_transcript(big_transcript())
    reader.scroll_to_turn(3_000)
    qtbot.waitUntil(lambda: not reader.is_building() and reader.turn_at_top() == 3_000,
                    timeout=60_000)
    window.set_zoom(reader.zoom() + 2)  # rebuilt; the turn comes back once built again
    qtbot.waitUntil(lambda: not reader.is_building() and reader.turn_at_top() == 3_000,
                    timeout=60_000)
    try:
        # The dark style sheet changes the reader's font, which resets Qt's scroll position.
        theme.controller().set_choice("dark")
        qtbot.waitUntil(lambda: not reader.is_building() and reader.turn_at_top() == 3_000,
                        timeout=60_000)
    finally:
        theme.controller().set_choice("light")


def test_resizing_the_window_keeps_the_place_being_read(qtbot: Any, window: MainWindow) -> None:
    """Qt keeps only the pixel offset when a new width re-wraps the text; the reader keeps
    the turn at the top, and how far into it the view was."""
    reader = window.reader
    window.show_transcript(big_transcript())
    reader.scroll_to_turn(3_000)
    qtbot.waitUntil(lambda: not reader.is_building() and reader.turn_at_top() == 3_000,
                    timeout=60_000)
    bar = reader.verticalScrollBar()
    bar.setValue(bar.value() + 3 * reader.fontMetrics().height())  # lines into the turn
    qtbot.waitUntil(lambda: reader.turn_at_top() == 3_000)
    for width in (window.width() - 300, window.width() + 300):
        window.resize(width, window.height())
        qtbot.waitUntil(lambda: not reader.is_building(), timeout=60_000)
        qtbot.wait(50)
        assert reader.turn_at_top() == 3_000
        place = reader.turn_position(3_000)
        assert place is not None
        # The turn's first lines are above the top edge: the view did not snap to its start.
        cursor = QTextCursor(reader.document())
        cursor.setPosition(place[0])
        first_line = reader.cursorRect(cursor)
        assert first_line.top() < -reader.fontMetrics().height()





def test_a_scroll_made_while_the_range_lags_goes_the_rest_of_the_way(
    qtbot: Any, window: MainWindow
) -> None:
    """Qt widens the scroll bar's range only as it lays more text out. A rebuild restoring the
    turn being read (zoom, theme) scrolls as soon as layout reaches that turn, when the range
    may end just short of it: the scroll must not stop there for good, but go the rest of the
    way as the range grows, unless the user scrolled or jumped elsewhere meanwhile."""
    reader = window.reader
    bar = reader.verticalScrollBar()
    for meanwhile in (None, "user scrolls", "user jumps"):
        window.show_transcript(big_transcript())
        assert reader.is_building()  # the range will grow as the rest is laid out
        bar.setRange(0, 10)  # the range at that moment
        reader._scroll_to(5_000)  # the one way the reader scrolls to a place
        assert bar.value() == 10  # stopped short, for now
        if meanwhile == "user scrolls":
            bar.triggerAction(bar.SliderAction.SliderSingleStepAdd)
        elif meanwhile == "user jumps":
            reader.scroll_to_span(1, 0, 4)  # a search hit on screen already: no scrolling
        qtbot.waitUntil(lambda: not reader.is_building(), timeout=60_000)
        assert (bar.value() < 5_000) if meanwhile else (bar.value() == 5_000), meanwhile
