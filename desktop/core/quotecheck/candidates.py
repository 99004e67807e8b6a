"""Checking a quote across a whole library: the search index picks the turns to compare.

Comparing a quote with every turn of a 10-million-word library would take seconds; the index
answers "which turns say these words" in milliseconds. Two passes:

1. Rare words. When the engine can say how many turns hold each word (`doc_frequencies`),
   an OR of the quote's `RARE_WORDS` rarest words found in the library: a quote with 3
   changed words still shares at least 3 of them with its passage, which ranks first, and
   rare words have short postings, so the query is fast on a large library. Otherwise, up to
   `PHRASES` pairs of adjacent words, no two sharing a word (longer words first, not both
   common), as one OR of exact phrases: a quote with fewer changed words than that keeps at
   least one pair intact. (Measured on the 10M-word benchmark: an OR of the ten longest
   words took 4-7x as long as the phrases, and phrases with a frequent word still had slow
   tails; the rarest words, by the index's own counts, were fastest.)
2. Words. When the first pass finds nothing close enough (many words changed), an OR of the
   quote's most distinctive words, so a loosely quoted passage still ranks.

The best `CANDIDATES` turns, and the turns right around them (a stitched quote often joins
neighbouring answers), go to the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from desktop.core.model import Transcript
from desktop.core.quotecheck.check import Place, check_places, places_of
from desktop.core.quotecheck.result import CheckResult, Verdict
from desktop.core.quotecheck.text import Token, quote_words
from desktop.core.search import Hit, SearchEngine

#: Turns the index proposes per query.
CANDIDATES = 20
#: Rarest words of the first pass (twice the changed words it tolerates).
RARE_WORDS = 6
#: Word pairs of the first pass without word counts (fewer changed words are always found).
PHRASES = 4
#: Words of the second pass.
QUERY_WORDS = 10
#: Turns on each side of a proposed turn compared as well.
NEIGHBOURS = 1
#: Words too common to tell passages apart (the index finds them in most turns).
_COMMON = frozenset(
    """a about after all also an and any are as at be been but by can could did do does for
    from had has have he her him his how if in into is it its just like me more my no not now
    of on one or our out she so some than that the their them then there these they this to
    up us very was we were what when which who will with would you your""".split()  # noqa: SIM905
)
#: A token that is one word to the index (its tokenizer splits "we’re" and "U.S.").
_ONE_WORD = re.compile(r"[^\W_]+")

#: Loads the transcript of a search hit (None when it cannot be read any more).
Loader = Callable[[Hit], Transcript | None]


@runtime_checkable
class WordCounts(Protocol):
    """An engine that can say how many turns hold each word (WhooshEngine can)."""

    def doc_frequencies(self, words: Iterable[str]) -> dict[str, int]: ...


def _index_word(token: Token) -> str | None:
    """The token as the index has it (lower case, edge punctuation off), if it is one word."""
    core = token.text.strip("".join(ch for ch in token.text if not ch.isalnum())).lower()
    return core if not token.bracketed and _ONE_WORD.fullmatch(core) else None


def queries_for(text: str, engine: object = None) -> list[str]:
    """The index queries of the two passes (see the module docstring); empty when the quote
    has no word the index can look up."""
    words = quote_words(text)
    plain = [_index_word(t) for t in words.tokens]
    distinct = list(dict.fromkeys(w for w in plain if w is not None))
    rare = [w for w in distinct if w not in _COMMON and len(w) > 1]
    queries: list[str] = []
    if isinstance(engine, WordCounts):
        counts = engine.doc_frequencies(rare or distinct)
        present = sorted((n, w) for w, n in counts.items() if n > 0)
        if present:
            # In quotes: the unstemmed field, where the counts come from ("ated" is not "ate").
            queries.append(" OR ".join(f'"{w}"' for _, w in present[:RARE_WORDS]))
    else:
        phrases = _phrases(plain, words.omissions)
        if phrases:
            queries.append(phrases)
    single = sorted(rare or distinct, key=len, reverse=True)[:QUERY_WORDS]
    if single:
        queries.append(" OR ".join(single))
    return queries


def _phrases(plain: list[str | None], omissions: frozenset[int]) -> str:
    pairs: list[tuple[int, int]] = []  # (-score, position)
    for i in range(len(plain) - 1):
        a, b = plain[i], plain[i + 1]
        if a is None or b is None or (i + 1) in omissions:
            continue
        if a in _COMMON and b in _COMMON:
            continue
        pairs.append((-(len(a) + len(b)), i))
    chosen: list[int] = []
    for _, i in sorted(pairs):
        if all(abs(i - j) >= 2 for j in chosen):
            chosen.append(i)
        if len(chosen) == PHRASES:
            break
    return " OR ".join(f'"{plain[i]} {plain[i + 1]}"' for i in sorted(chosen))


@dataclass
class _Group:
    transcript: Transcript
    turns: set[int] = field(default_factory=set)
    transcript_id: int | None = None


class _Candidates:
    """Turns proposed by the index, grouped by transcript (each transcript loaded once)."""

    def __init__(self, load: Loader) -> None:
        self.load = load
        self.groups: dict[str, _Group] = {}
        self.order: list[str] = []

    def add(self, hits: tuple[Hit, ...]) -> None:
        for hit in hits:
            key = hit.path if hit.transcript_id is None else f"#{hit.transcript_id}"
            group = self.groups.get(key)
            if group is None:
                transcript = self.load(hit)
                if transcript is None:
                    continue
                group = self.groups[key] = _Group(transcript, transcript_id=hit.transcript_id)
                self.order.append(key)
            count = len(group.transcript.turns)
            group.turns.update(i for i in range(hit.turn - NEIGHBOURS, hit.turn + NEIGHBOURS + 1)
                               if 0 <= i < count)

    def places(self) -> list[Place]:
        places: list[Place] = []
        for key in self.order:
            group = self.groups[key]
            places.extend(places_of(group.transcript, group.turns,
                                    transcript_id=group.transcript_id, start_order=len(places)))
        return places


def candidate_places(text: str, engine: SearchEngine, load: Loader) -> list[Place]:
    """The turns every pass's query proposes for a quote, with their neighbours."""
    found = _Candidates(load)
    for query in queries_for(text, engine):
        found.add(engine.search(query, limit=CANDIDATES).hits)
    return found.places()


def check_library(
    text: str, engine: SearchEngine, load: Loader, speaker: str | None = None
) -> CheckResult:
    """Check a quote against every transcript the index holds (second pass only when the
    first finds nothing close enough)."""
    found = _Candidates(load)
    result = CheckResult(text.strip(), Verdict.NOT_FOUND, (), speaker)
    for query in queries_for(text, engine):
        found.add(engine.search(query, limit=CANDIDATES).hits)
        places = found.places()
        if places:
            result = check_places(text, places, speaker)
        if result.verdict is not Verdict.NOT_FOUND:
            break
    return result
