"""The quote board dock: adding (Ctrl+D, one piece per turn), the Qt model, drag-and-drop order
kept in the store, notes and tags, filter, removal, jumping back to the reader, stale quotes and
re-anchoring, survival of a restart, and a look at it (screenshots, light and dark)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop.core.importers import import_file
from desktop.core.quote_store import QuoteStore
from desktop.core.quotes import Verification, verify
from desktop.core.workspace import source_key
from desktop.ui.main_window import MainWindow
from desktop.ui.models.quote_model import MIME_TYPE, QuoteRoles
from desktop.ui.quote_controller import QuoteController, controller_of
from desktop.ui.settings import Settings

pytestmark = pytest.mark.timeout(60)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

#: A small labelled transcript written to disk (copy and export re-read their sources).
TRANSCRIPT = (
    "Efi Koutsokosta: Are we close to a military confrontation with Russia?\n\n"
    "Antony Blinken: We do not know the intentions of President Putin. A new aggression "
    "against Ukraine would be a mistake. Diplomacy is the best way.\n\n"
    "Efi Koutsokosta: Is a meeting between the two presidents in preparation?\n\n"
    "Antony Blinken: No, not publicly. We will keep talking to our partners in Europe.\n"
)


def write_transcript(folder: Path, name: str = "interview.txt", text: str = TRANSCRIPT) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def controller(window: MainWindow) -> QuoteController:
    found = controller_of(window)
    assert found is not None, "the quote board is installed in every window"
    return found


def open_file(qtbot: Any, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(path)


def select_words(window: MainWindow, words: str, turn: int | None = None) -> tuple[int, int, int]:
    """Select `words` in the reader by setting its text cursor; returns the (turn, start, end)."""
    transcript = window.current_transcript()
    assert transcript is not None
    for index, t in enumerate(transcript.turns):
        if turn is not None and index != turn:
            continue
        at = t.text.find(words)
        if at >= 0:
            window.reader.select_span(index, at, at + len(words))
            return index, at, at + len(words)
    raise AssertionError(f"{words!r} is not in the transcript")


def add_words(qtbot: Any, window: MainWindow, words: str) -> int:
    """Select words and press Ctrl+D in the reader; returns the new quote's id."""
    select_words(window, words)
    ctrl = controller(window)
    with qtbot.waitSignal(ctrl.quotesAdded, timeout=5000) as added:
        window.reader.setFocus()
        qtbot.keyClick(window.reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    ids: list[int] = added.args[0]
    return ids[-1]


def board_words(window: MainWindow) -> list[str]:
    model = controller(window).model
    return [model.index(r, 0).data(QuoteRoles.Words) for r in range(model.rowCount())]


@pytest.fixture
def opened(qtbot: Any, window: MainWindow, tmp_path: Path) -> MainWindow:
    open_file(qtbot, window, write_transcript(tmp_path))
    return window


def test_the_board_is_a_right_dock_with_a_quotes_menu(window: MainWindow) -> None:
    ctrl = controller(window)
    assert window.dockWidgetArea(ctrl.board) == Qt.DockWidgetArea.RightDockWidgetArea
    assert ctrl.board.objectName() == "quoteBoard"
    texts = [a.text().replace("&", "") for a in window.menu("Quotes").actions()]
    assert "Add to Quote Board" in texts and "Export…" in texts and "Citation Details…" in texts
    assert ctrl.add_action.shortcut().toString() == "Ctrl+D"
    assert ctrl.copy_action.shortcut().toString() == "Ctrl+Shift+C"
    assert ctrl.export_action.shortcut().toString() == "Ctrl+E"
    assert ctrl.add_action in ctrl.board.toolbar.actions()


def test_ctrl_d_adds_the_selected_words(qtbot: Any, opened: MainWindow) -> None:
    words = "A new aggression against Ukraine would be a mistake"
    turn, start, end = select_words(opened, words)
    quote_id = add_words(qtbot, opened, words)
    ctrl = controller(opened)
    item = ctrl.store.get(quote_id)
    assert item.quote.text == words
    assert (item.quote.turn, item.quote.start, item.quote.end) == (turn, start, end)
    assert item.quote.speaker == "Antony Blinken"
    shown = opened.current_transcript()
    assert shown is not None and item.quote.source_path == source_key(shown.source.path)
    index = ctrl.model.index(0, 0)
    assert index.data(QuoteRoles.Speaker) == "Antony Blinken"
    assert index.data(QuoteRoles.Locator).startswith("para. ")
    assert index.data(QuoteRoles.SourceTitle)
    assert ctrl.board.selected_ids() == [quote_id]


def test_a_selection_over_several_turns_gives_one_piece_per_turn(
    qtbot: Any, opened: MainWindow
) -> None:
    transcript = opened.current_transcript()
    assert transcript is not None
    reader = opened.reader
    first = transcript.turns[1].text.index("Diplomacy")
    from PySide6.QtGui import QTextCursor

    start_pos = (reader.turn_position(1) or (0, 0))[0] + first
    end_pos = (reader.turn_position(3) or (0, 0))[0] + len("No, not publicly.")
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start_pos)
    cursor.setPosition(end_pos, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    items = controller(opened).add_selection()
    assert [i.quote.turn for i in items] == [1, 2, 3]
    assert items[0].quote.text == "Diplomacy is the best way."
    assert items[2].quote.text == "No, not publicly."
    assert items[1].quote.speaker == "Efi Koutsokosta"


def test_nothing_selected_adds_nothing(opened: MainWindow) -> None:
    ctrl = controller(opened)
    opened.reader.select_span(1, 0, 0)
    assert ctrl.add_selection() == []
    assert len(ctrl.store) == 0
    assert "Select words" in opened.statusBar().currentMessage()


def test_model_passes_qt_model_tester(qtbot: Any, qtmodeltester: Any, opened: MainWindow) -> None:
    for words in ("No, not publicly.", "Diplomacy is the best way.", "President Putin"):
        add_words(qtbot, opened, words)
    model = controller(opened).model
    qtmodeltester.check(model, force_py=True)
    model.set_filter("putin")
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 1


def test_drag_and_drop_order_is_saved(qtbot: Any, opened: MainWindow) -> None:
    ids = [add_words(qtbot, opened, w) for w in ("No, not publicly.", "Diplomacy is the best way.",
                                                 "President Putin")]
    model = controller(opened).model
    # The list view's internal move calls moveRows: the last row to the top.
    assert model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 0)
    expected = [ids[2], ids[0], ids[1]]
    assert [i.id for i in model.items()] == expected
    with QuoteStore() as other:  # a second connection sees the committed order
        assert [i.id for i in other.quotes()] == expected
    # A drop of dragged rows (the model's own MIME data) before row 1.
    data = model.mimeData([model.index(2, 0)])
    assert data.hasFormat(MIME_TYPE)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    expected = [ids[2], ids[1], ids[0]]
    assert [i.id for i in model.items()] == expected
    with QuoteStore() as other:
        assert [i.id for i in other.quotes()] == expected


