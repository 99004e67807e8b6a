"""The library dock and speaker corrections in the window (offscreen)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QContextMenuEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QInputDialog, QMessageBox

import desktop.core.isolated_import as isolated_import
from desktop import paths
from desktop.core.importers import import_file
from desktop.core.library import Library, LibraryEntry, Status
from desktop.core.model import Role
from desktop.core.search import open_index
from desktop.ui.library_controller import LibraryController
from desktop.ui.main_window import MainWindow
from desktop.ui.models.library_model import (
    TITLE,
    LibraryFilterModel,
    LibraryModel,
    LibraryRoles,
    date_text,
)
from desktop.ui.models.transcript_model import Roles
from desktop.ui.settings import Settings
from desktop.ui.speaker_controller import SpeakerController

pytestmark = pytest.mark.timeout(60)

HARBOUR = """Harbour Council Interview

JANE DOE: Welcome. Today we talk about the lighthouse restoration and the fishermen.

JOHN ROE: Thank you. The lighthouse needs a new lantern before winter.

JANE DOE: How much will the lantern cost?

JOHN ROE: About forty thousand. The fishermen raised half of it.
"""

MILL = """Mill Workers Oral History

ANNA SMITH: When did you start at the mill?

PETER BROWN: In nineteen sixty, the year the river flooded.

ANNA SMITH: What do you remember of the flood?

PETER BROWN: Water in the weaving shed, and the looms silent for a month.
"""


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Cancel)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def controller(qtbot: Any, window: MainWindow) -> Any:
    found = window.findChild(LibraryController, "libraryController")
    assert isinstance(found, LibraryController)
    qtbot.waitUntil(lambda: found.session.ready, timeout=10_000)
    yield found
    found.session.wait(10_000)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "interviews"
    (root / "more").mkdir(parents=True)
    (root / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (root / "more" / "mill.txt").write_text(MILL, encoding="utf-8")
    (root / "notes.svg").write_text("<svg/>", encoding="utf-8")  # not a transcript: ignored
    return root


def speakers(window: MainWindow) -> SpeakerController:
    """The window's speaker correction entries."""
    found = window.findChild(SpeakerController, "speakerController")
    assert isinstance(found, SpeakerController)
    return found


def idle(qtbot: Any, controller: LibraryController) -> None:
    qtbot.waitUntil(lambda: not controller.session.busy, timeout=15_000)


def open_and_wait(qtbot: Any, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(path)


def make_entry(entry_id: int, title: str, *, status: Status = Status.OK,
               speakers: tuple[str, ...] = ("A", "B"), turns: int = 4) -> LibraryEntry:
    return LibraryEntry(
        id=entry_id, path=f"/tmp/{entry_id}.txt", title=title, date="2021-12-02",
        outlet="euronews", speakers=speakers, turns=turns, status=status, format="labelled",
        encoding="utf-8", sha256="0" * 64, size=10, mtime=0.0, added_at="", updated_at="",
    )


# -- the models --------------------------------------------------------------------------------


def test_library_models_pass_the_qt_model_tester(qtmodeltester: Any, qapp: Any) -> None:
    model = LibraryModel()
    entries = [make_entry(1, "Alpha"), make_entry(2, "Beta", status=Status.MISSING)]
    model.set_entries(entries)
    qtmodeltester.check(model, force_py=True)
    empty = LibraryModel()
    qtmodeltester.check(empty, force_py=True)
    source = LibraryModel()
    source.set_entries(entries)
    proxy = LibraryFilterModel()
    proxy.setSourceModel(source)
    proxy.set_filter_text("beta")
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy, force_py=True)


def test_filter_matches_every_word_in_any_column() -> None:
    model = LibraryModel()
    model.set_entries([
        make_entry(1, "Harbour Council Interview", speakers=("JANE DOE", "JOHN ROE")),
        make_entry(2, "Mill Workers Oral History", speakers=("ANNA SMITH", "PETER BROWN")),
    ])
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)

    def titles() -> list[str]:
        return [proxy.index(r, TITLE).data() for r in range(proxy.rowCount())]

    proxy.set_filter_text("smith")
    assert titles() == ["Mill Workers Oral History"]
    proxy.set_filter_text("harbour roe")
    assert titles() == ["Harbour Council Interview"]
    proxy.set_filter_text("harbour smith")
    assert titles() == []
    proxy.set_filter_text("")
    assert len(titles()) == 2


def test_sorting_by_turns_is_numeric() -> None:
    model = LibraryModel()
    model.set_entries([make_entry(1, "A", turns=9), make_entry(2, "B", turns=10)])
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(4, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, TITLE).data() for r in range(2)] == ["A", "B"]


# -- the dock in the window --------------------------------------------------------------------


