"""The player under the reader: a timed transcript with a recording beside it plays, clicks
seek, the spoken turn is highlighted and followed, a board quote plays its span."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.ui import media_backend
from desktop.ui.main_window import MainWindow
from desktop.ui.media_controller import MediaController, controller_of

SRT = """\
1
00:00:00,200 --> 00:00:01,400
JANE: The first thing I want to say

2
00:00:01,500 --> 00:00:02,800
JANE: is that we measured everything twice.

3
00:00:03,000 --> 00:00:04,400
TOM: And what did the second measurement show?

4
00:00:04,600 --> 00:00:06,000
JANE: Exactly the same numbers as the first one.
"""

needs_backend = pytest.mark.skipif(
    media_backend.availability() is not None,
    reason=f"no media backend here: {media_backend.availability()}",
)


def _tone_wav(path: Path, seconds: float = 6.5, rate: int = 8000) -> None:
    """A short WAV written with the standard library (a quiet 440 Hz tone)."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = bytearray()
        for i in range(int(seconds * rate)):
            frames += struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * i / rate)))
        out.writeframes(bytes(frames))


@pytest.fixture()
def talk(tmp_path: Path) -> Path:
    srt = tmp_path / "talk.srt"
    srt.write_text(SRT, encoding="utf-8")
    _tone_wav(tmp_path / "talk.wav")
    return srt


def _open(qtbot: Any, window: MainWindow, path: Path) -> MediaController:
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(path)
    controller = controller_of(window)
    assert controller is not None
    qtbot.waitUntil(lambda: not window.reader.is_building(), timeout=5000)
    return controller


def test_an_untimed_transcript_shows_no_player(qtbot: Any, window: MainWindow,
                                               sample_path: Path) -> None:
    controller = _open(qtbot, window, sample_path)
    assert controller.bar.isHidden()
    assert not controller.play_action.isEnabled()


def test_without_the_media_extra_the_bar_says_how_to_enable_it(
    qtbot: Any, window: MainWindow, talk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media_backend, "availability",
                        lambda: "Playing recordings needs the media extra: "
                                "pip install 'verbatim[media]'.")
    controller = _open(qtbot, window, talk)
    assert controller.bar.isVisible()
    assert "verbatim[media]" in controller.bar.message.text()
    assert "talk.wav" in controller.bar.message.text()
    assert controller.player is None and not controller.play_action.isEnabled()
    assert len(window.current_transcript().turns) == 3  # the transcript works as before


@needs_backend
def test_timed_transcript_with_media_beside_it_opens_with_the_player(
    qtbot: Any, window: MainWindow, talk: Path
) -> None:
    controller = _open(qtbot, window, talk)
    assert controller.bar.isVisible() and controller.bar.message.isHidden()
    assert controller.media_path == talk.with_suffix(".wav")
    assert controller.play_action.isEnabled()
    qtbot.waitUntil(lambda: controller.player is not None
                    and controller.player.duration() > 6, timeout=10_000)


@needs_backend
def test_clicking_a_turn_plays_from_its_time_and_the_highlight_follows(
    qtbot: Any, window: MainWindow, talk: Path
) -> None:
    controller = _open(qtbot, window, talk)
    player = controller.player
    assert player is not None
    reader = window.reader
    # a click on TOM's name in the speaker column plays from his turn's time (3.0 s)
    start, _ = reader.turn_position(1)  # type: ignore[misc]
    rect = reader.cursorRect(_cursor_at(reader, start))
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, rect.center().y()))
    qtbot.waitUntil(lambda: player.is_playing(), timeout=10_000)
    qtbot.waitUntil(lambda: player.position() >= 3.0, timeout=10_000)
    assert controller.playing_turn() == 1
    assert reader.highlights("playing") == [(1, 0, len(window.current_transcript().turns[1].text))]
    # playback moves on into JANE's last turn, and the highlight follows it
    qtbot.waitUntil(lambda: controller.playing_turn() == 2, timeout=10_000)
    player.pause()


