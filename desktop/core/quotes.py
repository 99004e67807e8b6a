"""Quotes: a speaker's exact words plus an anchor into the transcript they came from.

A quote never stores words of its own making: `text` is always `turn.text[start:end]` at the
time it was taken, shortened only by recorded elisions (rendered as an ellipsis). `verify`
checks it against the current source; exports refuse anything that is not `EXACT`
(`ensure_verified`), so an invented or edited quote can never pass as the source's words.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.citations.record import Locator, Person
from desktop.core.errors import VerbatimError
from desktop.core.lazy_regex import lazy
from desktop.core.model import Transcript
from desktop.core.word_edges import snap_to_words

if TYPE_CHECKING:  # the citation forms load when a quote is cited or rendered, not when the
    # quote board opens its store in a launch
    from desktop.core.citations.base import Quoted
    from desktop.core.citations.typography import QuotationStyle

#: Characters of context kept on each side of a quote, for re-anchoring after edits.
CONTEXT_CHARS = 40
#: Similarity (difflib ratio) above which a quote's anchor still holds "changed" words.
CHANGED_RATIO = 0.6


class Verification(StrEnum):
    """How a quote relates to the current source."""

    EXACT = "exact"  # the words are at their anchor
    MOVED = "moved"  # the words are in the source, elsewhere (re-anchor them)
    CHANGED = "changed"  # the anchor holds different but similar words
    MISSING = "missing"  # the words are not in the source


class QuoteAnchorError(VerbatimError):
    """A selection that does not lie inside one turn's text."""

    def __init__(self, turn: int, start: int, end: int, reason: str) -> None:
        self.turn, self.start, self.end, self.reason = turn, start, end, reason
        super().__init__(f"turn {turn} [{start}:{end}]: {reason}")


class QuoteNotFoundError(VerbatimError):
    """Words looked up in a transcript that are not there (CLI `--quote`)."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text
        shown = text if len(text) <= 60 else text[:59] + "…"
        super().__init__(f"{path}: these words are not in the transcript: “{shown}”")


@dataclass(frozen=True, slots=True)
class QuoteFailure:
    quote: Quote
    status: Verification


class QuotesNotVerifiedError(VerbatimError):
    """Quotes that no longer match their source: nothing was exported."""

    def __init__(self, failures: Sequence[QuoteFailure]) -> None:
        self.failures = tuple(failures)
        listed = "; ".join(
            f"“{_short(f.quote.text)}” ({f.quote.source_path}: {f.status})" for f in self.failures
        )
        super().__init__(
            f"{len(self.failures)} quote(s) no longer match their source, "
            f"nothing exported: {listed}"
        )


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Quote:
    """The source's exact words and where they are."""

    source_path: str
    source_sha256: str
    turn: int
    start: int
    end: int
    #: Exactly `turn.text[start:end]` when taken.
    text: str
    before: str = ""
    after: str = ""
    #: Omitted (start, end) ranges, in the turn's offsets, strictly inside [start, end).
    elisions: tuple[tuple[int, int], ...] = ()
    #: The speaker's name when taken (for display; the anchor is what counts).
    speaker: str | None = None
    locator: Locator | None = None

    def words(self, ellipsis: str = " … ") -> str:
        """The quoted words with each elision shown as `ellipsis`."""
        if not self.elisions:
            return self.text
        pieces: list[str] = []
        pos = self.start
        for gap_start, gap_end in sorted(self.elisions):
            piece = self.text[pos - self.start : gap_start - self.start]
            pieces.append((piece.lstrip() if pieces else piece).rstrip())
            pieces.append(ellipsis)
            pos = gap_end
        pieces.append(self.text[pos - self.start :].lstrip())
        return "".join(pieces)

    def quoted(self) -> Quoted:
        """What the citation styles need (elisions marked for each style's own ellipsis)."""
        from desktop.core.citations.base import ELISION, Quoted

        return Quoted(
            text=self.words(ELISION),
            speaker=Person(self.speaker) if self.speaker else None,
            locator=self.locator,
        )


def render_quote(
    quote: Quote,
    marks: QuotationStyle | None = None,
    *,
    punct: str = "",
    first_letter: str | None = None,
    ellipsis: str = " … ",
) -> str:
    """The quote in quotation marks (US marks unless `marks` says): inner marks flipped,
    `punct` placed by `marks`' rule, and the first letter's case changed if asked
    ("upper"/"lower": the one change APA-7 allows)."""
    from desktop.core.citations.typography import QuotationStyle, lower_first, quoted, upper_first

    text = quote.words(ellipsis)
    if first_letter == "upper":
        text = upper_first(text)
    elif first_letter == "lower":
        text = lower_first(text)
    return quoted(text, marks or QuotationStyle.US, punct)