def test_added_folder_is_listed_and_filtered(
    qtbot: Any, controller: LibraryController, folder: Path
) -> None:
    dock = controller.library
    dock.addRequested.emit([str(folder)])
    qtbot.waitUntil(lambda: dock.model.rowCount() == 2, timeout=15_000)
    titles = sorted(import_file(p).title for p in folder.rglob("*.txt"))
    assert sorted(dock.visible_titles()) == titles
    entry = dock.model.entry(0)
    assert entry.turns == len(import_file(entry.path).turns)
    speakers_text = dock.proxy.index(0, 3).data()
    assert all(name in speakers_text for name in entry.speakers)
    qtbot.keyClicks(dock.filter, "flood")  # not in any title, speaker or outlet
    assert dock.visible_titles() == []
    dock.filter.clear()
    qtbot.keyClicks(dock.filter, "peter")
    assert dock.visible_titles() == ["Mill Workers Oral History"]
    assert not dock.empty.isVisible()


def test_dropping_a_folder_on_the_dock_adds_it(
    qtbot: Any, controller: LibraryController, folder: Path
) -> None:
    dock = controller.library
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    dock.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: dock.model.rowCount() == 2, timeout=15_000)


def test_dropping_a_folder_on_the_window_adds_it_to_the_library(
    qtbot: Any, controller: LibraryController, folder: Path
) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    controller.window.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: controller.library.model.rowCount() == 2, timeout=15_000)


def test_missing_files_are_flagged_not_dropped(
    qtbot: Any, controller: LibraryController, folder: Path, tmp_path: Path
) -> None:
    dock = controller.library
    dock.addRequested.emit([str(folder)])
    qtbot.waitUntil(lambda: dock.model.rowCount() == 2, timeout=15_000)
    idle(qtbot, controller)
    (folder / "harbour.txt").unlink()
    dock.refreshRequested.emit()
    idle(qtbot, controller)
    row = next(r for r in range(dock.model.rowCount())
               if dock.model.entry(r).title == "Harbour Council Interview")
    index = dock.model.index(row, TITLE)
    assert index.data(LibraryRoles.Status) == "missing"
    assert "missing" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    normal = dock.model.index(1 - row, TITLE)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert normal.data(Qt.ItemDataRole.ForegroundRole) is None
    assert normal.data(Qt.ItemDataRole.DecorationRole) is None
    # the stored copy still opens
    window = controller.window
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        dock.openRequested.emit(index.data(LibraryRoles.EntryId))
    assert window.current_transcript().title == "Harbour Council Interview"  # type: ignore[union-attr]


