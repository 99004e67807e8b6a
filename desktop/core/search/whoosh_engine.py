"""The Whoosh implementation of the search port: the only module that imports Whoosh.

One document per turn. Indexed fields:
- `exact`: the words, lower-cased and accent-folded, with positions. Every word query goes
  here: a plain word is stemmed at query time (Porter) and expanded to the indexed words with
  that stem ("sanction" -> sanction, sanctions, sanctioned), so one field serves stemmed words,
  "exact phrases", `prefix*` and `fuzzy~`. A second, stemmed field would double the postings
  Whoosh writes, and building the index is Whoosh's slow part (search-baseline.md).
- `pairs`: adjacent pairs of two very common words ("of the", "est de"). A phrase query of
  such words is answered from these pairs, so "of the" does not make Whoosh decode the
  positions of nearly every turn (common-grams, as in Lucene's CommonGramsFilter). Only
  common-common pairs: pairs with any word cost 2.3x the build time and 3x the index size;
  a phrase with a rarer word uses `commons` instead. A pair is scored by how often the turn
  says it (BM25 would read a field length for each of tens of thousands of hits).
- `commons` (a column, not indexed): one byte per word of the turn, the code of the common
  word at that position or 0. A phrase with a rarer word ("the dire") is driven from the
  rarer word's postings, and its common words are checked in this column: reading the
  positions of "the" in the ~11,000 turns that say "dire" cost ~160 ms, the column ~1 us
  a turn. One byte a word (10 MB for 10M words) instead of the 3x index that pairs of a
  common word with any word would cost.
- `speaker`: the speaker's name and every alias (prefix-matched: `speaker:kouts`).
- `role` (question/answer), `section`, and keys to find a transcript's turns again.
The turn's text is stored (`body`) for snippets.

Match offsets are computed here from the stored text with the same analyzers, not with
Whoosh's highlighter: it returns markup, and on a multi-segment index it expands fuzzy terms
by brute force over the whole lexicon (search-baseline.md: 700x slower).
"""

from __future__ import annotations

import contextlib
import itertools
import pickle
import re
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.collectors import FilterCollector, TopCollector, UnlimitedCollector
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.formats import Positions
from whoosh.lang.porter import stem
from whoosh.matching import IntersectionMatcher, ListMatcher, NullMatcher, WrappingMatcher
from whoosh.qparser import FuzzyTermPlugin, PhrasePlugin, QueryParser
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map
from whoosh.support.levenshtein import levenshtein
from whoosh.writing import IndexWriter

from desktop import paths
from desktop.core.errors import VerbatimError
from desktop.core.model import Transcript
from desktop.core.search import (
    Cancelled,
    Catalogue,
    Hit,
    IndexReadOnlyError,
    IndexUnavailableError,
    OpenedIndex,
    Progress,
    QuerySyntaxError,
    SearchResult,
    TranscriptSource,
    TurnRole,
    index_version,
)
from desktop.core.search.query import EXACT_FIELD, normalize
from desktop.core.search.snippets import merge_spans, snippet

#: Bump when the schema or analyzers change: an older index is rebuilt ("outdated").
SCHEMA_VERSION = "6"
_VERSION_FILE = "verbatim-schema.txt"
_INSTANCE_LOCK = "VERBATIM_INSTANCE"
INDEX_DIR_NAME = "index"
#: Shortest prefix a fuzzy word must share with its matches: cuts the words compared ~20x.
FUZZY_PREFIX = 1
WRITER_LIMIT_MB = 128

#: Words so frequent that phrases of them are answered through `pairs`: English and
#: the commonest function words of French, Spanish, German, Italian and Portuguese, and single
#: letters and digits (the tokenizer splits "it's", "l'état", "3.5"). Accent-folded, as indexed.
COMMON_WORDS = frozenset(
    """a about after all also an and any are as at be been but by can could did do does for
    from had has have he her him his how if in into is it its just like me more my no not now
    of on one or our out she so some than that the their them then there these they this to
    up us very was we were what when which who will with would you your
    alors au aux avec bien ca ce ces cette comme dans de des donc du elle en est et etait ete
    etre faire fait il ils je la le les leur lui mais meme moi ne nous on ou par pas peut plus
    pour qu quand que qui sa se ses si son sont sur tout tous tres tu un une vous
    al como con de del el en es esta este las lo los mas muy para pero por que se su sus una
    als an auch auf aus bei das dass dem den der des die ein eine einen er es fur hat ich im
    ist mit nach nicht noch oder sie sich sind uber und von war wie wird zu zum zur
    che con da dei del della di e gli il la le lo ma nel non per piu si sono un una uno
    com da do em mais nao os para pelo por que se um uma
    """.split()  # noqa: SIM905 (a word list reads better as text)
) | frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


