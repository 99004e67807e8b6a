"""Theme following the system, and the background import: cancel, stale requests, reopen."""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStyleHints
from PySide6.QtWidgets import QApplication

from desktop.core import isolated_import as isolated_import_module
from desktop.core.importers import import_file
from desktop.core.isolated_import import import_isolated
from desktop.core.model import Transcript
from desktop.ui import main_window as main_window_module
from desktop.ui import theme
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import error_sentence
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


def _use_importer(monkeypatch: pytest.MonkeyPatch, importer: Any) -> None:
    """Parse a window's files with `importer` (with a library or without one)."""
    monkeypatch.setattr(isolated_import_module, "import_isolated", importer)
    monkeypatch.setattr(main_window_module, "import_isolated", importer)


class SlowImport:
    """Stands in for import_isolated (where a window's file is parsed, in a child process):
    blocks until released, then imports for real."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def __call__(self, path: Any, **kwargs: Any) -> Transcript:
        self.started.set()
        assert self.release.wait(10)
        kwargs.pop("cancelled", None)
        return import_file(path, **kwargs)


def test_cancelled_open_changes_nothing(
    qtbot: Any, window: MainWindow, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = SlowImport()
    _use_importer(monkeypatch, slow)
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
    _use_importer(monkeypatch, slow)
    window.open_path(sample_path)
    assert slow.started.wait(5)
    quick = tmp_path / "quick.txt"
    quick.write_text("HOST: Hello there.\n\nGUEST: Hello.\n", encoding="utf-8")
    _use_importer(monkeypatch, import_isolated)
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


def _slow_transcript(folder: Path) -> Path:
    """A labelled text whose import takes well over ten seconds (4,900 distinct speakers,
    under the cap, eight turns each)."""
    path = folder / "many-speakers.txt"
    path.write_text(
        "".join(f"Person{i} Name{i}: Hello there, number {i}.\n\n" for i in range(4900)) * 8,
        encoding="utf-8",
    )
    return path


def test_cancel_kills_the_import_process_at_once(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    """The file is parsed in a child process: Cancel kills it, the window never waits for
    the parse to end, and nothing is shown."""
    slow = _slow_transcript(tmp_path)
    opened: list[object] = []
    window.transcriptOpened.connect(opened.append)
    window.open_path(slow)
    qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=10_000)
    window._cancel.click()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=3000)
    assert multiprocessing.active_children() == []  # killed and reaped, not left running
    assert opened == []


def test_closing_the_window_during_an_import_stops_it(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    window.open_path(_slow_transcript(tmp_path))
    qtbot.waitUntil(lambda: bool(multiprocessing.active_children()), timeout=10_000)
    window.close()
    assert window.workers.wait(1000)
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_opening_a_named_pipe_is_one_sentence_and_the_window_stays_free(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    """A FIFO used to hang the open for ever (and the window could not quit afterwards)."""
    fifo = tmp_path / "interview.txt"
    os.mkfifo(fifo)
    window.show_errors = False
    with qtbot.waitSignal(window.importFailed, timeout=10_000) as failed:
        window.open_path(fifo)
    sentence = error_sentence(failed.args[0], fifo)
    assert "named pipe" in sentence and "interview.txt" in sentence
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=5000)
