"""Playback of the recording behind a transcript, synced to the reader.

When a timed transcript opens with a recording beside it (same stem) or linked by the user
(File › Link Media…), a transport bar appears under the reader. Clicking a turn's time in the
speaker column, or Alt+clicking any word, plays from there; the turn being spoken is tinted
and the reader follows it unless the user has scrolled away; with word timings the word being
said is marked too. On the quote board, Play Quote plays exactly the quote's words.

Qt Multimedia is optional (`verbatim[media]`): without it the bar says so in one sentence
and everything else works as before. Its module is imported only when a recording opens.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QWidget

from desktop.core.media import MEDIA_EXTENSIONS, is_video
from desktop.core.model import Transcript
from desktop.core.timeline import Timeline, with_turn_times
from desktop.core.workspace import MediaStore
from desktop.ui import media_backend
from desktop.ui.views.player_bar import PlayerBar

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.views.quote_board import QuoteBoard


class MediaController(QObject):
    """Owns the player, the transport bar, the video pane and the playback actions."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("mediaController")
        self.window = window
        self.reader = window.reader
        # The workspace's (shared by the windows, closed with it); None: links and positions
        # are not remembered, playback still works.
        workspace = window.workspace
        self.store: MediaStore | None = workspace.media if workspace is not None else None
        self.player: media_backend.Player | None = None
        self.timeline: Timeline | None = None
        self.transcript: Transcript | None = None
        self.media_path: Path | None = None
        self.follow = True
        self._playing_turn: int | None = None
        self._pending_quote: int | None = None
        self._video_dock: QDockWidget | None = None
        self._video_widget: QWidget | None = None

        self.bar = PlayerBar()
        self.bar.hide()
        window.add_bottom_bar(self.bar)
        self.bar.playToggled.connect(self.toggle)
        self.bar.stepped.connect(self.step)
        self.bar.positionSought.connect(self.seek)
        self.bar.speedChanged.connect(self._set_rate)
        self.bar.volumeChanged.connect(self._set_volume)
        self.bar.followToggled.connect(self._set_follow)

        self._build_actions()
        window.transcriptOpened.connect(self._on_opened)
        self.reader.viewport().installEventFilter(self)
        window.installEventFilter(self)  # to remember the position when the window closes
        current = window.current_transcript()
        if current is not None:  # installed after the launch showed its file
            self._on_opened(current)

    # -- actions ---------------------------------------------------------------------------

    def _action(self, text: str, keys: list[str], slot: object,
                parent: QWidget | None = None) -> QAction:
        action = QAction(text, parent or self.window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        (parent or self.window).addAction(action)
        return action

    def _build_actions(self) -> None:
        file_menu = self.window.menu("File")
        self.link_action = QAction("Link &Media…", self.window)
        self.link_action.setStatusTip("Choose the recording of this transcript")
        self.link_action.triggered.connect(self.choose_media)
        self.link_action.setEnabled(False)
        file_menu.addAction(self.link_action)

        menu = self.window.menu("Playback")
        self.play_action = self._action("&Play / Pause", ["Ctrl+Space", "Esc"], self.toggle)
        self.back_action = self._action("&Back 5 Seconds", ["Alt+Left", "F1"],
                                        lambda: self.step(-5.0))
        self.forward_action = self._action("&Forward 5 Seconds", ["Alt+Right", "F2"],
                                           lambda: self.step(5.0))
        self.faster_action = self._action("F&aster", ["F4"], lambda: self.bar.step_speed(1))
        self.slower_action = self._action("&Slower", ["Shift+F4"],
                                          lambda: self.bar.step_speed(-1))
        self.play_turn_action = QAction("Play This &Turn", self.window)
        self.play_turn_action.triggered.connect(self._play_current_turn)
        self.follow_action = QAction("&Follow Playback", self.window)
        self.follow_action.setCheckable(True)
        self.follow_action.setChecked(True)
        self.follow_action.toggled.connect(self.bar.follow_button.setChecked)
        self.bar.follow_button.toggled.connect(self.follow_action.setChecked)
        for action in (self.play_action, self.back_action, self.forward_action,
                       self.faster_action, self.slower_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.play_turn_action)
        menu.addAction(self.follow_action)
        # Space plays only while the reader has focus (it types nowhere there: read-only)
        space = QAction("Play / Pause", self.reader)
        space.setShortcut(QKeySequence(Qt.Key.Key_Space))
        space.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        space.triggered.connect(self.toggle)
        self.reader.addAction(space)
        self.space_action = space
        self.play_quote_action = QAction("&Play Quote", self.window)
        self.play_quote_action.triggered.connect(self.play_selected_quote)
        board = self._quote_board()
        if board is not None:
            board.add_context_action(self.play_quote_action)
        self._sync_actions()

    def _quote_board(self) -> QuoteBoard | None:
        from desktop.ui.quote_controller import controller_of

        controller = controller_of(self.window)
        return None if controller is None else controller.board

    def _sync_actions(self) -> None:
        ready = self.player is not None and self.media_path is not None
        for action in (self.play_action, self.back_action, self.forward_action,
                       self.faster_action, self.slower_action, self.play_turn_action,
                       self.space_action):
            action.setEnabled(ready)
        self.play_quote_action.setEnabled(True)  # it explains itself when it cannot play
        self.link_action.setEnabled(self.transcript is not None)

    # -- opening ---------------------------------------------------------------------------

    def _on_opened(self, transcript: Transcript) -> None:
        self._remember_position()
        path = transcript.source.path
        if self.store is not None and not transcript.is_timed:
            times = self.store.turn_times(path, transcript.source.sha256)
            if times:  # times carried over by `verbatim align`: the clean text can play too
                transcript = with_turn_times(transcript, times)
                self.window.model.set_transcript(transcript)
        self.transcript = transcript
        self.timeline = Timeline(transcript) if transcript.is_timed else None
        self._playing_turn = None
        self.reader.clear_highlights("playing")
        self.reader.clear_highlights("word")
        media = self.store.media_for(path) if self.store is not None else None
        if media is None and self.store is None:
            from desktop.core.media import find_media_beside

            media = find_media_beside(path)
        self._load(media)
        if self._pending_quote is not None:
            quote_id, self._pending_quote = self._pending_quote, None
            self._play_quote_spans(quote_id)

    def _load(self, media: Path | None) -> None:
        self.media_path = media
        if self.player is not None:
            self.player.unload()
        self._show_video(False)
        if media is None:
            self.bar.hide()
            self._sync_actions()
            return
        unavailable = media_backend.availability()
        if unavailable is not None:
            self.bar.show_message(f"{media.name}: {unavailable}")
            self.bar.show()
            self._sync_actions()
            return
        if self.timeline is None:
            self.bar.show_message(
                f"{media.name} is beside this transcript, but the transcript has no times: "
                "align it with a timed transcript (verbatim align) to play along.")
            self.bar.show()
            self._sync_actions()
            return
        player = self._ensure_player()
        self.bar.show_message("")
        video = self._show_video(is_video(media))
        player.load(media, video)
        if self.store is not None and self.transcript is not None:
            remembered = self.store.position(self.transcript.source.path)
            if remembered:
                player.seek(remembered)
                self.bar.set_position(remembered)
        self.bar.show()
        self._sync_actions()

    def _ensure_player(self) -> media_backend.Player:
        if self.player is None:
            self.player = media_backend.Player(self)
            self.player.positionChanged.connect(self._on_position)
            self.player.durationChanged.connect(self.bar.set_duration)
            self.player.playingChanged.connect(self.bar.set_playing)
            self.player.failed.connect(self._on_failed)
            self.player.set_rate(float(self.bar.speed.currentData()))
            self.player.set_volume(self.bar.volume.value())
        return self.player

    def _show_video(self, shown: bool) -> object | None:
        """The video pane (a dock), created on first use; None for audio."""
        if not shown:
            if self._video_dock is not None:
                self._video_dock.hide()
            return None
        if self._video_dock is None:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self._video_widget = QVideoWidget()
            self._video_dock = QDockWidget("Video", self.window)
            self._video_dock.setObjectName("videoDock")
            self._video_dock.setWidget(self._video_widget)
            self.window.add_dock(self._video_dock, Qt.DockWidgetArea.RightDockWidgetArea)
        self._video_dock.show()
        return self._video_widget

    def choose_media(self) -> None:
        """File › Link Media…: pick the recording of the open transcript."""
        if self.transcript is None:
            return
        patterns = " ".join(f"*{ext}" for ext in MEDIA_EXTENSIONS)
        folder = str(Path(self.transcript.source.path).parent)
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Link Media", folder, f"Audio and video ({patterns});;All files (*)")
        if chosen:
            self.link(Path(chosen))

    def link(self, media: Path) -> None:
        """Link a recording to the open transcript (remembered) and load it."""
        if self.transcript is None:
            return
        if self.store is not None:
            self.store.link(self.transcript.source.path, media)
        self._load(media)
        self.window.statusBar().showMessage(f"Linked {media.name}", 4000)

    # -- playback --------------------------------------------------------------------------

    def toggle(self) -> None:
        if self.player is not None and self.media_path is not None:
            self.player.toggle()

    def step(self, seconds: float) -> None:
        if self.player is not None:
            self.seek(self.player.position() + seconds)

    def seek(self, seconds: float) -> None:
        if self.player is not None:
            self.player.seek(seconds)
            self._on_position(max(0.0, seconds))

    def play_from(self, seconds: float) -> None:
        """Play from a time, bringing the reader along."""
        if self.player is None or self.media_path is None:
            self._explain()
            return
        self.bar.follow_button.setChecked(True)  # the user asked for this place: follow it
        self.player.play_from(seconds)
        self._on_position(seconds)

    def play_turn(self, turn: int) -> None:
        if self.timeline is not None:
            start = self.timeline.turn_start(turn)
            if start is not None:
                self.play_from(start)

    def _play_current_turn(self) -> None:
        top = self.reader.turn_at_top()
        spans = self.reader.selection_spans()
        turn = spans[0][0] if spans else top
        if turn is not None:
            self.play_turn(turn)

    def play_span(self, turn: int, start: int, end: int, end_turn: int | None = None) -> bool:
        """Play the words of a span (a quote) and stop after them; False when untimed."""
        if self.timeline is None or self.player is None or self.media_path is None:
            self._explain()
            return False
        times = self.timeline.span_times(turn, start, end, end_turn=end_turn)
        if times is None:
            return False
        self.player.play_span(*times)
        self._on_position(times[0])
        return True

    def play_selected_quote(self) -> None:
        """Quote board › Play Quote: show the quote in its transcript, then play its words."""
        from desktop.ui.quote_controller import controller_of

        controller = controller_of(self.window)
        if controller is None:
            return
        ids = controller.board.selected_ids()
        if not ids:
            return
        before = self.window.current_transcript()
        controller.show_quote(ids[0])
        if self.window.current_transcript() is before and not self.window.is_busy():
            self._play_quote_spans(ids[0])
        else:
            self._pending_quote = ids[0]  # played once its transcript has opened

    def _play_quote_spans(self, _quote_id: int) -> None:
        spans = self.reader.highlights("quote")
        if not spans:
            self.window.statusBar().showMessage("This quote cannot be found in its source.", 6000)
            return
        first, last = spans[0], spans[-1]
        if not self.play_span(first[0], first[1], last[2], end_turn=last[0]):
            self.window.statusBar().showMessage(
                "This quote's transcript has no times to play it by.", 6000)

    def _explain(self) -> None:
        if self.transcript is not None and not self.transcript.is_timed:
            text = "This transcript has no times: align it with a timed one (verbatim align)."
        elif self.media_path is None:
            text = "No recording is linked to this transcript: File › Link Media…"
        else:
            text = media_backend.availability() or "The recording cannot be played."
        self.window.statusBar().showMessage(text, 8000)

    def _set_rate(self, rate: float) -> None:
        if self.player is not None:
            self.player.set_rate(rate)

    def _set_volume(self, percent: int) -> None:
        if self.player is not None:
            self.player.set_volume(percent)

    def _set_follow(self, follow: bool) -> None:
        self.follow = follow
        if follow and self._playing_turn is not None:
            self.reader.scroll_to_turn(self._playing_turn)

    def _on_failed(self, reason: str) -> None:
        name = self.media_path.name if self.media_path else "The recording"
        self.bar.show_message(f"{name} cannot be played: {reason}.")
        self._sync_actions()

    # -- following the position ------------------------------------------------------------

    def _on_position(self, seconds: float) -> None:
        self.bar.set_position(seconds)
        if self.timeline is None or self.transcript is None:
            return
        turn = self.timeline.turn_at(seconds)
        if turn != self._playing_turn:
            was_visible = self._playing_turn is None or (
                self._playing_turn in self.reader.visible_turns())
            self._playing_turn = turn
            if turn is None:
                self.reader.clear_highlights("playing")
            else:
                length = len(self.transcript.turns[turn].text)
                self.reader.highlight([(turn, 0, length)], kind="playing")
                # follow only while the user is looking at where playback was
                if self.follow and was_visible and turn not in self.reader.visible_turns():
                    self.reader.scroll_to_turn(turn)
        word = self.timeline.word_at(seconds) if self.timeline.has_words else None
        if word is None:
            if self.reader.highlights("word"):
                self.reader.clear_highlights("word")
        elif self.reader.highlights("word") != [(word.turn, word.start, word.end)]:
            self.reader.highlight([(word.turn, word.start, word.end)], kind="word")

    def can_play(self) -> bool:
        """True when the shown transcript has a recording that can play along."""
        return self.player is not None and self.media_path is not None \
            and self.timeline is not None

    def playing_turn(self) -> int | None:
        """The turn highlighted as being spoken (tests, other features)."""
        return self._playing_turn

    # -- clicks in the reader --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._close_store()
            return False
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.timeline is not None
            and self.media_path is not None
            and self.player is not None
        ):
            hit = self.reader.hit(event.position().toPoint())
            if hit is not None:
                turn, offset = hit
                if offset is None and self.timeline.turn_start(turn) is not None:
                    self.play_turn(turn)  # a click on the turn's name and time
                    return True
                if offset is not None and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                    when = self.timeline.time_at(turn, offset)
                    if when is not None:
                        self.play_from(when)
                        return True
        return super().eventFilter(watched, event)

    # -- closing ---------------------------------------------------------------------------

    def _remember_position(self) -> None:
        if self.player is not None and self.transcript is not None and self.store is not None:
            # a position is a convenience, never worth an error
            with contextlib.suppress(sqlite3.Error):
                self.store.set_position(self.transcript.source.path, self.player.position())

    def _close_store(self) -> None:
        self._remember_position()
        if self.player is not None:
            self.player.unload()
        self.store = None  # the workspace closes it


def controller_of(window: QObject) -> MediaController | None:
    """The window's media controller (tests, other features)."""
    found = window.findChild(MediaController, "mediaController")
    return found if isinstance(found, MediaController) else None


def install(window: MainWindow) -> MediaController:
    """Add the transport bar, the Playback menu and File › Link Media… to a window."""
    return MediaController(window)
