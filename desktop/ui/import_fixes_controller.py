"""Right-click fixes to what the importer got wrong: Not a Speaker, Split Turn Here, Join with
Previous Turn, Not Speech. The reader's context menu gets the four entries, aimed at the turn
and word under the click; a fix is kept by the library (`Library.fix_import`, beside the
speaker corrections) and re-applied after every re-import. The work runs in the library's
worker; the window shows the fixed transcript at the same place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QContextMenuEvent

from desktop.core.import_fixes import FixKind, make_fix
from desktop.core.model import Transcript

if TYPE_CHECKING:
    from desktop.core.workspace import Workspace
    from desktop.ui.main_window import MainWindow
    from desktop.ui.workers import JobContext

#: (kind, menu text, status sentence once done)
_ENTRIES: tuple[tuple[FixKind, str, str], ...] = (
    (FixKind.NOT_A_SPEAKER, "Not a Speaker", "The label is read as words now."),
    (FixKind.SPLIT, "Split Turn Here", "The turn is split; the new turn names nobody yet."),
    (FixKind.JOIN, "Join with Previous Turn", "The turn is joined to the one before it."),
    (FixKind.NOT_SPEECH, "Not Speech", "The paragraph is marked as a note, not speech."),
)


class ImportFixesController(QObject):
    """Owns the four entries and the turn/word they are aimed at."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self._target: tuple[int, int] | None = None
        self.actions: dict[FixKind, QAction] = {}
        separator = QAction(window)
        separator.setSeparator(True)
        window.reader.add_context_action(separator)
        for kind, text, done in _ENTRIES:
            action = QAction(text, window)
            action.triggered.connect(lambda _=False, k=kind, d=done: self.fix(k, d))
            window.reader.add_context_action(action)
            self.actions[kind] = action
        window.reader.viewport().installEventFilter(self)
        self.aim(None)

    def aim(self, target: tuple[int, int] | None) -> None:
        """Aim the entries at (turn, character offset), or disable them (None)."""
        self._target = target
        transcript = self.window.current_transcript()
        for kind, action in self.actions.items():
            action.setEnabled(target is not None and transcript is not None
                              and _possible(transcript, kind, *target))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            hit = self.window.reader.hit(event.pos())
            self.aim(None if hit is None else (hit[0], hit[1] or 0))
        return False

    def fix(self, kind: FixKind, done_sentence: str) -> None:
        """Make the fix at the aimed turn and word, keep it, show the fixed transcript."""
        transcript = self.window.current_transcript()
        if transcript is None or self._target is None:
            return
        try:
            fix = make_fix(transcript, kind, *self._target)
        except ValueError as exc:
            self._status(f"Not changed: {exc}.")
            return
        path = transcript.source.path

        def work(workspace: Workspace, ctx: JobContext) -> Transcript:
            return workspace.fix_import_of(transcript, fix).transcript

        def shown(fixed: Transcript) -> None:
            current = self.window.current_transcript()
            if current is not None and current.source.path == path:
                top = self.window.reader.turn_at_top()
                self.window.show_transcript(fixed)
                if top is not None:
                    self.window.reader.scroll_to_turn(min(top, len(fixed.turns) - 1))
            self._status(done_sentence)

        def failed(exc: BaseException) -> None:
            reason = getattr(exc, "reason", None) or str(exc)
            self._status(f"The transcript could not be fixed: {reason}.")

        self.session.run(work, on_done=shown, on_error=failed, list_changes=True, writes=True)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)


def _possible(transcript: Transcript, kind: FixKind, turn: int, offset: int) -> bool:
    try:
        make_fix(transcript, kind, turn, offset)
    except ValueError:
        return False
    return True


def install(window: MainWindow) -> ImportFixesController:
    """Add the entries to a window's reader (an `EXTENSIONS` module)."""
    return ImportFixesController(window)

