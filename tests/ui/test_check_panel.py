"""The Check panel on the bundled interview: Ctrl+K, a pasted quote checked off the UI thread,
the verdict badge, the side-by-side diff, jumping to the passage, adding the source's words to
the board, a dropped draft, headline audit badges, the library scope, and both themes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

from desktop.core.quotecheck import Verdict
from desktop.ui.check_controller import CheckController, controller_of
from desktop.ui.main_window import MainWindow
from desktop.ui.quote_controller import controller_of as board_of
from desktop.ui.views.audit_badges import badges_for
from desktop.ui.views.check_panel import SCOPE_LIBRARY, diff_html

pytestmark = pytest.mark.timeout(90)

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"


def checker(window: MainWindow) -> CheckController:
    found = controller_of(window)
    assert found is not None, "the check panel is installed in every window"
    return found


def open_sample(qtbot: Any, window: MainWindow) -> CheckController:
    ctrl = checker(window)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(SAMPLE)
    qtbot.waitUntil(lambda: bool(ctrl.audit_items), timeout=10_000)
    return ctrl


def check(qtbot: Any, ctrl: CheckController, text: str, speaker: str = "") -> None:
    ctrl.panel.box.setPlainText(text)
    ctrl.panel.speaker.setText(speaker)
    before = ctrl.checked
    qtbot.mouseClick(ctrl.panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctrl.checked is not before, timeout=15_000)


def test_ctrl_k_focuses_the_quote_box(qtbot: Any, window: MainWindow) -> None:
    ctrl = checker(window)
    ctrl.dock.hide()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert ctrl.dock.isVisible()
    qtbot.waitUntil(lambda: ctrl.panel.box.hasFocus(), timeout=3000)


def test_altered_quote_shows_badge_diff_and_jumps(qtbot: Any, window: MainWindow) -> None:
    ctrl = open_sample(qtbot, window)
    check(qtbot, ctrl, "The many things we are considering could have very strong "
                       "repercussions.", "Blinken")
    item = ctrl.panel.results.item(0)
    assert item.text().startswith("≈ Altered")  # a symbol and a word, not colour alone
    assert ctrl.panel.passages.count() == 1
    quote_side = ctrl.panel.quote_view.toPlainText()
    source_side = ctrl.panel.source_view.toPlainText()
    assert "‸" in quote_side and "that" not in quote_side
    assert "The many things that we are considering" in source_side
    assert "line-through" in diff_html(ctrl.checked.results[0].matches[0], "source")

    window.reader.scroll_to_turn(0)
    qtbot.mouseClick(ctrl.panel.show_button, Qt.MouseButton.LeftButton)
    match = ctrl.checked.results[0].matches[0]
    assert window.reader.highlights("current") == [(match.turn, match.start, match.end)]
    assert match.turn == 11


def test_transcript_text_is_never_markup(qtbot: Any, window: MainWindow) -> None:
    ctrl = open_sample(qtbot, window)
    check(qtbot, ctrl, "<b>NATO</b> is not directed against Russia")
    assert "<b>NATO</b>" in ctrl.panel.quote_view.toPlainText()


def test_add_to_board_takes_the_source_words(qtbot: Any, window: MainWindow) -> None:
    ctrl = open_sample(qtbot, window)
    check(qtbot, ctrl, "[NATO] is not directed against Russia", "Blinken")
    assert ctrl.checked.results[0].verdict is Verdict.ALTERED
    qtbot.mouseClick(ctrl.panel.add_button, Qt.MouseButton.LeftButton)
    board = board_of(window)
    assert board is not None
    (item,) = board.store.quotes()
    assert item.quote.text == "It is not directed against Russia"  # never "NATO is …"
    assert item.quote.turn == 15
    assert "[NATO] is not directed against Russia" in item.note
    assert "altered" in item.note


def test_wrong_speaker_and_not_found(qtbot: Any, window: MainWindow) -> None:
    ctrl = open_sample(qtbot, window)
    check(qtbot, ctrl, "Are you only referring to sanctions?", "Blinken")
    assert ctrl.panel.results.item(0).text().startswith("⚠ Wrong speaker")
    check(qtbot, ctrl, "We will build a wall along the Baltic coast next spring")
    assert ctrl.panel.results.item(0).text().startswith("✗ Not found")
    assert not ctrl.panel.add_button.isEnabled()
    assert ctrl.panel.passages.count() >= 1  # the nearest passages are still listed


def test_dropped_draft_gives_verdicts_in_order(qtbot: Any, window: MainWindow,
                                               tmp_path: Path) -> None:
    ctrl = open_sample(qtbot, window)
    draft = tmp_path / "draft.md"
    draft.write_text(
        "“A new aggression against Ukraine would be a mistake,” Blinken said.\n\n"
        "He said “the many things we are considering could have very strong repercussions”.\n\n"
        "Blinken asked: “Are you only referring to sanctions?”\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(draft))])
    box = ctrl.panel.box
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    before = ctrl.checked
    box.dropEvent(event)
    qtbot.waitUntil(lambda: ctrl.checked is not before, timeout=15_000)
    assert [r.verdict for r in ctrl.checked.results] == [
        Verdict.VERBATIM, Verdict.ALTERED, Verdict.WRONG_SPEAKER]
    assert ctrl.panel.results.count() == 3
    assert box.toPlainText() == ""  # the file's path was not pasted as a quote


def test_unreadable_draft_is_one_sentence(qtbot: Any, window: MainWindow,
                                          tmp_path: Path) -> None:
    ctrl = open_sample(qtbot, window)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    ctrl.check_draft_file(str(empty))
    qtbot.waitUntil(lambda: not ctrl.panel.cancel_button.isVisible(), timeout=10_000)
    assert ctrl.panel.hint.text() == "“empty.md” is empty."
    assert not ctrl.panel.cancel_button.isVisible()


def test_headline_audit_badges(qtbot: Any, window: MainWindow) -> None:
    ctrl = open_sample(qtbot, window)
    badges = {b.section: b.verdict for b in badges_for(ctrl.audit_items)}
    assert badges[0] is Verdict.VERBATIM and badges[4] is Verdict.VERBATIM
    assert badges[2] is Verdict.ALTERED and badges[3] is Verdict.ALTERED
    assert badges[1] is not Verdict.VERBATIM and badges[None] is not Verdict.VERBATIM
    assert ctrl.reader_badges.badges and ctrl.navigator_badges.badges
    rows = ctrl.navigator_badges.section_rows()
    assert sorted(rows) == [0, 1, 2, 3, 4]
    model = window.model
    assert all(model.row(row).is_section for row in rows.values())
    qtbot.mouseClick(ctrl.panel.audit_button, Qt.MouseButton.LeftButton)
    texts = [ctrl.panel.results.item(i).text() for i in range(ctrl.panel.results.count())]
    assert texts[1].startswith("✓ Verbatim  (Heading 1)")
    # The badge is painted after the heading's text, in the reader and the navigator.
    window.reader.scroll_to_turn(8, with_heading=True)
    qtbot.wait(100)
    image = ctrl.reader_badges.grab().toImage()
    assert _has_colour(image, "≈")


def _has_colour(image: QImage, _symbol: str) -> bool:
    """True when some pixel of the overlay is painted (the rest is transparent)."""
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            if image.pixelColor(QPoint(x, y)).alpha() > 0:
                return True
    return False


def test_library_scope(qtbot: Any, window: MainWindow) -> None:
    ctrl = open_sample(qtbot, window)
    session = ctrl.session
    assert session is not None
    qtbot.waitUntil(lambda: session.ready, timeout=20_000)
    qtbot.waitUntil(lambda: not session.busy and len(session.entries()) == 1, timeout=20_000)
    ctrl.panel.set_scope(SCOPE_LIBRARY)
    check(qtbot, ctrl, "A new aggression against Ukraine would be a mistake", "Blinken")
    result = ctrl.checked.results[0]
    assert result.verdict is Verdict.VERBATIM
    assert result.matches[0].transcript_id is not None


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_both_themes_render(qtbot: Any, window: MainWindow, choice: str,
                            tmp_path: Path) -> None:
    window.set_theme(choice)
    ctrl = open_sample(qtbot, window)
    check(qtbot, ctrl, "NATO is not directed against Russia")
    ctrl.dock.raise_()
    shot = tmp_path / f"check-{choice}.png"
    assert window.grab().save(str(shot))
    item = ctrl.panel.results.item(0)
    colour = item.foreground().color()
    background = ctrl.panel.results.palette().color(ctrl.panel.results.backgroundRole())
    assert abs(colour.lightness() - background.lightness()) > 60  # readable in this theme
