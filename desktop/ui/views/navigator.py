"""The navigator: section headings and each turn by speaker with its first words.

Questions are bold in the interviewer's colour, so the list reads as a table of contents;
answers are plain with a colour swatch for their speaker. It shows `TranscriptModel` directly.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.ui.models.transcript_model import Roles, TranscriptModel


class _RowDelegate(QStyledItemDelegate):
    """Row heights from font metrics: headings get room above them so sections stand apart.

    Computed here, not by the base class, because measuring each row's text made opening a
    16,000-turn transcript take seconds; the row kind is read from the model directly (Qt
    asks for every row's size, and a data() round trip per row costs a second on 32,000)."""

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = option.fontMetrics.height()
        row = index.row()
        if 0 <= row < self._model.rowCount() and self._model.row(row).is_section:
            return QSize(100, int(line * 1.9))
        return QSize(100, int(line * 1.45))


class Navigator(QListView):
    """Left pane; emits `turnActivated(turn_index)` or `sectionActivated(first_turn)` when the
    user picks an entry (click, or Enter on the keyboard)."""

    turnActivated = Signal(int)
    #: A section heading was picked; the argument is the first turn under it.
    sectionActivated = Signal(int)

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setAccessibleName("Sections and turns")
        self.setModel(model)
        self._model = model
        self.setItemDelegate(_RowDelegate(model, self))
        # Rows are measured a batch at a time from the event loop, so a 32,000-turn
        # transcript does not freeze the window while the list lays itself out.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(2000)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(False)
        self.setIconSize(QSize(9, 9))  # the speaker's colour swatch
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(False)
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

    def _on_activated(self, index: QModelIndex) -> None:
        turn = index.data(Roles.TurnIndex)
        if not isinstance(turn, int):
            return
        if index.data(Roles.Kind) == "section":
            self.sectionActivated.emit(turn)
        else:
            self.turnActivated.emit(turn)

    def show_turn(self, turn_index: int) -> None:
        """Mark the turn the reader shows, without emitting `turnActivated`."""
        transcript = self._model.transcript()
        if transcript is None or not 0 <= turn_index < len(transcript.turns):
            return
        index = self._model.index(self._model.row_of_turn(turn_index), 0)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
