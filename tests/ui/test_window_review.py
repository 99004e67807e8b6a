"""Small items of the window review (L-items and M6): each checked in the real window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop import paths
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import make_interview
from tests.ui.test_window import menu_action, open_and_wait

pytestmark = pytest.mark.timeout(60)


def test_the_bundled_sample_is_not_a_recent_file_and_open_starts_in_documents(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """M6: the first Open dialog starts in Documents (or home), not in the app's folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    open_and_wait(qtbot, window, paths.sample_interview())
    assert window.settings.recent_files == []
    assert window.settings.last_opened is None
    start = Path(window.open_folder())
    assert start in (tmp_path, tmp_path / "Documents", Path.home())
    assert paths.sample_interview().parent != start
    mine = tmp_path / "mine" / "interview.txt"
    mine.parent.mkdir()
    mine.write_text("Q: Hello?\nA: Hello.\n", encoding="utf-8")
    open_and_wait(qtbot, window, mine)
    assert window.settings.recent_files == [str(mine.resolve())]
    assert Path(window.open_folder()) == mine.parent.resolve()


def test_file_close_closes_the_window(window: MainWindow) -> None:
    action = menu_action(window, "File", "Close Window")
    assert QKeySequence("Ctrl+W") in action.shortcuts()
    action.trigger()
    assert not window.isVisible()


def test_the_busy_bar_is_gone_while_the_error_dialog_is_up(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """L9: nothing is running behind "Cannot open transcript"."""
    seen: list[bool] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(window._progress.isVisible() or window._cancel.isVisible())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with qtbot.waitSignal(window.importFailed, timeout=10_000):
        window.open_path(bad)
    assert seen == [False]


def test_selection_actions_are_off_in_the_menu_without_a_selection(window: MainWindow) -> None:
    """L10: Add to Quote Board / Copy with Citation are disabled with nothing selected."""
    window.show_transcript(make_interview())
    reader = window.reader
    menu = reader.context_menu(QPoint(10, 10))
    needing = {a.text().replace("&", "") for a in menu.actions()
               if a.property("verbatimNeedsSelection")}
    assert {"Add to Quote Board", "Copy with Citation"} <= needing
    assert all(not a.isEnabled() for a in menu.actions() if a.property("verbatimNeedsSelection"))
    menu.aboutToHide.emit()
    assert all(a.isEnabled() for a in menu.actions() if a.property("verbatimNeedsSelection"))
    menu.deleteLater()
    reader.select_span(1, 0, 10)
    menu = reader.context_menu(QPoint(10, 10))
    assert all(a.isEnabled() for a in menu.actions() if a.property("verbatimNeedsSelection"))
    menu.deleteLater()


def test_choosing_the_last_navigator_entry_keeps_it_marked(window: MainWindow) -> None:
    """L12: the last turns cannot scroll to the top; the navigator keeps the chosen one."""
    transcript = make_interview()
    window.show_transcript(transcript)
    last = len(transcript.turns) - 1
    window.navigator.turnActivated.emit(last)
    index = window.navigator.currentIndex()
    assert index.isValid()
    assert window.model.row_of_turn(last) == index.row()
