"""Keyword in context (a concordance): every occurrence of a query as one aligned row,
left context | match | right context, with the transcript, turn and speaker.

The occurrences are the search engine's own matches (the same query language, stemming,
phrases, prefixes and fuzzy words as the search box): one transcript is searched in memory
(`search_transcript`), the library through its index. This module only cuts the context
around each match and sorts rows the way corpus linguists read them (by the words just left
or just right of the match).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.model import Transcript
from desktop.core.search import Hit, SearchEngine, search_transcript

#: Characters of context on each side by default.
DEFAULT_WIDTH = 40
#: Rows a library-wide concordance lists by default (the total counts them all).
DEFAULT_LIMIT = 200
#: Matching turns whose occurrences a library-wide concordance counts: reading a turn's
#: matches costs ~0.4 ms, so a word in 40,000 turns would take 16 s to count exactly. Beyond
#: this many turns the total counts the best ones and says it is incomplete.
COUNT_TURNS = 2_000
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


class SortKey(StrEnum):
    """How rows are ordered: as found, or by the words left / right of the match."""

    SOURCE = "source"
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One occurrence. `match` is the source's words exactly as written (`turn.text[start:
    end]`); `left`/`right` are one-line context (white space collapsed, cut at a word)."""

    path: str
    title: str
    turn: int
    speaker: str | None
    role: str
    left: str
    match: str
    right: str
    start: int
    end: int
    transcript_id: int | None = None

    def to_json_dict(self) -> dict[str, object]:
        """One line of the `verbatim kwic --json` contract."""
        return {
            "path": self.path,
            "title": self.title,
            "turn": self.turn,
            "speaker": self.speaker,
            "role": self.role,
            "left": self.left,
            "match": self.match,
            "right": self.right,
        }


@dataclass(frozen=True, slots=True)
class KwicResult:
    """The rows shown and the number of occurrences in the whole scope.

    `turns` is the number of matching turns (exact); `complete` is False when there were more
    than `COUNT_TURNS` of them and `total` counts the occurrences in the best ones only."""

    query: str
    total: int
    lines: tuple[KwicLine, ...]
    turns: int = 0
    complete: bool = True

    def to_json_dict(self) -> dict[str, object]:
        """The `verbatim kwic --json` contract."""
        return {
            "query": self.query,
            "total": self.total,
            "turns": self.turns,
            "complete": self.complete,
            "lines": [line.to_json_dict() for line in self.lines],
        }


def left_context(text: str, start: int, width: int) -> str:
    """Up to `width` characters before `start`, on one line (white space collapsed), without
    a cut word at the left; the space before the match is kept (it is the source's)."""
    line = _SPACE.sub(" ", text[max(0, start - 2 * width - 1) : start])
    if len(line) > width:
        kept = line[-width:]
        if line[-width - 1] != " ":  # the window starts inside a word: drop that word
            space = kept.find(" ")
            kept = kept[space + 1 :] if space >= 0 else ""
        line = kept
    return line.lstrip()


def right_context(text: str, end: int, width: int) -> str:
    """Up to `width` characters after `end`, on one line, without a cut word at the right."""
    line = _SPACE.sub(" ", text[end : end + 2 * width + 1])
    if len(line) > width:
        kept = line[:width]
        if line[width] != " ":
            space = kept.rfind(" ")
            kept = kept[:space] if space >= 0 else ""
        line = kept
    return line.rstrip()


def lines_of_hit(hit: Hit, text: str, width: int = DEFAULT_WIDTH) -> list[KwicLine]:
    """One row per match of a search hit, `text` being the hit's turn text."""
    rows = []
    for start, end in hit.matches:
        if not 0 <= start < end <= len(text):
            continue  # the turn changed since it was indexed
        rows.append(
            KwicLine(
                path=hit.path,
                title=hit.title,
                turn=hit.turn,
                speaker=hit.speaker,
                role=str(hit.role),
                left=left_context(text, start, width),
                match=text[start:end],
                right=right_context(text, end, width),
                start=start,
                end=end,
                transcript_id=hit.transcript_id,
            )
        )
    return rows


def kwic_transcript(
    transcript: Transcript, query: str, *, width: int = DEFAULT_WIDTH
) -> KwicResult:
    """Every occurrence of `query` in one transcript, in reading order.

    Raises `QuerySyntaxError` for a malformed query."""
    result = search_transcript(transcript, query)
    lines: list[KwicLine] = []
    for hit in result.hits:
        lines += lines_of_hit(hit, transcript.turns[hit.turn].text, width)
    return KwicResult(query, len(lines), tuple(lines), turns=result.total)


