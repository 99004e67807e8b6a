"""A list model over one `SearchResult`: a row per matching turn, best (or reading) order first.

It also knows the flat sequence of every match in its hits, so F3 / Shift+F3 can step through
matches across results and the panel can say "3 of 15". Snippets become rich text only through
`snippet_html`, which escapes the transcript's words (they are data, never markup).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.search import Hit, SearchResult
from desktop.ui.models import READ_ONLY_ROW, role_names
from desktop.ui.models.transcript_model import format_time, tooltip

_Index = QModelIndex | QPersistentModelIndex


class HitRoles(IntEnum):
    """Data roles beyond DisplayRole ("Title · Speaker: snippet", plain text)."""

    Hit = Qt.ItemDataRole.UserRole + 1  # the core Hit object
    Title = Qt.ItemDataRole.UserRole + 2  # str
    Speaker = Qt.ItemDataRole.UserRole + 3  # str ("" when the turn has no speaker)
    Snippet = Qt.ItemDataRole.UserRole + 4  # str, plain text
    SnippetMatches = Qt.ItemDataRole.UserRole + 5  # tuple of (start, end) into the snippet
    TurnIndex = Qt.ItemDataRole.UserRole + 6  # int
    Path = Qt.ItemDataRole.UserRole + 7  # str
    MatchCount = Qt.ItemDataRole.UserRole + 8  # int: matches inside this turn
    IsCurrent = Qt.ItemDataRole.UserRole + 9  # bool: holds the match F3 is on
    Header = Qt.ItemDataRole.UserRole + 10  # str: "Speaker · turn 9 · 1:23", who said it first
    Time = Qt.ItemDataRole.UserRole + 11  # str: when the turn starts ("" for untimed sources)
    Role = Qt.ItemDataRole.UserRole + 12  # str: "question" or "answer"
    Stale = Qt.ItemDataRole.UserRole + 13  # bool: from an older query (shown greyed)


def snippet_html(text: str, spans: Sequence[tuple[int, int]], background: str,
                 foreground: str) -> str:
    """The snippet as HTML with matched words marked; every piece of text is escaped."""
    out: list[str] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        out.append(html.escape(text[at:start]))
        out.append(f'<span style="background-color:{background}; color:{foreground};">'
                   f"{html.escape(text[start:end])}</span>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


class SearchResultsModel(QAbstractListModel):
    """Read-only rows of hits; `matches()` is the flat list F3 steps through."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._result: SearchResult | None = None
        self._hits: tuple[Hit, ...] = ()
        self._matches: list[tuple[int, int]] = []  # (row, match index inside the hit)
        self._current = -1
        self._titles = False
        self._starts: Callable[[int], float | None] | None = None
        self._stale = False

    # -- the result ----------------------------------------------------------------------------

    def set_result(
        self, result: SearchResult | None, *, titles: bool = False,
        starts: Callable[[int], float | None] | None = None,
    ) -> None:
        """Show another result (None: nothing searched); the current match is reset and the
        rows are no longer stale.

        With `titles` (library scope) each row also names its transcript (`Title`, shown on a
        second line); `starts` gives a turn's start time when the hits are of one timed
        transcript."""
        self.beginResetModel()
        self._result = result
        self._titles = titles
        self._starts = starts
        self._stale = False
        self._hits = result.hits if result is not None else ()
        self._matches = [
            (row, i) for row, hit in enumerate(self._hits) for i in range(len(hit.matches))
        ]
        self._current = -1
        self.endResetModel()

    def result(self) -> SearchResult | None:
        return self._result

    def set_stale(self, stale: bool) -> None:
        """Mark the rows as the answer to an older query (a newer one is being typed or run)."""
        if stale == self._stale:
            return
        self._stale = stale
        if self._hits:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._hits) - 1, 0),
                                  [HitRoles.Stale])

    def is_stale(self) -> bool:
        return self._stale

    def shows_titles(self) -> bool:
        """Whether rows name their transcript (library scope)."""
        return self._titles

    def _time(self, hit: Hit) -> str:
        start = self._starts(hit.turn) if self._starts is not None else None
        return format_time(start) if start is not None else ""

    def hit(self, row: int) -> Hit:
        return self._hits[row]

    def total(self) -> int:
        """Matching turns in the whole scope (may exceed the rows shown)."""
        return self._result.total if self._result is not None else 0

    # -- stepping through matches --------------------------------------------------------------

    def match_count(self) -> int:
        return len(self._matches)

    def current_match(self) -> int:
        """Position of the current match in `0..match_count()-1`, or -1 for none."""
        return self._current

    def match_at(self, position: int) -> tuple[Hit, int]:
        """(hit, match index inside the hit) of a position in the flat list."""
        row, i = self._matches[position]
        return self._hits[row], i

    def first_match_of_row(self, row: int) -> int:
        """The flat position of a row's first match (-1 when the hit carries no offsets)."""
        for position, (match_row, _) in enumerate(self._matches):
            if match_row == row:
                return position
        return -1

    def row_of_match(self, position: int) -> int:
        return self._matches[position][0]

    def set_current_match(self, position: int) -> None:
        """Make a match current (its row repaints as the current one)."""
        if not -1 <= position < len(self._matches):
            raise IndexError(position)
        rows = {self._matches[p][0] for p in (self._current, position) if p >= 0}
        self._current = position
        for row in rows:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [HitRoles.IsCurrent])

    def step(self, delta: int) -> int:
        """Move the current match by `delta`, wrapping around; returns the new position."""
        if not self._matches:
            return -1
        if self._current < 0:
            position = 0 if delta > 0 else len(self._matches) - 1
        else:
            position = (self._current + delta) % len(self._matches)
        self.set_current_match(position)
        return position

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return READ_ONLY_ROW

    def roleNames(self) -> dict[int, QByteArray]:
        return role_names(super().roleNames(), HitRoles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                who = f"{hit.speaker}: " if hit.speaker else ""
                return f"{hit.title} · {who}{hit.snippet}"
            case Qt.ItemDataRole.ToolTipRole:
                return tooltip(hit.title) + tooltip(  # as text: titles come from files
                    f"Turn {hit.turn + 1} · {hit.speaker or 'no speaker'}"
                )
            case HitRoles.Hit:
                return hit
            case HitRoles.Title:
                return hit.title
            case HitRoles.Speaker:
                return hit.speaker or ""
            case HitRoles.Snippet:
                return hit.snippet
            case HitRoles.SnippetMatches:
                return hit.snippet_matches
            case HitRoles.TurnIndex:
                return hit.turn
            case HitRoles.Path:
                return hit.path
            case HitRoles.MatchCount:
                return len(hit.matches)
            case HitRoles.Header:
                return " · ".join(p for p in (hit.speaker, f"turn {hit.turn + 1}",
                                              self._time(hit)) if p)
            case HitRoles.Time:
                return self._time(hit)
            case HitRoles.Role:
                return str(hit.role)
            case HitRoles.Stale:
                return self._stale
            case HitRoles.IsCurrent:
                return self._current >= 0 and self._matches[self._current][0] == index.row()
        return None