def test_window_keeps_running_during_a_long_add_and_cancel_stops_it(
    qtbot: Any, controller: LibraryController, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each import waits until the UI's timer has ticked: if the event loop were blocked, the
    add could never finish. Cancel then stops the add between files."""
    for i in range(4):
        shutil.copy(folder / "harbour.txt", folder / f"copy{i}.txt")
        (folder / f"copy{i}.txt").write_text(HARBOUR.replace("Harbour", f"Harbour {i}"),
                                             encoding="utf-8")
    real_import = isolated_import.import_isolated
    tick = threading.Event()
    imported: list[str] = []

    def slow_import(path: Any, *args: Any, **kwargs: Any) -> Any:
        tick.clear()
        assert tick.wait(10), "the UI's timer did not tick while the library was busy"
        imported.append(str(path))
        return real_import(path, *args, **kwargs)

    monkeypatch.setattr(isolated_import, "import_isolated", slow_import)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: (ticks.append(1), tick.set()))
    timer.start()
    dock = controller.library
    dock.addRequested.emit([str(folder)])
    qtbot.waitUntil(lambda: len(imported) >= 2, timeout=15_000)
    assert dock.is_busy_shown()
    assert dock.cancel_button.isVisible()
    assert dock.progress.maximum() == 6  # six transcript files found in the folder
    qtbot.mouseClick(dock.cancel_button, Qt.MouseButton.LeftButton)
    idle(qtbot, controller)
    timer.stop()
    assert len(ticks) >= 2
    assert 2 <= len(imported) < 6
    assert 0 < dock.model.rowCount() < 6
    assert not dock.is_busy_shown()


def test_opening_a_file_adds_it_to_the_library(
    qtbot: Any, window: MainWindow, controller: LibraryController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    qtbot.waitUntil(lambda: controller.library.model.rowCount() == 1, timeout=10_000)
    transcript = window.current_transcript()
    assert transcript is not None
    assert controller.library.visible_titles() == [transcript.title]


def test_remove_asks_first_and_keeps_the_file(
    qtbot: Any, controller: LibraryController, folder: Path, no_dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dock = controller.library
    dock.addRequested.emit([str(folder / "harbour.txt")])
    qtbot.waitUntil(lambda: dock.model.rowCount() == 1, timeout=15_000)
    idle(qtbot, controller)
    entry_id = dock.model.entry(0).id
    dock.removeRequested.emit([entry_id])  # the fake dialog answers Cancel
    assert no_dialogs and "Remove" in no_dialogs[0]
    idle(qtbot, controller)
    assert dock.model.rowCount() == 1

    def press_remove(box: QMessageBox) -> int:
        remove = next(b for b in box.buttons() if b.text() == "Remove")
        remove.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_remove)
    dock.removeRequested.emit([entry_id])
    qtbot.waitUntil(lambda: dock.model.rowCount() == 0, timeout=10_000)
    assert (folder / "harbour.txt").exists()
    assert dock.empty.isVisible()


def test_file_menu_has_add_to_library(controller: LibraryController) -> None:
    texts = {a.text().replace("&", ""): a for a in controller.window.menu("File").actions()}
    add = texts["Add to Library…"]
    assert add.shortcut().toString() == "Ctrl+Shift+O"
    assert add.isEnabled()
    labels = list(texts)
    assert labels.index("Add to Library…") < labels.index("Quit")


OWNER = """
import sys
from desktop.core.library import Library
from desktop.core.search import open_index
library = Library()
opened = open_index(library)
print("read-only" if opened.read_only else "owner", flush=True)
sys.stdin.read()
library.close()
"""


def test_second_instance_is_read_only(qtbot: Any, settings_path: Path) -> None:
    """Another Verbatim process owns the index: the banner says so and adding is off."""
    repo = Path(__file__).resolve().parents[2]
    with Library() as library:  # an existing index (a fresh one is built by its owner)
        open_index(library)
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)},
    )
    try:
        assert owner.stdout is not None
        assert owner.stdout.readline().strip() == "owner"
        window = MainWindow(Settings(settings_path), show_errors=False)
        qtbot.addWidget(window)
        found = window.findChild(LibraryController, "libraryController")
        assert isinstance(found, LibraryController)
        qtbot.waitUntil(lambda: found.session.state != "opening", timeout=10_000)
        assert found.session.state == "read-only"
        dock = found.library
        assert not dock.banner.isHidden()
        assert "another Verbatim" in dock.banner.text()
        assert not dock.add_button.isEnabled()
        assert not found._add_action.isEnabled()
        assert "another verbatim" in window.statusBar().currentMessage().lower()
        assert found.session.add(["/nonexistent"]) is None
        found.session.wait(5000)
    finally:
        if owner.stdin is not None:
            owner.stdin.close()
        owner.wait(10)


def test_a_damaged_index_is_rebuilt_with_a_message(
    qtbot: Any, settings_path: Path, folder: Path
) -> None:
    with Library() as library:
        open_index(library)
        library.add([folder])
        directory = paths.user_data_dir() / "index"
    for file in directory.iterdir():
        if file.suffix == ".seg" or file.name.endswith(".toc"):
            file.write_bytes(b"\0garbage")
    window = MainWindow(Settings(settings_path), show_errors=False)
    qtbot.addWidget(window)
    found = window.findChild(LibraryController, "libraryController")
    assert isinstance(found, LibraryController)
    qtbot.waitUntil(lambda: found.session.state != "opening", timeout=15_000)
    assert found.session.state == "ready"
    assert "rebuilt" in window.statusBar().currentMessage()
    found.session.wait(10_000)


# -- speaker corrections -----------------------------------------------------------------------


def navigator_labels(window: MainWindow) -> list[str]:
    model = window.navigator.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())
            if model.index(r, 0).data(Roles.Kind) == "turn"]


def test_rename_speaker_updates_the_navigator_and_is_kept(
    qtbot: Any, window: MainWindow, controller: LibraryController, sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_and_wait(qtbot, window, sample_path)
    idle(qtbot, controller)
    transcript = window.current_transcript()
    assert transcript is not None
    blinken = next(s for s in transcript.speakers if "Blinken" in s.name)
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("Tony Q. Secretary", True))
    actions = speakers(window).navigator_speaker
    actions.set_speaker(transcript, blinken.id)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        actions.rename.trigger()
    renamed = window.current_transcript()
    assert renamed is not None
    assert renamed.speaker(blinken.id).name == "Tony Q. Secretary"  # type: ignore[union-attr]
    labels = navigator_labels(window)
    said_by_him = [i for i, t in enumerate(transcript.turns) if t.speaker == blinken.id]
    assert all(labels[i].startswith("Secretary: ") for i in said_by_him)
    assert "Blinken" not in " ".join(label.split(":")[0] for label in labels)
    idle(qtbot, controller)
    assert any("Tony Q. Secretary" in e.speakers for e in controller.session.entries())
    # Opening the file again shows the correction again (re-applied from the library).
    open_and_wait(qtbot, window, sample_path)
    qtbot.waitUntil(
        lambda: window.current_transcript().speaker(blinken.id).name  # type: ignore[union-attr]
        == "Tony Q. Secretary", timeout=10_000)


def test_merge_and_set_role(
    qtbot: Any, window: MainWindow, controller: LibraryController, folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = folder / "harbour.txt"
    open_and_wait(qtbot, window, path)
    idle(qtbot, controller)
    transcript = window.current_transcript()
    assert transcript is not None
    jane, john = transcript.speakers
    actions = speakers(window).navigator_speaker
    actions.set_speaker(transcript, john.id)
    role_action = next(a for a in actions.role_menu.actions() if a.text().startswith("Host"))
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        role_action.trigger()
    corrected = window.current_transcript()
    assert corrected is not None and corrected.speaker(john.id).role is Role.HOST  # type: ignore[union-attr]
    model = window.navigator.model()
    asks = [model.index(r, 0).data(Roles.IsQuestion) for r in range(model.rowCount())
            if model.index(r, 0).data(Roles.Kind) == "turn"]
    assert all(asks)  # both speakers now ask
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (jane.name, True))
    actions.set_speaker(corrected, john.id)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        actions.merge.trigger()
    merged = window.current_transcript()
    assert merged is not None
    assert [s.id for s in merged.speakers] == [jane.id]
    assert {t.speaker for t in merged.turns} == {jane.id}
    assert len(merged.turns) == len(transcript.turns)


def test_right_click_in_the_reader_aims_at_that_turns_speaker(
    qtbot: Any, window: MainWindow, controller: LibraryController, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    transcript = window.current_transcript()
    assert transcript is not None
    reader = window.reader
    for turn_index in (0, 1):
        reader.scroll_to_turn(turn_index)
        start, _ = reader.turn_position(turn_index)  # type: ignore[misc]
        cursor = QTextCursor(reader.document())
        cursor.setPosition(start + 2)
        point = reader.cursorRect(cursor).center()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                  reader.viewport().mapToGlobal(point))
        speakers(window)._reader_probe.eventFilter(reader.viewport(), event)
        speaker = speakers(window).reader_speaker.speaker()
        assert speaker is not None
        assert speaker.id == transcript.turns[turn_index].speaker
        assert speaker.name in speakers(window).reader_speaker.rename.text()
    assert speakers(window).reader_speaker.rename in reader.actions()
    # a point above every turn (the header) aims at nothing wrong: the first turn at most
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    reader.verticalScrollBar().setValue(0)
    speakers(window)._reader_probe.eventFilter(reader.viewport(), event)
    speaker = speakers(window).reader_speaker.speaker()
    assert speaker is None or speaker.id == transcript.turns[0].speaker


def test_dates_without_a_year_read_as_month_and_day() -> None:
    assert date_text("--12-02") == "2 Dec"  # one format: day month (year)
    assert date_text("2021-12-02") == "2 Dec 2021"
    assert date_text("2021-02") == "Feb 2021"
    assert date_text(None) == ""
    assert date_text("--13-02") == "--13-02"  # not a month: shown as the source gave it


def test_corrections_do_not_override_a_shape_the_user_chose(
    qtbot: Any, window: MainWindow, controller: LibraryController, folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = folder / "harbour.txt"
    open_and_wait(qtbot, window, path)
    idle(qtbot, controller)
    transcript = window.current_transcript()
    assert transcript is not None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Captain Roe", True))
    speakers(window).navigator_speaker.set_speaker(transcript, transcript.speakers[1].id)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        speakers(window).navigator_speaker.rename.trigger()
    idle(qtbot, controller)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(path, format="plain")  # "Reopen As" plain paragraphs
    idle(qtbot, controller)
    qtbot.wait(50)
    shown = window.current_transcript()
    assert shown is not None and shown.source.format == "plain"


def test_a_long_progress_line_never_widens_the_library_panel(qtbot: Any) -> None:
    """While the library works, its progress line names the file; a long name is cut at the
    panel's edge (whole in the tooltip) instead of widening the dock area, which pushed the
    reader narrower a moment after a first launch."""
    from desktop.ui.models.library_model import LibraryModel
    from desktop.ui.views.library_dock import LibraryDock

    dock = LibraryDock(LibraryModel())
    qtbot.addWidget(dock)
    dock.resize(300, 400)
    dock.show()
    before = dock.minimumSizeHint().width()
    long_name = "/data/" + "an-interview-with-a-very-long-file-name-" * 6 + ".txt"
    dock.show_progress(0, 3, long_name)
    qtbot.wait(20)  # laid out again with the busy row shown
    assert dock.progress_label.isVisible()
    assert dock.minimumSizeHint().width() <= max(before, 300)
    assert long_name in dock.progress_label.toolTip()
