"""The import report bar: what the importer found and did, and "Reopen as…" another shape.

Shown above the reader after each import; dismissable. Everything in it is plain text
(report lines quote the source, which is data, never markup).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.importers import format_label, format_labels
from desktop.core.model import Transcript

#: Encodings offered by "Reopen as" (Python codec name, label).
ENCODINGS: Final = (
    ("utf-8", "UTF-8"),
    ("utf-16", "UTF-16"),
    ("cp1252", "Windows-1252 (Western)"),
    ("latin-1", "ISO-8859-1 (Latin-1)"),
    ("iso8859-15", "ISO-8859-15 (Latin-9)"),
    ("mac_roman", "Mac Roman"),
    ("cp1250", "Windows-1250 (Central European)"),
    ("cp1251", "Windows-1251 (Cyrillic)"),
    ("koi8_r", "KOI8-R"),
    ("shift_jis", "Shift JIS"),
    ("gb18030", "GB18030"),
    ("big5", "Big5"),
)


def summary_text(transcript: Transcript) -> str:
    """One line: shape, encoding, speakers, turns and counts of what changed."""
    shape = format_label(transcript.source.format)
    report = transcript.report
    parts = [
        f"Opened as {shape}",
        transcript.source.encoding,
        _plural(len(transcript.speakers), "speaker"),
        _plural(len(transcript.turns), "turn"),
    ]
    if transcript.sections:
        parts.append(_plural(len(transcript.sections), "section"))
    for count, word in ((len(report.removed), "removed"), (len(report.repaired), "repaired")):
        if count:
            parts.append(f"{count} {word}")
    if report.warnings:
        # the first warning in full: a doubtful parse says so where the user looks (issue 10)
        parts.append(f"{_plural(len(report.warnings), 'warning')}: {report.warnings[0]}")
    return " · ".join(parts)


def details_text(transcript: Transcript) -> str:
    """The full report, one item per line."""
    lines: list[str] = []
    for speaker in transcript.speakers:
        count = sum(1 for t in transcript.turns if t.speaker == speaker.id)
        aliases = [a for a in speaker.aliases if a != speaker.name]
        also = f"; also labelled {', '.join(aliases)}" if aliases else ""
        lines.append(f"Speaker: {speaker.name} ({speaker.role.value}, {count} turns{also})")
    report = transcript.report
    for title, items in (("Removed", report.removed), ("Repaired", report.repaired),
                         ("Warning", report.warnings)):
        lines.extend(f"{title}: {item}" for item in items)
    if not lines:
        lines.append("Nothing was removed, repaired or flagged.")
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    if n == 0:
        return f"no {word}s"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class ReportBar(QFrame):
    """Dismissable summary of the last import, with details and "Reopen as…"."""

    #: (format id or None, encoding or None): open the same file again with these choices.
    reopenRequested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportBar")
        self.setAccessibleName("Import report")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._summary = QLabel(self)
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._summary.setWordWrap(True)  # else its one long line sets the reader's minimum width
        self._details = QLabel(self)
        self._details.setTextFormat(Qt.TextFormat.PlainText)
        self._details.setWordWrap(True)
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._details.hide()

        # "Full Report", not "Details": the Quote Board's button is about citation details.
        self._toggle = QPushButton("Full Report", self)
        self._toggle.setFlat(True)
        self._toggle.setCheckable(True)
        self._toggle.toggled.connect(self._details.setVisible)

        self._reopen = QPushButton("Reopen as…", self)
        self._reopen.setFlat(True)
        self._reopen.setMenu(self._build_reopen_menu())

        self._close = QToolButton(self)
        self._close.setText("✕")
        self._close.setToolTip("Hide the import report")
        self._close.setAutoRaise(True)
        self._close.clicked.connect(self.hide)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._summary, 1)
        top.addWidget(self._toggle)
        top.addWidget(self._reopen)
        top.addWidget(self._close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self._details)
        self.hide()

    def _build_reopen_menu(self) -> QMenu:
        menu = QMenu(self)
        fill_reopen_menu(menu, lambda fmt, enc: self.reopenRequested.emit(fmt, enc))
        return menu

    def show_report(self, transcript: Transcript) -> None:
        """Fill the bar for a freshly opened transcript and show it."""
        # A narrow bar wraps between the parts, never inside one ("4 | removed").
        self._summary.setText(summary_text(transcript).replace(" ", "\u00a0")
                              .replace("\u00a0·\u00a0", " · "))
        self._details.setText(details_text(transcript))
        self._summary.setToolTip(f"<p>{html.escape(transcript.source.path)}</p>")
        self.show()

    def summary(self) -> str:
        return self._summary.text().replace("\u00a0", " ")

    def details(self) -> str:
        return self._details.text()


def fill_reopen_menu(menu: QMenu, reopen: Callable[[str | None, str | None], None]) -> None:
    """Add "Format" and "Encoding" submenus whose actions call `reopen(format, encoding)`,
    when the menu is first shown: listing the formats imports every importer module
    (~100 ms of regexes compiled at import), which a launch does not need to paint."""

    def fill() -> None:
        menu.aboutToShow.disconnect(fill)
        _fill_reopen_menu(menu, reopen)

    menu.aboutToShow.connect(fill)


def _fill_reopen_menu(menu: QMenu, reopen: Callable[[str | None, str | None], None]) -> None:
    formats = menu.addMenu("Format")
    for fmt, label in format_labels():
        action = QAction(label, formats)
        action.triggered.connect(lambda _=False, f=fmt: reopen(f, None))
        formats.addAction(action)
    encodings = menu.addMenu("Encoding")
    for codec, label in ENCODINGS:
        action = QAction(label, encodings)
        action.triggered.connect(lambda _=False, c=codec: reopen(None, c))
        encodings.addAction(action)