def test_ctrl_shift_arrows_move_the_current_quote(qtbot: Any, opened: MainWindow) -> None:
    """The keyboard twin of drag and drop (the list's internal drag calls `moveRows`, tested
    above; a synthetic drop cannot stand in for it: Qt accepts internal moves only from a
    real drag of the same view)."""
    ids = [add_words(qtbot, opened, w) for w in ("No, not publicly.", "President Putin",
                                                 "Diplomacy is the best way.")]
    ctrl = controller(opened)
    view = ctrl.board.view
    assert view.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    ctrl.model.move_quote(ids[2], 0)
    ctrl.board.select_ids([ids[2]])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, CTRL_SHIFT)
    assert [i.id for i in ctrl.store.quotes()] == [ids[0], ids[2], ids[1]]
    assert ctrl.board.selected_ids() == [ids[2]]
    qtbot.keyClick(view, Qt.Key.Key_Up, CTRL_SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Up, CTRL_SHIFT)  # already first
    assert [i.id for i in ctrl.store.quotes()] == [ids[2], ids[0], ids[1]]
    menu = [a.text().replace("&", "") for a in view.actions()]
    assert menu[-3:] == ["Move Up", "Move Down", "Remove from Board"]
    assert "Show in Reader" in menu


def test_reordering_a_filtered_board_keeps_hidden_quotes_in_place(
    qtbot: Any, opened: MainWindow
) -> None:
    a = add_words(qtbot, opened, "No, not publicly.")
    b = add_words(qtbot, opened, "President Putin")
    c = add_words(qtbot, opened, "not know the intentions")
    model = controller(opened).model
    model.set_filter("not")  # a and c; b is hidden
    assert [i.id for i in model.items()] == [a, c]
    assert model.move_quote(c, 0)
    model.set_filter("")
    assert [i.id for i in model.items()] == [c, b, a]


