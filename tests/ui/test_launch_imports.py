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