class _CommonPairs(Filter):
    """Turns a word stream into the adjacent pairs of two common words ("of the")."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        previous: str | None = None
        for token in tokens:
            word = token.text
            if previous in COMMON_WORDS and word in COMMON_WORDS:
                token.text = f"{previous} {word}"
                yield token
            previous = word


_EXACT_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
_TEXT_ANALYZER = _EXACT_ANALYZER | StopFilter() | StemFilter(stem)
_PAIRS_ANALYZER = _EXACT_ANALYZER | _CommonPairs()

#: The `commons` column's code of each common word (0: any other word). Changing
#: COMMON_WORDS changes the codes: bump SCHEMA_VERSION.
COMMON_CODES = {word: code for code, word in enumerate(sorted(COMMON_WORDS), 1)}
assert len(COMMON_CODES) < 256, "one byte per word"
_TOKEN_PATTERN = RegexTokenizer().expression
#: The same words as _TOKEN_PATTERN, without its capturing group (so findall gives words).
_WORD_PATTERN = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")


def common_codes(text: str) -> bytes:
    """The `commons` column value of a turn: per word position, its common-word code or 0.

    The `exact` analyzer's words without its token objects (a test checks they agree): the
    build is Whoosh's slow part and this runs on every turn. ASCII text is lower-cased at
    once (accent folding leaves lower-case ASCII alone); other text word by word, as the
    analyzer does, since lower-casing can change a word's length ("İ").
    """
    get = COMMON_CODES.get
    if text.isascii():
        return bytes([get(w, 0) for w in _WORD_PATTERN.findall(text.lower())])
    return bytes(
        [get(m.group(0).lower().translate(accent_map), 0) for m in _TOKEN_PATTERN.finditer(text)]
    )


def _schema() -> Schema:
    """What is indexed per turn (see the module docstring)."""
    return Schema(
        tid=ID(stored=True),
        version=ID(stored=True),  # "<transcript id>:<index_version>"
        turn=STORED,
        path=STORED,
        title=STORED,
        speaker_name=STORED,
        body=STORED,
        speaker=TEXT(analyzer=_EXACT_ANALYZER, phrase=True),
        role=ID(stored=True),
        section=TEXT(analyzer=_TEXT_ANALYZER, phrase=False),
        exact=TEXT(analyzer=_EXACT_ANALYZER, phrase=True),
        pairs=TEXT(analyzer=_PAIRS_ANALYZER, phrase=False),
        commons=COLUMN(VarBytesColumn()),
    )


def _parse_schema() -> Schema:
    """What the query parser sees: a stemmed `text` field for plain words (rewritten to
    `exact` variants at search time) and the fields users may name."""
    return Schema(
        text=TEXT(analyzer=_TEXT_ANALYZER, phrase=False),
        exact=TEXT(analyzer=_EXACT_ANALYZER, phrase=True),
        speaker=TEXT(analyzer=_EXACT_ANALYZER, phrase=True),
        role=ID,
        section=TEXT(analyzer=_TEXT_ANALYZER, phrase=False),
    )


# -- query parsing ------------------------------------------------------------------------


class _ExactPhrasePlugin(PhrasePlugin):
    """Phrases in quotes search the unstemmed field: "aggression against Ukraine" is exact."""

    class _Node(PhrasePlugin.PhraseNode):
        def query(self, parser: QueryParser) -> wq.Query:
            fieldname: str | None = self.fieldname
            if fieldname in (None, "text"):
                self.set_fieldname(EXACT_FIELD, override=True)
            return super().query(parser)

    class _Tagger(PhrasePlugin.PhraseTagger):
        def create(self, parser: QueryParser, match: Any) -> Any:
            node = super().create(parser, match)
            return _ExactPhrasePlugin._Node(node.text, node.textstartchar, node.slop)

    def taggers(self, parser: QueryParser) -> list[tuple[Any, int]]:
        return [(self._Tagger(self.expr), 0)]


@lru_cache(maxsize=1)
def _parser() -> QueryParser:
    parser = QueryParser("text", _parse_schema())
    parser.remove_plugin_class(PhrasePlugin)
    parser.add_plugin(_ExactPhrasePlugin())
    parser.add_plugin(FuzzyTermPlugin())
    return parser


def parse_query(text: str) -> wq.Query:
    """Check, normalise and parse a user query. Raises QuerySyntaxError."""
    normalized = normalize(text)
    try:
        parsed = _parser().parse(normalized)
    except Exception as exc:  # Whoosh raises assorted types for odd input
        raise QuerySyntaxError(text, f"cannot read this query ({exc.__class__.__name__})") from None
    return parsed.accept(_rewrite)


def _rewrite(q: wq.Query) -> wq.Query:
    """Speaker words match any name part by prefix; fuzzy words keep a first letter fixed."""
    if isinstance(q, wq.Term) and q.fieldname == "speaker":
        return wq.Prefix("speaker", q.text, boost=q.boost)
    if isinstance(q, wq.FuzzyTerm) and q.prefixlength < FUZZY_PREFIX:
        return wq.FuzzyTerm(
            q.fieldname, q.text, boost=q.boost, maxdist=q.maxdist, prefixlength=FUZZY_PREFIX
        )
    return q


def _expand(q: wq.Query, reader: Any) -> wq.Query:
    """Rewrite a parsed query against the index: stems become their indexed words, phrases
    also require their common-word pairs."""
    if isinstance(q, wq.Term) and q.fieldname == "text":
        words = stem_variants(reader, q.text)
        if not words:
            return wq.NullQuery
        if len(words) == 1:
            return wq.Term(EXACT_FIELD, words[0], boost=q.boost)
        if len(words) > _FLAT_ABOVE:
            return _Flat(EXACT_FIELD, words, boost=q.boost)
        return wq.Or([wq.Term(EXACT_FIELD, w) for w in words], boost=q.boost)
    if isinstance(q, wq.Prefix) and q.fieldname == EXACT_FIELD:
        words = [_text(b) for b in reader.expand_prefix(EXACT_FIELD, q.text)]
        if len(words) > _FLAT_ABOVE:
            return _Flat(EXACT_FIELD, words, boost=q.boost, prefix=q.text)
    if isinstance(q, wq.Phrase) and q.fieldname == EXACT_FIELD and q.slop == 1:
        words = list(q.words)
        pairs = [
            _PairTerm("pairs", f"{a} {b}")
            for a, b in itertools.pairwise(words)
            if a in COMMON_WORDS and b in COMMON_WORDS
        ]
        if len(words) == 2 and pairs:
            return pairs[0]  # the pair itself: exact, and one posting list instead of two
        return _AdjacentWords(q.fieldname, words, [p.text for p in pairs], boost=q.boost)
    return q


#: A word query that expands to more indexed words than this is answered by `_Flat`.
_FLAT_ABOVE = 8


def _text(btext: bytes | str) -> str:
    return btext.decode("utf-8") if isinstance(btext, bytes) else btext


class _Flat(wq.Query):
    """Many words (a prefix's expansions) matched as one sorted list of turns.

    Whoosh ORs them in a tree of union matchers, and moving through a tree of hundreds of
    words costs more than the postings themselves ("ness*": 0.5 s). Here each word's postings
    are read once and their scores summed per turn.
    """

    def __init__(
        self, fieldname: str, words: list[str], boost: float = 1.0, prefix: str | None = None
    ) -> None:
        self.fieldname = fieldname
        self.words = words
        self.boost = boost
        self.prefix = prefix

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Flat)
            and (other.fieldname, other.words, other.boost) == (
                self.fieldname, self.words, self.boost)
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, tuple(self.words), self.boost))

    def __repr__(self) -> str:
        return f"_Flat({self.fieldname!r}, {len(self.words)} words)"

    def estimate_size(self, ixreader: Any) -> int:
        return sum(
            ixreader.doc_frequency(self.fieldname, w)
            for w in self.words
            if (self.fieldname, w) in ixreader
        )

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        scores: dict[int, float] = {}
        reader = searcher.reader()
        for word in self.words:
            if (self.fieldname, word) not in reader:
                continue
            m = wq.Term(self.fieldname, word).matcher(searcher, context)
            while m.is_active():
                docnum = m.id()
                scores[docnum] = scores.get(docnum, 0.0) + m.score()
                m.next()
        if not scores:
            return NullMatcher()
        ids = sorted(scores)
        return ListMatcher(ids, weights=[scores[i] * self.boost for i in ids])


class _AdjacentWords(wq.Phrase):
    """A phrase (words next to each other, in order) checked with plain position sets.

    Whoosh's own phrase matcher builds span objects for every position of every word in
    every candidate turn; for "the dire" over 10M words that is ~0.5 s, most of it in span
    bookkeeping. With a word that is not common, `_RareFirstMatcher` reads the postings of
    the rarer words only and checks the common ones in the `commons` column; a phrase of
    common words only intersects the words' (and its common-word pairs') postings and then
    compares position sets: same answers, a fraction of the work.
    """

    def __init__(
        self, fieldname: str, words: list[str], pairs: list[str], boost: float = 1.0
    ) -> None:
        super().__init__(fieldname, words, slop=1, boost=boost)
        self.pairs = pairs

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        for word in self.words:
            if (self.fieldname, word) not in reader:
                return NullMatcher()
        for pair in self.pairs:
            if ("pairs", pair) not in reader:
                return NullMatcher()
        rare = [k for k, w in enumerate(self.words) if w not in COMMON_WORDS]
        if rare and self.fieldname == EXACT_FIELD and reader.has_column(_COMMONS):
            # Never touch the common words' postings (see the module docstring).
            leaves = [wq.Term(self.fieldname, self.words[k]).matcher(searcher, context)
                      for k in rare]
            checks = [(k, COMMON_CODES[w]) for k, w in enumerate(self.words) if k not in rare]
            column = reader.column_reader(_COMMONS, translate=False)
            child = leaves[0]
            for other in leaves[1:]:
                child = IntersectionMatcher(child, other)
            return _RareFirstMatcher(child, leaves, rare, checks, column, self.boost)
        words = [wq.Term(self.fieldname, w).matcher(searcher, context) for w in self.words]
        extra = [wq.Term("pairs", p).matcher(searcher, context) for p in self.pairs]
        both = [*words, *extra]
        child = both[0]
        for other in both[1:]:
            child = IntersectionMatcher(child, other)
        return _AdjacentMatcher(child, words, self.boost)


class _FilteredMatcher(WrappingMatcher):
    """A child matcher narrowed to the turns `_accept` passes. Whoosh's WrappingMatcher
    forwards moves straight to the child, so each move must re-run the filter; block
    quality is off because the child's bounds don't hold for the filtered turns.
    Subclasses call `_find_next()` at the end of `__init__`."""

    def _accept(self) -> bool:
        """Whether the child's current turn is kept."""
        raise NotImplementedError

    def _find_next(self) -> None:
        while self.child.is_active() and not self._accept():
            self.child.next()

    def next(self) -> None:
        self.child.next()
        self._find_next()

    def skip_to(self, id: int) -> None:
        self.child.skip_to(id)
        self._find_next()

    def all_ids(self) -> Iterator[int]:
        while self.is_active():
            yield self.id()
            self.next()

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    def supports_block_quality(self) -> bool:
        return False