def test_delete_removes_the_selected_quotes(qtbot: Any, opened: MainWindow) -> None:
    a = add_words(qtbot, opened, "No, not publicly.")
    b = add_words(qtbot, opened, "President Putin")
    ctrl = controller(opened)
    ctrl.board.select_ids([a])
    ctrl.board.view.setFocus()
    qtbot.keyClick(ctrl.board.view, Qt.Key.Key_Delete)
    assert [i.id for i in ctrl.store.quotes()] == [b]
    assert board_words(opened) == ["President Putin"]


def test_filter_box_filters_words_notes_and_tags(qtbot: Any, opened: MainWindow) -> None:
    a = add_words(qtbot, opened, "No, not publicly.")
    add_words(qtbot, opened, "President Putin")
    ctrl = controller(opened)
    ctrl.store.update(a, note="ask again later", tags=["summit"])
    ctrl.model.reload()
    qtbot.keyClicks(ctrl.board.filter, "summit")
    assert board_words(opened) == ["No, not publicly."]
    assert ctrl.board.count_label.text() == "1 of 2"
    ctrl.board.filter.clear()
    assert len(board_words(opened)) == 2


def test_notes_and_tags_are_saved_at_once(qtbot: Any, opened: MainWindow) -> None:
    quote_id = add_words(qtbot, opened, "No, not publicly.")
    ctrl = controller(opened)
    editor = ctrl.board.editor
    assert editor.quote_id() == quote_id and editor.isEnabled()
    editor.tags.setText("summit, biden ,  summit")
    editor.tags.editingFinished.emit()
    editor.note.setPlainText("Ask the White House")
    with qtbot.waitSignal(editor.noteEdited, timeout=3000):
        pass
    with QuoteStore() as other:
        item = other.get(quote_id)
    assert item.tags == ("summit", "biden")
    assert item.note == "Ask the White House"
    index = ctrl.model.index(0, 0)
    assert index.data(QuoteRoles.Tags) == ["summit", "biden"]
    assert index.data(QuoteRoles.Note) == "Ask the White House"


def test_a_note_being_typed_is_kept_when_the_window_closes(
    qtbot: Any, opened: MainWindow
) -> None:
    quote_id = add_words(qtbot, opened, "No, not publicly.")
    editor = controller(opened).board.editor
    editor.note.setPlainText("typed just before closing")
    opened.close()
    with QuoteStore() as other:
        assert other.get(quote_id).note == "typed just before closing"


def test_the_board_survives_a_restart(qtbot: Any, opened: MainWindow, settings_path: Path) -> None:
    ids = [add_words(qtbot, opened, w) for w in ("No, not publicly.", "President Putin",
                                                 "Diplomacy is the best way.")]
    ctrl = controller(opened)
    ctrl.model.move_quote(ids[2], 0)
    ctrl.store.update(ids[1], note="check", tags=["x"])
    before = [(i.id, i.quote, i.note, i.tags) for i in ctrl.store.quotes()]
    opened.close()
    second = MainWindow(Settings(settings_path), show_errors=False)
    qtbot.addWidget(second)
    again = controller(second)
    after = [(i.id, i.quote, i.note, i.tags) for i in again.store.quotes()]
    assert after == before
    assert [i.id for i in again.model.items()] == [ids[2], ids[0], ids[1]]
    with qtbot.waitSignal(again.checked, timeout=10_000):
        pass  # the sources are checked in the background on start
    assert not any(again.model.index(r, 0).data(QuoteRoles.Stale)
                   for r in range(again.model.rowCount()))
    second.workers.wait(5000)


