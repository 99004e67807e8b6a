"""Shorten a quote with an ellipsis: pick words to leave out, see the quote as it will read.

The quote's words are shown read-only (the source's words can never be edited here); the
user selects a span and presses "Omit Selection", as often as needed, or "Restore All".
Which words an omission takes, and that the first and last word stay, is decided by the core
(`desktop.core.quotes.omit`), so the board, exports and the CLI agree. Omitted words stay
visible, struck through, so the user always sees what the source said.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quotes import (
    Quote,
    QuoteAnchorError,
    omission_for,
    omit,
    render_quote,
    with_elisions,
)
from desktop.ui import theme

_KEEP_HINT = "The first and last words stay: a quote never begins or ends with an omission."
_SELECT_HINT = "Select words in the quote, then press Omit Selection."
_OMIT_HINT = "Omit Selection leaves out every word the selection touches."


class ShortenDialog(QDialog):
    """Edit which of a quote's words are left out (`elisions()`); the words stay the source's."""

    def __init__(self, quote: Quote, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortenDialog")
        self.setWindowTitle("Shorten Quote")
        self._original = quote
        self._quote = quote
        intro = QLabel(
            "Leave out words you do not need; each omission is shown as an ellipsis (…). "
            "The quote's own words cannot be changed."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        self.words = QPlainTextEdit()
        self.words.setObjectName("shortenWords")
        self.words.setAccessibleName("Quote words")
        self.words.setReadOnly(True)
        self.words.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.words.setPlainText(quote.text)  # plain text: transcript words are data
        self.words.setMinimumHeight(90)
        self.words.selectionChanged.connect(self._sync)

        self.omit_button = QPushButton("&Omit Selection")
        self.omit_button.setObjectName("omitSelection")
        self.omit_button.clicked.connect(self.omit_selection)
        self.restore_button = QPushButton("&Restore All")
        self.restore_button.setObjectName("restoreAll")
        self.restore_button.clicked.connect(self.restore_all)
        self.hint = QLabel()
        self.hint.setObjectName("shortenHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setEnabled(False)  # muted: a hint, not content
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.omit_button)
        buttons_row.addWidget(self.restore_button)
        buttons_row.addStretch(1)

        preview_title = QLabel("Preview:")
        self.preview = QLabel()
        self.preview.setObjectName("shortenPreview")
        self.preview.setAccessibleName("Shortened quote")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        preview_title.setBuddy(self.preview)
        font = self.preview.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.preview.setFont(font)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.words, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(self.hint)
        layout.addWidget(preview_title)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.resize(520, 340)
        self._refresh()

    # -- API ----------------------------------------------------------------------------------

    def quote(self) -> Quote:
        """The quote with the omissions chosen so far."""
        return self._quote

    def elisions(self) -> tuple[tuple[int, int], ...]:
        """The omitted (start, end) ranges in the turn's offsets (what the store saves)."""
        return self._quote.elisions

    def select_words(self, start: int, end: int) -> None:
        """Select characters `start`..`end` of the quote's text (tests, keyboard users)."""
        cursor = self.words.textCursor()
        cursor.setPosition(_utf16(self._quote.text, start))
        cursor.setPosition(_utf16(self._quote.text, end), QTextCursor.MoveMode.KeepAnchor)
        self.words.setTextCursor(cursor)

    def omit_selection(self) -> bool:
        """Leave out the words the selection touches; False (and a hint) when it cannot."""
        span = self._selection()
        if span is None:
            return False
        try:
            self._quote = omit(self._quote, *span)
        except QuoteAnchorError:
            self.hint.setText(_KEEP_HINT)
            return False
        cursor = self.words.textCursor()
        cursor.clearSelection()
        self.words.setTextCursor(cursor)
        self._refresh()
        return True

    def restore_all(self) -> None:
        self._quote = with_elisions(self._quote, ())
        self._refresh()

    # -- internals ----------------------------------------------------------------------------

    def _selection(self) -> tuple[int, int] | None:
        """The selection as turn offsets, or None when nothing is selected."""
        cursor = self.words.textCursor()
        if not cursor.hasSelection():
            return None
        text = self._quote.text
        start = _from_utf16(text, cursor.selectionStart())
        end = _from_utf16(text, cursor.selectionEnd())
        return self._quote.start + start, self._quote.start + end

    def _sync(self) -> None:
        span = self._selection()
        allowed = span is not None and omission_for(self._quote, *span) is not None
        self.omit_button.setEnabled(allowed)
        if span is None:
            self.hint.setText(_SELECT_HINT)
        else:
            self.hint.setText(_OMIT_HINT if allowed else _KEEP_HINT)

    def _refresh(self) -> None:
        self._mark_omitted()
        self.preview.setText(render_quote(self._quote))
        self.restore_button.setEnabled(bool(self._quote.elisions))
        self._sync()

    def _mark_omitted(self) -> None:
        """Omitted words struck through and muted, so the source's full words stay visible."""
        fmt = QTextCharFormat()
        fmt.setFontStrikeOut(True)
        fmt.setForeground(theme.muted_colour())
        fmt.setBackground(QColor(0, 0, 0, 0))
        selections: list[QTextEdit.ExtraSelection] = []
        text = self._quote.text
        for gap_start, gap_end in self._quote.elisions:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.words.document())
            cursor.setPosition(_utf16(text, gap_start - self._quote.start))
            cursor.setPosition(
                _utf16(text, gap_end - self._quote.start), QTextCursor.MoveMode.KeepAnchor
            )
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.words.setExtraSelections(selections)


def _utf16(text: str, index: int) -> int:
    """A Python string index as a Qt (UTF-16) document position."""
    return len(text[:index].encode("utf-16-le")) // 2


def _from_utf16(text: str, position: int) -> int:
    """A Qt (UTF-16) document position as a Python string index."""
    units = 0
    for index, ch in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


__all__ = ["ShortenDialog"]
