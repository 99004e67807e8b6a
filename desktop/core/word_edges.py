"""Where words start and end in a turn's text: a quote, a selection and a double-click never
start or end inside a word (`A|ndrea` is `Andrea`, `we|’re` is `we’re`).

Its own module, free of the quote and citation code, because the reader needs it to select.
"""

from __future__ import annotations


def _in_word(text: str, index: int) -> bool:
    """True when `index` falls between two characters of one word (`A|ndrea`, `we|’re`,
    `well-|known`): letters or digits on both sides, or an apostrophe or hyphen joining them."""
    if not 0 < index < len(text):
        return False
    before, after = text[index - 1], text[index]
    if before.isalnum() and after.isalnum():
        return True
    joiners = "’'-‐"
    if after in joiners:
        return before.isalnum() and index + 1 < len(text) and text[index + 1].isalnum()
    if before in joiners:
        return after.isalnum() and index >= 2 and text[index - 2].isalnum()
    return False


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` widened so it neither starts nor ends inside a word."""
    while _in_word(text, start):
        start -= 1
    while _in_word(text, end):
        end += 1
    return start, end
