"""The layout adapts to the window's width: a capped measure in wide windows, side panels folded
away in narrow ones so a line of words keeps at least `MIN_MEASURE_CHARS` characters."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDockWidget

from desktop.ui.main_window import MainWindow
from desktop.ui.views.reader import MEASURE_CHARS, MIN_MEASURE_CHARS, Reader
from tests.ui.conftest import make_interview

pytestmark = pytest.mark.timeout(60)


def longest_line(reader: Reader) -> int:
    """The most characters Qt put on one line of a turn's words (the header excluded)."""
    doc = reader.document()
    longest = 0
    for turn in range(reader.built_turns()):
        place = reader.turn_position(turn)
        assert place is not None
        block = doc.findBlock(place[0])
        while block.isValid() and block.position() < place[1]:
            layout = block.layout()
            for i in range(layout.lineCount()):
                longest = max(longest, layout.lineAt(i).textLength())
            block = block.next()
    return longest


def long_interview() -> Any:
    transcript = make_interview()
    from dataclasses import replace

    long_answer = " ".join(["We do not know the intentions of President Vladimir Putin."] * 12)
    turns = list(transcript.turns)
    turns[1] = replace(turns[1], text=long_answer)
    return replace(transcript, turns=tuple(turns))


def resize(qtbot: Any, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    qtbot.wait(50)  # the adapter runs after the resize settles


def visible_right_docks(window: MainWindow) -> list[QDockWidget]:
    return [d for d in window.findChildren(QDockWidget) if d.isVisible()]


def test_a_wide_window_caps_the_measure_and_centres_the_page(qtbot: Any,
                                                             window: MainWindow) -> None:
    window.show_transcript(long_interview())
    resize(qtbot, window, 2400, 1000)
    reader = window.reader
    assert reader.width() > reader.width_for(MEASURE_CHARS + 30)  # far more room than needed
    assert reader.measure_chars() == pytest.approx(MEASURE_CHARS, abs=2)
    assert 60 <= longest_line(reader) <= 90  # lines of prose: about 75 characters
    # The page is centred: the speaker column starts well inside the view.
    assert reader._text_left() > reader.viewport().width() / 4


def test_the_measure_follows_zoom(qtbot: Any, window: MainWindow) -> None:
    window.show_transcript(long_interview())
    resize(qtbot, window, 2400, 1000)
    before = window.reader.words_width()
    window.set_zoom(6)
    qtbot.wait(50)
    assert window.reader.words_width() > before * 1.2  # bigger letters, same characters
    assert window.reader.measure_chars() == pytest.approx(MEASURE_CHARS, abs=2)


def test_a_narrow_window_folds_the_panels_so_the_words_keep_a_line(
    qtbot: Any, window: MainWindow
) -> None:
    window.show_transcript(long_interview())
    resize(qtbot, window, 1400, 900)
    assert window.navigator.isVisible() and visible_right_docks(window)
    assert window.adaptive.collapsed() == []

    resize(qtbot, window, 1024, 640)
    qtbot.waitUntil(lambda: window.reader.measure_chars() >= MIN_MEASURE_CHARS)
    assert not window.navigator.isVisible()
    assert "navigator" in window.adaptive.collapsed()
    assert window.adaptive.button.isVisible()  # "Show Panels" says what happened

    resize(qtbot, window, 760, 600)
    qtbot.waitUntil(lambda: window.adaptive.collapsed() == ["navigator", "docks"])
    qtbot.waitUntil(lambda: window.reader.measure_chars() >= MIN_MEASURE_CHARS)
    assert not visible_right_docks(window)
    assert window.settings.navigator_visible  # the user's own choice is unchanged

    resize(qtbot, window, 1600, 1000)
    qtbot.waitUntil(lambda: window.navigator.isVisible())
    assert window.adaptive.collapsed() == []
    assert visible_right_docks(window)
    assert not window.adaptive.button.isVisible()


def test_show_panels_brings_them_back_at_once(qtbot: Any, window: MainWindow) -> None:
    window.show_transcript(long_interview())
    resize(qtbot, window, 760, 600)
    qtbot.waitUntil(lambda: not window.navigator.isVisible())
    window.adaptive.button.click()
    assert window.navigator.isVisible()
    assert visible_right_docks(window)
    assert window.adaptive.collapsed() == []


def test_the_users_own_choice_wins_over_the_layout(qtbot: Any, window: MainWindow) -> None:
    window.show_transcript(long_interview())
    resize(qtbot, window, 1024, 640)
    qtbot.waitUntil(lambda: "navigator" in window.adaptive.collapsed())
    window.navigator_action.trigger()  # Ctrl+Shift+N: the user wants it back
    assert window.navigator.isVisible()
    assert "navigator" not in window.adaptive.collapsed()
    window.navigator_action.trigger()  # and away again: it stays away when the window widens
    resize(qtbot, window, 1700, 1000)
    qtbot.wait(50)
    assert not window.navigator.isVisible()
    assert not window.settings.navigator_visible
