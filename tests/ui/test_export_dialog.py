"""The export dialog and the citation details editor: choices, every format written through the
worker and read back, a verification failure that lists the quotes and writes nothing, and the
live "still needs" line of the details editor."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.core.citations import CitationRecord, Person
from desktop.core.export import format_labels
from desktop.ui.dialogs.citation_dialog import CitationDialog, missing_sentence
from desktop.ui.dialogs.export_dialog import ExportChoice, ExportDialog
from desktop.ui.main_window import MainWindow
from tests.core.citation_fixtures import GOLDEN
from tests.ui.test_quote_board import add_words, controller, open_file, write_transcript

pytestmark = pytest.mark.timeout(90)

WORDS = ("A new aggression against Ukraine would be a mistake", "No, not publicly")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes recorded instead of shown."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def board(qtbot: Any, window: MainWindow, tmp_path: Path) -> MainWindow:
    path = write_transcript(tmp_path)
    open_file(qtbot, window, path)
    controller(window).store.set_details(str(path.resolve()), GOLDEN)
    for words in WORDS:
        add_words(qtbot, window, words)
    return window


def run_export(qtbot: Any, window: MainWindow, choice: ExportChoice) -> Path:
    ctrl = controller(window)
    failures: list[object] = []
    ctrl.exportFailed.connect(failures.append)
    with qtbot.waitSignal(ctrl.exported, timeout=20_000) as done:
        ctrl.run_export(choice)
    assert not failures
    path: Path = done.args[0]
    return path


# -- the dialog -------------------------------------------------------------------------------


def test_dialog_offers_every_format_and_style(qtbot: Any, tmp_path: Path) -> None:
    dialog = ExportDialog(selected=0, total=3, style_id="mla", folder=tmp_path)
    qtbot.addWidget(dialog)
    formats = [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())]
    assert formats == [fid for fid, _, _ in format_labels()]
    assert {"md", "txt", "html", "docx", "csv", "json", "pdf", "csl-json", "ris",
            "bibtex"} <= set(formats)
    assert dialog.style_combo.count() == 7
    assert not dialog.selected_radio.isEnabled() and dialog.all_radio.isChecked()
    choice = dialog.choice()
    assert (choice.selected_only, choice.style) == (False, "mla")
    assert choice.path.parent == tmp_path


def test_the_file_name_follows_the_format(qtbot: Any, tmp_path: Path) -> None:
    dialog = ExportDialog(selected=2, total=3, style_id="apa", folder=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.selected_radio.isChecked()
    dialog.set_path(tmp_path / "board.md")
    dialog.set_format("docx")
    assert dialog.choice().path == tmp_path / "board.docx"
    dialog.set_format("bibtex")
    assert dialog.choice().path.suffix == ".bib"
    dialog.set_path(tmp_path / "no-extension")
    assert dialog.choice().path == tmp_path / "no-extension.bib"
    dialog.set_path("")
    assert not dialog.export_button.isEnabled()


def test_ctrl_e_opens_the_dialog(qtbot: Any, board: MainWindow,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ExportDialog] = []

    def fake_exec(dialog: ExportDialog) -> int:
        seen.append(dialog)
        return 0  # cancelled

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    controller(board).export_action.trigger()
    assert len(seen) == 1
    assert "(2)" in seen[0].all_radio.text()


# -- exporting --------------------------------------------------------------------------------


def test_every_format_is_written_and_reads_back(
    qtbot: Any, board: MainWindow, tmp_path: Path, boxes: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for fid, _label, ext in format_labels():
        path = run_export(qtbot, board, ExportChoice(False, fid, "apa", out / f"quotes{ext}"))
        assert path == out / f"quotes{ext}" and path.is_file(), fid
        data = path.read_bytes()
        if fid in ("md", "txt", "html"):
            text = data.decode("utf-8")
            assert "A new aggression against Ukraine would be a mistake" in text
            assert "SHA-256" in text  # the provenance block
        elif fid == "docx":
            document = docx.Document(io.BytesIO(data))
            body = "\n".join(p.text for p in document.paragraphs)
            assert "No, not publicly" in body
        elif fid == "csv":
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
            assert len(rows) == 3  # header + two quotes
        elif fid == "json":
            loaded = json.loads(data)
            assert "No, not publicly" in json.dumps(loaded, ensure_ascii=False)
        elif fid == "csl-json":
            items = json.loads(data)
            assert isinstance(items, list) and items[0]["title"].startswith("Antony Blinken")
        elif fid == "pdf":
            assert data.startswith(b"%PDF")
        elif fid == "ris":
            assert data.decode("utf-8").lstrip().startswith("TY  -")
        elif fid == "bibtex":
            assert data.decode("utf-8").lstrip().startswith("@")
    assert "Exported 2 quotes to" in board.statusBar().currentMessage()
    assert board.settings.export_format == "bibtex"


def test_only_the_selected_quotes_are_exported(
    qtbot: Any, board: MainWindow, tmp_path: Path, boxes: list[str]
) -> None:
    ctrl = controller(board)
    ctrl.board.select_ids([ctrl.model.item(1).id])
    path = run_export(qtbot, board, ExportChoice(True, "json", "mla", tmp_path / "one.json"))
    text = path.read_text(encoding="utf-8")
    assert "No, not publicly" in text and "A new aggression" not in text


def test_a_quote_that_no_longer_matches_stops_the_export(
    qtbot: Any, board: MainWindow, tmp_path: Path, boxes: list[str]
) -> None:
    source = tmp_path / "interview.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("No, not publicly",
                                                                 "Not yet"), encoding="utf-8")
    target = tmp_path / "never.md"
    ctrl = controller(board)
    with qtbot.waitSignal(ctrl.exportFailed, timeout=20_000):
        ctrl.run_export(ExportChoice(False, "md", "apa", target))
    assert not target.exists()
    assert len(boxes) == 1
    assert "Nothing was exported" in boxes[0]
    assert "“No, not publicly”" in boxes[0] and "A new aggression" not in boxes[0]
    flagged = ctrl.model.item(1)
    assert flagged.quote.text == "No, not publicly" and ctrl.model.status(flagged.id)
    # said on the board too, where the user looks, and the refused row flashes (M8)
    assert "Nothing was exported" in ctrl.board.message.text()
    assert ctrl.board.flashing() == {flagged.id}


def test_an_export_over_an_existing_file_replaces_it_whole(
    qtbot: Any, board: MainWindow, tmp_path: Path, boxes: list[str]
) -> None:
    target = tmp_path / "quotes.txt"
    target.write_text("old content " * 1000, encoding="utf-8")
    run_export(qtbot, board, ExportChoice(False, "txt", "harvard", target))
    text = target.read_text(encoding="utf-8")
    assert "old content" not in text and "No, not publicly" in text
    assert [p.name for p in tmp_path.glob(".quotes.txt.*")] == []  # no temp file left behind


# -- citation details -------------------------------------------------------------------------


def test_details_editor_shows_what_the_style_still_needs(qtbot: Any) -> None:
    record = CitationRecord(title="Talk", interviewees=(Person("Antony Blinken"),),
                            outlet="Euronews")
    dialog = CitationDialog(record, "apa", source_name="talk.txt")
    qtbot.addWidget(dialog)
    text = dialog.missing_text()
    assert text.startswith("APA 7 still needs: ")
    assert "URL" in text and "publication date" in text
    assert text == missing_sentence("apa", record)
    dialog.field("url").setText("https://example.org/talk")
    assert "URL" not in dialog.missing_text()
    assert dialog.field("url").placeholderText() != "needed by APA 7"
    assert dialog.field("published").placeholderText() == "needed by APA 7"
    dialog.field("published").setText("2021-12-02")
    dialog.field("byline").setText("Efi Koutsokosta")
    dialog.field("interviewer").setText("Efi Koutsokosta")
    dialog.style_combo.setCurrentIndex(dialog.style_combo.findData("mla"))
    assert dialog.missing_text().startswith("MLA 9")


def test_details_editor_refuses_a_bad_date(qtbot: Any) -> None:
    dialog = CitationDialog(CitationRecord(), "apa")
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    height = dialog.error_label.height()
    dialog.field("published").setText("the second")
    assert not save.isEnabled() and dialog.error_label.text()
    assert dialog.error_label.height() == height  # the line is reserved: rows do not jump
    dialog.field("published").setText("2021-12")
    assert save.isEnabled() and not dialog.error_label.text()
    assert dialog.record().published == "2021-12"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2 Dec 2021", "2021-12-02"), ("December 2, 2021", "2021-12-02"), ("Dec 2021", "2021-12"),
     ("2 December", "--12-02"), ("2021", "2021")],
)
def test_details_editor_takes_natural_and_partial_dates(
    qtbot: Any, typed: str, stored: str
) -> None:
    dialog = CitationDialog(CitationRecord(), "apa")
    qtbot.addWidget(dialog)
    dialog.field("published").setText(typed)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.values()["published"] == stored
    assert dialog.record().published == stored


def test_details_editor_keeps_the_imports_partial_date_and_names_sources(
    qtbot: Any, tmp_path: Path
) -> None:
    from desktop.core.citations import record_from_transcript
    from desktop.core.importers import import_file

    sample = Path(__file__).resolve().parents[2] / "resources" / "sample-interview.txt"
    dialog = CitationDialog(record_from_transcript(import_file(sample)), "apa",
                            source_name="Antony Blinken: “In case …”")
    qtbot.addWidget(dialog)
    assert dialog.field("published").text() == "2 December"  # kept, not dropped (M7)
    assert "year" in dialog.missing_text()
    state = tmp_path / "state.txt"
    state.write_bytes((Path(__file__).resolve().parents[1] / "data" /
                       "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt").read_bytes())
    other = CitationDialog(record_from_transcript(import_file(state)), "mla")
    qtbot.addWidget(other)
    name, source = other.people.item(0, 0), other.people.item(0, 2)
    assert name is not None and name.text() == "Antony J. Blinken"
    assert source is not None and source.text() == "from the title"
    assert other.field("interviewer").text() == "Andrea Mitchell"
    assert "from the title" in other.interviewer_source.text()


def test_details_are_prefilled_saved_and_reset(qtbot: Any, window: MainWindow,
                                               sample_path: Path) -> None:
    open_file(qtbot, window, sample_path)
    ctrl = controller(window)
    made = ctrl.details_dialog()
    assert made is not None
    dialog, key = made
    qtbot.addWidget(dialog)
    assert key == str(sample_path.resolve())
    assert dialog.field("interviewer").text() == "Efi Koutsokosta"  # from the import
    name = dialog.people.item(0, 0)
    assert name is not None and name.text() == "Antony Blinken"
    # the import's "euronews" is written as citations.md A7 decided
    assert dialog.field("outlet").text() == "Euronews"
    dialog.field("outlet").setText("Euronews TV")
    dialog.field("url").setText("https://www.euronews.com/EXAMPLE-PATH")
    dialog.field("published").setText("2021-12-02")
    dialog.medium.setCurrentIndex(dialog.medium.findData("web"))
    dialog.add_interviewee("Second Guest", "analyst")
    assert ctrl.save_details(dialog, key)
    stored = ctrl.store.details(key)
    assert stored is not None
    assert (stored["outlet"], stored["published"], stored["medium"]) == (
        "Euronews TV", "2021-12-02", "web")
    assert stored["interviewees"][1] == {"name": "Second Guest", "role": "analyst"}
    again, _ = ctrl.details_dialog() or (None, "")
    assert again is not None
    qtbot.addWidget(again)
    assert again.field("url").text() == "https://www.euronews.com/EXAMPLE-PATH"
    again.reset_requested = True
    assert ctrl.save_details(again, key)
    assert ctrl.store.details(key) is None


def test_clearing_an_imported_field_in_the_editor_sticks(
    qtbot: Any, window: MainWindow, sample_path: Path
) -> None:
    """Regression: saving an emptied field stored null, and the import's value came back."""
    open_file(qtbot, window, sample_path)
    ctrl = controller(window)
    made = ctrl.details_dialog()
    assert made is not None
    dialog, key = made
    qtbot.addWidget(dialog)
    imported = dialog.field("outlet").text()
    assert imported  # the sample's import names the outlet
    dialog.field("outlet").clear()
    dialog.field("url").setText("https://example.org/talk")
    assert dialog.changes() == {"outlet": "", "url": "https://example.org/talk"}
    assert ctrl.save_details(dialog, key)
    again, _ = ctrl.details_dialog() or (None, "")
    assert again is not None
    qtbot.addWidget(again)
    assert again.field("outlet").text() == ""  # still cleared when the editor opens again
    assert again.changes() == {}
    again.field("language").setText("en")  # another edit leaves the clearing alone
    assert ctrl.save_details(again, key)
    transcript = window.current_transcript()
    assert transcript is not None
    assert "outlet" in missing_fields_of(ctrl, key)
    third, _ = ctrl.details_dialog() or (None, "")
    assert third is not None
    qtbot.addWidget(third)
    assert third.field("outlet").text() == "" and third.field("language").text() == "en"
    third.reset_requested = True  # "Reset to Import" brings the import's outlet back
    assert ctrl.save_details(third, key)
    fourth, _ = ctrl.details_dialog() or (None, "")
    assert fourth is not None
    qtbot.addWidget(fourth)
    assert fourth.field("outlet").text() == imported


def missing_fields_of(ctrl: Any, key: str) -> tuple[str, ...]:
    """The APA fields the stored details + import still lack for the source `key`."""
    from desktop.core.citations import missing_fields

    made = ctrl.details_dialog()
    assert made is not None
    made[0].deleteLater()
    return missing_fields("apa", made[0].record())


def test_details_need_a_transcript(window: MainWindow) -> None:
    ctrl = controller(window)
    assert ctrl.details_dialog() is None
    ctrl.edit_details()
    assert "Open a transcript first" in window.statusBar().currentMessage()


def test_details_editor_warns_when_a_name_is_a_role_label(qtbot: Any) -> None:
    dialog = CitationDialog(CitationRecord(interviewer="QUESTION"), "mla")
    qtbot.addWidget(dialog)
    assert "“QUESTION” is a role, not a person" in dialog.missing_text()
    dialog.field("interviewer").setText("Andrea Mitchell")
    assert "role" not in dialog.missing_text()
