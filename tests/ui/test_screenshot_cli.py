"""`verbatim --screenshot OUT.png [FILE]` in a real subprocess, as users and CI run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import REPO

pytestmark = pytest.mark.timeout(120)


def run_verbatim(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # --screenshot must force offscreen by itself
    env["VERBATIM_DATA_DIR"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # a stray settings write would land here
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=100, check=False,
    )


def distinct_colours(image: QImage, step: int = 7) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_of_the_sample(tmp_path: Path, theme: str) -> None:
    out = tmp_path / f"shot-{theme}.png"
    result = run_verbatim("--screenshot", str(out), "--theme", theme, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert distinct_colours(image) > 20  # text, speaker colours, tints: not a blank frame
    centre = image.pixelColor(900, 400)
    assert (centre.lightness() < 128) == (theme == "dark")
    assert not (tmp_path / "config").exists()  # the user's settings were not touched


def test_screenshot_of_a_given_file(tmp_path: Path) -> None:
    source = tmp_path / "talk.txt"
    source.write_text("HOST: Welcome to the show.\n\nGUEST: Thanks for having me.\n",
                      encoding="utf-8")
    out = tmp_path / "talk.png"
    result = run_verbatim("--screenshot", str(out), str(source), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).size().toTuple() == (1280, 800)


def test_screenshot_of_an_unusable_file_exits_1_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    out = tmp_path / "never.png"
    result = run_verbatim("--screenshot", str(out), str(bad), tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "photo.jpg" in lines[0] and "Traceback" not in result.stderr
    assert not out.exists()


def test_screenshot_to_an_unwritable_place_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "shot.png"
    result = run_verbatim("--screenshot", str(out), tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "shot.png" in lines[0] and "Traceback" not in result.stderr


def test_window_without_a_display_exits_1_with_one_line(tmp_path: Path) -> None:
    env_patch = {"DISPLAY": "", "WAYLAND_DISPLAY": ""}
    env = dict(os.environ, **env_patch, VERBATIM_DATA_DIR=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run([sys.executable, "-m", "desktop"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0]


def test_screenshot_leaves_the_users_library_alone(tmp_path: Path) -> None:
    """A screenshot is not a reading session: nothing is added to the user's library."""
    out = tmp_path / "shot.png"
    result = run_verbatim("--screenshot", str(out), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert not (tmp_path / "data").exists()
