"""A list model over a `Transcript`: one row per section heading and per turn, in reading order.

The navigator shows it directly; the reader rebuilds its document from it on `modelReset`.
Rows are flat (a heading is a row before the turns under it) so both views walk one sequence.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Final

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.core.model import Speaker, Transcript
from desktop.ui import theme
from desktop.ui.models import READ_ONLY_ROW, role_names

FIRST_WORDS: Final = 8

_Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    """Data roles beyond Qt's own (DisplayRole is "Speaker: first words" or the heading)."""

    Kind = Qt.ItemDataRole.UserRole + 1  # "section" or "turn"
    TurnIndex = Qt.ItemDataRole.UserRole + 2  # int; for a heading, the first turn under it
    SpeakerId = Qt.ItemDataRole.UserRole + 3  # str | None
    SpeakerName = Qt.ItemDataRole.UserRole + 4  # str ("" when unattributed)
    SpeakerRole = Qt.ItemDataRole.UserRole + 5  # "interviewer", "interviewee", ...
    SpeakerColor = Qt.ItemDataRole.UserRole + 6  # QColor for the current theme
    SpeakerColorIndex = Qt.ItemDataRole.UserRole + 7  # int | None, stable across themes
    IsQuestion = Qt.ItemDataRole.UserRole + 8  # bool
    FirstWords = Qt.ItemDataRole.UserRole + 9  # str
    Text = Qt.ItemDataRole.UserRole + 10  # the turn's full text, or the heading
    Start = Qt.ItemDataRole.UserRole + 11  # float | None, seconds
    End = Qt.ItemDataRole.UserRole + 12  # float | None, seconds


@dataclass(frozen=True, slots=True)
class Row:
    """One row: a heading (`section_title` set) or a turn."""

    turn: int
    section_title: str | None = None

    @property
    def is_section(self) -> bool:
        return self.section_title is not None


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    """The first `count` words of a text, with an ellipsis when there are more."""
    words = text.split()
    shown = " ".join(words[:count])
    return shown + "…" if len(words) > count else shown


def format_time(seconds: float) -> str:
    """0:49, 12:03 or 1:02:03: how transcripts print timestamps."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def tooltip(text: str) -> str:
    """Tooltips are rich text whenever Qt guesses so: escape transcript words explicitly."""
    return f"<p>{html.escape(text)}</p>"


def colour_indexes(transcript: Transcript) -> dict[str, int]:
    """A stable colour slot per speaker: askers first (so the interviewer is always blue)."""
    ordered = sorted(transcript.speakers, key=lambda s: (not s.role.asks,))
    return {speaker.id: i for i, speaker in enumerate(ordered)}


class TranscriptModel(QAbstractListModel):
    """Read-only rows of headings and turns of one transcript (or none)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._transcript: Transcript | None = None
        self._rows: list[Row] = []
        self._turn_rows: list[int] = []
        self._colours: dict[str, int] = {}

    # -- the transcript ------------------------------------------------------------------------

    def transcript(self) -> Transcript | None:
        return self._transcript

    def set_transcript(self, transcript: Transcript | None) -> None:
        """Show another transcript (a model reset: views rebuild)."""
        self.beginResetModel()
        self._transcript = transcript
        self._rows = []
        self._turn_rows = []
        self._colours = colour_indexes(transcript) if transcript else {}
        if transcript is not None:
            headings: dict[int, list[str]] = {}
            for section in transcript.sections:
                headings.setdefault(section.turn, []).append(section.title)
            for i in range(len(transcript.turns)):
                for title in headings.pop(i, []):
                    self._rows.append(Row(i, title))
                self._turn_rows.append(len(self._rows))
                self._rows.append(Row(i))
            # Headings pointing past the last turn still show, at the end.
            for turn, titles in sorted(headings.items()):
                self._rows.extend(Row(turn, t) for t in titles)
        self.endResetModel()

    def row_of_turn(self, turn_index: int) -> int:
        """The row showing turn `turn_index`."""
        return self._turn_rows[turn_index]

    def row(self, row: int) -> Row:
        return self._rows[row]

    def speaker_colour_index(self, speaker_id: str | None) -> int | None:
        """The colour slot of a speaker (None for unattributed turns)."""
        if speaker_id is None:
            return None
        return self._colours.get(speaker_id)

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return READ_ONLY_ROW

    def roleNames(self) -> dict[int, QByteArray]:
        return role_names(super().roleNames(), Roles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        transcript = self._transcript
        if transcript is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if row.section_title is not None:
            return self._section_data(row, role)
        turn = transcript.turns[row.turn]
        speaker = transcript.speaker(turn.speaker)
        return self._turn_data(transcript, row.turn, speaker, role)

    def _section_data(self, row: Row, role: int) -> Any:
        title = row.section_title
        match role:
            case Qt.ItemDataRole.DisplayRole | Roles.Text:
                return title
            case Qt.ItemDataRole.ToolTipRole:
                return tooltip(title or "")
            case Roles.Kind:
                return "section"
            case Roles.TurnIndex:
                return row.turn
            case Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            case Roles.IsQuestion:
                return False
        return None

    def _turn_data(
        self, transcript: Transcript, turn_index: int, speaker: Speaker | None, role: int
    ) -> Any:
        turn = transcript.turns[turn_index]
        asks = speaker is not None and speaker.role.asks
        colour_index = self.speaker_colour_index(turn.speaker)
        match role:
            case Qt.ItemDataRole.DisplayRole:
                words = first_words(turn.text)
                shown = f"{_short_name(speaker)}: {words}" if speaker else words
                return shown if turn.start is None else f"{format_time(turn.start)}  {shown}"
            case Qt.ItemDataRole.ToolTipRole:
                return tooltip(first_words(turn.text, 40))
            case Qt.ItemDataRole.FontRole:
                if asks:
                    font = QFont()
                    font.setWeight(QFont.Weight.DemiBold)
                    return font
                return None
            case Qt.ItemDataRole.ForegroundRole:
                return theme.speaker_colour(colour_index) if asks else None
            case Qt.ItemDataRole.DecorationRole:
                return None if speaker is None else theme.speaker_colour(colour_index)
            case Roles.SpeakerColor:
                return theme.speaker_colour(colour_index)
            case Roles.Kind:
                return "turn"
            case Roles.TurnIndex:
                return turn_index
            case Roles.SpeakerId:
                return turn.speaker
            case Roles.SpeakerName:
                return speaker.name if speaker else ""
            case Roles.SpeakerRole:
                return str(speaker.role) if speaker else ""
            case Roles.SpeakerColorIndex:
                return colour_index
            case Roles.IsQuestion:
                return asks
            case Roles.FirstWords:
                return first_words(turn.text)
            case Roles.Text:
                return turn.text
            case Roles.Start:
                return turn.start
            case Roles.End:
                return turn.end
        return None


def _short_name(speaker: Speaker | None) -> str:
    """The family name for the navigator ("Blinken"), the whole label if it is one word."""
    if speaker is None:
        return ""
    parts = speaker.name.split()
    if len(parts) > 1 and not speaker.name.isupper():
        return parts[-1]
    return speaker.name
