"""Reload when the source changes: the reader never keeps showing old words without saying so.

The file the reader shows is watched (`QFileSystemWatcher`, and a check whenever the window
is activated, since editors that save by replacing the file end the watch). When its bytes
no longer have the SHA-256 they had when opened, a bar above the reader says so and offers
Reload; quotes taken from the old text are checked against the new one as always.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from desktop.core.model import Transcript

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class ChangedBar(QFrame):
    """ "“interview.txt” changed on disk since it was opened. [Reload] [×]"."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sourceChangedBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#sourceChangedBar { background: rgba(237, 108, 2, 0.16); border: 1px solid #ed6c02; }"
        )
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.reload_button = QPushButton("&Reload")
        self.reload_button.setToolTip("Open the file again as it is now")
        close = QPushButton("×")
        close.setFlat(True)
        close.setAccessibleName("Dismiss")
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.reload_button)
        row.addWidget(close)
        self.hide()


class SourceWatch(QObject):
    """Watches the shown transcript's file; `check()` compares its bytes now."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("sourceWatch")
        self.window = window
        self.bar = ChangedBar()
        self.bar.reload_button.clicked.connect(self.reload)
        window.add_top_bar(self.bar)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _path: self.check())
        self._path: Path | None = None
        self._sha256 = ""
        self._stamp: tuple[int, int] | None = None
        window.transcriptOpened.connect(self._on_opened)
        window.installEventFilter(self)
        current = window.current_transcript()
        if current is not None:
            self._on_opened(current)

    def _on_opened(self, transcript: Transcript) -> None:
        self.bar.hide()
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        path = Path(transcript.source.path)
        self._path = path if path.is_file() else None
        self._sha256 = transcript.source.sha256
        self._stamp = _stamp(self._path) if self._path is not None else None
        if self._path is not None:
            self._watcher.addPath(str(self._path))

    def check(self) -> bool:
        """True (and the bar shown) when the file's bytes differ from what is shown."""
        path = self._path
        if path is None:
            return False
        if str(path) not in self._watcher.files() and path.is_file():
            self._watcher.addPath(str(path))  # replaced by an editor: watch the new file
        stamp = _stamp(path)
        if stamp is not None and stamp == self._stamp:
            return self.bar.isVisibleTo(self.window)  # untouched since last time: no hashing
        self._stamp = stamp
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            self.bar.label.setText(f"“{path.name}” cannot be read any more (moved or deleted).")
            self.bar.reload_button.hide()
            self.bar.show()
            return True
        if digest == self._sha256:
            return False
        self.bar.label.setText(
            f"“{path.name}” changed on disk since it was opened: the reader shows the old text."
        )
        self.bar.reload_button.show()
        self.bar.show()
        return True

    def reload(self) -> None:
        if self._path is not None:
            self.bar.hide()
            self.window.open_path(self._path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.check()
        return super().eventFilter(watched, event)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def watch_of(window: QObject) -> SourceWatch | None:
    found = window.findChild(SourceWatch, "sourceWatch")
    return found if isinstance(found, SourceWatch) else None


def install(window: MainWindow) -> SourceWatch:
    return SourceWatch(window)
