"""The Whoosh implementation of the search port: the only module that imports Whoosh.

One document per turn. Indexed fields:
- `exact`: the words, lower-cased and accent-folded, with how often the turn says each (no
  positions: phrases are found in `codes`). Every word query goes here: a plain word is
  stemmed at query time (Porter) and expanded to the indexed words with that stem
  ("sanction" -> sanction, sanctions, sanctioned), so one field serves stemmed words,
  "exact phrases", `prefix*` and `fuzzy~`. A second, stemmed field would double the postings
  Whoosh writes, and building the index is Whoosh's slow part (search-baseline.md).
- `codes` (a column, not indexed): four bytes per word of the turn, a hash of the word (as
  the `exact` analyzer gives it). A segment's column is one contiguous byte string, so a
  phrase is found with `bytes.find` of its words' codes over the whole segment: no Python
  per candidate turn, and the frequent words of a phrase ("russia the") cost nothing extra;
  when the phrase's rarest word is in few turns, only those turns' codes are searched.
  A hash is exact only when no other word of the segment shares it: that is checked against
  the segment's lexicon, and a phrase with such a word is checked against the stored text.
  A phrase with slop (`"a b"~3`) takes its word positions from the same codes.
- `speaker`: the speaker's name and every alias (prefix-matched: `speaker:kouts`).
- `role` (question/answer), `section`, and keys to find a transcript's turns again.
The turn's text is stored (`body`) for snippets.

Match offsets are computed here from the stored text with the same analyzers, not with
Whoosh's highlighter: it returns markup, and on a multi-segment index it expands fuzzy terms
by brute force over the whole lexicon (search-baseline.md: 700x slower).

Segments are written by `_TurnWriter`, not Whoosh's stock writer: each turn is tokenised once
(its words feed both `exact` and `codes`), and postings wait in memory as arrays
(`postings.Postings`) instead of pickled sorted runs; the files it writes are Whoosh's own.
Segments are read in place from their memory map (`_MappedFile`), not copied into memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import io
import math
import os
import pickle
import re
import shutil
import struct
import tempfile
import threading
import time
import weakref
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PostingsWriter
from whoosh.collectors import FilterCollector, TopCollector, UnlimitedCollector
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.formats import Existence, Frequency
from whoosh.lang.porter import stem
from whoosh.matching import FilterMatcher, ListMatcher, NullMatcher
from whoosh.qparser import FuzzyTermPlugin, PhrasePlugin, QueryParser
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map
from whoosh.support.levenshtein import levenshtein
from whoosh.system import pack_uint
from whoosh.util.filelock import FileLock
from whoosh.util.numeric import byte_to_length
from whoosh.writing import OPTIMIZE, SegmentWriter

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
from desktop.core.search.postings import Postings
from desktop.core.search.query import EXACT_FIELD, normalize
from desktop.core.search.snippets import merge_spans, snippet
from desktop.core.storage import (
    READ_ONLY_REASON,
    ReadOnlyLibraryError,
    StorageError,
    os_reason,
)

#: Bump when the schema or analyzers change: an older index is rebuilt ("outdated").
SCHEMA_VERSION = "10"
_VERSION_FILE = "verbatim-schema.txt"
INDEX_DIR_NAME = "index"
#: Shortest prefix a fuzzy word must share with its matches: cuts the words compared ~20x.
FUZZY_PREFIX = 1
WRITER_LIMIT_MB = 128
#: A search for the top hits counts phrase matches exactly up to this many turns, then
#: says "1,000+" (`SearchResult.more`): counting 50,000 turns that say "of the" costs more
#: than finding the best 20. A search for every hit (`limit=None`) counts them all.
TOTAL_CAP = 1000

_EXACT_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
_TEXT_ANALYZER = _EXACT_ANALYZER | StopFilter() | StemFilter(stem)

_TOKEN_PATTERN = RegexTokenizer().expression
#: The same words as _TOKEN_PATTERN, without its capturing group (so findall gives words).
_WORD_PATTERN = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
#: Bytes per word in the `codes` column: with 32 bits, two words of a 300,000-word
#: lexicon share a code with odds of about 1 in 14,000 per word (then phrases with it are
#: checked against the text).
CODE_SIZE = 4


@lru_cache(maxsize=1 << 18)
def word_code(word: str) -> bytes:
    """The `codes` column's code of one indexed word: a 32-bit BLAKE2b hash of its UTF-8
    (CRC-32, being linear, made 8 pairs of 40,000 short words collide, where a random hash
    gives 0.2)."""
    return hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=CODE_SIZE).digest()


def exact_words(text: str) -> list[str]:
    """The words the `exact` analyzer indexes for `text`, without its token objects (a
    property test checks they agree): the build is Whoosh's slow part and this runs on every
    turn. ASCII text is lower-cased at once (accent folding leaves lower-case ASCII alone);
    other text word by word, as the analyzer does, since lower-casing can change a word's
    length ("İ")."""
    if text.isascii():
        return _WORD_PATTERN.findall(text.lower())
    return [m.group(0).lower().translate(accent_map) for m in _TOKEN_PATTERN.finditer(text)]


def word_codes(text: str) -> bytes:
    """The `codes` column value of a turn: each word's code, in order."""
    return b"".join(map(word_code, exact_words(text)))


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
        exact=TEXT(analyzer=_EXACT_ANALYZER, phrase=False),  # phrases: `codes`
        codes=COLUMN(VarBytesColumn()),
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
    """Speaker words match any name part by prefix; fuzzy words keep a first letter fixed;
    a quoted section title is all of its words."""
    if isinstance(q, wq.Term) and q.fieldname == "speaker":
        return wq.Prefix("speaker", q.text, boost=q.boost)
    if isinstance(q, wq.Phrase) and q.fieldname == "section":
        # Section titles keep no word positions: a quoted title means all its words.
        return wq.And([wq.Term("section", w) for w in q.words], boost=q.boost) \
            if q.words else wq.NullQuery
    if isinstance(q, wq.FuzzyTerm) and q.prefixlength < FUZZY_PREFIX:
        return wq.FuzzyTerm(
            q.fieldname, q.text, boost=q.boost, maxdist=q.maxdist, prefixlength=FUZZY_PREFIX
        )
    return q


def _expand(q: wq.Query, reader: Any, budget: _Budget | None = None) -> wq.Query:
    """Rewrite a parsed query against the index: stems become their indexed words, phrases
    are found in the `codes` column (counting at most `budget.cap` turns)."""
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
        return _Flat(EXACT_FIELD, words, boost=q.boost, prefix=q.text)
    if isinstance(q, wq.FuzzyTerm) and q.fieldname == EXACT_FIELD and not isinstance(q, _Fuzzy):
        return _Fuzzy(q.fieldname, q.text, boost=q.boost, maxdist=q.maxdist,
                      prefixlength=q.prefixlength)
    if isinstance(q, wq.Phrase) and q.fieldname == EXACT_FIELD and not isinstance(
            q, _CodedPhrase | _SlopPhrase):
        if not q.words:
            return wq.NullQuery
        if len(q.words) == 1:  # (with any slop, as Whoosh's span query)
            return wq.Term(EXACT_FIELD, q.words[0], boost=q.boost)
        if q.slop != 1:  # "a b"~3: near each other, in order
            return _SlopPhrase(q.fieldname, list(q.words), slop=q.slop, boost=q.boost)
        return _CodedPhrase(q.fieldname, list(q.words), boost=q.boost, budget=budget)
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
        return _flat_matcher(searcher.reader(), self.fieldname, self.words, self.boost)


