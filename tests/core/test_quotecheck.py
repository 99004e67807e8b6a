"""Quote check on real transcripts: the bundled euronews interview (issue 14's examples) and
the State Department's Blinken/MSNBC transcript (tests/data, public domain)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.core.importers import import_file
from desktop.core.model import Transcript
from desktop.core.quotecheck import (
    AuditKind,
    LibraryScope,
    Op,
    TranscriptScope,
    Verdict,
    audit,
    check_draft,
    check_transcript,
    draft_quotes,
)
from desktop.core.search import Hit, SearchResult
from desktop.core.search.whoosh_engine import WhooshEngine

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"
STATE_DEPT = REPO / "tests" / "data" / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt"


@pytest.fixture(scope="module")
def sample() -> Transcript:
    return import_file(SAMPLE)


@pytest.fixture(scope="module")
def msnbc() -> Transcript:
    return import_file(STATE_DEPT)


def changes(result_match: object) -> list[tuple[str, str, str, bool]]:
    return [(str(d.op), d.quote, d.source, d.marked)
            for d in result_match.changes]  # type: ignore[attr-defined]


# -- the examples -------------------------------------------------------------------


def test_verbatim_quote_is_blinkens_turn_1(sample: Transcript) -> None:
    result = check_transcript("A new aggression against Ukraine would be a mistake", sample)
    assert result.verdict is Verdict.VERBATIM
    best = result.matches[0]
    assert (best.turn, best.speaker) == (1, "Antony Blinken")
    turn = sample.turns[1].text
    assert turn[best.start : best.end] == best.text
    assert best.text == "a new aggression against Ukraine would be a mistake"
    assert best.similarity == 1.0
    assert [d.op for d in best.diff] == [Op.EQUAL]


def test_many_things_heading_drops_that(sample: Transcript) -> None:
    result = check_transcript(
        "The many things we are considering could have very strong repercussions.", sample
    )
    assert result.verdict is Verdict.ALTERED
    best = result.matches[0]
    assert best.turn == 11
    assert changes(best) == [("delete", "", "that", False)]
    assert 0.9 < best.similarity < 1.0


def test_nato_heading_replaces_it(sample: Transcript) -> None:
    result = check_transcript("NATO is not directed against Russia", sample)
    assert result.verdict is Verdict.ALTERED
    assert result.matches[0].turn == 15
    assert changes(result.matches[0]) == [("replace", "NATO", "It", False)]


def test_bracketed_substitution_is_a_marked_alteration(sample: Transcript) -> None:
    result = check_transcript("[NATO] is not directed against Russia", sample)
    assert result.verdict is Verdict.ALTERED
    best = result.matches[0]
    assert changes(best) == [("replace", "[NATO]", "It", True)]
    assert best.all_marked


def test_ellipsis_marks_an_omission(sample: Transcript) -> None:
    quote = ("Our conversation was very direct, frank as usual. … I wanted him to know that we "
             "are convinced that the best way forward is diplomacy")
    result = check_transcript(quote, sample, "Blinken")
    assert result.verdict is Verdict.ALTERED
    best = result.matches[0]
    assert best.turn == 3
    assert [(d.op, d.marked) for d in best.changes] == [(Op.DELETE, True)]
    assert best.changes[0].source.startswith("We did not get into controversy.")
    assert best.similarity == 1.0  # marked omissions are not held against the quote


def test_unmarked_omission_is_silent(sample: Transcript) -> None:
    quote = ("Our conversation was very direct, frank as usual. I wanted him to know that we "
             "are convinced that the best way forward is diplomacy")
    result = check_transcript(quote, sample)
    assert result.verdict is Verdict.STITCHED  # a long stretch silently left out
    assert [m.turn for m in result.matches] == [3, 3]


def test_question_attributed_to_blinken_is_wrong_speaker(sample: Transcript) -> None:
    result = check_transcript("Are you only referring to sanctions?", sample, "Blinken")
    assert result.verdict is Verdict.WRONG_SPEAKER
    assert result.matches[0].speaker == "Efi Koutsokosta"
    assert result.matches[0].turn == 10
    unattributed = check_transcript("Are you only referring to sanctions?", sample)
    assert unattributed.verdict is Verdict.VERBATIM
    right = check_transcript("Are you only referring to sanctions?", sample, "Koutsokosta")
    assert right.verdict is Verdict.VERBATIM


def test_invented_sentence_is_not_found_with_nearest_passages(sample: Transcript) -> None:
    result = check_transcript("We will build a wall along the Baltic coast next spring", sample)
    assert result.verdict is Verdict.NOT_FOUND
    assert 1 <= len(result.matches) <= 3
    assert all(m.similarity < 0.6 for m in result.matches)


def test_stitched_quote_gives_each_part(sample: Transcript) -> None:
    quote = ("Our conversation was very direct, frank as usual. NATO is a defensive, not an "
             "offensive alliance.")
    result = check_transcript(quote, sample)
    assert result.verdict is Verdict.STITCHED
    assert [m.turn for m in result.matches] == [3, 9]
    assert [m.text for m in result.matches] == [
        "Our conversation was very direct, frank as usual.",
        "NATO is a defensive, not an offensive alliance.",
    ]
    first, second = result.matches
    assert quote[first.part[0] : first.part[1]] == first.text
    assert second.part[0] > first.part[1]


def test_verbatim_ignores_only_the_allowed_differences(sample: Transcript) -> None:
    allowed = "“we have  to be able\nto work together on things where we have a common interest.”"
    assert check_transcript(allowed, sample).verdict is Verdict.VERBATIM
    apostrophe = "So that's what we're focusing on"
    assert check_transcript(apostrophe, sample).verdict is Verdict.VERBATIM
    comma = "This is very very worrying, not just for us"
    result = check_transcript(comma, sample)
    assert result.verdict is Verdict.ALTERED
    assert changes(result.matches[0]) == [("replace", "very", "very,", False)]
    case = "this is Very, very worrying"
    assert check_transcript(case, sample).verdict is Verdict.ALTERED


def test_editorial_note_in_the_source_is_not_speech(sample: Transcript) -> None:
    quote = "I was at the NATO summit before I came here for the OSCE meeting"
    assert check_transcript(quote, sample).verdict is Verdict.VERBATIM


# -- headline audit -------------------------------------------------------------------------


def test_audit_of_the_bundled_interview(sample: Transcript) -> None:
    items = audit(sample)
    title = [i for i in items if i.kind is AuditKind.TITLE]
    sections = {i.section: i.result.verdict for i in items if i.kind is AuditKind.SECTION}
    assert len(title) == 1 and title[0].result.verdict is not Verdict.VERBATIM
    assert title[0].result.quote == "In case of Russian aggression in Ukraine, we will respond"
    assert title[0].result.speaker == "Antony Blinken"
    assert sections[0] is Verdict.VERBATIM
    assert sections[1] is not Verdict.VERBATIM
    assert sections[2] is Verdict.ALTERED
    assert sections[3] is Verdict.ALTERED
    assert sections[4] is Verdict.VERBATIM
    heading_two = next(i for i in items if i.section == 1)
    assert heading_two.result.quote == "very direct conversation"


# -- drafts ---------------------------------------------------------------------------------

DRAFT = """# Talks in Stockholm

