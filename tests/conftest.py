"""Shared fixtures: every test gets its own user data folder and Qt runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = REPO / "resources" / "sample-interview.txt"


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Never touch the developer's real library: each test gets a fresh data folder."""
    data_dir = tmp_path_factory.mktemp("verbatim-data")
    monkeypatch.setenv("VERBATIM_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def data_dir() -> Path:
    return DATA


# --- the real-world corpus score, printed at the end of a run (tests/core/test_corpus.py) ---

_CORPUS_TEST = "test_corpus.py::test_corpus_file["
_corpus_scores: dict[str, list[int]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count each corpus file once, by shape (its folder), as passed or not."""
    if report.when != "call" or _CORPUS_TEST not in report.nodeid:
        return
    shape = report.nodeid.split(_CORPUS_TEST, 1)[1].split("/", 1)[0]
    score = _corpus_scores.setdefault(shape, [0, 0])
    score[0] += 1
    score[1] += int(report.passed and not hasattr(report, "wasxfail"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The score per shape, as `python benchmarks/corpus_score.py` prints it."""
    if not _corpus_scores:
        return
    terminalreporter.section("real-world corpus: files parsed as expected, per shape")
    for shape, (files, passed) in sorted(_corpus_scores.items()):
        percent = 100 * passed / files
        terminalreporter.write_line(f"{shape:<20} {passed:>3}/{files:<3} {percent:4.0f}%")