def _flat_matcher(reader: Any, fieldname: str, words: Iterable[str], boost: float) -> Any:
    """The turns saying any of `words`, each scored by the sum over its words of how often
    it says the word times the word's inverse document frequency. Postings are read a block
    at a time (`_postings`); BM25 would read every hit's field length (~1 us each, and a
    prefix or fuzzy word can match tens of thousands of turns)."""
    scores: dict[int, float] = {}
    total = max(1, reader.doc_count_all())
    for word in words:
        if (fieldname, word) not in reader:
            continue
        idf = 1.0 + math.log(total / (1 + reader.doc_frequency(fieldname, word)))
        ids, weights = _postings(reader, fieldname, word)
        get = scores.get
        for docnum, weight in zip(ids, weights, strict=True):
            scores[docnum] = get(docnum, 0.0) + weight * idf
    if not scores:
        return NullMatcher()
    ids = sorted(scores)
    return ListMatcher(ids, weights=[scores[i] * boost for i in ids])


def _postings(reader: Any, fieldname: str, word: str) -> tuple[list[int], list[float]]:
    """A word's turns and frequencies in one segment, live turns only, read block by block
    (Whoosh's matcher API moves one posting at a time, ~1 us each)."""
    deleted: Any = None
    if reader.has_deletions():  # (Whoosh then wraps the postings in a FilterMatcher)
        deleted = reader.deleted_docs_set if hasattr(reader, "deleted_docs_set") else None
        if deleted is None:
            deleted = {d for d in range(reader.doc_count_all()) if reader.is_deleted(d)}
    ids, weights, _ = _raw_postings(reader, fieldname, word, values=False)
    if deleted and len(deleted) * 8 < len(ids):
        # A few deleted turns (a re-indexed file): find them in the sorted ids.
        drop = []
        for docnum in deleted:
            at = bisect_left(ids, docnum)
            if at < len(ids) and ids[at] == docnum:
                drop.append(at)
        for at in sorted(drop, reverse=True):
            del ids[at], weights[at]
    elif deleted:
        kept = [k for k, docnum in enumerate(ids) if docnum not in deleted]
        ids = [ids[k] for k in kept]
        weights = [weights[k] for k in kept]
    return ids, weights


class _Fuzzy(wq.FuzzyTerm):
    """A fuzzy word: expanded in each segment (its word graph) and matched flat
    (`_flat_matcher`) instead of Whoosh's tree of union matchers with BM25 per hit."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        words = [_text(b) for _f, b in self.existing_terms(reader, expand=True)]
        return _flat_matcher(reader, self.fieldname, words, self.boost)


@dataclass(slots=True)
class _Budget:
    """How many matching turns a search counts exactly (`cap`; None: all), whether a part
    of the query stopped counting there (`capped`: the total is a lower bound), and the
    engine's cache of codes tables (by segment id: unique within one index)."""

    cap: int | None = None
    capped: bool = False
    tables: OrderedDict[str, _CodesTable] = field(default_factory=OrderedDict)


class _CodedPhrase(wq.Phrase):
    """A phrase (words next to each other, in order) found in a segment's `codes` column.

    The column of a segment is read once as one byte string (cached per segment, which
    never changes but for deletions); the phrase is the concatenation of its words' codes,
    and `bytes.find` walks its occurrences. Each occurrence at a word boundary, inside one
    turn, is a match (exact when no other word of the segment has the same code: else this
    segment falls back to Whoosh's phrase matcher). Turns are scored by how often they say
    the phrase. With a budget cap, counting stops after `cap` turns.
    """

    def __init__(
        self, fieldname: str, words: list[str], boost: float = 1.0,
        budget: _Budget | None = None,
    ) -> None:
        super().__init__(fieldname, words, slop=1, boost=boost)
        self.budget = budget

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        for word in self.words:
            if (self.fieldname, word) not in reader:
                return NullMatcher()
        tables = self.budget.tables if self.budget is not None else OrderedDict()
        table = _codes_table(reader, tables) if reader.is_atomic() else None
        if table is None:  # no codes column (not written by this schema): read the text
            counts = _verified(reader, self.words, dict.fromkeys(
                _common_docs(reader, self.fieldname, self.words), 1))
            ids = list(counts)
            return ListMatcher(ids, weights=[counts[i] * self.boost for i in ids]) \
                if ids else NullMatcher()
        budget = self.budget
        cap = None if budget is None or budget.cap is None else budget.cap
        pattern = b"".join(map(word_code, self.words))
        deleted = reader if reader.has_deletions() else None
        rarest = min(self.words, key=lambda w: reader.doc_frequency(self.fieldname, w))
        if reader.doc_frequency(self.fieldname, rarest) <= _SCAN_ABOVE:
            # Few turns say the rarest word: look in those turns' codes only.
            docs, _weights = _postings(reader, self.fieldname, rarest)
            counts = table.find_in(pattern, docs, deleted, cap)
        else:
            counts = table.find(pattern, deleted, cap)
        if any(table.ambiguous(word) for word in self.words):
            counts = _verified(reader, self.words, counts)
        if budget is not None and budget.cap is not None:
            if len(counts) >= budget.cap:
                budget.capped = True
            budget.cap = max(0, budget.cap - len(counts))
        if not counts:
            return NullMatcher()
        ids = list(counts)
        return ListMatcher(ids, weights=[counts[i] * self.boost for i in ids])


#: A phrase whose rarest word is in at most this many turns of a segment is looked for in
#: those turns' codes (~0.6 us a turn); above, the segment's whole byte string is scanned
#: (~2 ms a million words).
_SCAN_ABOVE = 20_000


