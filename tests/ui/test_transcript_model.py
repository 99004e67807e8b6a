"""The Qt model over a Transcript: structure, roles, and Qt's own model checks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.core.model import Transcript
from desktop.ui.models.transcript_model import Roles, TranscriptModel, colour_indexes, first_words
from tests.ui.conftest import make_interview


def test_qt_model_tester_accepts_the_model(qtmodeltester, interview: Transcript) -> None:  # type: ignore[no-untyped-def]
    model = TranscriptModel()
    model.set_transcript(interview)
    qtmodeltester.check(model, force_py=True)


def test_empty_model_is_valid(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = TranscriptModel()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0


def test_rows_are_headings_then_their_turns_in_order(interview: Transcript) -> None:
    model = TranscriptModel()
    model.set_transcript(interview)
    assert model.rowCount() == len(interview.sections) + len(interview.turns)
    kinds = [model.index(r, 0).data(Roles.Kind) for r in range(model.rowCount())]
    assert kinds[0] == "section"
    # The second heading comes right before the turn it starts at.
    second = interview.sections[1]
    row = model.row_of_turn(second.turn)
    assert model.index(row - 1, 0).data(Qt.ItemDataRole.DisplayRole) == second.title
    turn_indexes = [model.index(r, 0).data(Roles.TurnIndex) for r in range(model.rowCount())
                    if model.index(r, 0).data(Roles.Kind) == "turn"]
    assert turn_indexes == list(range(len(interview.turns)))


def test_turn_roles(interview: Transcript) -> None:
    model = TranscriptModel()
    model.set_transcript(interview)
    question = model.index(model.row_of_turn(0), 0)
    answer = model.index(model.row_of_turn(1), 0)
    assert question.data(Roles.IsQuestion) is True
    assert answer.data(Roles.IsQuestion) is False
    assert question.data(Roles.SpeakerName) == "Efi Koutsokosta"
    assert question.data(Roles.SpeakerRole) == "interviewer"
    assert answer.data(Roles.SpeakerId) == "blinken"
    assert answer.data(Roles.Text) == interview.turns[1].text
    assert question.data(Roles.FirstWords).startswith("You said you had proof")
    assert question.data(Roles.FirstWords).endswith("…")
    assert "Koutsokosta" in question.data(Qt.ItemDataRole.DisplayRole)
    assert isinstance(question.data(Roles.SpeakerColor), QColor)
    assert question.data(Roles.SpeakerColor) != answer.data(Roles.SpeakerColor)
    assert question.data(Qt.ItemDataRole.FontRole).bold()


def test_timestamps_roles() -> None:
    model = TranscriptModel()
    model.set_transcript(make_interview(timed=True))
    assert model.index(model.row_of_turn(1), 0).data(Roles.Start) == 20.0
    assert model.index(model.row_of_turn(0), 0).data(Roles.End) is None


def test_reset_to_none_empties_the_model(qtbot, interview: Transcript) -> None:  # type: ignore[no-untyped-def]
    model = TranscriptModel()
    model.set_transcript(interview)
    with qtbot.waitSignal(model.modelReset):
        model.set_transcript(None)
    assert model.rowCount() == 0
    assert model.transcript() is None


def test_interviewer_gets_the_first_colour(interview: Transcript) -> None:
    slots = colour_indexes(interview)
    assert slots["efi"] == 0
    assert slots["blinken"] == 1


def test_first_words() -> None:
    assert first_words("one two three", 5) == "one two three"
    assert first_words("a b c d e f", 3) == "a b c…"


def test_tooltips_escape_markup(interview: Transcript) -> None:
    from dataclasses import replace

    from desktop.core.model import Turn

    model = TranscriptModel()
    model.set_transcript(replace(interview, turns=(Turn("efi", "<b>bold</b> & <img src=x>"),),
                                 sections=()))
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tip and "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img" in tip


def test_timed_turns_show_their_time_in_the_navigator() -> None:
    model = TranscriptModel()
    model.set_transcript(make_interview(timed=True))
    assert model.index(model.row_of_turn(3), 0).data().startswith("1:20  Blinken: ")
