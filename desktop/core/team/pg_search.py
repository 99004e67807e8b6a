"""Search in a team library: the laptop's query language, answered by PostgreSQL.

One row per turn (`turns`), with four tsvectors built by PostgreSQL itself:
- `tsv_english` (`verbatim_english`: unaccent + Snowball English stems, stop words dropped) for
  plain words: `sanction` finds sanctions, sanctioned;
- `tsv_simple` (`verbatim_simple`: unaccent + lower case, positions) for "exact phrases",
  `prefix*` and the words a `fuzzy~` term expands to (from the `words` lexicon, narrowed by
  pg_trgm and decided by Levenshtein distance with the first letter fixed, as on the laptop);
- `tsv_speaker` for `speaker:` (any part of a name or alias, by prefix) and `tsv_section`.
`role:` is a column. The user's query is checked and tidied by the same `normalize` as on the
laptop, parsed here into a small tree, and compiled to one SQL condition with parameters:
user text only ever reaches SQL as a bound parameter.

Match offsets come from PostgreSQL too: `ts_debug` splits each hit's text with the same parser
and dictionaries that built the index, so a highlighted word is exactly a word that matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.core.model import Transcript
from desktop.core.search import (
    Cancelled,
    Hit,
    Progress,
    QuerySyntaxError,
    SearchResult,
    TurnRole,
    index_version,
)
from desktop.core.search.query import EXACT_FIELD, normalize
from desktop.core.search.snippets import merge_spans, snippet

#: A fuzzy term keeps its first letter fixed, as the laptop engine does.
#: At most this many lexicon words stand in for one fuzzy term.
FUZZY_EXPANSIONS = 64

_TOKEN = re.compile(r'(?:[A-Za-z_]+:)?"[^"]*"(?:~\d+)?|(?:[A-Za-z_]+:)?\(|\)|[^\s()"]+')
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


# -- the query tree -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One leaf: `kind` is word, phrase, prefix, fuzzy, speaker, role or section."""

    kind: str
    text: str
    distance: int = 0


@dataclass(frozen=True, slots=True)
class Node:
    """AND / OR of children, or NOT of one child."""

    op: str
    children: tuple[Node | Term, ...] = field(default_factory=tuple)


Query = Node | Term


class _Parser:
    """Recursive descent over the normalised query: OR < AND (also implicit) < NOT."""

    def __init__(self, text: str, original: str) -> None:
        self.tokens = [m.group(0) for m in _TOKEN.finditer(text)]
        self.pos = 0
        self.original = original

    def parse(self) -> Query:
        tree = self._or(None)
        if self.pos < len(self.tokens):
            raise QuerySyntaxError(self.original, "cannot read this query")
        return tree

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _or(self, field_name: str | None) -> Query:
        parts = [self._and(field_name)]
        while self._peek() == "OR":
            self.pos += 1
            parts.append(self._and(field_name))
        return parts[0] if len(parts) == 1 else Node("or", tuple(parts))

    def _and(self, field_name: str | None) -> Query:
        parts = [self._unary(field_name)]
        while (token := self._peek()) is not None and token not in (")", "OR"):
            if token == "AND":
                self.pos += 1
                parts.append(self._unary(field_name))
            elif token == "ANDNOT":
                self.pos += 1
                parts.append(Node("not", (self._unary(field_name),)))
            elif token == "ANDMAYBE":
                self.pos += 1
                self._unary(field_name)  # only changes the ranking on the laptop
            else:
                parts.append(self._unary(field_name))
        return parts[0] if len(parts) == 1 else Node("and", tuple(parts))

    def _unary(self, field_name: str | None) -> Query:
        token = self._peek()
        if token == "NOT":
            self.pos += 1
            return Node("not", (self._unary(field_name),))
        return self._primary(field_name)

    def _primary(self, field_name: str | None) -> Query:
        token = self._peek()
        if token is None or token == ")":
            raise QuerySyntaxError(self.original, "a word is missing")
        self.pos += 1
        if token.endswith("("):
            inner = self._or(token[:-2].lower() if len(token) > 1 else field_name)
            if self._peek() != ")":
                raise QuerySyntaxError(self.original, "a ( has no matching )")
            self.pos += 1
            return inner
        return _term(token, field_name)


