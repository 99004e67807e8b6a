"""Checking a quote across a whole library: the search index picks the turns to compare.

Comparing a quote with every turn of a 10-million-word library would take seconds; the index
answers "which turns share the quote's rarer words" in milliseconds. The query is an OR of
the quote's most distinctive words (longest first, common function words left out), so a
turn missing a few changed words still ranks high; the best `CANDIDATES` turns, and the turns
right around them (a stitched quote often joins neighbouring answers), go to the matcher.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core.model import Transcript
from desktop.core.quotecheck.check import Place, check_places, places_of
from desktop.core.quotecheck.result import CheckResult, Verdict
from desktop.core.quotecheck.text import quote_words
from desktop.core.search import Hit, SearchEngine

#: Turns the index proposes per quote.
CANDIDATES = 20
#: Words of the quote the index query uses.
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

#: Loads the transcript of a search hit (None when it cannot be read any more).
Loader = Callable[[Hit], Transcript | None]


def query_for(text: str) -> str | None:
    """The index query that finds turns sharing the quote's distinctive words, or None when
    the quote has no word the index can look up."""
    keys = [t.key for t in quote_words(text).tokens if t.key.isalnum() and not t.bracketed]
    distinct = list(dict.fromkeys(keys))
    rare = [k for k in distinct if k not in _COMMON and len(k) > 1]
    chosen = sorted(rare or distinct, key=len, reverse=True)[:QUERY_WORDS]
    return " OR ".join(chosen) if chosen else None


@dataclass
class _Group:
    transcript: Transcript
    turns: set[int] = field(default_factory=set)
    transcript_id: int | None = None


def candidate_places(text: str, engine: SearchEngine, load: Loader) -> list[Place]:
    """The turns the index proposes for a quote, with their neighbours, best first."""
    query = query_for(text)
    if query is None:
        return []
    result = engine.search(query, limit=CANDIDATES)
    groups: dict[str, _Group] = {}
    order: list[str] = []
    for hit in result.hits:
        key = hit.path if hit.transcript_id is None else f"#{hit.transcript_id}"
        group = groups.get(key)
        if group is None:
            transcript = load(hit)
            if transcript is None:
                continue
            group = groups[key] = _Group(transcript, transcript_id=hit.transcript_id)
            order.append(key)
        count = len(group.transcript.turns)
        group.turns.update(i for i in range(hit.turn - NEIGHBOURS, hit.turn + NEIGHBOURS + 1)
                           if 0 <= i < count)
    places: list[Place] = []
    for key in order:
        group = groups[key]
        places.extend(places_of(group.transcript, group.turns,
                                transcript_id=group.transcript_id, start_order=len(places)))
    return places


def check_library(
    text: str, engine: SearchEngine, load: Loader, speaker: str | None = None
) -> CheckResult:
    """Check a quote against every transcript the index holds."""
    places = candidate_places(text, engine, load)
    if not places:
        return CheckResult(text.strip(), Verdict.NOT_FOUND, (), speaker)
    return check_places(text, places, speaker)

