"""Start the window: `verbatim [FILE...]` and `verbatim --screenshot OUT.png [FILE]`."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop import appinfo, paths
from desktop.core.errors import VerbatimError
from desktop.core.isolated_import import warm_up
from desktop.core.team.connection import URL_VARIABLE
from desktop.core.workspace import read_transcript
from desktop.ui import library_session, team_secrets, theme
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings

SCREENSHOT_SIZE = (1280, 800)
ICON_NAME = f"icons/{appinfo.APP_ID}.svg"


class ScreenshotError(VerbatimError):
    """The screenshot could not be written."""


class NoDisplayError(VerbatimError):
    """No graphical session to open a window in (Qt would abort with a core dump)."""


def _require_display() -> None:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise NoDisplayError(
            "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); "
            "use a subcommand such as 'verbatim parse', or --screenshot"
        )


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's identity (or the existing one, in tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(appinfo.ORGANIZATION)
    app.setOrganizationDomain(appinfo.ORGANIZATION_DOMAIN)
    app.setApplicationName(appinfo.APP_NAME)
    app.setApplicationDisplayName(appinfo.APP_NAME)
    app.setApplicationVersion(appinfo.VERSION)
    QGuiApplication.setDesktopFileName(appinfo.APP_ID)
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def app_icon() -> QIcon | None:
    """The bundled app icon, or None when the installation has none."""
    try:
        path = paths.resource(ICON_NAME)
    except FileNotFoundError:
        return None
    icon = QIcon(str(path))
    return None if icon.isNull() else icon


def files_to_open(args: argparse.Namespace, settings: Settings) -> list[Path]:
    """FILE... from the command line; else the last file shown if it still exists; else the
    bundled sample (first launch)."""
    if args.files:
        return [Path(f) for f in args.files]
    last = settings.last_opened
    if last and Path(last).is_file():
        return [Path(last)]
    return [paths.sample_interview()]


def run_gui(args: argparse.Namespace) -> int:
    """Open the window (or write a screenshot) and return the exit code."""
    if args.screenshot:
        gc.enable()
        return take_screenshot(Path(args.screenshot), args.files[0] if args.files else None,
                               theme=args.theme or "light")
    _require_display()
    # No cyclic garbage collection until the file is painted (it ran ~100 times, 10-30 ms, in
    # a launch that makes many objects and frees few); `AfterFirstPaint` turns it back on.
    gc.disable()
    app = make_app(sys.argv[:1])
    settings = Settings()
    team_secrets.apply_team_setting(settings.team_library_url)
    # Work the first frame does not need waits until it is painted (see AfterFirstPaint).
    theme.defer_icon_style()
    library_gate = library_session.hold_start()
    windows: list[MainWindow] = []
    for i, path in enumerate(files_to_open(args, settings)):
        window = MainWindow(settings, theme_override=args.theme, later=False)
        if i:
            window.move(windows[0].pos().x() + 40 * i, windows[0].pos().y() + 40 * i)
        window.open_path(path)
        show_when_opened(window)
        windows.append(window)
    later: list[Callable[[], object]] = [w.install_later for w in windows]
    AfterFirstPaint(windows[0], [gc.enable, *later, library_gate.set, theme.install_icon_style,
                                 warm_up])
    return int(app.exec())


#: How long a launching window waits for its file before it shows without it (then with
#: "Opening…" and Cancel in its status bar): a stored parse is read in ~5 ms (30 ms on a busy
#: machine); a first import, in a child process, can take a second.
SHOW_WAIT_MS = 100


def show_when_opened(window: MainWindow, wait_ms: int = SHOW_WAIT_MS) -> None:
    """Show a launching window once its file is on it (opened or failed), or after `wait_ms`.

    Why: the first frame the user sees then has the words in it, rather than an empty reader
    that fills in a moment later, and Qt lays out and paints the window once, not twice
    (opening an unchanged file reads its stored parse in a few milliseconds)."""
    timer = QTimer(window)
    timer.setSingleShot(True)

    def show(*_: object) -> None:
        timer.stop()
        if not window.isVisible():
            window.show()

    timer.timeout.connect(show)
    window.transcriptOpened.connect(show)
    window.importFailed.connect(show)
    timer.start(wait_ms)


class AfterFirstPaint(QObject):
    """Runs callbacks once, on the event loop, after `window`'s reader painted a transcript
    (or after `timeout_ms`, when opening fails or takes long).

    Why: a launch paints the file sooner when the panels the first screen does not show
    (`MainWindow.install_later`), the library (SQLite, Whoosh, a sync that may re-index),
    qdarktheme's icon style (a ~100 ms import) and the import process server (a second Python
    that loads every importer) do not compete with it for the one interpreter lock and the
    CPU; none of them is needed to read.
    """

    def __init__(
        self, window: MainWindow, callbacks: list[Callable[[], object]], timeout_ms: int = 3000
    ) -> None:
        super().__init__(window)
        self._window = window
        self._callbacks: list[Callable[[], object]] | None = list(callbacks)
        window.reader.viewport().installEventFilter(self)
        QTimer.singleShot(timeout_ms, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._window.current_transcript() is not None:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        callbacks, self._callbacks = self._callbacks, None
        if callbacks is None:
            return
        self._window.reader.viewport().removeEventFilter(self)
        for callback in callbacks:
            callback()


def take_screenshot(out: Path, file: str | None, *, theme: str = "light") -> int:
    """Render the main window at 1280x800 offscreen with `file` (default: the sample).

    Settings and the data folder (library, index, quote board) are throwaway, so the picture
    never depends on the user's choices and never adds the file to the user's library.
    Raises TranscriptImportError for a file that cannot be opened (the CLI prints one line).
    """
    import tempfile

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop(URL_VARIABLE, None)  # a screenshot never touches the user's library
    qInstallMessageHandler(_quiet_offscreen)
    source = Path(file) if file else paths.sample_interview()
    transcript = read_transcript(source)  # before any window: a bad file exits 1 with one line
    app = make_app(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="verbatim-shot-", ignore_cleanup_errors=True) as tmp:
        os.environ["VERBATIM_DATA_DIR"] = str(Path(tmp) / "data")
        settings = Settings(Path(tmp) / "settings.ini")
        window = MainWindow(settings, theme_override=theme, show_errors=False)
        window.resize(*SCREENSHOT_SIZE)
        window.show_transcript(transcript)
        window.show()
        _settle(app)
        window.resize(*SCREENSHOT_SIZE)
        _settle(app)
        pixmap = window.grab()
        saved = pixmap.save(str(out), "PNG")
        window.close()
        from desktop.ui.library_session import close_all

        close_all()  # release the throwaway library before its folder is deleted
    if not saved:
        raise ScreenshotError(f"{out}: cannot write the PNG")
    return 0


def _settle(app: QApplication, rounds: int = 3, msecs: int = 50) -> None:
    """Let layout, the theme's style sheet and the document layout finish before grabbing."""
    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(msecs, loop.quit)
        loop.exec()
        app.processEvents()


def _quiet_offscreen(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen plugin's harmless "does not support propagateSizeHints" notes."""
    if "propagateSizeHints" in message:
        return
    print(message, file=sys.stderr)