def _term(token: str, field_name: str | None) -> Term:
    name, value = field_name, token
    match = re.match(r"([A-Za-z_]+):(.+)$", token, re.DOTALL)
    if match and not token.startswith('"'):
        name, value = match.group(1).lower(), match.group(2)
    if value.startswith('"'):
        body, _, _slop = value[1:].partition('"')
        kind = "speaker" if name == "speaker" else "section" if name == "section" else "phrase"
        return Term(kind, body)
    if name == "role":
        return Term("role", value.lower())
    if name == "speaker":
        return Term("speaker", value.rstrip("*"))
    if name == "section":
        return Term("section", value)
    if value.endswith("*"):
        return Term("prefix", value[:-1])
    if "~" in value:
        head, _, tail = value.partition("~")
        return Term("fuzzy", head, int(tail) if tail.isdigit() else 1)
    if name == EXACT_FIELD:
        return Term("phrase", value)
    return Term("word", value)


#: Plain words the laptop index leaves out (Whoosh's StopFilter: this list and words of one
#: letter); left out of queries here too, so both libraries answer alike. The team index
#: itself keeps every word (its dictionary has no stop list), so phrases still find them.
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
    "is", "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we",
    "when", "will", "with", "yet", "you", "your",
})


_WORD_PART = re.compile(r"\w+")


def _kept(term: Term) -> Term | None:
    """A plain word as the laptop index reads it: split at apostrophes and punctuation
    (`Russia’s` -> russia, s), without stop words and one-letter parts (None: nothing left)."""
    if term.kind != "word":
        return term
    parts = [p for p in _WORD_PART.findall(term.text.lower())
             if p not in STOP_WORDS and len(p) >= 2]
    return Term("word", " ".join(parts)) if parts else None


def _prune(tree: Query) -> Query | None:
    """The tree without stop words (an AND or OR of what is left; None when nothing is)."""
    if isinstance(tree, Term):
        return _kept(tree)
    children = tuple(c for c in (_prune(child) for child in tree.children) if c is not None)
    if not children:
        return None
    if tree.op != "not" and len(children) == 1:
        return children[0]
    return Node(tree.op, children)


def parse(query: str) -> Query | None:
    """The query as a tree (None when only stop words are left). Raises QuerySyntaxError
    (from `normalize` or here)."""
    return _prune(_Parser(normalize(query), query).parse())


def positive_terms(tree: Query, *, negated: bool = False) -> list[Term]:
    """The terms a hit matches because it says them (not those under NOT)."""
    if isinstance(tree, Term):
        return [] if negated else [tree]
    found: list[Term] = []
    for child in tree.children:
        found.extend(positive_terms(child, negated=negated or tree.op == "not"))
    return found


# -- compiling to SQL ---------------------------------------------------------------------