class _SlopPhrase(wq.Phrase):
    """A phrase with slop (`"a b"~3`): its words in order, each within `slop` words after
    the one before (Whoosh's `SpanNear2` rule, which its phrase query used when `exact` had
    positions). The turns saying every word are found from the postings; the words'
    positions in each such turn come from its `codes` (or its text, where a code is shared
    or a segment has no codes). Turns are scored by how many such spans they hold."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        for word in self.words:
            if (self.fieldname, word) not in reader:
                return NullMatcher()
        table = _codes_table(reader, OrderedDict()) if reader.is_atomic() else None
        exact = table is not None and not any(table.ambiguous(w) for w in self.words)
        counts: dict[int, int] = {}
        for doc in _common_docs(reader, self.fieldname, self.words):
            if exact:
                assert table is not None
                said: Sequence[Any] = table.codes_of(doc)
                wanted: Sequence[Any] = [word_code(w) for w in self.words]
            else:
                said = exact_words(reader.stored_fields(doc).get("body", ""))
                wanted = self.words
            found = _near_spans(said, wanted, self.slop)
            if found:
                counts[doc] = found
        if not counts:
            return NullMatcher()
        ids = list(counts)
        return ListMatcher(ids, weights=[counts[i] * self.boost for i in ids])


def _near_spans(said: Sequence[Any], wanted: Sequence[Any], slop: int) -> int:
    """How many spans of `said` hold `wanted` in order, each next word 1 to `slop`
    positions after the span so far (Whoosh's SpanNear2 with ordered=True, mindist=1)."""
    where: dict[Any, list[int]] = {w: [] for w in wanted}
    for i, w in enumerate(said):
        found = where.get(w)
        if found is not None:
            found.append(i)
    spans = {(p, p) for p in where[wanted[0]]}
    for w in wanted[1:]:
        if not spans:
            return 0
        positions = where[w]
        spans = {(start, p) for start, end in spans for p in positions
                 if end < p <= end + slop}
    return len(spans)


def _common_docs(reader: Any, fieldname: str, words: Sequence[str]) -> list[int]:
    """The live turns of a segment that say every one of `words`, ascending."""
    common: set[int] | None = None
    for word in sorted(set(words), key=lambda w: reader.doc_frequency(fieldname, w)):
        ids, _weights = _postings(reader, fieldname, word)
        common = set(ids) if common is None else common.intersection(ids)
        if not common:
            return []
    return sorted(common or ())


def _verified(reader: Any, words: list[str], counts: dict[int, int]) -> dict[int, int]:
    """`counts` recounted from the turns' stored text: for a phrase with a word whose code
    another word of the segment shares (rare with 32-bit codes), a code match may be the
    other word."""
    phrase = tuple(words)
    n = len(phrase)
    exact: dict[int, int] = {}
    for doc in counts:
        said = exact_words(reader.stored_fields(doc).get("body", ""))
        found = sum(1 for i in range(len(said) - n + 1) if tuple(said[i:i + n]) == phrase)
        if found:
            exact[doc] = found
    return exact


class _CodesTable:
    """One segment's `codes` column as one byte string, with each turn's start, and which
    codes more than one word of the segment's lexicon share."""

    def __init__(self, reader: Any) -> None:
        column = reader.column_reader(_CODES, translate=False)
        self.starts = column._offsets
        self.lengths = column._lengths
        total = self.starts[-1] + self.lengths[-1] if len(self.lengths) else 0
        self.blob: bytes = column._dbfile.get(column._basepos, total) if total else b""
        #: One byte a word (each code's last): scanned first, a quarter of the bytes.
        self.small = self.blob[CODE_SIZE - 1 :: CODE_SIZE]
        seen: set[bytes] = set()
        shared: set[bytes] = set()
        for btext in reader.lexicon(EXACT_FIELD):
            code = word_code(_text(btext))
            if code in seen:
                shared.add(code)
            seen.add(code)
        self.shared = shared

    def ambiguous(self, word: str) -> bool:
        return word_code(word) in self.shared

    def codes_of(self, doc: int) -> list[bytes]:
        """The codes of turn `doc`, one a word, in order."""
        start = self.starts[doc]
        value = self.blob[start:start + self.lengths[doc]]
        return [value[i:i + CODE_SIZE] for i in range(0, len(value), CODE_SIZE)]

    def find_in(
        self, pattern: bytes, docs: Iterable[int], deleted: Any, cap: int | None
    ) -> dict[int, int]:
        """As `find`, looking only in the turns `docs` (ascending)."""
        counts: dict[int, int] = {}
        blob, starts, lengths = self.blob, self.starts, self.lengths
        for doc in docs:
            start = starts[doc]
            end = start + lengths[doc]
            pos = blob.find(pattern, start, end)
            found = 0
            while pos >= 0:
                if (pos - start) % CODE_SIZE == 0:
                    found += 1
                    pos = blob.find(pattern, pos + CODE_SIZE, end)
                else:
                    pos = blob.find(pattern, pos + 1, end)
            if found and (deleted is None or not deleted.is_deleted(doc)):
                if cap is not None and len(counts) >= cap:
                    break
                counts[doc] = found
        return counts

    def find(self, pattern: bytes, deleted: Any, cap: int | None) -> dict[int, int]:
        """Turn number -> occurrences of `pattern` at word boundaries within one turn, in
        turn order; at most `cap` turns. `deleted`: a reader whose deleted turns to skip."""
        counts: dict[int, int] = {}
        for pos in _occurrences(self.small, self.blob, pattern):
            doc = bisect_right(self.starts, pos) - 1
            if pos + len(pattern) <= self.starts[doc] + self.lengths[doc] and (
                deleted is None or not deleted.is_deleted(doc)
            ):
                if doc in counts:
                    counts[doc] += 1
                elif cap is not None and len(counts) >= cap:
                    break
                else:
                    counts[doc] = 1
        return counts


def _occurrences(small: bytes, blob: bytes, pattern: bytes) -> Iterator[int]:
    """Offsets in `blob` (codes, CODE_SIZE bytes a word) where `pattern` (whole codes)
    starts at a word. `bytes.find` runs over `small` (the last byte of each code: a quarter
    of the bytes, ~0.5 GB/s here) and each candidate is checked in `blob`."""
    key = pattern[CODE_SIZE - 1 :: CODE_SIZE]
    find, check = small.find, blob.startswith
    at = find(key)
    while at >= 0:
        pos = at * CODE_SIZE
        if check(pattern, pos):
            yield pos
        at = find(key, at + 1)


_CODES = "codes"
#: Codes tables an engine keeps (one per segment: a big segment's is 4 bytes a word).
_TABLES_SIZE = 16


def _codes_table(reader: Any, tables: OrderedDict[str, _CodesTable]) -> _CodesTable | None:
    """The segment's codes table (built on first use, kept in `tables`), or None for a
    segment without a `codes` column."""
    if not reader.has_column(_CODES):
        return None
    key = str(reader.segment().segment_id())
    table = tables.get(key)
    if table is not None:
        tables.move_to_end(key)
        return table
    table = _CodesTable(reader)
    tables[key] = table
    while len(tables) > _TABLES_SIZE:
        tables.popitem(last=False)
    return table


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


def _direct(searcher: Searcher, q: wq.Query, limit: int | None) -> tuple[int, list[Any]] | None:
    """(total, [(score, docnum)] best first) for a query that is one flat list of turns per
    segment (a phrase, many-word prefix or fuzzy word): the lists are counted and ranked
    directly. Whoosh's collector visits every hit in Python (~3 us each) to count them.
    None for other queries (and when a segment answers another way)."""
    if not isinstance(q, _Flat | _Fuzzy | _CodedPhrase | _SlopPhrase):
        return None
    found: list[tuple[float, int]] = []
    for leaf, offset in searcher.leaf_searchers():
        matcher = q.matcher(leaf)
        if not matcher.is_active():
            continue
        if not isinstance(matcher, ListMatcher):
            return None
        ids, weights = matcher._ids, matcher._weights
        found.extend(zip(weights, (offset + i for i in ids), strict=True))
    key = _rank_key
    top = heapq.nlargest(limit, found, key=key) if limit is not None else sorted(
        found, key=key, reverse=True)
    return len(found), top


def _rank_key(hit: tuple[float, int]) -> tuple[float, int]:
    """Best score first, then document order (as Whoosh's collector ranks)."""
    return hit[0], -hit[1]


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
    _pattern: re.Pattern[str] | None = None

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
            if q.slop == 1:
                self.phrases.append(tuple(q.words))
            else:  # words near each other: mark each word
                self.words.update(q.words)
        elif isinstance(q, _Flat):
            if q.prefix is not None:
                self.prefixes.add(q.prefix)
            else:
                self.words.update(q.words)
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
            if not self.phrases and text.isascii():
                # One compiled regex, matching whole words as the analyzer cuts them (a
                # property test checks it against the token path below).
                return [m.span() for m in self._word_pattern().finditer(text)
                        if _token_starts(text, m.start())]
            tokens = _tokens(text)
        words, prefixes = self.words, tuple(self.prefixes)
        if prefixes:
            spans = [(start, end) for word, start, end in tokens
                     if word in words or word.startswith(prefixes)]
        else:
            spans = [(start, end) for word, start, end in tokens if word in words]
        for phrase in self.phrases:
            n = len(phrase)
            if not n:
                continue
            first = phrase[0]
            for i in range(len(tokens) - n + 1):
                if tokens[i][0] == first and all(
                    tokens[i + k][0] == phrase[k] for k in range(1, n)
                ):
                    spans.append((tokens[i][1], tokens[i + n - 1][2]))
        return merge_spans(spans)

    def _word_pattern(self) -> re.Pattern[str]:
        """The marked words and prefixes as one regex over ASCII text: a match must be a
        whole token of `_WORD_PATTERN` (`[\\w*]+` runs joined by single dots), so neither
        a word character, `*` nor a dot joining another run may touch it on either side."""
        if self._pattern is None:
            words = sorted(self.words, key=len, reverse=True)
            parts = [re.escape(w) for w in words if w.isascii() and w]
            parts += [re.escape(p) + r"(?:[\w*]|\.(?=[\w*]))*"
                      for p in sorted(self.prefixes) if p.isascii() and p]
            body = "|".join(parts) or r"(?!)"
            # The start is checked by `_token_starts`: a lookbehind here would run at every
            # character of the text (5x slower); a match that fails it cannot hide another.
            self._pattern = re.compile(rf"(?:{body})(?![\w*])(?!\.[\w*])",
                                       re.IGNORECASE | re.ASCII)
        return self._pattern


def _token_starts(text: str, at: int) -> bool:
    """Whether a word of `_WORD_PATTERN` can start at `at` of ASCII `text`: no word
    character or `*` before it, nor one followed by a joining dot."""
    if at == 0:
        return True
    before = text[at - 1]
    if before.isalnum() or before in "_*":
        return False
    if before == "." and at >= 2:
        previous = text[at - 2]
        return not (previous.isalnum() or previous in "_*")
    return True


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word the `exact` analyzer indexes: one compiled regex over
    the text instead of the analyzer's token objects and filter chain (that was most of a
    term query's time). A property test checks both agree."""
    if text.isascii():  # lower-casing ASCII keeps every offset; accent folding is a no-op
        return [(m.group(), m.start(), m.end()) for m in _WORD_PATTERN.finditer(text.lower())]
    return [
        (m.group().lower().translate(accent_map), m.start(), m.end())
        for m in _TOKEN_PATTERN.finditer(text)
    ]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return stem(word)  # type: ignore[no-any-return]


# -- the engine ---------------------------------------------------------------------------


def _role(transcript: Transcript, turn_index: int) -> TurnRole:
    return TurnRole.QUESTION if transcript.is_question(turn_index) else TurnRole.ANSWER


def _documents(transcript_id: int, transcript: Transcript) -> Iterator[dict[str, Any]]:
    """The turns as Whoosh's own `add_document` takes them: the reference a test holds
    `_turn_docs` and `_TurnWriter` to (the index itself is written from `_turn_docs`)."""
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
            "codes": word_codes(turn.text),
        }


