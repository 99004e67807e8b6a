"""The search core: query semantics, match offsets and snippets, index upkeep and recovery."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.importers import import_file
from desktop.core.model import Metadata, Role, Section, Source, Speaker, Transcript, Turn
from desktop.core.search import (
    Hit,
    IndexReadOnlyError,
    QuerySyntaxError,
    SearchResult,
    TurnRole,
    index_version,
    search_transcript,
    whoosh_engine,
)
from desktop.core.search.whoosh_engine import (
    _EXACT_ANALYZER,
    WhooshEngine,
    exact_words,
    snippet,
    word_code,
    word_codes,
)

REPO = Path(__file__).resolve().parents[2]


def interview(path: str = "/data/blinken.txt", extra: str = "") -> Transcript:
    """A small hand-made interview with the shapes the queries care about."""
    efi = Speaker("efi", "Efi Koutsokosta", Role.INTERVIEWER, "euronews",
                  ("Efi Koutsokosta, euronews",))
    ab = Speaker("ab", "Antony Blinken", Role.INTERVIEWEE)
    turns = (
        Turn("efi", "Could you go beyond economic sanctions?"),
        Turn("ab", "A new aggression against Ukraine would be a mistake. Sergey Lavrov knows."
                   "\n\nWe talked about négociations in Genève."),
        Turn("efi", "Are you only referring to sanctions? Sergei Lavrov said no."),
        Turn("ab", "Further aggression on his part against Ukraine. The sanction regime works."),
        Turn("ab", "Russian aggressions against Ukraine happened before. " + extra),
        Turn(None, "Unattributed remark about the weather."),
    )
    return Transcript(
        source=Source(path, "ab" * 32, "test", "utf-8"),
        metadata=Metadata(title="Blinken on Euronews"),
        speakers=(efi, ab),
        sections=(Section("Opening", 0), Section("Diplomacy", 2)),
        turns=turns,
    )


@pytest.fixture
def engine() -> WhooshEngine:
    engine = WhooshEngine.in_memory()
    engine.update(1, interview())
    return engine


def turns_of(result: SearchResult) -> list[int]:
    return sorted(hit.turn for hit in result.hits)


def matched_words(t: Transcript, hit: Hit) -> list[str]:
    return [t.turns[hit.turn].text[s:e] for s, e in hit.matches]


# -- query semantics ----------------------------------------------------------------------


def test_exact_phrase_matches_only_the_words_in_that_order(engine: WhooshEngine) -> None:
    result = engine.search('"aggression against Ukraine"')
    assert turns_of(result) == [1]  # not "aggression on his part against", not "aggressions"
    assert matched_words(interview(), result.hits[0]) == ["aggression against Ukraine"]


def test_phrases_of_common_words_are_exact() -> None:
    t = Transcript(
        source=Source("/c.txt", "cd" * 32, "test", "utf-8"),
        turns=(Turn(None, "Most of the time it works."), Turn(None, "Of course the time came."),
               Turn(None, "The end of it all, the time of the year."),
               Turn(None, "It's what it is.")),
    )
    assert [h.turn for h in search_transcript(t, '"of the"').hits] == [0, 2]
    assert [h.turn for h in search_transcript(t, '"the time of the"').hits] == [2]
    assert [h.turn for h in search_transcript(t, '"it s"').hits] == [3]
    hit = search_transcript(t, '"of the"').hits[1]
    assert [t.turns[2].text[s:e] for s, e in hit.matches] == ["of the"]


_PHRASE_WORDS = ["the", "of", "a", "dire", "straits", "Thé", "état", "l'état", "x.y", "3.5"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PHRASE_WORDS), max_size=12), min_size=1, max_size=6),
    st.lists(st.sampled_from(_PHRASE_WORDS), min_size=2, max_size=4),
)
def test_phrases_with_common_and_rarer_words_are_exactly_the_turns_that_say_them(
    texts: list[list[str]], phrase: list[str]
) -> None:
    # Phrases are found in the `codes` column of each segment; two updates make two
    # segments, so the column is read per segment too.
    turns = [Turn(None, " ".join(words) + ".") for words in texts]
    half = len(turns) // 2
    engine = WhooshEngine.in_memory()
    for tid, part in ((1, turns[:half]), (2, turns[half:])):
        engine.update(tid, Transcript(source=Source(f"/p{tid}.txt", "ef" * 32, "test", "utf-8"),
                                      turns=tuple(part)))
    query = '"' + " ".join(phrase) + '"'
    found = sorted((h.transcript_id, h.turn) for h in engine.search(query, limit=None).hits)
    scan_above = whoosh_engine._SCAN_ABOVE
    try:  # the same by scanning each segment's whole byte string
        whoosh_engine._SCAN_ABOVE = -1
        scanned = sorted((h.transcript_id, h.turn) for h in engine.search(query, limit=None).hits)
    finally:
        whoosh_engine._SCAN_ABOVE = scan_above
    assert scanned == found
    # The plain-Python matcher is cached by file identity: give it the text's own hash.
    alone = Transcript(source=Source("/q.txt", hashlib.sha256(repr(texts).encode()).hexdigest(),
                                     "test", "utf-8"), turns=tuple(turns))
    expected = sorted(
        (1 if i < half else 2, i if i < half else i - half)
        for i in (h.turn for h in search_transcript(alone, query).hits)
    )
    assert found == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abtheofTHE_Éé'.-3 \nßİ*", max_size=40))
def test_word_codes_follow_the_exact_analyzer(text: str) -> None:
    words = [t.text for t in _EXACT_ANALYZER(text)]
    assert exact_words(text) == words
    assert word_codes(text) == b"".join(word_code(w) for w in words)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Z", "S", "M")),
               max_size=60))
def test_match_offsets_use_the_words_and_offsets_of_the_exact_analyzer(text: str) -> None:
    expected = [(t.text, t.startchar, t.endchar) for t in _EXACT_ANALYZER(text, chars=True)]
    assert whoosh_engine._tokens(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abAB1_*.-' \n", max_size=50), st.data())
def test_marked_word_spans_by_regex_equal_the_analyzer_tokens(text: str, data: st.DataObject
                                                               ) -> None:
    words = [t.text for t in _EXACT_ANALYZER(text)] or ["a"]
    marks = whoosh_engine._Marks(
        words=set(data.draw(st.lists(st.sampled_from([*words, "ab", "b.a"]), max_size=3))),
        prefixes=set(data.draw(st.lists(st.sampled_from(["a", "b", "ab", "1"]), max_size=2))),
    )
    assert marks.spans(text) == marks.spans(text, whoosh_engine._tokens(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc", max_size=6), st.text(alphabet="abc", max_size=6))
def test_one_edit_agrees_with_levenshtein(a: str, b: str) -> None:
    from whoosh.support.levenshtein import levenshtein

    assert whoosh_engine._one_edit(a, b) == (levenshtein(a, b) <= 1)


def test_a_phrase_whose_word_shares_its_code_is_still_exact(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    # One-letter codes: many words of the interview share one, so phrases with them are
    # checked against the stored text, with the same turns.
    engine = WhooshEngine.in_memory()
    engine.update(1, interview())
    expected = turns_of(engine.search('"against Ukraine"'))
    monkeypatch.setattr(whoosh_engine, "word_code", lambda w: w[:1].encode().ljust(4, b"_"))
    collided = WhooshEngine.in_memory()
    collided.update(1, interview())
    assert turns_of(collided.search('"against Ukraine"')) == expected == [1, 3, 4]
    assert turns_of(collided.search('"against the"')) == []


def test_phrase_totals_stop_counting_at_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whoosh_engine, "TOTAL_CAP", 30)
    engine = WhooshEngine.in_memory()
    engine.update_many([(i, interview(f"/{i}.txt")) for i in range(20)])
    top = engine.search('"against Ukraine"', limit=5)  # 60 turns say it
    assert (top.total, top.more, top.total_text, len(top.hits)) == (30, True, "30+", 5)
    assert top.to_json_dict()["more"] is True
    every = engine.search('"against Ukraine"', limit=None)
    assert (every.total, every.more, len(every.hits)) == (60, False, 60)
    assert "more" not in every.to_json_dict()


def test_words_are_stemmed(engine: WhooshEngine) -> None:
    result = engine.search("sanction")
    assert turns_of(result) == [0, 2, 3]
    words = {w for hit in result.hits for w in matched_words(interview(), hit)}
    assert words == {"sanctions", "sanction"}


def test_speaker_matches_any_part_of_any_alias_case_insensitive(engine: WhooshEngine) -> None:
    assert turns_of(engine.search("speaker:KOUTS sanctions")) == [0, 2]
    assert turns_of(engine.search("speaker:euronews")) == [0, 2]
    assert turns_of(engine.search('speaker:"antony blinken" Ukraine')) == [1, 3, 4]


def test_role_filter_splits_questions_from_answers(engine: WhooshEngine) -> None:
    assert turns_of(engine.search("role:question Lavrov")) == [2]
    assert turns_of(engine.search("role:answer Lavrov")) == [1]
    assert {h.role for h in engine.search("lavrov").hits} == {TurnRole.QUESTION, TurnRole.ANSWER}
    assert engine.search("weather").hits[0].role is TurnRole.ANSWER  # no speaker: not a question


def test_fuzzy_finds_one_letter_off_and_plain_does_not(engine: WhooshEngine) -> None:
    result = engine.search("Lavrof~")
    assert turns_of(result) == [1, 2]
    assert {w for h in result.hits for w in matched_words(interview(), h)} == {"Lavrov"}
    assert engine.search("Lavrof").total == 0
    assert turns_of(engine.search("Lavorv~2")) == [1, 2]


def test_prefix_is_unstemmed_and_accent_folded(engine: WhooshEngine) -> None:
    result = engine.search("negociat*")
    assert turns_of(result) == [1]
    assert matched_words(interview(), result.hits[0]) == ["négociations"]
    assert turns_of(engine.search("genève")) == [1]
    assert turns_of(engine.search("GENEVE")) == [1]


def test_prefix_with_many_expansions_ranks_and_marks_every_word() -> None:
    words = ["sanction", "sanctions", "sanctioned", "sanctioning", "sanctity", "sanctuary",
             "sanctum", "sanctify", "sanctimonious", "sanctioner", "sand"]
    t = Transcript(
        source=Source("/p.txt", "ef" * 32, "test", "utf-8"),
        turns=tuple(Turn(None, f"Turn about {w}, and {w} again.") for w in words),
    )
    engine = WhooshEngine.in_memory()
    engine.update(1, t)
    result = engine.search("sanct*", limit=None)  # more than 8 words: the flat matcher
    assert sorted(h.turn for h in result.hits) == list(range(10))
    for hit in result.hits:
        assert [t.turns[hit.turn].text[s:e] for s, e in hit.matches] == [words[hit.turn]] * 2
    assert turns_of(engine.search("sanct* AND NOT sanctum", limit=None)) == [
        0, 1, 2, 3, 4, 5, 7, 8, 9]
    assert search_transcript(t, "sanct*").total == 10


def test_boolean_operators_and_parentheses(engine: WhooshEngine) -> None:
    assert turns_of(engine.search("sanctions NOT economic")) == [2, 3]
    assert turns_of(engine.search("Lavrov OR weather")) == [1, 2, 5]
    assert turns_of(engine.search("(Lavrov OR regime) AND role:answer")) == [1, 3]
    assert turns_of(engine.search("aggression AND NOT (mistake OR regime)")) == [4]


def test_negated_words_are_not_marked(engine: WhooshEngine) -> None:
    result = engine.search("Ukraine NOT regime")
    for hit in result.hits:
        assert matched_words(interview(), hit) == ["Ukraine"]


def test_scope_limits_search_to_chosen_transcripts() -> None:
    engine = WhooshEngine.in_memory()
    engine.update(1, interview("/a.txt"))
    engine.update(2, interview("/b.txt"))
    assert {h.transcript_id for h in engine.search("Lavrov").hits} == {1, 2}
    scoped = engine.search("Lavrov", transcript_ids=[2])
    assert {h.transcript_id for h in scoped.hits} == {2}
    assert {h.path for h in scoped.hits} == {"/b.txt"}
    assert engine.search("Lavrov", transcript_ids=[]).total == 0


def test_total_counts_all_hits_beyond_the_limit(engine: WhooshEngine) -> None:
    result = engine.search("Ukraine", limit=1)
    assert len(result.hits) == 1
    assert result.total == 3


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ('"aggression against', "closing"),
        ("(Lavrov OR sanctions", "matching )"),
        ("Lavrov)", "matching ("),
        ("author:Blinken", "unknown field"),
        ("role:boss", "question or answer"),
        ("sanctions AND", "after it"),
        ("OR sanctions", "both sides"),
        ("s*", "letters before"),
        ("sa*ns", "end of a word"),
        ("Lavrov~5", "word~2"),
        ("   ", "type a word"),
        ('""', "empty"),
        ("speaker: Blinken", "value"),
    ],
)
def test_malformed_queries_raise_with_a_hint(engine: WhooshEngine, query: str, hint: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        engine.search(query)
    assert hint in caught.value.hint
    assert caught.value.query == query


def test_pasted_punctuation_is_not_syntax(engine: WhooshEngine) -> None:
    assert turns_of(engine.search("sanctions?")) == [0, 2, 3]
    assert turns_of(engine.search("referring: sanctions?")) == [2]  # words are ANDed


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet='ab "()*~:?-AND OR NOT speaker role', max_size=30))
def test_any_query_answers_or_raises_the_documented_error(query: str) -> None:
    engine = _shared_engine()
    try:
        result = engine.search(query)
    except QuerySyntaxError:
        return
    assert result.total >= len(result.hits)


_WORDS = st.sampled_from([
    "sanctions", "sanction", "Lavrov", "Lavrof~", "Lavorv~2", "ukraine", "aggression",
    "negociat*", "genève", "weather", "mistake", "regime", "the", "of", "we", "agr*",
    '"aggression against Ukraine"', '"against Ukraine"', '"the sanction"', "speaker:kouts",
    "speaker:blinken", 'speaker:"antony blinken"', "role:question", "role:answer",
    "section:diplomacy", "section:opening", "NOT sanctions", "zebra", "referring",
    '"aggression ukraine"~3', '"sanctions regime"~9', '"lavrov"~2', '"ukraine against"~4',
    'section:"diplomacy opening"',
])


@settings(max_examples=80, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=3), st.sampled_from([" ", " OR ", " AND "]),
       st.booleans())
def test_one_transcript_matcher_agrees_with_the_index(
    parts: list[str], joiner: str, group: bool
) -> None:
    query = joiner.join(parts)
    if group and len(parts) > 1:
        query = f"({query}) NOT weather"
    try:
        indexed = _shared_engine().search(query, limit=None)
    except QuerySyntaxError:
        with pytest.raises(QuerySyntaxError):
            search_transcript(interview(), query)
        return
    alone = search_transcript(interview(), query)
    assert alone.total == indexed.total
    by_turn = {h.turn: h for h in indexed.hits}
    assert [h.turn for h in alone.hits] == sorted(by_turn)
    for hit in alone.hits:
        assert hit.matches == by_turn[hit.turn].matches
        assert hit.snippet == by_turn[hit.turn].snippet


_ENGINE: list[WhooshEngine] = []


def _shared_engine() -> WhooshEngine:
    if not _ENGINE:
        engine = WhooshEngine.in_memory()
        engine.update(1, interview())
        _ENGINE.append(engine)
    return _ENGINE[0]


# -- offsets and snippets -----------------------------------------------------------------


@pytest.mark.parametrize("query", ["Ukraine", "sanction", "Lavrof~", "negociat*",
                                   '"against Ukraine"', "aggression OR weather"])
def test_snippet_offsets_point_at_the_same_words_as_turn_offsets(
    engine: WhooshEngine, query: str
) -> None:
    t = interview()
    for hit in engine.search(query).hits:
        words = matched_words(t, hit)
        assert words, hit
        in_snippet = [hit.snippet[s:e] for s, e in hit.snippet_matches]
        assert in_snippet == [w.replace("\n", " ") for w in words][: len(in_snippet)]
        assert in_snippet


def test_long_turn_snippet_is_cut_around_the_match() -> None:
    text = " ".join(f"word{i}" for i in range(200)) + " Lavrov " + " ".join(
        f"tail{i}" for i in range(200)
    )
    start = text.index("Lavrov")
    excerpt, inside = snippet(text, [(start, start + 6)])
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert len(excerpt) < 260
    assert [excerpt[s:e] for s, e in inside] == ["Lavrov"]


def test_snippet_never_contains_markup() -> None:
    t = Transcript(
        source=Source("/x.txt", "cd" * 32, "test", "utf-8"),
        speakers=(Speaker("s", "<b>Host</b>", Role.HOST),),
        turns=(Turn("s", "Tags like <script>alert(1)</script> & ampersands stay text."),),
    )
    hit = search_transcript(t, "ampersands").hits[0]
    assert "<script>" in hit.snippet  # plain text, exactly as written
    assert hit.snippet[slice(*hit.snippet_matches[0])] == "ampersands"


# -- index upkeep -------------------------------------------------------------------------


def test_update_replaces_a_transcripts_turns_and_remove_drops_them(engine: WhooshEngine) -> None:
    changed = interview(extra="Zanzibar appears now.")
    engine.update(1, changed)
    assert turns_of(engine.search("zanzibar")) == [4]
    assert engine.doc_count() == len(changed.turns)
    assert engine.indexed() == {1: index_version(changed)}
    engine.remove(1)
    assert engine.search("Lavrov").total == 0
    assert engine.indexed() == {}


def _segment_ids(engine: WhooshEngine) -> set[str]:
    return {seg.segment_id() for seg in engine._ix._segments()}


def test_updates_never_rewrite_the_big_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding or re-indexing a file writes a small segment beside the library's big one (it
    never merges everything); a re-indexed file's previous segment goes once all its turns
    are replaced, and small segments merge by tiers, so they do not pile up."""
    engine, _ = WhooshEngine.open(tmp_path / "ix")
    engine.update_many([(i, interview(f"/b{i}.txt")) for i in range(40)])
    big = _segment_ids(engine)
    assert len(big) == 1
    for _ in range(3):  # the same file re-indexed three times in a row
        engine.update(5, interview("/b5.txt", extra="Zanzibar appears now."))
        assert big <= _segment_ids(engine)
        assert engine.segment_count() == 2
    assert engine.search("zanzibar").total == 1
    assert engine.search("Lavrov").total == 80
    monkeypatch.setattr(whoosh_engine, "_TIER_BASE", 4)
    for i in range(100, 110):  # ten new files, one at a time
        engine.update(i, interview(f"/n{i}.txt"))
        assert big <= _segment_ids(engine)
    assert engine.segment_count() <= 1 + 2 * 4  # tiers of < 4 small segments each
    assert len(engine.indexed()) == 50
    assert engine.search("Lavrof~").total == 100  # fuzzy words expand in every segment
    engine.close()


