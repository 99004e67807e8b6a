"""Words as the quote check compares them: tokens with a loose key and a strict form.

A token is a run of non-space characters with its punctuation attached, so a dropped comma is
a change the diff can name. Two forms of each token:

- `key`: letters and digits only, lower-cased (the token's punctuation alone when it has no
  letters). Passages are located and aligned by keys, so "mistake," still lines up with
  "mistake".
- `strict`: the token with every quotation mark and apostrophe made straight. Two aligned
  tokens are the same words only when their strict forms are equal: the rules of `verbatim`
  ignore whitespace (tokens have none), quotation-mark and apostrophe style (straightened),
  the case of the quote's first letter and punctuation at its very ends (see `same_words`).

A quote's editorial marks are read here too: `…`, `...`, `[…]`, `(...)` mark an omission;
words in square brackets (`[NATO]`) are the writer's, not the speaker's; `[sic]` adds nothing.
Words inside a turn's annotations ("[ndlr : en Suède]") are not speech and are skipped.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from desktop.core.model import Turn

_DOUBLE_MARKS = '"“”„‟«»〝〞＂'
_SINGLE_MARKS = "'‘’‚‛‹›`´′"
_DASHES = "‐‑‒–—―"
_STRAIGHT = str.maketrans(
    {**dict.fromkeys(_DOUBLE_MARKS, '"'), **dict.fromkeys(_SINGLE_MARKS, "'")}
)
#: Keys (for lining words up, not for judging them) also take every dash as a hyphen.
_DASHED = str.maketrans(dict.fromkeys(_DASHES, "-"))
_RUN = re.compile(r"\S+")
#: An omission mark: an ellipsis, bare or in brackets.
_ELLIPSIS = re.compile(r"[\[(]\s*(?:…|\.\s?\.\s?\.)\s*[\])]|…|\.\s?\.\s?\.(?:\s?\.)*")
#: Words the writer put in square brackets (not an omission mark).
_BRACKETED = re.compile(r"(?<!\\)\[([^\[\]\n]{1,120})\]")  # not Markdown's escaped \[
#: Bracketed notes that add no words ([sic], [sic!]).
_NOTE = re.compile(r"(?i)sic!?")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a quote or a turn; `start`/`end` are offsets in the text it came from."""

    text: str
    start: int
    end: int
    key: str
    strict: str
    #: True for the writer's words in square brackets (a marked change).
    bracketed: bool = False
    #: True when an omission mark is attached to the token's end ("de..."): its punctuation
    #: there is the mark's, so the source's punctuation at that place is not compared.
    marked_end: bool = False
    #: The same at the token's start ("...huvudkaparna" after a mark).
    marked_start: bool = False
    #: A source token inside an annotation ("[ndlr : en Suède]", "(Applause.)"), or a
    #: quote's "[sic]": not speech either way.
    note: bool = False


@dataclass(frozen=True, slots=True)
class QuoteWords:
    """A quote split into tokens, with the places where it marks an omission.

    `omissions` holds token positions i (0..len(tokens)): an omission mark stands between
    token i-1 and token i."""

    text: str
    tokens: tuple[Token, ...]
    omissions: frozenset[int]

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]


def straight(text: str) -> str:
    """Quotation marks and apostrophes made straight (the only marks `verbatim` lets differ;
    a dash is not a hyphen)."""
    return text.translate(_STRAIGHT)


_NOT_ALNUM = re.compile(r"[\W_]+")


def key_of(text: str) -> str:
    """Letters and digits lower-cased; a token without any keeps its (straightened) marks."""
    letters = _NOT_ALNUM.sub("", text).lower()
    return letters or straight(text).translate(_DASHED)


def _token(text: str, start: int, end: int, *, bracketed: bool = False,
           note: bool = False) -> Token:
    piece = text[start:end]
    return Token(piece, start, end, key_of(piece), straight(piece), bracketed, note=note)