def kwic_library(
    engine: SearchEngine,
    query: str,
    load: Callable[[int], Transcript],
    *,
    width: int = DEFAULT_WIDTH,
    limit: int | None = DEFAULT_LIMIT,
    transcript_ids: Iterable[int] | None = None,
    cancelled: Callable[[], bool] | None = None,
    count_turns: int | None = COUNT_TURNS,
) -> KwicResult:
    """The occurrences of `query` in the best-matching turns of the library (at most
    `limit` rows) and the total number of occurrences in every matching turn (in the best
    `count_turns` of them when there are more: then `complete` is False).

    `load(transcript_id)` gives the transcript a hit came from (its turn text gives the
    context; `Library.transcript`). Raises `QuerySyntaxError` for a malformed query."""
    fetch = None if count_turns is None else max(count_turns, limit or 0)
    result = engine.search(query, transcript_ids=transcript_ids, limit=fetch)
    total = sum(len(hit.matches) for hit in result.hits)
    loaded: dict[int, Transcript | None] = {}
    lines: list[KwicLine] = []
    for hit in result.hits:
        if limit is not None and len(lines) >= limit:
            break
        if cancelled is not None and cancelled():
            break
        text = _turn_text(hit, load, loaded)
        if text is not None:
            lines += lines_of_hit(hit, text, width)
    if limit is not None:
        lines = lines[:limit]
    complete = len(result.hits) >= result.total
    return KwicResult(query, total, tuple(lines), turns=result.total, complete=complete)


def _turn_text(
    hit: Hit, load: Callable[[int], Transcript], loaded: dict[int, Transcript | None]
) -> str | None:
    if hit.transcript_id is None:
        return None
    if hit.transcript_id not in loaded:
        try:
            loaded[hit.transcript_id] = load(hit.transcript_id)
        except Exception:  # a file gone or unreadable since indexing: skip its rows
            loaded[hit.transcript_id] = None
    transcript = loaded[hit.transcript_id]
    if transcript is None or hit.turn >= len(transcript.turns):
        return None
    return transcript.turns[hit.turn].text


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def sort_key(line: KwicLine, key: SortKey) -> tuple[object, ...]:
    """Rows by the first word left of the match (then the second…), or right of it."""
    if key is SortKey.LEFT:
        return (tuple(reversed(_words(line.left))), line.match.casefold())
    if key is SortKey.RIGHT:
        return (tuple(_words(line.right)), line.match.casefold())
    return ()


def sorted_lines(lines: Sequence[KwicLine], key: SortKey) -> list[KwicLine]:
    """The rows in `key` order (stable: equal keys keep reading order)."""
    if key is SortKey.SOURCE:
        return list(lines)
    return sorted(lines, key=lambda line: sort_key(line, key))


def filtered_lines(
    lines: Iterable[KwicLine], *, speaker: str | None = None, role: str | None = None
) -> list[KwicLine]:
    """The rows of one speaker (case-insensitive name) and/or one turn role."""
    out = []
    for line in lines:
        if speaker is not None and (line.speaker or "").casefold() != speaker.casefold():
            continue
        if role is not None and line.role != role:
            continue
        out.append(line)
    return out


CSV_COLUMNS = ("title", "turn", "speaker", "left", "match", "right", "path")


def csv_rows(lines: Iterable[KwicLine]) -> list[list[str]]:
    """Header and rows for a CSV export (turn numbers 1-based, as the window shows them);
    a cell a spreadsheet would run as a formula ("- It is me", "=…") is neutralised."""
    from desktop.core.export.spreadsheet import neutralise

    rows = [list(CSV_COLUMNS)]
    for line in lines:
        cells = [line.title, str(line.turn + 1), line.speaker or "", line.left,
                 _SPACE.sub(" ", line.match), line.right, line.path]  # fmt: skip
        rows.append([neutralise(cell) for cell in cells])
    return rows


def markdown(lines: Iterable[KwicLine], query: str) -> str:
    """A Markdown table of the rows; cells escaped (transcript text is data, never markup)."""
    from desktop.core.export.plaintext import md_escape

    def cell(text: str) -> str:
        return md_escape(text)  # escapes | too, so a cell never splits

    out = [f"Keyword in context: {md_escape(query)}", "",
           "| Left | Match | Right | Speaker | Source |", "|---:|:---:|:---|---|---|"]  # fmt: skip
    for line in lines:
        where = f"{line.title}, turn {line.turn + 1}"
        out.append(
            f"| {cell(line.left)} | **{cell(_SPACE.sub(' ', line.match))}** | "
            f"{cell(line.right)} | {cell(line.speaker or '')} | {cell(where)} |"
        )
    return "\n".join(out) + "\n"