def test_a_bulk_import_asks_for_a_merge_done_in_a_subprocess(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whoosh_engine, "_BIG_SEGMENT", 30)
    engine, _ = WhooshEngine.open(tmp_path / "ix")
    engine.update_many([(i, interview(f"/a{i}.txt")) for i in range(10)])
    assert not engine.merge_wanted()  # one segment
    engine.update_many([(10 + i, interview(f"/b{i}.txt")) for i in range(10)])
    assert engine.segment_count() == 2
    assert engine.merge_wanted()
    before = engine.search('"against Ukraine" OR Lavrof~')
    assert not engine.optimize_in_subprocess(cancelled=lambda: True)  # stopped: index intact
    assert engine.segment_count() == 2
    assert engine.optimize_in_subprocess()
    assert engine.segment_count() == 1
    assert not engine.merge_wanted()
    after = engine.search('"against Ukraine" OR Lavrof~')
    assert after.total == before.total == 80  # 4 turns of each of 20 files
    assert len(engine.indexed()) == 20
    engine.update(3, interview("/a3.txt", extra="Zanzibar."))  # the engine still writes
    assert engine.search("zanzibar").total == 1
    engine.close()


def test_damage_found_while_searching_is_repaired_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, _ = WhooshEngine.open(tmp_path / "ix", source=lambda: iter([(1, interview())]))
    engine.update(1, interview())
    real = engine._search
    calls: list[int] = []

    def damaged_once(*args: object) -> SearchResult:
        calls.append(1)
        if len(calls) == 1:
            raise EOFError("a truncated segment")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_search", damaged_once)
    result = engine.search("Lavrov")
    assert result.recovered
    assert turns_of(result) == [1, 2]
    assert engine.indexed() == {1: index_version(interview())}

    def always_broken(*args: object) -> SearchResult:
        raise EOFError("still broken")

    monkeypatch.setattr(engine, "_search", always_broken)
    with pytest.raises(EOFError):  # no second rebuild: that would loop
        engine.search("Lavrov")
    engine.close()


