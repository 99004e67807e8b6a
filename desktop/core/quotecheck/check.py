"""The matcher: find where a quote's words are and say how they relate to what was said.

Three steps:

1. Locate (rapidfuzz). Every word of a candidate turn becomes one character (words the quote
   does not use all become the same filler character), and `partial_ratio_alignment` finds
   the best window of each turn for the quote in C (0.6 ms against a whole 61,000-word
   transcript).
2. Align (`_script`, our own). The cheapest word edit script from the source to the quote
   around that window, with free ends: the tightest stretch and its diff (equal / insert /
   delete / replace). Why not difflib there: see `_script`.
3. Judge. All words equal under the `verbatim` rules (text.same_words) -> verbatim. Otherwise
   the quote is cut into the longest runs found word for word anywhere (difflib's
   `find_longest_match`, greedy, each run at least `MIN_PART` words): runs from two or more
   places -> stitched (unless they are one passage with only a few words silently left
   out, or with every gap marked `…`, which is an altered quote). Else a window with a
   similarity of at least `ALTERED_MIN` -> altered; else not_found, with the nearest
   windows listed.

With a speaker named, the attributed speaker's turns are judged first; words found only in
someone else's turns are `wrong_speaker`. Turns with no speaker are never counted as someone
else's.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.model import Transcript, Turn
from desktop.core.quotecheck.result import CheckResult, DiffOp, Match, Op, Verdict
from desktop.core.quotecheck.text import (
    QuoteWords,
    Token,
    quote_words,
    same_words,
    turn_keys,
    turn_tokens,
)

#: Word similarity (2 x shared words / all words, as difflib's ratio) from which a passage
#: counts as the quote altered rather than as something else: more than half the words shared.
ALTERED_MIN = 0.6
#: The fewest words a part of a stitched quote has (shorter runs are found anywhere).
MIN_PART = 3
#: Turns aligned in full after the quick rapidfuzz pass (the rest are too far off).
ALIGNED_TURNS = 12
#: Cells of word alignment (quote words x window words) spent per quote at most: a very long
#: quote (a pasted page) is aligned with fewer turns instead of taking seconds.
ALIGN_CELLS = 400_000
#: Turns searched for the parts of a stitched quote.
STITCH_TURNS = 40
#: Nearest passages listed with a `not_found` verdict.
NEAREST = 3
#: Honorifics and titles left out when a named speaker is compared with a transcript's.
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame madam president secretary minister senator "  # noqa: SIM905 (a word list reads better as text)
    "rep representative governor mayor general ambassador chancellor prime judge justice "
    "the of state us u s".split()
)


class _TurnWords:
    """A turn's keys (made at once: the quick pass needs only them) and its tokens (made
    when the turn is aligned: most candidate turns never are)."""

    __slots__ = ("_tokens", "keys", "turn")

    def __init__(self, turn: Turn) -> None:
        self.turn = turn
        self.keys = turn_keys(turn)
        self._tokens: tuple[Token, ...] | None = None

    @property
    def tokens(self) -> tuple[Token, ...]:
        if self._tokens is None:
            self._tokens = turn_tokens(self.turn)
        return self._tokens


class Place:
    """One turn a quote may come from."""

    __slots__ = ("_words", "order", "transcript", "transcript_id", "turn")

    def __init__(self, transcript: Transcript, turn: int, words: _TurnWords,
                 transcript_id: int | None = None, order: int = 0) -> None:
        self.transcript = transcript
        self.turn = turn
        self._words = words
        self.transcript_id = transcript_id
        self.order = order

    @property
    def keys(self) -> tuple[str, ...]:
        return self._words.keys

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self._words.tokens

    @property
    def speaker_name(self) -> str | None:
        speaker = self.transcript.speaker_of(self.turn)
        return speaker.name if speaker else None

    def names(self) -> set[str] | None:
        """Words of the speaker's name and aliases (lower case); None for no speaker."""
        speaker = self.transcript.speaker_of(self.turn)
        if speaker is None:
            return None
        return set(_name_words(" ".join((speaker.name, *speaker.aliases))))


