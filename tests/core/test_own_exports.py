"""Verbatim's own quote exports are recognised by their provenance block and refused as
transcripts; a folder walk (`verbatim index`, Add Folder) skips them and says so."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop import paths
from desktop.core.errors import ImportProblem, TranscriptImportError
from desktop.core.export import ExportItem, ExportRequest, export
from desktop.core.importers import import_file
from desktop.core.importers.own_exports import REASON, is_own_export
from desktop.core.library import Library
from desktop.core.quotes import find_quote

#: The formats that carry a provenance block (the reference formats are bibliographies).
PROSE_FORMATS = ("md", "txt", "html", "docx", "csv", "json")
QUOTE = "a new aggression against Ukraine would be a mistake"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sample = import_file(paths.sample_interview())
    quote = find_quote(sample, QUOTE)
    assert quote is not None
    request = ExportRequest(
        items=[ExportItem(quote, note="Speaker: not a speaker", tags=("nato",))],
        sources={sample.source.path: sample},
        exported_at=datetime(2025, 1, 15, 12, 0, tzinfo=UTC),
    )
    folder = tmp_path_factory.mktemp("exports")
    return {fmt: export(request, fmt, folder / f"quotes.{fmt}") for fmt in PROSE_FORMATS}


@pytest.mark.parametrize("fmt", PROSE_FORMATS)
def test_an_export_is_refused_with_one_sentence(exports: dict[str, Path], fmt: str) -> None:
    with pytest.raises(TranscriptImportError) as caught:
        import_file(exports[fmt])
    assert caught.value.problem is ImportProblem.OWN_EXPORT
    assert caught.value.reason == "is a Verbatim quote export, not a transcript" == REASON


def test_transcripts_that_mention_provenance_are_still_transcripts(tmp_path: Path) -> None:
    text = ("Provenance\n\nQUESTION: Who exported by hand the Verbatim records?\n"
            "ANSWER: Exported by Verbatim, the archive said, on a Tuesday.\n")
    path = tmp_path / "interview.txt"
    path.write_text(text, encoding="utf-8")
    assert not is_own_export(path.read_bytes())
    assert len(import_file(path).turns) == 2
    corpus = Path(__file__).resolve().parents[1] / "data" / "corpus"
    for real in sorted(corpus.rglob("*.*")):  # transcripts written by others
        assert not is_own_export(real.read_bytes()), real.name


def test_a_chosen_format_still_reads_an_export(exports: dict[str, Path]) -> None:
    """Reopen as… with an explicit format is the user's decision: no refusal."""
    transcript = import_file(exports["txt"], format="plain")
    assert transcript.turns


def test_adding_a_folder_skips_exports_and_keeps_transcripts(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    folder = exports["md"].parent
    (folder / "interview.txt").write_text("Q: Where were you?\nA: At home.\n", encoding="utf-8")
    with Library(tmp_path / "library.sqlite3") as library:
        result = library.add([folder])
    assert [Path(e.path).name for e in result.added] == ["interview.txt"]
    skipped = {Path(p).name: reason for p, reason in result.skipped}
    for fmt in ("md", "txt", "docx", "json"):  # the transcript extensions a walk reads
        assert skipped[f"quotes.{fmt}"] == REASON
    assert result.failed == []


def test_verbatim_index_says_it_skipped_them(exports: dict[str, Path], tmp_path: Path) -> None:
    folder = exports["md"].parent
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "index", "--quiet", str(folder)],
        capture_output=True, text=True, timeout=120,
        env={"VERBATIM_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin",
             "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.returncode == 0, done.stderr
    assert f"verbatim: skipped {folder / 'quotes.md'}: {REASON}" in done.stderr.splitlines()
    assert "not transcripts" in done.stdout
