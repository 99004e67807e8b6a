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

from desktop.core.importers import cleanup, decoding, speakers, subtitles
from desktop.core.importers.entry import _LABEL_HEAD, _MAY_HEAD, MAX_LABELS
from desktop.core.importers.prefilter import UNSAFE, guarded_search, required_words
from desktop.core.lazy_regex import LazyPattern

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
    return [text, text.upper(), text.lower(), text.title(), text.swapcase(),
            text.replace("s", "\u017f").replace("K", "\u212a")]  # long s, Kelvin sign


_MODERATION = ["Next question.", "We'll take a few questions.", "Questions?", "Go ahead.",
               "Go to the back.", "Thank you, everyone.", "Time for one more.",
               "Just one more", "We've got to wrap."]


def test_guarded_searches_find_every_phrase_the_patterns_find_in_any_case() -> None:
    for pattern, phrases in ((cleanup._TRANSLATION_NOTICE, _NOTICES),
                             (speakers._MODERATOR_WORDS, _MODERATION)):
        assert required_words(pattern) is not None  # the guard is in use
        for phrase in phrases:
            for form in _cases(phrase):
                assert (guarded_search(pattern, form) is None) == (pattern.search(form) is None)
                assert pattern.search(form), form
    for phrase in _NOTICES:
        assert cleanup.is_junk_line(phrase)


_IGNORECASE_PATTERNS = [
    value
    for module in (cleanup, speakers, subtitles, decoding)
    for value in vars(module).values()
    if isinstance(value, re.Pattern | LazyPattern) and value.flags & re.IGNORECASE
]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_text_without_the_words_never_matches(data: st.DataObject) -> None:
    # For every case-insensitive pattern of the importers whose words can be read off:
    # texts made of pieces of those words, in odd cases, match the guard as they match it.
    for pattern in _IGNORECASE_PATTERNS:
        words = required_words(pattern)
        if words is None:
            continue
        pieces = [*words, *(w[: len(w) // 2] for w in words), " ", "x", "\u0131", "\u0130"]
        text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=6)))
        text = data.draw(st.sampled_from(_cases(text)))
        assert (guarded_search(pattern, text) is None) == (pattern.search(text) is None)


def test_only_the_i_letters_case_fold_apart_from_their_equivalents() -> None:
    # The proof `prefilter` rests on: characters the engine matches to one another
    # case-insensitively (same lower case, or the engine's extra equivalents) fold alike,
    # except I, i, İ and ı.
    import _sre
    from re import _casefix

    by_lower: dict[int, list[int]] = {}
    for code in range(0x110000):
        if not 0xD800 <= code <= 0xDFFF:
            by_lower.setdefault(_sre.unicode_tolower(code), []).append(code)
    unsafe: set[str] = set()
    for lower, members in by_lower.items():
        group = set(members)
        for extra in _casefix._EXTRA_CASES.get(lower, ()):
            group |= set(by_lower.get(extra, [extra]))
        if len({chr(m).casefold() for m in group}) > 1:
            unsafe |= {chr(m) for m in group}
    assert unsafe == set(UNSAFE)


def test_words_are_read_off_the_pattern() -> None:
    assert required_words(re.compile(r"go (?:to|ahead)|thank you", re.I)) == ("go ", "thank you")
    assert required_words(re.compile(r"abc|de")) is None  # `de` is too short to help
    assert required_words(re.compile(r"[a-z]+ing")) is None
    assert required_words(re.compile(r"x(?:quack|brown)+y")) == ("brown", "quack")
    assert required_words(re.compile(r"x(?:quick|brown)+y")) is None  # `qu`, `ck`: too short
    assert required_words(re.compile(r"Line")) is None  # `i` is never in a word


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
    form, groups = speakers.label_form()
    combined = form.match(text)
    looped = _first_form(text)
    assert (combined is None) == (looped is None)
    if combined is None or looped is None:
        return
    number, match = looped
    names = groups[combined.lastindex or 0]
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

