"""Headline audit badges drawn next to headings in the reader and the navigator.

Overlays, not changes to those views: a transparent widget over each view's viewport paints a
small badge (symbol and word, outlined in the verdict's colour) after each audited heading,
so the reader's document and the navigator's rows stay exactly the transcript's text. The
overlays follow scrolling, resizing and relayout; they take no mouse events.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlock,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from desktop.core.model import Section
from desktop.core.quotecheck import AuditItem, AuditKind, Verdict
from desktop.ui.models.transcript_model import TranscriptModel
from desktop.ui.views.check_panel import BADGES, verdict_colour
from desktop.ui.views.navigator import Navigator
from desktop.ui.views.reader import Reader


@dataclass(frozen=True, slots=True)
class HeadingBadge:
    """The verdict of one heading: `section` indexes the transcript's sections; None is the
    title. The worst verdict of the heading's quoted passages."""

    section: int | None
    verdict: Verdict
    text: str


_ORDER = (Verdict.NOT_FOUND, Verdict.WRONG_SPEAKER, Verdict.STITCHED, Verdict.ALTERED,
          Verdict.VERBATIM)


def badges_for(items: list[AuditItem]) -> list[HeadingBadge]:
    """One badge per audited heading (its worst verdict), the title's first."""
    worst: dict[int | None, AuditItem] = {}
    for item in items:
        if item.kind is AuditKind.LEDE:
            continue
        key = None if item.kind is AuditKind.TITLE else item.section
        known = worst.get(key)
        if known is None or _ORDER.index(item.result.verdict) < _ORDER.index(
                known.result.verdict):
            worst[key] = item
    return [HeadingBadge(key, item.result.verdict, item.text) for key, item in worst.items()]


def _badge_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
    small.setBold(True)
    return small


def badge_width(verdict: Verdict, font: QFont, *, compact: bool = False) -> float:
    """How wide `paint_badge` draws this badge."""
    symbol, label = BADGES[verdict]
    text = symbol if compact else f"{symbol} {label}"
    return QFontMetricsF(_badge_font(font)).horizontalAdvance(text) + 10


def paint_badge(painter: QPainter, x: float, middle: float, verdict: Verdict, font: QFont,
                *, compact: bool = False, background: QPalette | None = None) -> float:
    """Draw one badge with its left edge at `x`, centred on `middle`; returns its width."""
    symbol, label = BADGES[verdict]
    text = symbol if compact else f"{symbol} {label}"
    small = _badge_font(font)
    metrics = QFontMetricsF(small)
    width = metrics.horizontalAdvance(text) + 10
    height = metrics.height() + 2
    rect = QRectF(x, middle - height / 2, width, height)
    colour = verdict_colour(verdict)
    painter.save()
    if background is not None:
        painter.setBrush(background.color(QPalette.ColorRole.Base))
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, 1.4))
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setFont(small)
    painter.setPen(colour)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()
    return width


class _Overlay(QWidget):
    """A transparent layer over a scroll area's viewport."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self.view = view
        self.badges: list[HeadingBadge] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        self._fit()

    def set_badges(self, badges: list[HeadingBadge]) -> None:
        self.badges = list(badges)
        self._fit()
        self.setVisible(bool(self.badges))
        self.raise_()
        self.update()

    def _fit(self) -> None:
        self.setGeometry(self.view.viewport().geometry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self._fit()
        return False


class ReaderBadges(_Overlay):
    """Badges after the title and the section headings in the reader."""

    def __init__(self, reader: Reader) -> None:
        super().__init__(reader)
        self.reader = reader
        reader.buildProgress.connect(lambda *_: self.update())
        reader.verticalScrollBar().rangeChanged.connect(lambda *_: self.update())  # relayout

    def paintEvent(self, event: QPaintEvent) -> None:
        transcript = self.reader.transcript()
        if transcript is None or not self.badges:
            return
        doc = self.reader.document()
        layout = doc.documentLayout()
        dy = self.reader.verticalScrollBar().value()
        dx = self.reader.horizontalScrollBar().value()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            for badge in self.badges:
                block: QTextBlock | None = None
                if badge.section is None:
                    block = doc.firstBlock()
                elif 0 <= badge.section < len(transcript.sections):
                    block = _heading_block(self.reader, transcript.sections, badge.section)
                if block is None or not block.isValid() or block.layout().lineCount() == 0:
                    continue
                line = block.layout().lineAt(block.layout().lineCount() - 1)
                rect = layout.blockBoundingRect(block)
                x = rect.left() + line.x() + line.naturalTextWidth() + 8 - dx
                middle = rect.top() + line.y() + line.height() / 2 - dy
                if -40 < middle < self.height() + 40:
                    font = block.charFormat().font() if block.text() else self.reader.font()
                    x, compact = _badge_place(self.width(), x, rect.left() + line.x() - dx,
                                              badge.verdict, font)
                    paint_badge(painter, x, middle, badge.verdict, font, compact=compact)
        finally:
            painter.end()


def _badge_place(width: float, after: float, line_left: float, verdict: Verdict,
                 font: QFont) -> tuple[float, bool]:
    """Where a heading's badge goes, never cut off by the view's edge: after the heading's
    last line in full, else there as its symbol only, else in the margin before the line,
    else at the view's right edge. Returns (left edge, compact)."""
    full, compact = badge_width(verdict, font), badge_width(verdict, font, compact=True)
    room = width - 4
    if after + full <= room:
        return after, False
    if after + compact <= room:
        return after, True
    if line_left - compact - 6 >= 0:
        return line_left - compact - 6, True
    return room - compact, True


def _heading_block(reader: Reader, sections: tuple[Section, ...], index: int
                   ) -> QTextBlock | None:
    """The document block of section heading `index` (headings sit right before the first
    turn under them, in order; None while that turn is not laid out yet)."""
    turn = sections[index].turn
    place = reader.turn_position(turn)
    if place is None:
        return None
    same = [i for i, s in enumerate(sections) if s.turn == turn]
    steps = len(same) - same.index(index)
    block = reader.document().findBlock(place[0])
    for _ in range(steps):
        block = block.previous()
    return block


class NavigatorBadges(_Overlay):
    """A compact badge (symbol only) at the right end of each audited heading's row."""

    def __init__(self, navigator: Navigator, model: TranscriptModel) -> None:
        super().__init__(navigator)
        self.navigator = navigator
        self.model = model
        model.modelReset.connect(self.update)
        model.layoutChanged.connect(self.update)

    def section_rows(self) -> dict[int, int]:
        """Section index -> model row (headings appear in the model in reading order)."""
        transcript = self.model.transcript()
        if transcript is None:
            return {}
        pending = list(enumerate(transcript.sections))
        rows: dict[int, int] = {}
        for row in range(self.model.rowCount()):
            item = self.model.row(row)
            if not item.is_section:
                continue
            for k, (index, section) in enumerate(pending):
                if section.turn == item.turn and section.title == item.section_title:
                    rows[index] = row
                    del pending[k]
                    break
        return rows

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.badges:
            return
        rows = self.section_rows()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.navigator.palette()
        try:
            for badge in self.badges:
                if badge.section is None or badge.section not in rows:
                    continue
                rect = self.navigator.visualRect(self.model.index(rows[badge.section], 0))
                if rect.isEmpty() or rect.bottom() < 0 or rect.top() > self.height():
                    continue
                font = self.navigator.font()
                width = QFontMetricsF(font).horizontalAdvance("✓") + 14
                x = rect.right() - width - 4
                paint_badge(painter, x, rect.center().y(), badge.verdict, font, compact=True,
                            background=palette)
        finally:
            painter.end()

