"""A doubtful import says so in the import bar, beside "Reopen as…" (issue 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def test_a_doubtful_parse_shows_its_warning_and_reopen_as(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "interview.txt"
    path.write_text("".join(f"and then [0{n}:1{n}] we went on {n}.\n\n" for n in range(1, 5)))
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(path)
    summary = window.report_bar.summary()
    assert "1 warning: 4 times are still inside the words" in summary
    assert "Warning: 4 times are still inside the words" in window.report_bar.details()
    reopen = [b for b in window.report_bar.findChildren(QPushButton) if b.text() == "Reopen as…"]
    assert reopen and reopen[0].isVisibleTo(window.report_bar)
    menu = reopen[0].menu()
    menu.aboutToShow.emit()  # the menu is filled when first shown
    formats = menu.actions()[0].menu().actions()
    assert any("Speaker-labelled text" in a.text() for a in formats)


def test_a_clean_parse_shows_no_warning(qtbot: Any, window: MainWindow) -> None:
    path = CORPUS / "markdown" / "strato_kickoff_bold-time-labels.md"
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(path)
    assert "warning" not in window.report_bar.summary()
