"""The quote board as a Qt list model over the quotes stored in the library database.

The store (`desktop.core.quote_store.QuoteStore`) is the truth: the model holds a snapshot of
`store.quotes(text=filter)` and every change it makes (drag-and-drop order) is written to the
store at once. Rows are never removed through the model (`removeRows` is not implemented), so
a view's drag-and-drop clean-up can never delete a quote: removal goes through the controller.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.core.workspace import BoardQuote, QuoteNotStoredError, QuoteStore
from desktop.ui.messages import STATUS_SENTENCES
from desktop.ui.models import role_names

#: MIME type of dragged board rows: a JSON list of quote ids.
MIME_TYPE: Final = "application/x-verbatim-quote-ids"

Index = QModelIndex | QPersistentModelIndex


class QuoteRoles(IntEnum):
    """Data roles beyond Qt's own (views and tests read quotes through these)."""

    Id = Qt.ItemDataRole.UserRole + 1
    Words = Qt.ItemDataRole.UserRole + 2
    Speaker = Qt.ItemDataRole.UserRole + 3
    SourceTitle = Qt.ItemDataRole.UserRole + 4
    Locator = Qt.ItemDataRole.UserRole + 5
    Note = Qt.ItemDataRole.UserRole + 6
    Tags = Qt.ItemDataRole.UserRole + 7
    Stale = Qt.ItemDataRole.UserRole + 8
    Status = Qt.ItemDataRole.UserRole + 9
    Item = Qt.ItemDataRole.UserRole + 10


