"""The real-world corpus is the test of record: every file parses as its expectation says.

`tests/data/corpus/<shape>/<file>` are transcripts written by other people, kept byte for byte
(sources and licences in `tests/data/corpus/SOURCES.md`). `tests/data/corpus/expected.json`
holds, per file, what a careful reader of that file expects, written by reading the file and
never by copying the parser's output:

- `format`: the shape (the folder name) or a list of acceptable format ids, the folder's first;
- `title`, `language`: metadata, when the file states them (a list means "any of these");
- `speakers`: every person, `{"name": [spellings...], "role": [roles...]}`; the count must
  match. `speakers_min` checks the listed people without the count; `no_speakers: true` means
  the file names nobody, so no turn may carry a speaker; `named_speakers: false` allows only
  anonymous speakers (`>>`, `Speaker 1`, `Unknown`), as in live captions;
- `n_turns`: exact, a list of acceptable counts, or `{"min": a, "max": b}` when a boundary is
  genuinely ambiguous (`n_turns_why` says why); `segments`: timed cues kept across all turns;
- `first` / `first_end` / `last` / `last_end`: how the first and last turns start and end;
  `first_speaker` / `last_speaker`: who says them;
- `absent`: strings that must not survive in any turn's words (times, markup, entities, page
  furniture); `not_speakers`: labels that must not become speakers;
- `annotations`: non-speech marks (`[Music]`, `(Laughter.)`) that must stay in the text inside
  an annotation span, not as speech.

Files the importers still get wrong are in `KNOWN_FAILING` with the broken rule; the xfail is
strict, so a fixed file fails until its entry is removed. `python benchmarks/corpus_score.py`
prints the score per shape; pytest prints it at the end of the run too (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from desktop.core.importers import import_file
from desktop.core.model import Speaker, Transcript

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (CORPUS / "expected.json").read_text(encoding="utf-8")
)["files"]
CASES = sorted(EXPECTED)

#: Files the current importers get wrong: file -> the rule they break. Remove an entry when
#: the importers are fixed (the strict xfail then fails, as a reminder).
KNOWN_FAILING: dict[str, str] = {
}


def shape_of(case: str) -> str:
    """The shape a corpus file stands for: its folder."""
    return case.split("/", 1)[0]


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _any_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _find(transcript: Transcript, names: list[str]) -> Speaker | None:
    wanted = {_norm(name).casefold() for name in names}
    for speaker in transcript.speakers:
        if any(_norm(s).casefold() in wanted for s in (speaker.name, *speaker.aliases)):
            return speaker
    return None


def _count_ok(count: int, expected: Any) -> bool:
    if isinstance(expected, dict):
        return int(expected["min"]) <= count <= int(expected["max"])
    return count in _any_of(expected)


def check(case: str, expected: dict[str, Any] | None = None) -> list[str]:
    """Every way the parse of one corpus file differs from its expectation (empty: it passes)."""
    exp = expected if expected is not None else EXPECTED[case]
    transcript = import_file(CORPUS / case)
    problems: list[str] = []
    formats = _any_of(exp.get("format", shape_of(case)))
    if transcript.source.format not in formats:
        problems.append(f"format {transcript.source.format!r}, expected {formats}")
    if "title" in exp:
        titles = [_norm(t) for t in _any_of(exp["title"])]
        if _norm(transcript.metadata.title) not in titles:
            problems.append(f"title {transcript.metadata.title!r}, expected {titles}")
    if "date" in exp and transcript.metadata.date not in _any_of(exp["date"]):
        problems.append(f"date {transcript.metadata.date!r}, expected {exp['date']}")
    if "language" in exp and transcript.metadata.language not in _any_of(exp["language"]):
        problems.append(f"language {transcript.metadata.language!r}, expected {exp['language']}")
    names = [s.name for s in transcript.speakers]
    for key in ("speakers", "speakers_min"):
        for wanted in exp.get(key, []):
            speaker = _find(transcript, _any_of(wanted["name"]))
            if speaker is None:
                problems.append(f"speaker {wanted['name']} not among {names}")
            elif "role" in wanted and speaker.role.value not in _any_of(wanted["role"]):
                role = speaker.role.value
                problems.append(f"{speaker.name} is {role}, expected {wanted['role']}")
    if "speakers" in exp and len(names) != len(exp["speakers"]):
        problems.append(f"{len(names)} speakers {names}, expected {len(exp['speakers'])}")
    if exp.get("no_speakers") and (names or any(t.speaker for t in transcript.turns)):
        problems.append(f"speakers {names} in a file that names nobody")
    if exp.get("named_speakers") is False:
        invented = [n for n in names if not re.match(r"(?i)^(speaker|unknown|>>|person)", n)]
        if invented:
            problems.append(f"speakers {invented} invented in a file that names nobody")
    for label in exp.get("not_speakers", []):
        if _find(transcript, [label]) is not None:
            problems.append(f"{label!r} became a speaker")
    turns = transcript.turns
    if "n_turns" in exp and not _count_ok(len(turns), exp["n_turns"]):
        problems.append(f"{len(turns)} turns, expected {exp['n_turns']}")
    if "segments" in exp:
        count = sum(len(t.segments) for t in turns)
        if not _count_ok(count, exp["segments"]):
            problems.append(f"{count} segments, expected {exp['segments']}")
    if not turns:
        return [*problems, "no turns"]
    ends = {
        "first": (turns[0].text, str.startswith),
        "first_end": (turns[0].text, str.endswith),
        "last": (turns[-1].text, str.startswith),
        "last_end": (turns[-1].text, str.endswith),
    }
    for key, (text, test) in ends.items():
        if key in exp and not test(_norm(text), _norm(exp[key])):
            shown = _norm(text)[:80] if "end" not in key else _norm(text)[-80:]
            problems.append(f"{key}: {shown!r}, expected {exp[key]!r}")
    for key, index in (("first_speaker", 0), ("last_speaker", len(turns) - 1)):
        if key in exp:
            speaker = transcript.speaker_of(index)
            if speaker is None or _find(transcript, _any_of(exp[key])) != speaker:
                who = speaker.name if speaker else None
                problems.append(f"{key} {who!r}, expected {exp[key]}")
    for junk in exp.get("absent", []):
        hits = [i for i, t in enumerate(turns) if junk in t.text]
        if hits:
            problems.append(f"{junk!r} left in turn(s) {hits[:5]}")
    for mark in exp.get("annotations", []):
        marked = any(
            mark in t.text[a.start : a.end] for t in turns for a in t.annotations
        )
        if not marked:
            inside = any(mark in t.text for t in turns)
            problems.append(f"{mark!r} " + ("kept as speech" if inside else "lost"))
    return problems


#: Every shape in the README's table of format ids.
ALL_SHAPES = frozenset({
    "news-scrape", "labelled", "markdown", "otter", "captions", "qa-board",
    "youtube-transcript", "plain", "srt", "webvtt", "whisper-json", "whisper-tsv",
    "whisper-txt", "otr", "docx",
})
#: Keys an expectation may use (a misspelt key would silently check nothing).
KEYS = frozenset({
    "format", "format_why", "title", "date", "language", "speakers", "speakers_min",
    "no_speakers", "named_speakers", "not_speakers", "n_turns", "n_turns_why", "segments",
    "first", "first_end", "last", "last_end", "first_speaker", "last_speaker", "absent",
    "annotations",
})


def _sources() -> list[str]:
    """The sources named in SOURCES.md (one `## ` heading each)."""
    text = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    return re.findall(r"^## (.+)$", text, re.MULTILINE)


def test_every_file_has_an_expectation_and_a_source() -> None:
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*") if p.is_file()}
    assert on_disk == set(CASES), "every corpus file has an expectation and vice versa"
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert [case for case in CASES if f"`{case}`" not in sources] == []
    assert set(KNOWN_FAILING) <= set(CASES)
    for case in CASES:
        assert set(EXPECTED[case]) <= KEYS, (case, set(EXPECTED[case]) - KEYS)
        assert shape_of(case) in ALL_SHAPES, case


def test_the_corpus_is_big() -> None:
    assert len(CASES) >= 80
    assert len({shape_of(case) for case in CASES}) >= 12


@pytest.mark.xfail(
    reason="no redistributable real file found yet for qa-board and youtube-transcript (the "
    "captions shape has a CART transcript saved as an HTML page, not yet a .txt). Searched "
    "(corpusgrow): YouTube panel pastes exist in public repositories but none under a licence "
    "that allows redistribution, and the public-domain Q/A boards (`Ask the White House`) are "
    "only on web pages, not as files that can be kept byte for byte",
    strict=True,
)
def test_the_corpus_covers_every_shape() -> None:
    assert {shape_of(case) for case in CASES} == ALL_SHAPES


def test_the_corpus_has_25_sources() -> None:
    assert len(_sources()) >= 25


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            marks=pytest.mark.xfail(reason=KNOWN_FAILING[case], strict=True)
            if case in KNOWN_FAILING
            else (),
        )
        for case in CASES
    ],
)
def test_corpus_file(case: str) -> None:
    problems = check(case)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)
