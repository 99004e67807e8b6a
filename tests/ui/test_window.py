"""The main window end to end (offscreen): open, navigate, select, theme, zoom, errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QFont, QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMessageBox

from desktop.core.model import Turn
from desktop.ui import theme
from desktop.ui.main_window import MainWindow
from desktop.ui.models.transcript_model import Roles
from desktop.ui.settings import Settings
from tests.ui.conftest import make_interview

pytestmark = pytest.mark.timeout(60)


def open_and_wait(qtbot: Any, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(path)


def menu_action(window: MainWindow, menu: str, text: str) -> Any:
    for action in window.menu(menu).actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {text!r} in {menu}")


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record message boxes instead of blocking on them."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}")
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_the_sample_opens(qtbot: Any, window: MainWindow, sample_path: Path) -> None:
    open_and_wait(qtbot, window, sample_path)
    transcript = window.current_transcript()
    assert transcript is not None and len(transcript.turns) > 1
    assert window.navigator.model().rowCount() >= len(transcript.turns)
    assert transcript.title in window.windowTitle()
    assert window.report_bar.isVisible()
    assert f"{len(transcript.turns)} turns" in window.report_bar.summary()
    assert transcript.turns[0].text[:40] in window.reader.toPlainText()
    assert window.settings.recent_files == []  # the bundled sample is no file of the user's
    assert not window.is_busy()


def test_navigator_lists_sections_and_turns(window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    model = window.navigator.model()
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert shown[0] == interview.sections[0].title
    assert interview.sections[1].title in shown
    assert shown[1].startswith("Koutsokosta: You said you had proof")
    assert shown[2].startswith("Blinken: We do not know")
    questions = [model.index(r, 0).data(Roles.IsQuestion) for r in range(model.rowCount())]
    assert questions.count(True) == len(interview.turns) // 2


def test_navigator_click_scrolls_the_reader_to_that_turn(
    qtbot: Any, window: MainWindow, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    reader, navigator = window.reader, window.navigator
    target = 9
    assert reader.turn_at_top() != target
    before = reader.verticalScrollBar().value()
    index = navigator.model().index(window.model.row_of_turn(target), 0)
    navigator.scrollTo(index)
    rect = navigator.visualRect(index)
    qtbot.mouseClick(navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.verticalScrollBar().value() > before
    assert reader.turn_at_top() == target
    start, _ = reader.turn_position(target) or (-1, -1)
    assert reader.textCursor().position() == start


def test_reader_scroll_marks_the_turn_in_the_navigator(window: MainWindow,
                                                       sample_path: Path, qtbot: Any) -> None:
    open_and_wait(qtbot, window, sample_path)
    window.reader.scroll_to_turn(12)
    current = window.navigator.currentIndex()
    assert current.data(Roles.TurnIndex) == 12


def test_theme_choice_persists_across_windows(
    qtbot: Any, window: MainWindow, settings_path: Path
) -> None:
    try:
        menu_action_theme(window, "Dark").trigger()
        assert theme.controller().applied == "dark"
        assert theme.is_dark()
        window.close()
        again = MainWindow(Settings(settings_path))
        qtbot.addWidget(again)
        assert again.settings.theme == "dark"
        assert again._theme_actions["dark"].isChecked()
        assert theme.controller().applied == "dark"
    finally:
        theme.controller().set_choice("light")


def menu_action_theme(window: MainWindow, label: str) -> Any:
    for action in window._theme_actions.values():
        if action.text().replace("&", "") == label:
            return action
    raise AssertionError(label)


def test_dark_theme_rebuilds_reader_colours(window: MainWindow) -> None:
    window.show_transcript(make_interview())
    try:
        window.set_theme("light")
        light = window.reader.document().toHtml()
        window.set_theme("dark")
        assert window.reader.document().toHtml() != light
    finally:
        theme.controller().set_choice("light")


def test_zoom_changes_the_font_size_and_is_remembered(window: MainWindow,
                                                      settings_path: Path) -> None:
    window.show_transcript(make_interview())
    size = window.reader.document().defaultFont().pointSizeF()
    menu_action(window, "View", "Zoom In").trigger()
    menu_action(window, "View", "Zoom In").trigger()
    bigger = window.reader.document().defaultFont().pointSizeF()
    assert bigger == pytest.approx(size + 2)
    assert Settings(settings_path).zoom == 2
    menu_action(window, "View", "Zoom Out").trigger()
    assert window.reader.document().defaultFont().pointSizeF() == pytest.approx(size + 1)
    menu_action(window, "View", "Actual Size").trigger()
    assert window.reader.document().defaultFont().pointSizeF() == pytest.approx(size)


def test_zoom_shortcuts_are_the_usual_ones(window: MainWindow) -> None:
    keys = {a.text().replace("&", ""): [k.toString() for k in a.shortcuts()]
            for a in window.menu("View").actions()}
    assert "Ctrl+=" in keys["Zoom In"] and "Ctrl++" in keys["Zoom In"]
    assert "Ctrl+-" in keys["Zoom Out"]
    assert "Ctrl+0" in keys["Actual Size"]


def test_a_bad_file_shows_a_dialog_and_keeps_the_transcript(
    qtbot: Any, window: MainWindow, tmp_path: Path, dialogs: list[str]
) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    bad = tmp_path / "picture.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with qtbot.waitSignal(window.importFailed, timeout=10_000):
        window.open_path(bad)
    assert len(dialogs) == 1
    assert "“picture.png” is a PNG image, not a transcript." in dialogs[0]
    assert "Traceback" not in dialogs[0]
    assert window.current_transcript() is interview
    assert window.settings.recent_files == []


def test_dropping_a_bad_file_shows_a_dialog(
    qtbot: Any, window: MainWindow, tmp_path: Path, dialogs: list[str]
) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(empty))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.importFailed, timeout=10_000):
        window.dropEvent(event)
    assert dialogs and "“empty.txt” is empty." in dialogs[0]
    assert window.current_transcript() is interview


def test_dropping_a_good_file_opens_it(qtbot: Any, window: MainWindow, sample_path: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sample_path))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.dropEvent(event)
    transcript = window.current_transcript()
    assert transcript is not None and transcript.source.path == str(sample_path)


def test_selection_across_two_turns_gives_one_span_per_turn(window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    first, second = interview.turns[0].text, interview.turns[1].text
    start0, _ = reader.turn_position(0) or (0, 0)
    start1, _ = reader.turn_position(1) or (0, 0)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start0 + 10)
    cursor.setPosition(start1 + 15, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    assert reader.selection_spans() == [(0, 10, len(first)), (1, 0, 15)]
    assert reader.selected_text() == first[10:] + "\n" + second[:15]


def test_selection_spanning_a_heading_excludes_it(window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    heading_turn = interview.sections[1].turn  # 2: a heading sits between turns 1 and 2
    reader.select_span(1, 5, 5)
    start1, _ = reader.turn_position(1) or (0, 0)
    start3, _ = reader.turn_position(heading_turn + 1) or (0, 0)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start1 + 5)
    cursor.setPosition(start3 + 4, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    spans = reader.selection_spans()
    assert [s[0] for s in spans] == [1, 2, 3]
    for turn, start, end in spans:
        assert interview.turns[turn].text[start:end]  # real words of that turn
    assert spans[1] == (2, 0, len(interview.turns[2].text))
    assert spans[2] == (3, 0, 4)


def test_keyboard_selection_extends_across_turns(qtbot: Any, window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    reader.setFocus()
    reader.select_span(0, 3, 3)
    for _ in range(3):
        qtbot.keyClick(reader, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    spans = reader.selection_spans()
    assert spans[0][:2] == (0, 3)
    assert len(spans) >= 2


def test_spans_are_character_offsets_even_with_emoji(window: MainWindow) -> None:
    interview = make_interview()
    text = "We 🙂 agree 🇺🇦 on this."
    turns = (Turn("efi", "Do you agree?"), Turn("blinken", text))
    window.show_transcript(replace(interview, turns=turns, sections=()))
    reader = window.reader
    start = text.index("agree")
    reader.select_span(1, start, start + len("agree"))
    assert reader.selection_spans() == [(1, start, start + 5)]
    assert reader.selected_text() == "agree"
    end = text.index("on")
    reader.select_span(1, end, len(text))
    assert reader.selected_text() == "on this."


def test_copy_puts_the_plain_words_on_the_clipboard(window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    reader.select_span(1, 0, 10)
    menu_action(window, "Edit", "Copy").trigger()
    clipboard = QApplication.clipboard()
    assert clipboard.text() == interview.turns[1].text[:10]
    mime = clipboard.mimeData()
    assert mime is not None and not mime.hasHtml()


def test_markup_in_a_transcript_is_shown_literally(window: MainWindow) -> None:
    interview = make_interview()
    markup = "<b>x</b> & <i>y</i> <script>alert(1)</script>"
    turns = (Turn("efi", markup), *interview.turns[1:])
    window.show_transcript(replace(interview, turns=turns,
                                   metadata=replace(interview.metadata, title="<h1>T</h1>")))
    reader = window.reader
    plain = reader.toPlainText()
    assert markup in plain
    assert "<h1>T</h1>" in plain
    start, _ = reader.turn_position(0) or (0, 0)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start + markup.index("x") + 1)
    assert cursor.charFormat().fontWeight() < QFont.Weight.Bold  # "x" is not made bold by <b>
    assert window.navigator.model().index(1, 0).data().startswith("Koutsokosta: <b>x</b> &")


def test_annotations_are_shown_as_editorial(window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    note = interview.turns[1].annotations[0]
    start, _ = window.reader.turn_position(1) or (0, 0)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(start + note.start + 1)
    assert cursor.charFormat().fontItalic()
    cursor.setPosition(start + 2)
    assert not cursor.charFormat().fontItalic()


def test_highlights_of_several_kinds_coexist(window: MainWindow) -> None:
    window.show_transcript(make_interview())
    reader = window.reader
    reader.highlight([(1, 0, 5), (3, 2, 8)], kind="search")
    reader.highlight([(1, 10, 20)], kind="quote")
    assert len(reader.extraSelections()) == 3
    selected = sorted(s.cursor.selectedText() for s in reader.extraSelections())
    text = make_interview().turns
    assert selected == sorted([text[1].text[0:5], text[3].text[2:8], text[1].text[10:20]])
    reader.clear_highlights("search")
    assert reader.highlights("quote") == [(1, 10, 20)]
    assert len(reader.extraSelections()) == 1
    reader.scroll_to_span(7, 0, 5)  # no error, turn 7 is visible
    assert reader.turn_at_top() is not None


def test_context_actions_are_added(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    action = QAction("Add to Quote Board", window)
    window.reader.add_context_action(action)
    assert action in window.reader.actions()


def test_menus_on_demand_and_docks(window: MainWindow) -> None:
    search = window.menu("Search")
    assert window.menu("Search") is search
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles.index("Search") < titles.index("Help")
    assert titles[:3] == ["File", "Edit", "View"]
    dock = QDockWidget("Quote Board", window)
    dock.setWidget(QLabel("quotes"))
    window.add_dock(dock)
    assert dock.objectName()
    assert dock.toggleViewAction() in window.menu("View").actions()


def test_layout_is_remembered(qtbot: Any, window: MainWindow, settings_path: Path) -> None:
    window.resize(700, 500)  # within the offscreen screen, so restoring needs no clamping
    qtbot.waitUntil(lambda: window.width() == 700)
    window.splitter.setSizes([200, 500])
    saved = window.splitter.sizes()
    window.close()
    again = MainWindow(Settings(settings_path))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert Settings(settings_path).splitter_sizes == saved
    assert again.size() == window.size()
    assert again.splitter.sizes()[0] == pytest.approx(saved[0], abs=20)


def test_reopen_as_another_format(qtbot: Any, window: MainWindow, sample_path: Path) -> None:
    open_and_wait(qtbot, window, sample_path)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.report_bar.reopenRequested.emit("plain", None)
    transcript = window.current_transcript()
    assert transcript is not None and transcript.source.format == "plain"
    assert "Plain text" in window.report_bar.summary()


def test_keyboard_turn_navigation(window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    reader.scroll_to_turn(0)
    menu_action(window, "View", "Next Turn").trigger()
    assert reader.textCursor().position() == (reader.turn_position(1) or (0, 0))[0]
    menu_action(window, "View", "Next Question").trigger()
    assert reader.textCursor().position() == (reader.turn_position(2) or (0, 0))[0]
    menu_action(window, "View", "Previous Turn").trigger()
    assert reader.textCursor().position() == (reader.turn_position(1) or (0, 0))[0]
    menu_action(window, "View", "Previous Question").trigger()
    assert reader.textCursor().position() == (reader.turn_position(0) or (0, 0))[0]


def test_navigator_toggle_is_remembered(window: MainWindow, settings_path: Path) -> None:
    action = menu_action(window, "View", "Show Navigator")
    assert action.isChecked() and window.navigator.isVisible()
    action.trigger()
    assert not window.navigator.isVisible()
    assert Settings(settings_path).navigator_visible is False


def test_about_box_names_version_and_app_id(window: MainWindow,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import appinfo

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.show_about()
    assert appinfo.VERSION in shown[0] and appinfo.APP_ID in shown[0]
    assert "Qt " in shown[0] and "Python " in shown[0]


def test_mouse_drag_selects_words_across_turns(qtbot: Any, window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    reader.scroll_to_turn(0)

    def point_of(turn: int, offset: int) -> Any:
        start, _ = reader.turn_position(turn) or (0, 0)
        cursor = QTextCursor(reader.document())
        cursor.setPosition(start + offset)
        return reader.cursorRect(cursor).center()

    a, b = point_of(0, 4), point_of(1, 6)
    viewport = reader.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(viewport, pos=(a + b) / 2)
    qtbot.mouseMove(viewport, pos=b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)
    spans = reader.selection_spans()
    assert [s[0] for s in spans] == [0, 1]
    assert spans[0][1] in (3, 4, 5) and spans[0][2] == len(interview.turns[0].text)
    assert spans[1][1] == 0 and spans[1][2] in (5, 6, 7)


def test_section_click_shows_the_heading_above_its_first_turn(
    qtbot: Any, window: MainWindow, sample_path: Path
) -> None:
    open_and_wait(qtbot, window, sample_path)
    transcript = window.current_transcript()
    assert transcript is not None and len(transcript.sections) >= 3
    section = transcript.sections[2]
    row = window.model.row_of_turn(section.turn) - 1
    index = window.navigator.model().index(row, 0)
    assert index.data(Roles.Kind) == "section"
    window.navigator.scrollTo(index)
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.navigator.visualRect(index).center())
    reader = window.reader
    start, _ = reader.turn_position(section.turn) or (0, 0)
    heading = reader.document().findBlock(start).previous()
    assert heading.text() == section.title
    top = reader.document().documentLayout().blockBoundingRect(heading).top()
    scroll = reader.verticalScrollBar().value()
    assert 0 <= top - scroll < reader.viewport().height() / 4  # heading at the top of the view
    assert reader.textCursor().position() == start


def test_empty_reader_invites_to_open_a_file(window: MainWindow) -> None:
    assert window.current_transcript() is None
    assert "Ctrl+O" in window.reader.placeholderText()


def test_speaker_column_tooltip_names_the_speaker(window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    reader.scroll_to_turn(1)
    start, _ = reader.turn_position(1) or (0, 0)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start)
    y = reader.cursorRect(cursor).center().y()
    tip = reader._gutter_tooltip(40, y)
    assert "Antony Blinken" in tip and "US Secretary of State" in tip
    assert reader._gutter_tooltip(reader.viewport().width() - 5, y) == ""


def test_ctrl_wheel_zooms_through_the_window(window: MainWindow, settings_path: Path) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    window.show_transcript(make_interview())
    reader = window.reader
    size = reader.document().defaultFont().pointSizeF()
    centre = QPointF(reader.viewport().rect().center())
    event = QWheelEvent(centre, QPointF(reader.viewport().mapToGlobal(centre.toPoint())),
                        QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(reader.viewport(), event)
    assert reader.document().defaultFont().pointSizeF() == pytest.approx(size + 1)
    assert Settings(settings_path).zoom == 1


def test_ctrl_c_in_the_reader_copies_the_words(qtbot: Any, window: MainWindow) -> None:
    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    reader.setFocus()
    QApplication.clipboard().clear()
    reader.select_span(3, 4, 20)
    qtbot.keyClick(reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == interview.turns[3].text[4:20]


def test_dock_visibility_is_remembered(qtbot: Any, window: MainWindow,
                                       settings_path: Path) -> None:
    def add_panel(win: MainWindow) -> QDockWidget:
        dock = QDockWidget("Test Panel", win)
        dock.setObjectName("testPanel")
        dock.setWidget(QLabel("panel"))
        win.add_dock(dock, Qt.DockWidgetArea.LeftDockWidgetArea)
        return dock

    dock = add_panel(window)
    qtbot.waitUntil(dock.isVisible)
    dock.toggleViewAction().trigger()
    assert not dock.isVisible()
    window.close()
    again = MainWindow(Settings(settings_path))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    restored = add_panel(again)
    assert not restored.isVisible()
    assert again.dockWidgetArea(restored) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_context_menu_copy_is_plain_and_added_actions_follow(window: MainWindow) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction

    interview = make_interview()
    window.show_transcript(interview)
    reader = window.reader
    extra = QAction("Add to Quote Board", window)
    reader.add_context_action(extra)
    reader.select_span(1, 3, 30)
    menu = reader.context_menu(QPoint(10, 10))
    copy = next(a for a in menu.actions() if a.objectName() == "edit-copy")
    QApplication.clipboard().clear()
    copy.trigger()
    assert QApplication.clipboard().text() == interview.turns[1].text[3:30]
    mime = QApplication.clipboard().mimeData()
    assert mime is not None and not mime.hasHtml()
    assert menu.actions()[-1] is extra
    menu.deleteLater()