# --- taking quotes -----------------------------------------------------------------------


def locator_for(transcript: Transcript, turn_index: int, offset: int = 0) -> Locator:
    """`para. N` counted over every turn's paragraphs, or the time the words are spoken."""
    turn = transcript.turns[turn_index]
    if transcript.is_timed:
        seconds = turn.start
        pos = 0
        for segment in turn.segments:
            found = turn.text.find(segment.text.strip(), pos)
            if found < 0:
                continue
            if found <= offset:
                seconds = segment.start
            pos = found + 1
        if seconds is not None:
            return Locator(seconds=seconds)
    before = sum(len(t.paragraphs) for t in transcript.turns[:turn_index])
    within = turn.text.count("\n\n", 0, max(0, min(offset, len(turn.text))))
    return Locator(paragraph=before + within + 1)


def quote_from_span(
    transcript: Transcript,
    turn_index: int,
    start: int,
    end: int,
    elisions: Iterable[tuple[int, int]] = (),
) -> Quote:
    """A quote of `turn.text[start:end]`, widened to whole words (a quote never starts or
    ends inside a word: `A|ndrea` is `Andrea`) and with surrounding whitespace trimmed."""
    if not 0 <= turn_index < len(transcript.turns):
        raise QuoteAnchorError(turn_index, start, end, "no such turn")
    text = transcript.turns[turn_index].text
    if not 0 <= start < end <= len(text):
        raise QuoteAnchorError(turn_index, start, end, "outside the turn's text")
    start, end = snap_to_words(text, start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise QuoteAnchorError(turn_index, start, end, "no words selected")
    gaps = _checked_elisions(turn_index, start, end, elisions)
    speaker = transcript.speaker_of(turn_index)
    return Quote(
        source_path=transcript.source.path,
        source_sha256=transcript.source.sha256,
        turn=turn_index,
        start=start,
        end=end,
        text=text[start:end],
        before=text[max(0, start - CONTEXT_CHARS) : start],
        after=text[end : end + CONTEXT_CHARS],
        elisions=gaps,
        speaker=speaker.name if speaker else None,
        locator=locator_for(transcript, turn_index, start),
    )


def _checked_elisions(
    turn: int, start: int, end: int, elisions: Iterable[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Sorted elisions, each strictly inside [start, end) (a quote never begins or ends with
    an omission) and none overlapping another."""
    gaps = tuple(sorted((int(a), int(b)) for a, b in elisions))
    for gap_start, gap_end in gaps:
        if not start < gap_start < gap_end < end:
            raise QuoteAnchorError(turn, gap_start, gap_end, "elision outside the quote")
    for (_, first_end), (second_start, _) in itertools.pairwise(gaps):
        if second_start < first_end:
            raise QuoteAnchorError(turn, second_start, first_end, "elisions overlap")
    return gaps


def with_elisions(quote: Quote, elisions: Iterable[tuple[int, int]]) -> Quote:
    """The same words with other omissions (checked as `quote_from_span` checks them). The
    text, anchor and context stay the source's: only which of its words are shown changes."""
    gaps = _checked_elisions(quote.turn, quote.start, quote.end, elisions)
    return dataclasses.replace(quote, elisions=gaps)


_TOKEN_RUN = lazy(r"\S+")


def word_spans(quote: Quote) -> list[tuple[int, int]]:
    """The quote's words (runs of non-space characters, punctuation attached) as (start, end)
    offsets in the turn's text: the units an omission takes away."""
    return [
        (quote.start + m.start(), quote.start + m.end()) for m in _TOKEN_RUN.finditer(quote.text)
    ]


def omission_for(quote: Quote, start: int, end: int) -> tuple[int, int] | None:
    """The whole words a selection from `start` to `end` (turn offsets) touches, as one
    omission; None when it touches no word or includes the first or last word (a quote keeps
    its first and last words, as `quote_from_span` requires)."""
    words = word_spans(quote)
    touched = [w for w in words if w[0] < max(end, start + 1) and w[1] > start]
    if not touched or touched[0] == words[0] or touched[-1] == words[-1]:
        return None
    return (touched[0][0], touched[-1][1])


def omit(quote: Quote, start: int, end: int) -> Quote:
    """The quote with the words a selection touches left out too (`…`); omissions that
    overlap or have only spaces or punctuation between them become one. Raises
    `QuoteAnchorError` when the selection holds no word or the first or last word."""
    gap = omission_for(quote, start, end)
    if gap is None:
        raise QuoteAnchorError(quote.turn, start, end, "an omission keeps the first and last word")
    merged: list[tuple[int, int]] = []
    for a, b in sorted([*quote.elisions, gap]):
        between = quote.text[merged[-1][1] - quote.start : a - quote.start] if merged else "x"
        if merged and (a <= merged[-1][1] or not any(ch.isalnum() for ch in between)):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return with_elisions(quote, merged)


def quotes_from_selection(
    transcript: Transcript, start: tuple[int, int], end: tuple[int, int]
) -> list[Quote]:
    """A selection from (turn, offset) to (turn, offset): one quote per turn it covers."""
    (first_turn, first_offset), (last_turn, last_offset) = sorted([start, end])
    quotes: list[Quote] = []
    for index in range(first_turn, last_turn + 1):
        text = transcript.turns[index].text
        piece_start = first_offset if index == first_turn else 0
        piece_end = last_offset if index == last_turn else len(text)
        if text[piece_start:piece_end].strip():
            quotes.append(quote_from_span(transcript, index, piece_start, piece_end))
    return quotes


# --- checking and re-anchoring -----------------------------------------------------------


def verify(quote: Quote, transcript: Transcript) -> Verification:
    """Compare a quote with the current source."""
    turns = transcript.turns
    if (
        0 <= quote.turn < len(turns)
        and turns[quote.turn].text[quote.start : quote.end] == quote.text
    ):
        return Verification.EXACT
    if any(quote.text in turn.text for turn in turns):
        return Verification.MOVED
    if 0 <= quote.turn < len(turns):
        current = turns[quote.turn].text
        span = _span_by_context(quote, current)
        if span is None:
            span = (quote.start, min(quote.end, len(current)))
        from difflib import SequenceMatcher  # here: a launch opens the board, checks later

        ratio = SequenceMatcher(None, quote.text, current[span[0] : span[1]]).ratio()
        if ratio >= CHANGED_RATIO:
            return Verification.CHANGED
    return Verification.MISSING


def _span_by_context(quote: Quote, text: str) -> tuple[int, int] | None:
    """Where the words between the quote's unchanged context now are, if both sides remain."""
    if not quote.before or not quote.after:
        return None
    left = text.find(quote.before)
    if left < 0:
        return None
    right = text.find(quote.after, left + len(quote.before))
    return (left + len(quote.before), right) if right >= 0 else None


def _context_score(quote: Quote, text: str, start: int, end: int) -> int:
    """How many context characters around an occurrence agree with the quote's context."""
    before = text[max(0, start - len(quote.before)) : start]
    after = text[end : end + len(quote.after)]
    score = 0
    for a, b in zip(reversed(before), reversed(quote.before), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, quote.after, strict=False):
        if a != b:
            break
        score += 1
    return score


def reanchor(quote: Quote, transcript: Transcript) -> Quote | None:
    """The same words found again in a changed source (best context match, then nearest
    turn), with a fresh anchor, hash and locator; None when the words are gone."""
    best: tuple[int, int, int, int] | None = None  # (-score, distance, turn, start)
    for index, turn in enumerate(transcript.turns):
        pos = turn.text.find(quote.text)
        while pos >= 0:
            score = _context_score(quote, turn.text, pos, pos + len(quote.text))
            key = (-score, abs(index - quote.turn), index, pos)
            if best is None or key < best:
                best = key
            pos = turn.text.find(quote.text, pos + 1)
    if best is None:
        return None
    _, _, index, start = best
    shift = start - quote.start
    fresh = quote_from_span(
        transcript,
        index,
        start,
        start + len(quote.text),
        [(a + shift, b + shift) for a, b in quote.elisions],
    )
    return dataclasses.replace(fresh, speaker=fresh.speaker or quote.speaker)


def verify_all(quotes: Iterable[Quote], sources: Mapping[str, Transcript]) -> list[QuoteFailure]:
    """Every quote that is not `EXACT` against its source (a missing source: `MISSING`)."""
    failures: list[QuoteFailure] = []
    for quote in quotes:
        transcript = sources.get(quote.source_path)
        status = verify(quote, transcript) if transcript else Verification.MISSING
        if status is not Verification.EXACT:
            failures.append(QuoteFailure(quote, status))
    return failures


def ensure_verified(quotes: Iterable[Quote], sources: Mapping[str, Transcript]) -> None:
    """Raise `QuotesNotVerifiedError` listing every quote that does not match its source."""
    failures = verify_all(quotes, sources)
    if failures:
        raise QuotesNotVerifiedError(failures)


# --- finding typed or pasted words -------------------------------------------------------

_DOUBLE_MARKS = '"“”„‟«»〝〞＂'
_SINGLE_MARKS = "'‘’‚‛‹›`´′"
_ELLIPSIS = lazy(r"\s*(?:…|\.\s?\.\s?\.)\s*")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs collapsed and every quotation mark/apostrophe made straight,
    plus the original offset of each normalised character."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        elif ch in _DOUBLE_MARKS:
            ch = '"'
        elif ch in _SINGLE_MARKS:
            ch = "'"
        out.append(ch)
        where.append(i)
    return "".join(out), where


def _swap_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.swapcase() + text[i + 1 :]
    return text


def find_quote(transcript: Transcript, words: str) -> Quote | None:
    """Find typed or pasted words in the transcript's turns.

    Only whitespace, the kind of quotation marks/apostrophes and the case of the first letter
    may differ (the first letter's case is the change APA 7 allows when a quote opens or joins a
    sentence; the quote keeps the source's case). An ellipsis (`…` or `...`) in `words` that is
    not in the source marks an omission: the parts must appear in order in one turn.
    """
    needle, _ = _normalise(words.strip())
    if not needle.strip():
        return None
    # Quotation marks around the pasted words are usually not part of them: tried second.
    bare = needle.strip(" \"'") or needle
    candidates = list(dict.fromkeys([needle, _swap_first(needle), bare, _swap_first(bare)]))
    found = _find_exact(transcript, candidates)
    if found is not None:
        return found
    needle = bare
    parts = [p for p in _ELLIPSIS.split(needle) if p.strip()]
    if len(parts) > 1:
        for first in (parts[0], _swap_first(parts[0])):
            found = _find_with_elisions(transcript, [first, *parts[1:]])
            if found is not None:
                return found
    return None


_TOKEN = lazy(r"\w+")


def _marker(needles: list[str]) -> str:
    """A word every candidate contains verbatim (the longest one after the first, whose case
    may differ), so turns without it are skipped before the costlier normalisation."""
    tokens = _TOKEN.findall(needles[0])
    rest = tokens[1:] or [t[1:] for t in tokens[:1]]
    return max(rest, key=len, default="")


def _find_exact(transcript: Transcript, needles: list[str]) -> Quote | None:
    """The best occurrence: in a speaker's turn before unattributed text (a heading that
    repeats the words is not where they were said), then as typed, then first in order."""
    best: tuple[tuple[bool, int, int], int, int, int] | None = None
    marker = _marker(needles)
    for index, turn in enumerate(transcript.turns):
        if marker not in turn.text:
            continue
        hay, where = _normalise(turn.text)
        for rank, needle in enumerate(needles):
            pos = hay.find(needle)
            if pos >= 0:
                key = (turn.speaker is None, rank, index)
                if best is None or key < best[0]:
                    best = (key, index, where[pos], where[pos + len(needle) - 1] + 1)
    if best is None:
        return None
    _, index, start, end = best
    return quote_from_span(transcript, index, start, end)


def _find_with_elisions(transcript: Transcript, parts: list[str]) -> Quote | None:
    marker = _marker([parts[-1]])
    for index, turn in enumerate(transcript.turns):
        if marker not in turn.text:
            continue
        hay, where = _normalise(turn.text)
        spans: list[tuple[int, int]] = []
        pos = 0
        for part in parts:
            part = part.strip()
            found = hay.find(part, pos)
            if found < 0:
                break
            spans.append((where[found], where[found + len(part) - 1] + 1))
            pos = found + len(part)
        else:
            gaps = [(a_end, b_start) for (_, a_end), (b_start, _) in itertools.pairwise(spans)]
            gaps = [(a, b) for a, b in gaps if b > a]
            return quote_from_span(transcript, index, spans[0][0], spans[-1][1], gaps)
    return None
