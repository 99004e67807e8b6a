"""The library dock: the user's transcripts in a sortable table with a filter box.

Actions: open, remove from library, show in file manager, add files or a folder (buttons, the
File menu, or dropping files and folders on the dock), refresh. While the library works in the
background a progress bar and a Cancel button show under the table; a banner explains
read-only mode (another Verbatim owns the library's index).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.workspace import LibraryEntry, Status
from desktop.ui.models.library_model import (
    DATE,
    OUTLET,
    SPEAKERS,
    TITLE,
    TURNS,
    LibraryFilterModel,
    LibraryModel,
    LibraryRoles,
)


class LibraryDock(QWidget):
    """The dock's contents (the QDockWidget around it is made by the controller)."""

    #: Open an entry in the window: its id.
    openRequested = Signal(int)
    #: Add files and folders: list of paths.
    addRequested = Signal(list)
    #: Forget entries: list of ids.
    removeRequested = Signal(list)
    refreshRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.setAcceptDrops(True)
        self.model = model
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(model)

        self.filter = QLineEdit()
        self.filter.setObjectName("libraryFilter")
        self.filter.setPlaceholderText("Filter the library")
        self.filter.setToolTip("Show the transcripts whose title, date, outlet, speakers or file "
                               "name hold every word typed here")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_filter_text)

        self.add_button = QToolButton()
        self.add_button.setText("Add ▾")
        # The style's own menu arrow hangs below the label in both themes: the label says it.
        self.add_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.add_button.setToolTip("Add transcript files or a folder to the library")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add_menu = QMenu(self.add_button)
        add_menu.addAction("Add Files…", self.choose_files)
        add_menu.addAction("Add Folder…", self.choose_folder)
        self.add_button.setMenu(add_menu)
        self.refresh_button = QToolButton()
        self.refresh_button.setText("Refresh")
        self.refresh_button.setToolTip(
            "Re-import changed files and flag moved or deleted ones"
        )
        self.refresh_button.clicked.connect(self.refreshRequested)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.filter, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.refresh_button)

        self.banner = QLabel()
        self.banner.setObjectName("libraryBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.view = QTreeView()
        self.view.setObjectName("libraryView")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.view.header()
        # The title takes what the other columns leave; they show as the width allows
        # (`_fit_columns`), so nothing is reached only by scrolling sideways.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.view.fontMetrics()
        self._column_widths = {
            DATE: metrics.horizontalAdvance("22 Sep 2021") + 24,
            TURNS: metrics.horizontalAdvance("Turns") + 28,
            OUTLET: metrics.horizontalAdvance("The Guardian") + 20,
            SPEAKERS: metrics.horizontalAdvance("Antony Blinken, Efi Koutsokosta") + 16,
        }
        for column, width in self._column_widths.items():
            header.resizeSection(column, width)

        self.empty = QLabel(
            "Your library is empty. Add transcript files or a folder (File ▸ Add to Library…), "
            "or drop them here; transcripts you open are added too."
        )
        self.empty.setObjectName("libraryEmpty")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)

        self.progress = QProgressBar()
        self.progress.setObjectName("libraryProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        # A long file name is cut at the panel's edge (whole in the tooltip), never widens the
        # panel: a label's text width is its minimum, which made the dock area push the reader
        # 130 px narrower while the library indexed the file a first launch opened.
        self.progress_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                          QSizePolicy.Policy.Preferred)
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("libraryCancel")
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancelRequested)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        self._busy_row = QWidget()
        busy_column = QVBoxLayout(self._busy_row)
        busy_column.setContentsMargins(0, 0, 0, 0)
        busy_column.setSpacing(2)
        busy_column.addWidget(self.progress_label)
        busy_column.addLayout(busy)
        self._busy_row.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self._busy_row)

        self.open_action = QAction("Open", self)
        self.open_action.triggered.connect(self._open_selected)
        self.remove_action = QAction("Remove from Library", self)
        self.remove_action.setToolTip("Forget the selected transcripts (the files stay)")
        self.remove_action.triggered.connect(self._remove_selected)
        self.reveal_action = QAction("Show in File Manager", self)
        self.reveal_action.triggered.connect(self._reveal_selected)
        model.modelReset.connect(self._update_empty)
        self._update_empty()

    # -- state set by the controller -----------------------------------------------------------

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        """Show the library's entries, keeping the selection where the ids survive."""
        selected = {e.id for e in self.selected_entries()}
        self.model.set_entries(entries)
        for entry_id in selected:
            row = self.model.row_of(entry_id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, TITLE))
                self.view.selectionModel().select(
                    index,
                    self.view.selectionModel().SelectionFlag.Select
                    | self.view.selectionModel().SelectionFlag.Rows,
                )

    def set_writable(self, writable: bool, banner: str = "") -> None:
        """Read-only mode: adding, refreshing and removing are off; the banner says why."""
        self.add_button.setEnabled(writable)
        self.refresh_button.setEnabled(writable)
        self.remove_action.setEnabled(writable)
        self.setAcceptDrops(writable)
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))

    def show_progress(self, done: int, total: int, label: str) -> None:
        """Progress of the library's background job; total 0 is a busy indicator."""
        self._busy_row.show()
        self.progress.setRange(0, max(0, total))
        if total:
            self.progress.setValue(min(done, total))
        if label:
            name = Path(label).name if ("/" in label or "\\" in label) else label
            step = f"{min(done + 1, total)} of {total}: " if total else ""
            self.progress_label.setText(f"{step}{name}")
            self.progress_label.setToolTip(f"{step}{label}")

    def set_busy(self, busy: bool) -> None:
        if not busy:
            self._busy_row.hide()
            self.progress_label.clear()
        else:
            self._busy_row.show()

    def is_busy_shown(self) -> bool:
        return not self._busy_row.isHidden()

    # -- selection and actions -----------------------------------------------------------------

    def selected_entries(self) -> list[LibraryEntry]:
        rows = {
            self.proxy.mapToSource(index).row()
            for index in self.view.selectionModel().selectedRows(TITLE)
        }
        return [self.model.entry(r) for r in sorted(rows)]

    def visible_titles(self) -> list[str]:
        """Titles as the view shows them (filtered and sorted): tests and accessibility."""
        return [
            str(self.proxy.index(r, TITLE).data()) for r in range(self.proxy.rowCount())
        ]

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Add Transcripts to the Library", str(Path.home())
        )
        if files:
            self.addRequested.emit(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Add a Folder of Transcripts to the Library", str(Path.home())
        )
        if folder:
            self.addRequested.emit([folder])

    def _activated(self, index: QModelIndex) -> None:
        entry_id = index.data(LibraryRoles.EntryId)
        if isinstance(entry_id, int):
            self.openRequested.emit(entry_id)

    def _open_selected(self) -> None:
        for entry in self.selected_entries()[:1]:
            self.openRequested.emit(entry.id)

    def _remove_selected(self) -> None:
        ids = [e.id for e in self.selected_entries()]
        if ids:
            self.removeRequested.emit(ids)

    def _reveal_selected(self) -> None:
        for entry in self.selected_entries()[:1]:
            reveal_in_file_manager(entry.path)

    def _context_menu(self, pos: QPoint) -> None:
        entries = self.selected_entries()
        if not entries:
            return
        first = entries[0]
        self.open_action.setEnabled(len(entries) == 1)
        self.reveal_action.setEnabled(
            len(entries) == 1 and first.status is not Status.MISSING
            and Path(first.path).parent.is_dir()
        )
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(self.reveal_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Show the date, turns, outlet and speakers columns, in that order, while the title
        keeps at least about 18 characters; hide the rest (a wide main area shows them all)."""
        room = self.view.viewport().width() - self.view.fontMetrics().averageCharWidth() * 18
        for column in (DATE, TURNS, OUTLET, SPEAKERS):
            width = self._column_widths[column]
            fits = room >= width
            self.view.setColumnHidden(column, not fits)
            if fits:
                room -= width

    def shown_columns(self) -> list[str]:
        """The headers of the columns shown now (tests and accessibility)."""
        return [str(self.model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(self.model.columnCount()) if not self.view.isColumnHidden(c)]

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)

    # -- drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        found = _local_paths(event.mimeData().urls())
        if not found:
            event.ignore()
            return
        event.acceptProposedAction()
        self.addRequested.emit(found)


def reveal_in_file_manager(path: str) -> bool:
    """Open the folder holding `path` in the platform's file manager."""
    folder = Path(path).parent
    if not folder.is_dir():
        return False
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


def _local_paths(urls: list[QUrl]) -> list[str]:
    return [url.toLocalFile() for url in urls if url.isLocalFile() and url.toLocalFile()]
