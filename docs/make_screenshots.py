"""Make the README's screenshots: the bundled interview with a search and two quotes on the board,
in both themes, in a wide window (1600x1000: the page centred at its measure) and a small one
(1024x640: the navigator folded away so the words keep their line).

    python docs/make_screenshots.py   # writes docs/screenshot{,-dark,-1024,-1024-dark}.png

`verbatim --screenshot` shows the window as a first launch does (empty panels); this script drives
the real window a little further, the way a user would, so the picture shows what the app is for.
Settings and the data folder are throwaway: nothing of the user's is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

SEARCH = "sanctions"
WIDE = (1600, 1000)
SMALL = (1024, 640)
QUOTES = [
    ("a new aggression against Ukraine would be a mistake", "The headline quote", ["russia"]),
    ("NATO is a defensive, not an offensive alliance", "", ["nato", "defence"]),
]


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="verbatim-docs-", ignore_cleanup_errors=True) as tmp:
        os.environ["VERBATIM_DATA_DIR"] = str(Path(tmp) / "data")
        from PySide6.QtCore import QEventLoop, QObject, QTimer

        from desktop import paths
        from desktop.core.importers import import_file
        from desktop.ui.app import make_app
        from desktop.ui.library_session import close_all
        from desktop.ui.main_window import MainWindow
        from desktop.ui.quote_controller import controller_of
        from desktop.ui.settings import Settings

        app = make_app(sys.argv[:1])  # kept alive for the windows below
        assert app is not None

        def settle(msecs: int = 400) -> None:
            loop = QEventLoop()
            QTimer.singleShot(msecs, loop.quit)
            loop.exec()

        transcript = import_file(paths.sample_interview())
        shots = (
            ("light", WIDE, "screenshot.png"), ("dark", WIDE, "screenshot-dark.png"),
            ("light", SMALL, "screenshot-1024.png"), ("dark", SMALL, "screenshot-1024-dark.png"),
        )
        for theme, size, name in shots:
            settings = Settings(Path(tmp) / f"settings-{theme}-{size[0]}.ini")
            window = MainWindow(settings, theme_override=theme, show_errors=False)
            window.resize(*size)
            window.show_transcript(transcript)
            window.show()
            settle()
            quotes = controller_of(window)
            if quotes is not None and not quotes.store.quotes():
                for words, note, tags in QUOTES:
                    turn = next(i for i, t in enumerate(transcript.turns) if words in t.text)
                    at = transcript.turns[turn].text.index(words)
                    window.reader.select_span(turn, at, at + len(words))
                    for item in quotes.add_selection():
                        quotes.store.update(item.id, note=note, tags=tags)
                quotes.model.reload()
            search = window.findChild(QObject, "searchController")
            if search is not None:
                search.search(SEARCH)  # type: ignore[attr-defined]
                settle(800)
                if search.results.rowCount():  # type: ignore[attr-defined]
                    search.open_row(0)  # type: ignore[attr-defined]
            settle(800)
            window.resize(*size)
            settle()
            out = DOCS / name
            if not window.grab().save(str(out), "PNG"):
                print(f"cannot write {out}", file=sys.stderr)
                return 1
            print(out)
            window.close()
        close_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
