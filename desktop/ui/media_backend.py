"""Qt Multimedia behind one small class, imported only when a recording is opened.

Qt Multimedia lives in PySide6-Addons (about 175 MB), not in the Essentials wheel the app
needs, so it is the optional `media` extra. Everything here imports it lazily: the window
starts as fast as before, and without the extra `availability()` says in one sentence how
to enable playback.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal

INSTALL_HINT = "pip install 'verbatim[media]'"


@functools.cache
def availability() -> str | None:
    """None when playback works here, else the sentence that says why not and what to do."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as exc:
        if "QtMultimedia" in str(exc) or getattr(exc, "name", "") == "PySide6.QtMultimedia":
            return f"Playing recordings needs the media extra: {INSTALL_HINT}."
        # the module is there but a system library is not (Debian: libpulse0)
        return f"Qt Multimedia is installed but cannot load ({exc}); playback is off."
    return None


class Player(QObject):
    """One recording: play, pause, seek, speed, volume, and play a span then stop."""

    positionChanged = Signal(float)  # seconds
    durationChanged = Signal(float)
    playingChanged = Signal(bool)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self._player = QMediaPlayer(self)
        self._audio = QAudioOutput(self)
        self._player.setAudioOutput(self._audio)
        self._pending_seek: float | None = None
        self._stop_at: float | None = None
        self._loaded = False
        self._player.positionChanged.connect(self._on_position)
        self._player.durationChanged.connect(lambda ms: self.durationChanged.emit(ms / 1000))
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        _settle_virtual_lookups(self._player, self._audio)

    # -- commands -------------------------------------------------------------------------

    def load(self, path: Path, video_output: Any = None) -> None:
        """Open a recording (paused at 0); `video_output` is a QVideoWidget for video."""
        self._loaded = False
        self._pending_seek = None
        self._stop_at = None
        self._player.setVideoOutput(video_output)
        self._player.setSource(QUrl.fromLocalFile(str(path)))

    def unload(self) -> None:
        self._player.stop()
        self._player.setSource(QUrl())
        self._loaded = False

    def play(self) -> None:
        self._player.play()

    def pause(self) -> None:
        self._player.pause()

    def toggle(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self._stop_at = None
            self.play()

    def is_playing(self) -> bool:
        from PySide6.QtMultimedia import QMediaPlayer

        return bool(self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)

    def position(self) -> float:
        """Where playback is, in seconds (a seek still waiting for the file counts)."""
        if self._pending_seek is not None:
            return self._pending_seek
        return float(self._player.position()) / 1000

    def duration(self) -> float:
        return float(self._player.duration()) / 1000

    def seek(self, seconds: float) -> None:
        """Go to a time; before the file is loaded, the seek waits for it."""
        seconds = max(0.0, seconds)
        if not self._loaded:
            self._pending_seek = seconds
            return
        self._player.setPosition(int(seconds * 1000))

    def play_from(self, seconds: float) -> None:
        self._stop_at = None
        self.seek(seconds)
        self.play()

    def play_span(self, start: float, end: float) -> None:
        """Play from `start` and pause at `end` (a quote: the user hears exactly its words)."""
        self.seek(start)
        self._stop_at = end
        self.play()

    def set_rate(self, rate: float) -> None:
        self._player.setPlaybackRate(rate)

    def rate(self) -> float:
        return float(self._player.playbackRate())

    def set_volume(self, percent: int) -> None:
        self._audio.setVolume(max(0, min(100, percent)) / 100)

    # -- events ---------------------------------------------------------------------------

    def _on_position(self, ms: int) -> None:
        seconds = ms / 1000
        if self._stop_at is not None and seconds >= self._stop_at:
            self._stop_at = None
            self.pause()
        self.positionChanged.emit(seconds)

    def _on_state(self, *_: object) -> None:
        self.playingChanged.emit(self.is_playing())

    def _on_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        ready = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia,
                 QMediaPlayer.MediaStatus.BufferingMedia)
        if status in ready and not self._loaded:
            self._loaded = True
            if self._pending_seek is not None:
                pending, self._pending_seek = self._pending_seek, None
                self._player.setPosition(int(pending * 1000))
                self.positionChanged.emit(pending)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.failed.emit(self._player.errorString() or "the file cannot be played")

    def _on_error(self, _error: Any, text: str) -> None:
        self.failed.emit(text or "the file cannot be played")


def _noop() -> None:
    """A slot that does nothing (see `_settle_virtual_lookups`)."""


def _settle_virtual_lookups(*objects: QObject) -> None:
    """Make each Python-made Qt Multimedia object answer "no Python override" for its
    connect/disconnect notifications once, here, in the window's thread.

    Why: Qt's FFmpeg back end deletes its playback objects in its own threads, and each
    deletion notifies the objects they were connected to (our player and audio output) with
    Qt's connection lock held. For an object made from Python, PySide answers the first such
    notification by taking the GIL to look for a Python override; if the window's thread
    holds the GIL at that moment, waiting on the same lock (in `stop()` or `setSource()`),
    both wait for ever (seen as a hang on closing the window). PySide remembers a lookup that
    found no override, so doing it once now leaves nothing for those threads to ask."""
    for obj in objects:
        obj.destroyed.connect(_noop)
        obj.destroyed.disconnect(_noop)
