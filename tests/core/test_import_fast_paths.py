"""The importers' fast paths decide exactly as the slow tests they stand in front of.

Each fast path (a substring test before a case-insensitive search, one alternation instead of
a loop over patterns, a candidate scan before the label-head regex) must never change what
is found: these tests compare each with the slow form it replaces, on the phrases it must
let through and on generated lines.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.importers import (
    _LABEL_HEAD,
    _MAY_HEAD,
    MAX_LABELS,
    cleanup,
    decoding,
    speakers,
    subtitles,
)
from desktop.core.importers.prefilter import has_any_word

#: One phrase for each alternative of `cleanup._TRANSLATION_NOTICE`.
_NOTICES = [
    "This article was automatically translated",
    "Machine-translated from French",
    "Translated by Google",
    "Translated automatically",
    "Traduit automatiquement",
    "Traduction automatique",
    "Traducido automáticamente",
    "Traducción automática",
    "Automatisch übersetzt",
    "Maschinell übersetzt",
    "Automatische Übersetzung",
    "Tradotto automaticamente",
    "Traduzione automatica",
    "Traduzido automaticamente",
    "Tradução automática",
    "Автоматически переведено",
    "Машинный перевод",
    "Automatisch vertaald",
    "تمت الترجمة آليا",
    "ترجمة آلية",
    "机器翻译",
    "自动翻译",
    "自動翻訳",
]


def _cases(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.title(), text.swapcase()]


def test_every_translation_notice_passes_the_word_test_in_any_case() -> None:
    for phrase in _NOTICES:
        for form in _cases(phrase):
            assert cleanup._TRANSLATION_NOTICE.search(form), form
            assert has_any_word(form, cleanup._NOTICE_WORDS), form
            assert cleanup.is_junk_line(form), form


def test_moderator_lines_pass_the_word_test_in_any_case() -> None:
    for line in ["Next question.", "We'll take a few questions.", "Questions?", "Go ahead.",
                 "Go to the back.", "Thank you, everyone."]:
        for form in _cases(line):
            assert speakers._MODERATOR_WORDS.search(form), form
            assert has_any_word(form, speakers._MODERATOR_HINTS), form


def test_ignorecase_equivalents_case_fold_to_the_words() -> None:
    # The Kelvin sign matches `k` and the long s matches `s` case-insensitively: both fold.
    assert speakers._MODERATOR_WORDS.search("THANK YOU, EVERYONE".replace("K", "\u212a"))
    assert has_any_word("THANK YOU, EVERYONE".replace("K", "\u212a"), speakers._MODERATOR_HINTS)
    assert cleanup._TRANSLATION_NOTICE.search("tran\u017flated by google")
    assert has_any_word("tran\u017flated by google", cleanup._NOTICE_WORDS)


_LINE_CHARS = st.sampled_from(
    [*"QA:：|*_[]()0123 .\t-–abcXYZ,/h", "http", "**", "__", "00:01", "1:02:03.5", "Jane",
     "MR. SMITH", " | ", ": ", "//"]
)


def _first_form(text: str) -> tuple[int, re.Match[str]] | None:
    for number, form in enumerate(speakers._LABEL_FORMS):
        match = form.match(text)
        if match is not None:
            return number, match
    return None


@settings(max_examples=1000, deadline=None)
@given(st.lists(_LINE_CHARS, max_size=14).map("".join))
def test_the_label_alternation_takes_the_form_a_loop_would(text: str) -> None:
    combined = speakers._LABEL_FORM.match(text)
    looped = _first_form(text)
    assert (combined is None) == (looped is None)
    if combined is None or looped is None:
        return
    number, match = looped
    names = speakers._FORM_GROUPS[combined.lastindex or 0]
    assert names[0] == f"f{number}_label"
    assert combined.end() == match.end()
    for name, value in match.groupdict().items():
        assert combined.group(f"f{number}_{name}") == value


def _heads_slowly(text: str) -> set[str]:
    return {m.group(1).casefold() for m in _LABEL_HEAD.finditer(text)}


def _heads_fast(text: str) -> set[str]:
    starts = [0] + [m.start() + 1 for m in _MAY_HEAD.finditer(text)]
    return {m.group(1).casefold() for s in starts if (m := _LABEL_HEAD.match(text, s))}


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from([*list(" \t*_:：\nab1Z-"), "Jane", "  ", "**", "x" * 61]),
                max_size=30).map("".join))
def test_label_heads_found_through_candidate_lines_are_all_of_them(text: str) -> None:
    assert _heads_fast(text) == _heads_slowly(text)


def test_the_label_limit_still_counts_every_line() -> None:
    from desktop.core.errors import TranscriptImportError
    from desktop.core.importers import import_bytes

    many = "".join(f"Person {n}x: words\n" for n in range(MAX_LABELS + 1)).encode()
    try:
        import_bytes(many, "many.txt")
    except TranscriptImportError as exc:
        assert "speaker labels" in str(exc)
    else:  # pragma: no cover - the assertion below reports it
        raise AssertionError("a text with too many labels was imported")


def test_text_without_mojibake_lead_characters_is_never_scanned() -> None:
    sample = "Itâ€™s fine, cafÃ© — déjà vu"
    assert decoding._MOJIBAKE.findall(sample)
    assert any(lead in sample for lead in decoding._MOJIBAKE_LEADS)
    repairs: list[str] = []
    assert decoding.repair_mojibake(sample, repairs) != sample and repairs
    for text in ("plain ASCII words", "déjà vu, naïve, Ελληνικά, русский"):
        assert not decoding._MOJIBAKE.findall(text)
        assert decoding.repair_mojibake(text, []) == text


# --- subtitles: timings found from their arrows, plain cues read in one match ---------------

_SUBTITLE_PIECES = st.sampled_from(
    ["00:00:01,000", "00:01.5", "1:02:03.25", "12:34", " --> ", "-->", "  -->\t", "\n", "\n\n",
     "\n\n\n", "1\n", "2\n", "17\n", "NOTE x\n", "words here", "  spaced  out ", "<i>it</i>",
     "<v Ann>", "&amp;", "{\\an8}", "- dash", ">> JANE: hi", "[Music]", "Bob: yes", " ", "--",
     "align:start"]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_SUBTITLE_PIECES, max_size=40).map("".join))
def test_timings_found_from_arrows_are_those_a_search_finds(text: str) -> None:
    fast = [m.span() for m in subtitles.find_timings(text)]
    assert fast == [m.span() for m in subtitles._TIMING_PARTS.finditer(text)]


def _srt(cues: list[tuple[int, str, str]]) -> str:
    parts = []
    for number, (gap, words, tail) in enumerate(cues, 1):
        start = f"00:{number // 60:02d}:{number % 60:02d},{gap:03d}"
        parts.append(f"{number}\n{start} --> 00:59:59,999\n{words}{tail}")
    return "".join(parts)


_CUES = st.lists(
    st.tuples(
        st.integers(0, 999),
        st.sampled_from(["Plain words.", "Two\nlines", "  odd   spacing ", "<i>tagged</i>",
                         "a --> b", "R&amp;D", "{\\an8}top", "- It is me.\n- Come in.",
                         "JANE: hello", "[Alba] En 1928", "(MARGA) Ya.", "♪ la la ♪", " "]),
        st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n", "\n\nNOTE a note\n\n"]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_CUES, st.booleans())
def test_plain_cues_read_in_one_match_read_as_the_full_path_reads_them(
    cues: list[tuple[int, str, str]], webvtt: bool
) -> None:
    text = ("WEBVTT\n\n" if webvtt else "") + _srt(cues)
    fast = subtitles.scan_cues(text, webvtt=webvtt)
    plain = subtitles._PLAIN_CUE
    try:
        subtitles._PLAIN_CUE = re.compile(r"(?!)")  # no cue is plain: the full path for all
        full = subtitles.scan_cues(text, webvtt=webvtt)
    finally:
        subtitles._PLAIN_CUE = plain
    assert fast == full


def test_the_collector_is_paused_during_an_import_and_restored_after() -> None:
    import gc

    from desktop.core.importers.gc_pause import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested (or a second import in another thread)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left off when it was off
    finally:
        gc.enable()
