"""Quote safety in the window (issue 12): whole-word selections, undo on the board (remove,
reorder, note and tag edits), a refused copy said on the board with the row flashing and the
clipboard emptied, and Reload offered when the source changes on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from desktop.ui.main_window import MainWindow
from desktop.ui.source_watch import watch_of
from tests.ui.test_quote_board import (
    add_words,
    board_words,
    controller,
    open_file,
    select_words,
    write_transcript,
)

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def opened(qtbot: Any, window: MainWindow, tmp_path: Path) -> MainWindow:
    open_file(qtbot, window, write_transcript(tmp_path))
    return window


def test_a_selection_inside_a_word_snaps_to_whole_words(qtbot: Any, opened: MainWindow) -> None:
    select_words(opened, "ew aggression against Ukr")
    reader = opened.reader
    # letting go of the mouse widens the selection to whole words
    qtbot.mouseRelease(reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    reader.snap_selection_to_words()
    assert reader.selected_text() == "new aggression against Ukraine"
    # and a quote never ends inside a word, however the selection was made
    select_words(opened, "A new aggression against Ukr")
    quotes = controller(opened).selection_quotes()
    assert [q.text for q in quotes] == ["A new aggression against Ukraine"]


def test_remove_is_undone_with_ctrl_z_and_from_the_message(qtbot: Any, opened: MainWindow) -> None:
    ctrl = controller(opened)
    first = add_words(qtbot, opened, "Diplomacy is the best way.")
    second = add_words(qtbot, opened, "No, not publicly.")
    ctrl._save_note(first, "check with the desk")
    ctrl._save_tags(first, ["ukraine"])
    ctrl.board.select_ids([first])
    ctrl.board.view.setFocus()
    qtbot.keyClick(ctrl.board.view, Qt.Key.Key_Delete)
    assert board_words(opened) == ["No, not publicly."]
    assert "Removed 1 quote." in ctrl.board.message.text()
    assert ctrl.board.message.action_button.text() == "Undo"
    # Ctrl+Z (Edit › Undo) brings it back where it was, with its note and tags
    assert ctrl.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert ctrl.undo_action.isEnabled()
    qtbot.keyClick(ctrl.board.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert board_words(opened) == ["Diplomacy is the best way.", "No, not publicly."]
    restored = ctrl.store.quotes()[0]
    assert (restored.note, restored.tags) == ("check with the desk", ("ukraine",))
    # redo removes it again; the message's Undo button undoes that
    ctrl.redo_action.trigger()
    assert board_words(opened) == ["No, not publicly."]
    ctrl.remove([second])
    assert board_words(opened) == []
    ctrl.board.message.action_button.click()
    assert board_words(opened) == ["No, not publicly."]


def test_reorder_and_note_edits_are_undoable(qtbot: Any, opened: MainWindow) -> None:
    ctrl = controller(opened)
    a = add_words(qtbot, opened, "Diplomacy is the best way.")
    add_words(qtbot, opened, "No, not publicly.")
    assert ctrl.model.move_quote(a, 1)
    assert board_words(opened) == ["No, not publicly.", "Diplomacy is the best way."]
    opened.reader.setFocus()  # Ctrl+Z works from the reader too (it is read-only)
    qtbot.keyClick(opened.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert board_words(opened) == ["Diplomacy is the best way.", "No, not publicly."]
    ctrl.redo_action.trigger()
    assert board_words(opened) == ["No, not publicly.", "Diplomacy is the best way."]

    ctrl._save_note(a, "first")
    ctrl._save_note(a, "first draft")  # saves while typing are one step
    ctrl._save_tags(a, ["x", "y"])
    ctrl.undo_action.trigger()
    assert ctrl.store.get(a).tags == ()
    ctrl.undo_action.trigger()
    assert ctrl.store.get(a).note == ""
    ctrl.redo_action.trigger()
    assert ctrl.store.get(a).note == "first draft"


def test_a_refused_copy_is_said_on_the_board_and_the_row_flashes(
    qtbot: Any, opened: MainWindow, tmp_path: Path
) -> None:
    ctrl = controller(opened)
    quote_id = add_words(qtbot, opened, "A new aggression against Ukraine would be a mistake.")
    QGuiApplication.clipboard().setText("an older copy")
    path = tmp_path / "interview.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("would be a mistake", "is bad"), encoding="utf-8"
    )
    with qtbot.waitSignal(ctrl.copyRefused, timeout=10_000):
        ctrl.copy_quotes([ctrl.store.get(quote_id).quote])
    assert "Not copied" in ctrl.board.message.text()
    assert ctrl.board.message.property("warning") is True
    assert quote_id in ctrl.board.flashing()
    data = QGuiApplication.clipboard().mimeData()
    assert data is None or data.text() == ""  # nothing old to paste by mistake
    qtbot.waitUntil(lambda: not ctrl.board.flashing(), timeout=5000)


def test_a_source_changed_on_disk_offers_reload(
    qtbot: Any, opened: MainWindow, tmp_path: Path
) -> None:
    watch = watch_of(opened)
    assert watch is not None
    assert not watch.check() and not watch.bar.isVisibleTo(opened)
    path = tmp_path / "interview.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Diplomacy", "Dialogue"), encoding="utf-8"
    )
    qtbot.waitUntil(lambda: watch.check() and watch.bar.isVisibleTo(opened), timeout=5000)
    assert "changed on disk" in watch.bar.label.text()
    with qtbot.waitSignal(opened.transcriptOpened, timeout=10_000):
        watch.bar.reload_button.click()
    transcript = opened.current_transcript()
    assert transcript is not None and "Dialogue" in transcript.turns[1].text
    assert not watch.bar.isVisibleTo(opened)


def test_the_readers_speaker_list_shows_who_citations_name(qtbot: Any, window: MainWindow) -> None:
    from desktop.core.importers import import_file

    data = Path(__file__).resolve().parents[1] / "data"
    window.show_transcript(
        import_file(data / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt")
    )
    header = window.reader.document().toPlainText()[:400]
    assert "SECRETARY BLINKEN → Antony J. Blinken, from the title" in header
    assert "QUESTION → Andrea Mitchell, from the title" in header
    window.show_transcript(import_file(data / "text" / "whitehouse_briefing.txt"))
    header = window.reader.document().toPlainText()[:400]
    assert "MS. PSAKI → Jen Psaki, from the title" in header
    assert "Q: not named in the transcript" in header


def test_the_gutter_tooltip_says_who_citations_name(qtbot: Any, window: MainWindow) -> None:
    from desktop.core.importers import import_file

    data = Path(__file__).resolve().parents[1] / "data"
    window.show_transcript(
        import_file(data / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt")
    )
    reader = window.reader
    qtbot.waitUntil(lambda: not reader.is_building(), timeout=5000)
    start, _ = reader.turn_position(1) or (0, 0)
    cursor = reader.textCursor()
    cursor.setPosition(start)
    rect = reader.cursorRect(cursor)
    tip = reader._gutter_tooltip(2.0, rect.center().y() + 0.0)
    assert "SECRETARY BLINKEN" in tip and "Cited as Antony J. Blinken (from the title)" in tip


def test_board_rows_name_the_person_not_the_label(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    from desktop.ui.models.quote_model import QuoteRoles

    data = Path(__file__).resolve().parents[1] / "data"
    path = tmp_path / "state.txt"
    path.write_bytes(
        (data / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt").read_bytes()
    )
    open_file(qtbot, window, path)
    add_words(qtbot, window, "Andrea, we’re reviewing that.")
    index = controller(window).model.index(0, 0)
    assert index.data(QuoteRoles.Speaker) == "Antony J. Blinken"
    assert controller(window).store.quotes()[0].quote.speaker == "SECRETARY BLINKEN"  # kept
