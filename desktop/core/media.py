"""Media files for transcripts: which recording belongs to a transcript, and what the user did
with it (linked media, the last playback position, times aligned from a machine transcript).

The recording is the primary record a quote is checked against, so the link is stored with the
user's data (a small SQLite database, `media.sqlite3`, in the data folder) rather than guessed
anew each time. A transcript is keyed by its resolved path; its SHA-256 is kept so aligned times
are used only for the very bytes they were computed on.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from desktop.core.identity import source_key
from desktop.paths import user_data_dir

AUDIO_EXTENSIONS = (".wav", ".mp3", ".m4a", ".ogg", ".opus", ".flac", ".aac")
VIDEO_EXTENSIONS = (".mp4", ".webm", ".mkv", ".mov")
MEDIA_EXTENSIONS = AUDIO_EXTENSIONS + VIDEO_EXTENSIONS

#: The media database's file name in the data folder.
MEDIA_DB_NAME = "media.sqlite3"

#: Turn times carried over by `verbatim align`: one (start, end) per turn, None where unmatched.
TurnTimes = list[tuple[float | None, float | None]]


def is_media_file(path: str | Path) -> bool:
    """True for a file name with a media extension this app can link (by name, not content)."""
    return Path(path).suffix.lower() in MEDIA_EXTENSIONS


def is_video(path: str | Path) -> bool:
    """True for a video container (shown in the video pane); audio files play without one."""
    return Path(path).suffix.lower() in VIDEO_EXTENSIONS


def find_media_beside(transcript_path: str | Path) -> Path | None:
    """The media file beside a transcript with the same stem (`talk.srt` + `talk.mp3`).

    Exports often add a second suffix (`talk.words.json`, `talk.en.srt`), so the stem before
    the first dot counts too. Audio is preferred over video only by the order of
    MEDIA_EXTENSIONS; the first regular file found wins.
    """
    path = Path(transcript_path)
    folder = path.parent
    stems = [path.stem]
    short = path.name.split(".", 1)[0]
    if short and short not in stems:
        stems.append(short)
    for stem in stems:
        for extension in MEDIA_EXTENSIONS:
            for candidate in (folder / f"{stem}{extension}", folder / f"{stem}{extension.upper()}"):
                if candidate.is_file():
                    return candidate
    return None


def _key(path: str | Path) -> str:
    """A transcript's or a recording's key: the one identity rule for a file."""
    return source_key(path)


class MediaStore:
    """Links, positions and aligned times per transcript, in `media.sqlite3`.

    One small database of its own: the data is tiny, written rarely, and must survive
    a rebuild of the library or its search index.
    """

    SCHEMA = 1

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else user_data_dir() / MEDIA_DB_NAME
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False)
        with self._lock, self._conn:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS media (transcript TEXT PRIMARY KEY, media TEXT,"
                " position REAL, sha256 TEXT, turn_times TEXT)"
            )
            self._conn.execute(f"PRAGMA user_version = {self.SCHEMA}")

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> MediaStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _upsert(self, transcript: str | Path, column: str, value: object) -> None:
        key = _key(transcript)
        with self._lock, self._conn:
            self._conn.execute("INSERT OR IGNORE INTO media (transcript) VALUES (?)", (key,))
            self._conn.execute(f"UPDATE media SET {column} = ? WHERE transcript = ?", (value, key))

    def _get(self, transcript: str | Path, column: str) -> object:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {column} FROM media WHERE transcript = ?", (_key(transcript),)
            ).fetchone()
        return None if row is None else row[0]

    def link(self, transcript: str | Path, media: str | Path | None) -> None:
        """Link a media file to a transcript (None removes the link)."""
        self._upsert(transcript, "media", None if media is None else _key(media))

    def linked(self, transcript: str | Path) -> Path | None:
        """The media file linked by the user, if any (it may have been moved since)."""
        value = self._get(transcript, "media")
        return Path(str(value)) if value else None

    def media_for(self, transcript: str | Path) -> Path | None:
        """The recording to play: the linked one if it still exists, else one beside the file."""
        linked = self.linked(transcript)
        if linked is not None and linked.is_file():
            return linked
        return find_media_beside(transcript)

    def set_position(self, transcript: str | Path, seconds: float) -> None:
        """Remember where playback stopped, per transcript."""
        self._upsert(transcript, "position", max(0.0, float(seconds)))

    def position(self, transcript: str | Path) -> float:
        """The remembered playback position in seconds (0 when none)."""
        value = self._get(transcript, "position")
        return float(value) if isinstance(value, int | float) else 0.0

    def set_turn_times(self, transcript: str | Path, sha256: str, times: TurnTimes) -> None:
        """Store turn times aligned from a machine transcript, for these bytes of the file."""
        self._upsert(transcript, "sha256", sha256)
        self._upsert(transcript, "turn_times", json.dumps([list(t) for t in times]))

    def turn_times(self, transcript: str | Path, sha256: str) -> TurnTimes | None:
        """Aligned turn times, or None when none were stored or the file changed since."""
        with self._lock:
            row = self._conn.execute(
                "SELECT sha256, turn_times FROM media WHERE transcript = ?",
                (_key(transcript),),
            ).fetchone()
        if row is None or row[0] != sha256 or not row[1]:
            return None
        try:
            raw = json.loads(row[1])
        except ValueError:
            return None
        return [(_float(pair[0]), _float(pair[1])) for pair in raw if isinstance(pair, list)]


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None

