"""A launch builds what the first screen shows, paints the file, then adds the rest: what it
adds later works as in a window built at once, with the file already shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QTabBar

from desktop.core.importers import import_file
from desktop.ui.main_window import FEATURES, FIRST_SCREEN, FIRST_SCREEN_PANELS, MainWindow
from desktop.ui.settings import Settings

LATER_CONTROLLERS = ("peopleController", "speakerController", "mediaController", "sourceWatch",
                     "readingController", "teamController", "checkController",
                     "libraryController")


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def _tabs(window: MainWindow) -> list[str]:
    """The titles of the right dock area's tab bar on screen (Search, Library, Check...); Qt
    keeps tab bars it no longer uses, off screen."""
    for bar in window.findChildren(QTabBar):
        titles = [bar.tabText(i) for i in range(bar.count())]
        if "Search" in titles and not bar.visibleRegion().isEmpty():
            return titles
    return []


def _window(qtbot: Any, settings: Settings, *, later: bool) -> MainWindow:
    window = MainWindow(settings, later=later)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_first_screen_is_whole_and_the_rest_comes_after(
    qtbot: Any, tmp_path: Path, sample_path: Path
) -> None:
    full = _window(qtbot, Settings(tmp_path / "full.ini"), later=True)
    launch = _window(qtbot, Settings(tmp_path / "launch.ini"), later=False)
    assert _menu_titles(launch) == _menu_titles(full)  # no menu appears after the paint
    panels = {d.objectName() for d in launch.findChildren(QDockWidget)}
    assert {"quoteBoard", "searchDock"} == FIRST_SCREEN_PANELS
    assert panels == FIRST_SCREEN_PANELS | {"libraryDock", "checkDock"}  # tabs standing in
    assert _tabs(launch) == _tabs(full) == ["Search", "Library", "Check"]
    for name in LATER_CONTROLLERS:
        assert launch.findChild(QObject, name) is None

    transcript = import_file(sample_path)
    launch.show_transcript(transcript)  # the file shows before the rest is installed
    search = launch.findChild(QDockWidget, "searchDock")
    assert search is not None and not search.visibleRegion().isEmpty()
    width = search.width()
    launch.install_later()
    qtbot.wait(50)
    assert not search.visibleRegion().isEmpty()  # Search stays the front tab...
    assert search.width() == width  # ...and the dock area keeps the width it was painted at
    launch.install_later()  # once only
    for name in LATER_CONTROLLERS:
        assert len(launch.findChildren(QObject, name)) == 1, name
    # Installed after the file was shown, they know it as if they had seen it open.
    media = launch.findChild(QObject, "mediaController")
    assert media.transcript is transcript  # type: ignore[attr-defined]
    watch = launch.findChild(QObject, "sourceWatch")
    assert watch._path == sample_path  # type: ignore[attr-defined]
    assert sorted(d.objectName() for d in launch.findChildren(QDockWidget)) == sorted(
        d.objectName() for d in full.findChildren(QDockWidget))
    assert _menu_titles(launch) == _menu_titles(full)
    assert _tabs(launch) == ["Search", "Library", "Check"]
    check = launch.findChildren(QDockWidget, "checkDock")
    assert len(check) == 1 and check[0].widget() is not None
    assert check[0].widget().findChild(QObject, "checkPlayButton") is not None  # the real one
    view = [a.text() for a in launch.menu("View").actions()]
    assert set(view) == {a.text() for a in full.menu("View").actions()}
    assert set(FIRST_SCREEN) < set(FEATURES)


def test_a_panel_the_user_left_open_is_on_the_first_screen_too(
    qtbot: Any, tmp_path: Path
) -> None:
    settings = Settings(tmp_path / "s.ini")
    first = _window(qtbot, settings, later=True)
    stats = first.findChild(QDockWidget, "statsDock")
    assert stats is not None and stats.isHidden()  # hidden until asked for
    stats.show()
    first.save_layout()
    first.close()

    again = _window(qtbot, Settings(tmp_path / "s.ini"), later=False)
    shown = again.findChild(QDockWidget, "statsDock")  # built before the paint, where it was
    assert shown is not None and shown.isVisible()
    kwic = again.findChild(QDockWidget, "kwicDock")
    assert kwic is not None and not kwic.isVisible()  # and what was closed stays closed
    again.install_later()  # nothing left to add
    assert len(again.findChildren(QDockWidget, "statsDock")) == 1


def test_panels_added_after_the_paint_leave_the_first_screen_as_it_was(
    qtbot: Any, tmp_path: Path
) -> None:
    settings = Settings(tmp_path / "s.ini")
    first = _window(qtbot, settings, later=True)
    people = first.findChild(QDockWidget, "peopleDock")
    assert people is not None
    people.show()  # open, as a tab behind Search
    first.findChild(QDockWidget, "searchDock").raise_()  # type: ignore[union-attr]
    qtbot.wait(50)
    saved_tabs = _tabs(first)
    assert "People" in saved_tabs
    first.save_layout()
    first.close()

    again = _window(qtbot, Settings(tmp_path / "s.ini"), later=False)
    assert again.findChild(QObject, "peopleController") is None  # left for later...
    assert _tabs(again) == saved_tabs  # ...but its tab is where it was
    board = again.findChild(QDockWidget, "quoteBoard")
    search = again.findChild(QDockWidget, "searchDock")
    assert board is not None and search is not None
    qtbot.wait(50)
    painted = (board.geometry(), search.geometry())
    again.install_later()
    qtbot.wait(50)
    assert (board.geometry(), search.geometry()) == painted  # the first screen did not move
    assert _tabs(again) == saved_tabs
    assert len(again.findChildren(QDockWidget, "peopleDock")) == 1
    for name in ("statsDock", "kwicDock"):
        dock = again.findChild(QDockWidget, name)
        assert dock is not None and dock.isHidden(), name  # closed, as they were
    assert not search.visibleRegion().isEmpty()  # still the front tab


def test_a_second_launch_with_the_usual_panels_still_builds_the_hidden_ones_later(
    qtbot: Any, tmp_path: Path
) -> None:
    first = _window(qtbot, Settings(tmp_path / "s.ini"), later=True)
    first.save_layout()  # Search in front, Library and Check behind it, the quote board
    first.close()
    saved = Settings(tmp_path / "s.ini").open_panels
    assert ("checkDock", "Check", False) in saved and ("searchDock", "Search", True) in saved

    again = _window(qtbot, Settings(tmp_path / "s.ini"), later=False)
    assert again.findChild(QObject, "checkController") is None  # still left for later
    assert _tabs(again) == ["Search", "Library", "Check"]
    again.install_later()
    assert again.findChild(QObject, "checkController") is not None
