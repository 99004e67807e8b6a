"""Copy with citation (Ctrl+Shift+C): both clipboard flavours, the reader selection or the
board's selected quotes, the style menu, and refusal of quotes that do not match their source."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.core.citations import CitationRecord, CiteOptions, Person, cite
from desktop.core.importers import import_file
from desktop.core.quotes import find_quote
from desktop.ui.clipboard import compose, mime_data
from desktop.ui.main_window import MainWindow
from tests.core.citation_fixtures import GOLDEN
from tests.ui.test_quote_board import (
    add_words,
    controller,
    open_file,
    select_words,
    write_transcript,
)

pytestmark = pytest.mark.timeout(60)

WORDS = "A new aggression against Ukraine would be a mistake"


def clipboard() -> tuple[str, str, bool]:
    data = QGuiApplication.clipboard().mimeData()
    return data.text(), data.html(), data.hasHtml()


def press_copy(qtbot: Any, window: MainWindow, widget: Any) -> Any:
    """Ctrl+Shift+C on `widget`; returns the CitedText copied."""
    ctrl = controller(window)
    with qtbot.waitSignal(ctrl.copied, timeout=10_000) as copied:
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_C,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    return copied.args[0]


@pytest.fixture
def opened(qtbot: Any, window: MainWindow, tmp_path: Path) -> MainWindow:
    path = write_transcript(tmp_path)
    open_file(qtbot, window, path)
    controller(window).store.set_details(str(path.resolve()), GOLDEN)
    return window


def test_compose_numbers_notes_and_gives_each_reference_once(
    sample_path: Path, tmp_path: Path
) -> None:
    transcript = import_file(sample_path)
    first = find_quote(transcript, "a new aggression against Ukraine would be a mistake")
    second = find_quote(transcript, "diplomacy is the best way")
    other_path = write_transcript(tmp_path)
    third = find_quote(import_file(other_path), "No, not publicly")
    assert first is not None and second is not None and third is not None
    other = CitationRecord(title="Talk", interviewees=(Person("Antony Blinken"),),
                           outlet="PBS", published="2022-01-05")
    records = {first.source_path: GOLDEN, third.source_path: other}
    options = CiteOptions(today=dt.date(2025, 1, 15))
    notes = compose("chicago-notes", [first, second, third], records, options).plain.split("\n\n")
    full = cite("chicago-notes", GOLDEN, first.quoted(), replace(options, note_number=1))
    assert notes[:4] == [
        "“a new aggression against Ukraine would be a mistake”",
        full.note.plain,
        "“diplomacy is the best way”",
        # the short note for a source already cited; both sources are Blinken interviews,
        # so the short title says which (AMB-7) where "Blinken, interview." would not
        "2. Blinken, “Antony Blinken.”",
    ]
    assert notes[5].startswith("3. Antony Blinken, “Talk,”")  # a new source: full note
    assert notes[6] == full.reference.plain and len(notes) == 8  # one entry per source
    ieee = compose("ieee", [first, third, second], records, options).plain
    assert "[2, para. 4]" in ieee and ieee.count("[1, para. 2]") == 2
    assert "\n\n[2] " in ieee
    ap = compose("ap", [first, second], records, options)
    assert ap.plain.split("\n\n") == [
        "“A new aggression against Ukraine would be a mistake,” Secretary of State Antony "
        "Blinken said in an interview with Euronews on Dec. 2, 2021.",
        "“Diplomacy is the best way,” Blinken said in an interview with Euronews on "
        "Dec. 2, 2021.",  # later reference: surname only
    ]
    assert ap.html == "".join(f"<p>{p}</p>" for p in ap.plain.split("\n\n"))


def test_chicago_short_note_for_one_interview_and_for_a_source_without_interviewee(
    sample_path: Path,
) -> None:
    transcript = import_file(sample_path)
    first = find_quote(transcript, WORDS)
    second = find_quote(transcript, "diplomacy is the best way")
    assert first is not None and second is not None
    options = CiteOptions(today=dt.date(2025, 1, 15))
    notes = compose("chicago-notes", [first, second], {first.source_path: GOLDEN},
                    options).plain.split("\n\n")
    assert notes[3] == "2. Blinken, interview."  # CH-2: one interview cited, no ambiguity
    anonymous = replace(GOLDEN, interviewees=())
    notes = compose("chicago-notes", [first, second], {first.source_path: anonymous},
                    options).plain.split("\n\n")
    assert notes[1].startswith("1. “Antony Blinken: ‘In Case of")
    assert notes[3] == "2. “Antony Blinken.”"  # a work without an author: its short title
    assert "Interview, interview" not in "\n".join(notes)


def test_ap_first_reference_is_per_person_not_per_source(
    sample_path: Path, tmp_path: Path
) -> None:
    """AP-2: full name (with title) the first time each person is quoted, surname after."""
    transcript = import_file(sample_path)
    answer = find_quote(transcript, WORDS)
    question = find_quote(transcript, "Are we close to a military confrontation?")
    again = find_quote(transcript, "diplomacy is the best way")
    assert answer is not None and question is not None and again is not None
    assert question.speaker == "Efi Koutsokosta"
    other_path = write_transcript(tmp_path)
    elsewhere = find_quote(import_file(other_path), "No, not publicly")
    assert elsewhere is not None
    other = CitationRecord(title="Talk", interviewees=(Person("Antony Blinken"),),
                           outlet="PBS", published="2022-01-05")
    records = {answer.source_path: GOLDEN, elsewhere.source_path: other}
    options = CiteOptions(today=dt.date(2025, 1, 15), mention_source=False)
    lines = compose("ap", [answer, question, again, elsewhere], records,
                    options).plain.split("\n\n")
    assert lines == [
        "“A new aggression against Ukraine would be a mistake,” Secretary of State Antony "
        "Blinken said.",
        # a second person from the same interview: her first reference, in full
        "“Are we close to a military confrontation?” Efi Koutsokosta said.",
        "“Diplomacy is the best way,” Blinken said.",
        # the same person quoted from another source is still a later reference
        "“No, not publicly,” Blinken said.",
    ]


def test_mime_data_carries_both_flavours(sample_path: Path) -> None:
    transcript = import_file(sample_path)
    quote = find_quote(transcript, WORDS)
    assert quote is not None
    text = compose("apa", [quote], {quote.source_path: GOLDEN})
    data = mime_data(text)
    assert data.hasHtml() and data.hasText()
    assert data.text() == text.plain and data.html() == text.html
    assert "<i>Antony Blinken: “In case of Russian aggression in Ukraine, we will respond.”</i>" \
        in data.html()
    assert "<i>" not in data.text()


def test_ctrl_shift_c_copies_the_reader_selection_with_its_citation(
    qtbot: Any, opened: MainWindow
) -> None:
    select_words(opened, WORDS)
    copied = press_copy(qtbot, opened, opened.reader)
    plain, html, has_html = clipboard()
    assert has_html
    assert plain == copied.plain and html == copied.html
    assert plain.startswith(f"“{WORDS}” (Koutsokosta, 2021, para. 2)\n\n")
    assert plain.endswith("Euronews. https://www.euronews.com/EXAMPLE-PATH")
    assert "<i>Antony Blinken: “In case of Russian aggression" in html
    assert "APA 7" in opened.statusBar().currentMessage()
    assert len(controller(opened).store) == 0  # copying does not add to the board


def test_ctrl_c_alone_copies_plain_words(qtbot: Any, opened: MainWindow) -> None:
    select_words(opened, WORDS)
    opened.reader.setFocus()
    qtbot.keyClick(opened.reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    plain, _html, has_html = clipboard()
    assert plain == WORDS and not has_html


def test_with_the_board_focused_its_selected_quotes_are_copied(
    qtbot: Any, opened: MainWindow
) -> None:
    first = add_words(qtbot, opened, WORDS)
    second = add_words(qtbot, opened, "No, not publicly")
    ctrl = controller(opened)
    ctrl.set_style("ap")
    ctrl.board.select_ids([first, second])
    select_words(opened, "President Putin")  # a reader selection too: the focus decides
    copied = press_copy(qtbot, opened, ctrl.board.view)
    paragraphs = copied.plain.split("\n\n")
    assert len(paragraphs) == 2  # AP: one attribution sentence each, no reference
    assert paragraphs[0].startswith(f"“{WORDS},” Secretary of State Antony Blinken")
    assert paragraphs[1].startswith("“No, not publicly,” Blinken said")
    assert clipboard()[0] == copied.plain


def test_the_style_menu_sets_the_default_style(qtbot: Any, opened: MainWindow) -> None:
    ctrl = controller(opened)
    assert opened.settings.citation_style == "apa"
    assert ctrl.style_actions["apa"].isChecked()
    ctrl.style_actions["mla"].trigger()
    assert opened.settings.citation_style == "mla"
    assert ctrl.style_actions["mla"].isChecked()
    select_words(opened, WORDS)
    copied = press_copy(qtbot, opened, opened.reader)
    assert copied.plain.startswith(f"“{WORDS}” (Blinken)")
    assert "Interview by Efi Koutsokosta. Euronews, 2 Dec. 2021" in copied.plain
    labels = [a.text() for a in ctrl.style_menu.actions()]
    assert labels[:2] == ["APA 7", "MLA 9"] and len(labels) == 7


def test_words_from_a_changed_file_are_not_copied(
    qtbot: Any, opened: MainWindow, tmp_path: Path
) -> None:
    QGuiApplication.clipboard().setText("before")
    select_words(opened, WORDS)
    path = tmp_path / "interview.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("would be a mistake", "is bad"),
                    encoding="utf-8")
    ctrl = controller(opened)
    with qtbot.waitSignal(ctrl.copyRefused, timeout=10_000) as refused:
        ctrl.copy_with_citation()
    assert "Not copied" in refused.args[0]
    # the old clipboard is emptied, not left to be pasted as if it were this quote (M8)
    data = QGuiApplication.clipboard().mimeData()
    assert data is None or "before" not in data.text()
    assert "Not copied" in opened.statusBar().currentMessage()
    # and it is said where the user is looking: the board's message bar, in red
    assert "Not copied" in ctrl.board.message.text()
    assert ctrl.board.message.property("warning") is True


def test_an_invented_quote_is_never_copied(qtbot: Any, opened: MainWindow) -> None:
    QGuiApplication.clipboard().setText("before")
    ctrl = controller(opened)
    select_words(opened, WORDS)
    real = ctrl.selection_quotes()
    invented = replace(real[0], text="A new aggression would be welcome")
    with qtbot.waitSignal(ctrl.copyRefused, timeout=10_000):
        ctrl.copy_quotes([invented])
    data = QGuiApplication.clipboard().mimeData()
    assert data is None or "before" not in data.text()  # never left to be pasted by mistake


def test_copied_html_escapes_the_words(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    path = write_transcript(tmp_path, "markup.txt",
                            "HOST: What did you say?\n\nGUEST: I said <b>no</b> & left.\n")
    open_file(qtbot, window, path)
    select_words(window, "I said <b>no</b> & left.")
    copied = press_copy(qtbot, window, window.reader)
    # the quote's full stop follows the parenthetical citation (APA-7)
    # `GUEST` is a role, not a person: the citation names nobody rather than the label
    assert "“I said &lt;b&gt;no&lt;/b&gt; &amp; left” (n.d., para. 2)." in copied.html
    assert "<b>no</b>" not in copied.html
    assert "“I said <b>no</b> & left” (n.d., para. 2)." in copied.plain
    assert "GUEST" not in copied.plain


def test_nothing_selected_copies_nothing(opened: MainWindow) -> None:
    QGuiApplication.clipboard().setText("before")
    opened.reader.select_span(1, 0, 0)
    controller(opened).copy_with_citation()
    assert clipboard()[0] == "before"
    assert "Select words" in opened.statusBar().currentMessage()
