"""Speaker corrections in one window: "Rename / Merge / Set Role" for the speaker under the
mouse in the reader and the navigator.

Views and actions only: the correction is the workspace's (`correct_speaker_of`, run in the
shared session, stored with the library entry and re-indexed there); the window then shows the
corrected transcript at the same place.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QMenu

from desktop.core.model import Transcript
from desktop.core.workspace import CorrectionKind, same_source
from desktop.ui import messages
from desktop.ui.dialogs.speaker_dialog import SpeakerActions
from desktop.ui.library_session import LibrarySession
from desktop.ui.models.transcript_model import Roles

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install(window: MainWindow) -> SpeakerController:
    """Add the speaker entries to the reader's and the navigator's context menus."""
    return SpeakerController(window, window.session)


class SpeakerController(QObject):
    """One per window: the speaker entries of the reader's and the navigator's menus."""

    def __init__(self, window: MainWindow, session: LibrarySession) -> None:
        super().__init__(window)
        self.setObjectName("speakerController")
        self.window = window
        self.session = session
        self.reader_speaker = SpeakerActions(window, self.correct)
        for action in self.reader_speaker.actions():
            window.reader.add_context_action(action)
        self._reader_probe = _ContextProbe(self)
        window.reader.viewport().installEventFilter(self._reader_probe)
        window.reader.installEventFilter(self._reader_probe)
        self.navigator_speaker = SpeakerActions(window, self.correct)
        navigator = window.navigator
        navigator.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        navigator.customContextMenuRequested.connect(self._navigator_menu)

    def aim_reader_actions(self, turn_index: int | None) -> None:
        """Point the reader's speaker entries at the speaker of a turn."""
        transcript = self.window.current_transcript()
        speaker_id = None
        if transcript is not None and turn_index is not None \
                and 0 <= turn_index < len(transcript.turns):
            speaker_id = transcript.turns[turn_index].speaker
        self.reader_speaker.set_speaker(transcript, speaker_id)

    def _navigator_menu(self, pos: QPoint) -> None:
        navigator = self.window.navigator
        index = navigator.indexAt(pos)
        speaker_id = index.data(Roles.SpeakerId) if index.isValid() else None
        transcript = self.window.current_transcript()
        if transcript is None or not isinstance(speaker_id, str):
            return
        self.navigator_speaker.set_speaker(transcript, speaker_id)
        menu = QMenu(navigator)
        for action in self.navigator_speaker.actions():
            menu.addAction(action)
        menu.exec(navigator.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def correct(self, speaker_id: str, kind: CorrectionKind, value: str) -> None:
        """Store a speaker correction in the library and show the corrected transcript."""
        transcript = self.window.current_transcript()
        if transcript is None:
            return
        path = transcript.source.path
        name = (transcript.speaker(speaker_id) or transcript.speakers[0]).name

        def done(corrected: Transcript) -> None:
            current = self.window.current_transcript()
            if current is not None and same_source(current.source.path, path):
                self._replace(corrected)
            into = corrected.speaker(value)
            self._status(messages.correction_done(kind, name, value,
                                                  into.name if into else value))

        def failed(exc: BaseException) -> None:
            self._status(messages.correction_failed(exc))

        self.session.correct(transcript, speaker_id, kind, value, done, failed)

    def _replace(self, transcript: Transcript) -> None:
        """Show a corrected copy of the same transcript, staying at the same place."""
        reader = self.window.reader
        top = reader.turn_at_top()
        self.window.show_transcript(transcript)
        if top is not None:
            reader.scroll_to_turn(top)

    def _status(self, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the window may already be gone
            self.window.statusBar().showMessage(message, 8000)


class _ContextProbe(QObject):
    """Sees right-clicks on the reader before its menu opens, to aim the speaker entries."""

    def __init__(self, controller: SpeakerController) -> None:
        super().__init__(controller)
        self._controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            reader = self._controller.window.reader
            if event.reason() == QContextMenuEvent.Reason.Keyboard:
                position = reader.textCursor().position()
            else:
                point = event.pos()
                if watched is reader:
                    point = reader.viewport().mapFrom(reader, point)
                position = reader.cursorForPosition(point).position()
            self._controller.aim_reader_actions(reader.turn_at_position(position, nearest=True))
        return False
