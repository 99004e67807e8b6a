"""Carrying a machine transcript's times over to a clean transcript of the same recording."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.align import align
from desktop.core.importers import import_file
from desktop.core.media import MediaStore
from desktop.core.timeline import Timeline, with_turn_times

DATA = Path(__file__).resolve().parent.parent / "data"
WHISPER = DATA / "whisper-timestamped_apollo11.words.json"

# A hand-cleaned copy of the Whisper output above, as an editor would publish it: speakers
# named, fillers ("uh") dropped, a sentence removed ("We've got them in their helmet bags."),
# the order of a few words changed ("the other one on Mike" -> "on Mike the other one"),
# punctuation and case tidied.
PARAGRAPHS = [
    "HOUSTON: Apollo 11, Houston. We got a recommendation for you on your Doiges EA, "
    "LM-EGEA. Over.",
    "APOLLO: Go ahead.",
    "HOUSTON: Okay. We'd like to see if they'd like to go on the helmet we were going to have "
    "in B-1. And you can put on Mike the other one, Melvin, and we're still seeing a sleep "
    "restraint, over.",
    "APOLLO: I got a little bit on Melvin and D1. The other one might go under sleep "
    "restraint. And I'll get the helmet back. I'll leave the pack.",
    "HOUSTON: Roger. Roger, I'll take the next day out of the field. We won't hang me on the "
    "cover.",
    "APOLLO: With the cover, I tried it already.",
    "HOUSTON: Okay, fine. We weren't sure that this was a suggestion. We thought you could "
    "check it out, so I guess wherever you come up with, just let us know.",
    "APOLLO: OK. It's no problem. We'll let you know where to end up.",
]
CLEAN = "\n\n".join(PARAGRAPHS) + "\n"


@pytest.fixture()
def clean_file(tmp_path: Path) -> Path:
    path = tmp_path / "apollo-clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_matched_words_take_the_machine_times(clean_file: Path) -> None:
    clean, timed = import_file(clean_file), import_file(WHISPER)
    assert not clean.is_timed and len(clean.turns) == 8
    result = align(clean, timed)
    assert result.aligned > 0.9  # everything but the reordered words and the dropped fillers
    starts = [start for start, _ in result.turns]
    # each clean turn starts at the Whisper word that says its first words
    assert starts[0] == pytest.approx(0.48)   # "Apollo" 0.48 s
    assert starts[1] == pytest.approx(10.88)  # "Go" 10.88 s
    assert starts[2] == pytest.approx(12.04)  # "Okay." 12.04 s
    assert starts[3] == pytest.approx(31.44)  # "I got a little" 31.44 s
    assert starts[4] == pytest.approx(50.28)  # "Roger." 50.28 s
    assert starts[5] == pytest.approx(59.76)
    assert starts[6] == pytest.approx(62.66)
    assert starts[7] == pytest.approx(74.52)
    ends = [end for _, end in result.turns]
    assert ends[3] == pytest.approx(49.98)  # "I'll leave the pack." ends at 49.98 s
    assert ends[7] == pytest.approx(77.86)
    assert all(a is not None and b is not None and a <= b for a, b in result.turns)


def test_times_are_monotonic_and_unmatched_words_reported(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "APOLLO: With the cover,",
        "EDITOR: This passage was added by the editor and was never said on the radio at all.\n\n"
        "APOLLO: With the cover,",
    )
    path = tmp_path / "edited.txt"
    path.write_text(text, encoding="utf-8")
    clean, timed = import_file(path), import_file(WHISPER)
    result = align(clean, timed)
    added = next(i for i, t in enumerate(clean.turns) if t.text.startswith("This passage"))
    assert result.turns[added] == (None, None)
    assert any(s.turn == added and s.words >= 10 for s in result.unmatched)
    starts = [s for s, _ in result.turns if s is not None]
    assert starts == sorted(starts)


def test_turn_times_make_the_clean_transcript_timed(clean_file: Path) -> None:
    clean, timed = import_file(clean_file), import_file(WHISPER)
    shown = with_turn_times(clean, align(clean, timed).turns)
    assert shown.is_timed
    assert [t.text for t in shown.turns] == [t.text for t in clean.turns]  # words untouched
    timeline = Timeline(shown)
    assert timeline.turn_at(35.0) == 3
    assert timeline.span_times(7, 0, 3) == pytest.approx((74.52, 77.86))


def test_align_cli_prints_json_and_stores_the_times(
    clean_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    env = {"VERBATIM_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "align", str(clean_file), str(WHISPER), "--json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert set(printed) == {"aligned", "turns"}
    assert 0.9 < printed["aligned"] <= 1
    assert printed["turns"][0] == {"turn": 0, "start": 0.48, "end": 7.08}
    assert [t["turn"] for t in printed["turns"]] == list(range(8))
    clean = import_file(clean_file)
    with MediaStore(data / "media.sqlite3") as store:
        stored = store.turn_times(clean_file, clean.source.sha256)
        assert stored is not None and stored[1] == (10.88, 11.48)
        assert store.turn_times(clean_file, "another sha") is None  # the file changed since


def test_align_cli_refuses_an_untimed_second_file(clean_file: Path, tmp_path: Path) -> None:
    env = {"VERBATIM_DATA_DIR": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "align", str(clean_file), str(clean_file)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "has no times" in done.stderr
