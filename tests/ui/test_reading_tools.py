"""The reading tools in the window (offscreen): the KWIC panel, the Statistics panel with its
QPainter chart, the redaction dialog, the reader's preview, and redaction in copy/export."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from desktop.core import redaction_store
from desktop.core.kwic import SortKey
from desktop.core.redaction import Redaction, Rule, RuleKind
from desktop.ui.dialogs.redaction_dialog import RedactionDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.models.kwic_model import LEFT, MATCH, RIGHT, KwicModel
from desktop.ui.reading_controller import ReadingController
from desktop.ui.views.kwic_panel import SCOPE_LIBRARY, SCOPE_TRANSCRIPT
from tests.ui.test_library_dock import open_and_wait

pytestmark = pytest.mark.timeout(90)
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"


@pytest.fixture
def reading(qtbot: Any, window: MainWindow) -> Any:
    found = window.findChild(ReadingController, "readingController")
    assert isinstance(found, ReadingController)
    qtbot.waitUntil(lambda: found.session.ready, timeout=15_000)
    yield found
    found.session.wait(10_000)


def wait_rows(qtbot: Any, reading: ReadingController, query: str) -> None:
    qtbot.waitUntil(lambda: (r := reading.kwic_model.result()) is not None and r.query == query,
                    timeout=15_000)  # fmt: skip


def test_kwic_model_passes_the_qt_model_tester(qtmodeltester: Any, qapp: Any) -> None:
    from desktop.core.importers import import_file
    from desktop.core.kwic import kwic_transcript

    model = KwicModel()
    model.set_result(kwic_transcript(import_file(SAMPLE), "NATO"))
    qtmodeltester.check(model)


def test_panels_start_hidden_and_open_from_the_menu(
    qtbot: Any, window: MainWindow, reading: ReadingController
) -> None:
    assert not reading.kwic_dock.isVisible() and not reading.stats_dock.isVisible()
    titles = [a.text() for a in window.menu("Search").actions()]
    assert "&Keyword in Context…" in titles
    assert "&Redaction List…" in [a.text() for a in window.menu("Quotes").actions()]
    reading.show_kwic()
    assert reading.kwic_dock.isVisible()


def test_kwic_in_the_open_transcript_aligned_sorted_filtered_and_jumps(
    qtbot: Any, window: MainWindow, reading: ReadingController
) -> None:
    open_and_wait(qtbot, window, SAMPLE)
    reading.show_kwic("NATO", SCOPE_TRANSCRIPT)
    wait_rows(qtbot, reading, "NATO")
    model = reading.kwic_model
    assert model.rowCount() == 6
    assert reading.kwic.count.text() == "6 occurrences"
    align = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(0, LEFT).data(align) & Qt.AlignmentFlag.AlignRight  # matches line up
    assert not model.index(0, RIGHT).data(align) & Qt.AlignmentFlag.AlignRight
    assert {model.index(r, MATCH).data() for r in range(6)} == {"NATO"}

    reading.kwic.set_sort(SortKey.LEFT)
    lefts = [re.findall(r"\w+", model.line(r).left)[-1].casefold() for r in range(6)]
    assert lefts == sorted(lefts) and lefts[0] == "defense"
    reading.kwic.set_sort(SortKey.RIGHT)
    rights = [re.findall(r"\w+", model.line(r).right)[0].casefold() for r in range(6)]
    assert rights == sorted(rights)

    reading.kwic.speaker.setCurrentIndex(reading.kwic.speaker.findData("Antony Blinken"))
    assert model.rowCount() == 5 and reading.kwic.count.text() == "5 of 6 occurrences"
    reading.kwic.speaker.setCurrentIndex(0)
    reading.kwic.role.setCurrentIndex(reading.kwic.role.findData("question"))
    assert model.rowCount() == 1 and model.line(0).speaker == "Efi Koutsokosta"

    line = model.line(0)
    reading.kwic.table.clicked.emit(model.index(0, MATCH))
    assert window.reader.highlights("current") == [(line.turn, line.start, line.end)]


def test_kwic_over_the_library_and_a_bad_query(
    qtbot: Any, window: MainWindow, reading: ReadingController
) -> None:
    open_and_wait(qtbot, window, SAMPLE)  # the window adds it to the library
    qtbot.waitUntil(lambda: len(reading.session.entries()) == 1, timeout=15_000)
    reading.session.wait(10_000)
    reading.show_kwic("Lavrov", SCOPE_LIBRARY)
    wait_rows(qtbot, reading, "Lavrov")
    assert reading.kwic_model.rowCount() == 3
    assert "Antony Blinken" in reading.kwic_model.index(0, 4).data()  # the title is shown
    # another transcript on screen: a click opens the row's transcript at the passage
    open_and_wait(qtbot, window, REPO / "tests" / "data" / "teams-export_voice-tags.vtt")
    line = reading.kwic_model.line(1)
    with qtbot.waitSignal(window.transcriptOpened, timeout=15_000):
        reading.open_row(1)
    qtbot.waitUntil(lambda: window.reader.highlights("current") == [(line.turn, line.start,
                                                                     line.end)], timeout=10_000)
    shown = window.current_transcript()
    assert shown is not None and shown.turns[line.turn].text[line.start:line.end] == "Lavrov"
    reading.show_kwic('"unclosed', SCOPE_TRANSCRIPT)
    qtbot.waitUntil(lambda: reading.kwic.hint.isVisible(), timeout=10_000)
    assert "closing" in reading.kwic.hint.text()


def test_kwic_exports_are_redacted(
    qtbot: Any, window: MainWindow, reading: ReadingController, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, SAMPLE)
    reading.set_redaction(Redaction((Rule(RuleKind.NAME, "Sergey Lavrov", "[Source A]"),)))
    reading.show_kwic("Lavrov", SCOPE_TRANSCRIPT)
    wait_rows(qtbot, reading, "Lavrov")
    written = reading.export_rows("csv", str(tmp_path / "k.csv"))
    assert written is not None
    rows = list(csv.reader(written.read_text("utf-8-sig").splitlines()))
    assert rows[0][:6] == ["title", "turn", "speaker", "left", "match", "right"] and len(rows) == 4
    table = reading.export_rows("md", str(tmp_path / "k.md"))
    assert table is not None
    text = written.read_text("utf-8-sig") + table.read_text("utf-8")
    assert "Lavrov" not in text and "Sergey" not in text and "[Source A]" in text
    copied = reading.copy_rows()
    assert copied is not None and "Lavrov" not in copied
    assert QGuiApplication.clipboard().text() == copied


def test_an_unreadable_list_stops_the_export(
    qtbot: Any, window: MainWindow, reading: ReadingController, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_and_wait(qtbot, window, SAMPLE)
    reading.show_kwic("Lavrov", SCOPE_TRANSCRIPT)
    wait_rows(qtbot, reading, "Lavrov")

    def broken(*_args: object) -> Redaction:
        raise OSError("database is locked")

    monkeypatch.setattr(redaction_store, "load", broken)
    reading._redaction = None  # as after a restart
    assert reading.export_rows("csv", str(tmp_path / "k.csv")) is None
    assert not (tmp_path / "k.csv").exists()
    assert "redaction list cannot be read" in window.statusBar().currentMessage()


def test_statistics_panel_chart_table_and_csv(
    qtbot: Any, window: MainWindow, reading: ReadingController, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, SAMPLE)
    reading.stats_dock.show()
    qtbot.waitUntil(lambda: reading.stats.statistics() is not None, timeout=10_000)
    table = reading.stats.table
    assert table.rowCount() == 2
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(2)}  # fmt: skip
    assert rows["Antony Blinken"][2:4] == ["9", "952"]
    assert rows["Efi Koutsokosta"][2:4] == ["9", "232"]
    assert "1184 words in 18 turns" in reading.stats.summary.text()
    chart = reading.stats.chart
    image = chart.grab().toImage()
    assert chart.height() >= chart.sizeHint().height() - 1
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}  # fmt: skip
    assert len(colours) > 3  # bars were painted
    reading.set_redaction(Redaction.of(["Antony Blinken=Source B"]))
    written = reading.export_stats(str(tmp_path / "s.csv"))
    assert written is not None
    text = written.read_text("utf-8-sig")
    assert "Blinken" not in text and "Source B,interviewee,9,952" in text


def test_redaction_dialog_edits_the_library_list(qtbot: Any, qapp: Any) -> None:
    dialog = RedactionDialog(Redaction((Rule(RuleKind.NAME, "Sergey Lavrov", "[Source A]"),)))
    qtbot.addWidget(dialog)
    dialog.add_rule(Rule(RuleKind.PHONE))
    dialog.add_rule(Rule(RuleKind.PHRASE, "the embassy garden"))
    dialog.add_rule(Rule(RuleKind.NAME))  # left empty: dropped
    result = dialog.redaction()
    assert [r.kind for r in result.rules] == [RuleKind.NAME, RuleKind.PHONE, RuleKind.PHRASE]
    assert result.rules[0].pseudonym == "[Source A]"
    flags = QItemSelectionModel.SelectionFlag
    dialog.table.selectionModel().select(dialog.table.model().index(0, 1),
                                         flags.ClearAndSelect | flags.Rows)  # fmt: skip
    dialog.remove_selected()
    assert [r.kind for r in dialog.redaction().rules] == [RuleKind.PHONE, RuleKind.PHRASE]


def test_dialog_saves_per_library_and_preview_marks_the_reader(
    qtbot: Any, window: MainWindow, reading: ReadingController, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_and_wait(qtbot, window, SAMPLE)

    def accept(dialog: RedactionDialog) -> int:
        dialog.add_rule(Rule(RuleKind.NAME, "Lavrov", "Source A"))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(RedactionDialog, "exec", accept)
    reading.edit_redaction()
    assert redaction_store.load().rules == (Rule(RuleKind.NAME, "Lavrov", "Source A"),)
    text_before = window.reader.toPlainText()
    reading.preview_action.setChecked(True)  # worked out in a worker
    qtbot.waitUntil(lambda: bool(window.reader.highlights("redaction")), timeout=10_000)
    marks = window.reader.highlights("redaction")
    transcript = window.current_transcript()
    assert transcript is not None and len(marks) == 3
    assert all(transcript.turns[t].text[s:e] == "Lavrov" for t, s, e in marks)
    assert window.reader.toPlainText() == text_before  # the text never changes
    reading.preview_action.setChecked(False)
    assert window.reader.highlights("redaction") == []


def test_copy_with_citation_uses_the_library_list(
    qtbot: Any, window: MainWindow, reading: ReadingController
) -> None:
    from desktop.ui.quote_controller import QuoteController

    open_and_wait(qtbot, window, SAMPLE)
    redaction_store.save(Redaction.of(["Lavrov"]))
    quotes = window.findChild(QuoteController)
    assert quotes is not None
    transcript = window.current_transcript()
    assert transcript is not None
    turn = next(i for i, t in enumerate(transcript.turns) if "Sergey Lavrov will" in t.text)
    start = transcript.turns[turn].text.index("Sergey Lavrov will")
    window.reader.select_span(turn, start, start + len("Sergey Lavrov will return"))
    with qtbot.waitSignal(quotes.copied, timeout=10_000) as blocker:
        quotes.copy_with_citation()
    cited = blocker.args[0]
    assert "Lavrov" not in cited.plain and "Lavrov" not in cited.html
    assert "Sergey [redacted] will return" in cited.plain


def test_statistics_over_the_library(
    qtbot: Any, window: MainWindow, reading: ReadingController
) -> None:
    open_and_wait(qtbot, window, SAMPLE)
    qtbot.waitUntil(lambda: len(reading.session.entries()) == 1, timeout=15_000)
    reading.session.wait(10_000)
    reading.stats_dock.show()
    reading.stats.scope.setCurrentIndex(reading.stats.scope.findData(SCOPE_LIBRARY))
    qtbot.waitUntil(lambda: reading.stats.summary.text().startswith("Library"), timeout=15_000)
    stats = reading.stats.statistics()
    assert stats is not None and len(stats.transcripts) == 1
    assert {s.name: s.words for s in stats.speakers} == {"Antony Blinken": 952,
                                                         "Efi Koutsokosta": 232}


def test_typing_looks_up_the_open_transcript_after_a_pause(
    qtbot: Any, window: MainWindow, reading: ReadingController
) -> None:
    open_and_wait(qtbot, window, SAMPLE)
    reading.show_kwic()
    qtbot.keyClicks(reading.kwic.box, "sanction")
    wait_rows(qtbot, reading, "sanction")
    assert [reading.kwic_model.line(r).match for r in range(2)] == ["sanctions", "sanctions"]


def test_many_speakers_keep_the_chart_small(qtbot: Any, qapp: Any) -> None:
    from desktop.core.model import Role, Source, Speaker, Transcript, Turn
    from desktop.core.stats import statistics
    from desktop.ui.views.stats_panel import MAX_BARS, StatsPanel

    people = tuple(Speaker(f"p{i}", f"Person {i}", Role.GUEST) for i in range(60))
    transcript = Transcript(Source("/t/panel.txt", "1" * 64, "x", "utf-8"), speakers=people,
                            turns=tuple(Turn(f"p{i}", "word " * (i + 1)) for i in range(60)))
    panel = StatsPanel()
    qtbot.addWidget(panel)
    panel.show_statistics(statistics([transcript]), "many")
    assert panel.table.rowCount() == 60
    assert panel.chart.minimumSizeHint().height() < 100
    assert panel.chart.sizeHint().height() < 40 + (MAX_BARS + 1) * 22
    assert not panel.chart.grab().isNull()
