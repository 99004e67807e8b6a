"""Which words are common English words: what sentence case may lower-case, and nothing else.

Sentence case (APA, IEEE) must keep proper nouns, and a headline gives no clue which of its
capitalised words are names. The safe rule (issue 12) is the other way round: a word is
lower-cased only when it is known to be a common word. The word lists come from the
`english-words` package (Webster's Second International "web2", which writes proper nouns with
their capital, and GCIDE); a word the lists only know capitalised (`Mitchell`, `Antony`,
`Russian`) is not common. Plurals and verb endings (`talks`, `responded`, `warning`) are
reduced to a listed stem. Loaded once, on first use (about 0.1 s).
"""

from __future__ import annotations

from functools import cache


@cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    """(common words, capitalised names), read once from the two word lists."""
    from english_words import get_english_words_set

    web2 = get_english_words_set(["web2"], alpha=True)
    gcide = get_english_words_set(["gcide"], alpha=True)
    common = set(filter(str.islower, web2))
    common.update(filter(str.islower, gcide))
    return frozenset(common), frozenset(web2.difference(common))


def _common() -> frozenset[str]:
    return _lists()[0]


def is_capitalised_name(word: str) -> bool:
    """True when the word lists write `word` with a capital as a name of its own (`Josh`,
    `Mark`, `Andrea`): web2 lists given names and places capitalised."""
    core = word.strip(".,;:!?")
    return core[:1].upper() + core[1:].lower() in _lists()[1]


#: Endings taken off to find a listed stem, with what replaces them.
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ies", ("y",)),
    ("ied", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
    ("er", ("", "e")),
    ("ers", ("", "e")),
    ("ly", ("",)),
)


def is_common(word: str) -> bool:
    """True when `word` (any case) is a common English word or an inflection of one:
    `Talks`, `RESPONDED`, `well-known`; False for names (`Blinken`, `Andrea`, `Mitchell`)."""
    core = word.strip(".,;:!?\"'’“”()[]").removesuffix("’s").removesuffix("'s").lower()
    if not core or not core.replace("-", "").isalpha():
        return False
    if "-" in core:
        return all(is_common(part) for part in core.split("-") if part)
    common = _common()
    if core in common:
        return True
    for ending, replacements in _ENDINGS:
        if core.endswith(ending) and len(core) > len(ending) + 2:
            stem = core[: -len(ending)]
            if any(stem + r in common for r in replacements):
                return True
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in common:
                return True  # `stopped` -> `stop`
    return False