def test_search_within_transcript_is_in_reading_order_and_cached() -> None:
    t = interview()
    first = search_transcript(t, "Ukraine")
    assert [h.turn for h in first.hits] == [1, 3, 4]
    assert all(h.transcript_id is None for h in first.hits)
    again = search_transcript(t, "Ukraine", limit=2)
    assert [h.turn for h in again.hits] == [1, 3]
    assert again.total == 3


_HOLDER = textwrap.dedent(
    """
    import sys
    from desktop.core.search.whoosh_engine import WhooshEngine
    engine, _ = WhooshEngine.open(sys.argv[1])
    print("ready", engine.read_only, flush=True)
    sys.stdin.readline()
    """
)


def test_second_process_is_read_only_and_no_lock_outlives_a_crash(tmp_path: Path) -> None:
    directory = tmp_path / "ix"
    engine, _ = WhooshEngine.open(directory)
    engine.update(1, interview())
    engine.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(directory)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().split() == ["ready", "False"]
        second, reason = WhooshEngine.open(directory)
        assert second.read_only and reason is None
        assert turns_of(second.search("Lavrov")) == [1, 2]  # searching still works
        with pytest.raises(IndexReadOnlyError):
            second.update(2, interview("/other.txt"))
        second.close()
    finally:
        holder.kill()  # a crash, not a clean exit: the OS must drop the lock
        holder.wait()
    third, _ = WhooshEngine.open(directory)
    assert not third.read_only
    third.update(2, interview("/other.txt"))
    assert set(third.indexed()) == {1, 2}
    third.close()