def test_double_click_shows_the_quote_highlighted(qtbot: Any, opened: MainWindow) -> None:
    words = "A new aggression against Ukraine would be a mistake"
    quote_id = add_words(qtbot, opened, words)
    item = controller(opened).store.get(quote_id)
    opened.reader.scroll_to_turn(3)
    opened.reader.clear_highlights("quote")
    ctrl = controller(opened)
    view = ctrl.board.view
    rect = view.visualRect(ctrl.model.index(0, 0))
    with qtbot.waitSignal(ctrl.quoteShown, timeout=5000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.reader.highlights("quote") == [(item.quote.turn, item.quote.start,
                                                  item.quote.end)]


def test_showing_a_quote_from_another_file_opens_it(
    qtbot: Any, opened: MainWindow, tmp_path: Path
) -> None:
    quote_id = add_words(qtbot, opened, "President Putin")
    other = write_transcript(tmp_path, "other.txt",
                             "HOST: Welcome to the show.\n\nGUEST: Thanks for having me.\n")
    open_file(qtbot, opened, other)
    ctrl = controller(opened)
    with qtbot.waitSignal(ctrl.quoteShown, timeout=10_000):
        ctrl.show_quote(quote_id)
    shown = opened.current_transcript()
    assert shown is not None and "President Putin" in shown.turns[1].text
    item = ctrl.store.get(quote_id)
    assert opened.reader.highlights("quote") == [(1, item.quote.start, item.quote.end)]


def test_a_changed_source_flags_the_quote_and_moved_words_can_be_reanchored(
    qtbot: Any, opened: MainWindow, tmp_path: Path
) -> None:
    moved_id = add_words(qtbot, opened, "Diplomacy is the best way.")
    gone_id = add_words(qtbot, opened, "No, not publicly.")
    path = tmp_path / "interview.txt"
    edited = TRANSCRIPT.replace("Diplomacy is the best way.", "").replace(
        "No, not publicly.", "Not yet."
    ) + "\nAntony Blinken: Diplomacy is the best way.\n"
    path.write_text(edited, encoding="utf-8")
    ctrl = controller(opened)
    with qtbot.waitSignal(ctrl.checked, timeout=10_000):
        ctrl.check_all()
    model = ctrl.model
    statuses = {model.index(r, 0).data(QuoteRoles.Id): model.index(r, 0).data(QuoteRoles.Status)
                for r in range(model.rowCount())}
    assert statuses[moved_id] == "moved"
    assert statuses[gone_id] in ("changed", "missing")
    assert ctrl.store.get(moved_id).stale and ctrl.store.get(gone_id).stale  # never dropped
    index = model.index(model.row_of(gone_id) or 0, 0)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "no longer" in index.data(Qt.ItemDataRole.ToolTipRole)
    ctrl.board.select_ids([moved_id])
    assert ctrl.reanchor_action.isEnabled()
    assert ctrl.board.editor.reanchor_button.isVisibleTo(ctrl.board)
    assert ctrl.reanchor_quote(moved_id)
    fresh = ctrl.store.get(moved_id)
    assert not fresh.stale and fresh.quote.text == "Diplomacy is the best way."
    assert verify(fresh.quote, import_file(path)) is Verification.EXACT
    assert ctrl.model.status(moved_id) == ""
    assert not ctrl.reanchor_quote(gone_id)  # its words are gone: it stays flagged
    assert ctrl.store.get(gone_id).stale


def test_a_missing_source_is_flagged_not_dropped(
    qtbot: Any, opened: MainWindow, tmp_path: Path
) -> None:
    quote_id = add_words(qtbot, opened, "President Putin")
    (tmp_path / "interview.txt").unlink()
    ctrl = controller(opened)
    with qtbot.waitSignal(ctrl.checked, timeout=10_000):
        ctrl.check_all()
    index = ctrl.model.index(0, 0)
    assert index.data(QuoteRoles.Status) == "no-source"
    assert ctrl.store.get(quote_id).stale
    assert "cannot be found" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_quote_words_are_data_never_markup(qtbot: Any, window: MainWindow,
                                           tmp_path: Path) -> None:
    path = write_transcript(tmp_path, "markup.txt",
                            "HOST: What did you say?\n\nGUEST: I said <b>no</b> & left.\n")
    open_file(qtbot, window, path)
    add_words(qtbot, window, "I said <b>no</b> & left.")
    index = controller(window).model.index(0, 0)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;no&lt;/b&gt; &amp; left." in tip and "<b>no</b>" not in tip
    assert index.data(Qt.ItemDataRole.DisplayRole) == "I said <b>no</b> & left."


def test_a_second_window_shows_the_same_board(qtbot: Any, opened: MainWindow,
                                              settings_path: Path) -> None:
    first = add_words(qtbot, opened, "President Putin")
    second = MainWindow(Settings(settings_path), show_errors=False)
    qtbot.addWidget(second)
    other = controller(second)
    assert [i.id for i in other.model.items()] == [first]
    add_words(qtbot, opened, "No, not publicly.")
    other._sync_from_store()  # what activating the other window does
    assert other.model.rowCount() == 2
    second.workers.wait(5000)


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_screenshot_with_quotes(qtbot: Any, sample_path: Path, settings_path: Path,
                                tmp_path: Path, theme_name: str) -> None:
    """A picture of the window with a few quotes on the board (set VERBATIM_SHOT_DIR to keep
    it); checks the board is drawn with readable text in both themes."""
    window = MainWindow(Settings(settings_path), theme_override=theme_name, show_errors=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    open_file(qtbot, window, sample_path)
    ctrl = controller(window)
    for words in ("a new aggression against Ukraine would be a mistake",
                  "Our conversation was very direct, frank as usual",
                  "diplomacy is the best way to resolve them"):
        add_words(qtbot, window, words)
    first = ctrl.model.item(0).id
    ctrl.store.update(first, note="Lead quote for the piece", tags=["ukraine", "nato"])
    ctrl.model.reload()
    ctrl.board.select_ids([first])
    ctrl.show_quote(first)
    window.workers.wait(5000)
    qtbot.wait(100)
    image = window.grab().toImage()
    out = Path(os.environ.get("VERBATIM_SHOT_DIR", str(tmp_path))) / f"board-{theme_name}.png"
    assert image.save(str(out))
    board = ctrl.board.view.grab().toImage()
    colours = {board.pixel(x, y) for x in range(0, board.width(), 5)
               for y in range(0, board.height(), 5)}
    assert len(colours) > 10  # words, meta line, tags: not an empty list
    background = board.pixelColor(board.width() - 3, board.height() - 3)
    assert (background.lightness() < 128) == (theme_name == "dark")
    QApplication.processEvents()


def test_an_unusable_library_leaves_the_window_working(
    qtbot: Any, settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from desktop.ui import library_session

    def broken(*_: object, **__: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(library_session.Workspace, "open", broken)
    window = MainWindow(Settings(settings_path), show_errors=False)
    qtbot.addWidget(window)
    assert controller_of(window) is None
    assert "quote board is unavailable" in window.statusBar().currentMessage()


# --- shortening a quote with an ellipsis -----------------------------------------------------

LONG = "We do not know the intentions of President Putin. A new aggression"


def test_shorten_is_on_the_toolbar_and_in_the_context_menu(qtbot: Any, opened: MainWindow) -> None:
    ctrl = controller(opened)
    assert ctrl.shorten_action in ctrl.board.toolbar.actions()
    assert ctrl.shorten_action in ctrl.board.view.actions()
    assert not ctrl.shorten_action.isEnabled()  # nothing selected
    quote_id = add_words(qtbot, opened, LONG)
    ctrl.board.select_ids([quote_id])
    assert ctrl.shorten_action.isEnabled()
    ctrl.board.select_ids([])
    ctrl.shorten_selected()
    assert "Select one quote" in opened.statusBar().currentMessage()


def test_shorten_dialog_omits_selected_words_and_saves(qtbot: Any, opened: MainWindow) -> None:
    ctrl = controller(opened)
    quote_id = add_words(qtbot, opened, LONG)
    dialog = ctrl.shorten_dialog(quote_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.words.isReadOnly() and dialog.words.toPlainText() == LONG
    assert dialog.preview.text() == f"“{LONG}”"
    assert not dialog.omit_button.isEnabled() and not dialog.restore_button.isEnabled()
    # part of "intentions" to part of "Putin.": the whole words go, one ellipsis
    dialog.select_words(LONG.index("ntentions"), LONG.index("utin"))
    assert dialog.omit_button.isEnabled()
    qtbot.mouseClick(dialog.omit_button, Qt.MouseButton.LeftButton)
    assert dialog.preview.text() == "“We do not know the … A new aggression”"
    assert dialog.words.toPlainText() == LONG  # the source's words stay shown, struck through
    assert len(dialog.words.extraSelections()) == 1
    assert dialog.words.extraSelections()[0].format.fontStrikeOut()
    dialog.select_words(LONG.index("not"), LONG.index("not") + 3)  # repeatable
    assert dialog.omit_selection()
    assert dialog.preview.text() == "“We do … know the … A new aggression”"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.preview.text() == f"“{LONG}”" and dialog.elisions() == ()
    dialog.select_words(LONG.index("the"), LONG.index("A new"))
    assert dialog.omit_selection()
    assert ctrl.save_shortened(quote_id, dialog)
    item = ctrl.store.get(quote_id)
    assert item.quote.text == LONG  # stored words unchanged, only the omission
    assert item.quote.words() == "We do not know … A new aggression"
    assert board_words(opened) == ["We do not know … A new aggression"]
    assert "shortened" in opened.statusBar().currentMessage()
    transcript = opened.current_transcript()
    assert transcript is not None
    fresh = import_file(Path(item.quote.source_path))
    assert verify(item.quote, fresh) is Verification.EXACT  # still the source's words


def test_shorten_dialog_keeps_the_first_and_last_words(qtbot: Any, opened: MainWindow) -> None:
    ctrl = controller(opened)
    quote_id = add_words(qtbot, opened, LONG)
    dialog = ctrl.shorten_dialog(quote_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    for start, end in ((0, 5), (LONG.index("new"), len(LONG)), (0, len(LONG))):
        dialog.select_words(start, end)
        assert not dialog.omit_button.isEnabled()
        assert "first and last words stay" in dialog.hint.text()
        assert not dialog.omit_selection()
    assert dialog.elisions() == ()
    dialog.select_words(LONG.index(" the "), LONG.index(" the ") + 1)  # only a space
    assert not dialog.omit_button.isEnabled()


def test_shortened_quote_is_copied_with_an_ellipsis(qtbot: Any, opened: MainWindow) -> None:
    ctrl = controller(opened)
    quote_id = add_words(qtbot, opened, LONG)
    dialog = ctrl.shorten_dialog(quote_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.select_words(LONG.index("the intentions"), LONG.index("A new"))
    assert dialog.omit_selection() and ctrl.save_shortened(quote_id, dialog)
    ctrl.set_style("ap")
    ctrl.board.select_ids([quote_id])
    with qtbot.waitSignal(ctrl.copied, timeout=10_000) as copied:
        ctrl.board.view.setFocus()
        qtbot.keyClick(ctrl.board.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert copied.args[0].plain.startswith("“We do not know ... A new aggression,” ")


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_screenshot_of_the_shorten_dialog(qtbot: Any, sample_path: Path, settings_path: Path,
                                          tmp_path: Path, theme_name: str) -> None:
    """A picture of the Shorten dialog with one omission (VERBATIM_SHOT_DIR keeps it)."""
    window = MainWindow(Settings(settings_path), theme_override=theme_name, show_errors=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    open_file(qtbot, window, sample_path)
    ctrl = controller(window)
    words = "So it is very important for me and for us to tell Russia very clearly that a new " \
            "aggression against Ukraine would be a mistake"
    quote_id = add_words(qtbot, window, words)
    dialog = ctrl.shorten_dialog(quote_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.select_words(words.index("for me"), words.index(" to tell"))
    assert dialog.omit_selection()
    dialog.select_words(words.index("very clearly"), words.index(" that a new"))
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    image = dialog.grab().toImage()
    out = Path(os.environ.get("VERBATIM_SHOT_DIR", str(tmp_path))) / f"shorten-{theme_name}.png"
    assert image.save(str(out))
    preview = dialog.preview.grab().toImage()
    colours = {preview.pixel(x, y) for x in range(0, preview.width(), 3)
               for y in range(0, preview.height(), 3)}
    assert len(colours) > 3  # the preview text is drawn
    background = image.pixelColor(image.width() - 3, image.height() - 3)
    assert (background.lightness() < 128) == (theme_name == "dark")
    assert dialog.preview.text() == (
        "“So it is very important … to tell Russia very clearly that a new aggression against "
        "Ukraine would be a mistake”"
    )