def _lexeme(word: str) -> str:
    """A word as a quoted tsquery lexeme (already folded by the caller)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


class _Compiler:
    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor
        self.params: list[Any] = []
        #: The lexicon words each fuzzy term stood for (reused for highlighting).
        self.fuzzy: dict[Term, list[str]] = {}

    def condition(self, tree: Query) -> str:
        if isinstance(tree, Node):
            if tree.op == "not":
                return f"NOT ({self.condition(tree.children[0])})"
            joiner = " AND " if tree.op == "and" else " OR "
            return "(" + joiner.join(self.condition(c) for c in tree.children) + ")"
        return self.leaf(tree)

    def leaf(self, term: Term) -> str:
        if term.kind == "word":
            self.params.append(term.text)
            return "t.tsv_english @@ plainto_tsquery('verbatim_english', %s)"
        if term.kind == "phrase":
            self.params.append(term.text)
            return "t.tsv_simple @@ phraseto_tsquery('verbatim_simple', %s)"
        if term.kind == "prefix":
            self.params.append(term.text)
            return ("t.tsv_simple @@ to_tsquery('verbatim_simple',"
                    " quote_literal(%s) || ':*')")
        if term.kind == "fuzzy":
            words = self.fuzzy_words(term)
            if not words:
                return "false"
            self.params.append(" | ".join(_lexeme(w) for w in words))
            return "t.tsv_simple @@ %s::tsquery"
        if term.kind == "speaker":
            parts = term.text.split()
            if not parts:
                return "true"
            self.params.append(" & ".join(f"{_lexeme(p)}:*" for p in parts))
            return "t.tsv_speaker @@ to_tsquery('verbatim_simple', %s)"
        if term.kind == "section":
            self.params.append(term.text)
            return "t.tsv_section @@ plainto_tsquery('verbatim_english', %s)"
        if term.kind == "role":
            self.params.append(term.text)
            return "t.role = %s"
        raise ValueError(term.kind)

    def fuzzy_words(self, term: Term) -> list[str]:
        """Lexicon words within the term's edit distance, first letter fixed."""
        if term in self.fuzzy:
            return self.fuzzy[term]
        self.cursor.execute(
            "SELECT lexemes[1] FROM ts_debug('verbatim_simple', %s) WHERE lexemes <> '{}' LIMIT 1",
            (term.text,),
        )
        row = self.cursor.fetchone()
        if not row or not row[0]:
            self.fuzzy[term] = []
            return []
        folded = str(row[0])
        # the (first letter, length) index narrows to a few hundred words; Levenshtein decides
        # exactly (as the laptop does); pg_trgm's distance orders equally close words
        self.cursor.execute(
            "SELECT word FROM words WHERE left(word, 1) = left(%s, 1)"
            " AND length(word) BETWEEN %s AND %s"
            " AND levenshtein_less_equal(word, %s, %s) <= %s"
            " ORDER BY levenshtein(word, %s), word <-> %s, word LIMIT %s",
            (folded, len(folded) - term.distance, len(folded) + term.distance, folded,
             term.distance, term.distance, folded, folded, FUZZY_EXPANSIONS),
        )
        self.fuzzy[term] = [str(r[0]) for r in self.cursor.fetchall()]
        return self.fuzzy[term]


# -- match offsets ------------------------------------------------------------------------

#: Words as PostgreSQL's parser sees them, near enough to place highlights (which turns match
#: is PostgreSQL's answer; this only says where in a matching turn the words are).
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    simple: frozenset[str]
    english: frozenset[str]