class _AdjacentMatcher(_FilteredMatcher):
    """Moves through the intersection to the turns where the words are adjacent, in order."""

    def __init__(self, child: Any, words: list[Any], boost: float = 1.0) -> None:
        super().__init__(child, boost)
        self._words = words
        self._find_next()

    def _accept(self) -> bool:
        """The words are adjacent, in order."""
        starts = set(self._words[0].value_as("positions"))
        for k, matcher in enumerate(self._words[1:], 1):
            starts &= {p - k for p in matcher.value_as("positions")}
            if not starts:
                return False
        return True

    def copy(self) -> _AdjacentMatcher:
        child = self.child.copy()
        return _AdjacentMatcher(child, _leaves(child)[: len(self._words)], self.boost)


_COMMONS = "commons"


def _positions(leaf: Any) -> list[int]:
    """A term matcher's positions in the current turn: `Positions.decode_positions` without
    its per-call lookups (this runs for every turn of a frequent word)."""
    if type(leaf.format) is not Positions:
        return list(leaf.value_as("positions"))
    value = leaf.value()
    if not value.endswith(b"."):
        value += b"."
    return list(itertools.accumulate(pickle.loads(value[4:])))


class _PairTerm(wq.Term):
    """A pair of common words ("of the"), scored by how often the turn says it: BM25 would
    read a field length for each of tens of thousands of hits."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if (self.fieldname, self.text) not in searcher.reader():
            return NullMatcher()
        return _FrequencyMatcher(super().matcher(searcher, context), self.boost)


class _FrequencyMatcher(WrappingMatcher):
    """Scores a term's turns by the term's frequency in them."""

    def score(self) -> float:
        return float(self.child.weight()) * float(self.boost)

    def supports_block_quality(self) -> bool:
        return False

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    def copy(self) -> _FrequencyMatcher:
        return _FrequencyMatcher(self.child.copy(), self.boost)


class _RareFirstMatcher(_FilteredMatcher):
    """Moves through the turns that have the phrase's rarer words to those where the words
    are adjacent, in order: rarer words by their positions, common ones by the `commons`
    column (their code at the expected position)."""

    def __init__(
        self,
        child: Any,
        leaves: list[Any],
        offsets: list[int],
        checks: list[tuple[int, int]],
        column: Any,
        boost: float = 1.0,
    ) -> None:
        super().__init__(child, boost)
        self._leaves = leaves
        self._offsets = offsets
        self._checks = checks
        self._column = column
        self._count = 0
        self._find_next()

    def _occurrences(self) -> int:
        """How often the phrase occurs in the current turn (0: not at all)."""
        k, leaf = self._offsets[0], self._leaves[0]
        starts = [p - k for p in _positions(leaf)]
        for k, leaf in zip(self._offsets[1:], self._leaves[1:], strict=True):
            found = {p - k for p in _positions(leaf)}
            starts = [start for start in starts if start in found]
            if not starts:
                return 0
        if not self._checks:
            return len(starts)
        codes = self._column[self.child.id()]
        size = len(codes)
        count = 0
        for start in starts:
            for k, code in self._checks:
                at = start + k
                if at < 0 or at >= size or codes[at] != code:
                    break
            else:
                count += 1
        return count

    def _accept(self) -> bool:
        """The phrase occurs in the turn (its count kept for `score`)."""
        self._count = self._occurrences()
        return self._count > 0

    def score(self) -> float:
        # How often the turn says the phrase: cheaper than BM25 (no field lengths to read
        # for every one of thousands of hits) and what a phrase's ranking should reward.
        return float(self._count) * float(self.boost)

    def copy(self) -> _RareFirstMatcher:
        child = self.child.copy()
        return _RareFirstMatcher(child, _leaves(child), self._offsets, self._checks,
                                 self._column, self.boost)


def _leaves(matcher: Any) -> list[Any]:
    """The term matchers of an intersection tree, left to right (the order it was built in)."""
    if isinstance(matcher, IntersectionMatcher):
        return _leaves(matcher.a) + _leaves(matcher.b)
    return [matcher]


def _run(searcher: Searcher, q: wq.Query, limit: int | None, scope: wq.Query | None) -> Any:
    """Searcher.search, with Whoosh's skipping turned off where it costs instead of saves."""
    skips = _skips_well(q)
    collector: Any = (
        UnlimitedCollector() if limit is None else TopCollector(limit, usequality=skips)
    )
    if not skips:
        collector.replace = 0  # no matcher "replacement" (bound recomputation) every 10 hits
    if scope is not None:
        collector = FilterCollector(collector, allow=scope)
    searcher.search_with_collector(q, collector)
    return collector.results()


