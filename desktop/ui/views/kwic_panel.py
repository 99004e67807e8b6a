"""The keyword-in-context panel: a query, the scope, sort and filters, and the aligned rows.

A view only: it shows a `KwicModel` and says what the user did through signals; the reading
controller runs the queries (off the UI thread) and does the jumping, copying and exporting.
The left context is right-aligned and elided at its left, so every match lines up in one
column, the way concordances are read.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.kwic import SortKey
from desktop.ui.models.kwic_model import LEFT, MATCH, RIGHT, KwicModel

SCOPE_TRANSCRIPT: Final = "transcript"
SCOPE_LIBRARY: Final = "library"
_ALL: Final = "All speakers"
_ROLES: Final = (("All turns", None), ("Questions", "question"), ("Answers", "answer"))
_SORTS: Final = (("As found", SortKey.SOURCE), ("By left word", SortKey.LEFT),
                 ("By right word", SortKey.RIGHT))  # fmt: skip

_Index = QModelIndex | QPersistentModelIndex
#: Pause in typing before the open transcript is looked up again (ms); the library waits for
#: Enter (a library-wide count is not free).
TYPING_PAUSE: Final = 300


class _LeftElideDelegate(QStyledItemDelegate):
    """The left context loses its far-left words first, so the match stays in view."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class KwicPanel(QWidget):
    """Query box, scope, sort and filters above the concordance table."""

    #: The query or the scope changed and should run (text, scope).
    queryRequested = Signal(str, str)
    #: A row was activated (row of the model).
    rowActivated = Signal(int)
    #: Copy / export asked for: "copy", "csv", "md".
    exportRequested = Signal(str)

    def __init__(self, model: KwicModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kwicPanel")
        self.model = model
        self.box = QLineEdit()
        self.box.setObjectName("kwicQuery")
        self.box.setPlaceholderText("Word, phrase or query, as in Search (Enter)")
        self.box.setClearButtonEnabled(True)
        self.scope = QComboBox()
        self.scope.addItem("This transcript", SCOPE_TRANSCRIPT)
        self.scope.addItem("Library", SCOPE_LIBRARY)
        self.sort = QComboBox()
        for label, key in _SORTS:
            self.sort.addItem(label, key)
        self.speaker = QComboBox()
        self.speaker.addItem(_ALL, None)
        self.role = QComboBox()
        for label, value in _ROLES:
            self.role.addItem(label, value)
        self.count = QLabel("")
        self.hint = QLabel("")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.hide()

        self.table = QTableView()
        self.table.setObjectName("kwicTable")
        self.table.setModel(model)
        self.table.setItemDelegateForColumn(LEFT, _LeftElideDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MATCH, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

        buttons = []
        actions = (("Copy", "copy", "Copy the rows (tab-separated)"),
                   ("CSV…", "csv", "Export the rows as CSV"),
                   ("Markdown…", "md", "Export the rows as a Markdown table"))  # fmt: skip
        for text, kind, tip in actions:
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, k=kind: self.exportRequested.emit(k))
            buttons.append(button)

        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.scope)
        filters = QHBoxLayout()
        filters.addWidget(self.sort)
        filters.addWidget(self.speaker)
        filters.addWidget(self.role)
        filters.addStretch(1)
        filters.addWidget(self.count)
        for button in buttons:
            filters.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE)
        self._typing.timeout.connect(self._request)
        self.box.textEdited.connect(self._on_typed)
        self.box.returnPressed.connect(self._request)
        self.scope.currentIndexChanged.connect(lambda _i: self._request())
        self.sort.currentIndexChanged.connect(
            lambda _i: self.model.set_sort(self.sort.currentData())
        )
        self.speaker.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.role.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.table.activated.connect(lambda index: self.rowActivated.emit(index.row()))
        self.table.clicked.connect(lambda index: self.rowActivated.emit(index.row()))

    def query(self) -> str:
        return self.box.text()

    def current_scope(self) -> str:
        return str(self.scope.currentData())

    def set_scope(self, scope: str) -> None:
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope)))

    def set_sort(self, key: SortKey) -> None:
        self.sort.setCurrentIndex(max(0, self.sort.findData(key)))

    def show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_count(self, shown: int, total: int, *, complete: bool = True) -> None:
        if total == 0:
            self.count.setText("No occurrences" if self.query().strip() else "")
        elif not complete:
            self.count.setText(f"{shown} of at least {total} occurrences")
        elif shown < total:
            self.count.setText(f"{shown} of {total} occurrences")
        else:
            self.count.setText(f"{total} occurrence{'s' if total != 1 else ''}")

    def refresh_speakers(self) -> None:
        """Refill the speaker filter from the model's rows (keeps the choice when it exists)."""
        current = self.speaker.currentData()
        self.speaker.blockSignals(True)
        self.speaker.clear()
        self.speaker.addItem(_ALL, None)
        for name in self.model.speakers():
            self.speaker.addItem(name, name)
        index = self.speaker.findData(current) if current else 0
        self.speaker.setCurrentIndex(max(0, index))
        self.speaker.blockSignals(False)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.model.set_filter(speaker=self.speaker.currentData(), role=self.role.currentData())
        result = self.model.result()
        self.set_count(self.model.rowCount(), result.total if result else 0,
                       complete=result.complete if result else True)  # fmt: skip

    def _on_typed(self, _text: str) -> None:
        if self.current_scope() == SCOPE_TRANSCRIPT:
            self._typing.start()

    def _request(self) -> None:
        self._typing.stop()
        self.queryRequested.emit(self.query().strip(), self.current_scope())


class KwicDock(QDockWidget):
    def __init__(self, panel: KwicPanel, parent: QWidget | None = None) -> None:
        super().__init__("Keyword in Context", parent)
        self.setObjectName("kwicDock")
        self.setWidget(panel)