def quote_words(text: str) -> QuoteWords:
    """Tokens of a quote as typed or pasted, with its omission marks and bracketed words."""
    marks: list[tuple[int, int, str]] = []  # (start, end, "gap" | "bracket")
    taken = [False] * len(text)
    for m in _ELLIPSIS.finditer(text):
        glued = (m.start() > 0 and not text[m.start() - 1].isspace()
                 and m.end() < len(text) and not text[m.end()].isspace())
        if glued and m.group(0)[0] not in "[(":
            continue  # "still...How": the speaker's trailing off, part of the word, not a mark
        marks.append((m.start(), m.end(), "gap"))
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    for m in _BRACKETED.finditer(text):
        if text.startswith("(", m.end()):
            continue  # a Markdown link, "[words](address)": the source's text as it is
        if m.start() > 0 and not text[m.start() - 1].isspace() \
                and text[m.start() - 1] not in "\"“„‘'«(—–-":
            continue  # glued to a word ("aboard...[The"): the source's own text
        if not any(taken[m.start() : m.end()]):
            marks.append((m.start(), m.end(), "bracket"))
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    marks.sort()
    # Punctuation glued after a bracket ("[sic].", "them],") stays on its last word, as the
    # source's own tokens have it.
    for k, (start, end, kind) in enumerate(marks):
        if kind == "bracket":
            limit = marks[k + 1][0] if k + 1 < len(marks) else len(text)
            while end < limit and not text[end].isspace():
                end += 1
            marks[k] = (start, end, kind)
    tokens: list[Token] = []
    omissions: set[int] = set()
    pos = 0
    gap_end = -1
    for start, end, kind in [*marks, (len(text), len(text), "end")]:
        for m in _RUN.finditer(text[pos:start]):
            token = _token(text, m.start() + pos, m.end() + pos)
            if token.start == gap_end:
                token = dataclasses.replace(token, marked_start=True)
            tokens.append(token)
        if kind == "gap":
            omissions.add(len(tokens))
            if tokens and tokens[-1].end == start:
                tokens[-1] = dataclasses.replace(tokens[-1], marked_end=True)
            gap_end = end
        elif kind == "bracket":
            # The brackets stay on the first and last word: a source that has them literally
            # ("[28:55]", "[sic]") still matches word for word. "[sic]" adds no words: a
            # note (free to add, like the source's own notes are free to leave out).
            sic = _NOTE.fullmatch(text[start:end].strip(" []().,;:!?"))
            tokens.extend(
                _token(text, start + m.start(), start + m.end(), bracketed=not sic,
                       note=bool(sic))
                for m in _RUN.finditer(text[start:end])
            )
        pos = end
    return QuoteWords(text, tuple(tokens), frozenset(omissions))


def turn_tokens(turn: Turn) -> tuple[Token, ...]:
    """A turn's tokens; those inside its annotations are flagged `note` (not speech: a quote
    may leave them out freely, or quote them as they stand)."""
    text = turn.text
    if not turn.annotations:
        return tuple(_token(text, m.start(), m.end()) for m in _RUN.finditer(text))
    spans = sorted((a.start, a.end) for a in turn.annotations)
    tokens = []
    for m in _RUN.finditer(text):
        token = _token(text, m.start(), m.end())
        if any(a < m.end() and m.start() < b for a, b in spans):
            token = dataclasses.replace(token, note=True)
        tokens.append(token)
    return tuple(tokens)


def turn_keys(turn: Turn) -> tuple[str, ...]:
    """The keys of `turn_tokens(turn)`, made without the token objects (the quick pass over
    many candidate turns needs only these)."""
    if turn.annotations:
        return tuple(t.key for t in turn_tokens(turn))
    return tuple([key_of(word) for word in _RUN.findall(turn.text)])


def _trim_ends(text: str, *, first: bool, last: bool) -> str:
    """The strict form with the punctuation at the quote's very ends removed."""
    if first:
        text = text.lstrip("".join(ch for ch in text if not ch.isalnum()))
    if last:
        text = text.rstrip("".join(ch for ch in text if not ch.isalnum()))
    return text


def same_words(quote: Token, source: Token, *, first: bool, last: bool) -> bool:
    """True when an aligned quote token is the source's token under the `verbatim` rules:
    straightened marks; at the quote's first token, leading punctuation and the first
    letter's case are free; at its last token, and before an attached omission mark,
    trailing punctuation is free."""
    lead = first or quote.marked_start
    q = _trim_ends(quote.strict, first=lead, last=last or quote.marked_end)
    s = _trim_ends(source.strict, first=lead, last=last or quote.marked_end)
    if q == s:
        return True
    if first and q and s and q[0].isalpha():
        return q[0].swapcase() == s[0] and q[1:] == s[1:]
    return False