@dataclass(frozen=True, slots=True)
class _Alignment:
    place: Place
    lo: int  # source token range [lo, hi)
    hi: int
    similarity: float
    diff: tuple[DiffOp, ...]
    part: tuple[int, int]  # quote token range

    @property
    def all_equal(self) -> bool:
        return all(d.op is Op.EQUAL for d in self.diff)

    @property
    def equal_steps(self) -> int:
        return sum(d.op is Op.EQUAL for d in self.diff)


_ELLIPSIS = re.compile(r"…+|\.{3,}")


# -- places ---------------------------------------------------------------------------------

_TOKEN_CACHE: OrderedDict[tuple[str, str, str, int, int], dict[int, _TurnWords]] = (
    OrderedDict()
)
_TOKEN_CACHE_SIZE = 64


def _turn_cache(transcript: Transcript) -> dict[int, _TurnWords]:
    """Tokens of the turns of one transcript seen lately (a panel checks many quotes against
    the same open transcript; a library check revisits the same candidates)."""
    source = transcript.source
    key = (source.path, source.sha256, source.format, len(transcript.turns),
           sum(len(t.text) for t in transcript.turns))
    cached = _TOKEN_CACHE.get(key)
    if cached is not None:
        _TOKEN_CACHE.move_to_end(key)
        return cached
    cached = _TOKEN_CACHE[key] = {}
    while len(_TOKEN_CACHE) > _TOKEN_CACHE_SIZE:
        _TOKEN_CACHE.popitem(last=False)
    return cached


def places_of(
    transcript: Transcript,
    turns: Iterable[int] | None = None,
    *,
    transcript_id: int | None = None,
    start_order: int = 0,
) -> list[Place]:
    """The turns of a transcript (all, or those listed) as places to look in."""
    cache = _turn_cache(transcript)
    count = len(transcript.turns)
    indexes = range(count) if turns is None else sorted(set(turns))
    places: list[Place] = []
    for i in indexes:
        if not 0 <= i < count:
            continue
        words = cache.get(i)
        if words is None:
            words = cache[i] = _TurnWords(transcript.turns[i])
        places.append(Place(transcript, i, words, transcript_id, start_order + len(places)))
    return places


# -- public entry points --------------------------------------------------------------------


def check_transcript(text: str, transcript: Transcript, speaker: str | None = None) -> CheckResult:
    """Check a quote against one transcript (every turn)."""
    return check_places(text, places_of(transcript), speaker)


def check_places(text: str, places: Sequence[Place], speaker: str | None = None) -> CheckResult:
    """Check a quote against the given turns. `speaker` is the name the quote is attributed
    to (any part of it: "Blinken", "Antony Blinken", "Secretary Blinken")."""
    words = quote_words(_unwrapped(text))
    shown = text.strip()
    if not any(t.key.isalnum() for t in words.tokens) or not places:
        return CheckResult(shown, Verdict.NOT_FOUND, (), speaker)
    wanted = set(_name_words(speaker)) if speaker else set()
    if wanted:
        own = [p for p in places if _speaks(p, wanted)]
        mine = _judge(words, own)
        if mine.verdict is not Verdict.NOT_FOUND:
            return CheckResult(shown, mine.verdict, mine.matches, speaker)
        anyone = _judge(words, places)
        if anyone.verdict is Verdict.NOT_FOUND:
            return CheckResult(shown, Verdict.NOT_FOUND, anyone.matches, speaker)
        return CheckResult(shown, Verdict.WRONG_SPEAKER, anyone.matches, speaker)
    result = _judge(words, places)
    return CheckResult(shown, result.verdict, result.matches, None)