def _skips_well(q: wq.Query) -> bool:
    """Whether Whoosh's block-skipping pays off: for plain terms and small ORs, yes. For
    phrases, prefixes and fuzzy words it re-runs the whole query to count the hits, and on a
    union of many words it recomputes bounds per turn ("ness*" took 6 s instead of 0.1 s)."""
    if isinstance(q, wq.Phrase | wq.Prefix | wq.FuzzyTerm | wq.Wildcard | _Flat):
        return False
    if isinstance(q, wq.Or) and len(q.subqueries) > 4:
        return False
    return all(_skips_well(child) for child in q.children())


def stem_variants(reader: Any, stem_text: str) -> list[str]:
    """Indexed words whose Porter stem is `stem_text`. A Porter stem is a prefix of its words
    except for a final "i" that stood for "y" (happi <- happy, happiness)."""
    prefix = stem_text[:-1] if stem_text.endswith("i") and len(stem_text) > 1 else stem_text
    found = []
    for btext in reader.expand_prefix(EXACT_FIELD, prefix):
        word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
        if _stem(word) == stem_text:
            found.append(word)
    return found


# -- highlighting -------------------------------------------------------------------------


@dataclass(slots=True)
class _Marks:
    """What to mark in a hit's text, gathered from the positive parts of the query."""

    words: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def of(cls, q: wq.Query, searcher: Searcher) -> _Marks:
        marks = cls()
        marks._collect(q, searcher)
        return marks

    def _collect(self, q: wq.Query, searcher: Searcher) -> None:
        if isinstance(q, wq.Not):
            return
        if isinstance(q, wq.AndNot):
            self._collect(q.a, searcher)
            return
        name = getattr(q, "fieldname", None)
        if isinstance(q, wq.Phrase) and name == EXACT_FIELD:
            self.phrases.append(tuple(q.words))
        elif isinstance(q, _Flat):
            if q.prefix is not None:
                self.prefixes.add(q.prefix)
            else:
                self.words.update(q.words)
        elif isinstance(q, wq.Term) and name == "pairs":
            self.phrases.append(tuple(q.text.split(" ")))
        elif isinstance(q, wq.Term) and name == EXACT_FIELD:
            self.words.add(q.text)
        elif isinstance(q, wq.Prefix) and name == EXACT_FIELD:
            self.prefixes.add(q.text)
        elif isinstance(q, wq.FuzzyTerm | wq.Wildcard) and name == EXACT_FIELD:
            # Expand per segment: a segment reader walks its word graph; the multi-segment
            # reader would compare every word of the lexicon.
            for leaf, _offset in searcher.leaf_searchers():
                for _f, btext in q.existing_terms(leaf.reader(), expand=True):
                    self.words.add(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
        for child in q.children():
            self._collect(child, searcher)

    def spans(
        self, text: str, tokens: list[tuple[str, int, int]] | None = None
    ) -> list[tuple[int, int]]:
        """Character spans of the marked words and phrases in `text`, sorted, merged."""
        if tokens is None:
            tokens = _tokens(text)
        spans: list[tuple[int, int]] = []
        for word, start, end in tokens:
            if word in self.words or any(word.startswith(p) for p in self.prefixes):
                spans.append((start, end))
        for phrase in self.phrases:
            n = len(phrase)
            if not n:
                continue
            for i in range(len(tokens) - n + 1):
                if all(tokens[i + k][0] == phrase[k] for k in range(n)):
                    spans.append((tokens[i][1], tokens[i + n - 1][2]))
        return merge_spans(spans)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(t.text, t.startchar, t.endchar) for t in _EXACT_ANALYZER(text, chars=True)]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return stem(word)  # type: ignore[no-any-return]


