"""UI fixtures: hand-made transcripts and windows with throwaway settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.model import (
    Annotation,
    AnnotationKind,
    Metadata,
    Role,
    Section,
    Source,
    Speaker,
    Transcript,
    Turn,
)

QUESTIONS = [
    "You said you had proof that Russia is considering invading Ukraine. Are we close to a "
    "military confrontation?",
    "You come from meeting the Russian Foreign Minister. Do you have any indication of his "
    "intentions now?",
    "Would you say that today we are closer to a de-escalation?",
    "Is a meeting between the two presidents in preparation?",
]
ANSWERS = [
    "We do not know the intentions of President Vladimir Putin. I was at the NATO summit "
    "before I came here [ndlr : en Suède] for the OSCE meeting.\n\nThis concern is widely "
    "shared, not just for us, but for many partners in Europe.",
    "Our conversation was very direct, frank as usual. We did not get into controversy. "
    "It was very professional, very direct.",
    "What I can tell you is that Sergey Lavrov will return our discussions to President "
    "Putin. I will obviously do the same.",
    "No, not publicly.",
]


def make_interview(path: str = "/tmp/interview.txt", *, timed: bool = False) -> Transcript:
    """Two speakers, two sections, alternating questions and answers, one annotation."""
    turns: list[Turn] = []
    for i, (q, a) in enumerate(zip(QUESTIONS, ANSWERS, strict=True)):
        start = float(i * 60) if timed else None
        turns.append(Turn("efi", q, start=start))
        annotations: tuple[Annotation, ...] = ()
        marker = "[ndlr : en Suède]"
        if marker in a:
            at = a.index(marker)
            annotations = (Annotation(at, at + len(marker), AnnotationKind.EDITORIAL),)
        turns.append(Turn("blinken", a, start=None if start is None else start + 20,
                          annotations=annotations))
    return Transcript(
        source=Source(path=path, sha256="0" * 64, format="plain", encoding="utf-8"),
        metadata=Metadata(
            title="Antony Blinken: “In case of Russian aggression in Ukraine, we will respond”",
            date="--12-02",
            outlet="euronews",
            place="U.S. Embassy in Stockholm",
            lede="The military reinforcement of Moscow near the Ukrainian border accentuates "
            "tensions between NATO, the European Union and Russia.",
        ),
        speakers=(
            Speaker("efi", "Efi Koutsokosta", Role.INTERVIEWER, "euronews",
                    ("Efi Koutsokosta, euronews", "Efi Koutsokosta")),
            Speaker("blinken", "Antony Blinken", Role.INTERVIEWEE, "US Secretary of State"),
        ),
        sections=(
            Section("“A new aggression against Ukraine would be a mistake”", 0),
            Section("A “very direct conversation” with Sergey Lavrov", 2),
        ),
        turns=tuple(turns),
    )


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`Settings()` without a path must never reach the developer's real settings in tests."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, folder)
    yield


@pytest.fixture
def interview() -> Transcript:
    return make_interview()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def window(qtbot, settings_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A MainWindow with throwaway settings, shown offscreen at 1280x800."""
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    win = MainWindow(Settings(settings_path), show_errors=True)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.workers.cancel_all()
    win.workers.wait(5000)