def _lexicon(cur: Any, words: Iterable[str]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each word's lexemes in both configurations, in one round trip."""
    distinct = sorted(set(words))
    if not distinct:
        return {}
    cur.execute(
        "SELECT w, tsvector_to_array(to_tsvector('verbatim_simple', w)),"
        " tsvector_to_array(to_tsvector('verbatim_english', w)) FROM unnest(%s::text[]) w",
        (distinct,),
    )
    return {str(w): (frozenset(s or ()), frozenset(e or ())) for w, s, e in cur.fetchall()}


def _tokens(body: str, lexicon: dict[str, tuple[frozenset[str], frozenset[str]]]) -> list[
    _Token
]:
    empty: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    return [
        _Token(m.start(), m.end(), *lexicon.get(m.group(0), empty))
        for m in _WORDS.finditer(body)
    ]


def _spans(tokens: list[_Token], terms: Sequence[Term], lexemes: dict[Term, Any]) -> list[
    tuple[int, int]
]:
    spans: list[tuple[int, int]] = []
    for term in terms:
        wanted = lexemes.get(term)
        if not wanted:
            continue
        if term.kind == "word":
            spans.extend((t.start, t.end) for t in tokens if t.english & wanted)
        elif term.kind == "prefix":
            prefix = next(iter(wanted))
            spans.extend((t.start, t.end) for t in tokens
                         if any(x.startswith(prefix) for x in t.simple))
        elif term.kind == "fuzzy":
            spans.extend((t.start, t.end) for t in tokens if t.simple & wanted)
        elif term.kind == "phrase":
            sequence: list[str] = wanted
            size = len(sequence)
            for i in range(len(tokens) - size + 1):
                if all(sequence[k] in tokens[i + k].simple for k in range(size)):
                    spans.append((tokens[i].start, tokens[i + size - 1].end))
    return merge_spans(spans)


def _term_lexemes(
    terms: list[Term],
    lexicon: dict[str, tuple[frozenset[str], frozenset[str]]],
    fuzzy: dict[Term, list[str]],
) -> dict[Term, Any]:
    """Per positive term, what a token must carry to be highlighted."""
    found: dict[Term, Any] = {}
    empty: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    for term in terms:
        words = _WORDS.findall(term.text)
        if term.kind == "word":
            found[term] = frozenset().union(*(lexicon.get(w, empty)[1] for w in words))
        elif term.kind == "phrase":
            found[term] = [next(iter(lexicon.get(w, empty)[0]), w.lower()) for w in words]
        elif term.kind == "prefix" and words:
            found[term] = frozenset([next(iter(lexicon.get(words[0], empty)[0]),
                                          words[0].lower())])
        elif term.kind == "fuzzy":
            found[term] = frozenset(fuzzy.get(term, ()))
    return found


# -- the engine ---------------------------------------------------------------------------


def _role(transcript: Transcript, turn_index: int) -> str:
    return str(TurnRole.QUESTION if transcript.is_question(turn_index) else TurnRole.ANSWER)


class PgSearchEngine:
    """The `SearchEngine` port over a team library's `turns` table.

    `connection` is a psycopg connection owned by the caller (the team workspace); this class
    commits its own writes and never keeps a transaction open between calls.
    """

    read_only = False

    def __init__(self, connection: Any) -> None:
        self.conn = connection

    # -- searching ---------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        transcript_ids: Iterable[int] | None = None,
        limit: int | None = 20,
    ) -> SearchResult:
        tree = parse(query)
        if tree is None:
            return SearchResult(query=query, total=0, hits=())
        with self.conn.cursor() as cur:
            compiler = _Compiler(cur)
            condition = compiler.condition(tree)
            params = list(compiler.params)
            terms = positive_terms(tree)
            rank_parts: list[str] = []
            for term in terms:
                if term.kind == "word":
                    rank_parts.append(
                        "ts_rank(t.tsv_english, plainto_tsquery('verbatim_english', %s))")
                    params.append(term.text)
                elif term.kind == "phrase":
                    rank_parts.append(
                        "ts_rank(t.tsv_simple, phraseto_tsquery('verbatim_simple', %s))")
                    params.append(term.text)
            rank = " + ".join(rank_parts) if rank_parts else "0"
            scope = ""
            where_params = list(compiler.params)
            if transcript_ids is not None:
                scope = " AND t.transcript_id = ANY(%s)"
                where_params.append(list(transcript_ids))
            # only keys and scores for every match (no turn text is read for them); the text
            # of the few shown is fetched after the LIMIT
            matches = (f"SELECT t.transcript_id, t.turn, {rank} AS score FROM turns t"
                       f" WHERE {condition}{scope}")
            rank_params = params[len(compiler.params):]
            top_sql = (
                f"WITH m AS MATERIALIZED ({matches})"
                f" SELECT m.transcript_id, x.path, x.title, m.turn, t.speaker, t.role, t.body,"
                f" m.score, (SELECT count(*) FROM m) AS total"
                f" FROM (SELECT * FROM m ORDER BY score DESC, transcript_id, turn"
                + (" LIMIT %s" if limit is not None else "")
                + ") m JOIN turns t USING (transcript_id, turn)"
                " JOIN transcripts x ON x.id = m.transcript_id"
                " ORDER BY m.score DESC, m.transcript_id, m.turn"
            )
            ordered = rank_params + where_params + ([limit] if limit is not None else [])
            cur.execute(top_sql, ordered)
            rows = cur.fetchall()
            total = int(rows[0][8]) if rows else 0
            if not rows and limit == 0:
                total = self._count(cur, condition, list(compiler.params), transcript_ids)
            hits = self._hits(cur, rows, terms, compiler.fuzzy)
        self.conn.commit()
        return SearchResult(query=query, total=total, hits=tuple(hits))

    def _count(self, cur: Any, condition: str, params: list[Any],
               transcript_ids: Iterable[int] | None) -> int:
        scope = ""
        if transcript_ids is not None:
            scope = " AND t.transcript_id = ANY(%s)"
            params = [*params, list(transcript_ids)]
        cur.execute(f"SELECT count(*) FROM turns t WHERE {condition}{scope}", params)
        row = cur.fetchone()
        return int(row[0]) if row else 0

    def _hits(self, cur: Any, rows: list[Any], terms: list[Term],
              fuzzy: dict[Term, list[str]]) -> list[Hit]:
        if not rows:
            return []
        query_words = [w for t in terms if t.kind in ("word", "phrase", "prefix")
                       for w in _WORDS.findall(t.text)]
        lexicon = _lexicon(cur, [*query_words,
                                 *(w for row in rows for w in _WORDS.findall(row[6]))])
        lexemes = _term_lexemes(terms, lexicon, fuzzy)
        hits: list[Hit] = []
        for row in rows:
            tid, path, title, turn, speaker, role, body, score, _total = row
            spans = _spans(_tokens(body, lexicon), terms, lexemes)
            excerpt, inside = snippet(body, spans)
            hits.append(Hit(int(tid), path, title, int(turn), speaker, TurnRole(role),
                            float(score or 0.0), excerpt, inside, tuple(spans)))
        return hits

    # -- indexing ----------------------------------------------------------------------

    def update(self, transcript_id: int, transcript: Transcript) -> None:
        self.update_many([(transcript_id, transcript)])

    def update_many(
        self,
        items: Iterable[tuple[int, Transcript]],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        batch = list(items)
        done = 0
        for number, (tid, transcript) in enumerate(batch):
            if cancelled is not None and cancelled():
                break
            if progress is not None:
                progress(number, len(batch), transcript.title)
            with self.conn.cursor() as cur:
                self._write(cur, tid, transcript)
            self.conn.commit()
            done += 1
        if progress is not None:
            progress(len(batch), len(batch), "")
        return done

    def _write(self, cur: Any, tid: int, transcript: Transcript) -> None:
        cur.execute("DELETE FROM turns WHERE transcript_id = %s", (tid,))
        rows = []
        for index, turn in enumerate(transcript.turns):
            speaker = transcript.speaker(turn.speaker)
            names = "" if speaker is None else " ".join((speaker.name, *speaker.aliases))
            section = transcript.section_of(index)
            rows.append((tid, index, speaker.name if speaker else None, names,
                         _role(transcript, index), section.title if section else "",
                         turn.text))
        if rows:
            cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (transcript_id BIGINT,"
                        " turn INTEGER, speaker TEXT, speaker_names TEXT, role TEXT,"
                        " section TEXT, body TEXT) ON COMMIT DELETE ROWS")
            with cur.copy("COPY incoming FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cur.execute(
                "INSERT INTO turns (transcript_id, turn, speaker, speaker_names, role, section,"
                " body, tsv_english, tsv_simple, tsv_speaker, tsv_section)"
                " SELECT transcript_id, turn, speaker, speaker_names, role, section, body,"
                " to_tsvector('verbatim_english', body), to_tsvector('verbatim_simple', body),"
                " to_tsvector('verbatim_simple', speaker_names),"
                " to_tsvector('verbatim_english', section) FROM incoming"
            )
            cur.execute(
                "INSERT INTO words (word) SELECT DISTINCT lexeme FROM turns,"
                " unnest(tsv_simple) WHERE transcript_id = %s ON CONFLICT DO NOTHING",
                (tid,),
            )
        cur.execute("INSERT INTO indexed (transcript_id, version) VALUES (%s, %s)"
                    " ON CONFLICT (transcript_id) DO UPDATE SET version = excluded.version",
                    (tid, index_version(transcript)))

    def remove(self, transcript_id: int) -> None:
        with self.conn.cursor() as cur:
            cur.execute("DELETE FROM turns WHERE transcript_id = %s", (transcript_id,))
            cur.execute("DELETE FROM indexed WHERE transcript_id = %s", (transcript_id,))
        self.conn.commit()

    def indexed(self) -> dict[int, str]:
        with self.conn.cursor() as cur:
            cur.execute("SELECT transcript_id, version FROM indexed")
            rows = cur.fetchall()
        self.conn.commit()
        return {int(r[0]): str(r[1]) for r in rows}

    def doc_count(self) -> int:
        with self.conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM turns")
            row = cur.fetchone()
        self.conn.commit()
        return int(row[0]) if row else 0

    def close(self) -> None:
        """The connection belongs to the caller; nothing of the engine's own to release."""