# -- the engine ---------------------------------------------------------------------------


def _role(transcript: Transcript, turn_index: int) -> TurnRole:
    return TurnRole.QUESTION if transcript.is_question(turn_index) else TurnRole.ANSWER


def _documents(transcript_id: int, transcript: Transcript) -> Iterator[dict[str, Any]]:
    version = f"{transcript_id}:{index_version(transcript)}"
    tid = str(transcript_id)
    for i, turn in enumerate(transcript.turns):
        speaker = transcript.speaker(turn.speaker)
        section = transcript.section_of(i)
        names = " ".join((speaker.name, *speaker.aliases)) if speaker else ""
        yield {
            "tid": tid,
            "version": version,
            "turn": i,
            "path": transcript.source.path,
            "title": transcript.title,
            "speaker_name": speaker.name if speaker else None,
            "speaker": names,
            "role": str(_role(transcript, i)),
            "section": section.title if section else "",
            "body": turn.text,
            "exact": turn.text,
            "pairs": turn.text,
            "commons": common_codes(turn.text),
        }


#: What reading a damaged index raises (Whoosh does not wrap its low-level errors).
_DAMAGE = (
    OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError, ValueError,
    IndexError, KeyError,
)


class WhooshEngine:
    """A Whoosh index of turns (see the module docstring). Satisfies `SearchEngine`.

    One searcher is kept open and replaced after each commit. A writer lock serialises
    writes in this process; the instance lock (held for the engine's lifetime, released by
    the OS if the process dies, so it is never stale) keeps other processes read-only.
    """

    def __init__(
        self,
        storage: Any,
        ix: Any,
        *,
        read_only: bool = False,
        instance_lock: Any = None,
        directory: Path | None = None,
        source: TranscriptSource | None = None,
        procs: int = 1,
    ) -> None:
        self.read_only = read_only
        self.directory = directory
        self._storage = storage
        self._ix = ix
        self._instance_lock = instance_lock
        self._source = source
        self._procs = procs
        #: Megabytes of postings the writer buffers before spilling a sorted run to disk:
        #: more is faster (fewer runs to merge) and costs memory (128: ~200 MB peak).
        self.limitmb = WRITER_LIMIT_MB
        self._write_lock = threading.Lock()
        self._search_lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._recovered = False

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def in_memory(cls) -> WhooshEngine:
        """A fresh index in RAM (tests, and search inside one open transcript)."""
        storage = RamStorage()
        return cls(storage, storage.create_index(_schema()))

    @classmethod
    def open(
        cls,
        directory: str | Path,
        *,
        source: TranscriptSource | None = None,
        procs: int = 1,
    ) -> tuple[WhooshEngine, str | None]:
        """Open (or create) the index in `directory`. Returns (engine, reason) where reason
        is None, or "missing" / "damaged" / "outdated" when a new empty index was created
        (fill it from `source` with `rebuild()`, or let `open_library_index` do it)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        storage = FileStorage(str(directory))
        lock = storage.lock(_INSTANCE_LOCK)
        owner = bool(lock.acquire(blocking=False))
        reason = _health(storage, directory)
        if not owner:
            if reason is not None:
                raise IndexUnavailableError(directory, reason)
            ix = storage.open_index()
            return cls(storage, ix, read_only=True, directory=directory, source=source), None
        if reason is not None:
            _wipe(directory)
            ix = storage.create_index(_schema())
            (directory / _VERSION_FILE).write_text(SCHEMA_VERSION, encoding="utf-8")
        else:
            ix = storage.open_index()
        engine = cls(
            storage, ix, instance_lock=lock, directory=directory, source=source, procs=procs
        )
        return engine, reason

    # -- SearchEngine ----------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        transcript_ids: Iterable[int] | None = None,
        limit: int | None = 20,
    ) -> SearchResult:
        q = parse_query(query)
        ids = None if transcript_ids is None else sorted(set(transcript_ids))
        if ids is not None and not ids:
            return SearchResult(query, 0, ())
        try:
            return self._search(query, q, ids, limit)
        except _DAMAGE:
            # A damaged segment shows itself only when read: rebuild from the source, once
            # per engine (a second failure is not damage, and must not rebuild in a loop).
            if self.read_only or self._source is None or self._recovered:
                raise
            self._recovered = True
            self.rebuild()
            result = self._search(query, q, ids, limit)
            return SearchResult(result.query, result.total, result.hits, recovered=True)

    def _search(
        self, query: str, q: wq.Query, ids: list[int] | None, limit: int | None
    ) -> SearchResult:
        scope = None
        if ids is not None:
            scope = wq.Or([wq.Term("tid", str(i)) for i in ids])
        with self._search_lock:
            searcher = self._current_searcher()
            q = q.accept(lambda node: _expand(node, searcher.reader()))
            results = _run(searcher, q, limit, scope)
            total = len(results)
            marks = _Marks.of(q, searcher)
            hits = []
            for hit in results:
                stored = hit.fields()
                text = stored.get("body", "")
                spans = marks.spans(text)
                excerpt, inside = snippet(text, spans)
                hits.append(
                    Hit(
                        transcript_id=int(stored["tid"]) if stored["tid"].isdigit() else None,
                        path=stored["path"],
                        title=stored["title"],
                        turn=stored["turn"],
                        speaker=stored.get("speaker_name"),
                        role=TurnRole(stored["role"]),
                        score=float(hit.score or 0.0),
                        snippet=excerpt,
                        snippet_matches=inside,
                        matches=tuple(spans),
                    )
                )
        return SearchResult(query, total, tuple(hits))

    def update(self, transcript_id: int, transcript: Transcript) -> None:
        self._write([(transcript_id, transcript)], optimize=False)

    def update_many(
        self,
        items: Iterable[tuple[int, Transcript]],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        return self._write(items, optimize=True, progress=progress, cancelled=cancelled)

    def remove(self, transcript_id: int) -> None:
        self._check_writable()
        with self._write_lock:
            writer = self._ix.writer()
            writer.delete_by_term("tid", str(transcript_id))
            writer.commit()
        self._refresh()

    def indexed(self) -> dict[int, str]:
        with self._search_lock:
            reader = self._current_searcher().reader()
            deletions = reader.has_deletions()
            found: dict[int, str] = {}
            for btext in reader.lexicon("version"):
                value = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                if deletions and not _has_live_doc(reader, "version", value):
                    continue  # the lexicon keeps terms of deleted turns until a merge
                tid, _, version = value.partition(":")
                if tid.isdigit():
                    found[int(tid)] = version
            return found

    def doc_count(self) -> int:
        with self._search_lock:
            return int(self._current_searcher().doc_count())

    def segment_count(self) -> int:
        """Number of index segments (1 after a bulk update; fuzzy queries want 1)."""
        return len(self._ix._segments())

    def close(self) -> None:
        with self._search_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
        if self._instance_lock is not None:
            with contextlib.suppress(Exception):
                self._instance_lock.release()
            self._instance_lock = None
        with contextlib.suppress(Exception):
            self._ix.close()

    # -- maintenance -----------------------------------------------------------------------

    def rebuild(
        self, *, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> int:
        """Empty the index and fill it again from the source (the library)."""
        self._check_writable()
        with self._search_lock:
            if self._searcher is not None:
                with contextlib.suppress(Exception):
                    self._searcher.close()
                self._searcher = None
        with self._write_lock:
            if self.directory is not None:
                with contextlib.suppress(Exception):
                    self._ix.close()
                _wipe(self.directory)
                self._ix = self._storage.create_index(_schema())
                (self.directory / _VERSION_FILE).write_text(SCHEMA_VERSION, encoding="utf-8")
            else:
                self._ix = self._storage.create_index(_schema())
        if self._source is None:
            return 0
        return self.update_many(self._source(), progress=progress, cancelled=cancelled)

    def optimize(self) -> None:
        """Merge every segment into one (bulk updates do this themselves)."""
        self._check_writable()
        with self._write_lock:
            self._ix.optimize()
        self._refresh()

    # -- internals -------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise IndexReadOnlyError(self.directory or "memory")

    def _write(
        self,
        items: Iterable[tuple[int, Transcript]],
        *,
        optimize: bool,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        self._check_writable()
        # Streamed, not listed: a library rebuild must not hold 2,000 transcripts at once.
        total = len(items) if isinstance(items, Sized) else 0
        known = set(self.indexed())
        count = 0
        with self._write_lock:
            writer: IndexWriter = self._writer(total)
            try:
                for done, (transcript_id, transcript) in enumerate(items):
                    if cancelled is not None and cancelled():
                        break
                    if progress is not None:
                        progress(done, total, transcript.title)
                    if transcript_id in known:
                        writer.delete_by_term("tid", str(transcript_id))
                    for doc in _documents(transcript_id, transcript):
                        writer.add_document(**doc)
                    count += 1
            except BaseException:
                writer.cancel()
                raise
            if progress is not None:
                progress(count, total or count, "")
            writer.commit(optimize=optimize and count > 0)
        self._refresh()
        return count

    def _writer(self, size: int) -> IndexWriter:
        if self._procs > 1 and size > 50:  # worth the processes only for a real batch
            return self._ix.writer(procs=self._procs, limitmb=self.limitmb, multisegment=False)
        return self._ix.writer(limitmb=self.limitmb)

    def _current_searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        return self._searcher

    def _refresh(self) -> None:
        """Drop the kept searcher after a commit; the next search opens one on the new state.

        Not `Searcher.refresh()`: it reuses segment readers whose deletions changed (an
        update would still show the old turns), and fails on a searcher of an empty index.
        """
        with self._search_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None


def _has_live_doc(reader: Any, fieldname: str, value: str) -> bool:
    return any(
        not reader.is_deleted(docnum)
        for docnum in reader.postings(fieldname, value).all_ids()
    )


def _health(storage: Any, directory: Path) -> str | None:
    """None when the index opens and reads; else why it must be rebuilt."""
    try:
        if not whoosh_index.exists_in(str(directory)):
            return "missing"
    except Exception:  # exists_in reads the table of contents, which may be truncated
        return "damaged"
    version_file = directory / _VERSION_FILE
    try:
        if version_file.read_text(encoding="utf-8").strip() != SCHEMA_VERSION:
            return "outdated"
    except OSError:
        return "outdated"
    try:
        ix = storage.open_index()
        if sorted(ix.schema.names()) != sorted(_schema().names()):
            ix.close()
            return "outdated"
        with ix.searcher() as searcher:
            reader = searcher.reader()
            for _ in reader.lexicon("version"):
                pass
            last = reader.doc_count_all() - 1
            if last >= 0:
                reader.stored_fields(last)
                searcher.search(wq.Term(EXACT_FIELD, "the"), limit=1)
        ix.close()
    except Exception:  # Whoosh reports damage as any of a dozen exception types
        return "damaged"
    return None


def _wipe(directory: Path) -> None:
    """Delete the index files (not the lock files, which are held open)."""
    for file in directory.iterdir():
        if file.is_file() and not file.name.endswith(".lock"):
            with contextlib.suppress(OSError):
                file.unlink()


# -- the library's index and one-transcript search ----------------------------------------


def default_directory() -> Path:
    return paths.user_data_dir() / INDEX_DIR_NAME


def open_library_index(
    library: Catalogue,
    directory: str | Path | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    procs: int = 1,
) -> OpenedIndex:
    """See `desktop.core.search.open_index`."""
    engine, reason = WhooshEngine.open(
        directory if directory is not None else default_directory(),
        source=library.iter_transcripts,
        procs=procs,
    )
    synced = 0
    if not engine.read_only:
        synced = sync(engine, library, progress=progress, cancelled=cancelled)
    return OpenedIndex(engine, engine.read_only, reason is not None, reason, synced)


def sync(
    engine: WhooshEngine,
    library: Catalogue,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Bring the index in line with the library; returns how many transcripts were indexed."""
    indexed = engine.indexed()
    wanted = library.index_versions()
    for transcript_id in set(indexed) - set(wanted):
        engine.remove(transcript_id)
    stale = [i for i, version in wanted.items() if indexed.get(i) != version]
    if not stale:
        return 0

    return engine.update_many(_Loaded(library, stale), progress=progress, cancelled=cancelled)


