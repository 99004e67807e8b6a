"""A launch builds the reading panes with stand-ins for the panels, paints the file, then
builds the panels in the stand-ins' places: what it adds later works as in a window built at
once, with the file already shown, and the first screen does not move."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDockWidget, QTabBar

from desktop.core.importers import import_file
from desktop.ui.app import show_when_opened
from desktop.ui.main_window import DEFAULT_PANELS, MainWindow
from desktop.ui.settings import Settings

LATER_CONTROLLERS = ("quoteController", "searchController", "peopleController",
                     "speakerController", "mediaController", "sourceWatch", "readingController",
                     "teamController", "checkController", "libraryController")


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


def _places(window: MainWindow) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The panels on screen and the reader, with their geometry in the window."""
    shown = [(d.objectName(), d.geometry().getRect()) for d in window.findChildren(QDockWidget)
             if not d.visibleRegion().isEmpty()]
    reader = window.reader.mapTo(window, window.reader.rect().topLeft())
    size = window.reader.size()
    return [*sorted(shown), ("reader", (reader.x(), reader.y(), size.width(), size.height()))]


def test_the_panels_stand_in_until_the_paint_and_then_take_their_places(
    qtbot: Any, tmp_path: Path, sample_path: Path
) -> None:
    full = _window(qtbot, Settings(tmp_path / "full.ini"), later=True)
    launch = _window(qtbot, Settings(tmp_path / "launch.ini"), later=False)
    assert _menu_titles(launch) == _menu_titles(full)  # no menu appears after the paint
    panels = {d.objectName() for d in launch.findChildren(QDockWidget)}
    assert panels == {name for name, _ in DEFAULT_PANELS}  # all standing in
    assert _tabs(launch) == _tabs(full) == ["Search", "Library", "Check"]
    board = launch.findChild(QDockWidget, "quoteBoard")
    assert board is not None and board.windowTitle() == "Quote Board"
    assert not board.visibleRegion().isEmpty()  # above Search, as the real one will be
    for name in LATER_CONTROLLERS:
        assert launch.findChild(QObject, name) is None

    transcript = import_file(sample_path)
    launch.show_transcript(transcript)  # the file shows before the rest is installed
    qtbot.wait(50)
    painted = _places(launch)
    assert [name for name, _ in painted] == ["quoteBoard", "searchDock", "reader"]
    launch.install_later()
    qtbot.wait(50)
    assert _places(launch) == painted  # the real panels took the stand-ins' places exactly
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
    board = launch.findChild(QDockWidget, "quoteBoard")
    assert board is not None and board.findChild(QObject, "quoteStatus") is not None
    view = [a.text() for a in launch.menu("View").actions()]
    assert set(view) == {a.text() for a in full.menu("View").actions()}


def test_a_panel_the_user_left_open_stands_in_where_it_was(qtbot: Any, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    first = _window(qtbot, settings, later=True)
    stats = first.findChild(QDockWidget, "statsDock")
    assert stats is not None and stats.isHidden()  # hidden until asked for
    stats.show()
    qtbot.wait(50)
    where = stats.geometry()
    first.save_layout()
    first.close()

    again = _window(qtbot, Settings(tmp_path / "s.ini"), later=False)
    assert again.findChild(QObject, "readingController") is None  # built after the paint...
    shown = again.findChild(QDockWidget, "statsDock")  # ...but its place shows before it
    assert shown is not None and shown.isVisible() and shown.geometry() == where
    assert again.findChild(QDockWidget, "kwicDock") is None  # closed: no stand-in
    qtbot.wait(50)
    painted = _places(again)
    again.install_later()
    qtbot.wait(50)
    assert _places(again) == painted
    stats_docks = again.findChildren(QDockWidget, "statsDock")
    assert len(stats_docks) == 1 and stats_docks[0].isVisible()
    kwic = again.findChild(QDockWidget, "kwicDock")
    assert kwic is not None and not kwic.isVisible()  # and what was closed stays closed


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
    qtbot.wait(50)
    painted = _places(again)
    again.install_later()
    qtbot.wait(50)
    assert _places(again) == painted  # the first screen did not move
    assert _tabs(again) == saved_tabs
    assert len(again.findChildren(QDockWidget, "peopleDock")) == 1
    for name in ("statsDock", "kwicDock"):
        dock = again.findChild(QDockWidget, name)
        assert dock is not None and dock.isHidden(), name  # closed, as they were
    search = again.findChild(QDockWidget, "searchDock")
    assert search is not None and not search.visibleRegion().isEmpty()  # still the front tab


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


def test_a_launching_window_shows_once_its_file_is_on_it(
    qtbot: Any, tmp_path: Path, sample_path: Path
) -> None:
    window = MainWindow(Settings(tmp_path / "s.ini"), later=False)
    qtbot.addWidget(window)
    painted_empty: list[bool] = []
    watch = _PaintWatch(lambda: painted_empty.append(window.current_transcript() is None))
    window.reader.viewport().installEventFilter(watch)
    show_when_opened(window, wait_ms=60_000)  # far longer than the open: the file decides
    window.open_path(sample_path)
    assert not window.isVisible()
    qtbot.waitUntil(window.isVisible, timeout=20_000)
    assert window.current_transcript() is not None  # shown with its words...
    qtbot.waitUntil(lambda: bool(painted_empty), timeout=5_000)
    assert not any(painted_empty)  # ...and its reader never painted empty


def test_a_launching_window_shows_when_opening_fails_or_takes_long(
    qtbot: Any, tmp_path: Path
) -> None:
    failing = MainWindow(Settings(tmp_path / "a.ini"), later=False, show_errors=False)
    qtbot.addWidget(failing)
    show_when_opened(failing, wait_ms=60_000)
    with qtbot.waitSignal(failing.importFailed, timeout=20_000):
        failing.open_path(tmp_path / "missing.txt")
    assert failing.isVisible()

    slow = MainWindow(Settings(tmp_path / "b.ini"), later=False)
    qtbot.addWidget(slow)
    show_when_opened(slow, wait_ms=10)  # nothing opens: the window shows anyway
    qtbot.waitUntil(slow.isVisible, timeout=5_000)
    assert slow.current_transcript() is None


class _PaintWatch(QObject):
    """Calls `seen` at each paint of the watched widget."""

    def __init__(self, seen: Callable[[], object]) -> None:
        super().__init__()
        self._seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._seen()
        return False
