"""`verbatim index` and `verbatim search`: the JSON contract and the done-when queries."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.importers import import_file
from desktop.core.model import Transcript

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"


@pytest.fixture(scope="module")
def sample() -> Transcript:
    return import_file(SAMPLE)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["search", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def hit_turns(data: dict[str, object]) -> list[int]:
    return sorted(hit["turn"] for hit in data["hits"])  # type: ignore[attr-defined, index]


def turns_saying(sample: Transcript, pattern: str, *, questions: bool | None = None) -> list[int]:
    return [
        i for i, turn in enumerate(sample.turns)
        if re.search(pattern, turn.text)
        and (questions is None or sample.is_question(i) == questions)
    ]


def check_matches(sample: Transcript, data: dict[str, object], expected_word: str) -> None:
    for hit in data["hits"]:  # type: ignore[attr-defined]
        text = sample.turns[hit["turn"]].text
        assert [text[s:e] for s, e in hit["matches"]] == [expected_word] * len(hit["matches"])
        assert hit["matches"]


def test_json_contract_with_in_and_no_library(
    capsys: pytest.CaptureFixture[str], sample: Transcript, _isolated_data_dir: Path
) -> None:
    data = run_json(capsys, '"aggression against Ukraine"', "--in", str(SAMPLE))
    assert set(data) == {"query", "total", "hits"}
    assert data["query"] == '"aggression against Ukraine"'
    expected = turns_saying(sample, "aggression against Ukraine")
    assert len(expected) == 2
    assert hit_turns(data) == expected and data["total"] == 2
    for hit in data["hits"]:  # type: ignore[attr-defined]
        assert set(hit) == {"path", "title", "turn", "speaker", "role", "score", "snippet",
                            "matches"}
        assert hit["speaker"] == "Antony Blinken" and hit["role"] == "answer"
        assert hit["title"] == sample.title
    check_matches(sample, data, "aggression against Ukraine")
    assert not (_isolated_data_dir / "library.sqlite3").exists()  # --in alone leaves no library


def test_empty_library_gives_no_hits_and_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Lavrov", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"query": "Lavrov", "total": 0, "hits": []}
    assert "verbatim index" in captured.err


def test_done_when_queries_after_indexing_the_sample(
    capsys: pytest.CaptureFixture[str], sample: Transcript
) -> None:
    assert main(["index", str(SAMPLE)]) == 0
    captured = capsys.readouterr()
    assert "added 1" in captured.out
    assert "sample-interview.txt" in captured.err  # progress

    phrase = run_json(capsys, '"aggression against Ukraine"')
    assert hit_turns(phrase) == turns_saying(sample, "aggression against Ukraine")
    check_matches(sample, phrase, "aggression against Ukraine")

    sanctions = run_json(capsys, "speaker:koutsokosta sanctions")
    expected = turns_saying(sample, r"(?i)sanctions", questions=True)
    assert len(expected) == 2 and hit_turns(sanctions) == expected
    assert {h["role"] for h in sanctions["hits"]} == {"question"}  # type: ignore[attr-defined]

    lavrov = run_json(capsys, "Lavrof~")
    assert hit_turns(lavrov) == turns_saying(sample, r"\bLavrov\b")
    check_matches(sample, lavrov, "Lavrov")

    scoped = run_json(capsys, "Lavrof~", "--in", str(SAMPLE), "--limit", "2")
    assert [h["turn"] for h in scoped["hits"]] == turns_saying(sample, r"\bLavrov\b")[:2]  # type: ignore[attr-defined]
    assert scoped["total"] == lavrov["total"]


def test_index_reports_each_failure_and_keeps_going(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["index", "--quiet", str(missing), str(SAMPLE)]) == 1
    captured = capsys.readouterr()
    assert f"verbatim: {missing}:" in captured.err
    assert "Traceback" not in captured.err
    assert "added 1" in captured.out


def test_text_output_and_malformed_query(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "Lavrov", "--in", str(SAMPLE), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 of ")
    assert "Lavrov" in out and "\x1b[" not in out
    assert main(["search", '"unclosed phrase', "--in", str(SAMPLE)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("verbatim: ") and "closing" in err and "Traceback" not in err


def test_entry_point_runs_in_a_fresh_process(tmp_path: Path) -> None:
    env = {"VERBATIM_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "search", "sanctions", "--in", str(SAMPLE), "--json"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] >= 2


def test_plain_output_names_the_speaker_first_and_marks_the_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """L5/L15 of the window review: turns count from 1 as in the window; the matched words are
    marked even without a terminal."""
    from desktop.commands.search import format_text
    from desktop.core.importers import import_file
    from desktop.core.search import search_transcript

    transcript = import_file(SAMPLE)
    result = search_transcript(transcript, "Lavrov")
    text = format_text(result)
    first = result.hits[0]
    assert f"{first.speaker} ({first.role}) · turn {first.turn + 1} · {first.title}" in text
    assert "**Lavrov**" in text and "\x1b[" not in text


def test_a_plain_launch_gets_the_options_the_parser_would_give_it() -> None:
    """`verbatim` with no arguments skips argparse; what it uses instead must stay what the
    window parser gives for no arguments (add an option: add its default there too)."""
    from desktop import cli

    assert cli._no_gui_arguments() == cli.build_gui_parser().parse_args([])