“A new aggression against Ukraine would be a mistake,” Blinken said. He added that “the many
things we are considering could have very strong repercussions”.

A “hybrid attack” is only two words, and he didn’t say more. Blinken asked: "Are you only
referring to sanctions?"
"""


def test_draft_with_three_quotes_gives_three_verdicts_in_order(sample: Transcript) -> None:
    items = check_draft(DRAFT, TranscriptScope(sample))
    assert [i.quote.text for i in items] == [
        "A new aggression against Ukraine would be a mistake,",
        "the many\nthings we are considering could have very strong repercussions",
        "Are you only\nreferring to sanctions?",
    ]
    assert [i.quote.speaker for i in items] == ["Blinken", None, "Blinken"]
    assert [i.result.verdict for i in items] == [
        Verdict.VERBATIM, Verdict.ALTERED, Verdict.WRONG_SPEAKER,
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We do not know the intentions of President Putin,” said Antony Blinken.",
         "Antony Blinken"),
        ("“We do not know the intentions of President Putin,” Blinken told reporters.",
         "Blinken"),
        ("Secretary Blinken said: «We do not know the intentions of President Putin».",
         "Secretary Blinken"),
        ("According to Blinken, \"We do not know the intentions of President Putin.\"", "Blinken"),
        ("“We do not know the intentions of President Putin,” he said.", None),
        ("Blinken: “We do not know the intentions of President Putin”", "Blinken"),
        ("According to Blinken, ‘We do not know the intentions of President Putin’, he said.",
         "Blinken"),
    ],
)
def test_attribution_forms(text: str, speaker: str | None) -> None:
    (quote,) = draft_quotes(text)
    assert quote.speaker == speaker
    assert quote.text.startswith("We do not know the intentions of President Putin")


def test_block_quotes_and_nested_single_quotes() -> None:
    text = (
        "Blinken told reporters:\n\n> We have to be able to work together\n> on things "
        "where we have a common interest.\n\nShe said “I insist on the word ‘defense’ "
        "here, clearly” and left.\n"
    )
    quotes = draft_quotes(text)
    assert [(q.text, q.speaker, q.block) for q in quotes] == [
        ("We have to be able to work together on things where we have a common interest.",
         "Blinken", True),
        ("I insist on the word ‘defense’ here, clearly", None, False),
    ]


def test_docx_draft_reads_quote_style_as_block(tmp_path: Path, sample: Transcript) -> None:
    import docx

    from desktop.core.quotecheck import read_draft

    document = docx.Document()
    document.add_paragraph("Antony Blinken said:")
    document.add_paragraph("We do not know the intentions of President Vladimir Putin.",
                           style="Quote")
    document.add_paragraph("“Are you only referring to sanctions?” asked Koutsokosta.")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    items = check_draft(read_draft(path), TranscriptScope(sample))
    assert [(i.quote.speaker, i.quote.block, i.result.verdict) for i in items] == [
        ("Antony Blinken", True, Verdict.VERBATIM),
        ("Koutsokosta", False, Verdict.VERBATIM),
    ]


# -- across a library -----------------------------------------------------------------------


class _NoCounts:
    """An engine that cannot count words: the check falls back to phrase queries."""

    def __init__(self, engine: WhooshEngine) -> None:
        self.engine = engine
        self.queries: list[str] = []

    def search(self, query: str, **kwargs: Any) -> SearchResult:
        self.queries.append(query)
        return self.engine.search(query, **kwargs)


def _library(*transcripts: Transcript, counts: bool = True) -> LibraryScope:
    engine = WhooshEngine.in_memory()
    by_id = {n: t for n, t in enumerate(transcripts, 1)}
    for n, t in by_id.items():
        engine.update(n, t)

    def load(hit: Hit) -> Transcript | None:
        return by_id.get(hit.transcript_id or -1)

    return LibraryScope(engine if counts else _NoCounts(engine), load)  # type: ignore[arg-type]


def test_word_counts_ignore_case_and_accents(sample: Transcript) -> None:
    engine = WhooshEngine.in_memory()
    engine.update(1, sample)
    counts = engine.doc_frequencies(["Lavrov", "suede", "nowhere-word", "ukraine"])
    assert counts["Lavrov"] == 3  # two questions and an answer name him
    assert counts["suede"] == 1  # "Suède" in turn 1's editorial note
    assert counts["nowhere-word"] == 0
    assert counts["ukraine"] == sum("ukraine" in t.text.lower() for t in sample.turns)


@pytest.mark.parametrize("counts", [True, False])
def test_library_check_finds_the_right_transcript(sample: Transcript, msnbc: Transcript,
                                                  counts: bool) -> None:
    library = _library(sample, msnbc, counts=counts)
    real = ("the Russian Government makes a big mistake if it believes that this is about us")
    result = library.check(real, "Blinken")
    assert result.verdict is Verdict.VERBATIM
    assert result.matches[0].path == msnbc.source.path
    assert result.matches[0].transcript_id == 2
    changed = "the Russian regime makes a big error if it thinks that this is about us"
    altered = library.check(changed, "Blinken")
    assert altered.verdict is Verdict.ALTERED
    assert [(d.source, d.quote) for d in altered.matches[0].changes] == [
        ("Government", "regime"), ("mistake", "error"), ("believes", "thinks"),
    ]
    wrong = library.check("Are you only referring to sanctions?", "Blinken")
    assert wrong.verdict is Verdict.WRONG_SPEAKER
    assert wrong.matches[0].path == sample.source.path
    if not counts:
        assert all('"' in q for q in library.engine.queries[:1])  # type: ignore[attr-defined]


def test_library_check_stitches_across_transcripts(sample: Transcript,
                                                   msnbc: Transcript) -> None:
    quote = ("A new aggression against Ukraine would be a mistake. Mr. Navalny is giving "
             "expression to the voices of millions and millions of Russians")
    result = _library(sample, msnbc).check(quote, "Blinken")
    assert result.verdict is Verdict.STITCHED
    assert [m.path for m in result.matches] == [sample.source.path, msnbc.source.path]


def test_empty_or_wordless_quote_is_not_found(sample: Transcript) -> None:
    assert check_transcript("  “ … ” ", sample).verdict is Verdict.NOT_FOUND
    assert _library(sample).check("...").verdict is Verdict.NOT_FOUND


def test_a_whole_answer_pasted(sample: Transcript) -> None:
    answer = sample.turns[9].text  # 239 words
    assert check_transcript(answer, sample).verdict is Verdict.VERBATIM
    changed = check_transcript(answer.replace("very strong", "very weak"), sample)
    assert changed.verdict is Verdict.ALTERED
    assert [(d.source, d.quote) for d in changed.matches[0].changes] == [("strong.", "weak.")]
    every_answer = " ".join(t.text for t in sample.turns[1::2])
    stitched = check_transcript(every_answer, sample, "Blinken")
    assert stitched.verdict is Verdict.STITCHED
    assert [m.turn for m in stitched.matches] == list(range(1, 18, 2))


def test_a_turn_pasted_with_its_editorial_note_is_verbatim(sample: Transcript) -> None:
    turn = sample.turns[1].text
    assert "[ndlr : en Suède]" in turn
    result = check_transcript(turn, sample)
    assert result.verdict is Verdict.VERBATIM
    assert result.matches[0].similarity == 1.0
    # A bracketed insertion that is not the source's note stays a marked change.
    other = turn.replace("[ndlr : en Suède]", "[in Sweden]")
    assert check_transcript(other, sample).verdict is Verdict.ALTERED


def test_sic_adds_no_words(sample: Transcript) -> None:
    quote = "he is building the capacity to to [sic] do it in a short period of time"
    result = check_transcript(quote, sample)
    assert result.verdict is Verdict.VERBATIM
    assert any(d.quote == "[sic]" and d.source == "" for d in result.matches[0].diff)


def test_leaving_out_the_sources_note_is_not_a_change(sample: Transcript) -> None:
    quote = "I was at the NATO summit before I came here for the OSCE meeting"
    best = check_transcript(quote, sample).matches[0]
    assert best.similarity == 1.0
    assert [(d.op, d.quote, d.source) for d in best.diff if "ndlr" in d.source] == [
        (Op.EQUAL, "", "[ndlr : en Suède]")]


def test_a_dash_is_not_a_hyphen(sample: Transcript) -> None:
    said = "But this opening does not represent a threat to Russia because – and I stress this"
    assert check_transcript(said, sample).verdict is Verdict.VERBATIM
    hyphen = check_transcript(said.replace("–", "-"), sample)
    assert hyphen.verdict is Verdict.ALTERED
    assert [(d.source, d.quote) for d in hyphen.matches[0].changes] == [("–", "-")]


def test_the_published_page_checked_as_a_draft(sample: Transcript) -> None:
    """The euronews page itself as a draft: Q&A quotes under "Name, outlet:" label lines are
    given to those people and are verbatim; the pull-quote headings are what the audit says."""
    items = check_draft(SAMPLE.read_text(encoding="utf-8"), TranscriptScope(sample))
    attributed = [(i.quote.speaker, i.result.verdict) for i in items if i.quote.speaker]
    assert ("Efi Koutsokosta", Verdict.VERBATIM) in attributed
    assert ("Antony Blinken", Verdict.VERBATIM) in attributed
    assert all(v is Verdict.VERBATIM for who, v in attributed if who != "Antony Blinken"
               ) and attributed[0] == ("Antony Blinken", Verdict.NOT_FOUND)  # the headline
    verdicts = {i.quote.text: i.result.verdict for i in items}
    assert verdicts["NATO is not directed against Russia"] is Verdict.ALTERED
    assert verdicts["A new aggression against Ukraine would be a mistake"] is Verdict.VERBATIM
