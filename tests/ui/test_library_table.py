"""The Library as a table: columns that fit the dock, the whole table in the main area, the open
transcript marked, one date format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.ui.library_controller import LibraryController
from desktop.ui.main_window import MainWindow
from desktop.ui.models.library_model import DATE, TITLE, LibraryModel
from tests.ui.test_library_dock import HARBOUR, MILL, make_entry

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def controller(qtbot: Any, window: MainWindow) -> Any:
    found = window.findChild(LibraryController, "libraryController")
    assert isinstance(found, LibraryController)
    qtbot.waitUntil(lambda: found.session.ready, timeout=10_000)
    yield found
    found.session.wait(10_000)


def test_a_narrow_dock_shows_the_columns_that_fit_and_the_main_area_shows_all(
    qtbot: Any, window: MainWindow, controller: LibraryController
) -> None:
    dock = controller.library
    controller.library_dock.show()
    window.resizeDocks([controller.library_dock], [300], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: dock.width() < 360)
    shown = dock.shown_columns()
    assert shown[0] == "Title" and len(shown) < 5  # no sideways scrolling to reach a column
    assert dock.view.horizontalScrollBar().maximum() == 0

    controller.main_area_action.trigger()
    assert window.main_area.currentWidget() is dock
    qtbot.waitUntil(lambda: dock.shown_columns() == ["Title", "Date", "Outlet", "Speakers",
                                                     "Turns"])
    assert not controller.library_dock.isVisible()

    controller.main_area_action.trigger()
    assert window.main_area.currentWidget() is window.splitter
    assert controller.library_dock.widget() is dock


def test_opening_an_entry_from_the_main_area_brings_the_reader_back_and_marks_it(
    qtbot: Any, window: MainWindow, controller: LibraryController, tmp_path: Path
) -> None:
    (tmp_path / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "mill.txt").write_text(MILL, encoding="utf-8")
    controller.add_to_library([str(tmp_path)])
    qtbot.waitUntil(lambda: controller.library_model.rowCount() == 2, timeout=15_000)
    controller.main_area_action.trigger()
    model = controller.library_model
    row = next(r for r in range(2) if model.entry(r).title.startswith("Mill"))
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        controller.open_entry(model.entry(row).id)
    assert window.main_area.currentWidget() is window.splitter
    assert not controller.main_area_action.isChecked()
    assert model.is_current(row) and not model.is_current(1 - row)
    font = model.index(row, TITLE).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    assert "Shown in the reader" in model.index(row, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1 - row, TITLE).data(Qt.ItemDataRole.FontRole) is None


def test_every_date_reads_day_month_year(qapp: Any) -> None:
    model = LibraryModel()
    entries = [make_entry(1, "A"), make_entry(2, "B")]
    from dataclasses import replace

    entries[1] = replace(entries[1], date="--12-02")
    model.set_entries(entries)
    assert model.index(0, DATE).data() == "2 Dec 2021"
    assert model.index(1, DATE).data() == "2 Dec"
