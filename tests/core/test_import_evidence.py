"""Detection is declared as evidence tables (`importers/text/evidence.py`): each rule says why,
the first rule that holds decides, and the importers' scores are exactly their tables'."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from desktop.core.importers import importer_for, read_document
from desktop.core.importers.text import evidence
from desktop.core.importers.text.shape import shape_of

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "corpus"
TABLES = {
    "labelled": evidence.LABELLED,
    "captions": evidence.CAPTIONS,
    "markdown": evidence.MARKDOWN,
    "news-scrape": evidence.NEWS,
    "otter": evidence.OTTER,
}
FILES = sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_rule_says_why_and_scores_between_0_and_1(name: str) -> None:
    table = TABLES[name]
    assert table.rules
    for rule in (*table.rules, *table.penalties):
        assert rule.why.strip()
        if not callable(rule.score):
            assert 0.0 <= rule.score <= 1.0


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_importer_scores_are_their_tables(path: Path) -> None:
    doc = read_document(path, path.read_bytes())
    assert doc.text is not None
    shape = shape_of(doc.text)
    for name in ("labelled", "captions", "markdown", "news-scrape"):
        importer = importer_for(name)
        assert importer is not None
        assert importer.score(doc) == pytest.approx(TABLES[name].score(shape))


def test_the_first_rule_that_holds_decides() -> None:
    doc = read_document(Path("t.txt"), b"ALICE: Hi.\n\nBOB: Hello.\n\nALICE: Bye.\n\nBOB: Bye.\n")
    assert doc.text is not None
    shape = shape_of(doc.text)
    rule = evidence.LABELLED.explain(shape)
    assert rule is not None and rule.why.startswith("`NAME: text` lines")
    assert evidence.NEWS.explain(shape) is not None
    assert evidence.NEWS.score(shape) == 0.0  # `fewer than two lone labels` decided


def test_the_matrix_prints_a_row_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    script = REPO / "benchmarks" / "score_matrix.py"
    spec = importlib.util.spec_from_file_location("score_matrix", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(FILES[:3])
    rows = [line for line in capsys.readouterr().out.splitlines() if "->" in line]
    assert len(rows) == 3
