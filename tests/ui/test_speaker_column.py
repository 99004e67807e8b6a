"""The speaker column: long names wrap instead of eliding, the role is always shown, and a
question is marked by its tint, with bold at most on its short first sentence."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtGui import QFont, QTextCursor

from desktop.core.model import Role, Speaker, Turn
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import make_interview

pytestmark = pytest.mark.timeout(60)

LONG = "Souleymane Bachir Diagne"


def with_long_name(text: str = "Bonsoir.") -> Any:
    transcript = make_interview()
    speakers = (transcript.speakers[0],
                Speaker("blinken", LONG, Role.INTERVIEWEE, "Guest of the programme"))
    turns = list(transcript.turns)
    turns[1] = replace(turns[1], text=text, annotations=())
    return replace(transcript, speakers=speakers, turns=tuple(turns))


def weight_at(window: MainWindow, turn: int, offset: int) -> int:
    place = window.reader.turn_position(turn)
    assert place is not None
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(place[0] + offset + 1)  # the format of the character before
    return cursor.charFormat().font().weight().value


def test_a_long_name_wraps_and_its_role_shows_on_a_one_line_turn(window: MainWindow) -> None:
    window.resize(1280, 800)
    window.show_transcript(with_long_name())
    reader = window.reader
    speaker = window.current_transcript().speakers[1]  # type: ignore[union-attr]
    names, roles = reader.label_lines(speaker)
    assert len(names) == 2 and " ".join(names) == LONG  # wrapped, nothing elided
    assert roles and roles[0].startswith("Guest")
    # The one-line turn leaves the label its room: the next turn starts below the label.
    doc = reader.document()
    this = reader._block_text_top(doc.findBlock(reader.turn_position(1)[0]))  # type: ignore[index]
    after = reader._block_text_top(doc.findBlock(reader.turn_position(2)[0]))  # type: ignore[index]
    assert after - this >= reader.label_height(speaker)


def test_the_role_stays_when_room_is_short(window: MainWindow) -> None:
    window.show_transcript(with_long_name())
    speaker = window.current_transcript().speakers[1]  # type: ignore[union-attr]
    names, roles = window.reader.label_lines(speaker, room=30.0)
    assert len(names) == 1 and len(roles) == 1  # the name gives way, the role stays


def test_a_question_is_bold_only_in_its_short_first_sentence(window: MainWindow) -> None:
    window.show_transcript(make_interview())
    question = window.current_transcript().turns[0].text  # type: ignore[union-attr]
    first_end = question.index("Ukraine.") + len("Ukraine.")
    assert weight_at(window, 0, 3) > QFont.Weight.Normal.value
    assert weight_at(window, 0, first_end + 5) == QFont.Weight.Normal.value
    assert weight_at(window, 1, 3) == QFont.Weight.Normal.value  # answers are never bold


def test_a_long_monologue_is_not_bold_at_all(window: MainWindow) -> None:
    transcript = make_interview()
    monologue = " ".join(["Welcome to a programme about ideas and the world"] * 6) + "."
    turns = list(transcript.turns)
    turns[0] = replace(turns[0], text=monologue + " Is this a question?")
    transcript = replace(transcript, turns=tuple(turns))
    window.show_transcript(transcript)
    assert transcript.is_question(0)
    assert weight_at(window, 0, 3) == QFont.Weight.Normal.value
    assert window.reader.document().findBlock(
        window.reader.turn_position(0)[0]  # type: ignore[index]
    ).blockFormat().background().color().alpha() > 0  # still tinted as a question


def test_repeated_speaker_keeps_turn_order(window: MainWindow) -> None:
    """Consecutive turns of one speaker show one label; the room rule does not touch them."""
    transcript = make_interview()
    turns = list(transcript.turns)
    turns.insert(2, Turn("blinken", "Short."))
    window.show_transcript(replace(transcript, turns=tuple(turns)))
    block = window.reader.document().findBlock(
        window.reader.turn_position(2)[0]  # type: ignore[index]
    )
    assert block.blockFormat().bottomMargin() == 0


def test_the_import_bar_wraps_only_between_its_parts(window: MainWindow) -> None:
    """L1 of the window review: "4 removed" never breaks; "0 speakers" reads "no speakers"."""
    from desktop.ui.views.report_bar import summary_text

    transcript = make_interview()
    window.show_transcript(transcript)
    shown = window.report_bar._summary.text()
    parts = shown.split(" · ")
    assert len(parts) >= 4 and all(" " not in part for part in parts)
    assert window.report_bar.summary() == summary_text(transcript)
    assert "no speakers" in summary_text(replace(transcript, speakers=(), turns=tuple(
        replace(t, speaker=None) for t in transcript.turns)))
