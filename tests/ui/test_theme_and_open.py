"""Theme following the system, and the background import: cancel, stale requests, reopen."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStyleHints
from PySide6.QtWidgets import QApplication

from desktop.core import workspace as workspace_module
from desktop.core.importers import import_file
from desktop.core.model import Transcript
from desktop.ui import theme
from desktop.ui.main_window import MainWindow
from desktop.ui.views.report_bar import details_text, summary_text
from tests.ui.conftest import make_interview

pytestmark = pytest.mark.timeout(60)


def test_follow_system_tracks_the_desktop_scheme(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = theme.controller()
    scheme = {"now": Qt.ColorScheme.Light}
    monkeypatch.setattr(QStyleHints, "colorScheme", lambda self: scheme["now"])
    seen: list[bool] = []
    controller.themeChanged.connect(seen.append)
    try:
        controller.set_choice("system")
        assert controller.applied == "light"
        scheme["now"] = Qt.ColorScheme.Dark
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert controller.applied == "dark" and theme.is_dark()
        assert seen[-1] is True
        controller.set_choice("light")  # an explicit choice stops following
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert controller.applied == "light"
    finally:
        controller.themeChanged.disconnect(seen.append)
        controller.set_choice("light")


def test_theme_rejects_unknown_choices(qapp: QApplication) -> None:
    with pytest.raises(ValueError):
        theme.controller().set_choice("sepia")


class SlowImport:
    """Stands in for import_file (where the workspace opens a file for a window): blocks until
    released, then imports for real."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def __call__(self, path: Any, **kwargs: Any) -> Transcript:
        self.started.set()
        assert self.release.wait(10)
        return import_file(path, **kwargs)


def test_cancelled_open_changes_nothing(
    qtbot: Any, window: MainWindow, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = SlowImport()
    monkeypatch.setattr(workspace_module, "import_file", slow)
    interview = make_interview()
    window.show_transcript(interview)
    opened: list[object] = []
    window.transcriptOpened.connect(opened.append)
    window.open_path(sample_path)
    assert slow.started.wait(5)
    assert window.is_busy() and window._progress.isVisible() and window._cancel.isVisible()
    window._cancel.click()
    slow.release.set()
    window.workers.wait(5000)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=5000)
    qtbot.wait(50)
    assert opened == []
    assert window.current_transcript() is interview
    assert not window._progress.isVisible()
    assert window.settings.recent_files == []


def test_a_newer_open_wins_over_an_older_slow_one(
    qtbot: Any, window: MainWindow, sample_path: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow = SlowImport()
    monkeypatch.setattr(workspace_module, "import_file", slow)
    window.open_path(sample_path)
    assert slow.started.wait(5)
    quick = tmp_path / "quick.txt"
    quick.write_text("HOST: Hello there.\n\nGUEST: Hello.\n", encoding="utf-8")
    monkeypatch.setattr(workspace_module, "import_file", import_file)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(quick)
    slow.release.set()
    window.workers.wait(5000)
    qtbot.wait(50)
    shown = window.current_transcript()
    assert shown is not None and shown.source.path == str(quick)


def test_reopen_with_another_encoding(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes("HOST: Café crème.\n\nGUEST: Déjà vu.\n".encode("cp1252"))
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(source)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.report_bar.reopenRequested.emit(None, "latin-1")
    transcript = window.current_transcript()
    assert transcript is not None and transcript.source.encoding == "latin-1"
    assert "Café" in transcript.turns[0].text or "Café" in window.reader.toPlainText()


def test_report_texts(sample_path: Path) -> None:
    transcript = import_file(sample_path)
    summary = summary_text(transcript)
    assert f"{len(transcript.turns)} turns" in summary
    assert transcript.source.encoding in summary
    details = details_text(transcript)
    for item in transcript.report.removed:
        assert f"Removed: {item}" in details
    for speaker in transcript.speakers:
        assert speaker.name in details


def test_report_bar_details_toggle_and_close(window: MainWindow) -> None:
    window.show_transcript(make_interview())
    bar = window.report_bar
    assert bar.isVisible() and not bar._details.isVisible()
    bar._toggle.click()
    assert bar._details.isVisible()
    assert "Efi Koutsokosta" in bar.details()
    bar._close.click()
    assert not bar.isVisible()
