"""Keyword in context: rows are exactly the occurrences a plain scan of the turns finds (one
transcript in memory and the library through the index), context cut at words, sorting."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.lang.porter import stem

from desktop.cli import main
from desktop.core.importers import import_file
from desktop.core.kwic import (
    KwicLine,
    SortKey,
    csv_rows,
    filtered_lines,
    kwic_library,
    kwic_transcript,
    left_context,
    markdown,
    right_context,
    sorted_lines,
)
from desktop.core.model import Role, Source, Speaker, Transcript, Turn
from desktop.core.search.whoosh_engine import WhooshEngine

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"

#: Words outside the engine's list of very common words; several share a stem.
VOCAB = ["sanction", "sanctions", "sanctioned", "border", "borders", "troops", "Kyiv",
         "NATO", "summit", "treaty", "Treaties", "missile", "diplomacy", "Lavrov"]  # fmt: skip
SEPARATORS = [" ", ", ", ". ", "? ", " – ", "\n\n", " “", "” "]


def scan(transcript: Transcript, word: str) -> list[tuple[int, int, int]]:
    """(turn, start, end) of every word whose Porter stem is the query's: no search code."""
    target = stem(word.lower())
    found = []
    for index, turn in enumerate(transcript.turns):
        for m in re.finditer(r"\w+", turn.text):
            if stem(m.group().lower()) == target:
                found.append((index, m.start(), m.end()))
    return found


def scan_phrase(transcript: Transcript, first: str, second: str) -> list[tuple[int, int, int]]:
    found = []
    for index, turn in enumerate(transcript.turns):
        words = list(re.finditer(r"\w+", turn.text))
        for a, b in itertools.pairwise(words):
            if (a.group().lower(), b.group().lower()) == (first.lower(), second.lower()):
                found.append((index, a.start(), b.end()))
    return found


def make(turn_texts: list[str]) -> Transcript:
    speakers = (Speaker("q", "Ann Asker", Role.INTERVIEWER),
                Speaker("a", "Bo Answer", Role.INTERVIEWEE))
    turns = tuple(Turn("q" if i % 2 == 0 else "a", text) for i, text in enumerate(turn_texts))
    digest = hashlib.sha256("\0".join(turn_texts).encode()).hexdigest()  # the cache key
    return Transcript(Source("/t/generated.txt", digest, "labelled", "utf-8"), speakers=speakers,
                      turns=turns)  # fmt: skip


turn_text = st.lists(
    st.tuples(st.sampled_from(VOCAB), st.sampled_from(SEPARATORS)), min_size=1, max_size=25
).map(lambda pairs: "".join(w + s for w, s in pairs).strip())


def rows(lines: tuple[KwicLine, ...] | list[KwicLine]) -> list[tuple[int, int, int]]:
    return sorted((line.turn, line.start, line.end) for line in lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(turn_text, min_size=1, max_size=8), word=st.sampled_from(VOCAB))
def test_rows_equal_a_plain_scan_in_one_transcript(texts: list[str], word: str) -> None:
    transcript = make(texts)
    result = kwic_transcript(transcript, word, width=30)
    assert rows(result.lines) == scan(transcript, word)
    assert result.total == len(result.lines)
    for line in result.lines:
        text = transcript.turns[line.turn].text
        assert line.match == text[line.start : line.end]  # the source's words as written
        before = re.sub(r"\s+", " ", text[: line.start])
        after = re.sub(r"\s+", " ", text[line.end :])
        assert before.endswith(line.left) and after.startswith(line.right)
        cut_left = before[: len(before) - len(line.left)]
        assert not cut_left or cut_left.endswith(" ")  # never half a word
        assert after == line.right or after[len(line.right)] == " "
        assert len(line.left) <= 30 and len(line.right) <= 30
        assert line.speaker == ("Ann Asker" if line.turn % 2 == 0 else "Bo Answer")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(turn_text, min_size=1, max_size=6),
       pair=st.tuples(st.sampled_from(VOCAB), st.sampled_from(VOCAB)))  # fmt: skip
def test_phrase_rows_equal_a_plain_scan_and_the_index_agrees(
    texts: list[str], pair: tuple[str, str]
) -> None:
    transcript = make(texts)
    query = f'"{pair[0]} {pair[1]}"'
    expected = scan_phrase(transcript, *pair)
    assert rows(kwic_transcript(transcript, query).lines) == expected
    engine = WhooshEngine.in_memory()
    try:
        engine.update(7, transcript)
        library = kwic_library(engine, query, lambda _id: transcript, limit=None)
        assert rows(library.lines) == expected and library.total == len(expected)
        assert all(line.transcript_id == 7 for line in library.lines)
        word = kwic_library(engine, pair[0], lambda _id: transcript, limit=None)
        assert rows(word.lines) == scan(transcript, pair[0])  # stemmed, through the index
    finally:
        engine.close()