class _Loaded:
    """Library transcripts loaded one at a time as the writer asks (sized, for progress)."""

    def __init__(self, library: Catalogue, ids: list[int]) -> None:
        self._library = library
        self._ids = ids

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[tuple[int, Transcript]]:
        for transcript_id in self._ids:
            with contextlib.suppress(VerbatimError):
                yield transcript_id, self._library.transcript(transcript_id)


class _Unsupported(Exception):
    """A query node the one-transcript matcher does not evaluate (the Whoosh path does)."""


class TranscriptMatcher:
    """Answers queries over one transcript in plain Python, with the index's analyzers.

    Why not a small in-memory Whoosh index: building one costs ~0.2 s for a 5,000-word
    interview (seconds for a hearing), while tokenizing the turns once costs a few ms, and a
    query is then a few set operations (well under the 5 ms budget). The semantics are the
    engine's (tests compare the two on random queries); nodes it does not know fall back to
    an in-memory Whoosh index.
    """

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.tokens = [_tokens(turn.text) for turn in transcript.turns]
        self.words = [frozenset(w for w, _, _ in toks) for toks in self.tokens]
        self.vocab = frozenset().union(*self.words) if self.words else frozenset()
        self.roles = [str(_role(transcript, i)) for i in range(len(transcript.turns))]
        self.speaker_tokens: list[list[str]] = []
        self.sections: list[frozenset[str]] = []
        for i, turn in enumerate(transcript.turns):
            speaker = transcript.speaker(turn.speaker)
            names = " ".join((speaker.name, *speaker.aliases)) if speaker else ""
            self.speaker_tokens.append([w for w, _, _ in _tokens(names)])
            section = transcript.section_of(i)
            title = section.title if section else ""
            self.sections.append(frozenset(t.text for t in _TEXT_ANALYZER(title)))
        self.all = frozenset(range(len(transcript.turns)))
        self._stems: dict[str, list[str]] | None = None

    def search(self, query: str, *, limit: int | None = None) -> SearchResult:
        q = parse_query(query)
        marks = _Marks()
        turns = sorted(self._eval(q, marks, positive=True))
        hits = []
        for i in turns[:limit] if limit is not None else turns:
            text = self.transcript.turns[i].text
            spans = marks.spans(text, self.tokens[i])
            excerpt, inside = snippet(text, spans)
            speaker = self.transcript.speaker_of(i)
            hits.append(Hit(None, self.transcript.source.path, self.transcript.title, i,
                            speaker.name if speaker else None, TurnRole(self.roles[i]),
                            float(len(spans)), excerpt, inside, tuple(spans)))
        return SearchResult(query, len(turns), tuple(hits))

    def _eval(self, q: wq.Query, marks: _Marks, *, positive: bool) -> frozenset[int]:
        if isinstance(q, wq.And):
            result = self.all
            for child in q.children():
                result &= self._eval(child, marks, positive=positive)
            return result
        if isinstance(q, wq.Or):
            found: frozenset[int] = frozenset()
            for child in q.children():
                found |= self._eval(child, marks, positive=positive)
            return found
        if isinstance(q, wq.Not):
            return self.all - self._eval(q.query, marks, positive=False)
        if isinstance(q, wq.AndNot):
            return self._eval(q.a, marks, positive=positive) - self._eval(
                q.b, marks, positive=False
            )
        if isinstance(q, wq.AndMaybe):
            return self._eval(q.a, marks, positive=positive)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return frozenset()
        name = getattr(q, "fieldname", None)
        if name == "role" and isinstance(q, wq.Term):
            return frozenset(i for i in self.all if self.roles[i] == q.text)
        if name == "section" and isinstance(q, wq.Term):
            return frozenset(i for i in self.all if q.text in self.sections[i])
        if name == "speaker":
            return self._speaker(q)
        words = self._words(q)
        if words is not None:
            if positive:
                marks.words.update(words)
            return frozenset(i for i in self.all if self.words[i] & words)
        if isinstance(q, wq.Prefix) and name == EXACT_FIELD:
            if positive:
                marks.prefixes.add(q.text)
            return frozenset(
                i for i in self.all if any(w.startswith(q.text) for w in self.words[i])
            )
        if isinstance(q, wq.Phrase) and name == EXACT_FIELD:
            phrase = tuple(q.words)
            if positive:
                marks.phrases.append(phrase)
            if q.slop != 1:
                raise _Unsupported(q)
            return frozenset(
                i for i in self.all
                if set(phrase) <= self.words[i] and _contains(self.tokens[i], phrase)
            )
        raise _Unsupported(q)

    def _words(self, q: wq.Query) -> frozenset[str] | None:
        """The transcript's words a word-like node matches, or None for other nodes."""
        name = getattr(q, "fieldname", None)
        if isinstance(q, wq.FuzzyTerm) and name == EXACT_FIELD:
            head = q.text[: q.prefixlength]
            return frozenset(
                w for w in self.vocab
                if w.startswith(head) and abs(len(w) - len(q.text)) <= q.maxdist
                and levenshtein(w, q.text, q.maxdist) <= q.maxdist
            )
        if isinstance(q, wq.Term) and name == "text":
            return frozenset(self._stem_map().get(q.text, ()))
        if isinstance(q, wq.Term) and name == EXACT_FIELD:
            return frozenset((q.text,))
        return None

    def _speaker(self, q: wq.Query) -> frozenset[int]:
        if isinstance(q, wq.Prefix):
            return frozenset(
                i for i in self.all if any(w.startswith(q.text) for w in self.speaker_tokens[i])
            )
        if isinstance(q, wq.Term):
            return frozenset(i for i in self.all if q.text in self.speaker_tokens[i])
        if isinstance(q, wq.Phrase) and q.slop == 1:
            phrase = tuple(q.words)
            return frozenset(
                i for i in self.all
                if _contains([(w, 0, 0) for w in self.speaker_tokens[i]], phrase)
            )
        raise _Unsupported(q)

    def _stem_map(self) -> dict[str, list[str]]:
        if self._stems is None:
            stems: dict[str, list[str]] = {}
            for word in self.vocab:
                stems.setdefault(_stem(word), []).append(word)
            self._stems = stems
        return self._stems


