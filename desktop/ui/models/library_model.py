"""A table model over the library's entries, and the filter the library dock puts in front of it.

Columns: title, date, outlet, speakers, turns. Entries whose file is missing or changed beyond
re-import stay listed (the stored copy is still readable and searchable), greyed with a warning
icon and a tooltip that says what happened.
"""

from __future__ import annotations

import re
from enum import IntEnum
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from desktop.core.workspace import LibraryEntry, Status, same_source
from desktop.ui.models import READ_ONLY_ROW, role_names
from desktop.ui.models.transcript_model import tooltip

_Index = QModelIndex | QPersistentModelIndex

COLUMNS: Final = ("Title", "Date", "Outlet", "Speakers", "Turns")
TITLE, DATE, OUTLET, SPEAKERS, TURNS = range(len(COLUMNS))

_STATUS_TIPS: Final = {
    Status.MISSING: "The file is missing (moved or deleted). Its stored copy can still be "
    "opened and searched; add the file again from its new place to reconnect it.",
    Status.CHANGED: "The file changed and can no longer be read as a transcript. The last "
    "good copy is shown and searched.",
}


class LibraryRoles(IntEnum):
    Entry = Qt.ItemDataRole.UserRole + 1  # the core LibraryEntry
    EntryId = Qt.ItemDataRole.UserRole + 2  # int
    Path = Qt.ItemDataRole.UserRole + 3  # str
    Status = Qt.ItemDataRole.UserRole + 4  # "ok", "missing", "changed"
    SortKey = Qt.ItemDataRole.UserRole + 5  # str or int, what the column sorts by
    FilterText = Qt.ItemDataRole.UserRole + 6  # lower-case words the filter box matches


class LibraryModel(QAbstractTableModel):
    """Read-only rows of `LibraryEntry`, replaced as a whole when the library changes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[LibraryEntry] = []
        self._current: str | None = None  # the path of the transcript shown in the window

    def set_current(self, path: str | None) -> None:
        """Mark the entry of the transcript the window shows (bold, "shown in the reader")."""
        self._current = path
        if self._entries:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._entries) - 1, len(COLUMNS) - 1))

    def is_current(self, row: int) -> bool:
        return self._current is not None and same_source(self._entries[row].path, self._current)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    def entry(self, row: int) -> LibraryEntry:
        return self._entries[row]

    def row_of(self, entry_id: int) -> int:
        """The row of an entry id, or -1."""
        return next((r for r, e in enumerate(self._entries) if e.id == entry_id), -1)

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return READ_ONLY_ROW

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return role_names(super().roleNames(), LibraryRoles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        flagged = entry.status is not Status.OK
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return _display(entry, column)
            case Qt.ItemDataRole.ToolTipRole:
                tip = _STATUS_TIPS.get(entry.status)  # as text: a path may hold `<b>`
                shown = tooltip("Shown in the reader.") if self.is_current(index.row()) else ""
                return tooltip(entry.path) + (tooltip(tip) if tip else "") + shown
            case Qt.ItemDataRole.FontRole if self.is_current(index.row()):
                font = QFont(QApplication.font())
                font.setBold(True)
                return font
            case Qt.ItemDataRole.DecorationRole if column == TITLE and flagged:
                style = QApplication.style()
                if style is None:  # no QApplication (a bare model in a test)
                    return None
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            case Qt.ItemDataRole.ForegroundRole if flagged:
                return QApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            case Qt.ItemDataRole.TextAlignmentRole if column == TURNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            case LibraryRoles.Entry:
                return entry
            case LibraryRoles.EntryId:
                return entry.id
            case LibraryRoles.Path:
                return entry.path
            case LibraryRoles.Status:
                return str(entry.status)
            case LibraryRoles.SortKey:
                if column == TURNS:
                    return entry.turns
                if column == DATE:
                    return entry.date or ""
                return _display(entry, column).casefold()
            case LibraryRoles.FilterText:
                return " ".join(
                    (entry.title, entry.date or "", entry.outlet or "", *entry.speakers,
                     Path(entry.path).name)
                ).casefold()
        return None


_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec")
_ISO_DATE: Final = re.compile(r"(?:(\d{4})|-)-(\d{2})(?:-(\d{2}))?$|(\d{4})$")


def date_text(iso: str | None) -> str:
    """One format for every date, day month year as the reader's header has it: "1 Feb 2021",
    "Feb 2021", "2021", and "2 Dec" for a day the source gives without a year ("--12-02").
    Anything else is shown as the source gave it (the column sorts by the ISO value)."""
    if not iso:
        return ""
    match = _ISO_DATE.match(iso[:10])
    if match is None:
        return iso
    year, month, day, year_only = match.groups()
    if year_only:
        return year_only
    if not 1 <= int(month) <= 12:
        return iso
    parts = [str(int(day))] if day else []
    parts.append(_MONTHS[int(month) - 1])
    if year:
        parts.append(year)
    return " ".join(parts)


def _display(entry: LibraryEntry, column: int) -> str:
    if column == TITLE:
        return entry.title
    if column == DATE:
        return date_text(entry.date)
    if column == OUTLET:
        return entry.outlet or ""
    if column == SPEAKERS:
        return ", ".join(entry.speakers)
    return str(entry.turns)


class LibraryFilterModel(QSortFilterProxyModel):
    """Keeps the rows whose title, date, outlet, speakers or file name hold every typed word."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self.setSortRole(LibraryRoles.SortKey)
        self.setDynamicSortFilter(True)

    def set_filter_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = model.index(source_row, TITLE, source_parent).data(LibraryRoles.FilterText)
        return isinstance(haystack, str) and all(word in haystack for word in self._words)
