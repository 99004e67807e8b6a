"""Cheap tests that let a slow case-insensitive search be skipped, derived from the pattern.

Python's regex engine has no fast scan for a `re.IGNORECASE` alternation of phrases: it tries
every phrase at every character, about 50 us for a 200-character line, which over the lines
of a 20 MB transcript is seconds. `guarded_search` first checks the text for words that
every match of the pattern contains, read off the pattern itself (`required_words`): text
whose case-folded form holds none of them cannot match, and is rejected by a few substring
scans (in C). Rules keep changing these patterns; the words follow them, with nothing to
keep in step by hand.

Why case folding is exact: a character matches a pattern letter case-insensitively when its
lower-case form is the letter's (or it is one of the engine's few extra equivalents, such as
the long s for `s`), and all such characters case-fold alike, except around `i`: the dotless
`ı` and the dotted `İ` fold apart from `i` and `I` (`UNSAFE`; checked over all of Unicode by
the tests). Words never hold those four letters.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

from desktop.core.lazy_regex import LazyPattern

#: Letters whose case-insensitive equivalents do not all case-fold alike.
UNSAFE = frozenset("Iiİı")
#: Words shorter than this reject too little text to be worth testing.
MIN_WORD = 3


def has_any_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether the case-folded `text` contains one of `words` (given case-folded)."""
    folded = text.casefold()
    return any(word in folded for word in words)


def guarded_search(pattern: re.Pattern[str] | LazyPattern, text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, skipped when the text lacks every word a match must hold."""
    words = required_words(pattern)
    if words is not None and not has_any_word(text, words):
        return None
    return pattern.search(text)


@lru_cache(maxsize=64)
def required_words(pattern: re.Pattern[str] | LazyPattern) -> tuple[str, ...] | None:
    """Case-folded words one of which every match of `pattern` contains, or None when no
    such words of `MIN_WORD` letters can be read off it (then the pattern always runs)."""
    try:  # the standard library's own parser of pattern strings (private, hence the guard)
        parsed = importlib.import_module("re._parser").parse(pattern.pattern, pattern.flags)
        words = _sequence(list(parsed), importlib.import_module("re._constants"))
    except Exception:  # no words is always correct, only slower
        return None
    if words is None or min(len(word) for word in words) < MIN_WORD:
        return None
    return tuple(sorted(words))


def _sequence(items: list[tuple[Any, Any]], c: Any) -> frozenset[str] | None:
    """Words one of which every match of these items, in a row, contains (the best found);
    `c` is the parser's constants module."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        for piece in "".join(run).split("\0"):  # unsafe letters cut a run into pieces
            if piece:
                candidates.append(frozenset([piece]))
        run.clear()

    for op, value in items:
        if op is c.LITERAL:
            char = chr(value)
            run.append("\0" if char in UNSAFE else char.casefold())
            continue
        end_run()
        found: frozenset[str] | None = None
        if op is c.SUBPATTERN:
            found = _sequence(list(value[-1]), c)
        elif op is c.ATOMIC_GROUP:
            found = _sequence(list(value), c)
        elif op is c.BRANCH:
            found = _branches(value[1], c)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and value[0] >= 1:
            found = _sequence(list(value[2]), c)
        if found is not None:
            candidates.append(found)
    end_run()
    if not candidates:
        return None
    return max(candidates, key=lambda words: (min(len(w) for w in words), -len(words)))


def _branches(alternatives: list[Any], c: Any) -> frozenset[str] | None:
    """Every alternative must give words; a match holds one of any of them."""
    union: set[str] = set()
    for alternative in alternatives:
        words = _sequence(list(alternative), c)
        if words is None:
            return None
        union |= words
    return frozenset(union)
