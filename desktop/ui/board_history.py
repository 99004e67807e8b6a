"""Undo and redo for the quote board: removing quotes, reordering them, editing notes and tags.

A quote removed by mistake is the user's research lost, so every change to the board is a
`QUndoCommand` on one `QUndoStack` (Edit › Undo, Ctrl+Z; the board's message bar offers
"Undo" after a removal). Commands work through the store's public operations only: a removed
quote comes back as a new row (with its words, anchor, note, tags and place in the order), so
the ids commands hold are mapped to the quote's current id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.workspace import BoardQuote, QuoteNotStoredError, QuoteStore

#: Command ids for merging consecutive edits of one quote's note (typing pauses save often).
_NOTE_EDIT = 1


class BoardHistory(QObject):
    """The board's undo stack and the id map its commands share."""

    def __init__(
        self, store: QuoteStore, refresh: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        #: Called after an undo or redo changed the store (reload the model and the editor).
        self.refresh = refresh
        self.stack = QUndoStack(self)
        self._ids: dict[int, int] = {}

    def current(self, quote_id: int) -> int:
        """The id a quote has now (it changes when a removal is undone)."""
        seen: set[int] = set()
        while quote_id in self._ids and quote_id not in seen:
            seen.add(quote_id)
            quote_id = self._ids[quote_id]
        return quote_id

    def remap(self, old: int, new: int) -> None:
        if old != new:
            self._ids[old] = new

    def order(self) -> list[int]:
        return [item.id for item in self.store.quotes()]

    # -- what the board does --------------------------------------------------------------------

    def remove(self, ids: Sequence[int]) -> int:
        """Take quotes off the board, undoably; returns how many were removed."""
        items: list[BoardQuote] = []
        for quote_id in ids:
            try:
                items.append(self.store.get(self.current(quote_id)))
            except QuoteNotStoredError:
                continue
        if items:
            self.stack.push(_Remove(self, items, self.order()))
        return len(items)

    def edit_note(self, quote_id: int, note: str) -> BoardQuote | None:
        """Save a note, undoably (a run of saves while typing is one step)."""
        return self._edit(quote_id, "note", note)

    def edit_tags(self, quote_id: int, tags: list[str]) -> BoardQuote | None:
        return self._edit(quote_id, "tags", tags)

    def _edit(self, quote_id: int, field: str, value: object) -> BoardQuote | None:
        try:
            before = self.store.get(self.current(quote_id))
        except QuoteNotStoredError:
            return None
        old = before.note if field == "note" else list(before.tags)
        if old == value:
            return before
        self.stack.push(_Edit(self, before.id, field, old, value))
        try:
            return self.store.get(self.current(quote_id))
        except QuoteNotStoredError:
            return None

    def reordered(self, before: Sequence[int], after: Sequence[int]) -> None:
        """Record a reorder the model already saved (drag and drop, Ctrl+Shift+Up/Down)."""
        if list(before) != list(after):
            self.stack.push(_Reorder(self, list(before), list(after)))


class _Remove(QUndoCommand):
    def __init__(self, history: BoardHistory, items: list[BoardQuote], order: list[int]) -> None:
        count = len(items)
        super().__init__("Remove Quote" if count == 1 else f"Remove {count} Quotes")
        self.history = history
        self.items = items
        self.order = order

    def redo(self) -> None:
        h = self.history
        h.store.remove(*(h.current(item.id) for item in self.items))
        h.refresh()

    def undo(self) -> None:
        h = self.history
        for item in self.items:
            added = h.store.add(
                item.quote, note=item.note, tags=item.tags, entry_id=item.entry_id
            )
            if item.stale:
                h.store.mark_stale(added.id)
            h.remap(h.current(item.id), added.id)
        h.store.reorder([h.current(i) for i in self.order])
        h.refresh()


class _Edit(QUndoCommand):
    def __init__(
        self, history: BoardHistory, quote_id: int, field: str, old: object, new: object
    ) -> None:
        super().__init__("Edit Note" if field == "note" else "Edit Tags")
        self.history = history
        self.quote_id = quote_id
        self.field = field
        self.old = old
        self.new = new
        self._first = True

    def id(self) -> int:
        return _NOTE_EDIT if self.field == "note" else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _Edit) or other.quote_id != self.quote_id:
            return False
        self.new = other.new
        return True

    def _set(self, value: object) -> None:
        h = self.history
        try:
            if self.field == "note":
                h.store.update(h.current(self.quote_id), note=str(value))
            else:
                h.store.update(h.current(self.quote_id), tags=list(value))  # type: ignore[call-overload]
        except QuoteNotStoredError:
            return

    def redo(self) -> None:
        self._set(self.new)
        if self._first:
            self._first = False  # the editor already shows what was typed
            return
        self.history.refresh()

    def undo(self) -> None:
        self._set(self.old)
        self.history.refresh()


class _Reorder(QUndoCommand):
    def __init__(self, history: BoardHistory, before: list[int], after: list[int]) -> None:
        super().__init__("Move Quote")
        self.history = history
        self.before = before
        self.after = after
        self._first = True

    def _apply(self, order: list[int]) -> None:
        h = self.history
        h.store.reorder([h.current(i) for i in order])
        h.refresh()

    def redo(self) -> None:
        if self._first:
            self._first = False  # the model already saved this order
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
