"""Test helper (not a test): show the real main window on the current X display and save
what the X server shows of it. Usage: python -m tests.ui.xvfb_snapshot OUT.png [FILE]"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.ui.app import make_app
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    source = Path(argv[1]) if len(argv) > 1 else paths.sample_interview()
    app = make_app([sys.argv[0]])
    print(f"platform={QApplication.platformName()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(Settings(Path(tmp) / "settings.ini"), theme_override="light",
                            show_errors=False)
        window.resize(1280, 800)
        opened: list[object] = []
        window.transcriptOpened.connect(opened.append)
        window.importFailed.connect(lambda exc: (print(f"failed: {exc}"), app.exit(1)))
        window.show()
        window.open_path(source)
        loop = QEventLoop()
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        poll = QTimer()
        handle = window.windowHandle()
        poll.timeout.connect(lambda: loop.quit() if opened and handle.isExposed() else None)
        poll.start(50)
        deadline.start(20_000)
        loop.exec()
        poll.stop()
        if not opened or not window.windowHandle().isExposed():
            print("window was not exposed or the file did not open", file=sys.stderr)
            return 1
        settle = QEventLoop()
        QTimer.singleShot(300, settle.quit)
        settle.exec()
        screen = window.screen()
        pixmap = screen.grabWindow(window.winId())
        if not pixmap.save(str(out), "PNG"):
            return 1
        print(f"saved {out} {pixmap.width()}x{pixmap.height()}", flush=True)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