@needs_backend
def test_alt_click_on_a_word_plays_from_that_cue(qtbot: Any, window: MainWindow,
                                                 talk: Path) -> None:
    controller = _open(qtbot, window, talk)
    player = controller.player
    assert player is not None
    reader = window.reader
    text = window.current_transcript().turns[0].text
    start, _ = reader.turn_position(0)  # type: ignore[misc]
    offset = text.index("measured")  # in the second cue (1.5 s)
    rect = reader.cursorRect(_cursor_at(reader, start + offset + 2))
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.AltModifier, rect.center())
    qtbot.waitUntil(lambda: player.is_playing(), timeout=10_000)
    assert 1.5 <= player.position() < 3.0
    player.pause()


@needs_backend
def test_speed_and_steps(qtbot: Any, window: MainWindow, talk: Path) -> None:
    controller = _open(qtbot, window, talk)
    player = controller.player
    assert player is not None
    controller.bar.step_speed(1)
    assert player.rate() == pytest.approx(1.25)
    controller.faster_action.trigger()
    assert player.rate() == pytest.approx(1.5)
    controller.slower_action.trigger()
    controller.slower_action.trigger()
    assert player.rate() == pytest.approx(1.0)
    qtbot.waitUntil(lambda: player.duration() > 6, timeout=10_000)
    controller.seek(2.0)
    controller.forward_action.trigger()
    qtbot.waitUntil(lambda: abs(player.position() - 7.0) < 0.6 or player.position() >= 6,
                    timeout=5000)
    controller.back_action.trigger()
    assert controller.playing_turn() is not None


@needs_backend
def test_a_board_quote_plays_exactly_its_span(qtbot: Any, window: MainWindow,
                                              talk: Path) -> None:
    from desktop.ui.quote_controller import controller_of as quotes_of

    controller = _open(qtbot, window, talk)
    player = controller.player
    assert player is not None
    text = window.current_transcript().turns[2].text  # JANE: "Exactly the same numbers…"
    reader = window.reader
    reader.select_span(2, 0, len("Exactly the same numbers"))
    quotes = quotes_of(window)
    assert quotes is not None
    quotes.add_selection()
    qtbot.waitUntil(lambda: quotes.model.rowCount() == 1, timeout=5000)
    # Selected through the board, not QAbstractItemView.setCurrentIndex: that one reads the
    # application's modifier state, which an earlier test's Ctrl+D click can leave at Ctrl
    # (then it toggles the row off).
    quotes.board.select_ids([quotes.model.item(0).id])
    controller.play_selected_quote()
    qtbot.waitUntil(lambda: player.is_playing(), timeout=10_000)
    assert player.position() >= 4.5  # the cue of the quoted words starts at 4.6 s
    # it stops by itself at the end of the quote's cue (6.0 s)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=10_000)
    assert text.startswith("Exactly")


def _cursor_at(reader: Any, position: int) -> Any:
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(reader.document())
    cursor.setPosition(position)
    return cursor


@needs_backend
def test_a_checked_quote_plays_its_passage(qtbot: Any, window: MainWindow, talk: Path) -> None:
    from desktop.ui.check_controller import controller_of as checker_of

    controller = _open(qtbot, window, talk)
    player = controller.player
    assert player is not None
    check = checker_of(window)
    assert check is not None and check.panel.play_button.isVisibleTo(check.panel)
    check.panel.box.setPlainText("the same numbers as the first one")
    before = check.checked
    check.panel.check_button.click()
    qtbot.waitUntil(lambda: check.checked is not before, timeout=15_000)
    check.panel.results.setCurrentRow(0)
    check.panel.passages.setCurrentRow(0)
    check.panel.play_button.click()
    qtbot.waitUntil(lambda: player.is_playing(), timeout=10_000)
    assert player.position() >= 4.5  # the quoted words are in the cue from 4.6 s
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=10_000)  # stops after them


def test_the_play_button_is_hidden_without_a_recording(qtbot: Any, window: MainWindow,
                                                       sample_path: Path) -> None:
    from desktop.ui.check_controller import controller_of as checker_of

    _open(qtbot, window, sample_path)
    check = checker_of(window)
    assert check is not None and not check.panel.play_button.isVisibleTo(check.panel)