def test_library_lists_top_n_and_counts_every_occurrence() -> None:
    transcript = import_file(SAMPLE)
    engine = WhooshEngine.in_memory()
    try:
        engine.update(1, transcript)
        everything = kwic_library(engine, "russia", lambda _id: transcript, limit=None)
        top = kwic_library(engine, "russia", lambda _id: transcript, limit=5)
        capped = kwic_library(engine, "russia", lambda _id: transcript, limit=2, count_turns=3)
    finally:
        engine.close()
    expected = scan(transcript, "russia")
    assert everything.total == len(everything.lines) == len(expected)
    assert everything.complete and everything.turns == len({turn for turn, _, _ in expected})
    assert len(top.lines) == 5 and top.total == everything.total and top.complete
    # counted in the 3 best turns only, and it says so
    assert not capped.complete and capped.turns == everything.turns
    assert len(capped.lines) == 2 and 3 <= capped.total < everything.total


def test_sample_nato_done_when() -> None:
    result = kwic_transcript(import_file(SAMPLE), "NATO")
    assert len(result.lines) == 6
    assert sum(line.speaker == "Antony Blinken" for line in result.lines) == 5
    assert {line.match for line in result.lines} == {"NATO"}


def test_context_is_cut_at_words_on_one_line() -> None:
    text = "alpha beta\ngamma delta TARGET epsilon zeta\n\neta theta"
    start = text.index("TARGET")
    assert left_context(text, start, 12) == "gamma delta "
    assert left_context(text, start, 11) == "delta "  # "gamma" would be cut: left out
    assert left_context(text, start, 100) == "alpha beta gamma delta "
    assert right_context(text, start + 6, 13) == " epsilon zeta"
    assert right_context(text, start + 6, 12) == " epsilon"
    assert right_context(text, start + 6, 100) == " epsilon zeta eta theta"
    assert left_context(text, 0, 10) == ""


def test_sorting_and_filtering() -> None:
    def line(left: str, right: str, speaker: str, role: str) -> KwicLine:
        return KwicLine("p", "t", 0, speaker, role, left, "x", right, 0, 1)

    lines = [line("the big", "zoo", "A", "question"), line("a small", "apple", "B", "answer"),
             line("one big", "apple tree", "A", "answer")]  # fmt: skip
    by_left = sorted_lines(lines, SortKey.LEFT)
    # by the word just left (big < small), then the next one (one < the)
    assert [ln.left for ln in by_left] == ["one big", "the big", "a small"]
    by_right = sorted_lines(lines, SortKey.RIGHT)
    assert [ln.right for ln in by_right] == ["apple", "apple tree", "zoo"]
    assert sorted_lines(lines, SortKey.SOURCE) == lines
    assert filtered_lines(lines, speaker="a") == [lines[0], lines[2]]
    assert filtered_lines(lines, role="answer") == lines[1:]


def test_csv_and_markdown_rows_are_data() -> None:
    line = KwicLine("/p.txt", "T | x", 2, "S", "answer", "a *b*", "NATO", "c | d", 0, 4)
    assert csv_rows([line])[1] == ["T | x", "3", "S", "a *b*", "NATO", "c | d", "/p.txt"]
    dash = KwicLine("/p.txt", "=T", 0, "@S", "answer", "- It is me", "NATO", "+1", 0, 4)
    assert csv_rows([dash])[1][:6] == ["'=T", "1", "'@S", "'- It is me", "NATO", "'+1"]
    table = markdown([line], "NATO")
    assert "a \\*b\\*" in table and "c \\| d" in table and "**NATO**" in table


def test_cli_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kwic", "NATO", "--in", str(SAMPLE), "--json", "--width", "20"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "NATO" and data["total"] == 6 and len(data["lines"]) == 6
    assert set(data["lines"][0]) >= {"path", "title", "turn", "speaker", "left", "match", "right"}
    assert [ln["turn"] for ln in data["lines"]] == sorted(ln["turn"] for ln in data["lines"])
    assert sum(ln["speaker"] == "Antony Blinken" for ln in data["lines"]) == 5
    assert all(len(ln["left"]) <= 20 for ln in data["lines"])


def test_cli_text_library_and_redaction(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(SAMPLE)]) == 0
    capsys.readouterr()
    assert main(["kwic", "Lavrov", "--redact", "Sergey Lavrov=Minister X"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 of 3 occurrences")
    assert "Lavrov" not in out and "Sergey" not in out and "Minister X" in out
    assert main(["kwic", "NATO", "--json", "--limit", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 6 and len(data["lines"]) == 2


def test_cli_bad_query_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kwic", '"unclosed', "--in", str(SAMPLE)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "closing" in err
