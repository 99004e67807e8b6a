"""The library session merges the index after bulk imports, once idle, in a child process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.core.search import whoosh_engine
from desktop.ui import library_session
from desktop.ui.library_session import LibrarySession

pytestmark = pytest.mark.timeout(90)

TEXT = """{title}

JANE DOE: Welcome. Today we talk about the {thing} and the fishermen.

JOHN ROE: Thank you. The {thing} needs work before winter.

JANE DOE: How much will the {thing} cost?

JOHN ROE: About forty thousand. The fishermen raised half of it.
"""


def test_segments_left_by_imports_are_merged_when_idle(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whoosh_engine, "_BIG_SEGMENT", 3)  # every file's segment is "big"
    monkeypatch.setattr(library_session, "MERGE_WHEN_IDLE_MS", 100)
    files = []
    for i, thing in enumerate(("lighthouse", "harbour wall", "ferry")):
        path = tmp_path / f"talk{i}.txt"
        path.write_text(TEXT.format(title=f"Council interview {i}", thing=thing), "utf-8")
        files.append(path)
    session = LibrarySession(tmp_path / "data")
    try:
        qtbot.waitUntil(lambda: session.ready, timeout=20_000)
        engine = session.engine()
        assert engine is not None
        session.add(files[:1])
        session.add(files[1:])
        session.wait(20_000)
        assert engine.merge_wanted()  # two segments of "big" imports
        qtbot.waitUntil(lambda: engine.segment_count() == 1, timeout=30_000)
        assert not engine.merge_wanted()
        assert engine.search("ferry").total == 3
        assert len(engine.indexed()) == 3
    finally:
        session.close()