class _TurnDoc(NamedTuple):
    """One turn, analysed once, as `_TurnWriter.add_turn` takes it."""

    #: Stored fields (what a hit shows).
    stored: dict[str, Any]
    #: (field, its (word, weight) pairs, or (word, weight, value) for a field whose postings
    #: keep values (`_keeps_values`), the field's length in words (0: not scored)).
    indexed: list[tuple[str, Iterable[Any], int]]
    #: The `codes` column value.
    codes: bytes


def _keeps_values(fieldobj: Any) -> bool:
    """Whether a field's postings carry values beyond the weight (positions): the two
    formats whose value follows from the weight are rebuilt from it when written."""
    return type(fieldobj.format) not in (Existence, Frequency)


def _analysed(fieldobj: Any, value: str) -> tuple[list[Any], int]:
    """A field's postings for `value` (as Whoosh's own `add_document` makes them), and its
    length in words."""
    keep = _keeps_values(fieldobj)
    items = []
    length = 0
    for word, freq, weight, vbytes in fieldobj.format.word_values(
            value, fieldobj.analyzer, mode="index"):
        items.append((word, int(weight), vbytes) if keep else (word, int(weight)))
        length += freq
    return items, length if fieldobj.scorable else 0


def _turn_docs(transcript_id: int, transcript: Transcript, schema: Schema) -> Iterator[_TurnDoc]:
    """The turns of a transcript as the index takes them (the same fields as `_documents`):
    each turn's text is tokenised once, for `exact` and `codes` alike; speaker names and
    section titles once per transcript."""
    version = f"{transcript_id}:{index_version(transcript)}"
    tid = str(transcript_id)
    ids = {name: [(name_value, 1)] for name, name_value in (("tid", tid), ("version", version))}
    roles: dict[str, list[tuple[str, int]]] = {}
    names: dict[str | None, tuple[list[Any], int]] = {}
    titles: dict[str, tuple[list[Any], int]] = {}
    speaker_field, section_field = schema["speaker"], schema["section"]
    path, title = transcript.source.path, transcript.title
    for i, turn in enumerate(transcript.turns):
        speaker = transcript.speaker(turn.speaker)
        said_by = names.get(turn.speaker)
        if said_by is None:
            text = " ".join((speaker.name, *speaker.aliases)) if speaker else ""
            said_by = names[turn.speaker] = _analysed(speaker_field, text)
        section = transcript.section_of(i)
        heading = section.title if section else ""
        under = titles.get(heading)
        if under is None:
            under = titles[heading] = _analysed(section_field, heading)
        role = str(_role(transcript, i))
        words = exact_words(turn.text)
        stored: dict[str, Any] = {
            "tid": tid, "version": version, "turn": i, "path": path, "title": title,
            "role": role, "body": turn.text,
        }
        if speaker is not None:
            stored["speaker_name"] = speaker.name
        yield _TurnDoc(stored, [
            ("exact", Counter(words).items(), len(words)),
            ("role", roles.setdefault(role, [(role, 1)]), 0),
            ("section", under[0], under[1]),
            ("speaker", said_by[0], said_by[1]),
            ("tid", ids["tid"], 0),
            ("version", ids["version"], 0),
        ], b"".join(map(word_code, words)))


