"""Properties of the quote check over real transcripts written by others (tests/data, with
their sources in SOURCES.md, and the bundled interview): any stretch of words cut from a turn
is verbatim; the same stretch with one word changed is altered, with that word in the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.core.importers import import_file
from desktop.core.model import Transcript
from desktop.core.quotecheck import Op, Verdict, check_transcript
from desktop.core.quotecheck.text import quote_words, turn_tokens

REPO = Path(__file__).resolve().parents[2]
FILES = [
    REPO / "resources" / "sample-interview.txt",
    REPO / "tests" / "data" / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt",
    REPO / "tests" / "data" / "audreyt_la-nuit-des-idees_fr_2016-01-27.md",
    REPO / "tests" / "data" / "whisper_smartphone_fr.srt",
]
TRANSCRIPTS: list[Transcript] = []


def transcripts() -> list[Transcript]:
    if not TRANSCRIPTS:
        TRANSCRIPTS.extend(import_file(path) for path in FILES)
    return TRANSCRIPTS


@st.composite
def cuts(draw: st.DrawFn, min_words: int = 3) -> tuple[Transcript, int, int, int]:
    """(transcript, turn, first token, token count) of a stretch of one turn's words (an
    editorial note inside the stretch comes with it, as a copy from the page would)."""
    transcript = draw(st.sampled_from(transcripts()))
    turns = [i for i, t in enumerate(transcript.turns) if len(turn_tokens(t)) >= min_words]
    turn = draw(st.sampled_from(turns))
    tokens = turn_tokens(transcript.turns[turn])
    count = draw(st.integers(min_words, min(40, len(tokens))))
    first = draw(st.integers(0, len(tokens) - count))
    return transcript, turn, first, count


FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@FAST
@given(cuts())
def test_any_stretch_of_a_turn_is_verbatim(cut: tuple[Transcript, int, int, int]) -> None:
    transcript, turn, first, count = cut
    tokens = turn_tokens(transcript.turns[turn])
    text = transcript.turns[turn].text
    quote = text[tokens[first].start : tokens[first + count - 1].end]
    result = check_transcript(quote, transcript)
    assert result.verdict is Verdict.VERBATIM, (quote, result)
    best = result.matches[0]
    found = transcript.turns[best.turn].text
    assert found[best.start : best.end] == best.text
    # The same words (a phrase said twice may be found at its other place).
    assert quote_words(best.text).keys == quote_words(quote).keys


@FAST
@given(cuts(min_words=5), st.data())
def test_one_word_changed_is_altered_with_that_word(
    cut: tuple[Transcript, int, int, int], data: st.DataObject
) -> None:
    transcript, turn, first, count = cut
    tokens = turn_tokens(transcript.turns[turn])
    words = [t.text for t in tokens[first : first + count]]
    assume(any(ch.isalnum() for ch in "".join(words)))
    position = data.draw(st.integers(1, count - 2))
    assume(any(ch.isalnum() for ch in words[position]))
    original = words[position]
    words[position] = "Zqxvwj"
    quote = " ".join(words)
    result = check_transcript(quote, transcript)
    assert result.verdict is Verdict.ALTERED, (quote, result)
    best = result.matches[0]
    assert any("Zqxvwj" in change.quote for change in best.changes)
    assert not any(change.marked for change in best.changes)
    if best.turn == turn and best.start <= tokens[first + position].start < best.end:
        (change,) = best.changes
        assert (change.op, change.quote, change.source) == (Op.REPLACE, "Zqxvwj", original)
    else:  # as close a passage elsewhere ("to talk to each other" for "to speak to each other")
        assert best.similarity >= (count - 1) / count - 1e-9


@pytest.mark.parametrize("ellipsis", ["…", "...", "[…]", "(...)"])
def test_every_omission_mark_is_read(ellipsis: str) -> None:
    sample = transcripts()[0]
    quote = f"We do not know the intentions {ellipsis} Vladimir Putin"
    result = check_transcript(quote, sample)
    assert result.verdict is Verdict.ALTERED
    (change,) = result.matches[0].changes
    assert (change.op, change.source, change.marked) == (Op.DELETE, "of President", True)


CORPUS = REPO / "tests" / "data" / "corpus"


def _corpus() -> list[Transcript]:
    """Every transcript of the shared real-world corpus that imports (tests/data/corpus)."""
    from desktop.core.errors import VerbatimError

    found = []
    for path in sorted(CORPUS.rglob("*")):
        if not path.is_file() or path.name in ("SOURCES.md", "expected.json"):
            continue
        try:
            found.append(import_file(path))
        except VerbatimError:
            continue
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not in this checkout")
def test_cuts_from_every_corpus_transcript() -> None:
    """Five stretches of each real transcript (news pages, hearings, podcasts, subtitles in
    eight languages, with notes, links, ellipses and stage directions) are verbatim; with one
    word changed, altered."""
    import random

    rng = random.Random(14)
    transcripts = _corpus()
    assert len(transcripts) >= 40
    checked = 0
    for transcript in transcripts:
        turns = [i for i, t in enumerate(transcript.turns) if len(turn_tokens(t)) >= 5]
        for _ in range(5 if turns else 0):
            turn = rng.choice(turns)
            tokens = turn_tokens(transcript.turns[turn])
            count = rng.randint(5, min(30, len(tokens)))
            first = rng.randrange(len(tokens) - count + 1)
            text = transcript.turns[turn].text
            quote = text[tokens[first].start : tokens[first + count - 1].end]
            result = check_transcript(quote, transcript)
            assert result.verdict is Verdict.VERBATIM, (transcript.source.path, quote, result)
            words = [t.text for t in tokens[first : first + count]]
            middle = count // 2
            if any(ch.isalnum() for ch in words[middle]):
                words[middle] = "Zqxvwj"
                changed = check_transcript(" ".join(words), transcript)
                assert changed.verdict is Verdict.ALTERED, (transcript.source.path, words)
                assert any("Zqxvwj" in c.quote for c in changed.matches[0].changes)
            checked += 1
    assert checked >= 200
