"""End to end on the bundled interview, as a user does it: open, search, select “a new
aggression against Ukraine would be a mistake” in the reader, Ctrl+D, fill in the citation
details, Ctrl+Shift+C in each style (both clipboard flavours equal citations.md's golden
strings), and export the board in every format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from desktop.core.export import format_labels
from desktop.ui.dialogs.export_dialog import ExportChoice
from desktop.ui.main_window import MainWindow
from tests.core.citation_fixtures import as_html, plain
from tests.ui.test_quote_board import controller, open_file

pytestmark = pytest.mark.timeout(120)

WORDS = "a new aggression against Ukraine would be a mistake"
QUOTED = f"“{WORDS}”"
URL = "https://www.euronews.com/EXAMPLE-PATH"

#: What Ctrl+Shift+C gives per style: the quote with its in-text citation (or note, or AP's
#: attribution sentence), then the reference: the golden strings of citations.md §5, with the
#: locator the sample gives (the words are in the transcript's second paragraph).
GOLDEN_COPIES: dict[str, list[str]] = {
    "apa": [
        f"{QUOTED} (Koutsokosta, 2021, para. 2)",
        "Koutsokosta, E. (2021, December 2). *Antony Blinken: “In case of Russian aggression in "
        f"Ukraine, we will respond.”* Euronews. {URL}",
    ],
    "mla": [
        f"{QUOTED} (Blinken)",
        "Blinken, Antony. “Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We Will "
        "Respond.’” Interview by Efi Koutsokosta. *Euronews*, 2 Dec. 2021, "
        "www.euronews.com/EXAMPLE-PATH.",
    ],
    "chicago-notes": [
        QUOTED,
        "1. Antony Blinken, “Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We Will "
        "Respond,’” interview by Efi Koutsokosta, *Euronews*, December 2, 2021, "
        f"{URL}.",
        "Blinken, Antony. “Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We Will "
        "Respond.’” Interview by Efi Koutsokosta. *Euronews*, December 2, 2021. "
        f"{URL}.",
    ],
    "chicago-author-date": [
        f"{QUOTED} (Blinken 2021)",
        "Blinken, Antony. 2021. “Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We "
        "Will Respond.’” Interview by Efi Koutsokosta. *Euronews*, December 2, 2021. "
        f"{URL}.",
    ],
    "harvard": [
        f"‘{WORDS}’ (Blinken, 2021)",
        "Blinken, A. (2021) ‘Antony Blinken: “In case of Russian aggression in Ukraine, we will "
        "respond”’. Interview with Antony Blinken. Interviewed by Efi Koutsokosta for "
        f"*Euronews*, 2 December. Available at: {URL} (Accessed: 15 January 2025).",
    ],
    "ieee": [
        f"{QUOTED} [1, para. 2]",
        "[1] E. Koutsokosta, “Antony Blinken: ‘In case of Russian aggression in Ukraine, we "
        "will respond,’” *Euronews*, Dec. 2, 2021. Accessed: Jan. 15, 2025. [Online]. "
        f"Available: {URL}",
    ],
    "ap": [
        "“A new aggression against Ukraine would be a mistake,” Secretary of State Antony "
        "Blinken said in an interview with Euronews on Dec. 2, 2021.",
    ],
}


def search_step(qtbot: Any, window: MainWindow) -> None:
    """Search for the words with the search panel, when this build has one, and open the hit."""
    search: Any = window.findChild(QObject, "searchController")
    if search is None or not hasattr(search, "search"):
        return
    search.search('"new aggression against Ukraine"')
    qtbot.waitUntil(lambda: search.results.rowCount() > 0, timeout=10_000)
    search.open_row(0)
    qtbot.waitUntil(lambda: bool(window.reader.highlights("search")), timeout=10_000)


def test_open_select_add_cite_copy_export(
    qtbot: Any, window: MainWindow, sample_path: Path, tmp_path: Path
) -> None:
    open_file(qtbot, window, sample_path)
    search_step(qtbot, window)
    transcript = window.current_transcript()
    assert transcript is not None

    # Select the words by putting the reader's text cursor over them.
    reader = window.reader
    turn = next(i for i, t in enumerate(transcript.turns) if WORDS in t.text)
    offset = transcript.turns[turn].text.index(WORDS)
    start, _end = reader.turn_position(turn) or (0, 0)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start + offset)
    cursor.setPosition(start + offset + len(WORDS), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    assert reader.selected_text() == WORDS

    ctrl = controller(window)
    with qtbot.waitSignal(ctrl.quotesAdded, timeout=5000):
        reader.setFocus()
        qtbot.keyClick(reader, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [item.quote.text for item in ctrl.store.quotes()] == [WORDS]

    # The citation details of citations.md §0, entered in the details editor.
    made = ctrl.details_dialog()
    assert made is not None
    dialog, key = made
    qtbot.addWidget(dialog)
    role = dialog.people.item(0, 1)
    assert role is not None and dialog.people.rowCount() == 1  # Blinken, from the import
    role.setText("Secretary of State")
    for name, value in {
        "interviewer": "Efi Koutsokosta",
        "byline": "Efi Koutsokosta",
        "outlet": "Euronews",
        "published": "2021-12-02",
        "url": URL,
        "accessed": "2025-01-15",
        "language": "en",
    }.items():
        dialog.field(name).setText(value)
    assert dialog.missing_text() == "APA 7 has every detail it uses."
    assert ctrl.save_details(dialog, key)

    # Ctrl+Shift+C in every style: text/plain and text/html both match the golden strings.
    reader.setTextCursor(cursor)
    for style, parts in GOLDEN_COPIES.items():
        ctrl.style_actions[style].trigger()
        with qtbot.waitSignal(ctrl.copied, timeout=10_000):
            reader.setFocus()
            qtbot.keyClick(reader, Qt.Key.Key_C,
                           Qt.KeyboardModifier.ControlModifier
                           | Qt.KeyboardModifier.ShiftModifier)
        data = QGuiApplication.clipboard().mimeData()
        assert data.hasHtml() and data.hasText(), style
        assert data.text() == "\n\n".join(plain(p) for p in parts), style
        assert data.html() == "".join(f"<p>{as_html(p)}</p>" for p in parts), style

    # Export the board in every format.
    out = tmp_path / "exports"
    out.mkdir()
    for format_id, _label, ext in format_labels():
        target = out / f"board-{format_id}{ext}"
        with qtbot.waitSignal(ctrl.exported, timeout=20_000) as done:
            ctrl.run_export(ExportChoice(False, format_id, "chicago-notes", target))
        assert done.args[0] == target and target.stat().st_size > 0, format_id
    exported = json.loads((out / "board-json.json").read_text(encoding="utf-8"))
    assert WORDS in json.dumps(exported, ensure_ascii=False)
    assert WORDS in (out / "board-md.md").read_text(encoding="utf-8")
