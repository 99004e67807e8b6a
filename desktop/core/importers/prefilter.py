"""Cheap tests that let a slow case-insensitive search be skipped.

Python's regex engine has no fast scan for a `re.IGNORECASE` alternation of phrases: it tries
every phrase at every character, about 50 us for a 200-character line, which over the lines
of a 20 MB transcript is seconds. Such a search is paired here with words that every one of
its matches contains; text whose case-folded form holds none of them cannot match, and is
rejected by a few substring scans (in C) instead.

Why case folding is exact: every character that IGNORECASE matches to a letter of these words
case-folds to that letter (checked over all of Unicode for the words in use). The words avoid
`i`, which IGNORECASE also matches as the dotless `ı`, a character that folds to itself.
"""

from __future__ import annotations


def has_any_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether the case-folded `text` contains one of `words` (given case-folded)."""
    folded = text.casefold()
    return any(word in folded for word in words)
