"""The quote board dock: the collected quotes, a filter, and an editor for notes and tags.

The dock only shows and edits; what the buttons do (add, copy, export, jump to the reader,
re-anchor) is wired by `desktop.ui.quote_controller`. Quote words are painted as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme
from desktop.ui.italics import italic_suits
from desktop.ui.messages import STATUS_SENTENCES
from desktop.ui.models.quote_model import QuoteModel, QuoteRoles

_PAD: Final = 8
_ICON: Final = 16
_MAX_WORD_LINES: Final = 4
#: How long after the last keystroke a note is saved (every change is committed, not each key).
NOTE_SAVE_DELAY_MS: Final = 400


def _wrap(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """`text` broken into at most `max_lines` lines of `width`, the last one elided.

    QTextLayout counts UTF-16 units, so slices are taken from the UTF-16 form of the text.
    """
    metrics = QFontMetricsF(font)
    units = text.encode("utf-16-le")
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        start, length = line.textStart(), line.textLength()
        if len(lines) + 1 == max_lines:
            rest = units[2 * start :].decode("utf-16-le", "replace").replace("\n", " ")
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        piece = units[2 * start : 2 * (start + length)].decode("utf-16-le", "replace")
        lines.append(piece.rstrip("\n"))
    layout.endLayout()
    return lines or [""]


class QuoteDelegate(QStyledItemDelegate):
    """Paints a board row: the words (up to four lines), then speaker · source · locator,
    tags and the note; a warning icon on stale quotes."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        #: Ids of rows drawn with a warning band for a moment (a refused copy or export).
        self.flashing: set[int] = set()

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        words = QFont(option.font)
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.88))
        note = QFont(small)
        note.setItalic(True)
        return words, small, note

    def _text_width(self, index: QModelIndex | QPersistentModelIndex) -> float:
        width = self._view.viewport().width() - 2 * _PAD
        if index.data(QuoteRoles.Stale):
            width -= _ICON + _PAD // 2
        return float(max(40, width))

    def _lines(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> list[tuple[str, QFont, str]]:
        """(text, font, kind) per painted line."""
        words_font, small, note_font = self._fonts(option)
        width = self._text_width(index)
        words = f"“{index.data(QuoteRoles.Words) or ''}”"
        out = [(line, words_font, "words") for line in _wrap(words, words_font, width,
                                                             _MAX_WORD_LINES)]
        meta = " · ".join(
            p
            for p in (
                index.data(QuoteRoles.Speaker) or "Unattributed",
                index.data(QuoteRoles.Locator) or "",
            )
            if p
        )
        out.append((meta, small, "meta"))
        title = index.data(QuoteRoles.SourceTitle) or ""
        if title:  # on its own line: a title that starts with a name ran into the speaker
            out.append((f"in {title}", small, "meta"))
        tags = index.data(QuoteRoles.Tags) or []
        if tags:
            out.append(("  ".join(f"#{t}" for t in tags), small, "tags"))
        note = index.data(QuoteRoles.Note) or ""
        if note:
            note = " ".join(note.split())
            out.append((note, note_font if italic_suits(note) else small, "note"))
        return out

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = 2 * _PAD + sum(QFontMetricsF(f).lineSpacing() for _, f, _ in
                                self._lines(option, index))
        return QSize(self._view.viewport().width(), int(height + 2))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # QStyle is imported when an item is painted: creating its enums costs ~8 ms, and a
        # launch paints no item in this list.
        from PySide6.QtWidgets import QStyle

        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        painter.save()
        option.text = ""
        option.icon = type(option.icon)()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                            option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        dark = theme.is_dark()
        text_colour = option.palette.highlightedText().color() if selected else \
            option.palette.text().color()
        muted = text_colour if selected else theme.muted_colour(dark)
        accent = text_colour if selected else theme.speaker_colour(0, dark)
        rect: QRect = option.rect
        item = index.data(QuoteRoles.Item)
        if item is not None and getattr(item, "id", None) in self.flashing:
            painter.fillRect(rect, QColor(198, 40, 40, 90))  # the refused quote flashes
        x = float(rect.left() + _PAD)
        if index.data(QuoteRoles.Stale):
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            icon.paint(painter, QRect(int(x), rect.top() + _PAD, _ICON, _ICON))
            x += _ICON + _PAD // 2
        width = self._text_width(index)
        y = float(rect.top() + _PAD)
        colours: dict[str, QColor] = {
            "words": text_colour,
            "meta": muted,
            "tags": accent,
            "note": muted,
        }
        for text, font, kind in self._lines(option, index):
            metrics = QFontMetricsF(font)
            if kind != "words":
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.setFont(font)
            painter.setPen(colours[kind])
            painter.drawText(QPointF(x, y + metrics.ascent()), text)
            y += metrics.lineSpacing()
        painter.restore()


class QuoteEditor(QWidget):
    """Note and tags of the current quote; the words themselves are never editable."""

    noteEdited = Signal(int, str)
    tagsEdited = Signal(int, list)
    reanchorRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quote_id: int | None = None
        self._loading = False
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("quoteStatus")
        self.reanchor_button = QPushButton("Re-anchor")
        self.reanchor_button.setToolTip("Point the quote at the place its words are now")
        self.reanchor_button.clicked.connect(self._reanchor)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.reanchor_button)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("tags, separated by commas")
        self.tags.setClearButtonEnabled(True)
        self.tags.editingFinished.connect(self._save_tags)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("A note for yourself")
        self.note.setToolTip("A note for yourself, kept with the quote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(3 * self.note.fontMetrics().lineSpacing() + 12)
        self.note.textChanged.connect(self._note_changed)
        self.note.installEventFilter(self)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self._save_note)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Tags:", self.tags)
        form.addRow("&Note:", self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(status_row)
        layout.addLayout(form)
        self.show_quote(None)

    def quote_id(self) -> int | None:
        return self._quote_id

    def show_quote(
        self, quote_id: int | None, note: str = "", tags: list[str] | None = None,
        status: str = "",
    ) -> None:
        """Edit this quote (None: nothing selected, the fields are disabled)."""
        self.flush()
        self._loading = True
        self._quote_id = quote_id
        self.note.setPlainText(note)
        self.tags.setText(", ".join(tags or []))
        self._loading = False
        self.setEnabled(quote_id is not None)
        self.show_status(status)

    def show_status(self, status: str) -> None:
        sentence = STATUS_SENTENCES.get(status, status)
        self.status_label.setText(sentence)
        self.status_label.setVisible(bool(status))
        self.reanchor_button.setVisible(status == "moved")

    def flush(self) -> None:
        """Save a note edit that is still waiting for its timer."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._save_note()

    def _save_note(self) -> None:
        if self._quote_id is not None:
            self.noteEdited.emit(self._quote_id, self.note.toPlainText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _note_changed(self) -> None:
        if not self._loading and self._quote_id is not None:
            self._note_timer.start()

    def _save_tags(self) -> None:
        if self._quote_id is not None and not self._loading:
            tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
            self.tagsEdited.emit(self._quote_id, tags)

    def _reanchor(self) -> None:
        if self._quote_id is not None:
            self.reanchorRequested.emit(self._quote_id)


class MessageBar(QFrame):
    """A line at the top of the board for what the user must not miss: a refused copy or
    export (a warning), a removal with its Undo button. Text is shown as plain text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardMessage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self._act)
        close = QPushButton("×")
        close.setFlat(True)
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.action_button)
        row.addWidget(close)
        self._callback: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(
        self,
        text: str,
        *,
        warning: bool = False,
        action: str | None = None,
        callback: Callable[[], None] | None = None,
        timeout_ms: int = 0,
    ) -> None:
        """Show `text` (a warning in red); an `action` button calls `callback` and closes the
        bar; `timeout_ms` > 0 hides it after that long (warnings stay until dismissed)."""
        self.label.setText(text)
        self.setProperty("warning", warning)
        self.setStyleSheet(
            "#boardMessage { background: rgba(198, 40, 40, 0.16); border: 1px solid #c62828; }"
            if warning
            else "#boardMessage { background: rgba(25, 118, 210, 0.12); }"
        )
        self._callback = callback
        self.action_button.setText(action or "")
        self.action_button.setVisible(bool(action and callback))
        self.show()
        if timeout_ms > 0:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _act(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback()


#: How long a refused quote's row is marked.
FLASH_MS: Final = 1600


class QuoteBoard(QDockWidget):
    """The dock: toolbar, filter, the list (drag to reorder, Delete to remove) and the editor."""

    #: A quote was double-clicked (or Enter pressed): show it in the reader.
    quoteActivated = Signal(int)
    #: Delete pressed on selected quotes.
    removeRequested = Signal(list)
    #: The selection changed (the ids selected).
    selectionChanged = Signal(list)

    def __init__(self, model: QuoteModel, parent: QWidget | None = None) -> None:
        super().__init__("Quote Board", parent)
        self.setObjectName("quoteBoard")
        self._model = model
        self._restore: list[int] = []
        body = QWidget()
        self.toolbar = QToolBar("Quote Board")
        self.toolbar.setObjectName("quoteBoardToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self.filter = QLineEdit()
        self.filter.setObjectName("quoteFilter")
        self.filter.setPlaceholderText("Filter quotes (words, speaker, note, tag)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(model.set_filter)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.view = QListView()
        self.view.setObjectName("quoteList")
        self.view.setModel(model)
        self.view.setItemDelegate(QuoteDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.setAlternatingRowColors(True)
        self.view.setMinimumHeight(120)  # two quotes; the board shares a 640 px window
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.delete_action = QAction("&Remove from Board", self.view)
        self.delete_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete),
                                         QKeySequence(Qt.Key.Key_Backspace)])
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._remove_selected)
        # Drag and drop has a keyboard twin: Ctrl+Shift+Up / Down move the current quote
        # (Alt+arrows step through the reader's turns).
        self.up_action = QAction("Move &Up", self.view)
        self.up_action.setShortcut(QKeySequence("Ctrl+Shift+Up"))
        self.up_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.up_action.triggered.connect(lambda _=False: self.move_current(-1))
        self.down_action = QAction("Move &Down", self.view)
        self.down_action.setShortcut(QKeySequence("Ctrl+Shift+Down"))
        self.down_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.down_action.triggered.connect(lambda _=False: self.move_current(1))
        self.view.addAction(self.up_action)
        self.view.addAction(self.down_action)
        self.view.addAction(self.delete_action)
        self.editor = QuoteEditor()
        self.placeholder = QLabel(
            "No quotes yet.\nSelect words in the transcript and press Ctrl+D."
        )
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        top = QHBoxLayout()
        top.setContentsMargins(6, 0, 6, 0)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        self.message = MessageBar()
        layout.addWidget(self.message)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.editor)
        self.setWidget(body)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        model.modelReset.connect(self._update_count)
        model.rowsMoved.connect(self._update_count)
        model.dataChanged.connect(self._refresh_editor_status)
        self._update_count()

    # -- API ----------------------------------------------------------------------------------

    def model(self) -> QuoteModel:
        return self._model

    def add_context_action(self, action: QAction) -> None:
        """An action in the list's right-click menu (before Move and Remove)."""
        self.view.insertAction(self.up_action, action)

    def selected_ids(self) -> list[int]:
        """Selected quotes in board order."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self._model.item(r).id for r in rows]

    def select_ids(self, ids: list[int]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        first = True
        for quote_id in ids:
            row = self._model.row_of(quote_id)
            if row is None:
                continue
            index = self._model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag.Select
            if first:
                selection.setCurrentIndex(index, flags)
                self.view.scrollTo(index)
                first = False
            else:
                selection.select(index, flags)

    def move_current(self, step: int) -> bool:
        """Move the current quote one place up (-1) or down (+1); the order is saved."""
        index = self.view.currentIndex()
        if not index.isValid():
            return False
        quote_id = self._model.item(index.row()).id
        target = index.row() + step
        if not 0 <= target < self._model.rowCount() or not self._model.move_quote(quote_id,
                                                                                 target):
            return False
        self.select_ids([quote_id])
        return True

    def flash(self, ids: list[int]) -> None:
        """Mark these quotes' rows for a moment (and scroll to the first): the quotes a copy
        or an export refused."""
        delegate = self.view.itemDelegate()
        if not isinstance(delegate, QuoteDelegate):
            return
        delegate.flashing = set(ids)
        for quote_id in ids[:1]:
            row = self._model.row_of(quote_id)
            if row is not None:
                self.view.scrollTo(self._model.index(row, 0))
        self.view.viewport().update()
        QTimer.singleShot(FLASH_MS, self._end_flash)

    def flashing(self) -> set[int]:
        delegate = self.view.itemDelegate()
        return set(delegate.flashing) if isinstance(delegate, QuoteDelegate) else set()

    def _end_flash(self) -> None:
        delegate = self.view.itemDelegate()
        if isinstance(delegate, QuoteDelegate):
            delegate.flashing = set()
        self.view.viewport().update()

    def refresh_editor(self) -> None:
        """Show the stored note and tags of the selected quote again (after an undo)."""
        self.editor.show_quote(None)
        self._show_in_editor(self.selected_ids())

    def has_focus(self) -> bool:
        """True when the keyboard focus is in the board (Ctrl+Shift+C then copies quotes)."""
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self or self.isAncestorOf(focus))

    # -- internals ------------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.quoteActivated.emit(self._model.item(index.row()).id)

    def _remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.removeRequested.emit(ids)

    def _on_selection(self, *_: object) -> None:
        ids = self.selected_ids()
        self._show_in_editor(ids)
        self.selectionChanged.emit(ids)

    def _show_in_editor(self, ids: list[int]) -> None:
        if len(ids) != 1:
            self.editor.show_quote(None)
            return
        row = self._model.row_of(ids[0])
        if row is None:
            self.editor.show_quote(None)
            return
        item = self._model.item(row)
        if self.editor.quote_id() == item.id:
            return  # same quote (a reload): keep what is being typed
        self.editor.show_quote(item.id, item.note, list(item.tags), self._model.status(item.id))

    def _refresh_editor_status(self, *_: object) -> None:
        quote_id = self.editor.quote_id()
        if quote_id is not None:
            self.editor.show_status(self._model.status(quote_id))

    def _remember_selection(self) -> None:
        self.editor.flush()
        self._restore = self.selected_ids()

    def _restore_selection(self) -> None:
        if self._restore:
            self.select_ids(self._restore)
        if not self.selected_ids():
            self.editor.show_quote(None)

    def _update_count(self, *_: object) -> None:
        shown = self._model.rowCount()
        total = len(self._model.store)
        self.count_label.setText(f"{shown} of {total}" if shown != total else f"{total}")
        empty = total == 0
        self.placeholder.setVisible(empty)
        self.view.setVisible(not empty)

