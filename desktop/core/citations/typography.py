"""Quotation marks, punctuation placement and title capitalisation: the typographic rules the
citation styles and the quote renderer share (citations.md §1.1 APA-9, §1.2 MLA-6, §1.3 CH-6/7,
§2 PUNC-US/UK).

Written here rather than taken from a library: citeproc-py gets exactly these rules wrong
(citations.md §3.4) and no small library implements headline-style capitalisation per CMOS/MLA.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.citations.lexicon import is_common
from desktop.core.citations.people import is_title_word
from desktop.core.lazy_regex import lazy

OPEN_DOUBLE, CLOSE_DOUBLE = "“", "”"
OPEN_SINGLE, CLOSE_SINGLE = "‘", "’"
_CLOSERS = (CLOSE_DOUBLE, CLOSE_SINGLE, "»", '"', "'")


class QuotationStyle(StrEnum):
    """US: double outer, single inner, `.`/`,` inside. UK: single outer, double inner, outside."""

    US = "us"
    UK = "uk"

    @property
    def outer(self) -> tuple[str, str]:
        return (
            (OPEN_DOUBLE, CLOSE_DOUBLE)
            if self is QuotationStyle.US
            else (OPEN_SINGLE, CLOSE_SINGLE)
        )

    @property
    def inner(self) -> tuple[str, str]:
        return (
            (OPEN_SINGLE, CLOSE_SINGLE)
            if self is QuotationStyle.US
            else (OPEN_DOUBLE, CLOSE_DOUBLE)
        )

    @property
    def punctuation_inside(self) -> bool:
        """US puts periods and commas inside the closing mark; UK keeps only the source's own."""
        return self is QuotationStyle.US


def smarten(text: str) -> str:
    """Straight double quotes and guillemets to curly double quotes, by position.

    CSL-JSON titles store an inner quotation with straight quotes (citations.md §3.1); the
    transcript may use « ». Apostrophes and single quotes are left alone (ambiguous).
    """
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == '"':
            before = text[i - 1] if i > 0 else " "
            out.append(OPEN_DOUBLE if before.isspace() or before in "([{—–-:" else CLOSE_DOUBLE)
        elif ch == "«":
            out.append(OPEN_DOUBLE)
        elif ch == "»":
            out.append(CLOSE_DOUBLE)
        else:
            out.append(ch)
    return "".join(out)


_SINGLE_PAIR = lazy(r"(?<![\w’])‘([^‘’]*?)’(?!\w)")


def nest(text: str, style: QuotationStyle) -> str:
    """Flip quotation marks inside text that will be wrapped in `style`'s outer marks.

    US outer double: inner “…” become ‘…’. UK outer single: inner ‘…’ pairs become “…”
    (a lone ’ is an apostrophe and stays).
    """
    text = smarten(text)
    if style is QuotationStyle.US:
        return text.replace(OPEN_DOUBLE, OPEN_SINGLE).replace(CLOSE_DOUBLE, CLOSE_SINGLE)
    return _SINGLE_PAIR.sub(lambda m: f"{OPEN_DOUBLE}{m.group(1)}{CLOSE_DOUBLE}", text)


#: A final word that is an abbreviation with inner periods ("U.S.", "a.m."): its period stays
#: when a comma or a parenthetical citation follows.
_ABBREVIATION_END = lazy(r"(?:^|\s)(?:[^\W\d_]\.){2,}$")
_ELLIPSIS_END = ("...", "…")


def _own_stop(body: str) -> str:
    """How the quoted words end: "?"/"!" (the quotation's own mark, kept), "…" (an ellipsis or
    an abbreviation's period, kept), "." (a full stop the surrounding sentence may replace)
    or "" (no terminal punctuation)."""
    if body.endswith(("?", "!")):
        return "?"
    if body.endswith(_ELLIPSIS_END) or _ABBREVIATION_END.search(body):
        return "…"
    if body.endswith("."):
        return "."
    return ""


