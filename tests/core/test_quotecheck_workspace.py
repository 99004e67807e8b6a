"""The quote check as workspace use cases: against the library (through its index, with the
user's speaker corrections), against one file, a draft, and the headline audit."""

from __future__ import annotations

from pathlib import Path

from desktop.core.library import CorrectionKind
from desktop.core.quotecheck import Verdict
from desktop.core.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"
STATE_DEPT = REPO / "tests" / "data" / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt"


def test_check_quote_against_the_library(tmp_path: Path) -> None:
    with Workspace.open(tmp_path) as ws:
        ws.open_index()
        opened = ws.open_file(SAMPLE)
        ws.open_file(STATE_DEPT)
        result = ws.check_quote("A new aggression against Ukraine would be a mistake", "Blinken")
        assert result.verdict is Verdict.VERBATIM
        assert result.matches[0].transcript_id == opened.entry_id
        # The user's speaker corrections are what the check sees.
        assert opened.entry_id is not None
        ws.correct_speaker(opened.entry_id, "antony-blinken", CorrectionKind.RENAME,
                           "Tony Blinken")
        renamed = ws.check_quote("A new aggression against Ukraine would be a mistake",
                                 "Tony Blinken")
        assert renamed.verdict is Verdict.VERBATIM
        assert renamed.matches[0].speaker == "Tony Blinken"


def test_check_scope_collects_what_it_read(tmp_path: Path) -> None:
    with Workspace.open(tmp_path) as ws:
        ws.open_index()
        ws.open_file(STATE_DEPT)
        loaded: dict[str, object] = {}
        scope = ws.check_scope(loaded=loaded)  # type: ignore[arg-type]
        result = scope.check("makes a big mistake if it believes that this is about us")
        assert result.verdict is Verdict.VERBATIM
        assert list(loaded) == [result.matches[0].path]


def test_check_against_one_file_and_a_draft(tmp_path: Path) -> None:
    with Workspace.open(tmp_path) as ws:
        result = ws.check_quote("NATO is not directed against Russia", path=SAMPLE)
        assert result.verdict is Verdict.ALTERED
        draft = ("“A new aggression against Ukraine would be a mistake,” Blinken said. "
                 "Blinken asked: “Are you only referring to sanctions?”")
        items = ws.check_draft(draft, path=SAMPLE)
        assert [i.result.verdict for i in items] == [Verdict.VERBATIM, Verdict.WRONG_SPEAKER]


def test_audit(tmp_path: Path) -> None:
    with Workspace.open(tmp_path) as ws:
        items = ws.audit(ws.open_file(SAMPLE).transcript)
    assert [i.result.verdict is Verdict.VERBATIM for i in items] == [
        False, True, False, False, False, True]
