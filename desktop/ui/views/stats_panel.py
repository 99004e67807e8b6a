"""The statistics panel: per-speaker numbers in a table and as bars (QPainter, no chart
library), the question/answer balance, and a CSV export button.

A view only: the reading controller computes `Statistics` off the UI thread and calls
`show_statistics`.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.stats import Statistics
from desktop.ui import theme

SCOPE_TRANSCRIPT: Final = "transcript"
SCOPE_LIBRARY: Final = "library"
HEADERS: Final = ("Speaker", "Role", "Turns", "Words", "Share", "Time", "Time share",
                  "Questions", "Mean turn", "Longest turn", "Longest stretch")  # fmt: skip
_ROW_HEIGHT: Final = 22
#: Speakers drawn as bars (most words first); the table lists every one.
MAX_BARS: Final = 12
_NUMBER: Final = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_BAR_HEIGHT: Final = 8


def clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class BarChart(QWidget):
    """One row per speaker: the name, a bar for the share of words and, for timed sources, a
    second bar for the share of talk time; the percentage at the end of each bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsChart")
        self._stats: Statistics | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_statistics(self, stats: Statistics | None) -> None:
        self._stats = stats
        self.updateGeometry()
        self.update()

    def _shown(self) -> int:
        return min(MAX_BARS, len(self._stats.speakers)) if self._stats else 0

    def sizeHint(self) -> QSize:
        rows = self._shown()
        more = _ROW_HEIGHT if self._stats and len(self._stats.speakers) > rows else 0
        return QSize(360, 34 + more + rows * (2 * _ROW_HEIGHT if self._timed() else _ROW_HEIGHT))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 34 + 2 * _ROW_HEIGHT)  # a dock may be short: the table scrolls

    def _timed(self) -> bool:
        return self._stats is not None and self._stats.seconds is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        track = palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(60)
        words_colour = theme.highlight_colour("current", theme.is_dark())
        time_colour = QColor("#4f9dde")
        metrics = self.fontMetrics()
        stats = self._stats
        if stats is None or not stats.speakers:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No statistics yet")
            return
        names = [s.name for s in stats.speakers]
        name_width = min(self.width() // 3, max(metrics.horizontalAdvance(n) for n in names) + 12)
        label_width = metrics.horizontalAdvance("100%") + 10
        bar_left = name_width
        bar_width = max(20, self.width() - bar_left - label_width - 8)
        painter.setPen(text)
        legend = [("share of words", words_colour)]
        if self._timed():
            legend.append(("share of talk time", time_colour))
        x = 4.0
        for label, colour in legend:  # a swatch, then its label
            painter.fillRect(QRectF(x, 7, 10, 10), colour)
            painter.drawText(QRectF(x + 14, 2, metrics.horizontalAdvance(label) + 4, 20),
                             Qt.AlignmentFlag.AlignVCenter, label)  # fmt: skip
            x += 14 + metrics.horizontalAdvance(label) + 18
        y = 28.0
        for s in stats.speakers[:MAX_BARS]:
            bars = [(s.share, words_colour)]
            if self._timed():
                bars.append((s.share_seconds or 0.0, time_colour))
            block = _ROW_HEIGHT * len(bars)
            name = metrics.elidedText(s.name, Qt.TextElideMode.ElideRight, name_width - 8)
            painter.setPen(text)
            left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            painter.drawText(QRectF(4, y, name_width - 8, block), left, name)
            for share, colour in bars:
                top = y + (_ROW_HEIGHT - _BAR_HEIGHT) / 2
                painter.fillRect(QRectF(bar_left, top, bar_width, _BAR_HEIGHT), track)
                painter.fillRect(QRectF(bar_left, top, bar_width * share, _BAR_HEIGHT), colour)
                painter.drawText(QRectF(bar_left + bar_width + 6, y, label_width, _ROW_HEIGHT),
                                 Qt.AlignmentFlag.AlignVCenter, f"{share:.0%}")  # fmt: skip
                y += _ROW_HEIGHT
        hidden = len(stats.speakers) - MAX_BARS
        if hidden > 0:
            more = f"… and {hidden} more speaker{'s' if hidden > 1 else ''} (see the table)"
            painter.drawText(QRectF(4, y, self.width() - 8, _ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter, more)  # fmt: skip
        painter.end()


class StatsPanel(QWidget):
    """Scope switch, the chart, the table and the balance line; Export CSV."""

    #: The scope changed or Refresh was pressed (scope).
    refreshRequested = Signal(str)
    #: Export CSV was pressed.
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsPanel")
        self.scope = QComboBox()
        self.scope.addItem("This transcript", SCOPE_TRANSCRIPT)
        self.scope.addItem("Library", SCOPE_LIBRARY)
        self.scope.setToolTip("Library: the transcripts selected in the Library panel, else all")
        refresh = QToolButton()
        refresh.setText("Refresh")
        export = QToolButton()
        export.setText("CSV…")
        export.setToolTip("Export the table as CSV")
        self.summary = QLabel("")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.chart = BarChart()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("statsTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(False)
        self._stats: Statistics | None = None

        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addWidget(refresh)
        top.addStretch(1)
        top.addWidget(export)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self.scope.currentIndexChanged.connect(
            lambda _i: self.refreshRequested.emit(self.current_scope())
        )
        refresh.clicked.connect(lambda _=False: self.refreshRequested.emit(self.current_scope()))
        export.clicked.connect(lambda _=False: self.exportRequested.emit())

    def current_scope(self) -> str:
        return str(self.scope.currentData())

    def statistics(self) -> Statistics | None:
        return self._stats

    def show_message(self, text: str) -> None:
        self.summary.setText(text)

    def show_statistics(self, stats: Statistics | None, label: str = "") -> None:
        """Fill the chart and the table (plain-text cells; names are data)."""
        self._stats = stats
        self.chart.set_statistics(stats)
        self.table.setRowCount(0)
        if stats is None:
            self.summary.setText(label)
            return
        timed = stats.seconds is not None
        for column in (5, 6):  # Time, Time share: only for timed sources
            self.table.setColumnHidden(column, not timed)
        for s in stats.speakers:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = [s.name, s.role, str(s.turns), str(s.words), f"{s.share:.1%}",
                     "" if s.seconds is None else clock(s.seconds),
                     "" if s.share_seconds is None else f"{s.share_seconds:.1%}",
                     str(s.questions), f"{s.mean_turn:.0f}", str(s.longest_turn),
                     str(s.longest_stretch)]  # fmt: skip
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column >= 2:
                    item.setTextAlignment(_NUMBER)
                self.table.setItem(row, column, item)
        parts = [f"{label}: " if label else "", f"{stats.words} words in {stats.turns} turns"]
        if stats.seconds is not None:
            parts.append(f", {clock(stats.seconds)} of talk")
        asking = sum(t.asking_words for t in stats.transcripts)
        answering = sum(t.answering_words for t in stats.transcripts)
        if stats.words:
            parts.append(f". Questions {asking / stats.words:.0%} of the words, "
                         f"answers {answering / stats.words:.0%}")  # fmt: skip
        self.summary.setText("".join(parts) + ".")


class StatsDock(QDockWidget):
    def __init__(self, panel: StatsPanel, parent: QWidget | None = None) -> None:
        super().__init__("Statistics", parent)
        self.setObjectName("statsDock")
        self.setWidget(panel)