class _TurnWriter(SegmentWriter):
    """Whoosh's segment writer with a faster way in and out, writing the same files.

    In: `add_turn` takes a turn already analysed (`_turn_docs`), and its postings wait in
    `Postings` (arrays in memory) instead of Whoosh's pool of pickled, externally sorted
    runs. Out: each word's postings go to Whoosh's postings writer a block at a time, with
    the turns' field lengths read once per field instead of once per posting. Segments it
    merges (`add_reader`) are read a block at a time too. A test compares its segments with
    Whoosh's own writer's, posting by posting.
    """

    def __init__(self, ix: Any, limitmb: int = WRITER_LIMIT_MB) -> None:
        super().__init__(ix, limitmb=limitmb)
        self.postings = Postings(
            name for name in self.schema.names()
            if self.schema[name].indexed and _keeps_values(self.schema[name])
        )

    def add_document(self, **fields: Any) -> None:
        raise TypeError("add turns with add_turn")  # the stock pool is never written

    def add_turn(self, doc: _TurnDoc) -> None:
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        pdw = self.perdocwriter
        postings = self.postings
        pdw.start_doc(docnum)
        try:
            for name, value in doc.stored.items():
                pdw.add_field(name, schema[name], value, 0)
            for name, items, length in doc.indexed:
                if length:
                    pdw.add_field(name, schema[name], None, length)
                if name in postings.valued:
                    postings.add_valued(name, docnum, items)
                else:
                    postings.add(name, docnum, items)
            pdw.add_column_value(_CODES, schema[_CODES].column_type, doc.codes)
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        """A merged segment's postings, a block at a time, renumbered (live turns only)."""
        for fieldname in reader.indexed_field_names():
            if fieldname not in self.schema:
                continue
            keep = fieldname in self.postings.valued
            for btext in reader.lexicon(fieldname):
                ids, weights, values = _raw_postings(reader, fieldname, btext, keep)
                if docmap is not None:
                    live = [k for k, doc in enumerate(ids) if doc in docmap]
                    ids = [docmap[ids[k]] for k in live]
                    weights = [weights[k] for k in live]
                    values = [values[k] for k in live] if values is not None else None
                else:
                    ids = [startdoc + doc for doc in ids]
                if ids:
                    self.postings.add_run(fieldname, _text(btext), ids,
                                          [int(w) for w in weights], values)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader()
        try:
            fw = self.fieldwriter
            for fieldname in self.postings.fields():
                fieldobj = self.schema[fieldname]
                lengths = _length_bytes(pdr, fieldname, self.docnum) \
                    if fieldobj.scorable else None
                fw.start_field(fieldname, fieldobj)
                derive = type(fieldobj.format) is Frequency
                for btext, ids, weights, values in self.postings.terms(fieldname):
                    fw.start_term(btext)
                    if values is None and derive:
                        values = [_FREQ_VALUE[w] for w in weights]
                    _add_postings(fw, ids, weights, values, lengths)
                    fw.finish_term()
                fw.finish_field()
        finally:
            pdr.close()
        self.fieldwriter.close()


class _FreqValues(dict[int, bytes]):
    """The value bytes Whoosh's `Frequency` format stores for a frequency."""

    def __missing__(self, freq: int) -> bytes:
        value: bytes = pack_uint(freq)
        self[freq] = value
        return value


_FREQ_VALUE = _FreqValues()


def _length_bytes(pdr: Any, fieldname: str, doccount: int) -> bytes:
    """Each turn's length byte for a field (0: none), as the per-document reader keeps it."""
    column = pdr._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is None:
        return bytes(doccount)
    try:
        raw = bytes(column._dbfile.get(column._basepos, column._count))
    except AttributeError:  # another column reader: one turn at a time
        raw = bytes(column.load())
    return raw[:doccount] + bytes(max(0, doccount - len(raw)))


def _add_postings(
    fw: Any, ids: Sequence[int], weights: Sequence[int], values: Sequence[bytes] | None,
    lengths: bytes | None,
) -> None:
    """One word's postings (turns ascending) into Whoosh's field writer: whole blocks into
    its postings writer's buffers (the statistics it would gather posting by posting,
    computed per block), or posting by posting for another codec."""
    pw = fw._postwriter
    if type(pw) is not W3PostingsWriter:
        for k, doc in enumerate(ids):
            length = byte_to_length(lengths[doc]) if lengths is not None and lengths[doc] else 0
            fw.add(doc, float(weights[k]), values[k] if values else b"", length)
        return
    limit = pw._blocklimit
    for at in range(0, len(ids), limit):
        if len(pw._ids):
            pw._write_block()
        block = array("I", ids[at:at + limit])
        block_weights = array("f", weights[at:at + limit])
        pw._ids = block
        pw._weights = block_weights
        pw._values = list(values[at:at + limit]) if values else []
        pw._maxweight = max(0, max(block_weights))
        if lengths is not None:
            sizes = [b for b in map(lengths.__getitem__, block) if b]
            if sizes:
                pw._minlength = byte_to_length(min(sizes))
                pw._maxlength = byte_to_length(max(sizes))


def _raw_postings(
    reader: Any, fieldname: str, btext: bytes | str, values: bool
) -> tuple[list[int], list[float], list[bytes] | None]:
    """A word's postings in one segment, deleted turns included (a merge drops them), read
    block by block: turns, weights and (with `values`) value bytes."""
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    ids: list[int] = []
    weights: list[float] = []
    found: list[bytes] | None = [] if values else None
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            at = matcher._i
            ids.extend(matcher._ids[at:])
            weights.extend(matcher._weights[at:])
            if found is not None:
                if matcher._values is None:
                    matcher._read_values()
                found.extend(matcher._values[at:])
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if found is not None:
                found.append(matcher.value())
            matcher.next()
    return ids, weights, found


class _RamStorage(RamStorage):
    """Whoosh's RamStorage puts a writer's temporary files (its per-turn columns; the stock
    writer's sorted runs) in `<temp dir>/MAIN.tmp`, one folder for every in-memory index of
    every process, and deletes it when the writer finishes: two writers at once (two
    Verbatim processes, or parallel tests) deleted each other's files (FileNotFoundError).
    Each in-memory index gets its own folder here (its writers take turns), removed with
    the index."""

    def __init__(self) -> None:
        super().__init__()
        self._temp_root: str | None = None

    def temp_storage(self, name: str | None = None) -> Any:
        if self._temp_root is None:
            self._temp_root = tempfile.mkdtemp(prefix="verbatim-whoosh-")
            weakref.finalize(self, shutil.rmtree, self._temp_root, ignore_errors=True)
        return FileStorage(os.path.join(self._temp_root, name or "run.tmp")).create()


