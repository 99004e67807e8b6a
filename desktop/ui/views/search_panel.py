"""The search panel: a query box, a scope switch, an inline hint, and the hits as a list.

A view only: it shows a `SearchResultsModel` and says what the user did through signals; the
search controller runs the queries. Each hit is painted by `HitDelegate`: a line with the
transcript title and the speaker, then the snippet as rich text built by `snippet_html`
(escaped words, matched words marked), so transcript text is never taken as markup.
"""

from __future__ import annotations

import html
from typing import Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme
from desktop.ui.models.search_results_model import HitRoles, SearchResultsModel, snippet_html

SCOPE_TRANSCRIPT: Final = "transcript"
SCOPE_LIBRARY: Final = "library"
#: Queries offered in the empty panel (each runs when clicked).
EXAMPLES: Final = ("\"aggression against Ukraine\"", "speaker:blinken aggression", "Lavrof~")
_PAD: Final = 6

_Index = QModelIndex | QPersistentModelIndex


class HitDelegate(QStyledItemDelegate):
    """Paints one hit: who said it first (the speaker in the colour of their role, then
    "turn 9 · 1:23"), the transcript's title on a second line when the hits span the library,
    then the snippet with its matches marked. Rows of an older query are greyed."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _document(self, index: _Index, width: int, font: QFont) -> QTextDocument:
        dark = theme.is_dark()
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setHtml(
            snippet_html(
                str(index.data(HitRoles.Snippet) or ""),
                index.data(HitRoles.SnippetMatches) or (),
                theme.highlight_colour("search", dark).name(),
                "#ffffff" if dark else "#000000",
            )
        )
        doc.setTextWidth(max(40, width))
        return doc

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        width = option.rect.width() if option.rect.width() > 0 else self._view.viewport().width()
        return width - 3 * _PAD

    def _header_lines(self, index: _Index) -> int:
        return 2 if index.data(HitRoles.Title) and self._titles_shown(index) else 1

    @staticmethod
    def _titles_shown(index: _Index) -> bool:
        model = index.model()
        return isinstance(model, SearchResultsModel) and model.shows_titles()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        font = option.font
        header = QFontMetrics(font).height() * self._header_lines(index)
        doc = self._document(index, self._view.viewport().width() - 3 * _PAD, font)
        return QSize(self._view.viewport().width(),
                     int(header + doc.size().height() + 3 * _PAD))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # QStyle is imported when an item is painted: creating its enums costs ~8 ms, and a
        # launch paints no item in this list.
        from PySide6.QtWidgets import QStyle

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        dark = theme.is_dark()
        text_colour = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        rect = opt.rect.adjusted(2 * _PAD, _PAD, -_PAD, -_PAD)
        painter.save()
        try:
            if index.data(HitRoles.IsCurrent):
                painter.fillRect(QRect(opt.rect.left(), opt.rect.top() + 2, 3,
                                       opt.rect.height() - 4),
                                 theme.highlight_colour("current", dark))
            if index.data(HitRoles.Stale):
                painter.setOpacity(0.45)  # an older query's answer, until the new one comes
            muted = text_colour if selected else theme.muted_colour(dark)
            small = QFont(opt.font)
            small.setPointSizeF(max(6.0, opt.font.pointSizeF() * 0.92))
            name_font = QFont(small)
            name_font.setBold(True)
            metrics = QFontMetrics(name_font)
            line = QFontMetrics(opt.font).height()
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            # Who said it comes first, in their role's colour; the turn and time follow.
            speaker = str(index.data(HitRoles.Speaker) or "") or "No speaker"
            role = str(index.data(HitRoles.Role) or "")
            colour = theme.speaker_colour(0 if role == "question" else 1, dark)
            where = [f"turn {int(index.data(HitRoles.TurnIndex)) + 1}"]
            if index.data(HitRoles.Time):
                where.append(str(index.data(HitRoles.Time)))
            count = int(index.data(HitRoles.MatchCount) or 0)
            if count > 1:
                where.append(f"{count} matches")
            rest = "  ·  " + " · ".join(where)
            rest_width = QFontMetrics(small).horizontalAdvance(rest)
            name = metrics.elidedText(speaker, Qt.TextElideMode.ElideRight,
                                      max(40, rect.width() - rest_width))
            name_width = metrics.horizontalAdvance(name)
            painter.setFont(name_font)
            painter.setPen(text_colour if selected else colour)
            painter.drawText(QRect(rect.left(), rect.top(), name_width + 2, line), flags, name)
            painter.setFont(small)
            painter.setPen(muted)
            painter.drawText(QRect(rect.left() + name_width, rect.top(),
                                   max(0, rect.width() - name_width), line), flags,
                             QFontMetrics(small).elidedText(rest, Qt.TextElideMode.ElideRight,
                                                            max(0, rect.width() - name_width)))
            top = rect.top() + line
            title = str(index.data(HitRoles.Title) or "")
            if title and self._titles_shown(index):
                painter.drawText(QRect(rect.left(), top, rect.width(), line), flags,
                                 QFontMetrics(small).elidedText(
                                     title, Qt.TextElideMode.ElideRight, rect.width()))
                top += line
            doc = self._document(index, rect.width(), opt.font)
            painter.translate(rect.left(), top + _PAD // 2)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.palette.setColor(QPalette.ColorRole.Text, text_colour)
            doc.documentLayout().draw(painter, context)
        finally:
            painter.restore()


class _SearchBox(QLineEdit):
    """The query line; Up/Down move through the results without leaving it."""

    stepRequested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.stepRequested.emit(1)
        elif event.key() == Qt.Key.Key_Up:
            self.stepRequested.emit(-1)
        else:
            super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Query box, scope switch, hint, counts and the list of hits."""

    #: The query text changed (every keystroke; the controller debounces).
    queryChanged = Signal(str)
    #: The scope switch changed: "transcript" or "library".
    scopeChanged = Signal(str)
    #: The user picked a hit (click, Enter in the list): its row.
    hitActivated = Signal(int)
    #: Enter in the query box.
    submitted = Signal()
    #: Previous (-1) / next (+1) match.
    stepRequested = Signal(int)
    #: An example query was clicked in the empty panel: run it.
    exampleChosen = Signal(str)
    #: "Search the Library instead" (or this transcript) under "No matches": the other scope.
    otherScopeRequested = Signal(str)
    #: "Search syntax…" in the empty panel.
    syntaxRequested = Signal()

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.model = model

        self.box = _SearchBox()
        self.box.setObjectName("searchBox")
        self.box.setPlaceholderText("Search words or “a phrase”")
        self.box.setClearButtonEnabled(True)
        self.box.setToolTip(
            'Words are stemmed (sanction finds sanctions). "Exact phrase", AND / OR / NOT, '
            "(parentheses), prefix*, fuzzy~, speaker:name, role:question or role:answer. "
            "Help › Search Syntax has examples."
        )
        self.box.textChanged.connect(self.queryChanged)
        self.box.returnPressed.connect(self.submitted)
        self.box.stepRequested.connect(self.stepRequested)

        self._scope_buttons: dict[str, QToolButton] = {}
        self._scope_group = QButtonGroup(self)
        self._scope_group.setExclusive(True)
        scope_row = QHBoxLayout()
        scope_row.setSpacing(2)
        for scope, text, tip in (
            (SCOPE_TRANSCRIPT, "This transcript", "Search the transcript shown in the reader"),
            (SCOPE_LIBRARY, "Library", "Search every transcript in the library"),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setObjectName(f"scope-{scope}")
            self._scope_group.addButton(button)
            self._scope_buttons[scope] = button
            scope_row.addWidget(button)
            button.toggled.connect(lambda on, s=scope: self._scope_toggled(on, s))
        self._scope_buttons[SCOPE_TRANSCRIPT].setChecked(True)
        scope_row.addStretch(1)

        self.hint = QLabel()
        self.hint.setObjectName("searchHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)  # a hint may quote the query
        self.hint.setWordWrap(True)
        self.hint.hide()

        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)  # "Best 200 of 2,103 turns in the library" may wrap
        self.summary.setMinimumWidth(60)
        self.count = QLabel()
        self.count.setObjectName("searchCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.previous_button = QToolButton()
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+F3)")
        self.previous_button.clicked.connect(lambda: self.stepRequested.emit(-1))
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (F3)")
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(1))
        count_row = QHBoxLayout()
        count_row.addWidget(self.summary, 1)
        count_row.addWidget(self.count)
        count_row.addWidget(self.previous_button)
        count_row.addWidget(self.next_button)

        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.clicked.connect(lambda index: self.hitActivated.emit(index.row()))
        self.results.activated.connect(lambda index: self.hitActivated.emit(index.row()))

        # What the panel offers before a query, and after one that found nothing.
        self.empty_state = QLabel()
        self.empty_state.setObjectName("searchEmptyState")
        self.empty_state.setTextFormat(Qt.TextFormat.RichText)  # built from escaped constants
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_state.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                 | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.empty_state.linkActivated.connect(self._on_link)
        self.other_scope = QPushButton()
        self.other_scope.setObjectName("searchOtherScope")
        self.other_scope.setFlat(True)
        self.other_scope.setCursor(Qt.CursorShape.PointingHandCursor)
        self.other_scope.clicked.connect(
            lambda: self.otherScopeRequested.emit(self._other_scope())
        )
        self.other_scope.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.box)
        layout.addLayout(scope_row)
        layout.addWidget(self.hint)
        layout.addLayout(count_row)
        layout.addWidget(self.other_scope, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty_state)
        layout.addWidget(self.results, 1)
        self.show_examples(EXAMPLES)
        self.set_state(empty=True, offer_other=False)
        self.set_counts("", "")
        theme.controller().themeChanged.connect(self._on_theme_changed)
        self._on_theme_changed(theme.is_dark())

    # -- what the controller sets --------------------------------------------------------------

    def query(self) -> str:
        return self.box.text()

    def scope(self) -> str:
        for scope, button in self._scope_buttons.items():
            if button.isChecked():
                return scope
        return SCOPE_TRANSCRIPT

    def set_scope(self, scope: str) -> None:
        self._scope_buttons[scope].setChecked(True)

    def set_scope_enabled(self, scope: str, enabled: bool, tip: str = "") -> None:
        button = self._scope_buttons[scope]
        button.setEnabled(enabled)
        if tip:
            button.setToolTip(tip)

    def show_hint(self, text: str) -> None:
        """An inline message under the box (malformed query, nothing open); "" hides it."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_counts(self, summary: str, count: str) -> None:
        """"12 turns" on the left, "3 of 15" beside the step buttons."""
        self.summary.setText(summary)
        self.count.setText(count)
        can_step = self.model.match_count() > 0
        self.previous_button.setEnabled(can_step)
        self.next_button.setEnabled(can_step)

    def show_examples(self, examples: tuple[str, ...]) -> None:
        """The empty panel: example queries that run when clicked, and a link to the syntax."""
        links = "<br>".join(
            f'<a href="query:{html.escape(q, quote=True)}">{html.escape(q)}</a>' for q in examples
        )
        self.empty_state.setText(
            f"<p>Try:<br>{links}</p>"
            '<p><a href="syntax:">Search syntax…</a> · Ctrl+F this transcript, '
            "Ctrl+Shift+F the Library</p>"
        )

    def set_state(self, *, empty: bool, offer_other: bool) -> None:
        """`empty`: no query yet (the examples show instead of the list); `offer_other`: the
        query found nothing here, so the other scope is offered."""
        self.empty_state.setVisible(empty)
        self.results.setVisible(not empty)
        self.previous_button.setVisible(not empty)
        self.next_button.setVisible(not empty)
        other = self._other_scope()
        enabled = self._scope_buttons[other].isEnabled()
        label = "Search the Library instead" if other == SCOPE_LIBRARY else (
            "Search this transcript instead")
        self.other_scope.setText(label)
        self.other_scope.setVisible(offer_other and enabled)

    def _other_scope(self) -> str:
        return SCOPE_LIBRARY if self.scope() == SCOPE_TRANSCRIPT else SCOPE_TRANSCRIPT

    def _on_link(self, link: str) -> None:
        if link.startswith("query:"):
            self.exampleChosen.emit(link[len("query:"):])
        elif link == "syntax:":
            self.syntaxRequested.emit()

    def focus_box(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def select_row(self, row: int) -> None:
        """Mark a row as the current one and scroll it into view (without activating it)."""
        index = self.model.index(row, 0)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)

    def _scope_toggled(self, on: bool, scope: str) -> None:
        if on:
            self.scopeChanged.emit(scope)

    def _on_theme_changed(self, dark: bool) -> None:
        colour = "#f28b82" if dark else "#b3261e"
        self.hint.setStyleSheet(f"color: {colour};")
        if self.model.rowCount():  # rows painted in the old colours (an empty list has none:
            self.results.viewport().update()  # asking for Qt's viewport costs a launch ~10 ms)


class SearchDock(QDockWidget):
    """The dock that holds the search panel (right side by default)."""

    def __init__(self, panel: SearchPanel, parent: QWidget | None = None) -> None:
        super().__init__("Search", parent)
        self.setObjectName("searchDock")
        self.panel = panel
        self.setWidget(panel)
