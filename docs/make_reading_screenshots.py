"""Screenshots of the reading tools: the keyword-in-context panel and the statistics panel
with the bundled interview, and the redaction list, in the light and the dark theme.

    python docs/make_reading_screenshots.py   # writes docs/reading-*.png

Settings and the data folder are throwaway: nothing of the user's is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="verbatim-docs-", ignore_cleanup_errors=True) as tmp:
        os.environ["VERBATIM_DATA_DIR"] = str(Path(tmp) / "data")
        from PySide6.QtCore import QEventLoop, QTimer

        from desktop import paths
        from desktop.core.importers import import_file
        from desktop.core.redaction import Redaction
        from desktop.ui.app import SCREENSHOT_SIZE, make_app
        from desktop.ui.dialogs.redaction_dialog import RedactionDialog
        from desktop.ui.library_session import close_all
        from desktop.ui.main_window import MainWindow
        from desktop.ui.reading_controller import ReadingController
        from desktop.ui.settings import Settings
        from desktop.ui.views.kwic_panel import SCOPE_TRANSCRIPT

        app = make_app(sys.argv[:1])
        assert app is not None

        def settle(msecs: int = 400) -> None:
            loop = QEventLoop()
            QTimer.singleShot(msecs, loop.quit)
            loop.exec()

        transcript = import_file(paths.sample_interview())
        for theme in ("light", "dark"):
            settings = Settings(Path(tmp) / f"settings-{theme}.ini")
            window = MainWindow(settings, theme_override=theme, show_errors=False)
            window.resize(*SCREENSHOT_SIZE)
            window.show_transcript(transcript)
            window.show()
            settle()
            reading = window.findChild(ReadingController, "readingController")
            assert reading is not None
            reading.set_redaction(Redaction.of(["Sergey Lavrov=[Source A]", "email", "phone"]))
            reading.preview_action.setChecked(True)
            reading.show_kwic("russia*", SCOPE_TRANSCRIPT)
            settle(800)
            reading.kwic.table.selectRow(2)
            reading.open_row(2)
            settle(600)
            shots = [(f"reading-kwic-{theme}.png", window)]
            for name, widget in shots:
                widget.grab().save(str(DOCS / name), "PNG")
                print(DOCS / name)
            reading.stats_dock.show()
            reading.stats_dock.raise_()
            reading.run_stats()
            settle(800)
            window.grab().save(str(DOCS / f"reading-stats-{theme}.png"), "PNG")
            print(DOCS / f"reading-stats-{theme}.png")
            dialog = RedactionDialog(reading.redaction(), window)
            dialog.show()
            settle()
            dialog.grab().save(str(DOCS / f"reading-redaction-{theme}.png"), "PNG")
            print(DOCS / f"reading-redaction-{theme}.png")
            dialog.close()
            window.close()
        close_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