def close_with(text: str, punct: str, style: QuotationStyle = QuotationStyle.US) -> str:
    """Append `punct` ("." or ","), inside any closing quotation marks in US style.

    `respond’”` + "." -> `respond.’”` (CMOS 6.9); UK keeps it outside: `respond”’.`.
    A quotation that ends with a full stop and is followed by "," (an attribution: AP-3,
    PUNC-US) has the stop turned into the comma: `“No, not publicly,” Blinken said`; UK:
    `‘No, not publicly’, Blinken said`. A quotation's own `?`/`!` stands alone (CMOS 6.10):
    `“Is it over?” Blinken said`. Never doubles a period the text already ends with.
    """
    if not punct:
        return text
    body = text.rstrip()
    closers = ""
    while body and body[-1] in _CLOSERS:
        closers = body[-1] + closers
        body = body[:-1]
    stop = _own_stop(body)
    if not stop and body.endswith((",", ";", ":")):
        body = body[:-1]  # `“Hey,”` + ",": the sentence's mark replaces the quotation's own
    if not closers:
        return body if stop and punct == "." else body + punct
    if stop == "?" or (stop and punct == "."):
        return body + closers  # the quotation's own mark (or full stop) ends it
    if stop == "." and punct == ",":
        body = body[:-1]  # the sentence goes on: its comma replaces the quotation's stop
    if style.punctuation_inside and punct in ".,":
        return body + punct + closers
    return body + closers + punct


def drop_final_period(text: str) -> str:
    """The words without a closing full stop, for a quotation worked into a sentence that a
    parenthetical citation ends (`… “no, not publicly” (Koutsokosta, 2021, para. 3).`): the
    sentence's period follows the citation (APA-7: end punctuation may change; MLA-2).
    `?`, `!`, an ellipsis and an abbreviation's period are kept."""
    body = text.rstrip()
    return body[:-1] if _own_stop(body) == "." else text


def period_after_citation(quotation: str) -> tuple[str, str]:
    """A quotation in marks that a parenthetical citation follows: (the quotation without
    its closing full stop, the stop to put after the citation), e.g. `“No, not publicly.”`
    -> (`“No, not publicly”`, "."), so the pair reads `“No, not publicly” (Blinken).`
    (APA-7, MLA-2). Other endings stay: (`“Is it over?”`, "")."""
    body = quotation.rstrip()
    closers = ""
    while body and body[-1] in _CLOSERS:
        closers = body[-1] + closers
        body = body[:-1]
    if closers and _own_stop(body) == ".":
        return body[:-1] + closers, "."
    return quotation, ""


def quoted(text: str, style: QuotationStyle = QuotationStyle.US, punct: str = "") -> str:
    """Wrap text in `style`'s outer marks (inner marks flipped), with trailing punctuation."""
    opening, closing = style.outer
    return close_with(f"{opening}{nest(text, style)}{closing}", punct, style)


def end_sentence(text: str) -> str:
    """End an element with a period unless it already ends with terminal punctuation."""
    return close_with(text, ".")


# --- capitalisation -----------------------------------------------------------------------

#: Words headline style lowercases (articles, prepositions, coordinating conjunctions, `to`,
#: `as`) unless first or last (CMOS 17 8.159; MLA 9 1.2).
_MINOR_TEXT = """
    a an the and but or nor for so yet as at by from in into of off on onto over per to up
    upon via with within without against among about above across after along around before
    behind below beneath beside between beyond during except inside like near outside since
    than through throughout till toward towards under underneath until unto versus vs
"""
_MINOR_WORDS = frozenset(_MINOR_TEXT.split())

