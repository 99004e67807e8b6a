"""Opening a file in the window parses it once: the library stores that parse, the index is
built from it, and the user's speaker corrections are on screen from the first show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.core import importers as importers_module
from desktop.core import isolated_import as isolated_import_module
from desktop.core.model import Transcript
from desktop.core.workspace import CorrectionKind
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the core parses from now on, wherever it is asked."""
    seen: list[str] = []

    def counting(real: Callable[..., Transcript]) -> Callable[..., Transcript]:
        def wrapper(path: Any, *args: Any, **kwargs: Any) -> Transcript:
            seen.append(Path(path).name)
            return real(path, *args, **kwargs)

        return wrapper

    # The window parses in a child process (`import_isolated`); the core in-process.
    monkeypatch.setattr(importers_module, "import_file", counting(importers_module.import_file))
    monkeypatch.setattr(isolated_import_module, "import_isolated",
                        counting(isolated_import_module.import_isolated))
    return seen


def test_opening_a_file_parses_it_once(
    qtbot: Any, window: MainWindow, sample_path: Path, parses: list[str]
) -> None:
    session = window.session
    qtbot.waitUntil(lambda: session.ready, timeout=10_000)
    shown: list[Transcript] = []
    window.transcriptOpened.connect(shown.append)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(sample_path)
    session.wait(10_000)
    qtbot.waitUntil(lambda: len(session.entries()) == 1, timeout=10_000)
    qtbot.wait(100)  # any late second wave would arrive now
    assert parses == [sample_path.name]
    assert len(shown) == 1  # one transcriptOpened: no corrected copy swapped in later


def test_corrections_show_on_the_first_show(
    qtbot: Any, window: MainWindow, sample_path: Path, parses: list[str]
) -> None:
    session = window.session
    qtbot.waitUntil(lambda: session.ready, timeout=10_000)
    workspace = window.workspace
    assert workspace is not None
    opened = workspace.open_file(sample_path)
    assert opened.entry_id is not None
    guest = opened.transcript.speakers[-1]
    workspace.correct_speaker(opened.entry_id, guest.id, CorrectionKind.RENAME, "The Guest")
    parses.clear()
    shown: list[Transcript] = []
    window.transcriptOpened.connect(shown.append)
    with qtbot.waitSignal(window.transcriptOpened, timeout=10_000):
        window.open_path(sample_path)
    session.wait(10_000)
    qtbot.wait(100)
    assert parses == []  # the bytes the library parsed: its stored parse, no import
    assert len(shown) == 1
    assert shown[0].speaker(guest.id).name == "The Guest"  # type: ignore[union-attr]