class _ViewReader:
    """A read-only file over a memoryview, read in place. `peek` lets pickle read a small
    pickle (a postings block's header) in one call instead of one per opcode."""

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0

    def read(self, n: int | None = -1) -> bytes:
        start = self._pos
        size = len(self._view)
        end = size if n is None or n < 0 else start + n
        if end > size:
            end = size
        if end < start:
            end = start
        self._pos = end
        return self._view[start:end].tobytes()

    def readinto(self, target: Any) -> int:
        data = self.read(len(target))
        target[:len(data)] = data
        return len(data)

    def peek(self, n: int = 0) -> bytes:
        return self._view[self._pos:self._pos + 128].tobytes()

    def readline(self, size: int | None = -1) -> bytes:
        rest = self._view[self._pos:] if size is None or size < 0 else \
            self._view[self._pos:self._pos + size]
        at = rest.tobytes().find(b"\n")
        return self.read(len(rest) if at < 0 else at + 1)

    def seek(self, pos: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        pass


class _MappedFile(BufferFile):
    """A file inside a memory-mapped segment, read in place: Whoosh's `BufferFile` copies
    it into a `BytesIO` when opened, so a searcher held a copy of the whole index in
    memory (122 MB of a 10M-word library's 128 MB)."""

    def __init__(self, buf: memoryview, name: str | None = None) -> None:
        self._buf = buf
        self._name = name
        self.file = _ViewReader(buf)
        self.onclose = None
        self.is_real = False
        self.is_closed = False

    def read_pickle(self) -> Any:
        """A pickle at the current position: a postings block's header is read once per
        block, so it is unpickled from a small in-memory copy (C speed), not through the
        Python reader."""
        reader = self.file
        start = reader._pos
        chunk = io.BytesIO(self._buf[start:start + 256])
        try:
            value = pickle.load(chunk)
        except (EOFError, pickle.UnpicklingError, ValueError):  # a longer pickle
            return super().read_pickle()
        reader._pos = start + chunk.tell()
        return value


_STOCK_OPEN_FILE = CompoundStorage.open_file


def _open_mapped(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    """`CompoundStorage.open_file`, handing out views of the map instead of copies."""
    source = getattr(self, "_source", None)
    if source is None or self.is_closed:
        return _STOCK_OPEN_FILE(self, name, *args, **kwargs)
    offset, length = self.range(name)
    return _MappedFile(memoryview(source)[offset:offset + length], name=name)


CompoundStorage.open_file = _open_mapped  # this module is the only one that reads Whoosh


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
    ) -> None:
        self.read_only = read_only
        self.directory = directory
        self._storage = storage
        self._ix = ix
        self._instance_lock = instance_lock
        self._source = source
        #: Megabytes of postings a write holds in memory (`postings.Postings`) before it
        #: writes them as a segment and starts another (128: ~16M postings, over 10M words).
        self.limitmb = WRITER_LIMIT_MB
        self._write_lock = threading.Lock()
        self._search_lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._recovered = False
        #: Codes tables of this index's segments (see `_CodedPhrase`), by segment id.
        self._tables: OrderedDict[str, _CodesTable] = OrderedDict()

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def in_memory(cls) -> WhooshEngine:
        """A fresh index in RAM (tests, and search inside one open transcript)."""
        storage = _RamStorage()
        return cls(storage, storage.create_index(_schema()))

    @classmethod
    def open(
        cls,
        directory: str | Path,
        *,
        source: TranscriptSource | None = None,
        wait: float = 0.0,
        write: bool = False,
    ) -> tuple[WhooshEngine, str | None]:
        """Open (or create) the index in `directory`. Returns (engine, reason) where reason
        is None, or "missing" / "damaged" / "outdated" when a new empty index was created
        (fill it from `source` with `rebuild()`, or let `open_library_index` do it).

        The instance lock is a file *next to* the folder (`index.lock`), so wiping a damaged
        index never deletes the lock another process holds. When another process owns the
        index, wait up to `wait` seconds for it to finish a rebuild (and, with `write`, to
        let go of the index), then open read-only."""
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(directory, f"(the search index) {os_reason(exc)}") from None
        storage = FileStorage(str(directory))
        lock = FileLock(str(instance_lock_path(directory)))
        deadline = time.monotonic() + wait
        while True:
            owner = _try_lock(lock)
            reason = _health(storage, directory)
            if owner or (reason is None and not write) or time.monotonic() >= deadline:
                break
            time.sleep(0.1)
        if not owner:
            if reason is not None:
                raise IndexUnavailableError(directory, reason)
            ix = storage.open_index()
            return cls(storage, ix, read_only=True, directory=directory, source=source), None
        try:
            if reason is not None:
                _wipe(directory)
                ix = storage.create_index(_schema())
                (directory / _VERSION_FILE).write_text(SCHEMA_VERSION, encoding="utf-8")
            else:
                ix = storage.open_index()
        except OSError as exc:  # a full disk, say
            with contextlib.suppress(Exception):
                lock.release()
            raise StorageError(directory, f"(the search index) {os_reason(exc)}") from None
        engine = cls(
            storage, ix, instance_lock=lock, directory=directory, source=source
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
        budget = _Budget(cap=None if limit is None else max(limit, TOTAL_CAP),
                         tables=self._tables)
        with self._search_lock:
            searcher = self._current_searcher()
            q = q.accept(lambda node: _expand(node, searcher.reader(), budget))
            direct = _direct(searcher, q, limit) if scope is None else None
            if direct is not None:
                total, top = direct
            else:
                results = _run(searcher, q, limit, scope)
                total = len(results)
                top = [(float(hit.score or 0.0), hit.docnum) for hit in results]
            marks = _Marks.of(q, searcher)
            hits = []
            for score, docnum in top:
                stored = searcher.stored_fields(docnum)
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
                        score=score,
                        snippet=excerpt,
                        snippet_matches=inside,
                        matches=tuple(spans),
                    )
                )
        return SearchResult(query, total, tuple(hits), more=budget.capped)

    def update(self, transcript_id: int, transcript: Transcript) -> None:
        self._write([(transcript_id, transcript)])

    def update_many(
        self,
        items: Iterable[tuple[int, Transcript]],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        return self._write(items, progress=progress, cancelled=cancelled)

    def remove(self, transcript_id: int) -> None:
        self._check_writable()
        with self._write_lock:
            writer = _TurnWriter(self._ix, limitmb=self.limitmb)
            writer.delete_by_term("tid", str(transcript_id))
            writer.commit(mergetype=_merge_tiers)
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

    def prepare_phrases(self) -> None:
        """Read each segment's word codes now (~0.1 s for 10M words), so that the first
        phrase search does not wait for it; the library opens in the background."""
        with self._search_lock:
            budget = _Budget(tables=self._tables)
            for leaf, _offset in self._current_searcher().leaf_searchers():
                with contextlib.suppress(*_DAMAGE):  # a damaged index shows it on search
                    _codes_table(leaf.reader(), budget.tables)

    def doc_count(self) -> int:
        with self._search_lock:
            return int(self._current_searcher().doc_count())

    def doc_frequencies(self, words: Iterable[str]) -> dict[str, int]:
        """How many turns contain each word (any case or accents; 0 when none does): the
        quote check asks, to query by a quote's rarest words, which are fast and selective."""
        found: dict[str, int] = {}
        with self._search_lock:
            searcher = self._current_searcher()
            for word in words:
                terms = [token.text for token in _EXACT_ANALYZER(word)]
                found[word] = min(
                    (int(searcher.doc_frequency("exact", term)) for term in terms), default=0
                )
        return found

    def segment_count(self) -> int:
        """Number of index segments (see `_merge_tiers`)."""
        return len(self._ix._segments())

    def merge_wanted(self) -> bool:
        """True when a full merge would pay off: after a bulk import into a non-empty index
        (two or more big segments) or when many turns of the big segment were replaced.
        Ordinary commits never merge big segments; run `optimize_in_subprocess` when idle."""
        return _merge_wanted(self._ix._segments())

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
        """Merge every segment into one, in this process (tests, the CLI, benchmarks): for a
        big index this is minutes of CPU holding the GIL, so the window uses
        `optimize_in_subprocess` instead."""
        self._check_writable()
        with self._write_lock:
            segments = self._ix._segments()
            if len(segments) > 1 or any(seg.has_deletions() for seg in segments):
                _TurnWriter(self._ix, limitmb=self.limitmb).commit(mergetype=OPTIMIZE)
        self._refresh()

    def optimize_in_subprocess(self, cancelled: Cancelled | None = None) -> bool:
        """`optimize` in a child process, so this process's threads (the window's) keep the
        GIL; writes here wait meanwhile. Returns False when cancelled (the child is stopped,
        and the index stays as it was: Whoosh switches to the merged segment only when it
        writes its table of contents, last). In-memory indexes merge in this process."""
        self._check_writable()
        if self.directory is None:
            self.optimize()
            return True
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # no fork of a process running Qt
        with self._write_lock:
            child = context.Process(
                target=_optimize_directory, args=(str(self.directory), os.getpid()),
                daemon=True,
            )
            child.start()
            try:
                while True:
                    if cancelled is not None and cancelled():
                        child.terminate()
                        child.join()
                        return False
                    child.join(0.2)
                    if not child.is_alive():
                        break
            finally:
                if child.is_alive():
                    child.kill()
                    child.join()
        self._refresh()
        return child.exitcode == 0

    # -- internals -------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise IndexReadOnlyError(self.directory or "memory")

    def _write(
        self,
        items: Iterable[tuple[int, Transcript]],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        """Index `items` in one writer and commit with `_merge_tiers`: new turns go to a new
        segment and only small segments are merged, so adding a file to a big index costs
        about the file, never a rewrite of the index."""
        self._check_writable()
        # Streamed, not listed: a library rebuild must not hold 2,000 transcripts at once.
        total = len(items) if isinstance(items, Sized) else 0
        count = 0
        with self._write_lock:
            writer = self._writer(total)
            try:
                for done, (transcript_id, transcript) in enumerate(items):
                    if cancelled is not None and cancelled():
                        break
                    if progress is not None:
                        progress(done, total, transcript.title)
                    # Through the writer's one cached searcher: a no-op for a new id.
                    writer.delete_by_term("tid", str(transcript_id))
                    for doc in _turn_docs(transcript_id, transcript, writer.schema):
                        writer.add_turn(doc)
                    count += 1
                    if writer.postings.megabytes() > self.limitmb:
                        # Bounded memory: this segment is full, the next transcripts go
                        # to a new one (merged in idle time, `merge_wanted`).
                        writer.commit(mergetype=_merge_tiers)
                        writer = self._writer(total)
            except OSError as exc:  # a full disk while writing: nothing committed
                writer.cancel()
                raise StorageError(self.directory or "index", os_reason(exc)) from None
            except BaseException:
                writer.cancel()
                raise
            if progress is not None:
                progress(count, total or count, "")
            try:
                writer.commit(mergetype=_merge_tiers)
            except OSError as exc:
                with contextlib.suppress(Exception):
                    writer.cancel()
                raise StorageError(self.directory or "index", os_reason(exc)) from None
        self._refresh()
        return count

    def _writer(self, size: int) -> _TurnWriter:
        return _TurnWriter(self._ix, limitmb=self.limitmb)

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
            with contextlib.suppress(*_DAMAGE):  # codes of merged-away segments: let go
                live = {str(seg.segment_id()) for seg in self._ix._segments()}
                for key in [k for k in self._tables if k not in live]:
                    del self._tables[key]


#: Segments are grouped in tiers by size (turns, in powers of `_TIER_BASE`); a tier merges
#: when it holds `_TIER_BASE` segments, so a turn is rewritten about once per tier.
_TIER_BASE = 8
#: A segment of at least this many turns is "big": two of them call for a full merge.
_BIG_SEGMENT = 5_000
#: A big segment with this share of its turns deleted calls for a full merge.
_DELETED_SHARE = 0.25


def _tier(segment: Any) -> int:
    size = max(1, int(segment.doc_count_all()))
    tier = 0
    while size >= _TIER_BASE:
        size //= _TIER_BASE
        tier += 1
    return tier


def _merge_tiers(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy of every ordinary commit (a tiered policy, as Lucene's): drop
    segments whose turns are all deleted, then merge the smallest tier that holds
    `_TIER_BASE` segments into the new segment. The big segment of a library is in a tier of
    its own and is never rewritten here; `optimize` merges everything (after bulk imports,
    in idle time). Whoosh's default `MERGE_SMALL` does much the same by a Fibonacci rule
    but keeps fully deleted segments."""
    from whoosh.reading import SegmentReader

    live = [seg for seg in segments if seg.doc_count() > 0]
    tiers: dict[int, list[Any]] = {}
    for seg in live:
        tiers.setdefault(_tier(seg), []).append(seg)
    for tier in sorted(tiers):
        group = tiers[tier]
        if len(group) >= _TIER_BASE:
            for seg in group:
                reader = SegmentReader(writer.storage, writer.schema, seg)
                writer.add_reader(reader)
                reader.close()
            return [seg for seg in live if seg not in group]
    return live


def _merge_wanted(segments: Sequence[Any]) -> bool:
    """See `WhooshEngine.merge_wanted`."""
    big = [seg for seg in segments if seg.doc_count_all() >= _BIG_SEGMENT]
    if len(big) > 1:
        return True
    return any(seg.deleted_count() > _DELETED_SHARE * seg.doc_count_all() for seg in big)


def _optimize_directory(directory: str, parent: int | None = None) -> None:
    """Child-process entry of `WhooshEngine.optimize_in_subprocess`: merge every segment.

    Stops when the parent process is gone (killed, crashed): the merge holds the index's
    write lock, and a new Verbatim must not find it taken. Stopping is safe at any point:
    Whoosh switches to the merged segment only when it writes its table of contents."""
    if parent is not None:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    ix = whoosh_index.open_dir(directory)
    try:
        _TurnWriter(ix).commit(mergetype=OPTIMIZE)
    finally:
        ix.close()


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


def instance_lock_path(directory: Path) -> Path:
    """The instance lock of the index in `directory`: beside it, never inside it."""
    return directory.parent / f"{directory.name}.lock"


def _try_lock(lock: Any) -> bool:
    """Take the instance lock without waiting; False when another process holds it or the
    lock file cannot be created (a read-only data folder: then the index is read-only)."""
    try:
        return bool(lock.acquire(blocking=False))
    except OSError:
        return False


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
    wait: float = 0.0,
    write: bool = False,
) -> OpenedIndex:
    """See `desktop.core.search.open_index`."""
    folder = Path(directory) if directory is not None else default_directory()
    read_only_library = bool(getattr(library, "read_only", False))  # a read-only data folder
    if write and read_only_library:
        raise ReadOnlyLibraryError(getattr(library, "path", folder), READ_ONLY_REASON)
    try:
        engine, reason = WhooshEngine.open(
            folder, source=library.iter_transcripts, wait=wait, write=write
        )
    except (IndexUnavailableError, StorageError):
        if not read_only_library:
            raise
        # A read-only data folder without a usable index: search a copy built in memory.
        engine, reason = WhooshEngine.in_memory(), "missing"
        engine.update_many(library.iter_transcripts())
        engine.read_only = True
        return OpenedIndex(engine, True, True, reason, 0)
    synced = 0
    if not engine.read_only:
        synced = sync(engine, library, progress=progress, cancelled=cancelled)
    engine.prepare_phrases()
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
    interview (seconds for a hearing). Here the turns are tokenized once into the library
    index's word codes (`word_codes`, 4 bytes a word, one byte string for the transcript:
    ~4 MB for a 5 MB hearing) and a vocabulary; a word's turns are found with `bytes.find`
    over that string (then kept), a phrase's likewise, and speakers, roles and sections map
    to their turns, so a query never walks every turn in Python; match offsets are computed
    for the matching turns only. The semantics are the engine's (tests compare the two on
    random queries); nodes it does not know fall back to an in-memory Whoosh index.
    """

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        code_of: dict[str, bytes] = {}  # the vocabulary, with each word's code
        postings: dict[str, list[int]] = {}  # word -> the turns that say it, ascending
        codes: list[bytes] = []
        starts = array("q")
        offset = 0
        for i, turn in enumerate(transcript.turns):
            words = exact_words(turn.text)
            for word in set(words):
                found = postings.get(word)
                if found is None:
                    postings[word] = [i]
                    code_of[word] = word_code(word)
                else:
                    found.append(i)
            starts.append(offset)
            value = b"".join([code_of[w] for w in words])
            codes.append(value)
            offset += len(value)
        starts.append(offset)
        self.blob = b"".join(codes)
        self.small = self.blob[CODE_SIZE - 1 :: CODE_SIZE]
        self.starts = starts
        self.postings = postings
        self.vocab = code_of.keys()
        self._sorted: list[str] | None = None
        seen: set[bytes] = set()
        self.shared: set[bytes] = set()
        for code in code_of.values():
            if code in seen:
                self.shared.add(code)
            seen.add(code)
        self._word_turns: dict[str, frozenset[int]] = {}
        speakers: dict[str | None, list[int]] = {}
        for i, turn in enumerate(transcript.turns):
            speakers.setdefault(turn.speaker, []).append(i)
        self.by_speaker = {sid: frozenset(turns) for sid, turns in speakers.items()}
        self.speaker_words: dict[str | None, list[str]] = {}
        for sid in speakers:
            speaker = transcript.speaker(sid)
            names = " ".join((speaker.name, *speaker.aliases)) if speaker else ""
            self.speaker_words[sid] = exact_words(names)
        self.roles: dict[str, frozenset[int]] = {}
        for sid, turns in self.by_speaker.items():
            speaker = transcript.speaker(sid)
            role = str(TurnRole.QUESTION if speaker is not None and speaker.role.asks
                       else TurnRole.ANSWER)
            self.roles[role] = self.roles.get(role, frozenset()) | turns
        count = len(transcript.turns)
        self.section_words: list[tuple[frozenset[str], range]] = []
        ordered = sorted(transcript.sections, key=lambda section: section.turn)
        for k, section in enumerate(ordered):
            last = ordered[k + 1].turn if k + 1 < len(ordered) else count
            title = frozenset(t.text for t in _TEXT_ANALYZER(section.title))
            self.section_words.append((title, range(max(0, section.turn), max(0, last))))
        self.all = frozenset(range(count))

    def search(self, query: str, *, limit: int | None = None) -> SearchResult:
        q = parse_query(query)
        marks = _Marks()
        turns = sorted(self._eval(q, marks, positive=True))
        hits = []
        for i in turns[:limit] if limit is not None else turns:
            text = self.transcript.turns[i].text
            spans = marks.spans(text)
            excerpt, inside = snippet(text, spans)
            speaker = self.transcript.speaker_of(i)
            role = TurnRole.QUESTION if speaker is not None and speaker.role.asks \
                else TurnRole.ANSWER
            hits.append(Hit(None, self.transcript.source.path, self.transcript.title, i,
                            speaker.name if speaker else None, role,
                            float(len(spans)), excerpt, inside, tuple(spans)))
        return SearchResult(query, len(turns), tuple(hits))

    def _find(self, words: Sequence[str]) -> set[int]:
        """Turns whose codes contain these words' codes in a row."""
        pattern = b"".join(map(word_code, words))
        starts = self.starts
        found: set[int] = set()
        for pos in _occurrences(self.small, self.blob, pattern):
            turn = bisect_right(starts, pos) - 1  # empty turns share the next one's start
            if pos + len(pattern) <= starts[turn + 1]:
                found.add(turn)
        return found

    def _ambiguous(self, words: Iterable[str]) -> bool:
        return any(word_code(w) in self.shared for w in words)

    def _turns_of(self, word: str) -> frozenset[int]:
        """The turns that say `word` (kept as a set once asked for)."""
        found = self._word_turns.get(word)
        if found is None:
            found = frozenset(self.postings.get(word, ()))
            self._word_turns[word] = found
        return found

    def _starting(self, prefix: str) -> list[str]:
        """The vocabulary's words that start with `prefix` (a sorted list and bisect)."""
        if self._sorted is None:
            self._sorted = sorted(self.vocab)
        words = self._sorted
        at = bisect_left(words, prefix)
        end = at
        while end < len(words) and words[end].startswith(prefix):
            end += 1
        return words[at:end]

    def _turns_with(self, words: Iterable[str]) -> frozenset[int]:
        found: set[int] = set()
        for word in words:
            found.update(self._turns_of(word))
        return frozenset(found)

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
            return self.roles.get(q.text, frozenset())
        if name == "section" and isinstance(q, wq.Term):
            return frozenset(i for words, turns in self.section_words if q.text in words
                             for i in turns)
        if name == "speaker":
            return self._speaker(q)
        words = self._words(q)
        if words is not None:
            if positive:
                marks.words.update(words)
            return self._turns_with(words)
        if isinstance(q, wq.Prefix) and name == EXACT_FIELD:
            if positive:
                marks.prefixes.add(q.text)
            return self._turns_with(self._starting(q.text))
        if isinstance(q, wq.Phrase) and name == EXACT_FIELD:
            phrase = tuple(q.words)
            if q.slop != 1 or len(phrase) == 1:  # as `_expand`: a word, or `_SlopPhrase`
                if positive:
                    marks.words.update(phrase)
                if not phrase or any(word not in self.vocab for word in phrase):
                    return frozenset()
                candidates = self.all
                for word in phrase:
                    candidates &= self._turns_of(word)
                if len(phrase) == 1:
                    return candidates
                turns = self.transcript.turns
                return frozenset(i for i in candidates
                                 if _near_spans(exact_words(turns[i].text), phrase, q.slop))
            if positive:
                marks.phrases.append(phrase)
            if not phrase or any(word not in self.vocab for word in phrase):
                return frozenset()
            if not self._ambiguous(phrase):
                return frozenset(self._find(phrase))
            turns = self.transcript.turns
            return frozenset(i for i in self._find(phrase)
                             if _contains_words(exact_words(turns[i].text), phrase))
        raise _Unsupported(q)

    def _words(self, q: wq.Query) -> frozenset[str] | None:
        """The transcript's words a word-like node matches, or None for other nodes."""
        name = getattr(q, "fieldname", None)
        if isinstance(q, wq.FuzzyTerm) and name == EXACT_FIELD:
            head = q.text[: q.prefixlength]
            close = _one_edit if q.maxdist == 1 else (
                lambda a, b: levenshtein(a, b, q.maxdist) <= q.maxdist)
            return frozenset(
                w for w in (self._starting(head) if head else self.vocab)
                if abs(len(w) - len(q.text)) <= q.maxdist and close(w, q.text)
            )
        if isinstance(q, wq.Term) and name == "text":
            # As `stem_variants`: a Porter stem is a prefix of its words but for a final "i".
            stem_text = q.text
            prefix = stem_text[:-1] if stem_text.endswith("i") and len(stem_text) > 1 \
                else stem_text
            return frozenset(w for w in self._starting(prefix) if _stem(w) == stem_text)
        if isinstance(q, wq.Term) and name == EXACT_FIELD:
            return frozenset((q.text,))
        return None

    def _speaker(self, q: wq.Query) -> frozenset[int]:
        """Turns of the speakers whose name or alias words match (checked per speaker)."""
        if isinstance(q, wq.Prefix):
            def matches(words: list[str]) -> bool:
                return any(w.startswith(q.text) for w in words)
        elif isinstance(q, wq.Term):
            def matches(words: list[str]) -> bool:
                return q.text in words
        elif isinstance(q, wq.Phrase) and q.slop == 1:
            phrase = tuple(q.words)

            def matches(words: list[str]) -> bool:
                return _contains_words(words, phrase)
        else:
            raise _Unsupported(q)
        found: frozenset[int] = frozenset()
        for sid, words in self.speaker_words.items():
            if matches(words):
                found |= self.by_speaker[sid]
        return found


def _one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of `a` and `b` at most 1, without the full table (Whoosh's
    `levenshtein` in Python costs ~20 us a word, and a fuzzy word is compared with every
    word sharing its first letter). A test checks it against `levenshtein`."""
    if a == b:
        return True
    if len(a) == len(b):
        first = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
        return a[first + 1 :] == b[first + 1 :]
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) != 1:
        return False
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[first:] == b[first + 1 :]


def _contains_words(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    first = phrase[0] if n else ""
    return any(
        words[i] == first and all(words[i + k] == phrase[k] for k in range(1, n))
        for i in range(len(words) - n + 1)
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