_WORD = lazy(r"[^\W\d_][\w’'.-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    first: bool  # first word of the title or of a subtitle (after a colon, dash, ? or !)
    last: bool


def _words(text: str) -> list[_Word]:
    matches = list(_WORD.finditer(text))
    words: list[_Word] = []
    for index, match in enumerate(matches):
        gap = text[matches[index - 1].end() : match.start()] if index else ""
        first = index == 0 or any(ch in gap for ch in ":?!—")
        next_gap = (
            text[match.end() : matches[index + 1].start()] if index + 1 < len(matches) else ""
        )
        last = index + 1 == len(matches) or any(ch in next_gap for ch in ":?!—")
        words.append(_Word(match.start(), match.end(), match.group(), first, last))
    return words


def _is_special(word: str) -> bool:
    """Acronyms, initialisms and words with inner capitals (NATO, U.S., iPhone) keep their case."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    return any(any(c.isupper() for c in part[1:]) for part in word.split("-"))


def _cap(word: str) -> str:
    """`well-known` -> `Well-Known`; minor words inside stay lower: `On-the-Record`."""
    parts = word.split("-")
    return "-".join(
        p.lower() if i and p.lower() in _MINOR_WORDS else p[:1].upper() + p[1:]
        for i, p in enumerate(parts)
    )


def _rewrite(text: str, words: list[_Word], new: dict[int, str]) -> str:
    """Replace the words whose index is in `new`, keeping everything between them."""
    pieces: list[str] = []
    pos = 0
    for index, w in enumerate(words):
        if index in new:
            pieces.append(text[pos : w.start])
            pieces.append(new[index])
            pos = w.end
    pieces.append(text[pos:])
    return "".join(pieces)


def title_case(text: str, proper_nouns: frozenset[str] = frozenset()) -> str:
    """Headline-style capitalisation (Chicago, MLA): major words capitalised, minor ones not.
    A title written all in capitals is first brought to ordinary case (`unshout`)."""
    text = unshout(smarten(text), proper_nouns)
    words = _words(text)
    new: dict[int, str] = {}
    for index, w in enumerate(words):
        if _is_special(w.text):
            continue
        lower = w.text.lower()
        new[index] = _cap(w.text) if w.first or w.last or lower not in _MINOR_WORDS else lower
    return _rewrite(text, words, new)


#: Share of a title's significant words that are capitalised in headline style; government
#: titles write some words in lower case ("… Josh Earnest en route Chicago, IL").
_HEADLINE_SHARE = 0.6


def _looks_title_cased(words: list[_Word]) -> bool:
    significant = [w for w in words if w.text.lower() not in _MINOR_WORDS and not w.first]
    if len(significant) < 2:
        return False
    capitalised = sum(1 for w in significant if w.text[:1].isupper())
    return capitalised >= _HEADLINE_SHARE * len(significant) and capitalised >= 2


def _is_initial(word: str) -> bool:
    """`J.`, `U.S.`: initials and abbreviations with inner full stops keep their capitals."""
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)+", word))


#: Unknown words of a title in capitals up to this long are taken for acronyms (`MSNBC`).
_ACRONYM_LETTERS = 5


def unshout(text: str, proper_nouns: frozenset[str] = frozenset()) -> str:
    """A title written all in capitals (`PRESS BRIEFING BY PRESS SECRETARY JEN PSAKI`) in
    ordinary case: names the record knows as it writes them (`Jen`, `Psaki`), common words in
    lower case, initials and short unknown words (`MSNBC`, `U.S.`) kept as acronyms, other
    words capitalised. Text with lower-case letters is returned as it is."""
    if any(c.islower() for c in text) or not any(c.isupper() for c in text):
        return text
    known = {n.casefold(): n for n in proper_nouns}
    words = _words(text)
    new: dict[int, str] = {}
    for index, w in enumerate(words):
        if w.text.casefold() in known:
            new[index] = known[w.text.casefold()]
        elif _is_initial(w.text):
            continue
        elif is_common(w.text):
            new[index] = w.text.lower()
        elif len(w.text) > _ACRONYM_LETTERS:
            new[index] = _cap(w.text.lower())
    text = _rewrite(text, words, new)
    return text[:1].upper() + text[1:] if text else text


def sentence_case(text: str, proper_nouns: frozenset[str] = frozenset()) -> str:
    """Sentence-style capitalisation (APA, IEEE): first word and first word after a colon
    capitalised; in a title that arrived in headline style, a word is lower-cased only when it
    is known to be a common English word (`lexicon.is_common`) and is not one of
    `proper_nouns` (the record's names, the source's own proper nouns): an unknown
    capitalised word is a name and stays (`Blinken`, `Mitchell`). Acronyms, initials (`J.`)
    and words with inner capitals keep their case."""
    text = unshout(smarten(text), proper_nouns)
    words = _words(text)
    convert = _looks_title_cased(words)
    kept = _kept_words(text, words, proper_nouns)
    new: dict[int, str] = {}
    for index, w in enumerate(words):
        if w.first:
            new[index] = w.text[:1].upper() + w.text[1:]
        elif convert and index not in kept and _lowerable(w.text, proper_nouns):
            new[index] = w.text.lower()
    # an office title just before a name it stays with is part of the name ("Press
    # Secretary Jen Psaki", "President Trump"; CMOS 8.21)
    for index in range(len(words) - 2, -1, -1):
        after = index + 2 if words[index + 1].text.lower() == "of" else index + 1
        before_name = after < len(words) and words[after].text[:1].isupper() and after not in new
        office = is_title_word(words[index].text) and words[index].text.lower() != "the"
        if index in new and before_name and office:
            del new[index]
    return _rewrite(text, words, new)


#: A quoted stretch of a title this short names something (a show: “Fox Sports”) and keeps
#: its capitals; a longer one is a quotation and is put in sentence case with the rest.
_SHORT_QUOTED_WORDS = 4


#: Nouns that end the name of an institution or a place built of common words ("White House",
#: "State Department", "National Security Council", "Air Force"): a run of capitalised words
#: ending in one is a name in a headline too (CMOS 8.62-8.68), and a few such names stand
#: alone ("the Senate").
_INSTITUTION_NOUNS = (
    "House|Office|Department|Council|Court|Agency|Committee|Commission|Bureau"
    "|Force|Union|Nations|Room|Garden|Party|Ministry|Embassy|University|Institute|Foundation"
    "|Bank|Reserve|Service|Guard|Corps|Army|Navy|Assembly|Parliament|Senate|Congress|States"
    "|Kingdom|Republic|Hall|Center|Centre|Street|Avenue|Square|Airport|Station|Base"
)
_MINOR_ALTERNATION = "|".join(
    sorted(_MINOR_WORDS | {"aboard", "en", "route"}, key=len, reverse=True)
)
#: A capitalised word of a name's run: no headline's minor word ("By", "The", "Aboard").
_RUN_WORD = r"(?!(?i:" + _MINOR_ALTERNATION + r")\b)[A-Z][\w’'.-]*"
_INSTITUTION = lazy(
    r"(?<![\w’'-])(?:" + _RUN_WORD + r"\s+(?:[Oo]f\s+)?){1,4}"
    r"(?:" + _INSTITUTION_NOUNS + r")(?:\s+(?:One|Two|[A-Z]{2,}))?(?![\w’'-])"
    r"|(?<![\w’'-])(?:Senate|Congress|Parliament|Pentagon|Capitol)(?![\w’'-])"
    # "Department of Homeland Security", "Ministry of Foreign Affairs"
    r"|(?<![\w’'-])(?:Department|Ministry|Office|Bureau|University|Institute|Bank|Court)"
    r"\s+[Oo]f\s+(?:[Tt]he\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,3}"
)


def _kept_words(text: str, words: list[_Word], proper_nouns: frozenset[str]) -> set[int]:
    """Indexes of words sentence case must keep: those inside a phrase the source writes as
    a name ("Air Force One", one of `proper_nouns` with a space) and those of a short quoted
    name."""
    kept: set[int] = set()
    spans: list[tuple[int, int]] = []
    for phrase in (p for p in proper_nouns if " " in p):
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            spans.append(match.span())
    for match in _INSTITUTION.finditer(text):
        spans.append(match.span())
    for match in re.finditer(r"[“\"]([^”\"]+)[”\"]", text):
        if len(match.group(1).split()) <= _SHORT_QUOTED_WORDS:
            spans.append(match.span(1))
    for index, w in enumerate(words):
        if w.text.lower() in _MINOR_WORDS:
            continue  # "Department of Homeland Security": the name's "of" stays lower case
        if any(start <= w.start and w.end <= end for start, end in spans):
            kept.add(index)
    return kept


def _lowerable(word: str, proper_nouns: frozenset[str]) -> bool:
    if _is_special(word) or _is_initial(word) or word == "I":
        return False
    if word in proper_nouns or word.rstrip(".") in proper_nouns:
        return False
    if any(part in proper_nouns for part in word.split("-")):
        return False
    return word.lower() in _MINOR_WORDS or is_common(word)


def lower_first(text: str) -> str:
    """Lower-case the first letter (APA-7/AP allowed change when a quote is integrated)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            nxt = text[i + 1 : i + 2]
            if nxt.isupper() or nxt == ".":
                return text  # "NATO", "U.S." keep their capitals
            return text[:i] + ch.lower() + text[i + 1 :]
    return text


def upper_first(text: str) -> str:
    """Capitalise the first letter (APA-7/AP allowed change when a quote opens a sentence)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text