def _contains(tokens: Sequence[tuple[str, int, int]], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(
        all(tokens[i + k][0] == phrase[k] for k in range(n)) for i in range(len(tokens) - n + 1)
    )


#: Matchers (and, for queries they cannot answer, in-memory indexes) of the last few
#: transcripts searched alone: LRU, keyed by content identity.
_MATCHERS: OrderedDict[str, TranscriptMatcher] = OrderedDict()
#: In-memory indexes of the last few transcripts searched alone (LRU, by content identity).
_MEMORY: OrderedDict[str, WhooshEngine] = OrderedDict()
_MEMORY_SIZE = 8
_MEMORY_LOCK = threading.Lock()


def engine_for(transcript: Transcript) -> WhooshEngine:
    """The cached in-memory index of one transcript (built on first use)."""
    key = _identity(transcript)
    with _MEMORY_LOCK:
        engine = _MEMORY.get(key)
        if engine is not None:
            _MEMORY.move_to_end(key)
            return engine
        engine = WhooshEngine.in_memory()
        engine.update(0, transcript)
        _MEMORY[key] = engine
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)[1].close()
        return engine


def matcher_for(transcript: Transcript) -> TranscriptMatcher:
    """The cached plain-Python matcher of one transcript (built on first use, a few ms)."""
    key = _identity(transcript)
    with _MEMORY_LOCK:
        matcher = _MATCHERS.get(key)
        if matcher is None:
            matcher = TranscriptMatcher(transcript)
            _MATCHERS[key] = matcher
            while len(_MATCHERS) > _MEMORY_SIZE:
                _MATCHERS.popitem(last=False)
        _MATCHERS.move_to_end(key)
        return matcher


def _identity(transcript: Transcript) -> str:
    return f"{transcript.source.path}\0{transcript.source.sha256}\0{index_version(transcript)}"


def search_transcript(
    transcript: Transcript, query: str, *, limit: int | None = None
) -> SearchResult:
    """See `desktop.core.search.search_transcript`. Hits have `transcript_id` None; they come
    back in turn order (reading order), which is what stepping through matches wants."""
    try:
        return matcher_for(transcript).search(query, limit=limit)
    except _Unsupported:
        pass
    result = engine_for(transcript).search(query, limit=None)
    hits = sorted(result.hits, key=lambda h: h.turn)
    hits = [
        Hit(None, h.path, h.title, h.turn, h.speaker, h.role, h.score, h.snippet,
            h.snippet_matches, h.matches)
        for h in hits
    ]
    if limit is not None:
        hits = hits[:limit]
    return SearchResult(result.query, result.total, tuple(hits))
