"""A launch builds what the first screen shows, paints the file, then adds the rest: what it
adds later works as in a window built at once, with the file already shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget

from desktop.core.importers import import_file
from desktop.ui.main_window import FEATURES, FIRST_SCREEN, FIRST_SCREEN_PANELS, MainWindow
from desktop.ui.settings import Settings

LATER_CONTROLLERS = ("peopleController", "speakerController", "mediaController", "sourceWatch",
                     "readingController", "teamController")


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


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
    assert panels == FIRST_SCREEN_PANELS == {"quoteBoard", "searchDock", "libraryDock",
                                             "checkDock"}
    assert all(not d.isHidden() for d in launch.findChildren(QDockWidget))
    for name in LATER_CONTROLLERS:
        assert launch.findChild(QObject, name) is None

    transcript = import_file(sample_path)
    launch.show_transcript(transcript)  # the file shows before the rest is installed
    launch.install_later()
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
    first.findChild(QDockWidget, "checkDock").raise_()  # type: ignore[union-attr]
    first.save_layout()
    first.close()

    again = _window(qtbot, Settings(tmp_path / "s.ini"), later=False)
    assert again.findChild(QDockWidget, "statsDock") is None  # left for later
    board = again.findChild(QDockWidget, "quoteBoard")
    assert board is not None
    qtbot.wait(50)
    painted = board.geometry()
    again.install_later()
    qtbot.wait(50)
    assert board.geometry() == painted  # what the first screen showed did not move
    for name in ("statsDock", "kwicDock", "peopleDock"):
        dock = again.findChild(QDockWidget, name)
        assert dock is not None and dock.isHidden(), name  # closed, as they were
    check = again.findChild(QDockWidget, "checkDock")
    assert check is not None and not check.visibleRegion().isEmpty()  # still the front tab
