"""`verbatim check` and `verbatim audit`: JSON shapes and exit codes on the bundled interview."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = str(REPO / "resources" / "sample-interview.txt")
STATE_DEPT = str(REPO / "tests" / "data" /
                 "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt")
MATCH_KEYS = {"path", "title", "turn", "speaker", "start", "end", "text", "similarity", "diff"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    data = json.loads(captured.out) if "--json" in args and captured.out else captured.out
    return code, data, captured.err


def test_check_json_shape_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, data, _ = run(capsys, "check", "A new aggression against Ukraine would be a mistake",
                        "--in", SAMPLE, "--json")
    assert code == 0
    assert set(data) == {"quote", "verdict", "matches"}
    assert data["verdict"] == "verbatim"
    best = data["matches"][0]
    assert set(best) == MATCH_KEYS
    assert (best["turn"], best["speaker"]) == (1, "Antony Blinken")
    assert best["path"].endswith("sample-interview.txt")
    assert best["diff"] == [{"op": "equal", "quote": data["quote"], "source": best["text"],
                             "marked": False}]


def test_check_altered_names_the_dropped_word_and_exits_3(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, data, _ = run(capsys, "check", "The many things we are considering could have very "
                        "strong repercussions.", "--in", SAMPLE, "--json")
    assert code == 3
    assert data["verdict"] == "altered"
    steps = [d for d in data["matches"][0]["diff"] if d["op"] != "equal"]
    assert steps == [{"op": "delete", "quote": "", "source": "that", "marked": False}]


def test_check_wrong_speaker_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "Are you only referring to sanctions?", "--in", SAMPLE,
                       "--speaker", "Blinken")
    assert code == 3
    assert out.startswith("WRONG SPEAKER: “Are you only referring to sanctions?” "
                          "(attributed to Blinken)")
    assert "Efi Koutsokosta" in out


def test_check_text_output_shows_the_word_diff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "[NATO] is not directed against Russia", "--in", SAMPLE)
    assert code == 3
    assert "[-It-]{+[NATO]+}* is not directed against Russia" in out
    assert "every change is marked" in out


def test_check_against_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", SAMPLE, STATE_DEPT, "--quiet"]) == 0
    capsys.readouterr()
    code, data, _ = run(capsys, "check", "the Russian Government makes a big mistake if it "
                        "believes that this is about us", "--speaker", "Blinken", "--json")
    assert code == 0
    assert data["matches"][0]["path"].endswith("msnbc_2021-02-01_excerpt.txt")
    code, data, _ = run(capsys, "check", "We will build a wall along the Baltic coast", "--json")
    assert code == 3
    assert data["verdict"] == "not_found"


def test_draft_items_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "“A new aggression against Ukraine would be a mistake,” Blinken said.\n\n"
        "Blinken also said the “many things we are considering could have very strong "
        "repercussions”.\n\n"
        "Efi Koutsokosta asked: “Are you only referring to sanctions?”\n",
        encoding="utf-8",
    )
    code, data, _ = run(capsys, "check", "--draft", str(draft), "--in", SAMPLE, "--json")
    assert code == 3
    assert [(i["quote"], i["speaker"], i["verdict"]) for i in data["items"]] == [
        ("A new aggression against Ukraine would be a mistake,", "Blinken", "verbatim"),
        ("many things we are considering could have very strong repercussions", None,
         "altered"),
        ("Are you only referring to sanctions?", "Efi Koutsokosta", "verbatim"),
    ]
    assert all(set(i) == {"quote", "speaker", "verdict", "matches"} for i in data["items"])


def test_audit_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, data, _ = run(capsys, "audit", SAMPLE, "--json")
    assert code == 3
    kinds = [(i["kind"], i["verdict"]) for i in data["items"]]
    assert kinds[0][0] == "title" and kinds[0][1] != "verbatim"
    sections = [v for k, v in kinds if k == "section"]
    assert sections[0] == "verbatim" and sections[4] == "verbatim"
    assert sections[2] == "altered" and sections[3] == "altered"
    assert sections[1] != "verbatim"
    assert {"kind", "text", "verdict", "matches"} <= set(data["items"][0])


def test_bad_input_exits_1_with_one_sentence(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "some words here", "--in", str(tmp_path / "nope.txt"))
    assert code == 1 and err.count("\n") == 1 and "nope.txt" in err
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "check", "--draft", str(empty), "--in", SAMPLE)
    assert code == 1 and err.strip() == f"verbatim: {empty}: is empty"
    image = tmp_path / "photo.md"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    code, _, err = run(capsys, "check", "--draft", str(image), "--in", SAMPLE)
    assert code == 1 and err.strip() == f"verbatim: {image}: is not text, Markdown or DOCX"
    broken = tmp_path / "draft.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run(capsys, "check", "--draft", str(broken), "--in", SAMPLE)
    assert code == 1 and "is not a readable DOCX" in err and err.count("\n") == 1
    code, _, err = run(capsys, "check", "some words here")
    assert code == 1 and "library is empty" in err
    code, _, err = run(capsys, "audit", str(tmp_path))
    assert code == 1 and "Traceback" not in err


@pytest.mark.parametrize("args", [
    ["check"],
    ["check", "words", "--draft", "x.md"],
    ["check", "--draft", "x.md", "--speaker", "Blinken"],
    ["check", "   "],
    ["audit"],
])
def test_usage_exits_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "usage" in capsys.readouterr().err
