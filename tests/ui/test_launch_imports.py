"""A launch shows its file without importing what the first screen does not need."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: Run in a fresh interpreter: the test process has imported everything already.
PROBE = textwrap.dedent(
    """
    import sys
    from desktop import paths
    from desktop.core.importers import import_file
    from desktop.ui import library_session, theme
    from desktop.ui.app import make_app
    from desktop.ui.settings import Settings

    app = make_app(["verbatim"])
    theme.cached_style("light")  # what the first launch left in the cache
    for name in [m for m in sys.modules if m.split(".")[0] == "qdarktheme"]:
        del sys.modules[name]
    theme.defer_icon_style()
    gate = library_session.hold_start()  # as run_gui: the library opens after the paint
    from desktop.ui.main_window import MainWindow

    window = MainWindow(Settings(sys.argv[1]), theme_override="light")
    window.show_transcript(import_file(paths.sample_interview()))
    window.show()
    app.processEvents()
    heavy = ["qdarktheme", "ftfy", "charset_normalizer", "whoosh", "desktop.core.export",
             "importlib.metadata"]
    print(" ".join(name for name in heavy if name in sys.modules))
    gate.set()
    library_session.close_all()
    """
)


def test_the_first_screen_leaves_heavy_modules_for_later(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VERBATIM_DATA_DIR=str(tmp_path / "d"),
               PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "settings.ini")],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""  # none of them was imported


#: The real launch (`verbatim` with no file), reporting at the first paint of the file which of
#: the modules a first screen does not need were imported.
LAUNCH = textwrap.dedent(
    """
    import os, sys
    sys.argv = ["verbatim"]
    import desktop.ui.app as app_module
    from PySide6.QtCore import QEvent, QObject

    LATER = ["desktop.core.importers.subtitles", "desktop.core.importers.labelled",
             "desktop.core.importers.text", "desktop.core.importers.docx_import", "yaml",
             "multiprocessing", "desktop.ui.check_controller", "desktop.ui.media_controller",
             "desktop.ui.reading_controller", "desktop.ui.people_controller",
             "desktop.core.quotecheck", "desktop.ui.library_controller",
             "PySide6.QtMultimedia", "desktop.ui.dialogs.citation_dialog",
             "desktop.ui.dialogs.shorten_dialog", "desktop.ui.quote_controller",
             "desktop.ui.search_controller", "desktop.core.citations.citing",
             "desktop.core.citations.base", "desktop.core.importers.entry",
             "desktop.core.redaction", "difflib"]
    _make_app = app_module.make_app

    class Probe(QObject):
        def eventFilter(self, obj, event):
            window = obj.window() if event.type() == QEvent.Type.Paint else None
            if window is not None and getattr(window, "current_transcript", None) is not None \\
                    and obj is window.reader.viewport() and window.current_transcript():
                print(" ".join(name for name in LATER if name in sys.modules), flush=True)
                os._exit(0)
            return False

    def make_app(argv=None):
        app = _make_app(argv)
        app.installEventFilter(Probe(app))
        return app

    app_module.make_app = make_app
    from desktop.cli import main
    sys.exit(main([]))
    """
)


def test_a_launch_paints_its_file_before_importing_what_only_later_panels_need(
    tmp_path: Path,
) -> None:
    # The second launch, like every launch after the first, reads the file from the library:
    # no importer beyond the name rules, no import process, no panel (they stand in until the
    # paint), no citation style or form, no redaction before the paint.
    assert second_launch(LAUNCH, tmp_path) == ""


def second_launch(code: str, tmp_path: Path) -> str:
    """What `code` (a launch) prints the second time it runs on the same data and cache
    folders (the first launch fills the library and the theme cache)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VERBATIM_DATA_DIR=str(tmp_path / "d"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               PYTHONPATH=str(REPO))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, cwd=REPO, timeout=120) for _ in range(2)]
    assert all(done.returncode == 0 for done in runs), runs[-1].stderr
    return runs[1].stdout.strip()


#: The real launch again, reporting at the reader's first paint (caught in its own paintEvent,
#: not by an application-wide event filter, which hands every object to Python) whether PySide
#: has made the classes a first screen never uses.
LAZY_TYPES = textwrap.dedent(
    """
    import os, sys
    sys.argv = ["verbatim"]
    import PySide6.QtWidgets as widgets
    from desktop.ui.views.reader import Reader

    _paint = Reader.paintEvent

    def paintEvent(self, event):
        _paint(self, event)
        window = self.window()
        if getattr(window, "current_transcript", None) is not None and window.current_transcript():
            made = vars(widgets)
            print(" ".join(n for n in ("QStyle", "QColorDialog", "QWizard", "QFileDialog",
                                       "QMessageBox") if n in made),
                  flush=True)
            os._exit(0)

    Reader.paintEvent = paintEvent
    from desktop.cli import main
    sys.exit(main([]))
    """
)


def test_a_launch_leaves_pyside_types_it_does_not_paint_unmade(tmp_path: Path) -> None:
    """PySide makes a class (and all its enums: QStyle's cost ~8 ms) when Python first names
    it, and makes every QtWidgets class at once (~25 ms) when Python is handed an object of a
    class it does not know, such as the private text control that parents a QTextEdit's first
    document. The first screen does neither: QStyle is imported where list items are painted,
    and the reader tracks its own documents instead of asking Qt for that parent."""
    # The second launch (the first generates and caches the theme with qdarktheme, whose
    # qtpy layer names every Qt class).
    assert second_launch(LAZY_TYPES, tmp_path) == ""
