"""Quotes: anchoring, elisions, verification, re-anchoring, lookup of pasted words."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.citations import Locator
from desktop.core.citations.typography import QuotationStyle
from desktop.core.importers import import_file
from desktop.core.model import Role, Segment, Source, Speaker, Transcript, Turn
from desktop.core.quotes import (
    CONTEXT_CHARS,
    QuoteAnchorError,
    QuotesNotVerifiedError,
    Verification,
    ensure_verified,
    find_quote,
    locator_for,
    omission_for,
    omit,
    quote_from_span,
    quotes_from_selection,
    reanchor,
    render_quote,
    verify,
    verify_all,
    with_elisions,
    word_spans,
)

ASK = "Are we close to a military confrontation?"
ANSWER = (
    "We do not know the intentions of President Putin. So it is very important to tell Russia "
    "that a new aggression against Ukraine would be a mistake, that there would be consequences."
    "\n\nThe doors of NATO are open. We don’t want to see such things."
)


def make(*texts: str, path: str = "/data/interview.txt", sha: str = "a" * 64) -> Transcript:
    speakers = (
        Speaker("efi", "Efi Koutsokosta", Role.INTERVIEWER),
        Speaker("blinken", "Antony Blinken", Role.INTERVIEWEE, "Secretary of State"),
    )
    turns = tuple(
        Turn(speaker="efi" if i % 2 == 0 else "blinken", text=t) for i, t in enumerate(texts)
    )
    return Transcript(Source(path, sha, "labelled", "utf-8"), speakers=speakers, turns=turns)


T = make(ASK, ANSWER, "And sanctions?", "No, not publicly.")
WORDS = "a new aggression against Ukraine would be a mistake"


def span(transcript: Transcript, turn: int, words: str) -> tuple[int, int]:
    start = transcript.turns[turn].text.index(words)
    return start, start + len(words)


def test_quote_is_the_exact_slice_with_context_speaker_and_locator() -> None:
    quote = quote_from_span(T, 1, *span(T, 1, WORDS))
    assert quote.text == WORDS
    assert T.turns[1].text[quote.start : quote.end] == WORDS
    assert quote.before == T.turns[1].text[quote.start - CONTEXT_CHARS : quote.start]
    assert quote.after == T.turns[1].text[quote.end : quote.end + CONTEXT_CHARS]
    assert quote.speaker == "Antony Blinken"
    assert quote.locator == Locator(paragraph=2)  # turn 0 has one paragraph
    assert quote.source_sha256 == T.source.sha256


def test_paragraph_locator_counts_paragraphs_over_the_whole_transcript() -> None:
    start, _ = span(T, 1, "The doors of NATO")
    assert locator_for(T, 1, start).text == "para. 3"
    assert locator_for(T, 3, 0).text == "para. 5"  # 1 + 2 + 1 paragraphs before it


CUES = (Segment(10.0, 12.0, "First cue."), Segment(195.0, 197.0, "Second cue."))


def test_time_locator_for_timed_transcripts() -> None:
    timed = dataclasses.replace(
        T,
        turns=(
            Turn("efi", "First cue. Second cue.", start=10.0, segments=CUES),
            Turn("blinken", "Late answer.", start=3725.0),
        ),
    )  # fmt: skip
    assert locator_for(timed, 0, 0) == Locator(seconds=10.0)
    assert locator_for(timed, 0, 12).text == "3:15"
    assert locator_for(timed, 1, 0).text == "1:02:05"
    assert locator_for(timed, 0, 12).timestamp(pad_minutes=True) == "03:15"


def test_selection_edges_are_trimmed_and_bad_spans_refused() -> None:
    start, end = span(T, 1, WORDS)
    assert quote_from_span(T, 1, start - 1, end + 1).text.startswith("a new")
    with pytest.raises(QuoteAnchorError):
        quote_from_span(T, 9, 0, 3)
    with pytest.raises(QuoteAnchorError):
        quote_from_span(T, 1, 10, 5000)
    with pytest.raises(QuoteAnchorError):
        quote_from_span(T, 0, 3, 4)  # one space: no words


def test_multi_turn_selection_becomes_one_piece_per_turn() -> None:
    pieces = quotes_from_selection(T, (1, T.turns[1].text.index("The doors")), (3, 3))
    assert [p.turn for p in pieces] == [1, 2, 3]
    assert pieces[0].text == "The doors of NATO are open. We don’t want to see such things."
    assert pieces[1].text == "And sanctions?"
    assert pieces[2].text == "No,"
    assert all(verify(p, T) is Verification.EXACT for p in pieces)


def test_elisions_are_shown_as_ellipsis_and_checked() -> None:
    start, end = span(T, 1, WORDS)
    gap = (start + len("a new aggression"), start + len("a new aggression against Ukraine"))
    quote = quote_from_span(T, 1, start, end, [gap])
    assert quote.text == WORDS  # the source's words are kept whole
    assert quote.words() == "a new aggression … would be a mistake"
    assert render_quote(quote, punct=",", first_letter="upper", ellipsis=" ... ") == (
        "“A new aggression ... would be a mistake,”"
    )
    with pytest.raises(QuoteAnchorError):
        quote_from_span(T, 1, start, end, [(start - 5, start + 2)])


def test_omit_takes_whole_words_merges_and_keeps_first_and_last() -> None:
    start, end = span(T, 1, WORDS)
    quote = quote_from_span(T, 1, start, end)

    def at(word: str) -> int:
        return start + WORDS.index(word)

    words = word_spans(quote)
    assert [T.turns[1].text[a:b] for a, b in words][:3] == ["a", "new", "aggression"]
    # a selection inside "aggression" takes the whole word
    shorter = omit(quote, at("ggres"), at("ggres") + 3)
    assert shorter.words() == "a new … against Ukraine would be a mistake"
    assert shorter.text == quote.text and verify(shorter, T) is Verification.EXACT
    # a neighbouring omission joins the first: one ellipsis, not "… …"
    shorter = omit(shorter, at("against"), at("against") + 2)
    assert shorter.words() == "a new … Ukraine would be a mistake"
    assert len(shorter.elisions) == 1
    shorter = omit(shorter, at("would"), at("would") + len("would"))
    assert shorter.words() == "a new … Ukraine … be a mistake"  # two gaps, single spaces
    assert render_quote(shorter, punct=",", first_letter="upper", ellipsis=" ... ") == (
        "“A new ... Ukraine ... be a mistake,”"
    )
    for first_or_last in ((start, start + 1), (end - 3, end), (start, end)):
        with pytest.raises(QuoteAnchorError):
            omit(quote, *first_or_last)
    assert omission_for(quote, start, start + 1) is None
    assert with_elisions(shorter, ()).words() == WORDS  # "Restore all"
    with pytest.raises(QuoteAnchorError):
        with_elisions(quote, [(start, start + 5)])  # would drop the first word
    with pytest.raises(QuoteAnchorError):
        with_elisions(quote, [(at("new"), at("would")), (at("Ukraine"), at("be"))])  # overlap


def test_render_quote_us_and_uk() -> None:
    quote = quote_from_span(T, 1, *span(T, 1, "We don’t want to see such things."))
    assert render_quote(quote) == "“We don’t want to see such things.”"
    assert (
        render_quote(quote, QuotationStyle.UK, punct=",") == "‘We don’t want to see such things’,"
    )
    assert render_quote(quote, punct=",") == "“We don’t want to see such things,”"  # AP-3
    assert render_quote(quote, first_letter="lower", punct=".") == (
        "“we don’t want to see such things.”"
    )


# --- verification and re-anchoring ---------------------------------------------------------


def test_verify_exact_moved_changed_missing() -> None:
    quote = quote_from_span(T, 1, *span(T, 1, WORDS))
    assert verify(quote, T) is Verification.EXACT

    inserted = make("A new first question?", "A new first answer.", ASK, ANSWER, sha="b" * 64)
    assert verify(quote, inserted) is Verification.MOVED

    reworded = make(ASK, ANSWER.replace("would be a mistake", "would be a grave error"))
    assert verify(quote, reworded) is Verification.CHANGED

    gone = make(ASK, "We do not comment.", "And sanctions?", "No, not publicly.")
    assert verify(quote, gone) is Verification.MISSING


def test_reanchor_after_the_file_changed() -> None:
    quote = quote_from_span(T, 1, *span(T, 1, WORDS))
    edited = make("Opening remarks.", "Thank you.", ASK, "Well. " + ANSWER, sha="c" * 64)
    fresh = reanchor(quote, edited)
    assert fresh is not None
    assert (fresh.turn, fresh.text) == (3, WORDS)
    assert verify(fresh, edited) is Verification.EXACT
    assert fresh.source_sha256 == "c" * 64
    assert fresh.locator == Locator(paragraph=4)
    assert reanchor(quote, make(ASK, "Nothing.")) is None


def test_reanchor_prefers_the_occurrence_with_the_same_context() -> None:
    text = "First: no, not publicly. Then later, when asked again: no, not publicly."
    original = make(ASK, text)
    second = quote_from_span(original, 1, text.rindex("no, not"), len(text))
    changed = make("Hello.", "Hi.", ASK, "Preface. " + text)
    fresh = reanchor(second, changed)
    assert fresh is not None
    assert changed.turns[3].text[: fresh.start].endswith("asked again: ")


def test_reanchor_moves_elisions_with_the_words() -> None:
    start, end = span(T, 1, WORDS)
    quote = quote_from_span(T, 1, start, end, [(start + 2, start + 17)])
    shifted = make(ASK, "Indeed. " + ANSWER)
    fresh = reanchor(quote, shifted)
    assert fresh is not None and fresh.words() == quote.words()


def test_edited_or_invented_quote_cannot_pass() -> None:
    real = quote_from_span(T, 1, *span(T, 1, WORDS))
    edited = dataclasses.replace(real, text="a new aggression against Ukraine would be a crime")
    invented = dataclasses.replace(real, text="we will invade tomorrow")
    assert verify(edited, T) is not Verification.EXACT
    assert verify(invented, T) is not Verification.EXACT
    failures = verify_all([real, edited, invented], {T.source.path: T})
    assert [f.quote for f in failures] == [edited, invented]
    with pytest.raises(QuotesNotVerifiedError) as caught:
        ensure_verified([real, edited, invented], {T.source.path: T})
    assert len(caught.value.failures) == 2
    assert "we will invade tomorrow" in str(caught.value)
    ensure_verified([real], {T.source.path: T})  # the real one passes
    with pytest.raises(QuotesNotVerifiedError):
        ensure_verified([real], {})  # and fails when its source is not given


# --- finding pasted words ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        WORDS,
        "A new aggression against Ukraine would be a mistake",  # first letter case (APA-7)
        "a new  aggression\nagainst Ukraine would be a mistake",  # whitespace
        "“a new aggression against Ukraine would be a mistake”",  # surrounding marks
    ],
)
def test_find_quote_tolerates_whitespace_marks_and_first_letter(typed: str) -> None:
    quote = find_quote(T, typed)
    assert quote is not None
    assert quote.text == WORDS  # always the source's own words
    assert quote.turn == 1


def test_find_quote_apostrophes_and_guillemets() -> None:
    assert find_quote(T, "We don't want to see") is not None
    quoted = make(ASK, "He called it «a mistake» twice.")
    found = find_quote(quoted, 'called it "a mistake"')
    assert found is not None and found.text == "called it «a mistake»"


def test_find_quote_refuses_other_words() -> None:
    assert find_quote(T, "a new aggression against Ukraine would be a catastrophe") is None
    assert find_quote(T, "A NEW AGGRESSION against Ukraine") is None  # only the first letter
    assert find_quote(T, "   ") is None


def test_find_quote_with_an_ellipsis_records_the_elision() -> None:
    quote = find_quote(T, "A new aggression ... would be a mistake")
    assert quote is not None
    assert quote.text == WORDS
    assert quote.words() == "a new aggression … would be a mistake"
    assert verify(quote, T) is Verification.EXACT


def test_find_quote_prefers_a_speakers_turn_over_a_heading() -> None:
    heading = Turn(speaker=None, text="“A new aggression against Ukraine would be a mistake”")
    with_heading = dataclasses.replace(T, turns=(heading, *T.turns))
    quote = find_quote(with_heading, "A new aggression against Ukraine would be a mistake")
    assert quote is not None and quote.speaker == "Antony Blinken"


def test_golden_quote_on_the_bundled_sample(sample_path: object) -> None:
    transcript = import_file(str(sample_path))
    quote = find_quote(transcript, "A new aggression against Ukraine would be a mistake")
    assert quote is not None
    assert quote.text == WORDS  # lower-case "a", as Blinken's answer has it
    assert quote.speaker == "Antony Blinken"
    assert verify(quote, transcript) is Verification.EXACT
    if len(transcript.turns) == 18:  # the seed parser: the answer is the second turn
        assert quote.locator == Locator(paragraph=2)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet='ab cd’"\n.', min_size=1, max_size=60),
    data=st.data(),
)
def test_any_span_verifies_and_is_found_again(text: str, data: st.DataObject) -> None:
    transcript = make("Q?", text)
    if not text.strip():
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        return
    quote = quote_from_span(transcript, 1, start, end)
    assert verify(quote, transcript) is Verification.EXACT
    found = find_quote(transcript, quote.text)
    assert found is not None
    assert verify(found, transcript) is Verification.EXACT
