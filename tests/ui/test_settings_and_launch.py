"""Typed settings (defaults, round trips, bad values) and what a launch opens."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from desktop import paths
from desktop.ui.app import files_to_open
from desktop.ui.settings import MAX_RECENT, ZOOM_RANGE, Settings


def test_defaults(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(tmp_path / "s.ini")
    assert settings.theme == "system"
    assert settings.zoom == 0
    assert settings.recent_files == []
    assert settings.last_opened is None
    assert settings.splitter_sizes == []
    assert settings.geometry is None
    assert settings.citation_style == "apa"
    assert settings.navigator_visible is True


def test_values_survive_a_new_settings_object(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.ini"
    first = Settings(path)
    first.theme = "dark"
    first.zoom = 3
    first.splitter_sizes = [300, 900]
    first.add_recent_file(tmp_path / "a.txt")
    first.add_recent_file(tmp_path / "b.txt")
    first.add_recent_file(tmp_path / "a.txt")
    first.last_opened = tmp_path / "a.txt"
    first.citation_style = "mla"
    first.sync()
    again = Settings(path)
    assert again.theme == "dark"
    assert again.zoom == 3
    assert again.splitter_sizes == [300, 900]
    assert again.recent_files == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert again.last_opened == str(tmp_path / "a.txt")
    assert again.citation_style == "mla"


def test_a_single_recent_file_stays_a_list(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.ini"
    Settings(path).add_recent_file(tmp_path / "only.txt")
    assert Settings(path).recent_files == [str(tmp_path / "only.txt")]


def test_recent_files_are_capped(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(tmp_path / "s.ini")
    for i in range(MAX_RECENT + 5):
        settings.add_recent_file(tmp_path / f"{i}.txt")
    assert len(settings.recent_files) == MAX_RECENT
    assert settings.recent_files[0] == str(tmp_path / f"{MAX_RECENT + 4}.txt")


def test_bad_stored_values_fall_back_to_defaults(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.ini"
    path.write_text("[view]\ntheme=purple\nzoom=huge\n[window]\nsplitter=not json\n"
                    "[files]\nrecent={\"a\": 1}\n", encoding="utf-8")
    settings = Settings(path)
    assert settings.theme == "system"
    assert settings.zoom == 0
    assert settings.splitter_sizes == []
    assert settings.recent_files == []


def test_setters_refuse_unknown_values(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(tmp_path / "s.ini")
    with pytest.raises(ValueError):
        settings.theme = "neon"
    with pytest.raises(ValueError):
        settings.citation_style = "made-up"
    settings.zoom = 1000
    assert settings.zoom == ZOOM_RANGE[1]


def _args(*files: str) -> argparse.Namespace:
    return argparse.Namespace(files=list(files), screenshot=None, theme=None)


def test_first_launch_opens_the_sample(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    assert files_to_open(_args(), Settings(tmp_path / "s.ini")) == [paths.sample_interview()]


def test_later_launches_reopen_the_last_file(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(tmp_path / "s.ini")
    last = tmp_path / "last.txt"
    last.write_text("A: hi\n", encoding="utf-8")
    settings.last_opened = last
    assert files_to_open(_args(), settings) == [last]
    last.unlink()  # gone since: fall back to the sample
    assert files_to_open(_args(), settings) == [paths.sample_interview()]


def test_files_on_the_command_line_win(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(tmp_path / "s.ini")
    assert files_to_open(_args("a.txt", "b.srt"), settings) == [Path("a.txt"), Path("b.srt")]


def test_run_gui_opens_one_window_per_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from desktop.ui import app as app_module
    from desktop.ui.main_window import MainWindow

    created: list[MainWindow] = []

    class RecordingWindow(MainWindow):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            created.append(self)

    def fake_exec() -> int:
        qtbot.waitUntil(lambda: all(w.current_transcript() is not None for w in created),
                        timeout=10_000)
        # What the first screen does not show is installed after the first paint, in every
        # window the launch opened.
        qtbot.waitUntil(lambda: all(w.findChild(QObject, "readingController") is not None
                                    for w in created), timeout=10_000)
        return 0

    monkeypatch.setattr(app_module, "Settings", lambda: Settings(tmp_path / "s.ini"))
    monkeypatch.setattr(app_module, "MainWindow", RecordingWindow)
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    other = tmp_path / "other.txt"
    other.write_text("HOST: Hello.\n\nGUEST: Hi there.\n", encoding="utf-8")
    assert app_module.run_gui(_args(str(sample_path), str(other))) == 0
    try:
        assert len(created) == 2
        paths_shown = [w.current_transcript().source.path for w in created]  # type: ignore[union-attr]
        assert paths_shown == [str(sample_path), str(other)]
        assert QApplication.desktopFileName() == "org.verbatimapp.Verbatim"
        assert QApplication.applicationName() == "Verbatim"
    finally:
        for window in created:
            window.close()


def test_default_settings_location_is_isolated_in_tests(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.zoom = 4
    settings.sync()
    location = Path(settings.qsettings.fileName())
    assert location.exists()
    assert not str(location).startswith(str(Path.home() / ".config"))