# -- the bundled interview ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Transcript:
    return import_file(REPO / "resources" / "sample-interview.txt")


def test_sample_parses_as_the_search_tests_expect(sample: Transcript) -> None:
    assert len(sample.turns) == 18
    assert len(sample.speakers) == 2


def test_sample_phrase_finds_the_two_blinken_turns(sample: Transcript) -> None:
    result = search_transcript(sample, '"aggression against Ukraine"')
    expected = [i for i, t in enumerate(sample.turns) if "aggression against Ukraine" in t.text]
    assert len(expected) == 2
    assert [h.turn for h in result.hits] == expected
    assert {h.speaker for h in result.hits} == {"Antony Blinken"}
    for hit in result.hits:
        assert matched_words(sample, hit) == ["aggression against Ukraine"]


def test_sample_speaker_and_word_finds_the_two_sanctions_questions(sample: Transcript) -> None:
    result = search_transcript(sample, "speaker:koutsokosta sanctions")
    expected = [
        i for i, t in enumerate(sample.turns)
        if "sanction" in t.text.lower() and sample.is_question(i)
    ]
    assert len(expected) == 2
    assert [h.turn for h in result.hits] == expected
    assert {h.role for h in result.hits} == {TurnRole.QUESTION}


def test_sample_fuzzy_finds_every_turn_naming_lavrov(sample: Transcript) -> None:
    result = search_transcript(sample, "Lavrof~")
    expected = [i for i, t in enumerate(sample.turns) if re.search(r"\bLavrov\b", t.text)]
    assert len(expected) >= 3
    assert [h.turn for h in result.hits] == expected
    for hit in result.hits:
        assert set(matched_words(sample, hit)) == {"Lavrov"}


# -- architecture -------------------------------------------------------------------------


def test_whoosh_is_imported_by_one_module_only() -> None:
    importers = sorted(
        str(path.relative_to(REPO))
        for path in (REPO / "desktop").rglob("*.py")
        if re.search(r"^\s*(import whoosh|from whoosh)", path.read_text("utf-8"), re.M)
    )
    assert importers == ["desktop/core/search/whoosh_engine.py"]


def test_library_and_search_api_load_without_whoosh() -> None:
    code = (
        "import sys; import desktop.core.library, desktop.core.search; "
        "print('whoosh' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    assert out.strip() == "False"  # the window starts without paying for Whoosh
