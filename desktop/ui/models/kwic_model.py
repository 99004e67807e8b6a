"""The concordance as a table: left context | match | right context | speaker | where.

Rows are the core's `KwicLine`s, sorted (as found, by the left word, by the right word) and
filtered (speaker, turn role) here; every cell is plain text (DisplayRole), never markup.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop.core.kwic import KwicLine, KwicResult, SortKey, filtered_lines, sorted_lines
from desktop.ui.models import READ_ONLY_ROW, role_names

_Index = QModelIndex | QPersistentModelIndex
COLUMNS: Final = ("Left", "Match", "Right", "Speaker", "Where")
LEFT, MATCH, RIGHT, SPEAKER, WHERE = range(len(COLUMNS))


class KwicRoles(IntEnum):
    Line = Qt.ItemDataRole.UserRole + 1  # the KwicLine


class KwicModel(QAbstractTableModel):
    """Concordance rows of one result, in the chosen order and filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._result: KwicResult | None = None
        self._rows: list[KwicLine] = []
        self._sort = SortKey.SOURCE
        self._speaker: str | None = None
        self._role: str | None = None
        self._titles = False
        self._bold = QFont()
        self._bold.setBold(True)

    # -- state ---------------------------------------------------------------------------------

    def set_result(self, result: KwicResult | None, *, titles: bool = False) -> None:
        """Show a result; `titles` adds the transcript title to "Where" (library scope)."""
        self._result = result
        self._titles = titles
        self._refill()

    def result(self) -> KwicResult | None:
        return self._result

    def set_sort(self, key: SortKey | str) -> None:
        self._sort = SortKey(key)  # a combo box hands back the plain string
        self._refill()

    def set_filter(self, *, speaker: str | None = None, role: str | None = None) -> None:
        """Only rows of `speaker` (a name) and/or `role` ("question"/"answer"); None: all."""
        self._speaker, self._role = speaker, role
        self._refill()

    def speakers(self) -> list[str]:
        """The speakers of the result's rows, by name, for the filter."""
        lines = self._result.lines if self._result else ()
        return sorted({line.speaker for line in lines if line.speaker}, key=str.casefold)

    def lines(self) -> list[KwicLine]:
        """The rows as shown (sorted, filtered)."""
        return list(self._rows)

    def line(self, row: int) -> KwicLine:
        return self._rows[row]

    def _refill(self) -> None:
        self.beginResetModel()
        lines = list(self._result.lines) if self._result else []
        lines = filtered_lines(lines, speaker=self._speaker, role=self._role)
        self._rows = sorted_lines(lines, self._sort)
        self.endResetModel()

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return READ_ONLY_ROW if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (LEFT, MATCH, RIGHT):
            return f"{line.left}{line.match}{line.right}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = {LEFT: Qt.AlignmentFlag.AlignRight, MATCH: Qt.AlignmentFlag.AlignHCenter}
            return int(horizontal.get(column, Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)  # fmt: skip
        if role == Qt.ItemDataRole.FontRole and column == MATCH:
            return self._bold
        if role == KwicRoles.Line:
            return line
        return None

    def _text(self, line: KwicLine, column: int) -> str:
        if column == LEFT:
            return line.left.strip()
        if column == MATCH:
            return " ".join(line.match.split())
        if column == RIGHT:
            return line.right.strip()
        if column == SPEAKER:
            return line.speaker or "(no speaker)"
        where = f"turn {line.turn + 1}"
        return f"{line.title}, {where}" if self._titles else where

    def roleNames(self) -> dict[int, QByteArray]:
        return role_names(super().roleNames(), KwicRoles)
