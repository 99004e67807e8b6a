"""Speaker statistics against hand counts: the bundled interview (the README's word rule)
and two timed files written by others (Teams WebVTT, Whisper SRT)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.importers import import_file
from desktop.core.model import Role, Segment, Source, Speaker, Transcript, Turn
from desktop.core.stats import count_words, csv_rows, is_question, statistics

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"
DATA = REPO / "tests" / "data"


def test_word_rule() -> None:
    assert count_words("de-escalation? Don't – stop : now") == 4
    assert count_words("  ") == 0 and count_words("“Yes,” he said.") == 3
    assert count_words("2021 – 2022 ... 3.5%") == 3


def test_questions_end_with_a_question_mark() -> None:
    assert is_question("Are we close?") and is_question("He asked “why?”")
    assert is_question("Vraiment ? ") and not is_question("I wonder? No.")


def test_bundled_interview_done_when(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(SAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    people = {s["name"]: s for s in data["speakers"]}
    efi, tony = people["Efi Koutsokosta"], people["Antony Blinken"]
    # hand counts: 9 turns each; words by white space minus three lone marks (":", "–", "–")
    assert (efi["turns"], efi["words"], efi["role"]) == (9, 232, "interviewer")
    assert (tony["turns"], tony["words"], tony["role"]) == (9, 952, "interviewee")
    assert data["words"] == 1184 and data["turns"] == 18
    assert efi["questions"] == 8  # every question but "... does not seem to change of course."
    assert tony["questions"] == 0
    assert efi["seconds"] is None and efi["share_seconds"] is None
    assert tony["share"] == pytest.approx(952 / 1184, abs=1e-4)
    balance = data["transcripts"][0]
    assert (balance["asking_words"], balance["answering_words"]) == (232, 952)


def test_sample_word_counts_match_an_independent_count() -> None:
    transcript = import_file(SAMPLE)
    for speaker in transcript.speakers:
        mine = sum(count_words(t.text) for t in transcript.turns if t.speaker == speaker.id)
        plain = sum(
            1 for t in transcript.turns if t.speaker == speaker.id
            for w in t.text.split() if any(ch.isalnum() for ch in w)
        )  # fmt: skip
        assert mine == plain


def test_teams_vtt_hand_count() -> None:
    stats = statistics([import_file(DATA / "teams-export_voice-tags.vtt")])
    people = {s.name: s for s in stats.speakers}
    yuri, adrian = people["Yuri Bakulin"], people["Adrian Petrescu"]
    assert (yuri.turns, yuri.words, yuri.seconds) == (1, 3, pytest.approx(0.57))  # There you go.
    assert (adrian.turns, adrian.words, adrian.seconds) == (1, 4, pytest.approx(0.92))
    assert stats.seconds == pytest.approx(1.49)
    assert adrian.share_seconds == pytest.approx(0.92 / 1.49)


def test_whisper_srt_time_is_the_sum_of_its_cues() -> None:
    path = DATA / "whisper_smartphone_fr.srt"
    cues = re.findall(r"(\d+):(\d+):(\d+),(\d+) --> (\d+):(\d+):(\d+),(\d+)", path.read_text())
    assert len(cues) == 36

    def seconds(h: str, m: str, s: str, ms: str) -> float:
        return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000

    expected = sum(seconds(*c[4:]) - seconds(*c[:4]) for c in cues)
    words = sum(count_words(line) for line in path.read_text().splitlines()
                if line.strip() and not line.strip().isdigit() and "-->" not in line)  # fmt: skip
    stats = statistics([import_file(path)])
    assert stats.seconds == pytest.approx(expected, abs=0.01)
    assert stats.words == words
    (only,) = stats.speakers
    assert only.name == "(no speaker)" and only.share_seconds == pytest.approx(1.0)


def test_longest_stretch_spans_consecutive_turns_and_people_merge_across_files() -> None:
    def make(path: str, turns: tuple[Turn, ...]) -> Transcript:
        people = (Speaker("i", "Ann", Role.INTERVIEWER), Speaker("g", "Bo", Role.GUEST))
        return Transcript(Source(path, "0" * 64, "x", "utf-8"), speakers=people, turns=turns)

    one = make("/a", (Turn("i", "Why?"), Turn("g", "one two"), Turn("g", "three four five"),
                      Turn("i", "And?"), Turn("g", "six")))  # fmt: skip
    two = make("/b", (Turn("g", "a b c d", 0.0, 2.0), Turn("i", "ok?", 2.0, None,
                      segments=(Segment(2.0, 2.5, "ok?"),))))  # fmt: skip
    stats = statistics([one, two])
    people = {s.name: s for s in stats.speakers}
    assert people["Bo"].longest_stretch == 5 and people["Bo"].longest_turn == 4
    assert people["Bo"].turns == 4 and people["Bo"].words == 10
    assert people["Ann"].questions == 3 and people["Ann"].seconds == pytest.approx(0.5)
    assert people["Bo"].seconds == pytest.approx(2.0)
    assert [b.path for b in stats.transcripts] == ["/a", "/b"]
    rows = list(csv.reader(io.StringIO("\n".join(",".join(r) for r in csv_rows(stats)))))
    assert rows[0][:4] == ["name", "role", "turns", "words"] and len(rows) == 3


def test_text_and_csv_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Antony Blinken" in out and "952" in out
    assert main(["stats", str(SAMPLE), "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][:4] == ["Antony Blinken", "interviewee", "9", "952"]
    assert main(["stats", str(REPO / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert "nope.txt" in err and err.count("\n") == 1