def _unwrapped(text: str) -> str:
    """The quote without the quotation marks around it, when it is wrapped in a pair."""
    stripped = text.strip()
    pairs = ('""', "“”", "„“", "«»", "‘’", "''", "‹›", "”“", "»«", "「」", "『』")
    if len(stripped) >= 2 and stripped[0] + stripped[-1] in pairs:
        return stripped[1:-1].strip()
    return stripped


def _name_words(name: str | None) -> list[str]:
    if not name:
        return []
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", name)]
    kept = [w for w in words if w not in _TITLES]
    return kept or words


def _speaks(place: Place, wanted: set[str]) -> bool:
    names = place.names()
    return names is None or wanted <= names


# -- judging --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Judged:
    verdict: Verdict
    matches: tuple[Match, ...]


def _judge(words: QuoteWords, places: Sequence[Place]) -> _Judged:
    if not places:
        return _Judged(Verdict.NOT_FOUND, ())
    from rapidfuzz import fuzz  # here, not at the top: the window starts without loading it

    codes = _Codes(words)
    scored: list[tuple[float, int, int, Place]] = []
    for place in places:
        if not place.keys:
            continue
        encoded = codes.encode(place.keys)
        if len(encoded) < len(codes.quote):
            # A turn shorter than the quote ("Right.") is compared whole: partial_ratio would
            # find it inside the quote and call it a perfect match.
            score = fuzz.ratio(codes.quote, encoded)
            if score > 0:
                scored.append((score, 0, len(encoded), place))
            continue
        found = fuzz.partial_ratio_alignment(codes.quote, encoded)
        if found is not None and found.score > 0:
            scored.append((found.score, found.dest_start, found.dest_end, place))
    if not scored:
        return _Judged(Verdict.NOT_FOUND, ())
    scored.sort(key=lambda s: (-s[0], s[3].order))
    n = len(words.tokens)
    aligned = max(1, min(ALIGNED_TURNS, ALIGN_CELLS // (n * (n + 2 * _pad(n)))))
    alignments = [_align(words, place, lo, hi, exact=score >= 100)
                  for score, lo, hi, place in scored[:aligned]]
    alignments.sort(key=lambda a: (-a.similarity, len(a.diff) - a.equal_steps,
                                   a.place.transcript.speaker_of(a.place.turn) is None,
                                   a.place.order))
    best = alignments[0]
    if best.all_equal and best.part == (0, len(words.tokens)):
        return _Judged(Verdict.VERBATIM, (_match(words, best),))
    parts = _stitch(words, [s[3] for s in scored[:STITCH_TURNS]])
    if parts is not None and len(parts) >= 2:
        joined = _one_passage(words, parts)
        if joined is not None:
            verdict = Verdict.VERBATIM if joined.all_equal else Verdict.ALTERED
            return _Judged(verdict, (_match(words, joined),))
        return _Judged(Verdict.STITCHED, tuple(_match(words, p) for p in parts))
    if best.similarity >= ALTERED_MIN:
        others = [a for a in alignments[1:] if a.similarity >= ALTERED_MIN][: NEAREST - 1]
        return _Judged(Verdict.ALTERED, tuple(_match(words, a) for a in [best, *others]))
    return _Judged(Verdict.NOT_FOUND, tuple(_match(words, a) for a in alignments[:NEAREST]))


class _Codes:
    """Words as single characters, so rapidfuzz compares word sequences as strings. Only
    the quote's words get their own character; every other word is the same filler."""

    _FILLER = "\x01"

    def __init__(self, words: QuoteWords) -> None:
        self.map: dict[str, str] = {}
        for token in words.tokens:
            if token.key not in self.map:
                point = 0x100 + len(self.map)
                if point >= 0xD800:
                    point += 0x800  # no surrogates
                self.map[token.key] = chr(point)
        self.quote = "".join(self.map[t.key] for t in words.tokens)

    def encode(self, keys: Sequence[str]) -> str:
        get, filler = self.map.get, self._FILLER
        return "".join([get(k, filler) for k in keys])


def _pad(n: int) -> int:
    """Source words around the quick pass's window the alignment may reach into."""
    return max(4, n // 3)


def _align(words: QuoteWords, place: Place, lo: int, hi: int, *, exact: bool = False
           ) -> _Alignment:
    """The word diff of the quote with the best stretch around source tokens [lo, hi);
    `exact`: the window holds the quote's words exactly (no stretch to look for)."""
    n = len(words.tokens)
    if exact and hi - lo == n and not words.omissions:
        return _diffed(words, place, lo, hi, 0, n)
    pad = _pad(n)
    w_lo, w_hi = max(0, lo - pad), min(len(place.tokens), hi + pad)
    start, end, codes = _script(place.tokens[w_lo:w_hi], words.tokens, words, 0, free_ends=True)
    return _diffed(words, place, w_lo + start, w_lo + end, 0, n, codes)


#: Edit costs of `_script`: a word added, dropped or replaced costs `_WORD`; the same word
#: with other punctuation or case costs `_MARKS`, so of two stretches with as many changed
#: words the one closer to the letter wins.
_WORD, _MARKS = 4, 1


#: Adding the writer's own bracketed words costs less than adding words silently.
_BRACKETED_ADD = 2

#: One step of the edit script, as difflib's opcodes: (tag, a1, a2, b1, b2), a = source.
Opcode = tuple[str, int, int, int, int]


def _script(source: Sequence[Token], quote: Sequence[Token], words: QuoteWords, q_lo: int,
            *, free_ends: bool) -> tuple[int, int, list[Opcode]]:
    """The cheapest word edit script from `source` to `quote` (a slice of `words` starting at
    `q_lo`), as (start, end, opcodes) over source[start:end].

    With `free_ends`, the source's words before and after the quote cost nothing
    (semi-global alignment): the stretch found is the tightest one. Dropping words where the
    quote marks an omission costs nothing; the same word with other punctuation or case
    costs `_MARKS`, another word `_WORD`. Our own code because neither library does this:
    difflib's longest-block matching is not a cheapest script (a repeated word, or "[Miguel]"
    next to "Miguel!", drags its match to the wrong occurrence; found on real transcripts),
    and rapidfuzz aligns whole strings or fixed-length windows. Ties go to the earliest end."""
    n, m = len(quote), len(source)
    total = len(words.tokens)
    free = {j for j in range(n + 1) if q_lo + j in words.omissions}
    q_keys = [t.key for t in quote]
    q_strict = [t.strict for t in quote]
    add = [0 if t.note else _BRACKETED_ADD if t.bracketed else _WORD for t in quote]
    notes = [t.note for t in source]

    def cost(i: int, j: int) -> int:
        s = source[i]
        if s.key != q_keys[j]:
            # The writer's bracketed word standing for the source's ("[NATO]" for "It").
            return _MARKS if quote[j].bracketed else _WORD
        if s.strict == q_strict[j] or same_words(
                quote[j], s, first=q_lo + j == 0, last=q_lo + j == total - 1):
            return 0
        return _MARKS

    first = [0] * (n + 1)
    for j in range(1, n + 1):
        first[j] = first[j - 1] + add[j - 1]
    rows = [first]
    for i in range(1, m + 1):
        prev = rows[-1]
        cur = [0 if free_ends else prev[0] + (0 if 0 in free or notes[i - 1] else _WORD)]
        cur += [0] * n
        for j in range(1, n + 1):
            best = prev[j - 1] + cost(i - 1, j - 1)
            dropped = prev[j] + (0 if j in free or notes[i - 1] else _WORD)
            if dropped < best:
                best = dropped
            added = cur[j - 1] + add[j - 1]
            if added < best:
                best = added
            cur[j] = best
        rows.append(cur)
    end = min(range(m + 1), key=lambda i: (rows[i][n], i)) if free_ends else m
    steps: list[tuple[str, int, int]] = []  # (kind, source index, quote index), backwards
    i, j = end, n
    while j > 0 or (i > 0 and not free_ends):
        here = rows[i][j]
        if i > 0 and j > 0 and here == rows[i - 1][j - 1] + cost(i - 1, j - 1):
            steps.append(("equal" if cost(i - 1, j - 1) == 0 else "replace", i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i > 0 and here == rows[i - 1][j] + (0 if j in free or notes[i - 1] else _WORD):
            kind = "note" if notes[i - 1] else "omitted" if j in free else "delete"
            steps.append((kind, i - 1, j))
            i -= 1
        else:
            steps.append(("insert", i, j - 1))
            j -= 1
    start = i
    steps.reverse()
    return start, end, _opcodes(steps, start, quote)


def _opcodes(steps: list[tuple[str, int, int]], start: int, quote: Sequence[Token]
             ) -> list[Opcode]:
    """Steps grouped as difflib-style opcodes (source offsets from `start`): runs of equal
    words; words left out at an omission mark on their own; the writer's bracketed words on
    their own; other changes in a row as one delete, insert or replace."""
    def group(kind: str, j: int) -> str:
        if kind in ("equal", "omitted", "note"):
            return kind
        if kind == "insert" and quote[j].note:
            return "sic"
        if kind == "insert" and quote[j].bracketed:
            return "bracketed"
        return "change"

    codes: list[Opcode] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        if not run:
            return
        kinds = {k for k, _, _ in run}
        a = [i for k, i, _ in run if k != "insert"]
        b = [j for k, _, j in run if k not in ("delete", "omitted", "note")]
        a1 = min(a) - start if a else (run[0][1] - start)
        a2 = max(a) + 1 - start if a else a1
        b1 = min(b) if b else run[0][2]
        b2 = max(b) + 1 if b else b1
        if kinds == {"equal"}:
            tag = "equal"
        elif kinds == {"note"}:
            tag = "note"
        elif kinds == {"insert"} and all(quote[j].note for _, _, j in run):
            tag = "sic"
        elif kinds <= {"delete", "omitted"}:
            tag = "delete"
        elif kinds == {"insert"}:
            tag = "insert"
        else:
            tag = "replace"
        codes.append((tag, a1, a2, b1, b2))
        run.clear()

    current = ""
    for kind, i, j in steps:
        kind_group = group(kind, j)
        if run and kind_group != current:
            flush()
        current = kind_group
        run.append((kind, i, j))
    flush()
    return codes


def _diffed(words: QuoteWords, place: Place, s_lo: int, s_hi: int, q_lo: int,
            q_hi: int, codes: list[Opcode] | None = None) -> _Alignment:
    """The diff of quote tokens [q_lo, q_hi) with source tokens [s_lo, s_hi) (`codes`: the
    edit script when already known)."""
    source = place.tokens[s_lo:s_hi]
    quote = words.tokens[q_lo:q_hi]
    n = len(words.tokens)
    if codes is None:
        _, _, codes = _script(source, quote, words, q_lo, free_ends=False)
    ops: list[DiffOp] = []
    noted = 0
    for tag, a1, a2, b1, b2 in codes:
        if tag == "sic":  # the quote's "[sic]": it adds no words
            ops.append(DiffOp(Op.EQUAL, words.text[quote[b1].start : quote[b2 - 1].end], ""))
            noted += b2 - b1
            continue
        if tag == "note":  # the source's note, not speech, left out of the quote
            text = place.transcript.turns[place.turn].text
            ops.append(DiffOp(Op.EQUAL, "", text[source[a1].start : source[a2 - 1].end]))
            noted += a2 - a1
            continue
        if tag == "equal":
            run_start = 0
            for k in range(a2 - a1):
                q_index = q_lo + b1 + k
                if not same_words(quote[b1 + k], source[a1 + k], first=q_index == 0,
                                  last=q_index == n - 1):
                    if k > run_start:
                        ops.append(_op(Op.EQUAL, quote[b1 + run_start : b1 + k],
                                       source[a1 + run_start : a1 + k], words, place))
                    ops.append(_op(Op.REPLACE, quote[b1 + k : b1 + k + 1],
                                   source[a1 + k : a1 + k + 1], words, place))
                    run_start = k + 1
            if a2 - a1 > run_start:
                ops.append(_op(Op.EQUAL, quote[b1 + run_start : b2], source[a1 + run_start : a2],
                               words, place))
            continue
        op = {"delete": Op.DELETE, "insert": Op.INSERT, "replace": Op.REPLACE}[tag]
        marked = _is_marked(op, quote[b1:b2], q_lo + b1, words)
        if marked and op is Op.DELETE and all(_ELLIPSIS.fullmatch(t.key) for t in source[a1:a2]):
            # The source's own ellipsis, quoted as it stands.
            text = place.transcript.turns[place.turn].text
            said = text[source[a1].start : source[a2 - 1].end]
            ops.append(DiffOp(Op.EQUAL, said, said))
            continue
        ops.append(_op(op, quote[b1:b2], source[a1:a2], words, place, marked))
    # Words left out where the quote marks an omission are not counted against it.
    left_out = sum(a2 - a1 for tag, a1, a2, b1, _ in codes
                   if tag == "delete" and q_lo + b1 in words.omissions)
    size = len(source) - left_out - noted + len(quote)
    shared = sum(
        sum(source[a1 + k].key == quote[b1 + k].key for k in range(min(a2 - a1, b2 - b1)))
        for tag, a1, a2, b1, b2 in codes if tag in ("equal", "replace")
    )
    similarity = 2.0 * shared / size if size else 0.0
    return _Alignment(place, s_lo, s_hi, similarity, tuple(ops), (q_lo, q_hi))


def _is_marked(op: Op, quote: Sequence[Token], at: int, words: QuoteWords) -> bool:
    """A change the quote shows: dropped words where it has an omission mark, or its own
    words all in square brackets."""
    if op is Op.DELETE:
        return at in words.omissions
    return bool(quote) and all(t.bracketed for t in quote)


def _op(op: Op, quote: Sequence[Token], source: Sequence[Token], words: QuoteWords,
        place: Place, marked: bool = False) -> DiffOp:
    text = place.transcript.turns[place.turn].text
    return DiffOp(
        op,
        words.text[quote[0].start : quote[-1].end] if quote else "",
        text[source[0].start : source[-1].end] if source else "",
        marked,
    )


# -- stitched quotes ------------------------------------------------------------------------


def _stitch(words: QuoteWords, places: Sequence[Place]) -> list[_Alignment] | None:
    """The quote as runs of words each found word for word in one place (longest first),
    in the quote's order; None when some words are in no run of `MIN_PART` words."""
    keys = words.keys
    matcher = difflib.SequenceMatcher(None, [], keys, autojunk=False)
    place_keys = [p.keys for p in places]
    parts: list[_Alignment] = []
    segments = [(0, len(keys))]
    while segments:
        lo, hi = segments.pop()
        if not any(k.isalnum() for k in keys[lo:hi]) or all(
            t.bracketed for t in words.tokens[lo:hi]
        ):
            continue  # punctuation or the writer's own bracketed words: nothing to find
        best: tuple[int, int, int, int] | None = None  # (size, -order, a, b)
        best_place: Place | None = None
        for place, pk in zip(places, place_keys, strict=True):
            matcher.set_seq1(pk)
            found = matcher.find_longest_match(0, len(pk), lo, hi)
            if found.size and (best is None or (found.size, -place.order) > best[:2]):
                best, best_place = (found.size, -place.order, found.a, found.b), place
        if best is None or best_place is None or best[0] < min(MIN_PART, len(keys)):
            return None
        size, _, a, b = best
        parts.append(_diffed(words, best_place, a, a + size, b, b + size))
        segments.extend([(lo, b), (b + size, hi)])
    parts.sort(key=lambda p: p.part)
    return _joined(words, parts)


def _joined(words: QuoteWords, parts: list[_Alignment]) -> list[_Alignment]:
    """Neighbouring parts that continue each other in one turn made one (only the writer's
    bracketed words, or a note that is not speech, stood between them)."""
    joined: list[_Alignment] = []
    for part in parts:
        last = joined[-1] if joined else None
        if (last is not None and last.place is part.place and part.lo == last.hi
                and all(t.bracketed for t in words.tokens[last.part[1] : part.part[0]])):
            joined[-1] = _diffed(words, part.place, last.lo, part.hi, last.part[0], part.part[1])
        else:
            joined.append(part)
    return joined


def _one_passage(words: QuoteWords, parts: Sequence[_Alignment]) -> _Alignment | None:
    """The parts as one passage, when they are in one turn, in order, and the words between
    them are either marked as left out (`…`) or only a few (an altered quote, not a stitched
    one); None otherwise."""
    place = parts[0].place
    if any(p.place is not place for p in parts):
        return None
    silent = 0
    for before, after in itertools.pairwise(parts):
        if after.lo < before.hi:
            return None
        if after.part[0] not in words.omissions:
            silent += after.lo - before.hi
    if silent > max(2, len(words.tokens) // 5):
        return None
    return _diffed(words, place, parts[0].lo, parts[-1].hi, 0, len(words.tokens))


def _match(words: QuoteWords, alignment: _Alignment) -> Match:
    place = alignment.place
    tokens = place.tokens
    text = place.transcript.turns[place.turn].text
    q_lo, q_hi = alignment.part
    quote_tokens = words.tokens[q_lo:q_hi]
    if alignment.hi > alignment.lo:
        start, end = tokens[alignment.lo].start, tokens[alignment.hi - 1].end
        if quote_tokens:  # the source's marks at the ends only when the quote has them too
            if not _edge(quote_tokens[0].text, lead=True):
                start += len(_edge(text[start:end], lead=True))
            if not _edge(quote_tokens[-1].text, lead=False):
                end -= len(_edge(text[start:end], lead=False))
            if end <= start:
                start, end = tokens[alignment.lo].start, tokens[alignment.hi - 1].end
    else:
        start = end = tokens[alignment.lo].start if alignment.lo < len(tokens) else len(text)
    diff = _clipped(alignment, start, end)
    part = (quote_tokens[0].start, quote_tokens[-1].end) if quote_tokens else (0, 0)
    return Match(
        path=place.transcript.source.path,
        title=place.transcript.title,
        turn=place.turn,
        speaker=place.speaker_name,
        start=start,
        end=end,
        text=text[start:end],
        similarity=alignment.similarity,
        diff=diff,
        transcript_id=place.transcript_id,
        part=part,
    )


def _clipped(alignment: _Alignment, start: int, end: int) -> tuple[DiffOp, ...]:
    """The diff with the source marks left out of the passage left out of it too."""
    if alignment.hi <= alignment.lo:
        return alignment.diff
    tokens = alignment.place.tokens
    head = start - tokens[alignment.lo].start
    tail = tokens[alignment.hi - 1].end - end
    ops = list(alignment.diff)
    sourced = [i for i, d in enumerate(ops) if d.source]
    if not sourced:
        return alignment.diff
    first, last = sourced[0], sourced[-1]
    if head and len(ops[first].source) > head:
        ops[first] = dataclasses.replace(ops[first], source=ops[first].source[head:])
    if tail and len(ops[last].source) > tail:
        ops[last] = dataclasses.replace(ops[last], source=ops[last].source[:-tail])
    return tuple(ops)


def _edge(text: str, *, lead: bool) -> str:
    """The punctuation at the start (`lead`) or end of a text."""
    match = re.match(r"[\W_]*", text) if lead else re.search(r"[\W_]*$", text)
    return match.group(0) if match else ""
