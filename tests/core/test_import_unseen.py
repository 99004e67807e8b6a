"""A reviewer's unseen transcripts (small, hand-made shapes) parse as their expected.json says.

Each folder in tests/data/unseen holds one input file and an expected.json trimmed to what is
checked here: the format (any of the accepted ids), speaker names (any listed spelling, matched
against the name or an alias) and roles, the turn count, the first/last turn's opening words,
and title/date where given. Lists in expected.json mean "any of these".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from desktop.core.importers import import_file
from desktop.core.model import Speaker, Transcript

UNSEEN = Path(__file__).resolve().parent.parent / "data" / "unseen"
CASES = sorted(p.parent.name for p in UNSEEN.glob("*/expected.json"))


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _any_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _find(transcript: Transcript, names: list[str]) -> Speaker | None:
    wanted = {name.casefold() for name in names}
    for speaker in transcript.speakers:
        spellings = {speaker.name, *speaker.aliases}
        if any(spelling.casefold() in wanted for spelling in spellings):
            return speaker
    return None


def test_the_corpus_is_there() -> None:
    assert 15 <= len(CASES) <= 25


@pytest.mark.parametrize("name", CASES)
def test_unseen_file_parses_as_expected(name: str) -> None:
    folder = UNSEEN / name
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    transcript = import_file(folder / expected["file"])
    assert transcript.source.format in _any_of(expected["format"])
    if "title" in expected:
        assert _norm(transcript.metadata.title) in [_norm(t) for t in _any_of(expected["title"])]
    if "date" in expected:
        assert transcript.metadata.date in _any_of(expected["date"])
    for key in ("speakers", "speakers_min"):
        for wanted in expected.get(key, []):
            speaker = _find(transcript, wanted["name"])
            assert speaker is not None, f"{wanted['name']} not among {transcript.speakers}"
            if "role" in wanted:
                assert speaker.role.value in _any_of(wanted["role"]), speaker
    if "speakers" in expected:
        assert len(transcript.speakers) == len(expected["speakers"])
    for junk in expected.get("not_speakers", []):
        assert all(junk != s.name and junk not in s.aliases for s in transcript.speakers)
    if expected.get("named_speakers") is False:
        invented = [s.name for s in transcript.speakers
                    if not re.match(r"(?i)^(speaker|unknown|>>|person)", s.name)]
        assert invented == []
    texts = [turn.text for turn in transcript.turns]
    if "n_turns" in expected:
        assert len(texts) in _any_of(expected["n_turns"])
    if "first" in expected:
        assert texts and _norm(texts[0]).startswith(_norm(expected["first"]))
    if "last" in expected:
        assert texts and _norm(texts[-1]).startswith(_norm(expected["last"]))