class QuoteModel(QAbstractListModel):
    """Board quotes in board order, optionally filtered by a text (words, note, speaker, tags)."""

    #: The board order was saved: (ids before, ids after), for undo.
    orderChanged = Signal(list, list)

    def __init__(self, store: QuoteStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._items: list[BoardQuote] = []
        self._filter = ""
        self._titles: dict[str, str] = {}
        #: Per source path: speaker label -> the person citations name for it.
        self._people: dict[str, dict[str, str]] = {}
        self._status: dict[int, str] = {}
        self.reload()

    # -- API ----------------------------------------------------------------------------------

    @property
    def store(self) -> QuoteStore:
        return self._store

    def reload(self) -> None:
        """Read the board again from the store (after adds, removals, other windows' edits)."""
        self.beginResetModel()
        self._items = self._store.quotes(text=self._filter or None)
        self.endResetModel()

    def filter_text(self) -> str:
        return self._filter

    def set_filter(self, text: str) -> None:
        """Show only quotes whose words, note, speaker or tags contain `text` (any case)."""
        text = text.strip()
        if text != self._filter:
            self._filter = text
            self.reload()

    def item(self, row: int) -> BoardQuote:
        return self._items[row]

    def items(self) -> list[BoardQuote]:
        """The quotes shown, in board order."""
        return list(self._items)

    def row_of(self, quote_id: int) -> int | None:
        for row, item in enumerate(self._items):
            if item.id == quote_id:
                return row
        return None

    def update_item(self, item: BoardQuote) -> None:
        """Show a changed quote (note, tags, stale flag, new anchor) without a reset."""
        row = self.row_of(item.id)
        if row is not None:
            self._items[row] = item
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def set_titles(self, titles: Mapping[str, str]) -> None:
        """Source titles by source path (file names are shown until a title is known)."""
        self._titles.update(titles)
        self._all_changed()

    def set_people(self, people: Mapping[str, Mapping[str, str]]) -> None:
        """Who citations name for each speaker label, per source path (rows show people)."""
        self._people.update({path: dict(names) for path, names in people.items()})
        self._all_changed()

    def speaker_name(self, quote_path: str, label: str | None) -> str:
        """The person a row names for its speaker label; the label when nobody is named."""
        if not label:
            return ""
        return self._people.get(quote_path, {}).get(label) or label

    def source_title(self, path: str) -> str:
        return self._titles.get(path) or Path(path.replace("\\", "/")).stem or path

    def set_statuses(self, statuses: Mapping[int, str]) -> None:
        """Verification results by quote id: "exact", "moved", "changed", "missing", "no-source"."""
        self._status.update(statuses)
        self._all_changed()

    def status(self, quote_id: int) -> str:
        """The last known verification result, "stale" for a flag from an earlier session,
        "" when nothing is known to be wrong."""
        known = self._status.get(quote_id)
        if known is not None and known != "exact":
            return known
        row = self.row_of(quote_id)
        if known is None and row is not None and self._items[row].stale:
            return "stale"
        return ""

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items) or index.column():
            return None
        item = self._items[index.row()]
        quote = item.quote
        if role in (Qt.ItemDataRole.DisplayRole, QuoteRoles.Words):
            return quote.words()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.DecorationRole:
            if self.status(item.id):
                # Imported here: QStyle's enums cost ~5 ms of a launch that shows no warning.
                from PySide6.QtWidgets import QApplication, QStyle

                return QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxWarning
                )
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"“{quote.words()}” — {self._meta(item)}"
        if role == QuoteRoles.Id:
            return item.id
        if role == QuoteRoles.Speaker:
            return self.speaker_name(quote.source_path, quote.speaker)
        if role == QuoteRoles.SourceTitle:
            return self.source_title(quote.source_path)
        if role == QuoteRoles.Locator:
            return quote.locator.text if quote.locator else ""
        if role == QuoteRoles.Note:
            return item.note
        if role == QuoteRoles.Tags:
            return list(item.tags)
        if role == QuoteRoles.Stale:
            return bool(self.status(item.id))
        if role == QuoteRoles.Status:
            return self.status(item.id)
        if role == QuoteRoles.Item:
            return item
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return role_names(super().roleNames(), QuoteRoles)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # -- drag and drop: reorder, persisted -----------------------------------------------------

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._items[r].id for r in rows if 0 <= r < len(self._items)]
        data = QMimeData()
        data.setData(MIME_TYPE, json.dumps(ids).encode("ascii"))
        words = [self._items[r].quote.words() for r in rows if 0 <= r < len(self._items)]
        data.setText("\n\n".join(words))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME_TYPE) and action in (
            Qt.DropAction.MoveAction,
            Qt.DropAction.IgnoreAction,
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Board rows dropped before `row` (or onto `parent`): moved there, order saved."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            ids = [int(i) for i in json.loads(bytes(data.data(MIME_TYPE).data()).decode())]
        except (ValueError, TypeError):
            return False
        if parent.isValid():
            row = parent.row()
        if row < 0 or row > len(self._items):
            row = len(self._items)
        visible = [item.id for item in self._items]
        moving = [i for i in dict.fromkeys(ids) if i in set(visible)]
        if not moving:
            return False
        after = [i for i in visible[row:] if i not in moving]
        rest = [i for i in visible if i not in moving]
        at = rest.index(after[0]) if after else len(rest)
        order = rest[:at] + moving + rest[at:]
        self._persist(order)
        self.reload()
        return True

    def moveRows(
        self,
        sourceParent: Index,
        sourceRow: int,
        count: int,
        destinationParent: Index,
        destinationChild: int,
    ) -> bool:
        """Move rows within the board (QListView's internal drag and drop calls this)."""
        if sourceParent.isValid() or destinationParent.isValid() or count <= 0:
            return False
        if sourceRow < 0 or sourceRow + count > len(self._items):
            return False
        if not 0 <= destinationChild <= len(self._items):
            return False
        if sourceRow <= destinationChild <= sourceRow + count:
            return False  # onto itself: nothing to do
        if not self.beginMoveRows(
            QModelIndex(), sourceRow, sourceRow + count - 1, QModelIndex(), destinationChild
        ):
            return False
        moving = self._items[sourceRow : sourceRow + count]
        rest = self._items[:sourceRow] + self._items[sourceRow + count :]
        at = destinationChild if destinationChild < sourceRow else destinationChild - count
        self._items = rest[:at] + moving + rest[at:]
        self.endMoveRows()
        self._persist([item.id for item in self._items])
        return True

    def move_quote(self, quote_id: int, row: int) -> bool:
        """Move one quote to `row` of the rows shown (keyboard reordering, tests)."""
        current = self.row_of(quote_id)
        if current is None:
            return False
        destination = row + 1 if row > current else row
        return self.moveRows(QModelIndex(), current, 1, QModelIndex(), destination)

    # -- helpers ---------------------------------------------------------------------------------

    def _persist(self, visible_order: Sequence[int]) -> None:
        """Save the order of the rows shown: with a filter, the shown quotes swap places among
        the board positions they already hold and hidden quotes stay where they are."""
        full = [item.id for item in self._store.quotes()]
        present = set(full)
        shown = [i for i in visible_order if i in present]
        slots = set(shown)
        queue = iter(shown)
        order = [next(queue) if i in slots else i for i in full]
        try:
            self._store.reorder(order)
        except QuoteNotStoredError:  # removed meanwhile (another window): show the truth
            self.reload()
            return
        self.orderChanged.emit(full, order)

    def _meta(self, item: BoardQuote) -> str:
        quote = item.quote
        parts = [
            self.speaker_name(quote.source_path, quote.speaker) or "Unattributed",
            quote.locator.text if quote.locator else "",
            self.source_title(quote.source_path),
        ]
        return " · ".join(p for p in parts if p)

    def _tooltip(self, item: BoardQuote) -> str:
        """Rich text built from escaped pieces: quoted words are data, never markup."""
        lines = [f"“{html.escape(item.quote.words())}”", html.escape(self._meta(item))]
        if item.tags:
            lines.append(html.escape("Tags: " + ", ".join(item.tags)))
        if item.note:
            lines.append(f"<i>{html.escape(item.note)}</i>")
        status = self.status(item.id)
        if status:
            lines.append(f"<b>{html.escape(STATUS_SENTENCES.get(status, status))}</b>")
        return "<p>" + "<br>".join(lines) + "</p>"

    def _all_changed(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))


def ids_of(items: Iterable[BoardQuote]) -> list[int]:
    return [item.id for item in items]
