"""Right-click fixes in the reader (issue 10): the entries are in the reader's menu, aimed at
the turn under the click; a fix shows at once and is still there after a re-import."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent, QTextCursor

from desktop.core.import_fixes import FixKind
from desktop.core.model import Transcript
from desktop.core.workspace import Workspace
from desktop.ui.import_fixes_controller import ImportFixesController
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)

TEXT = (
    "John Kirby: Thanks, everybody.\n\n"
    "Ana Ruiz: On behalf of colleagues in\n\n"
    "Argentina: There are reports.\n\n"
    "John Kirby: No comment on that.\n\nAna Ruiz: Thanks.\n\nJohn Kirby: Sure.\n"
)


def _open(qtbot: Any, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(path)


def _speakers(window: MainWindow) -> list[str]:
    transcript = window.current_transcript()
    assert transcript is not None
    return [s.name for s in transcript.speakers]


def _stored(workspace: Workspace, path: Path) -> Transcript:
    entry = workspace.library.find(path)
    assert entry is not None
    return workspace.transcript(entry.id)


def test_not_a_speaker_from_the_reader_menu_and_after_a_reimport(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "gaggle.txt"
    path.write_text(TEXT, encoding="utf-8")
    _open(qtbot, window, path)
    assert "Argentina" in _speakers(window)
    controller = window.findChild(ImportFixesController)
    assert controller is not None
    menu_texts = [a.text() for a in window.reader.context_menu(QPoint(5, 5)).actions()]
    for text in ("Not a Speaker", "Split Turn Here", "Join with Previous Turn", "Not Speech"):
        assert text in menu_texts

    transcript = window.current_transcript()
    assert transcript is not None
    index = next(i for i, t in enumerate(transcript.turns) if t.text == "There are reports.")
    qtbot.waitUntil(lambda: not window.reader.is_building(), timeout=10_000)
    window.reader.scroll_to_turn(index)
    position = window.reader.turn_position(index)
    assert position is not None
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(position[0] + 3)
    point = window.reader.cursorRect(cursor).center()
    globally = window.reader.viewport().mapToGlobal(point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, globally)
    controller.eventFilter(window.reader.viewport(), event)  # what a right-click there sends
    assert controller.actions[FixKind.NOT_A_SPEAKER].isEnabled()  # aimed at Argentina's turn
    assert controller.actions[FixKind.JOIN].isEnabled()
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        controller.actions[FixKind.NOT_A_SPEAKER].trigger()
    assert "Argentina" not in _speakers(window)
    assert "There are reports." in window.reader.toPlainText()
    assert "The label is read as words now." in window.statusBar().currentMessage()

    path.write_text(TEXT + "\nAna Ruiz: One more?\n\nJohn Kirby: No.\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    session = window.session  # the window reads the library's copy, re-imported
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        session.run(lambda workspace, ctx: _stored(workspace, path), on_done=window.show_transcript)
    assert "Argentina" not in _speakers(window)
    transcript = window.current_transcript()
    assert transcript is not None and transcript.turns[-1].text == "No."


def test_a_click_off_the_words_disables_the_entries(window: MainWindow) -> None:
    controller = window.findChild(ImportFixesController)
    assert controller is not None
    controller.aim(None)
    assert not any(action.isEnabled() for action in controller.actions.values())
